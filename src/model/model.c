/* The model: sources' evidence in, cells out (see model.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model_internal.h"
#include "sitrep/xalloc.h"

struct model *model_new(const struct config *cfg)
{
    struct model *m = xcalloc(1, sizeof *m);

    m->cfg = cfg;
    m->nservices = cfg->nservices;
    m->services = xcalloc(cfg->nservices, sizeof *m->services);
    for (size_t i = 0; i < cfg->nservices; i++) {
        struct service_state *s = &m->services[i];
        s->conf = &cfg->services[i];
        s->sources = xcalloc(s->conf->nsources, sizeof *s->sources);
        for (size_t j = 0; j < s->conf->nsources; j++)
            s->sources[j].conf = &s->conf->sources[j];
        s->cells = xcalloc(cfg->ncolumns, sizeof *s->cells);
    }
    return m;
}

void model_free(struct model *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->nservices; i++) {
        struct service_state *s = &m->services[i];
        for (size_t j = 0; j < s->conf->nsources; j++) {
            evidence_free(&s->sources[j].ev);
            evidence_free(&s->sources[j].gone);
            free(s->sources[j].error);
            crowd_tracks_free(&s->sources[j]);
        }
        free(s->sources);
        free(s->cells);
    }
    free(m->services);
    crowd_changes_free(m);
    free(m);
}

size_t model_service_count(const struct model *m)
{
    return m->nservices;
}

size_t model_source_count(const struct model *m, size_t service)
{
    return service < m->nservices ? m->services[service].conf->nsources : 0;
}

static struct source_state *source_at(struct model *m, size_t svc, size_t src)
{
    if (svc >= m->nservices || src >= m->services[svc].conf->nsources)
        abort(); /* a caller bug, not remote input */
    return &m->services[svc].sources[src];
}

/* ---- feeding the model ----------------------------------------------- */

static void tag_regions(struct evidence *ev, const struct region_rules *rules)
{
    for (size_t i = 0; i < ev->ncomponents; i++) {
        struct component *c = &ev->components[i];
        const char *group = c->is_group ? c->name : c->group_name;
        c->region = region_rules_apply(rules, c->id, c->name, group);
    }
}

#define GONE_KEEP_S 86400

static bool has_incident(const struct evidence *ev, const char *id)
{
    for (size_t i = 0; i < ev->nincidents; i++) {
        if (ev->incidents[i].id && strcmp(ev->incidents[i].id, id) == 0)
            return true;
    }
    return false;
}

/* Moves the open incidents of old that next no longer lists into gone,
 * resolved as of now; forgets gone ones that came back or are a day old. */
static void remember_gone(struct evidence *gone, struct evidence *old, const struct evidence *next,
                          time_t now)
{
    size_t keep = 0;

    for (size_t i = 0; i < gone->nincidents; i++) {
        struct incident *inc = &gone->incidents[i];
        if (has_incident(next, inc->id) || now - inc->resolved_at > GONE_KEEP_S) {
            incident_free(inc);
            continue;
        }
        gone->incidents[keep++] = *inc;
    }
    gone->nincidents = keep;
    for (size_t i = 0; i < old->nincidents; i++) {
        struct incident *inc = &old->incidents[i];
        if (!inc->open || !inc->id || has_incident(next, inc->id) || has_incident(gone, inc->id))
            continue;
        gone->incidents = xreallocarray(gone->incidents, gone->nincidents + 1, sizeof *inc);
        struct incident *g = &gone->incidents[gone->nincidents++];
        *g = *inc;
        memset(inc, 0, sizeof *inc); /* moved: old no longer owns it */
        g->open = false;
        g->level = LEVEL_OK;
        if (!g->resolved_at || g->resolved_at > now)
            g->resolved_at = now;
        free(g->status);
        g->status = xstrdup(g->maintenance ? "completed" : "resolved");
    }
}

void model_source_success(struct model *m, size_t svc, size_t src, struct evidence *ev, time_t now)
{
    struct source_state *s = source_at(m, svc, src);

    tag_regions(ev, s->conf->rules);
    remember_gone(&s->gone, &s->ev, ev, now);
    crowd_ingest(m, svc, src, ev, now); /* takes the report series out of ev */
    evidence_free(&s->ev);
    s->ev = *ev;
    memset(ev, 0, sizeof *ev);
    s->has_data = true;
    s->last_attempt = s->last_success = now;
    s->failures = 0;
    free(s->error);
    s->error = NULL;
}

