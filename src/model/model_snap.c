/* Building snapshots from the model's state (see model.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model_internal.h"
#include "sitrep/redact.h"
#include "sitrep/xalloc.h"

/* ---- snapshot -------------------------------------------------------- */

static char *url_host(const char *url)
{
    const char *host = strstr(url, "://");

    host = host ? host + 3 : url;
    return xstrndup(host, strcspn(host, "/?#"));
}

/* Copies s into *at and returns the copy (NULL stays NULL). */
static char *put(char **at, const char *s)
{
    char *out = *at;
    size_t n;

    if (!s)
        return NULL;
    n = strlen(s) + 1;
    memcpy(out, s, n);
    *at += n;
    return out;
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

/* The strings of a snapshot source, before they are packed. */
struct source_text {
    const char *id, *format, *page_name;
    char *url, *host; /* made here */
};

static size_t source_text(const struct source_state *s, struct source_text *t)
{
    t->id = s->conf->id;
    t->format = s->conf->format;
    t->page_name = s->has_data ? s->ev.page_name : NULL;
    t->url = redact_text(s->conf->url); /* a token in its query is nobody's business */
    t->host = url_host(s->conf->url);
    return strlen(t->id) + strlen(t->format) + strlen(t->url) + strlen(t->host) + 4 +
           (t->page_name ? strlen(t->page_name) + 1 : 0);
}

static void snap_source(const struct config *cfg, struct snap_source *o,
                        const struct source_state *s, time_t now, const struct source_text *t,
                        char **at)
{
    o->id = put(at, t->id);
    o->format = put(at, t->format);
    o->url = put(at, t->url);
    o->host = put(at, t->host);
    o->official = !s->conf->provider->crowd;
    o->page_name = put(at, t->page_name);
    o->ok = s->last_attempt && s->failures == 0;
    o->has_data = s->has_data;
    o->stale = s->failures > 0 && s->has_data;
    o->expired = source_expired(cfg, s, now);
    o->level = o->expired ? LEVEL_UNKNOWN : s->has_data ? s->ev.level : LEVEL_NONE;
    o->last_attempt = s->last_attempt;
    o->last_success = s->last_success;
    o->failing_since = s->failing_since;
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

/* An open incident is as bad as its impact says, or as the components it
 * names are when they are worse: Login at "major outage" under an incident
 * of impact "major" (partial on our scale) makes a major outage. (On the
 * grid the components speak for themselves, with their own times.) */
static enum level incident_level(const struct incident *inc, const struct evidence *ev)
{
    enum level level = inc->level;

    for (size_t j = 0; inc->open && !inc->maintenance && j < inc->ncomponent_ids; j++) {
        const struct component *c = evidence_component(ev, inc->component_ids[j]);
        if (c && level_is_problem(c->level))
            level = level_worst(level, c->level);
    }
    return level;
}

/* Adds r to the incident's regions unless it is there already. */
static void add_region(struct snap_incident *o, region_id r)
{
    for (size_t j = 0; j < o->nregions; j++) {
        if (o->regions[j] == r)
            return;
    }
    o->regions[o->nregions++] = r;
}

/* The sources, their strings (but the error, which a viewer of several
 * servers may replace) in the same allocation as the array. */
static void snap_sources(const struct config *cfg, struct snap_service *o,
                         const struct service_state *s, time_t now)
{
    size_t n = s->conf->nsources, text = 0;
    struct source_text *t = xcalloc(n, sizeof *t);

    for (size_t j = 0; j < n; j++)
        text += source_text(&s->sources[j], &t[j]);
    o->sources = xmalloc(n * sizeof *o->sources + text);
    memset(o->sources, 0, n * sizeof *o->sources);
    o->sources_inline = true;
    o->nsources = n;
    char *at = (char *)(o->sources + n);
    for (size_t j = 0; j < n; j++) {
        snap_source(cfg, &o->sources[j], &s->sources[j], now, &t[j], &at);
        free(t[j].url);
        free(t[j].host);
    }
    free(t);
}

static void snap_incident(struct snap_incident *o, const struct incident *inc,
                          const struct source_state *s, time_t now)
{
    region_id dflt = region_rules_default(s->conf->rules);

    o->source = xstrdup(s->conf->id);
    o->id = xstrdup_or_null(inc->id);
    o->title = xstrdup(inc->name ? inc->name : "");
    o->status = xstrdup(inc->status ? inc->status : "");
    o->impact = xstrdup(inc->impact ? inc->impact : "");
    o->url = xstrdup_or_null(inc->url);
    o->open = incident_active(inc, now);
    o->maintenance = inc->maintenance;
    o->level = o->open && inc->maintenance ? LEVEL_MAINTENANCE : incident_level(inc, &s->ev);
    o->upcoming = incident_upcoming(inc, now);
    o->inferred_end = inc->inferred_end;
    if (inc->maintenance && inc->scheduled_for)
        o->started_at = inc->scheduled_for;
    else
        o->started_at = inc->started_at ? inc->started_at : inc->created_at;
    o->updated_at = inc->updated_at;
    o->resolved_at = inc->resolved_at;
    o->scheduled_for = inc->scheduled_for;
    o->scheduled_until = inc->scheduled_until;
    o->components = xcalloc(inc->ncomponent_ids, sizeof *o->components);
    o->regions = xcalloc(inc->nlocations + inc->ncomponent_ids + 1, sizeof *o->regions);
    for (size_t i = 0; i < inc->nlocations; i++) {
        region_id r = inc->locations[i].region;
        add_region(o, r != REGION_NONE ? r : dflt);
    }
    for (size_t i = 0; i < inc->ncomponent_ids; i++) {
        const struct component *c = evidence_component(&s->ev, inc->component_ids[i]);
        if (c)
            o->components[o->ncomponents++] = component_path(c);
        add_region(o, c && c->region != REGION_NONE ? c->region : dflt);
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

/* The components of every source with data, their strings in the same
 * allocation as the array (ten thousand services of a dozen components
 * would otherwise be half a million small allocations). */
static void snap_components(struct snap_service *o, const struct service_state *s, size_t ncomp)
{
    size_t text = 0;

    for (size_t j = 0; j < s->conf->nsources; j++) {
        const struct source_state *src = &s->sources[j];
        if (!src->has_data || !src->ev.ncomponents)
            continue;
        text += strlen(src->conf->id) + 1;
        for (size_t i = 0; i < src->ev.ncomponents; i++) {
            const struct component *c = &src->ev.components[i];
            text += strlen(c->id) + 1 + strlen(c->name) + 1;
            if (c->group_name)
                text += strlen(c->group_name) + 1;
        }
    }
    if (!ncomp)
        return;
    o->components = xmalloc(ncomp * sizeof *o->components + text);
    o->components_inline = true;
    char *at = (char *)(o->components + ncomp);
    for (size_t j = 0; j < s->conf->nsources; j++) {
        const struct source_state *src = &s->sources[j];
        if (!src->has_data || !src->ev.ncomponents)
            continue;
        char *source = put(&at, src->conf->id); /* shared by the source's components */
        for (size_t i = 0; i < src->ev.ncomponents; i++) {
            const struct component *c = &src->ev.components[i];
            o->components[o->ncomponents++] = (struct snap_component){
                .source = source,
                .id = put(&at, c->id),
                .name = put(&at, c->name),
                .group = put(&at, c->group_name),
                .level = c->level,
                .region = c->region,
                .is_group = c->is_group,
                .updated_at = c->updated_at,
            };
        }
    }
}

static void snap_evidence(struct snap_service *o, const struct service_state *s, time_t now)
{
    size_t ninc = 0, ncomp = 0;

    for (size_t j = 0; j < s->conf->nsources; j++) {
        if (s->sources[j].has_data) {
            ninc += s->sources[j].ev.nincidents + s->sources[j].ngone;
            ncomp += s->sources[j].ev.ncomponents;
        }
    }
    if (ninc)
        o->incidents = xcalloc(ninc, sizeof *o->incidents);
    for (size_t j = 0; j < s->conf->nsources; j++) {
        const struct source_state *src = &s->sources[j];
        if (!src->has_data)
            continue;
        for (size_t i = 0; i < src->ev.nincidents; i++)
            snap_incident(&o->incidents[o->nincidents++], &src->ev.incidents[i], src, now);
        for (size_t i = 0; i < src->ngone; i++)
            snap_incident(&o->incidents[o->nincidents++], &src->gone[i], src, now);
    }
    if (o->nincidents > 1)
        qsort(o->incidents, o->nincidents, sizeof *o->incidents, incident_order);
    snap_components(o, s, ncomp);
}

/* A cell with no evidence because a source has not answered yet. */
static bool pending(const struct service_state *s)
{
    for (size_t j = 0; j < s->conf->nsources; j++) {
        if (!s->sources[j].last_attempt)
            return true;
    }
    return false;
}

/* Lead time from the episode the model settled (see struct snap_service),
 * and the episodes of the last day. */
static void snap_lead(struct snap_service *o, const struct service_state *s)
{
    const struct snap_episode *ep = &s->episode;

    o->crowd_since = ep->start;
    o->lead_s = -1;
    o->official_silent = ep->start && !ep->official;
    o->official_first = ep->start && ep->official && ep->official < ep->start;
    if (ep->start && ep->official >= ep->start)
        o->lead_s = (long)(ep->official - ep->start);
    o->nepisodes = s->npast + (ep->start != 0);
    if (!o->nepisodes) /* most services never have one */
        return;
    o->episodes = xcalloc(o->nepisodes, sizeof *o->episodes);
    if (s->npast) /* past is NULL until the first episode ends */
        memcpy(o->episodes, s->past, s->npast * sizeof *o->episodes);
    if (ep->start)
        o->episodes[s->npast] = *ep;
}

void snap_fill_service(const struct config *cfg, struct service_state *s, struct snap_service *o,
                       time_t now)
{
    struct contribs cs = {0};
    time_t since, crowd;
    bool waiting = pending(s);

    o->id = xstrdup(s->conf->id);
    o->name = xstrdup(s->conf->name);
    o->family = xstrdup_or_null(s->conf->family);
    o->order = s->conf->order;
    snap_sources(cfg, o, s, now);
    service_contribs(cfg, s, now, &cs, &o->official_since, &crowd, false);
    o->cells = xcalloc(cfg->ncolumns, sizeof *o->cells);
    for (size_t c = 0; c < cfg->ncolumns; c++) {
        struct snap_cell *cell = &o->cells[c];
        cell_from_contribs(&cs, cfg->columns[c], cell, &since);
        cell->since = cell->level == LEVEL_NONE
                          ? 0
                          : track_since(&s->cells[c], cell->level, since, now, false);
        cell->pending = cell->level == LEVEL_NONE && waiting;
    }
    struct snap_cell all;
    cell_from_contribs(&cs, region_all(), &all, &since);
    o->level = all.level;
    o->evidence = all.evidence;
    o->since = all.level == LEVEL_NONE ? 0 : track_since(&s->overall, all.level, since, now, false);
    snap_evidence(o, s, now);
    snap_crowd_fill(o, s);
    snap_lead(o, s);
    free(cs.v);
}

/* Adds (sign 1) or takes away (-1) what a service's sources count in the
 * snapshot's totals. */
static void count_sources(struct snapshot *snap, const struct snap_service *o, int sign)
{
    for (size_t j = 0; j < o->nsources; j++) {
        const struct snap_source *src = &o->sources[j];
        if (sign > 0 && src->last_attempt > snap->last_poll)
            snap->last_poll = src->last_attempt;
        if (src->ok)
            snap->sources_ok += (size_t)sign;
        else if (src->stale && !src->expired)
            snap->sources_stale += (size_t)sign;
        else if (src->failures > 0)
            snap->sources_failing += (size_t)sign;
    }
}

/* A snapshot of every service; spend: each service's state goes as soon
 * as the snapshot holds its copy (model_snapshot_spend). */
static struct snapshot *snapshot_of(struct model *m, time_t now, bool spend)
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
        snap_fill_service(cfg, &m->services[i], &snap->services[i], now);
        count_sources(snap, &snap->services[i], 1);
        if (spend)
            service_state_release(&m->services[i]);
    }
    if (spend) {
        free(m->services);
        m->services = NULL;
        m->nservices = 0;
    }
    snapshot_fuse(snap, cfg);
    return snap;
}

struct snapshot *model_snapshot(struct model *m, time_t now)
{
    return snapshot_of(m, now, false);
}

void model_snapshot_service(struct model *m, struct snapshot *snap, size_t svc, time_t now)
{
    struct snap_service *o = &snap->services[svc];

    count_sources(snap, o, -1);
    snap_service_free(o, snap->ncolumns);
    snap_fill_service(m->cfg, &m->services[svc], o, now);
    count_sources(snap, o, 1);
}

/* The last snapshot of a one-round run: each service's state goes as soon
 * as the snapshot holds its copy, so the peak is one of the two, not both.
 * Nothing below needs the model: the fusion reads only the snapshot. */
struct snapshot *model_snapshot_spend(struct model *m, time_t now)
{
    return snapshot_of(m, now, true);
}
