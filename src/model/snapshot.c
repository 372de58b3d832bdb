/* Snapshot lifetime and small queries (see snapshot.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model_internal.h"
#include "sitrep/buf.h"
#include "sitrep/sanitize.h"
#include "sitrep/snapshot.h"
#include "sitrep/timefmt.h"

const char *evidence_kind_name(unsigned kinds)
{
    static const char *const names[] = {"none", "official", "crowd", "both"};

    return names[kinds & EVIDENCE_BOTH];
}

const char *source_health_name(enum source_health health)
{
    static const char *const names[] = {
        [HEALTH_PENDING] = "pending",
        [HEALTH_OK] = "ok",
        [HEALTH_SLOW] = "slow",
        [HEALTH_FAILING] = "failing",
        [HEALTH_BACKING_OFF] = "backing_off",
    };

    return (unsigned)health < sizeof names / sizeof names[0] ? names[health] : "failing";
}

static void describe_failure(const struct snap_source *src, time_t now, unsigned san_flags,
                             struct buf *out)
{
    char iso[32], *err = sanitize_str(src->error, 200, san_flags | SAN_ELLIPSIS);

    if (src->health == HEALTH_BACKING_OFF) {
        time_format_iso8601(src->backoff_until, iso, sizeof iso);
        buf_printf(out, "backing off until %.8s UTC", iso + 11);
    } else {
        buf_puts(out, "failing");
    }
    buf_printf(out, " after %d failure%s: %s", src->failures, src->failures == 1 ? "" : "s", err);
    free(err);
    (void)now;
}

void snap_source_describe(const struct snap_source *src, time_t now, unsigned san_flags,
                          struct buf *out)
{
    char age[32] = "-";

    if (src->age_s >= 0)
        time_format_duration(src->age_s, age, sizeof age);
    switch (src->health) {
    case HEALTH_PENDING: buf_puts(out, "waiting for the first poll"); return;
    case HEALTH_OK: buf_printf(out, "ok, data %s old", age); return;
    case HEALTH_SLOW:
        buf_printf(out, "slow (%.1fs), data %s old", src->elapsed_ms / 1000.0, age);
        return;
    case HEALTH_FAILING:
    case HEALTH_BACKING_OFF: describe_failure(src, now, san_flags, out); break;
    }
    if (src->expired && src->has_data)
        buf_printf(out, "; data %s old, too old to show: UNKNOWN", age);
    else if (src->expired)
        buf_puts(out, "; no data: UNKNOWN");
    else
        buf_printf(out, "; showing data %s old", age);
}

static void put_clock(struct buf *out, time_t t)
{
    char iso[32];

    time_format_iso8601(t, iso, sizeof iso);
    buf_printf(out, "%.5s UTC", iso + 11);
}

void snap_crowd_describe(const struct snap_crowd *c, unsigned san_flags, struct buf *out)
{
    buf_printf(out, "%s: ", region_code(c->region));
    if (c->count < 0)
        buf_puts(out, "no complete bucket yet");
    else if (c->baseline > 0)
        buf_printf(out, "%ld reports vs %ld normal (%.1fx)", c->count, c->baseline,
                   (double)c->count / (double)c->baseline);
    else
        buf_printf(out, "%ld reports", c->count);
    if (c->source_status != LEVEL_NONE)
        buf_printf(out, ", source says %s", level_name(c->source_status));
    if (c->problem_since && level_is_problem(c->level)) {
        buf_puts(out, ", problems since ");
        put_clock(out, c->problem_since);
    }
    for (size_t i = 0; i < c->ncategories && i < 4; i++) {
        char *name = sanitize_str(c->categories[i], 24, san_flags | SAN_ELLIPSIS);
        buf_printf(out, "%s%s %.0f%%", i ? ", " : "; ", name, c->shares[i] * 100);
        free(name);
    }
    if (c->stale)
        buf_puts(out, " (stale)");
}

void snap_status_describe(const char *raw, bool inferred, unsigned san_flags, struct buf *out)
{
    char *clean;

    if (inferred) {
        buf_puts(out, "no longer listed (inferred)");
        return;
    }
    if (!raw || !*raw) {
        buf_puts(out, "status not given");
        return;
    }
    clean = sanitize_str(raw, 40, san_flags | SAN_ELLIPSIS);
    for (char *p = clean; *p; p++) {
        if (*p == '_' || *p == '-')
            *p = ' '; /* in_progress, under-maintenance: words, not enums */
    }
    buf_puts(out, clean);
    free(clean);
}

bool snap_lead_describe(const struct snap_service *s, time_t now, struct buf *out)
{
    char d[32];

    if (s->official_silent && s->crowd_since && now >= s->crowd_since) {
        time_format_duration((long)(now - s->crowd_since), d, sizeof d);
        buf_printf(out, "no official word yet; crowd problems for %s", d);
    } else if (s->lead_s >= 0) {
        time_format_duration(s->lead_s, d, sizeof d);
        buf_printf(out, "crowd led official by %s", d);
    } else if (s->official_first) {
        buf_puts(out, "the official side spoke first");
    } else {
        return false;
    }
    return true;
}