void model_source_unchanged(struct model *m, size_t svc, size_t src, time_t now)
{
    struct source_state *s = source_at(m, svc, src);

    s->last_attempt = now;
    if (s->has_data) {
        s->last_success = now;
        s->failures = 0;
        free(s->error);
        s->error = NULL;
    }
}

void model_source_timing(struct model *m, size_t svc, size_t src, const struct source_timing *t)
{
    struct source_state *s = source_at(m, svc, src);

    s->timing = *t;
    s->timed = true;
}

void model_source_failure(struct model *m, size_t svc, size_t src, const char *reason, time_t now)
{
    struct source_state *s = source_at(m, svc, src);

    s->last_attempt = now;
    s->failures++;
    free(s->error);
    s->error = xstrdup(reason && *reason ? reason : "failed");
}

/* ---- evidence to contributions --------------------------------------- */

bool source_expired(const struct config *cfg, const struct source_state *s, time_t now)
{
    if (s->failures == 0)
        return false;
    if (!s->has_data || s->failures >= cfg->expire_failures)
        return true;
    return now - s->last_success > cfg->expire_age_s;
}

struct contrib *contrib_add(struct contribs *cs, region_id region, enum level level, time_t since,
                            unsigned kind)
{
    if (region == REGION_NONE || level == LEVEL_NONE)
        return NULL;
    if (cs->n == cs->cap) {
        cs->cap = cs->cap ? cs->cap * 2 : 32;
        cs->v = xreallocarray(cs->v, cs->cap, sizeof *cs->v);
    }
    cs->v[cs->n] = (struct contrib){.region = region,
                                    .level = level,
                                    .since = since,
                                    .kind = kind,
                                    .reports = -1,
                                    .baseline = -1};
    return &cs->v[cs->n++];
}

static region_id component_region(const struct evidence *ev, const char *id, region_id dflt)
{
    const struct component *c = evidence_component(ev, id);

    return c && c->region != REGION_NONE ? c->region : dflt;
}

static void incident_contribs(const struct evidence *ev, region_id dflt, struct contribs *cs)
{
    for (size_t i = 0; i < ev->nincidents; i++) {
        const struct incident *inc = &ev->incidents[i];
        time_t since = inc->started_at ? inc->started_at : inc->created_at;
        if (!inc->open)
            continue;
        if (inc->ncomponent_ids == 0)
            contrib_add(cs, dflt, inc->level, since, EVIDENCE_OFFICIAL);
        for (size_t j = 0; j < inc->ncomponent_ids; j++)
            contrib_add(cs, component_region(ev, inc->component_ids[j], dflt), inc->level, since,
                        EVIDENCE_OFFICIAL);
    }
}

/* Appends what one source says officially to cs. */
static void official_contribs(const struct config *cfg, const struct source_state *s, time_t now,
                              struct contribs *cs)
{
    const struct evidence *ev = &s->ev;
    region_id dflt = region_rules_default(s->conf->rules);
    size_t first = cs->n;
    enum level worst = LEVEL_NONE;

    if (!s->has_data) {
        if (s->failures > 0)
            contrib_add(cs, dflt, LEVEL_UNKNOWN, 0, EVIDENCE_OFFICIAL);
    } else {
        for (size_t i = 0; i < ev->ncomponents; i++) {
            const struct component *c = &ev->components[i];
            if (c->nchildren > 0)
                continue; /* a group speaks through its children */
            contrib_add(cs, c->region, c->level, level_is_problem(c->level) ? c->updated_at : 0,
                        EVIDENCE_OFFICIAL);
        }
        incident_contribs(ev, dflt, cs);
        for (size_t i = first; i < cs->n; i++)
            worst = level_worst(worst, cs->v[i].level);
        /* The indicator only adds what components and incidents leave out. */
        if (ev->indicator_level > worst)
            contrib_add(cs, dflt, ev->indicator_level, ev->updated_at, EVIDENCE_OFFICIAL);
    }
    bool expired = source_expired(cfg, s, now);
    for (size_t i = first; i < cs->n; i++) {
        cs->v[i].age_s = s->last_success ? (long)(now - s->last_success) : -1;
        cs->v[i].stale = s->failures > 0 && s->has_data;
        if (expired)
            cs->v[i].level = LEVEL_UNKNOWN;
    }
}

