/* incident.io status pages, in their own JSON (their Statuspage-compatible
 * /api/v2/summary.json is read by the statuspage format):
 *  - <page>/proxy/<host>: {summary: {name, public_url, components[{id,
 *    name}] and/or structure{items[{group{name, components[{component_id,
 *    name}]}} or {component{component_id, name}}]}, affected_components[{
 *    component_id, status or current_status}], ongoing_incidents[],
 *    scheduled_maintenances[]}}; a page with regions (Intercom's hosting
 *    regions) answers for one with ?subpage_slug=<its slug>;
 *  - <page>/proxy/<host>/incidents: {incidents[]}, the page's history;
 *  - the widget, <page>/api/v1/summary: {page_title, page_url,
 *    ongoing_incidents[], in_progress_maintenances[]}.
 * An incident: {id, name, status, type, published_at, updates[{
 * published_at, message_string, to_status}], affected_components[{
 * component_id or id, name, status, current_status}], status_summaries[{
 * worst_component_status}]} (the widget's: last_update_message,
 * current_worst_impact). Component statuses are Statuspage's words with
 * full_outage for major_outage. No places: incident.io pages that are
 * regional are separate pages (one source each). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "provider_internal.h"
#include "sitrep/provider.h"
#include "sitrep/xalloc.h"

/* Compared loosely: '-' and '_' do not count. */
static const struct level_map component_levels[] = {
    {"operational", LEVEL_OK},
    {"degradedperformance", LEVEL_DEGRADED},
    {"partialoutage", LEVEL_PARTIAL},
    {"fulloutage", LEVEL_MAJOR},
    {"majoroutage", LEVEL_MAJOR},
    {"undermaintenance", LEVEL_MAINTENANCE},
    {NULL, LEVEL_NONE},
};

/* LEVEL_OK: over; LEVEL_MAINTENANCE: planned work on or coming; LEVEL_NOTICE:
 * an incident still open. */
static const struct level_map incident_states[] = {
    {"investigating", LEVEL_NOTICE},
    {"identified", LEVEL_NOTICE},
    {"monitoring", LEVEL_NOTICE},
    {"resolved", LEVEL_OK},
    {"postincident", LEVEL_OK},
    {"maintenancescheduled", LEVEL_MAINTENANCE},
    {"maintenanceinprogress", LEVEL_MAINTENANCE},
    {"maintenancecomplete", LEVEL_OK},
    {NULL, LEVEL_NONE},
};

static const char *const component_id_keys[] = {"component_id", "id", NULL};
static const char *const message_keys[] = {"message_string", "message", NULL};

static enum level component_level(const char *status)
{
    return level_map_find_loose(component_levels, status, LEVEL_UNKNOWN);
}

/* How bad an incident is: the worst status it gave a component, else its
 * summaries' or the widget's worst impact. */
static enum level incident_level(struct jdoc *d, jref inc)
{
    jref list = jd_get(d, inc, "affected_components");
    enum level worst = LEVEL_NONE;

    for (jref c = jd_first(d, list); c; c = jd_next(d, list, c))
        worst = level_worst(worst, component_level(jf_str(d, c, "status")));
    list = jd_get(d, inc, "status_summaries");
    for (jref s = jd_first(d, list); s; s = jd_next(d, list, s))
        worst = level_worst(worst, component_level(jf_str(d, s, "worst_component_status")));
    if (jf_str(d, inc, "current_worst_impact"))
        worst = level_worst(worst, component_level(jf_str(d, inc, "current_worst_impact")));
    return worst == LEVEL_NONE || worst == LEVEL_OK ? LEVEL_UNKNOWN : worst;
}

static void read_updates(struct jdoc *d, jref incj, struct incident *inc)
{
    jref updates = jd_get(d, incj, "updates");
    const char *last = jf_str(d, incj, "last_update_message");

    for (jref u = jd_first(d, updates); u; u = jd_next(d, updates, u))
        incident_add_update(inc, jf_str(d, u, "to_status"), jf_dup_first(d, u, message_keys),
                            jf_time(d, u, "published_at"));
    if (!inc->nupdates && last)
        incident_add_update(inc, inc->status, xstrdup(last), jf_time(d, incj, "last_update_at"));
}

