/* Building snapshots from the model's state (see model.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model_internal.h"
#include "sitrep/xalloc.h"

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
    o->official = !s->conf->provider->crowd;
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
            ninc += s->sources[j].ev.nincidents + s->sources[j].gone.nincidents;
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
        for (size_t i = 0; i < src->gone.nincidents; i++)
            snap_incident(&o->incidents[o->nincidents++], &src->gone.incidents[i], src);
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

void snap_fill_service(const struct config *cfg, struct service_state *s, struct snap_service *o,
                       time_t now)
{
    struct contribs cs = {0};
    time_t since;

    o->id = xstrdup(s->conf->id);
    o->name = xstrdup(s->conf->name);
    o->family = xstrdup_or_null(s->conf->family);
    o->sources = xcalloc(s->conf->nsources, sizeof *o->sources);
    o->nsources = s->conf->nsources;
    for (size_t j = 0; j < s->conf->nsources; j++)
        snap_source(cfg, &o->sources[j], &s->sources[j], now);
    service_contribs(cfg, s, now, &cs, &o->official_since);
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
    snap_crowd_fill(o, s);
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
        snap_fill_service(cfg, &m->services[i], o, now);
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
    snapshot_fuse(snap, cfg);
    return snap;
}

/* ---- time travel ----------------------------------------------------- */

/* What the status of an incident was at a moment none of its kept updates
 * tells (statuspage's words, the only pages with incidents). */
static const char *first_status(const struct snap_incident *o)
{
    return o->maintenance ? "in_progress" : "investigating";
}

/* o as it stood at at; false when it had not begun by then. */
static bool incident_rewind(struct snap_incident *o, time_t at)
{
    size_t keep = 0;
    bool resolved_later = o->resolved_at > at;

    if (o->started_at > at)
        return false;
    for (size_t i = 0; i < o->nupdates; i++) {
        if (o->updates[i].at <= at) {
            o->updates[keep++] = o->updates[i];
            continue;
        }
        free(o->updates[i].status);
        free(o->updates[i].body);
    }
    o->nupdates = keep;
    if (keep || resolved_later) {
        free(o->status);
        o->status = xstrdup(keep ? o->updates[0].status : first_status(o));
    }
    if (keep)
        o->updated_at = o->updates[0].at;
    else if (o->updated_at > at)
        o->updated_at = o->started_at;
    /* Without a resolution time, whether it is open now is all we know. */
    if (o->resolved_at)
        o->open = resolved_later;
    if (resolved_later)
        o->resolved_at = 0;
    if (o->open && o->maintenance && strcmp(o->status, "scheduled") == 0)
        o->open = false;
    return true;
}

static void incidents_rewind(struct snap_service *o, time_t at)
{
    size_t keep = 0;
    time_t official = 0;

    for (size_t i = 0; i < o->nincidents; i++) {
        struct snap_incident *inc = &o->incidents[i];
        if (!incident_rewind(inc, at)) {
            snap_incident_free(inc);
            continue;
        }
        o->incidents[keep++] = *inc;
        /* An incident open then is official word, whatever level it was
         * left with when the page closed it later. */
        if (inc->open && (level_is_problem(inc->level) || !inc->maintenance) && inc->started_at &&
            (!official || inc->started_at < official))
            official = inc->started_at;
    }
    o->nincidents = keep;
    qsort(o->incidents, o->nincidents, sizeof *o->incidents, incident_order);
    /* A problem the official side shows now and showed before at was
     * showing then; otherwise the incidents open then tell when. */
    if (!o->official_since || o->official_since > at)
        o->official_since = official;
}

static bool names_component(const char *affected, const struct snap_component *c)
{
    size_t g = c->group ? strlen(c->group) : 0;

    if (strcmp(affected, c->name) == 0)
        return true;
    return g && strncmp(affected, c->group, g) == 0 && strncmp(affected + g, " - ", 3) == 0 &&
           strcmp(affected + g + 3, c->name) == 0;
}

/* Component states are not kept over time, and the present ones would pass
 * for the past (see model.h). */
void model_rewind_components(struct snap_service *o)
{
    for (size_t k = 0; k < o->ncomponents; k++) {
        struct snap_component *c = &o->components[k];
        c->level = LEVEL_NONE;
        for (size_t i = 0; i < o->nincidents; i++) {
            const struct snap_incident *inc = &o->incidents[i];
            if (!inc->open)
                continue;
            for (size_t a = 0; a < inc->ncomponents; a++) {
                if (names_component(inc->components[a], c))
                    c->level = level_worst(c->level, inc->level);
            }
        }
    }
}

static void forget_fusion(struct snap_service *o)
{
    free(o->shared_family);
    for (size_t i = 0; i < o->nshared_with; i++)
        free(o->shared_with[i]);
    free(o->shared_with);
    free(o->shared_regions);
    o->shared_family = NULL;
    o->shared_with = NULL;
    o->shared_regions = NULL;
    o->nshared_with = o->nshared_regions = 0;
}

void model_rewind(struct model *m, struct snapshot *snap, time_t at)
{
    snap->generated_at = at;
    for (size_t i = 0; i < snap->nservices && i < m->nservices; i++) {
        struct snap_service *o = &snap->services[i];
        incidents_rewind(o, at);
        snap_crowd_rewind(o, &m->services[i], &m->cfg->crowd, at);
        forget_fusion(o);
    }
    snapshot_fuse(snap, m->cfg);
}
