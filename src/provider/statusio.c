/* status.io public status, api.status.io/1.0/status/<page id>:
 * {result: {status_overall: {status, status_code}, status[{id, name,
 * status_code, containers[{id, name, status_code}]}], incidents[{_id, name,
 * datetime_open, messages[{details, state, status, datetime}],
 * containers_affected[{_id, name}], components_affected[{_id, name}]}],
 * maintenance: {active[], upcoming[]}}}.
 * Status codes: 100 operational, 200 planned maintenance, 300 degraded
 * performance, 400 partial service disruption, 500 service disruption, 600
 * security event (partial: something is wrong, its reach not said). A
 * component shows once per container, the container as its group:
 * containers are where a page runs (GitLab's "Google Compute Engine",
 * "AWS") or, on some pages, places, which the source's region rules can
 * turn into columns ("group" rules); an incident names its containers as
 * its places for the same rules. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "provider_internal.h"
#include "sitrep/provider.h"
#include "sitrep/xalloc.h"

static enum level code_level(struct jdoc *d, jref v)
{
    bool ok;
    double code = jd_num(d, v, &ok);

    if (!ok && jd_str(d, v)) { /* a code written as a string */
        code = strtod(jd_str(d, v), NULL);
        ok = true;
    }
    if (!ok || code != (int)code)
        return LEVEL_UNKNOWN;
    switch ((int)code) {
    case 100: return LEVEL_OK;
    case 200: return LEVEL_MAINTENANCE;
    case 300: return LEVEL_DEGRADED;
    case 400: return LEVEL_PARTIAL;
    case 500: return LEVEL_MAJOR;
    case 600: return LEVEL_PARTIAL;
    default: return LEVEL_UNKNOWN;
    }
}

static char *pair_id(const char *a, const char *b)
{
    return xasprintf("%s/%s", a, b);
}

/* One component per service and container. */
static void read_services(struct jdoc *d, jref result, struct evb *b)
{
    jref list = jd_get(d, result, "status");

    for (jref s = jd_first(d, list); s; s = jd_next(d, list, s)) {
        const char *sid = jf_str(d, s, "id"), *name = jf_str(d, s, "name");
        jref conts = jd_get(d, s, "containers");
        if (!sid || !*sid)
            continue;
        for (jref c = jd_first(d, conts); c; c = jd_next(d, conts, c)) {
            const char *cid = jf_str(d, c, "id");
            char *id;
            struct component *comp;
            if (!cid || !*cid)
                continue;
            id = pair_id(sid, cid);
            comp = evb_component(b, id, name, code_level(d, jd_get(d, c, "status_code")));
            if (!comp->status)
                comp->status = jf_dup(d, c, "status");
            if (!comp->group_name)
                comp->group_name = jf_dup(d, c, "name");
            comp->updated_at = jf_time(d, c, "updated");
            free(id);
        }
        if (!jd_first(d, conts)) /* no container: the service alone */
            evb_component(b, sid, name, code_level(d, jd_get(d, s, "status_code")));
    }
}

/* The components an incident names, in the containers it names. */
static void link_components(struct jdoc *d, jref e, struct evb *b, struct incident *inc)
{
    jref comps = jd_get(d, e, "components_affected"), conts = jd_get(d, e, "containers_affected");

    for (jref c = jd_first(d, comps); c; c = jd_next(d, comps, c)) {
        const char *cid = jf_str(d, c, "_id");
        for (jref k = jd_first(d, conts); cid && k; k = jd_next(d, conts, k)) {
            const char *kid = jf_str(d, k, "_id");
            char *id = kid ? pair_id(cid, kid) : NULL;
            if (id && evb_find(b, id))
                incident_add_component(inc, id);
            free(id);
        }
    }
    for (jref k = jd_first(d, conts); k; k = jd_next(d, conts, k)) {
        const char *name = jf_str(d, k, "name");
        if (name && *name)
            incident_add_location(inc, name, REGION_NONE);
    }
}

/* Newest message last in the feed; each one a status code and HTML text. */
static enum level read_messages(struct jdoc *d, jref e, struct incident *inc)
{
    jref msgs = jd_get(d, e, "messages");
    enum level latest = LEVEL_NONE;
    time_t latest_at = 0;

    for (jref m = jd_first(d, msgs); m; m = jd_next(d, msgs, m)) {
        time_t at = jf_time(d, m, "datetime");
        incident_add_update(inc, NULL, text_from_html(jf_str(d, m, "details")), at);
        if (latest == LEVEL_NONE || at >= latest_at) {
            latest = code_level(d, jd_get(d, m, "status"));
            latest_at = at;
        }
    }
    return latest;
}