/* Each affected component, by id, at its status now when the incident is
 * open (a component the page lists keeps its own name). */
static void read_affected(struct jdoc *d, jref incj, struct evb *b, struct incident *inc)
{
    jref list = jd_get(d, incj, "affected_components");

    for (jref c = jd_first(d, list); c; c = jd_next(d, list, c)) {
        const char *id = NULL;
        for (size_t k = 0; !id && component_id_keys[k]; k++)
            id = jf_str(d, c, component_id_keys[k]);
        if (!id || !*id)
            continue;
        const char *now = jf_str(d, c, "current_status");
        enum level level =
            !inc->open ? LEVEL_OK : component_level(now ? now : jf_str(d, c, "status"));
        evb_component(b, id, jf_str(d, c, "name"), level);
        incident_add_component(inc, id);
    }
}

/* When a closed incident ended: the last end of its status summaries,
 * else its last update. */
static time_t ended_at(struct jdoc *d, jref inc, time_t fallback)
{
    jref list = jd_get(d, inc, "status_summaries");
    time_t end = 0;

    for (jref s = jd_first(d, list); s; s = jd_next(d, list, s)) {
        time_t t = jf_time(d, s, "end_at");
        end = t > end ? t : end;
    }
    return end ? end : fallback;
}

static int read_incident(struct jdoc *d, jref incj, size_t i, struct evb *b, char *err,
                         size_t errlen)
{
    const char *status = jf_str(d, incj, "status"), *type = jf_str(d, incj, "type");
    enum level state = level_map_find_loose(incident_states, status, LEVEL_UNKNOWN);
    struct incident *inc;

    if (jd_type(d, incj) != JT_OBJECT || !jf_str(d, incj, "name"))
        return provider_fail(err, errlen,
                             "not an incident.io document: incident %zu is %s without a 'name'", i,
                             jd_type_name(d, incj));
    inc = evb_incident(b);
    inc->id = jf_dup(d, incj, "id");
    inc->name = jf_dup(d, incj, "name");
    inc->status = xstrdup_or_null(status);
    inc->url = jf_dup(d, incj, "url");
    inc->created_at = inc->started_at = jf_time(d, incj, "published_at");
    inc->open = state != LEVEL_OK;
    inc->maintenance = state == LEVEL_MAINTENANCE || (type && strcmp(type, "maintenance") == 0);
    inc->level = inc->maintenance ? LEVEL_MAINTENANCE : incident_level(d, incj);
    read_updates(d, incj, inc);
    inc->updated_at = inc->nupdates ? inc->updates[inc->nupdates - 1].at : inc->created_at;
    if (!inc->open)
        inc->resolved_at = ended_at(d, incj, inc->updated_at);
    read_affected(d, incj, b, inc);
    return 0;
}

static int read_list(struct jdoc *d, jref obj, const char *key, struct evb *b, char *err,
                     size_t errlen)
{
    jref list = jd_get(d, obj, key);
    size_t i = 0;

    if (list && jd_type(d, list) != JT_ARRAY && jd_type(d, list) != JT_NULL)
        return provider_fail(err, errlen, "'%s' is %s, not an array", key, jd_type_name(d, list));
    for (jref inc = jd_first(d, list); inc; inc = jd_next(d, list, inc), i++) {
        if (read_incident(d, inc, i, b, err, errlen) != 0)
            return -1;
    }
    return 0;
}

static const char *component_id(struct jdoc *d, jref c)
{
    const char *id = NULL;

    for (size_t k = 0; !id && component_id_keys[k]; k++)
        id = jf_str(d, c, component_id_keys[k]);
    return id && *id ? id : NULL;
}

/* A component the page lists, operational until its affected list says
 * otherwise, in its group when it has one. */
static void listed_component(struct jdoc *d, jref c, const char *group, struct evb *b)
{
    const char *id = component_id(d, c);
    struct component *comp;

    if (!id)
        return;
    comp = evb_component(b, id, jf_str(d, c, "name"), LEVEL_OK);
    if (group && *group && !comp->group_name) {
        comp->group_id = xasprintf("group:%s", group);
        comp->group_name = xstrdup(group);
    }
}

