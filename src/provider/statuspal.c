/* Statuspal pages, statuspal.io (or statuspal.eu) /api/v2/status_pages/
 * <subdomain>/summary: {status_page {name, url, current_incident_type},
 * current_status_type, services[{id, name, current_incident_type,
 * children[]}], incidents[], maintenances[], upcoming_maintenances[],
 * info_notices[]}. An incident: {id, title, type, starts_at, ends_at,
 * url, services[{id}], updates[{description, type, posted_at}]}.
 *
 * Types: null (none) ok, minor degraded, major major, scheduled
 * maintenance; another word unknown. Services nest: a service with
 * children is a group as bad as its worst child (nesting past
 * STATUSPAL_MAX_DEPTH is not followed). Maintenances are in progress,
 * upcoming ones announced and not begun; info notices are notices.
 * Statuspal writes some times without a UTC offset: those are not read
 * (no time is better than one off by hours). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "provider_internal.h"
#include "sitrep/provider.h"
#include "sitrep/xalloc.h"

#define STATUSPAL_MAX_DEPTH 8

static const struct level_map types[] = {
    {"none", LEVEL_OK},     {"minor", LEVEL_DEGRADED},
    {"major", LEVEL_MAJOR}, {"scheduled", LEVEL_MAINTENANCE},
    {NULL, LEVEL_NONE},
};

/* null or absent: nothing going on. */
static enum level type_level(struct jdoc *d, jref obj, const char *key)
{
    jref v = jd_get(d, obj, key);

    if (jd_type(d, v) == JT_NONE || jd_type(d, v) == JT_NULL)
        return LEVEL_OK;
    return level_map_find(types, jd_str(d, v), LEVEL_UNKNOWN);
}

/* A service's id: its own, else its name (ids are numbers on Statuspal). */
static char *service_id(struct jdoc *d, jref s)
{
    char *id = jf_id(d, s, "id");

    if (!id) {
        const char *name = jf_str(d, s, "name");
        id = name && *name ? xasprintf("name:%s", name) : NULL;
    }
    return id;
}

static void add_services(struct jdoc *d, struct evb *b, jref list, const char *parent, int depth)
{
    int pos = 0;

    for (jref s = jd_first(d, list); s; s = jd_next(d, list, s), pos++) {
        jref kids = jd_get(d, s, "children");
        enum level level = type_level(d, s, "current_incident_type");
        char *id = jd_type(d, s) == JT_OBJECT ? service_id(d, s) : NULL;
        struct component *c;

        if (!id || evb_find(b, id)) {
            free(id);
            continue;
        }
        c = evb_component(b, id, jf_str(d, s, "name"), level);
        c->status = xstrdup(level_name(level));
        c->position = pos;
        if (parent) {
            struct component *g = evb_find(b, parent);
            char *gname = xstrdup_or_null(g->name);
            g->is_group = true;
            g->nchildren++;
            c = evb_find(b, id);
            c->group_id = xstrdup(parent);
            c->group_name = gname;
        }
        if (depth < STATUSPAL_MAX_DEPTH && jd_size(d, kids))
            add_services(d, b, kids, id, depth + 1);
        /* a group is as bad as its worst child */
        if (parent)
            evb_component(b, parent, NULL, evb_find(b, id)->level);
        free(id);
    }
}

static void add_updates(struct jdoc *d, jref e, struct incident *inc)
{
    jref list = jd_get(d, e, "updates");

    for (jref u = jd_first(d, list); u; u = jd_next(d, list, u)) {
        time_t at = jf_time(d, u, "posted_at");
        if (!at)
            at = jf_time(d, u, "inserted_at");
        incident_add_update(
            inc, jf_str(d, u, "type"),
            text_from_html(jf_str(d, u, "description") ? jf_str(d, u, "description") : ""), at);
        if (at > inc->updated_at)
            inc->updated_at = at;
    }
}

enum kind { KIND_INCIDENT, KIND_MAINTENANCE, KIND_UPCOMING, KIND_NOTICE };