static void read_incident(struct jdoc *d, jref e, struct evb *b)
{
    struct incident *inc = evb_incident(b);
    enum level level;

    inc->id = jf_dup(d, e, "_id");
    inc->name = jf_dup(d, e, "name");
    if (!inc->name)
        inc->name = xstrdup("(untitled)");
    inc->created_at = inc->started_at = jf_time(d, e, "datetime_open");
    level = read_messages(d, e, inc);
    inc->updated_at = inc->nupdates ? inc->updates[inc->nupdates - 1].at : inc->created_at;
    /* Listed incidents are current; a last word of "operational" ends one. */
    inc->open = level != LEVEL_OK;
    inc->level = level == LEVEL_OK || level == LEVEL_NONE ? LEVEL_UNKNOWN : level;
    if (level == LEVEL_OK) {
        inc->level = LEVEL_NOTICE;
        inc->resolved_at = inc->updated_at;
    }
    link_components(d, e, b, inc);
}

static void read_maintenance(struct jdoc *d, jref e, struct evb *b, bool active)
{
    struct incident *inc = evb_incident(b);

    inc->id = jf_dup(d, e, "_id");
    inc->name = jf_dup(d, e, "name");
    if (!inc->name)
        inc->name = xstrdup("(untitled)");
    inc->maintenance = true;
    inc->level = LEVEL_MAINTENANCE;
    inc->scheduled_for = jf_time(d, e, "datetime_planned_start");
    inc->scheduled_until = jf_time(d, e, "datetime_planned_end");
    inc->created_at = inc->started_at = inc->scheduled_for;
    inc->open = active;
    inc->scheduled = !active;
    read_messages(d, e, inc);
    link_components(d, e, b, inc);
}

static int read_result(struct jdoc *d, jref result, struct evb *b, char *err, size_t errlen)
{
    jref overall = jd_get(d, result, "status_overall"), maint = jd_get(d, result, "maintenance");
    jref list = jd_get(d, result, "incidents");

    if (jd_type(d, overall) != JT_OBJECT && jd_type(d, jd_get(d, result, "status")) != JT_ARRAY)
        return provider_fail(err, errlen,
                             "not a status.io document: no 'status_overall' or 'status' list");
    b->ev.indicator = jf_dup(d, overall, "status");
    if (!b->ev.indicator)
        b->ev.indicator = xstrdup("");
    b->ev.indicator_level = overall ? code_level(d, jd_get(d, overall, "status_code")) : LEVEL_NONE;
    b->ev.updated_at = jf_time(d, overall, "updated");
    read_services(d, result, b);
    for (jref e = jd_first(d, list); e; e = jd_next(d, list, e))
        read_incident(d, e, b);
    list = jd_get(d, maint, "active");
    for (jref e = jd_first(d, list); e; e = jd_next(d, list, e))
        read_maintenance(d, e, b, true);
    list = jd_get(d, maint, "upcoming");
    for (jref e = jd_first(d, list); e; e = jd_next(d, list, e))
        read_maintenance(d, e, b, false);
    return 0;
}

/* The root's result object. */
static int read_document(struct jdoc *d, struct evb *b, char *err, size_t errlen)
{
    jref result = jd_get(d, JD_ROOT, "result");

    if (jd_type(d, result) != JT_OBJECT)
        return provider_fail(err, errlen, "not a status.io document: no 'result' object");
    return read_result(d, result, b, err, errlen);
}

static int statusio_parse(const char *body, size_t len, struct evidence *out, char *err,
                          size_t errlen)
{
    struct evb b = {0};

    if (provider_read_jdoc(body, len, read_document, &b, err, errlen) != 0)
        return -1;
    evb_finish(&b, PROVIDER_MAX_CLOSED, out);
    return 0;
}

static int statusio_sniff(const char *body, size_t len)
{
    if (sniff_first(body, len) != '{')
        return 0;
    return sniff_has(body, len, "\"status_overall\"") ? 95 : 0;
}

const struct provider provider_statusio = {
    .name = "statusio",
    .description =
        "status.io public status, api.status.io/1.0/status/<page id> (containers as groups)",
    .document = "a status.io status document",
    .parse = statusio_parse,
    .sniff = statusio_sniff,
    .crowd = false,
    .default_interval_s = 0,
    .auth = AUTH_NONE,
};
