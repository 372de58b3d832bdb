/* Slack's own status API, v2.0.0 (slack-status.com/api/v2.0.0/current and
 * /history; status.slack.com answers the same):
 *  - current: {status: "ok"|"active", date_updated, active_incidents[]};
 *  - history: an array of the same incidents, newest first;
 *  - v1.0.0 current (/api/current): one incident as the root, or the terse
 *    {status: "ok"}.
 * An incident: {id (a number, or a string in Slack's own example), title, type, status, url,
 * date_created, date_updated, services[], notes[{date_created, body (HTML)}]}. Its type says how
 * bad (notice, incident, outage); its status whether it is still on (active; scheduled for
 * maintenance) or over (resolved, completed, cancelled). Services are Slack's own short list of
 * features (Messaging, Huddles, Login/SSO ...): they become components, the ones a current document
 * does not name ok. No places: Slack is one worldwide service. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "provider_internal.h"
#include "sitrep/provider.h"
#include "sitrep/xalloc.h"

static const struct level_map type_levels[] = {
    {"notice", LEVEL_NOTICE},
    {"incident", LEVEL_DEGRADED},
    {"outage", LEVEL_MAJOR},
    {NULL, LEVEL_NONE},
};

/* LEVEL_OK: over; LEVEL_MAINTENANCE: planned work; LEVEL_DEGRADED: on, at
 * the level its type gives. Anything else is not known. */
static const struct level_map status_states[] = {
    {"active", LEVEL_DEGRADED},        {"resolved", LEVEL_OK}, {"completed", LEVEL_OK},
    {"cancelled", LEVEL_OK},           {"canceled", LEVEL_OK}, {"scheduled", LEVEL_MAINTENANCE},
    {"inprogress", LEVEL_MAINTENANCE}, {NULL, LEVEL_NONE},
};

/* The features Slack's page lists, so a quiet day still shows them. */
static const char *const slack_services[] = {
    "Login/SSO", "Messaging",    "Notifications", "Search",        "Workspace/Org Administration",
    "Canvases",  "Connectivity", "Files",         "Huddles",       "Apps/Integrations/APIs",
    "Workflows", "Posts/Files",  "Calls",         "Link Previews", NULL,
};

static char *id_text(struct jdoc *d, jref inc)
{
    jref v = jd_get(d, inc, "id");
    bool ok;
    double n = jd_num(d, v, &ok);

    if (ok)
        return xasprintf("%.0f", n);
    return jf_dup(d, inc, "id");
}

static void read_notes(struct jdoc *d, jref incj, struct incident *inc)
{
    jref notes = jd_get(d, incj, "notes");

    for (jref n = jd_first(d, notes); n; n = jd_next(d, notes, n))
        incident_add_update(inc, NULL, text_from_html(jf_str(d, n, "body")),
                            jf_time(d, n, "date_created"));
}

static void read_services(struct jdoc *d, jref incj, struct evb *b, struct incident *inc)
{
    jref services = jd_get(d, incj, "services");
    enum level level = inc->open ? inc->level : LEVEL_OK;

    for (jref s = jd_first(d, services); s; s = jd_next(d, services, s)) {
        const char *name = jd_str(d, s);
        if (!name || !*name)
            continue;
        evb_component(b, name, name, level);
        incident_add_component(inc, name);
    }
}

static int read_incident(struct jdoc *d, jref incj, size_t i, struct evb *b, char *err,
                         size_t errlen)
{
    const char *type = jf_str(d, incj, "type"), *status = jf_str(d, incj, "status");
    enum level state = level_map_find_loose(status_states, status, LEVEL_UNKNOWN);
    struct incident *inc;

    if (jd_type(d, incj) != JT_OBJECT)
        return provider_fail(err, errlen, "incident %zu is %s, not an object", i,
                             jd_type_name(d, incj));
    /* Another format's array (Google's incidents) must not read as quiet. */
    if (!jf_str(d, incj, "title") && !type)
        return provider_fail(
            err, errlen, "not a Slack status document: incident %zu has no 'title' or 'type'", i);
    inc = evb_incident(b);
    inc->id = id_text(d, incj);
    inc->name = jf_dup(d, incj, "title");
    if (!inc->name)
        inc->name = xstrdup("(untitled)");
    inc->status = xstrdup_or_null(status);
    inc->url = jf_dup(d, incj, "url");
    inc->created_at = inc->started_at = jf_time(d, incj, "date_created");
    inc->updated_at = jf_time(d, incj, "date_updated");
    inc->open = state != LEVEL_OK;
    inc->maintenance = state == LEVEL_MAINTENANCE;
    if (state == LEVEL_UNKNOWN)
        inc->level = LEVEL_UNKNOWN; /* a status we cannot read: on or over? */
    else if (inc->maintenance)
        inc->level = LEVEL_MAINTENANCE;
    else
        inc->level = level_map_find_loose(type_levels, type, LEVEL_UNKNOWN);
    if (!inc->open)
        inc->resolved_at = inc->updated_at;
    read_notes(d, incj, inc);
    read_services(d, incj, b, inc);
    return 0;
}