/* The page's layout, structure.items[]: each a group {name, components[]}
 * or a lone component; some pages give only this, not components[]. */
static void read_structure(struct jdoc *d, jref sum, struct evb *b)
{
    jref items = jd_get(d, jd_get(d, sum, "structure"), "items");

    for (jref it = jd_first(d, items); it; it = jd_next(d, items, it)) {
        jref group = jd_get(d, it, "group"), comps = jd_get(d, group, "components");
        for (jref c = jd_first(d, comps); c; c = jd_next(d, comps, c))
            listed_component(d, c, jf_str(d, group, "name"), b);
        if (jd_type(d, jd_get(d, it, "component")) == JT_OBJECT)
            listed_component(d, jd_get(d, it, "component"), NULL, b);
    }
}

/* The proxy summary: every component of the page, operational unless the
 * page's list of affected ones says otherwise (at its current status). */
static int read_summary(struct jdoc *d, jref sum, struct evb *b, char *err, size_t errlen)
{
    jref comps = jd_get(d, sum, "components"), aff = jd_get(d, sum, "affected_components");

    for (jref c = jd_first(d, comps); c; c = jd_next(d, comps, c))
        listed_component(d, c, NULL, b);
    read_structure(d, sum, b);
    for (jref a = jd_first(d, aff); a; a = jd_next(d, aff, a)) {
        const char *id = component_id(d, a), *now = jf_str(d, a, "current_status");
        if (id)
            evb_component(b, id, jf_str(d, a, "name"),
                          component_level(now ? now : jf_str(d, a, "status")));
    }
    b->ev.page_name = jf_dup(d, sum, "name");
    b->ev.page_url = jf_dup(d, sum, "public_url");
    if (read_list(d, sum, "ongoing_incidents", b, err, errlen) != 0)
        return -1;
    return read_list(d, sum, "scheduled_maintenances", b, err, errlen);
}

static int read_document(struct jdoc *d, struct evb *b, char *err, size_t errlen)
{
    jref sum = jd_get(d, JD_ROOT, "summary");

    if (jd_type(d, JD_ROOT) != JT_OBJECT)
        return provider_fail(err, errlen, "not an incident.io document: the root is %s",
                             jd_type_name(d, JD_ROOT));
    if (jd_type(d, sum) == JT_OBJECT)
        return read_summary(d, sum, b, err, errlen);
    if (jd_get(d, JD_ROOT, "incidents"))
        return read_list(d, JD_ROOT, "incidents", b, err, errlen);
    if (jd_get(d, JD_ROOT, "ongoing_incidents") || jd_get(d, JD_ROOT, "page_title")) {
        b->ev.page_name = jf_dup(d, JD_ROOT, "page_title");
        b->ev.page_url = jf_dup(d, JD_ROOT, "page_url");
        if (read_list(d, JD_ROOT, "ongoing_incidents", b, err, errlen) != 0)
            return -1;
        return read_list(d, JD_ROOT, "in_progress_maintenances", b, err, errlen);
    }
    return provider_fail(err, errlen,
                         "not an incident.io document: no 'summary', 'incidents' or "
                         "'ongoing_incidents'");
}

static int incidentio_parse(const char *body, size_t len, struct evidence *out, char *err,
                            size_t errlen)
{
    struct evb b = {0};

    if (provider_read_jdoc(body, len, read_document, &b, err, errlen) != 0)
        return -1;
    b.ev.quiet_is_ok = true;
    evb_finish(&b, PROVIDER_MAX_CLOSED, out);
    return 0;
}

static int incidentio_sniff(const char *body, size_t len)
{
    if (sniff_first(body, len) != '{')
        return 0;
    if (sniff_has(body, len, "\"status_page_id\"") || sniff_has(body, len, "\"component_impacts\""))
        return 90;
    if (sniff_has(body, len, "\"ongoing_incidents\""))
        return 85;
    return 0;
}

const struct provider provider_incidentio = {
    .name = "incidentio",
    .description = "incident.io status pages' own JSON: /proxy/<host>, its /incidents, the widget",
    .document = "an incident.io status document",
    .parse = incidentio_parse,
    .sniff = incidentio_sniff,
    .crowd = false,
    .default_interval_s = 0,
    .auth = AUTH_NONE,
};
