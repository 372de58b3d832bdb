/* Heroku, status.heroku.com/api/v4/current-status: {status[{system: Apps
 * | Data | Tools, status: green | yellow | red | blue}], incidents[],
 * scheduled[]}. An incident: {id, title, state, resolved, created_at,
 * updated_at, resolved_at, full_url, updates[{contents, update_type,
 * status_dev, status_prod, created_at}], tags[]}. The colours: green ok,
 * yellow degraded, red major, blue maintenance; another word unknown.
 * Traps: "resolved": false next to "state": "resolved" (either one ends
 * it); scheduled entries left "upcoming" after their day. Tags carry
 * regions (EMEA, NA, APAC), the incident's places. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "provider_internal.h"
#include "sitrep/provider.h"
#include "sitrep/xalloc.h"

static const struct level_map colours[] = {
    {"green", LEVEL_OK},         {"yellow", LEVEL_DEGRADED}, {"red", LEVEL_MAJOR},
    {"blue", LEVEL_MAINTENANCE}, {NULL, LEVEL_NONE},
};

static enum level colour(const char *s)
{
    return level_map_find_loose(colours, s, LEVEL_UNKNOWN);
}

static char *id_text(struct jdoc *d, jref e)
{
    bool ok;
    double n = jd_num(d, jd_get(d, e, "id"), &ok);

    return ok ? xasprintf("%.0f", n) : jf_dup(d, e, "id");
}

/* Updates, newest first in the feed; the level is the newest one's
 * production colour. */
static enum level read_updates(struct jdoc *d, jref e, struct incident *inc)
{
    jref list = jd_get(d, e, "updates");
    enum level latest = LEVEL_NONE;
    time_t latest_at = 0;

    for (jref u = jd_first(d, list); u; u = jd_next(d, list, u)) {
        time_t at = jf_time(d, u, "created_at");
        incident_add_update(inc, jf_str(d, u, "update_type"), jf_dup(d, u, "contents"), at);
        if (latest == LEVEL_NONE || at > latest_at) {
            latest = colour(jf_str(d, u, "status_prod"));
            latest_at = at;
        }
    }
    return latest != LEVEL_NONE ? latest : colour(jf_str(d, e, "status_prod"));
}

/* Tags are regions or words; a string or an object with a name. */
static void read_tags(struct jdoc *d, jref e, struct incident *inc)
{
    jref tags = jd_get(d, e, "tags");

    for (jref t = jd_first(d, tags); t; t = jd_next(d, tags, t)) {
        const char *s = jd_str(d, t) ? jd_str(d, t) : jf_str(d, t, "name");
        region_id r = s ? region_resolve(s) : REGION_NONE;
        if (s && *s && r != REGION_NONE)
            incident_add_location(inc, s, r);
    }
}

static void read_entry(struct jdoc *d, jref e, struct evb *b, bool scheduled)
{
    struct incident *inc = evb_incident(b);
    const char *state = jf_str(d, e, "state");
    bool ended = jd_type(d, jd_get(d, e, "resolved")) == JT_TRUE ||
                 (state && strcmp(state, "resolved") == 0);
    enum level level;

    inc->id = id_text(d, e);
    inc->name = jf_dup(d, e, "title");
    if (!inc->name)
        inc->name = xstrdup("(untitled)");
    inc->status = xstrdup_or_null(state);
    inc->url = jf_dup(d, e, "full_url");
    inc->created_at = inc->started_at = jf_time(d, e, "created_at");
    inc->updated_at = jf_time(d, e, "updated_at");
    level = read_updates(d, e, inc);
    inc->maintenance = scheduled;
    inc->open = !ended;
    if (scheduled) {
        inc->level = LEVEL_MAINTENANCE;
        /* Announced and not begun: upcoming, or no update past the notice. */
        inc->scheduled = !ended && jd_type(d, jd_get(d, e, "upcoming")) == JT_TRUE;
        inc->open = !ended && !inc->scheduled;
    } else {
        /* Green on an incident still open is news all the same. */
        inc->level = level == LEVEL_OK || level == LEVEL_NONE ? LEVEL_NOTICE : level;
    }
    if (ended) {
        inc->resolved_at = jf_time(d, e, "resolved_at");
        if (!inc->resolved_at)
            inc->resolved_at = inc->updated_at;
    }
    read_tags(d, e, inc);
}

static int read_list(struct jdoc *d, const char *key, bool scheduled, struct evb *b, char *err,
                     size_t errlen)
{
    jref list = jd_get(d, JD_ROOT, key);

    if (list && jd_type(d, list) != JT_ARRAY && jd_type(d, list) != JT_NULL)
        return provider_fail(err, errlen, "'%s' is %s, not an array", key, jd_type_name(d, list));
    for (jref e = jd_first(d, list); e; e = jd_next(d, list, e)) {
        if (jd_type(d, e) != JT_OBJECT)
            return provider_fail(err, errlen, "an entry of '%s' is %s, not an object", key,
                                 jd_type_name(d, e));
        read_entry(d, e, b, scheduled);
    }
    return 0;
}

static int read_document(struct jdoc *d, struct evb *b, char *err, size_t errlen)
{
    jref systems = jd_get(d, JD_ROOT, "status");

    if (jd_type(d, JD_ROOT) != JT_OBJECT || jd_type(d, systems) != JT_ARRAY)
        return provider_fail(err, errlen, "not a Heroku status document: no 'status' list");
    for (jref s = jd_first(d, systems); s; s = jd_next(d, systems, s)) {
        const char *name = jf_str(d, s, "system"), *st = jf_str(d, s, "status");
        struct component *c;
        if (!name || !*name)
            continue;
        c = evb_component(b, name, name, colour(st));
        if (!c->status)
            c->status = xstrdup_or_null(st);
    }
    if (read_list(d, "incidents", false, b, err, errlen) != 0)
        return -1;
    return read_list(d, "scheduled", true, b, err, errlen);
}

static int heroku_parse(const char *body, size_t len, struct evidence *out, char *err,
                        size_t errlen)
{
    struct evb b = {0};

    if (provider_read_jdoc(body, len, read_document, &b, err, errlen) != 0)
        return -1;
    b.ev.page_name = xstrdup("Heroku");
    evb_finish(&b, PROVIDER_MAX_CLOSED, out);
    return 0;
}

static int heroku_sniff(const char *body, size_t len)
{
    if (sniff_first(body, len) != '{')
        return 0;
    return sniff_has(body, len, "\"system\"") && sniff_has(body, len, "\"status_prod\"") ? 95
           : sniff_has(body, len, "\"system\"") && sniff_has(body, len, "\"scheduled\"") ? 80
                                                                                         : 0;
}

const struct provider provider_heroku = {
    .name = "heroku",
    .description = "Heroku status API v4, current-status (regions from incident tags)",
    .document = "a Heroku status document",
    .parse = heroku_parse,
    .sniff = heroku_sniff,
    .crowd = false,
    .default_interval_s = 0,
    .auth = AUTH_NONE,
};