static void add_entry(struct jdoc *d, struct evb *b, jref e, enum kind kind)
{
    struct incident *inc = evb_incident(b);
    jref ends = jd_get(d, e, "ends_at"), svcs = jd_get(d, e, "services");
    const char *type = jf_str(d, e, "type");
    bool ended = jd_type(d, ends) != JT_NONE && jd_type(d, ends) != JT_NULL;

    inc->id = jf_id(d, e, "id");
    inc->name = jf_dup(d, e, "title");
    if (!inc->name)
        inc->name = xstrdup("(untitled)");
    inc->impact = xstrdup_or_null(type);
    inc->url = jf_dup(d, e, "url");
    inc->started_at = inc->created_at = jf_time(d, e, "starts_at");
    add_updates(d, e, inc);
    for (jref s = jd_first(d, svcs); s; s = jd_next(d, svcs, s)) {
        char *id = jf_id(d, s, "id");
        if (id && evb_find(b, id))
            incident_add_component(inc, id);
        free(id);
    }
    inc->maintenance = kind == KIND_MAINTENANCE || kind == KIND_UPCOMING ||
                       (type && strcmp(type, "scheduled") == 0);
    inc->scheduled = kind == KIND_UPCOMING && !ended;
    inc->open = !ended && !inc->scheduled;
    if (inc->maintenance) {
        inc->level = LEVEL_MAINTENANCE;
        inc->scheduled_for = inc->started_at;
        inc->scheduled_until = jf_time(d, e, "ends_at");
    } else if (kind == KIND_NOTICE) {
        inc->level = LEVEL_NOTICE;
    } else {
        inc->level = type_level(d, e, "type");
        if (inc->level == LEVEL_OK) /* open, with no type: news all the same */
            inc->level = LEVEL_NOTICE;
    }
    inc->status = xstrdup(inc->scheduled ? "scheduled" : inc->open ? "open" : "ended");
    if (ended) {
        inc->resolved_at = jf_time(d, e, "ends_at");
        if (!inc->resolved_at)
            inc->resolved_at = inc->updated_at;
    }
}

static const struct {
    const char *key;
    enum kind kind;
} lists[] = {
    {"incidents", KIND_INCIDENT},
    {"maintenances", KIND_MAINTENANCE},
    {"upcoming_maintenances", KIND_UPCOMING},
    {"info_notices", KIND_NOTICE},
};

static int read_summary(struct jdoc *d, struct evb *b, char *err, size_t errlen)
{
    jref page = jd_get(d, JD_ROOT, "status_page"), services = jd_get(d, JD_ROOT, "services");
    jref current = jd_get(d, JD_ROOT, "current_status_type");

    if (jd_type(d, JD_ROOT) != JT_OBJECT ||
        (jd_type(d, page) != JT_OBJECT && jd_type(d, services) != JT_ARRAY))
        return provider_fail(err, errlen,
                             "not a Statuspal summary: no 'status_page' or "
                             "'services'");
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
        jref l = jd_get(d, JD_ROOT, lists[i].key);
        if (l && jd_type(d, l) != JT_ARRAY && jd_type(d, l) != JT_NULL)
            return provider_fail(err, errlen, "'%s' is %s, expected an array", lists[i].key,
                                 jd_type_name(d, l));
    }
    if (services && jd_type(d, services) != JT_ARRAY && jd_type(d, services) != JT_NULL)
        return provider_fail(err, errlen, "'services' is %s, expected an array",
                             jd_type_name(d, services));
    b->ev.page_name = jf_dup(d, page, "name");
    b->ev.page_url = jf_dup(d, page, "url");
    if (!current)
        current = jd_get(d, page, "current_incident_type");
    if (current) {
        b->ev.indicator = xstrdup(jd_str(d, current) ? jd_str(d, current) : "none");
        b->ev.indicator_level = jd_type(d, current) == JT_NULL
                                    ? LEVEL_OK
                                    : level_map_find(types, jd_str(d, current), LEVEL_UNKNOWN);
    }
    add_services(d, b, services, NULL, 0);
    for (size_t i = 0; i < b->ev.ncomponents; i++) {
        struct component *c = &b->ev.components[i];
        if (c->is_group) {
            free(c->status);
            c->status = xstrdup(level_name(c->level));
        }
    }
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
        jref l = jd_get(d, JD_ROOT, lists[i].key);
        for (jref e = jd_first(d, l); e; e = jd_next(d, l, e)) {
            if (jd_type(d, e) == JT_OBJECT)
                add_entry(d, b, e, lists[i].kind);
        }
    }
    return 0;
}

static int statuspal_parse(const char *body, size_t len, struct evidence *out, char *err,
                           size_t errlen)
{
    struct evb b = {0};

    if (provider_read_jdoc(body, len, read_summary, &b, err, errlen) != 0)
        return -1;
    evb_finish(&b, PROVIDER_MAX_CLOSED, out);
    return 0;
}

static int statuspal_sniff(const char *body, size_t len)
{
    if (sniff_first(body, len) != '{')
        return 0;
    if (sniff_has(body, len, "\"current_incident_type\"") &&
        sniff_has(body, len, "\"status_page\""))
        return 90;
    return sniff_has(body, len, "\"upcoming_maintenances\"") ||
                   sniff_has(body, len, "\"info_notices\"")
               ? 80
               : 0;
}

const struct provider provider_statuspal = {
    .name = "statuspal",
    .description = "Statuspal pages, /api/v2/status_pages/<subdomain>/summary (services nest)",
    .document = "a Statuspal summary",
    .parse = statuspal_parse,
    .sniff = statuspal_sniff,
    .crowd = false,
    .default_interval_s = 0,
    .auth = AUTH_NONE,
};
