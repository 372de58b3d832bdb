/* Microsoft's public status posts (status.cloud.microsoft):
 *  - /api/posts/m365Consumer: an array of rows, one per consumer service
 *    (Outlook.com, Teams Free, OneDrive ...): {ServiceDisplayName,
 *    ServiceWorkloadName, Title, Message, Status, LastUpdatedTime};
 *  - /api/posts/mac (Microsoft 365 for business, the admin center's own
 *    post) and /api/posts/azure: one such object without a service name,
 *    the page's word as a whole;
 *  - /api/feed/mac, the same post as RSS: an item per post, with a
 *    <status> element;
 *  - the retired portal.office.com/api/servicestatus/index: {Services:
 *    [{Id, Name, IsUp}], IsAllUp}.
 * There are no regions. Only "Operational" and "Available" were seen in
 * recorded answers; other statuses are read by their words (Microsoft
 * Graph's service health vocabulary), and a status we do not know is
 * unknown, never ok. A row that is not ok with a title or a message is an
 * open incident too, so its words reach the timeline. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "provider_internal.h"
#include "sitrep/feed.h"
#include "sitrep/provider.h"
#include "sitrep/xalloc.h"

/* Compared loosely: case, blanks, '-' and '_' do not count. */
static const struct level_map status_levels[] = {
    {"operational", LEVEL_OK},
    {"available", LEVEL_OK},
    {"serviceoperational", LEVEL_OK},
    {"servicerestored", LEVEL_OK},
    {"resolved", LEVEL_OK},
    {"resolvedexternal", LEVEL_OK},
    {"mitigated", LEVEL_OK},
    {"mitigatedexternal", LEVEL_OK},
    {"falsepositive", LEVEL_OK},
    {"postincidentreviewpublished", LEVEL_OK},
    {"investigating", LEVEL_NOTICE},
    {"investigationsuspended", LEVEL_NOTICE},
    {"advisory", LEVEL_NOTICE},
    {"reported", LEVEL_NOTICE},
    {"confirmed", LEVEL_NOTICE},
    {"maintenance", LEVEL_MAINTENANCE},
    {"degraded", LEVEL_DEGRADED},
    {"servicedegradation", LEVEL_DEGRADED},
    {"degradation", LEVEL_DEGRADED},
    {"restoringservice", LEVEL_DEGRADED},
    {"verifyingservice", LEVEL_DEGRADED},
    {"extendedrecovery", LEVEL_DEGRADED},
    {"serviceinterruption", LEVEL_MAJOR},
    {"interruption", LEVEL_MAJOR},
    {"outage", LEVEL_MAJOR},
    {"down", LEVEL_MAJOR},
    {"unavailable", LEVEL_MAJOR},
    {NULL, LEVEL_NONE},
};

static const char *const id_keys[] = {"ServiceWorkloadName", "ServiceDisplayName", "Id", NULL};
static const char *const name_keys[] = {"ServiceDisplayName", "ServiceWorkloadName", NULL};

/* An open incident for a post that is not ok and says something. */
static void add_incident(struct jdoc *d, struct evb *b, jref post, const char *what,
                         enum level level, const char *component)
{
    const char *title = jf_str(d, post, "Title"), *msg = jf_str(d, post, "Message");
    const char *status = jf_str(d, post, "Status");
    struct incident *inc;

    if (level == LEVEL_OK || ((!title || !*title) && (!msg || !*msg)))
        return;
    inc = evb_incident(b);
    inc->id = jf_dup(d, post, "Id");
    inc->name =
        title && *title ? xstrdup(title) : xasprintf("%s: %s", what, status ? status : "no status");
    inc->status = xstrdup_or_null(status);
    inc->open = true;
    inc->level = level;
    inc->created_at = jf_time(d, post, "AuthoredDateTime");
    inc->started_at = inc->created_at;
    inc->updated_at = jf_time(d, post, "LastUpdatedTime");
    incident_add_update(inc, inc->status, text_from_html(msg), inc->updated_at);
    if (component)
        incident_add_component(inc, component);
}

static int read_rows(struct jdoc *d, struct evb *b, char *err, size_t errlen)
{
    size_t i = 0;

    for (jref row = jd_first(d, JD_ROOT); row; row = jd_next(d, JD_ROOT, row), i++) {
        char *id = jf_dup_first(d, row, id_keys), *name = jf_dup_first(d, row, name_keys);
        const char *status = jf_str(d, row, "Status");
        enum level level = level_map_find_loose(status_levels, status, LEVEL_UNKNOWN);
        struct component *c;

        if (jd_type(d, row) != JT_OBJECT || !id) {
            free(id);
            free(name);
            return provider_fail(err, errlen, "row %zu is %s without a service name", i,
                                 jd_type_name(d, row));
        }
        c = evb_component(b, id, name, level);
        if (!c->status) {
            c->status = xstrdup_or_null(status);
            c->updated_at = jf_time(d, row, "LastUpdatedTime");
        }
        add_incident(d, b, row, name ? name : id, level, id);
        free(id);
        free(name);
    }
    return 0;
}

/* The retired consumer index: IsUp per service. A service that is not up
 * is a problem of a size the index does not tell: degraded. */