bool snap_shared_describe(const struct snap_service *s, unsigned san_flags, struct buf *out)
{
    if (!s->shared_family)
        return false;
    buf_puts(out, "likely shared cause with ");
    for (size_t i = 0; i < s->nshared_with; i++) {
        char *name = sanitize_str(s->shared_with[i], 24, san_flags | SAN_ELLIPSIS);
        buf_printf(out, "%s%s", i ? ", " : "", name);
        free(name);
    }
    char *fam = sanitize_str(s->shared_family, 24, san_flags);
    buf_printf(out, " (%s) in", fam);
    free(fam);
    for (size_t i = 0; i < s->nshared_regions; i++)
        buf_printf(out, " %s", region_code(s->shared_regions[i]));
    return true;
}

static void free_strings(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

void snap_incident_free(struct snap_incident *inc)
{
    free(inc->source);
    free(inc->id);
    free(inc->title);
    free(inc->status);
    free(inc->impact);
    free(inc->url);
    free_strings(inc->components, inc->ncomponents);
    free(inc->regions);
    for (size_t i = 0; i < inc->nupdates; i++) {
        free(inc->updates[i].status);
        free(inc->updates[i].body);
    }
    free(inc->updates);
}

static void free_crowd(struct snap_crowd *c)
{
    free(c->source);
    free(c->key);
    free(c->label);
    free_strings(c->categories, c->ncategories);
    free(c->shares);
    free(c->counts);
    free(c->baselines);
}

static void free_service(struct snap_service *s, size_t ncolumns)
{
    free(s->id);
    free(s->name);
    free(s->family);
    for (size_t c = 0; s->cells && c < ncolumns; c++)
        free(s->cells[c].hist);
    free(s->cells);
    for (size_t i = 0; i < s->nincidents; i++)
        snap_incident_free(&s->incidents[i]);
    free(s->incidents);
    for (size_t i = 0; i < s->nsources; i++) {
        free(s->sources[i].id);
        free(s->sources[i].format);
        free(s->sources[i].url);
        free(s->sources[i].host);
        free(s->sources[i].page_name);
        free(s->sources[i].error);
    }
    free(s->sources);
    for (size_t i = 0; i < s->ncomponents; i++) {
        free(s->components[i].source);
        free(s->components[i].id);
        free(s->components[i].name);
        free(s->components[i].group);
    }
    free(s->components);
    for (size_t i = 0; i < s->ncrowd; i++)
        free_crowd(&s->crowd[i]);
    free(s->crowd);
    free(s->shared_family);
    free_strings(s->shared_with, s->nshared_with);
    free(s->shared_regions);
    free(s->hist);
    snap_changes_free(s->changes, s->nchanges);
}

void snap_changes_free(struct snap_change *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].regions);
        free(v[i].note);
    }
    free(v);
}

void snapshot_free(struct snapshot *snap)
{
    if (!snap)
        return;
    for (size_t i = 0; i < snap->nservices; i++)
        free_service(&snap->services[i], snap->ncolumns);
    free(snap->services);
    free(snap->columns);
    free(snap->history_problem);
    free(snap);
}

enum level snap_service_worst(const struct snapshot *snap, const struct snap_service *s)
{
    enum level worst = LEVEL_NONE;

    for (size_t c = 0; s->cells && c < snap->ncolumns; c++)
        worst = level_worst(worst, s->cells[c].level);
    return worst;
}

enum level snapshot_worst(const struct snapshot *snap)
{
    enum level worst = LEVEL_NONE;

    for (size_t i = 0; i < snap->nservices; i++)
        worst = level_worst(worst, snap_service_worst(snap, &snap->services[i]));
    return worst;
}

/* Whether every problem cell of s is only possible. */
static bool only_possible(const struct snapshot *snap, const struct snap_service *s)
{
    for (size_t c = 0; c < snap->ncolumns; c++) {
        if (level_is_problem(s->cells[c].level) && !s->cells[c].possible)
            return false;
    }
    return true;
}

void snapshot_tally(const struct snapshot *snap, struct snap_tally *out)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < snap->nservices; i++) {
        const struct snap_service *s = &snap->services[i];
        enum level worst = snap_service_worst(snap, s);
        if (level_is_problem(worst)) {
            out->problems++;
            out->possible += only_possible(snap, s);
        } else if (worst == LEVEL_MAINTENANCE) {
            out->maintenance++;
        } else if (worst == LEVEL_NOTICE) {
            out->notices++;
        } else if (worst == LEVEL_UNKNOWN) {
            out->unknown++;
        } else if (worst == LEVEL_OK) {
            out->ok++;
        } else {
            out->none++;
        }
    }
}
