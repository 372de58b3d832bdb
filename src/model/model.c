/* The model: sources' evidence in, cells out (see model.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sitrep/model.h"
#include "sitrep/xalloc.h"

struct source_state {
    const struct source_conf *conf;
    struct evidence ev; /* last good data; valid when has_data */
    bool has_data;
    time_t last_attempt, last_success;
    char *error;
    int failures;
    struct source_timing timing;
    bool timed; /* timing was given */
};

struct cell_state {
    bool seen;
    enum level level;
    time_t since;
};

struct service_state {
    const struct service_conf *conf;
    struct source_state *sources;
    struct cell_state *cells; /* per column */
    struct cell_state overall;
};

struct model {
    const struct config *cfg;
    struct service_state *services;
    size_t nservices;
};

/* One (region, level) pair of evidence, as described in model.h. */
struct contrib {
    region_id region;
    enum level level;
    unsigned kind;
    time_t since; /* when the evidence says this began, 0 if it does not */
    long age_s;
    bool stale;
};

struct contribs {
    struct contrib *v;
    size_t n, cap;
};

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
            free(s->sources[j].error);
        }
        free(s->sources);
        free(s->cells);
    }
    free(m->services);
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

void model_source_success(struct model *m, size_t svc, size_t src, struct evidence *ev, time_t now)
{
    struct source_state *s = source_at(m, svc, src);

    tag_regions(ev, s->conf->rules);
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

static bool source_expired(const struct config *cfg, const struct source_state *s, time_t now)
{
    if (s->failures == 0)
        return false;
    if (!s->has_data || s->failures >= cfg->expire_failures)
        return true;
    return now - s->last_success > cfg->expire_age_s;
}

static void contrib_add(struct contribs *cs, region_id region, enum level level, time_t since)
{
    if (region == REGION_NONE || level == LEVEL_NONE)
        return;
    if (cs->n == cs->cap) {
        cs->cap = cs->cap ? cs->cap * 2 : 32;
        cs->v = xreallocarray(cs->v, cs->cap, sizeof *cs->v);
    }
    cs->v[cs->n++] = (struct contrib){.region = region, .level = level, .since = since};
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
            contrib_add(cs, dflt, inc->level, since);
        for (size_t j = 0; j < inc->ncomponent_ids; j++)
            contrib_add(cs, component_region(ev, inc->component_ids[j], dflt), inc->level, since);
    }
}

/* Appends what one source says to cs. */
static void source_contribs(const struct config *cfg, const struct source_state *s, time_t now,
                            struct contribs *cs)
{
    const struct evidence *ev = &s->ev;
    region_id dflt = region_rules_default(s->conf->rules);
    size_t first = cs->n;
    enum level worst = LEVEL_NONE;

    if (!s->has_data) {
        if (s->failures > 0)
            contrib_add(cs, dflt, LEVEL_UNKNOWN, 0);
    } else {
        for (size_t i = 0; i < ev->ncomponents; i++) {
            const struct component *c = &ev->components[i];
            if (c->nchildren > 0)
                continue; /* a group speaks through its children */
            contrib_add(cs, c->region, c->level, level_is_problem(c->level) ? c->updated_at : 0);
        }
        incident_contribs(ev, dflt, cs);
        for (size_t i = first; i < cs->n; i++)
            worst = level_worst(worst, cs->v[i].level);
        /* The indicator only adds what components and incidents leave out. */
        if (ev->indicator_level > worst)
            contrib_add(cs, dflt, ev->indicator_level, ev->updated_at);
    }
    bool expired = source_expired(cfg, s, now);
    for (size_t i = first; i < cs->n; i++) {
        cs->v[i].kind = EVIDENCE_OFFICIAL;
        cs->v[i].age_s = s->last_success ? (long)(now - s->last_success) : -1;
        cs->v[i].stale = s->failures > 0 && s->has_data;
        if (expired)
            cs->v[i].level = LEVEL_UNKNOWN;
    }
}

/* ---- contributions to cells ------------------------------------------ */