/* ---- contributions to cells ------------------------------------------ */

/* Adds a crowd contribution inside the column to the cell's counts. */
static void add_reports(struct snap_cell *cell, const struct contrib *k)
{
    if (k->reports < 0)
        return;
    cell->reports = (cell->reports < 0 ? 0 : cell->reports) + k->reports;
    if (k->baseline >= 0)
        cell->baseline = (cell->baseline < 0 ? 0 : cell->baseline) + (long)(k->baseline + 0.5);
}

/* The kinds behind the shown level: when it is a problem, the kinds that
 * report a problem ("both" means they agree), else every kind present. */
static unsigned shown_kinds(unsigned any, unsigned problem, enum level level)
{
    return level_is_problem(level) ? problem : any;
}

void cell_from_contribs(const struct contribs *cs, region_id column, struct snap_cell *cell,
                        time_t *since)
{
    enum level certain = LEVEL_NONE, possible = LEVEL_NONE;
    unsigned any = 0, problem = 0;

    memset(cell, 0, sizeof *cell);
    cell->reports = cell->baseline = cell->age_s = -1;
    *since = 0;
    for (size_t i = 0; i < cs->n; i++) {
        const struct contrib *k = &cs->v[i];
        if (region_contains(column, k->region)) {
            certain = level_worst(certain, k->level);
            add_reports(cell, k);
        } else if (region_overlaps(column, k->region)) {
            if (level_is_problem(k->level))
                possible = level_worst(possible, k->level);
            else
                certain = level_worst(certain, k->level);
        } else {
            continue;
        }
        any |= k->kind;
        if (level_is_problem(k->level))
            problem |= k->kind;
        cell->stale |= k->stale;
        if (k->age_s > cell->age_s)
            cell->age_s = k->age_s;
    }
    cell->certain = certain;
    cell->possible = possible > certain;
    cell->level = level_worst(certain, possible);
    cell->evidence = shown_kinds(any, problem, cell->level);
    /* The evidence's own start time of the shown level: the earliest one. */
    for (size_t i = 0; i < cs->n; i++) {
        const struct contrib *k = &cs->v[i];
        if (k->level == cell->level && k->since && region_overlaps(column, k->region) &&
            (*since == 0 || k->since < *since))
            *since = k->since;
    }
}

/* Keeps "since" across snapshots: it moves only when the level changes. */
time_t track_since(struct cell_state *st, enum level level, time_t evidence_since, time_t now)
{
    if (!st->seen || st->level != level) {
        time_t since = now;
        if (evidence_since && evidence_since <= now && (level_is_problem(level) || !st->seen))
            since = evidence_since;
        st->seen = true;
        st->level = level;
        st->since = since;
    }
    return st->since;
}

/* Everything a service's sources say, official and crowd, into cs; sets
 * *official_since to when the official side first showed a problem (0 when
 * it shows none). */
void service_contribs(const struct config *cfg, struct service_state *s, time_t now,
                      struct contribs *cs, time_t *official_since)
{
    time_t first = 0;
    bool problem = false;

    for (size_t j = 0; j < s->conf->nsources; j++)
        official_contribs(cfg, &s->sources[j], now, cs);
    for (size_t i = 0; i < cs->n; i++) {
        const struct contrib *k = &cs->v[i];
        if (!level_is_problem(k->level))
            continue;
        problem = true;
        if (k->since && (!first || k->since < first))
            first = k->since;
    }
    /* Pages do not always date a problem; then it began when we saw it. */
    if (!problem)
        s->official_seen = 0;
    else if (!s->official_seen)
        s->official_seen = now;
    *official_since = problem ? (first ? first : s->official_seen) : 0;
    for (size_t j = 0; j < s->conf->nsources; j++)
        crowd_contribs(cfg, &s->sources[j], now, cs);
}
