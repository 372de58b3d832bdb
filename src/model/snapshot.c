/* Snapshot lifetime and small queries (see snapshot.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model_internal.h"
#include "sitrep/buf.h"
#include "sitrep/sanitize.h"
#include "sitrep/snapshot.h"
#include "sitrep/timefmt.h"
#include "sitrep/xalloc.h"

char evidence_kind_flag(unsigned kinds)
{
    bool official = kinds & EVIDENCE_OFFICIAL, crowd = kinds & EVIDENCE_CROWD;
    bool mentions = kinds & EVIDENCE_MENTIONS;

    if (official && (crowd || mentions))
        return '+';
    if (crowd)
        return '~';
    return mentions ? '@' : '\0';
}

const char *evidence_kind_name(unsigned kinds)
{
    static const char *const names[] = {"none",           "official",     "crowd",
                                        "both",           "mentions",     "official+mentions",
                                        "crowd+mentions", "both+mentions"};

    return names[kinds & (EVIDENCE_BOTH | EVIDENCE_MENTIONS)];
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
    const char *what = c->mentions ? "mentions" : "reports";

    buf_printf(out, "%s: ", region_code(c->region));
    if (c->mentions) {
        /* the series' key says which language or instance suggests it */
        char *key = sanitize_str(c->key, 24, san_flags | SAN_ELLIPSIS);
        buf_printf(out, "(%s, possible) ", key);
        free(key);
    }
    if (c->count < 0)
        buf_puts(out, "no complete bucket yet");
    else if (c->baseline > 0)
        buf_printf(out, "%ld %s vs %ld normal (%.1fx)", c->count, what, c->baseline,
                   (double)c->count / (double)c->baseline);
    else
        buf_printf(out, "%ld %s", c->count, what);
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

void snap_sample_describe(const struct snap_sample *s, unsigned san_flags, int max_cols,
                          struct buf *out)
{
    char *where = sanitize_str(s->where, 40, san_flags | SAN_ELLIPSIS);
    char *text = sanitize_str(s->text, max_cols, san_flags | SAN_ELLIPSIS);

    put_clock(out, s->at);
    buf_printf(out, " %s: %s", where, text);
    free(where);
    free(text);
}

bool snap_cell_note(const struct snap_service *s, const struct snap_cell *c, time_t now,
                    unsigned san_flags, struct buf *out)
{
    char d[32];

    (void)now;
    if (c->level == LEVEL_UNKNOWN && c->unknown_src >= 0 && (size_t)c->unknown_src < s->nsources) {
        const struct snap_source *src = &s->sources[c->unknown_src];
        char *host = sanitize_str(src->host ? src->host : src->id, 60, san_flags | SAN_ELLIPSIS);
        char *err =
            sanitize_str(src->error ? src->error : "no answer", 160, san_flags | SAN_ELLIPSIS);
        buf_printf(out, "could not be read: %s ", host);
        if (src->expired && src->has_data && src->failures > 0) {
            buf_puts(out, "failing since ");
            put_clock(out, src->failing_since);
            time_format_duration(src->age_s, d, sizeof d);
            buf_printf(out, ", its data %s old", d);
        } else if (src->failures > 0) {
            buf_puts(out, "failing since ");
            put_clock(out, src->failing_since);
        } else {
            buf_puts(out, "has data too old to show");
        }
        buf_printf(out, ": %s", err);
        free(host);
        free(err);
        return true;
    }
    if (c->level == LEVEL_UNKNOWN) {
        buf_puts(out, "could not be read");
        return true;
    }
    if (c->pending) {
        buf_puts(out, "waiting for the first answer");
        return true;
    }
    if (c->possible && (c->evidence & EVIDENCE_MENTIONS) && !(c->evidence & EVIDENCE_CROWD)) {
        buf_puts(out, "possible: public mentions only, not reports");
        if (c->mentions >= 0)
            buf_printf(out, " (%ld authors in the last bucket vs %ld normal)", c->mentions,
                       c->mentions_baseline < 0 ? 0 : c->mentions_baseline);
        if (c->possible_region != REGION_NONE)
            buf_printf(out, ", for %s", region_code(c->possible_region));
        return true;
    }
    if (c->possible && c->possible_region != REGION_NONE) {
        buf_printf(out, "possible: reported for %s, wider than the column",
                   region_code(c->possible_region));
        return true;
    }
    return false;
}