static int read_index(struct jdoc *d, struct evb *b, char *err, size_t errlen)
{
    jref services = jd_get(d, JD_ROOT, "Services");
    size_t i = 0;

    for (jref s = jd_first(d, services); s; s = jd_next(d, services, s), i++) {
        const char *id = jf_str(d, s, "Id");
        int up = jd_type(d, jd_get(d, s, "IsUp"));
        enum level level = up == JT_TRUE    ? LEVEL_OK
                           : up == JT_FALSE ? LEVEL_DEGRADED
                                            : LEVEL_UNKNOWN;
        struct component *c;

        if (jd_type(d, s) != JT_OBJECT || !id || !*id)
            return provider_fail(err, errlen, "service %zu is %s without an Id", i,
                                 jd_type_name(d, s));
        c = evb_component(b, id, jf_str(d, s, "Name"), level);
        if (!c->status)
            c->status = xstrdup(level == LEVEL_OK ? "up" : level == LEVEL_DEGRADED ? "down" : "?");
    }
    b->ev.description = jf_dup(d, JD_ROOT, "Title");
    return 0;
}

/* One post for a whole product (mac, azure): the page's indicator. */
static void read_post(struct jdoc *d, struct evb *b)
{
    const char *status = jf_str(d, JD_ROOT, "Status");

    b->ev.indicator = xstrdup(status ? status : "");
    b->ev.indicator_level = level_map_find_loose(status_levels, status, LEVEL_UNKNOWN);
    b->ev.description = text_from_html(jf_str(d, JD_ROOT, "Message"));
    b->ev.updated_at = jf_time(d, JD_ROOT, "LastUpdatedTime");
    add_incident(d, b, JD_ROOT, "Microsoft", b->ev.indicator_level, NULL);
}

/* The RSS form: each item a post, its <status> the word. */
static int read_feed(struct evb *b, const char *body, size_t len, char *err, size_t errlen)
{
    struct feed f = {0};

    if (feed_parse(body, len, &f, err, errlen) != 0)
        return -1;
    for (size_t i = 0; i < f.nitems; i++) {
        const struct feed_item *it = &f.items[i];
        const char *status = feed_item_field(it, "status");
        const char *id = it->id ? it->id : it->title;
        enum level level = level_map_find_loose(status_levels, status, LEVEL_UNKNOWN);
        struct component *c;
        struct incident *inc;

        if (!id || !*id)
            continue;
        c = evb_component(b, id, it->title, level);
        if (!c->status)
            c->status = xstrdup_or_null(status);
        c->updated_at = it->published;
        if (level == LEVEL_OK)
            continue;
        inc = evb_incident(b);
        inc->id = xstrdup(id);
        inc->name = xstrdup(it->title ? it->title : id);
        inc->status = xstrdup_or_null(status);
        inc->open = true;
        inc->level = level;
        inc->started_at = inc->updated_at = it->published;
        incident_add_update(inc, status, text_from_html(it->description), it->published);
        incident_add_component(inc, id);
    }
    evb_take_feed(b, &f);
    return 0;
}

static int m365_parse(const char *body, size_t len, struct evidence *out, char *err, size_t errlen)
{
    struct jdoc d;
    struct evb b = {0};
    int rc = 0;

    if (sniff_first(body, len) == '<' && !sniff_has(body, len, "<html") &&
        !sniff_has(body, len, "<!DOCTYPE")) {
        if (read_feed(&b, body, len, err, errlen) != 0) {
            evb_abort(&b);
            return -1;
        }
        evb_finish(&b, PROVIDER_MAX_CLOSED, out);
        return 0;
    }
    if (provider_load_jdoc(body, len, &d, err, errlen) != 0)
        return -1;
    if (jd_type(&d, JD_ROOT) == JT_ARRAY)
        rc = read_rows(&d, &b, err, errlen);
    else if (jd_type(&d, jd_get(&d, JD_ROOT, "Services")) == JT_ARRAY)
        rc = read_index(&d, &b, err, errlen);
    else if (jd_get(&d, JD_ROOT, "Status"))
        read_post(&d, &b);
    else
        rc = provider_fail(err, errlen,
                           "not a Microsoft status post: the root is %s without "
                           "'Status'",
                           jd_type_name(&d, JD_ROOT));
    jdoc_free(&d);
    if (rc != 0) {
        evb_abort(&b);
        return -1;
    }
    evb_finish(&b, PROVIDER_MAX_CLOSED, out);
    return 0;
}

static int m365_sniff(const char *body, size_t len)
{
    if (sniff_has(body, len, "<title>Microsoft Admin Center Status</title>"))
        return 90;
    if (sniff_has(body, len, "\"ServiceWorkloadName\"") || sniff_has(body, len, "\"IsAllUp\""))
        return 95;
    return sniff_has(body, len, "\"AuthoredDateTime\"") && sniff_has(body, len, "\"Status\"") ? 85
                                                                                              : 0;
}

const struct provider provider_m365 = {
    .name = "m365",
    .description = "Microsoft 365 status posts: consumer (Outlook.com, Teams Free) and business",
    .document = "a Microsoft 365 status post",
    .parse = m365_parse,
    .sniff = m365_sniff,
    .crowd = false,
    .default_interval_s = 120,
    .auth = AUTH_NONE,
};
