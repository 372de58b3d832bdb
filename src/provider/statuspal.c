/* Statuspal pages, statuspal.io (or statuspal.eu) /api/v2/status_pages/
 * <subdomain>/summary: {services[{id, name, current_incident_type,
 * children[]}], status_page {name, url, subdomain, time_zone,
 * current_incident_type}, incidents[], maintenances[],
 * upcoming_maintenances[], info_notices[], current_status_type}. An
 * incident: {id, type, title, url, starts_at, ends_at, service_ids[],
 * updates[{type, description, description_html, posted_at}]}; an info
 * notice has featured_from and featured_until instead.
 *
 * Types: null ok, info a notice, minor and performance degraded, major
 * major, scheduled and emergency-maintenance maintenance; another word
 * unknown. Services nest (zones and their products): a service with
 * children is a group as bad as its worst child; nesting past
 * STATUSPAL_MAX_DEPTH is not followed. Maintenances are in progress,
 * upcoming ones announced and not begun.
 *
 * Times carry no UTC offset: they are the page's local time. On a page
 * whose time_zone is UTC they are read as UTC; on any other page they are
 * not read (no time is better than one off by hours). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "provider_internal.h"
#include "sitrep/provider.h"
#include "sitrep/timefmt.h"
#include "sitrep/xalloc.h"

#define STATUSPAL_MAX_DEPTH 8

static const struct level_map types[] = {
    {"none", LEVEL_OK},
    {"info", LEVEL_NOTICE},
    {"minor", LEVEL_DEGRADED},
    {"performance", LEVEL_DEGRADED},
    {"major", LEVEL_MAJOR},
    {"scheduled", LEVEL_MAINTENANCE},
    {"emergencymaintenance", LEVEL_MAINTENANCE},
    {NULL, LEVEL_NONE},
};

/* Zones whose local time is UTC: a time without an offset on such a page
 * is read as UTC; on any other page it is not read. */
static const char *const utc_zones[] = {"Etc/UTC",  "UTC",  "Etc/GMT",       "GMT",
                                        "Etc/Zulu", "Zulu", "Etc/Universal", NULL};

struct sp_page {
    bool utc; /* the page's time_zone is UTC */
};

static time_t sp_time(struct jdoc *d, const struct sp_page *pg, jref obj, const char *key)
{
    const char *s = jf_str(d, obj, key);
    time_t t = jf_time(d, obj, key);
    char buf[48];

    if (t || !s || !pg->utc || strlen(s) + 2 > sizeof buf)
        return t;
    memcpy(buf, s, strlen(s));
    memcpy(buf + strlen(s), "Z", 2);
    return time_parse_iso8601(buf, &t) && t > 0 ? t : 0;
}

/* null or absent: nothing going on. */
static enum level type_level(struct jdoc *d, jref obj, const char *key)
{
    jref v = jd_get(d, obj, key);