size_t snap_service_notes(const struct snapshot *snap, const struct snap_service *s,
                          unsigned san_flags, bool unknown_only, struct snap_note **out)
{
    struct snap_note *v = NULL;
    size_t n = 0;
    struct buf note = {0};

    for (size_t c = 0; c < snap->ncolumns; c++) {
        size_t k;
        if (unknown_only && s->cells[c].level != LEVEL_UNKNOWN)
            continue;
        buf_reset(&note);
        if (!snap_cell_note(s, &s->cells[c], snap->generated_at, san_flags, &note))
            continue;
        for (k = 0; k < n && strcmp(v[k].text, buf_str(&note)) != 0; k++)
            ;
        if (k == n) {
            v = xreallocarray(v, n + 1, sizeof *v);
            v[n++] = (struct snap_note){.text = xstrdup(buf_str(&note))};
            v[k].columns = xcalloc(snap->ncolumns, sizeof *v[k].columns);
        }
        v[k].columns[v[k].ncolumns++] = snap->columns[c];
    }
    buf_free(&note);
    *out = v;
    return n;
}

void snap_notes_free(struct snap_note *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].text);
        free(v[i].columns);
    }
    free(v);
}

void snap_tally_describe(const struct snap_tally *t, struct buf *out)
{
    buf_printf(out, "%zu with problems", t->problems);
    if (t->possible)
        buf_printf(out, " (%zu only possible)", t->possible);
    if (t->maintenance)
        buf_printf(out, "; %zu in maintenance", t->maintenance);
    if (t->notices)
        buf_printf(out, "; %zu with notices", t->notices);
    if (t->unknown)
        buf_printf(out, "; %zu unknown: could not be fetched", t->unknown);
    if (t->ok)
        buf_printf(out, "; %zu ok", t->ok);
    if (t->none)
        buf_printf(out, "; %zu without data yet", t->none);
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
    for (size_t i = 0; i < c->nsamples; i++) {
        free(c->samples[i].where);
        free(c->samples[i].text);
    }
}

void snap_service_drop_hist(struct snap_service *s, size_t ncolumns)
{
    if (s->hist_mem) {
        free(s->hist_mem);
    } else {
        free(s->hist);
        for (size_t c = 0; s->cells && c < ncolumns; c++)
            free(s->cells[c].hist);
    }
    s->hist_mem = s->hist = NULL;
    for (size_t c = 0; s->cells && c < ncolumns; c++)
        s->cells[c].hist = NULL;
}

void snap_service_set_hist(struct snap_service *s, size_t ncolumns, const unsigned char *rows,
                           size_t n)
{
    size_t nrows = 1 + ncolumns, distinct = 0;
    size_t *at = xcalloc(nrows, sizeof *at); /* where each row lives in the block */

    snap_service_drop_hist(s, ncolumns);
    for (size_t r = 0; r < nrows; r++) {
        at[r] = distinct;
        for (size_t q = 0; q < r; q++) {
            if (memcmp(rows + q * n, rows + r * n, n) == 0) {
                at[r] = at[q];
                break;
            }
        }
        if (at[r] == distinct)
            distinct++;
    }
    s->hist_mem = xmalloc(distinct * n);
    for (size_t r = 0; r < nrows; r++) {
        unsigned char *row = s->hist_mem + at[r] * n;
        memcpy(row, rows + r * n, n);
        if (r == 0)
            s->hist = row;
        else
            s->cells[r - 1].hist = row;
    }
    free(at);
}