static int read_incidents(struct jdoc *d, jref arr, struct evb *b, char *err, size_t errlen)
{
    size_t i = 0;

    if (arr && jd_type(d, arr) != JT_ARRAY && jd_type(d, arr) != JT_NULL)
        return provider_fail(err, errlen, "'active_incidents' is %s, not an array",
                             jd_type_name(d, arr));
    for (jref inc = jd_first(d, arr); inc; inc = jd_next(d, arr, inc), i++) {
        if (read_incident(d, inc, i, b, err, errlen) != 0)
            return -1;
    }
    return 0;
}

/* The page's own word: "ok" when nothing is on, "active" otherwise. v1.0.0
 * (/api/current, the default when no version is asked) gives its one
 * incident as the root itself, its status the incident's. */
static int read_current(struct jdoc *d, struct evb *b, char *err, size_t errlen)
{
    const char *status = jf_str(d, JD_ROOT, "status");
    jref active = jd_get(d, JD_ROOT, "active_incidents");
    bool v1 = !active && (jf_str(d, JD_ROOT, "title") || jf_str(d, JD_ROOT, "type"));

    if (!status && !active)
        return provider_fail(err, errlen,
                             "not a Slack status document: no 'status' or 'active_incidents'");
    b->ev.indicator = xstrdup(status ? status : "");
    b->ev.indicator_level = v1 ? LEVEL_NONE /* the incident says */
                            : status && strcmp(status, "ok") == 0 ? LEVEL_OK
                            : status && strcmp(status, "active") == 0
                                ? LEVEL_NONE /* the incidents say how bad */
                                : LEVEL_UNKNOWN;
    b->ev.updated_at = jf_time(d, JD_ROOT, "date_updated");
    for (size_t i = 0; slack_services[i]; i++)
        evb_component(b, slack_services[i], slack_services[i], LEVEL_OK);
    if (v1)
        return read_incident(d, JD_ROOT, 0, b, err, errlen);
    return read_incidents(d, active, b, err, errlen);
}

static int slack_parse(const char *body, size_t len, struct evidence *out, char *err, size_t errlen)
{
    struct jdoc d;
    struct evb b = {0};
    int rc;

    if (provider_load_jdoc(body, len, &d, err, errlen) != 0)
        return -1;
    if (jd_type(&d, JD_ROOT) == JT_ARRAY)
        rc = read_incidents(&d, JD_ROOT, &b, err, errlen);
    else if (jd_type(&d, JD_ROOT) == JT_OBJECT)
        rc = read_current(&d, &b, err, errlen);
    else
        rc = provider_fail(err, errlen, "not a Slack status document: the root is %s",
                           jd_type_name(&d, JD_ROOT));
    jdoc_free(&d);
    if (rc != 0) {
        evb_abort(&b);
        return -1;
    }
    b.ev.page_name = xstrdup("Slack");
    b.ev.quiet_is_ok = true;
    evb_finish(&b, PROVIDER_MAX_CLOSED, out);
    return 0;
}

static int slack_sniff(const char *body, size_t len)
{
    int c = sniff_first(body, len);

    if (c == '{' && sniff_has(body, len, "\"active_incidents\""))
        return 95;
    /* History is an array of incidents; v1.0.0's current is one. */
    if ((c == '[' || c == '{') && sniff_has(body, len, "\"notes\"") &&
        sniff_has(body, len, "\"services\"") && sniff_has(body, len, "\"date_created\""))
        return 80;
    return 0;
}

const struct provider provider_slack = {
    .name = "slack",
    .description = "Slack's status API v2.0.0 (current or history)",
    .document = "a Slack status document",
    .parse = slack_parse,
    .sniff = slack_sniff,
    .crowd = false,
    .default_interval_s = 0,
    .auth = AUTH_NONE,
};
