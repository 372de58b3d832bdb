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

static void gone_free(struct source_state *s)
{
    for (size_t i = 0; i < s->ngone; i++)
        incident_free(&s->gone[i]);
    free(s->gone);
    s->gone = NULL;
    s->ngone = 0;
}

void service_state_release(struct service_state *s)
{
    for (size_t j = 0; s->sources && j < s->conf->nsources; j++) {
        evidence_free(&s->sources[j].ev);
        gone_free(&s->sources[j]);
        free(s->sources[j].error);
        crowd_tracks_free(&s->sources[j]);
        mention_tally_free(s->sources[j].tally);
    }
    free(s->sources);
    free(s->cells);
    free(s->past);
    s->sources = NULL;
    s->cells = NULL;
    s->past = NULL;
    s->npast = 0;
}

void model_free(struct model *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->nservices; i++)
        service_state_release(&m->services[i]);
    free(m->services);
    crowd_changes_free(m);
    free(m);
}

static struct source_state *source_at(struct model *m, size_t svc, size_t src)
{
    if (svc >= m->nservices || src >= m->services[svc].conf->nsources)
        abort(); /* a caller bug, not remote input */
    return &m->services[svc].sources[src];
}

/* ---- feeding the model ----------------------------------------------- */

#define GONE_KEEP_S 86400

static bool has_incident(const struct incident *v, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++) {
        if (v[i].id && strcmp(v[i].id, id) == 0)
            return true;
    }
    return false;
}

/* Moves the open incidents of old that next no longer lists into s's gone
 * ones, resolved as of now; forgets gone ones that came back or are a day
 * old. */
static void remember_gone(struct source_state *s, struct evidence *old, const struct evidence *next,
                          time_t now)
{
    size_t keep = 0;

    for (size_t i = 0; i < s->ngone; i++) {
        struct incident *inc = &s->gone[i];
        if (has_incident(next->incidents, next->nincidents, inc->id) ||
            now - inc->resolved_at > GONE_KEEP_S) {
            incident_free(inc);
            continue;
        }
        s->gone[keep++] = *inc;
    }
    s->ngone = keep;
    if (!keep) {
        free(s->gone);
        s->gone = NULL;
    }
    for (size_t i = 0; i < old->nincidents; i++) {
        struct incident *inc = &old->incidents[i];
        if (!inc->open || !inc->id || has_incident(next->incidents, next->nincidents, inc->id) ||
            has_incident(s->gone, s->ngone, inc->id))
            continue;
        s->gone = xreallocarray(s->gone, s->ngone + 1, sizeof *inc);
        struct incident *g = &s->gone[s->ngone++];
        *g = *inc;
        memset(inc, 0, sizeof *inc); /* moved: old no longer owns it */
        /* The page did not say it was resolved: it stopped listing it. */
        g->open = false;
        g->scheduled = false;
        g->inferred_end = true;
        g->level = LEVEL_OK;
        if (!g->resolved_at || g->resolved_at > now)
            g->resolved_at = now;
    }
}

static void source_recovered(struct source_state *s)
{
    s->failures = 0;
    s->failing_since = s->expired_at = 0;
    free(s->error);
    s->error = NULL;
}

void model_source_success(struct model *m, size_t svc, size_t src, struct evidence *ev, time_t now)
{
    struct source_state *s = source_at(m, svc, src);

    evidence_tag_regions(ev, &s->ev, s->conf->rules);
    remember_gone(s, &s->ev, ev, now);
    crowd_ingest(m, svc, src, ev, now); /* takes the report series out of ev */
    mentions_ingest(m, svc, src, ev, now);
    /* the posts are counted: their text is not kept */
    for (size_t i = 0; i < ev->nmentions; i++)
        mention_free(&ev->mentions[i]);
    free(ev->mentions);
    ev->mentions = NULL;
    ev->nmentions = 0;
    evidence_free(&s->ev);
    s->ev = *ev;
    memset(ev, 0, sizeof *ev);
    s->has_data = true;
    s->last_attempt = s->last_success = now;
    source_recovered(s);
    service_settle(m->cfg, &m->services[svc], now);
}

void model_source_unchanged(struct model *m, size_t svc, size_t src, time_t now)
{
    struct source_state *s = source_at(m, svc, src);

    if (!s->has_data) { /* "unchanged" from nothing: a broken or hostile answer */
        model_source_failure(m, svc, src, "HTTP 304 Not Modified, but there is no earlier answer",
                             now);
        return;
    }
    s->last_attempt = now;
    s->last_success = now;
    source_recovered(s);
    if (s->tally) {
        /* the same posts as before, or none new: the buckets since are
         * counted all the same (zeros are counts, not gaps) */
        struct evidence none = {0};
        mentions_ingest(m, svc, src, &none, now);
    }
    service_settle(m->cfg, &m->services[svc], now);
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
    if (s->failures++ == 0)
        s->failing_since = now;
    if (s->failures == m->cfg->expire_failures)
        s->expired_at = now;
    free(s->error);
    s->error = xstrdup(reason && *reason ? reason : "failed");
    service_settle(m->cfg, &m->services[svc], now);
}
