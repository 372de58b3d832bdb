/* Apple's system status pages:
 *  - www.apple.com/support/systemstatus/data/system_status_en_US.js (plain
 *    JSON despite the name) and the developer one,
 *    .../developer/system_status_en_US.js, which wraps the same JSON in
 *    jsonCallback(...): {drMessage, services[{serviceName, events[{
 *    messageId, statusType, message, epochStartDate, epochEndDate (ms),
 *    usersAffected, affectedServices[], eventStatus}]}]};
 *  - the 2012 form: {dashboard: {<group>: {<service>: []}},
 *    detailedTimeline[{messageId, messageTitle, statusType, message,
 *    epochStartDate, epochEndDate}]}.
 * One event shows under each service it touches: it is one incident
 * (by messageId) with each of those services as a component. statusType
 * says how bad (Outage major, Issue and Performance degraded, Maintenance
 * maintenance); eventStatus whether it is on. No places. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "provider_internal.h"
#include "sitrep/provider.h"
#include "sitrep/xalloc.h"

/* Compared loosely: case and blanks do not count. */
static const struct level_map type_levels[] = {
    {"outage", LEVEL_MAJOR},         {"issue", LEVEL_DEGRADED},
    {"performance", LEVEL_DEGRADED}, {"maintenance", LEVEL_MAINTENANCE},
    {"informational", LEVEL_NOTICE}, {NULL, LEVEL_NONE},
};

/* LEVEL_OK: over; LEVEL_NOTICE: announced; LEVEL_DEGRADED: on. */
static const struct level_map event_states[] = {
    {"resolved", LEVEL_OK},      {"completed", LEVEL_OK},
    {"ongoing", LEVEL_DEGRADED}, {"inprogress", LEVEL_DEGRADED},
    {"upcoming", LEVEL_NOTICE},  {"scheduled", LEVEL_NOTICE},
    {NULL, LEVEL_NONE},
};

static time_t epoch_ms(struct jdoc *d, jref e, const char *key)
{
    bool ok;
    double ms = jd_num(d, jd_get(d, e, key), &ok);

    return ok && ms > 0 && ms < 1e15 ? (time_t)(ms / 1000) : 0;
}

/* The event as an incident (made once per messageId); the service it is
 * listed under becomes one of its components at its level while on. */
static void read_event(struct jdoc *d, jref e, const char *service, struct evb *b)
{
    const char *id = jf_str(d, e, "messageId"), *status = jf_str(d, e, "eventStatus");
    const char *title = jf_str(d, e, "messageTitle");
    time_t end = epoch_ms(d, e, "epochEndDate");
    /* No status word (the 2012 form): an end time says it is over. */
    enum level state = status ? level_map_find_loose(event_states, status, LEVEL_UNKNOWN)
                       : end  ? LEVEL_OK
                              : LEVEL_DEGRADED;
    bool is_new = true;
    struct incident *inc = id ? evb_incident_keyed(b, id, &is_new) : evb_incident(b);

    if (is_new) {
        enum level type =
            level_map_find_loose(type_levels, jf_str(d, e, "statusType"), LEVEL_UNKNOWN);
        inc->name =
            title ? xstrdup(title)
                  : xasprintf("%s: %s", service ? service : "Apple",
                              jf_str(d, e, "statusType") ? jf_str(d, e, "statusType") : "event");
        inc->status = xstrdup_or_null(status);
        inc->created_at = inc->started_at = epoch_ms(d, e, "epochStartDate");
        inc->maintenance = type == LEVEL_MAINTENANCE;
        inc->scheduled = state == LEVEL_NOTICE;
        inc->open = state == LEVEL_DEGRADED || state == LEVEL_UNKNOWN;
        inc->level = state == LEVEL_UNKNOWN ? LEVEL_UNKNOWN : type;
        if (inc->maintenance) {
            inc->scheduled_for = inc->started_at;
            inc->scheduled_until = end;
        }
        if (state == LEVEL_OK)
            inc->resolved_at = end;
        incident_add_update(inc, status, jf_dup(d, e, "message"), inc->started_at);
    }
    if (service && *service) {
        evb_component(b, service, service, inc->open ? inc->level : LEVEL_OK);
        incident_add_component(inc, service);
    }
}