void snap_service_free(struct snap_service *s, size_t ncolumns)
{
    free(s->id);
    free(s->name);
    free(s->family);
    snap_service_drop_hist(s, ncolumns);
    free(s->cells);
    for (size_t i = 0; i < s->nincidents; i++)
        snap_incident_free(&s->incidents[i]);
    free(s->incidents);
    for (size_t i = 0; i < s->nsources; i++) {
        if (!s->sources_inline) {
            free(s->sources[i].id);
            free(s->sources[i].format);
            free(s->sources[i].url);
            free(s->sources[i].host);
            free(s->sources[i].page_name);
        }
        free(s->sources[i].error);
    }
    free(s->sources);
    for (size_t i = 0; !s->components_inline && i < s->ncomponents; i++) {
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
    free(s->network_hint);
    free_strings(s->shared_with, s->nshared_with);
    free(s->shared_regions);
    free(s->episodes);
    snap_changes_free(s->changes, s->nchanges);
    memset(s, 0, sizeof *s);
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
        snap_service_free(&snap->services[i], snap->ncolumns);
    free(snap->services);
    free(snap->columns);
    free(snap->history_problem);
    free(snap->remote_problem);
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

/* The state one cell asks for. */
static int cell_nagios(const struct snap_cell *c)
{
    int code = level_nagios(c->level);

    if (code == 2 && c->possible)
        return 1; /* not certain for this column: a warning, not a page */
    return code;
}

int snapshot_nagios(const struct snapshot *snap)
{
    bool warning = false, unknown = false;

    for (size_t i = 0; i < snap->nservices; i++) {
        for (size_t c = 0; c < snap->ncolumns; c++) {
            int code = cell_nagios(&snap->services[i].cells[c]);
            if (code == 2)
                return 2;
            warning |= code == 1;
            unknown |= code == 3;
        }
    }
    return warning ? 1 : unknown ? 3 : 0;
}

static uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    return h * 1099511628211ULL;
}

static uint64_t mix_str(uint64_t h, const char *s)
{
    for (; s && *s; s++)
        h = mix(h, (unsigned char)*s);
    return mix(h, 0);
}

uint64_t snapshot_digest(const struct snapshot *snap)
{
    uint64_t h = 14695981039346656037ULL;

    for (size_t i = 0; i < snap->nservices; i++) {
        const struct snap_service *s = &snap->services[i];
        for (size_t c = 0; c < snap->ncolumns; c++) {
            const struct snap_cell *cell = &s->cells[c];
            h = mix(h, (uint64_t)cell->level | (uint64_t)cell->evidence << 8 |
                           (uint64_t)cell->possible << 12 | (uint64_t)cell->stale << 13);
            h = mix(h, (uint64_t)cell->since);
        }
        for (size_t k = 0; k < s->nincidents; k++) {
            const struct snap_incident *inc = &s->incidents[k];
            h = mix_str(mix_str(h, inc->id), inc->status);
            h = mix(h, (uint64_t)inc->nupdates << 2 | (uint64_t)inc->open << 1 | inc->upcoming);
        }
        for (size_t k = 0; k < s->nsources; k++)
            h = mix(h, (uint64_t)s->sources[k].health << 1 | s->sources[k].expired);
        h = mix(h, (uint64_t)s->lead_s);
    }
    return h;
}

/* FNV-1a over a string's bytes: the row digest runs over every component
 * name of every service a poll touched, and mix() a byte is slower. */
static uint64_t fnv_str(uint64_t h, const char *s)
{
    for (; s && *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return mix(h, 0);
}

uint64_t snap_service_row_digest(const struct snapshot *snap, const struct snap_service *s)
{
    uint64_t h =
        fnv_str(mix(14695981039346656037ULL, (uint64_t)s->level | s->evidence << 8), s->name);

    h = mix(h, (uint64_t)s->since);
    for (size_t c = 0; c < snap->ncolumns; c++) {
        const struct snap_cell *cell = &s->cells[c];
        h = mix(h, (uint64_t)cell->level | (uint64_t)cell->evidence << 8 |
                       (uint64_t)cell->possible << 12 | (uint64_t)cell->stale << 13 |
                       (uint64_t)cell->pending << 14 | (uint64_t)cell->certain << 16);
        h = mix(h, (uint64_t)cell->reports ^ (uint64_t)cell->baseline << 32);
        h = mix(h, (uint64_t)cell->since);
        for (size_t k = 0; cell->hist && k < snap->nhist; k++)
            h = mix(h, cell->hist[k]);
    }
    for (size_t k = 0; s->hist && k < snap->nhist; k++)
        h = mix(h, s->hist[k]);
    /* the expanded rows: components and symptoms */
    for (size_t k = 0; k < s->ncomponents; k++) {
        const struct snap_component *c = &s->components[k];
        h = mix(fnv_str(h, c->name), (uint64_t)c->level | (uint64_t)c->region << 8 | c->is_group);
    }
    for (size_t k = 0; k < s->ncrowd; k++) {
        const struct snap_crowd *c = &s->crowd[k];
        h = mix(h, (uint64_t)c->level | (uint64_t)c->region << 8);
        for (size_t j = 0; j < c->ncategories; j++)
            h = mix(fnv_str(h, c->categories[j]), (uint64_t)(c->shares[j] * 1000));
    }
    return h;
}

void snap_delta_clear(struct snap_delta *d)
{
    d->all = false;
    d->ncopied = d->nrows = 0;
}

static void push_index(size_t **v, size_t *n, size_t *cap, size_t x)
{
    if (*n == *cap) {
        *cap = *cap ? 2 * *cap : 16;
        *v = xreallocarray(*v, *cap, sizeof **v);
    }
    (*v)[(*n)++] = x;
}

void snap_delta_add(struct snap_delta *d, size_t svc, bool row_changed)
{
    push_index(&d->copied, &d->ncopied, &d->cap_copied, svc);
    if (row_changed)
        push_index(&d->rows, &d->nrows, &d->cap_rows, svc);
}

void snap_delta_free(struct snap_delta *d)
{
    free(d->copied);
    free(d->rows);
    *d = (struct snap_delta){0};
}