static void cell_from_contribs(const struct contribs *cs, region_id column, struct snap_cell *cell,
                               time_t *since)
{
    enum level certain = LEVEL_NONE, possible = LEVEL_NONE;

    memset(cell, 0, sizeof *cell);
    cell->reports = cell->baseline = cell->age_s = -1;
    *since = 0;
    for (size_t i = 0; i < cs->n; i++) {
        const struct contrib *k = &cs->v[i];
        if (region_contains(column, k->region)) {
            certain = level_worst(certain, k->level);
        } else if (region_overlaps(column, k->region)) {
            if (level_is_problem(k->level))
                possible = level_worst(possible, k->level);
            else
                certain = level_worst(certain, k->level);
        } else {
            continue;
        }
        cell->evidence |= k->kind;
        cell->stale |= k->stale;
        if (k->age_s > cell->age_s)
            cell->age_s = k->age_s;
    }
    cell->certain = certain;
    cell->possible = possible > certain;
    cell->level = level_worst(certain, possible);
    /* The evidence's own start time of the shown level: the earliest one. */
    for (size_t i = 0; i < cs->n; i++) {
        const struct contrib *k = &cs->v[i];
        if (k->level == cell->level && k->since && region_overlaps(column, k->region) &&
            (*since == 0 || k->since < *since))
            *since = k->since;
    }
}

/* Keeps "since" across snapshots: it moves only when the level changes. */
static time_t track_since(struct cell_state *st, enum level level, time_t evidence_since,
                          time_t now)
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

/* ---- snapshot -------------------------------------------------------- */

static char *url_host(const char *url)
{
    const char *host = strstr(url, "://");

    host = host ? host + 3 : url;
    return xstrndup(host, strcspn(host, "/?#"));
}

static enum source_health health(const struct source_state *s, time_t now)
{
    if (!s->last_attempt)
        return HEALTH_PENDING;
    if (s->failures == 0)
        return s->timed && s->timing.slow ? HEALTH_SLOW : HEALTH_OK;
    if (s->timed && s->timing.backoff_until > now)
        return HEALTH_BACKING_OFF;
    return HEALTH_FAILING;
}

static void snap_source(const struct config *cfg, struct snap_source *o,
                        const struct source_state *s, time_t now)
{
    o->id = xstrdup(s->conf->id);
    o->format = xstrdup(s->conf->format);
    o->url = xstrdup(s->conf->url);
    o->host = url_host(s->conf->url);
    o->page_name = xstrdup_or_null(s->has_data ? s->ev.page_name : NULL);
    o->ok = s->last_attempt && s->failures == 0;
    o->has_data = s->has_data;
    o->stale = s->failures > 0 && s->has_data;
    o->expired = source_expired(cfg, s, now);
    o->level = o->expired ? LEVEL_UNKNOWN : s->has_data ? s->ev.level : LEVEL_NONE;
    o->last_attempt = s->last_attempt;
    o->last_success = s->last_success;
    o->age_s = s->last_success ? (long)(now - s->last_success) : -1;
    o->failures = s->failures;
    o->error = xstrdup_or_null(s->error);
    o->health = health(s, now);
    o->next_poll = s->timing.next_poll;
    o->backoff_until = s->timing.backoff_until > now ? s->timing.backoff_until : 0;
    o->http_status = s->timing.http_status;
    o->elapsed_ms = s->timed ? s->timing.elapsed_ms : -1;
}

static char *component_path(const struct component *c)
{
    if (c && c->group_name)
        return xasprintf("%s - %s", c->group_name, c->name);
    return xstrdup(c ? c->name : "?");
}

static void snap_incident(struct snap_incident *o, const struct incident *inc,
                          const struct source_state *s)
{
    region_id dflt = region_rules_default(s->conf->rules);

    o->source = xstrdup(s->conf->id);
    o->id = xstrdup_or_null(inc->id);
    o->title = xstrdup(inc->name ? inc->name : "");
    o->status = xstrdup(inc->status ? inc->status : "");
    o->impact = xstrdup(inc->impact ? inc->impact : "");
    o->url = xstrdup_or_null(inc->url);
    o->level = inc->level;
    o->open = inc->open;
    o->maintenance = inc->maintenance;
    o->started_at = inc->started_at ? inc->started_at : inc->created_at;
    o->updated_at = inc->updated_at;
    o->resolved_at = inc->resolved_at;
    o->scheduled_for = inc->scheduled_for;
    o->scheduled_until = inc->scheduled_until;
    o->components = xcalloc(inc->ncomponent_ids, sizeof *o->components);
    o->regions = xcalloc(inc->ncomponent_ids + 1, sizeof *o->regions);
    for (size_t i = 0; i < inc->ncomponent_ids; i++) {
        const struct component *c = evidence_component(&s->ev, inc->component_ids[i]);
        if (c)
            o->components[o->ncomponents++] = component_path(c);
        region_id r = c && c->region != REGION_NONE ? c->region : dflt;
        bool dup = false;
        for (size_t j = 0; j < o->nregions; j++)
            dup |= o->regions[j] == r;
        if (!dup)
            o->regions[o->nregions++] = r;
    }
    if (o->nregions == 0)
        o->regions[o->nregions++] = dflt;
    o->updates = xcalloc(inc->nupdates, sizeof *o->updates);
    o->nupdates = inc->nupdates;
    for (size_t i = 0; i < inc->nupdates; i++) {
        o->updates[i].at = inc->updates[i].at;
        o->updates[i].status = xstrdup(inc->updates[i].status ? inc->updates[i].status : "");
        o->updates[i].body = xstrdup(inc->updates[i].body ? inc->updates[i].body : "");
    }
}