    if (jd_type(d, v) == JT_NONE || jd_type(d, v) == JT_NULL)
        return LEVEL_OK;
    return level_map_find_loose(types, jd_str(d, v), LEVEL_UNKNOWN);
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

static void add_updates(struct jdoc *d, const struct sp_page *pg, jref e, struct incident *inc)
{
    jref list = jd_get(d, e, "updates");

    for (jref u = jd_first(d, list); u; u = jd_next(d, list, u)) {
        time_t at = sp_time(d, pg, u, "posted_at");
        const char *text = jf_str(d, u, "description");
        if (!at)
            at = sp_time(d, pg, u, "inserted_at");
        incident_add_update(inc, jf_str(d, u, "type"),
                            text ? xstrdup(text)
                                 : text_from_html(jf_str(d, u, "description_html")
                                                      ? jf_str(d, u, "description_html")
                                                      : ""),
                            at);
        if (at > inc->updated_at)
            inc->updated_at = at;
    }
}

/* Affected services: service_ids[] (numbers), or services[{id}]. */
static void add_links(struct jdoc *d, struct evb *b, jref e, struct incident *inc)
{
    jref ids = jd_get(d, e, "service_ids"), svcs = jd_get(d, e, "services");
    bool ok;

    for (jref v = jd_first(d, ids); v; v = jd_next(d, ids, v)) {
        double n = jd_num(d, v, &ok);
        char *id = ok ? xasprintf("%.0f", n) : xstrdup_or_null(jd_str(d, v));
        if (id && evb_find(b, id))
            incident_add_component(inc, id);
        free(id);
    }
    for (jref s = jd_first(d, svcs); s; s = jd_next(d, svcs, s)) {
        char *id = jf_id(d, s, "id");
        if (id && evb_find(b, id))
            incident_add_component(inc, id);
        free(id);
    }
}

enum kind { KIND_INCIDENT, KIND_MAINTENANCE, KIND_UPCOMING, KIND_NOTICE };

static void add_entry(struct jdoc *d, struct evb *b, const struct sp_page *pg, jref e,
                      enum kind kind)
{
    struct incident *inc = evb_incident(b);
    const char *end_key = kind == KIND_NOTICE ? "featured_until" : "ends_at";
    jref ends = jd_get(d, e, end_key);
    const char *type = jf_str(d, e, "type");
    bool ended = jd_type(d, ends) != JT_NONE && jd_type(d, ends) != JT_NULL;

    inc->id = jf_id(d, e, "id");
    inc->name = jf_dup(d, e, "title");
    if (!inc->name)
        inc->name = xstrdup("(untitled)");
    inc->impact = xstrdup_or_null(type);
    inc->url = jf_dup(d, e, "url");
    inc->started_at = sp_time(d, pg, e, kind == KIND_NOTICE ? "featured_from" : "starts_at");
    inc->created_at = sp_time(d, pg, e, "inserted_at");
    add_updates(d, pg, e, inc);
    add_links(d, b, e, inc);
    inc->maintenance = kind == KIND_MAINTENANCE || kind == KIND_UPCOMING ||
                       type_level(d, e, "type") == LEVEL_MAINTENANCE;
    /* An upcoming maintenance's end is when it will end, not that it did. */
    if (kind == KIND_UPCOMING)
        ended = false;
    inc->scheduled = kind == KIND_UPCOMING;
    inc->open = !ended && !inc->scheduled;
    if (inc->maintenance) {
        inc->level = LEVEL_MAINTENANCE;
        inc->scheduled_for = inc->started_at;
        inc->scheduled_until = sp_time(d, pg, e, "ends_at");
    } else if (kind == KIND_NOTICE) {
        inc->level = LEVEL_NOTICE;
    } else {
        inc->level = type_level(d, e, "type");
        if (inc->level == LEVEL_OK) /* open, with no type: news all the same */
            inc->level = LEVEL_NOTICE;
    }
    inc->status = xstrdup(inc->scheduled ? "scheduled" : inc->open ? "open" : "ended");
    if (ended) {
        inc->resolved_at = sp_time(d, pg, e, end_key);
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
    /* The page's word is the finer one ("performance", "info"); the
     * root's current_status_type is coarser and says "minor" for an info. */
    jref current = jd_get(d, page, "current_incident_type");
    struct sp_page pg = {str_in_list(utc_zones, jf_str(d, page, "time_zone"))};

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
        current = jd_get(d, JD_ROOT, "current_status_type");
    if (current) {
        b->ev.indicator = xstrdup(jd_str(d, current) ? jd_str(d, current) : "none");
        b->ev.indicator_level =
            jd_type(d, current) == JT_NULL
                ? LEVEL_OK
                : level_map_find_loose(types, jd_str(d, current), LEVEL_UNKNOWN);
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
                add_entry(d, b, &pg, e, lists[i].kind);
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

/* The page's object may come after 8 KiB of services. */
static int statuspal_sniff(const char *body, size_t len)
{
    if (sniff_first(body, len) != '{' || !sniff_has(body, len, "\"current_incident_type\""))
        return 0;
    return sniff_has(body, len, "\"status_page\"") || sniff_has(body, len, "\"children\"") ? 90 : 0;
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