static void read_services(struct jdoc *d, jref list, struct evb *b)
{
    for (jref s = jd_first(d, list); s; s = jd_next(d, list, s)) {
        const char *name = jf_str(d, s, "serviceName");
        jref events = jd_get(d, s, "events");
        if (!name || !*name)
            continue;
        evb_component(b, name, name, LEVEL_OK);
        for (jref e = jd_first(d, events); e; e = jd_next(d, events, e))
            read_event(d, e, name, b);
    }
}

/* The 2012 form: services by group, events in one timeline. */
static void read_legacy(struct jdoc *d, jref dash, jref timeline, struct evb *b)
{
    for (jref g = jd_first(d, dash); g; g = jd_next(d, dash, g)) {
        const char *group = jd_str(d, g);
        for (jref s = jd_first(d, g + 1); s; s = jd_next(d, g + 1, s)) {
            const char *name = jd_str(d, s);
            struct component *c;
            if (!name || !*name)
                continue;
            c = evb_component(b, name, name, LEVEL_OK);
            if (!c->group_name && group)
                c->group_name = xstrdup(group);
        }
    }
    for (jref e = jd_first(d, timeline); e; e = jd_next(d, timeline, e))
        read_event(d, e, jf_str(d, e, "messageTitle"), b);
}

/* The JSON inside jsonCallback(...); the body itself otherwise. */
static const char *unwrap(const char *body, size_t *len)
{
    size_t i = 0, n = *len;

    while (i < n && isspace((unsigned char)body[i]))
        i++;
    if (i >= n || !(isalpha((unsigned char)body[i]) || body[i] == '_'))
        return body;
    while (i < n && (isalnum((unsigned char)body[i]) || body[i] == '_' || body[i] == '.'))
        i++;
    if (i >= n || body[i] != '(')
        return body;
    while (n > i && body[n - 1] != ')')
        n--;
    if (n <= i + 1)
        return body;
    *len = n - 1 - (i + 1);
    return body + i + 1;
}

static int apple_parse(const char *body, size_t len, struct evidence *out, char *err, size_t errlen)
{
    struct jdoc d;
    struct evb b = {0};
    jref services, dash;
    int rc = 0;

    body = unwrap(body, &len);
    if (provider_load_jdoc(body, len, &d, err, errlen) != 0)
        return -1;
    services = jd_get(&d, JD_ROOT, "services");
    dash = jd_get(&d, JD_ROOT, "dashboard");
    if (jd_type(&d, services) == JT_ARRAY)
        read_services(&d, services, &b);
    else if (jd_type(&d, dash) == JT_OBJECT)
        read_legacy(&d, dash, jd_get(&d, JD_ROOT, "detailedTimeline"), &b);
    else
        rc = provider_fail(err, errlen,
                           "not an Apple system status document: no 'services' or 'dashboard'");
    if (rc == 0)
        b.ev.description = jf_dup(&d, JD_ROOT, "drMessage");
    jdoc_free(&d);
    if (rc != 0) {
        evb_abort(&b);
        return -1;
    }
    b.ev.page_name = xstrdup("Apple");
    evb_finish(&b, PROVIDER_MAX_CLOSED, out);
    return 0;
}

static int apple_sniff(const char *body, size_t len)
{
    if (sniff_has(body, len, "\"serviceName\"") &&
        (sniff_has(body, len, "\"drMessage\"") || sniff_has(body, len, "\"events\"")))
        return 95;
    return sniff_has(body, len, "\"detailedTimeline\"") ? 90 : 0;
}

const struct provider provider_apple = {
    .name = "apple",
    .description = "Apple system status, consumer and developer (JSON or its jsonCallback form)",
    .document = "an Apple system status document",
    .parse = apple_parse,
    .sniff = apple_sniff,
    .crowd = false,
    .default_interval_s = 0,
    .auth = AUTH_NONE,
};