static int incident_order(const void *a, const void *b)
{
    const struct snap_incident *x = a, *y = b;

    if (x->open != y->open)
        return x->open ? -1 : 1;
    if (x->started_at != y->started_at)
        return x->started_at > y->started_at ? -1 : 1;
    return 0;
}

static void snap_evidence(struct snap_service *o, const struct service_state *s)
{
    size_t ninc = 0, ncomp = 0;

    for (size_t j = 0; j < s->conf->nsources; j++) {
        if (s->sources[j].has_data) {
            ninc += s->sources[j].ev.nincidents;
            ncomp += s->sources[j].ev.ncomponents;
        }
    }
    o->incidents = xcalloc(ninc, sizeof *o->incidents);
    o->components = xcalloc(ncomp, sizeof *o->components);
    for (size_t j = 0; j < s->conf->nsources; j++) {
        const struct source_state *src = &s->sources[j];
        if (!src->has_data)
            continue;
        for (size_t i = 0; i < src->ev.nincidents; i++)
            snap_incident(&o->incidents[o->nincidents++], &src->ev.incidents[i], src);
        for (size_t i = 0; i < src->ev.ncomponents; i++) {
            const struct component *c = &src->ev.components[i];
            struct snap_component *sc = &o->components[o->ncomponents++];
            sc->source = xstrdup(src->conf->id);
            sc->id = xstrdup(c->id);
            sc->name = xstrdup(c->name);
            sc->group = xstrdup_or_null(c->group_name);
            sc->level = c->level;
            sc->region = c->region;
            sc->is_group = c->is_group;
            sc->updated_at = c->updated_at;
        }
    }
    qsort(o->incidents, o->nincidents, sizeof *o->incidents, incident_order);
}

static void snap_service(struct model *m, struct service_state *s, struct snap_service *o,
                         time_t now)
{
    struct contribs cs = {0};
    const struct config *cfg = m->cfg;
    time_t since;

    o->id = xstrdup(s->conf->id);
    o->name = xstrdup(s->conf->name);
    o->family = xstrdup_or_null(s->conf->family);
    o->sources = xcalloc(s->conf->nsources, sizeof *o->sources);
    o->nsources = s->conf->nsources;
    for (size_t j = 0; j < s->conf->nsources; j++) {
        snap_source(cfg, &o->sources[j], &s->sources[j], now);
        source_contribs(cfg, &s->sources[j], now, &cs);
    }
    o->cells = xcalloc(cfg->ncolumns, sizeof *o->cells);
    for (size_t c = 0; c < cfg->ncolumns; c++) {
        cell_from_contribs(&cs, cfg->columns[c], &o->cells[c], &since);
        o->cells[c].since = track_since(&s->cells[c], o->cells[c].level, since, now);
    }
    struct snap_cell all;
    cell_from_contribs(&cs, region_all(), &all, &since);
    o->level = all.level;
    o->since = track_since(&s->overall, all.level, since, now);
    snap_evidence(o, s);
    free(cs.v);
}

struct snapshot *model_snapshot(struct model *m, time_t now)
{
    struct snapshot *snap = xcalloc(1, sizeof *snap);
    const struct config *cfg = m->cfg;

    snap->generated_at = now;
    snap->ncolumns = cfg->ncolumns;
    snap->columns = xcalloc(cfg->ncolumns, sizeof *snap->columns);
    memcpy(snap->columns, cfg->columns, cfg->ncolumns * sizeof *snap->columns);
    snap->nservices = m->nservices;
    snap->services = xcalloc(m->nservices, sizeof *snap->services);
    for (size_t i = 0; i < m->nservices; i++) {
        struct snap_service *o = &snap->services[i];
        snap_service(m, &m->services[i], o, now);
        for (size_t j = 0; j < o->nsources; j++) {
            const struct snap_source *src = &o->sources[j];
            if (src->last_attempt > snap->last_poll)
                snap->last_poll = src->last_attempt;
            if (src->ok)
                snap->sources_ok++;
            else if (src->stale && !src->expired)
                snap->sources_stale++;
            else if (src->failures > 0)
                snap->sources_failing++;
        }
    }
    return snap;
}
