/* Instatus pages:
 *  - <page>/summary.json and /v3/summary.json: {page: {name, url, status:
 *    UP | HASISSUES | UNDERMAINTENANCE}, activeIncidents[{id, name,
 *    started, status, impact, url, updatedAt}], activeMaintenances[{id,
 *    name, start, status, duration (minutes), url, updatedAt}]}; the lists
 *    are left out when empty;
 *  - <page>/v2/components.json: {page, components[{id, name, status,
 *    isParent, children[]}]}, the page read as in a summary;
 *  - <page>/v3/components.json: {components: [{id, name, status, group:
 *    {id, name} | null}]}, or (as documented) an array whose parents hold
 *    their children.
 * Statuses and impacts: OPERATIONAL, DEGRADEDPERFORMANCE, PARTIALOUTAGE,
 * MAJOROUTAGE, UNDERMAINTENANCE; a word we do not know is unknown. No
 * places of its own: a component named after one ("Chicago") is placed by
 * the source's region rules. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "provider_internal.h"
#include "sitrep/provider.h"
#include "sitrep/xalloc.h"

/* Compared loosely: case, '-' and '_' do not count. */
static const struct level_map levels[] = {
    {"operational", LEVEL_OK},
    {"degradedperformance", LEVEL_DEGRADED},
    {"partialoutage", LEVEL_PARTIAL},
    {"majoroutage", LEVEL_MAJOR},
    {"undermaintenance", LEVEL_MAINTENANCE},
    {NULL, LEVEL_NONE},
};

/* The page's word. HASISSUES without the incidents (the first summary has
 * none) is a problem of a size it does not tell: degraded. */
static const struct level_map page_levels[] = {
    {"up", LEVEL_OK},
    {"hasissues", LEVEL_DEGRADED},
    {"undermaintenance", LEVEL_MAINTENANCE},
    {NULL, LEVEL_NONE},
};

static const struct level_map incident_states[] = {
    {"investigating", LEVEL_NOTICE}, {"identified", LEVEL_NOTICE}, {"monitoring", LEVEL_NOTICE},
    {"resolved", LEVEL_OK},          {NULL, LEVEL_NONE},
};

/* LEVEL_OK: over; LEVEL_NOTICE: announced, not begun; LEVEL_MAINTENANCE: on. */
static const struct level_map maintenance_states[] = {
    {"notstartedyet", LEVEL_NOTICE},
    {"inprogress", LEVEL_MAINTENANCE},
    {"completed", LEVEL_OK},
    {NULL, LEVEL_NONE},
};

static struct incident *new_incident(struct jdoc *d, jref e, struct evb *b, const char *status)
{
    struct incident *inc = evb_incident(b);

    inc->id = jf_dup(d, e, "id");
    inc->name = jf_dup(d, e, "name");
    if (!inc->name)
        inc->name = xstrdup("(untitled)");
    inc->status = xstrdup_or_null(status);
    inc->url = jf_dup(d, e, "url");
    inc->updated_at = jf_time(d, e, "updatedAt");
    return inc;
}

static void read_incident(struct jdoc *d, jref e, struct evb *b)
{
    const char *status = jf_str(d, e, "status");
    enum level state = level_map_find_loose(incident_states, status, LEVEL_UNKNOWN);
    struct incident *inc = new_incident(d, e, b, status);
    enum level impact = level_map_find_loose(levels, jf_str(d, e, "impact"), LEVEL_UNKNOWN);

    inc->impact = jf_dup(d, e, "impact");
    inc->created_at = inc->started_at = jf_time(d, e, "started");
    inc->open = state != LEVEL_OK;
    /* An open incident is news even when its impact says operational. */
    inc->level = impact == LEVEL_OK ? LEVEL_NOTICE : impact;
    if (!inc->open)
        inc->resolved_at = inc->updated_at;
}

static void read_maintenance(struct jdoc *d, jref e, struct evb *b)
{
    const char *status = jf_str(d, e, "status");
    enum level state = level_map_find_loose(maintenance_states, status, LEVEL_UNKNOWN);
    struct incident *inc = new_incident(d, e, b, status);
    bool ok;
    double minutes = jd_num(d, jd_get(d, e, "duration"), &ok);

    inc->maintenance = true;
    inc->level = LEVEL_MAINTENANCE;
    inc->scheduled_for = inc->started_at = jf_time(d, e, "start");
    if (ok && minutes > 0 && minutes < 1e6 && inc->scheduled_for)
        inc->scheduled_until = inc->scheduled_for + (time_t)(minutes * 60);
    inc->scheduled = state == LEVEL_NOTICE;
    /* A status we do not know: open, so it is not taken for over. */
    inc->open = state == LEVEL_MAINTENANCE || state == LEVEL_UNKNOWN;
    if (state == LEVEL_OK)
        inc->resolved_at = inc->scheduled_until ? inc->scheduled_until : inc->updated_at;
}

static int read_list(struct jdoc *d, const char *key, bool maintenance, struct evb *b, char *err,
                     size_t errlen)
{
    jref list = jd_get(d, JD_ROOT, key);

    if (list && jd_type(d, list) != JT_ARRAY && jd_type(d, list) != JT_NULL)
        return provider_fail(err, errlen, "'%s' is %s, not an array", key, jd_type_name(d, list));
    for (jref e = jd_first(d, list); e; e = jd_next(d, list, e)) {
        if (jd_type(d, e) != JT_OBJECT)
            return provider_fail(err, errlen, "an entry of '%s' is %s, not an object", key,
                                 jd_type_name(d, e));
        if (maintenance)
            read_maintenance(d, e, b);
        else
            read_incident(d, e, b);
    }
    return 0;
}

