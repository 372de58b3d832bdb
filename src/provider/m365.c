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
static void add_incident(struct evb *b, const json_t *post, const char *what, enum level level,
                         const char *component)
{
    const char *title = pj_str(post, "Title"), *msg = pj_str(post, "Message");
    struct incident *inc;

    if (level == LEVEL_OK || ((!title || !*title) && (!msg || !*msg)))
        return;
    inc = evb_incident(b);
    inc->id = pj_dup(post, "Id");
    inc->name = title && *title ? xstrdup(title) : xasprintf("%s: %s", what, pj_str(post, "Status")
                                                                               ? pj_str(post, "Status")
                                                                               : "no status");
    inc->status = pj_dup(post, "Status");
    inc->open = true;
    inc->level = level;
    inc->created_at = pj_time(post, "AuthoredDateTime");
    inc->started_at = inc->created_at;
    inc->updated_at = pj_time(post, "LastUpdatedTime");
    incident_add_update(inc, inc->status, text_from_html(msg), inc->updated_at);
    if (component)
        incident_add_component(inc, component);
}

static int read_rows(struct evb *b, const json_t *rows, char *err, size_t errlen)
{
    for (size_t i = 0; i < json_array_size(rows); i++) {
        const json_t *row = json_array_get(rows, i);
        char *id = pj_dup_first(row, id_keys), *name = pj_dup_first(row, name_keys);
        enum level level = level_map_find_loose(status_levels, pj_str(row, "Status"),
                                                LEVEL_UNKNOWN);
        struct component *c;

        if (!json_is_object(row) || !id) {
            free(id);
            free(name);
            return provider_fail(err, errlen, "row %zu is %s without a service name", i,
                                 pj_type_name(row));
        }
        c = evb_component(b, id, name, level);
        if (!c->status) {
            c->status = pj_dup(row, "Status");
            c->updated_at = pj_time(row, "LastUpdatedTime");
        }
        add_incident(b, row, name ? name : id, level, id);
        free(id);
        free(name);
    }
    return 0;
}

/* The retired consumer index: IsUp per service. A service that is not up
 * is a problem of a size the index does not tell: degraded. */
static int read_index(struct evb *b, const json_t *root, char *err, size_t errlen)
{
    const json_t *services = json_object_get(root, "Services");

    for (size_t i = 0; i < json_array_size(services); i++) {
        const json_t *s = json_array_get(services, i);
        const char *id = pj_str(s, "Id");
        const json_t *up = json_object_get(s, "IsUp");
        enum level level = json_is_boolean(up) ? (json_is_true(up) ? LEVEL_OK : LEVEL_DEGRADED)
                                               : LEVEL_UNKNOWN;
        struct component *c;

        if (!json_is_object(s) || !id || !*id)
            return provider_fail(err, errlen, "service %zu is %s without an Id", i,
                                 pj_type_name(s));
        c = evb_component(b, id, pj_str(s, "Name"), level);
        if (!c->status)
            c->status = xstrdup(level == LEVEL_OK ? "up" : level == LEVEL_DEGRADED ? "down" : "?");
    }
    b->ev.description = pj_dup(root, "Title");
    return 0;
}

/* One post for a whole product (mac, azure): the page's indicator. */
static void read_post(struct evb *b, const json_t *post)
{
    const char *status = pj_str(post, "Status");

    b->ev.indicator = xstrdup(status ? status : "");
    b->ev.indicator_level = level_map_find_loose(status_levels, status, LEVEL_UNKNOWN);
    b->ev.description = text_from_html(pj_str(post, "Message"));
    b->ev.updated_at = pj_time(post, "LastUpdatedTime");
    add_incident(b, post, "Microsoft", b->ev.indicator_level, NULL);
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
    b->ev.page_name = xstrdup_or_null(f.title);
    b->ev.page_url = xstrdup_or_null(f.link);
    b->ev.updated_at = f.updated;
    feed_free(&f);
    return 0;
}

static int m365_parse(const char *body, size_t len, struct evidence *out, char *err,
                      size_t errlen)
{
    json_t *root;
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
    if (!(root = provider_load_json(body, len, err, errlen)))
        return -1;
    if (json_is_array(root))
        rc = read_rows(&b, root, err, errlen);
    else if (json_is_array(json_object_get(root, "Services")))
        rc = read_index(&b, root, err, errlen);
    else if (json_is_object(root) && json_object_get(root, "Status"))
        read_post(&b, root);
    else
        rc = provider_fail(err, errlen, "not a Microsoft status post: the root is %s without "
                                        "'Status'", pj_type_name(root));
    json_decref(root);
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
    .parse = m365_parse,
    .sniff = m365_sniff,
    .crowd = false,
    .default_interval_s = 120,
    .auth = AUTH_NONE,
};