/* A component, its group (an object, or the parent holding it) and the
 * children it holds itself. */
static void read_component(struct jdoc *d, jref e, jref parent, struct evb *b)
{
    const char *id = jf_str(d, e, "id"), *status = jf_str(d, e, "status");
    jref group = jd_get(d, e, "group"), kids = jd_get(d, e, "children");
    struct component *c;

    if (jd_type(d, group) != JT_OBJECT)
        group = parent;
    if (jd_type(d, e) != JT_OBJECT || !id || !*id)
        return;
    c = evb_component(b, id, jf_str(d, e, "name"),
                      level_map_find_loose(levels, status, LEVEL_UNKNOWN));
    if (!c->status)
        c->status = xstrdup_or_null(status);
    if (group && !c->group_id && !c->group_name) { /* the first group given stays */
        c->group_id = jf_dup(d, group, "id");
        c->group_name = jf_dup(d, group, "name");
    }
    for (jref k = jd_first(d, kids); k; k = jd_next(d, kids, k))
        read_component(d, k, e, b);
}

/* Groups are the components others name as their group. */
static void mark_groups(struct evidence *ev)
{
    for (size_t i = 0; i < ev->ncomponents; i++) {
        for (size_t j = 0; j < ev->ncomponents; j++) {
            const char *g = ev->components[j].group_id;
            if (j != i && g && strcmp(g, ev->components[i].id) == 0) {
                ev->components[i].is_group = true;
                ev->components[i].nchildren++;
            }
        }
    }
}

static int read_components(struct jdoc *d, jref list, struct evb *b, char *err, size_t errlen)
{
    if (jd_type(d, list) != JT_ARRAY)
        return provider_fail(err, errlen, "'components' is %s, not an array",
                             jd_type_name(d, list));
    for (jref e = jd_first(d, list); e; e = jd_next(d, list, e))
        read_component(d, e, 0, b);
    if (b->ev.ncomponents <= 4096)
        mark_groups(&b->ev);
    return 0;
}

static int read_summary(struct jdoc *d, struct evb *b, char *err, size_t errlen)
{
    jref page = jd_get(d, JD_ROOT, "page");
    const char *status = jf_str(d, page, "status");

    b->ev.page_name = jf_dup(d, page, "name");
    b->ev.page_url = jf_dup(d, page, "url");
    b->ev.indicator = xstrdup(status ? status : "");
    b->ev.indicator_level = level_map_find_loose(page_levels, status, LEVEL_UNKNOWN);
    if (read_list(d, "activeIncidents", false, b, err, errlen) != 0 ||
        read_list(d, "activeMaintenances", true, b, err, errlen) != 0)
        return -1;
    /* The incidents tell how bad: HASISSUES is their sum, not more. */
    for (size_t i = 0; i < b->ev.nincidents; i++) {
        if (b->ev.incidents[i].open && !b->ev.incidents[i].maintenance &&
            b->ev.indicator_level == LEVEL_DEGRADED)
            b->ev.indicator_level = LEVEL_NONE;
    }
    return 0;
}

static int read_document(struct jdoc *d, struct evb *b, char *err, size_t errlen)
{
    jref comps = jd_get(d, JD_ROOT, "components");

    if (jd_type(d, JD_ROOT) == JT_ARRAY)
        return read_components(d, JD_ROOT, b, err, errlen);
    if (jd_type(d, JD_ROOT) != JT_OBJECT)
        return provider_fail(err, errlen, "not an Instatus document: the root is %s",
                             jd_type_name(d, JD_ROOT));
    /* v2/components.json gives the page beside its components: read both. */
    if (jd_type(d, jd_get(d, JD_ROOT, "page")) == JT_OBJECT && read_summary(d, b, err, errlen) != 0)
        return -1;
    if (comps)
        return read_components(d, comps, b, err, errlen);
    if (jd_type(d, jd_get(d, JD_ROOT, "page")) == JT_OBJECT)
        return 0;
    return provider_fail(err, errlen, "not an Instatus document: no 'page' or 'components'");
}

static int instatus_parse(const char *body, size_t len, struct evidence *out, char *err,
                          size_t errlen)
{
    struct evb b = {0};

    if (provider_read_jdoc(body, len, read_document, &b, err, errlen) != 0)
        return -1;
    evb_finish(&b, PROVIDER_MAX_CLOSED, out);
    return 0;
}

static int instatus_sniff(const char *body, size_t len)
{
    int c = sniff_first(body, len);

    if (c == '{' &&
        (sniff_has(body, len, "\"activeIncidents\"") ||
         sniff_has(body, len, "\"activeMaintenances\"") || sniff_has(body, len, "\"HASISSUES\"") ||
         sniff_has(body, len, "\"UNDERMAINTENANCE\"")))
        return 90;
    /* Statuspage has a page and components too, but never says UP. */
    if (sniff_has(body, len, "\"status\": \"UP\"") || sniff_has(body, len, "\"status\":\"UP\""))
        return c == '{' && sniff_has(body, len, "\"page\"") ? 95 : 70;
    if ((c == '{' || c == '[') &&
        (sniff_has(body, len, "\"OPERATIONAL\"") || sniff_has(body, len, "\"MAJOROUTAGE\"")))
        return 60;
    return 0;
}

const struct provider provider_instatus = {
    .name = "instatus",
    .description = "Instatus pages: summary.json or v3/summary.json, v3/components.json",
    .document = "an Instatus status document",
    .parse = instatus_parse,
    .sniff = instatus_sniff,
    .crowd = false,
    .default_interval_s = 0,
    .auth = AUTH_NONE,
};
