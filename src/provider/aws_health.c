/* AWS Health Dashboard's public currentevents
 * (health.aws.amazon.com/public/currentevents): a JSON array of events,
 * served in UTF-16 with a byte order mark (provider_load_json decodes it),
 * "[]" when all is well.
 *
 * An event's status is a code, as a string or a number: 0 resolved,
 * 1 informational, 2 degraded, 3 disruption (one public script reads them
 * the other way round; the recorded data says this way: a resolved event
 * carries "0" and an end_time). Its region is in its ARN
 * (arn:aws:health:<region>::event/...), else at the end of its service key
 * ("ec2-us-west-2"); a global service has none and speaks service-wide.
 * Events stay open for months (the Middle East regions in 2026): they are
 * kept, with their start, so their age shows. The affected services of an
 * open event become components in their regions. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "provider_internal.h"
#include "sitrep/provider.h"
#include "sitrep/region.h"
#include "sitrep/xalloc.h"

/* Indexed by the status code. */
static const struct {
    const char *word;
    enum level level;
} codes[] = {
    {"resolved", LEVEL_OK},
    {"informational", LEVEL_NOTICE},
    {"degraded", LEVEL_DEGRADED},
    {"disruption", LEVEL_MAJOR},
};

#define NCODES ((int)(sizeof codes / sizeof codes[0]))
#define ARN_PREFIX "arn:aws:health:"

/* The code of obj[key]: 0..3, or -1 when absent or unknown. */
static int status_code(const json_t *obj, const char *key)
{
    int code = pj_int(obj, key, -1);

    return code >= 0 && code < NCODES ? code : -1;
}

static enum level code_level(int code)
{
    return code < 0 ? LEVEL_UNKNOWN : codes[code].level;
}

/* The region code of an event into out ("" when it has none). */
static void event_region(const json_t *ev, char *out, size_t cap)
{
    const char *arn = pj_str(ev, "arn"), *suffix;

    out[0] = '\0';
    if (arn && strncmp(arn, ARN_PREFIX, strlen(ARN_PREFIX)) == 0) {
        const char *r = arn + strlen(ARN_PREFIX);
        size_t n = strcspn(r, ":");
        if (n < cap) {
            memcpy(out, r, n);
            out[n] = '\0';
        }
        if (aws_region_code(out))
            return;
        out[0] = '\0';
    }
    suffix = aws_region_suffix(pj_str(ev, "service"));
    if (suffix && strlen(suffix) < cap)
        snprintf(out, cap, "%s", suffix);
}

/* "UAE (me-central-1)", or the code alone. */
static char *region_label(const json_t *ev, const char *code)
{
    const char *name = pj_str(ev, "region_name");

    return name && *name ? xasprintf("%s (%s)", name, code) : xstrdup(code);
}

/* A service key without a region of its own ("route53", "cloudfront")
 * is hit in the event's region: it is keyed with it, so the same global
 * service in two regional events stays two components. */
static void add_component(struct evb *b, struct incident *inc, const char *key, const char *name,
                          enum level level, const char *event_code, const json_t *ev)
{
    const char *suffix = aws_region_suffix(key);
    const char *code = suffix ? suffix : event_code;
    char *id = suffix || !*code ? xstrdup(key) : xasprintf("%s@%s", key, code);
    struct component *c = evb_component(b, id, name, level);

    if (!c->group_id && *code) {
        c->group_id = xstrdup(code);
        c->group_name = strcmp(code, event_code) == 0 ? region_label(ev, code) : xstrdup(code);
        c->region = region_find(code);
    }
    incident_add_component(inc, id);
    free(id);
}

/* Components of an open event: the services it lists, or its own. Adding
 * a component may move the incidents, so inc is looked up by position. */
static void add_components(struct evb *b, size_t at, const json_t *ev, const char *code)
{
    const json_t *services = json_object_get(ev, "impacted_services");
    const char *key;
    const json_t *svc;

    json_object_foreach((json_t *)services, key, svc)
    {
        if (!*key || !json_is_object(svc))
            continue;
        add_component(b, &b->ev.incidents[at], key, pj_str(svc, "service_name"),
                      code_level(status_code(svc, "current")), code, ev);
    }
    if (b->ev.incidents[at].ncomponent_ids == 0 && pj_str(ev, "service") &&
        *pj_str(ev, "service"))
        add_component(b, &b->ev.incidents[at], pj_str(ev, "service"), pj_str(ev, "service_name"),
                      b->ev.incidents[at].level, code, ev);
}

/* Adds the log as updates; returns the worst problem it reports (an event
 * resolved since keeps the level it had), LEVEL_NONE when none. */
static enum level read_log(struct incident *inc, const json_t *log)
{
    enum level worst = LEVEL_NONE;

    for (size_t i = 0; i < json_array_size(log); i++) {
        const json_t *e = json_array_get(log, i);
        const char *msg = pj_str(e, "message");
        int code = status_code(e, "status");
        time_t at = pj_epoch(e, "timestamp");

        if (!json_is_object(e))
            continue;
        incident_add_update(inc, code >= 0 ? codes[code].word : NULL, xstrdup(msg ? msg : ""), at);
        if (at > inc->updated_at)
            inc->updated_at = at;
        if (code > 0)
            worst = level_worst(worst, codes[code].level);
    }
    return worst;
}

/* "AWS Direct Connect: Elevated Packet Loss". */
static char *event_name(const json_t *ev)
{
    const char *svc = pj_str(ev, "service_name"), *summary = pj_str(ev, "summary");

    if (svc && *svc && summary && *summary)
        return xasprintf("%s: %s", svc, summary);
    if (summary && *summary)
        return xstrdup(summary);
    return xstrdup(svc && *svc ? svc : "(untitled)");
}

static void read_event(struct evb *b, const json_t *ev)
{
    struct incident *inc = evb_incident(b);
    size_t at = b->ev.nincidents - 1;
    int code = status_code(ev, "status");
    enum level logged;
    char region[48];

    event_region(ev, region, sizeof region);
    inc->id = pj_dup(ev, "arn");
    inc->name = event_name(ev);
    inc->status = xstrdup(code >= 0 ? codes[code].word : "unknown");
    inc->impact = pj_dup(ev, "service_name");
    inc->started_at = inc->created_at = pj_epoch(ev, "date");
    inc->resolved_at = pj_epoch(ev, "end_time");
    /* An unknown code stays open, as unknown: hiding a live event is worse. */
    inc->open = code != 0 && !inc->resolved_at;
    logged = read_log(inc, json_object_get(ev, "event_log"));
    if (code > 0)
        inc->level = codes[code].level;
    else if (code == 0) /* resolved: the level it had, from its log */
        inc->level = logged != LEVEL_NONE ? logged : LEVEL_NOTICE;
    else
        inc->level = LEVEL_UNKNOWN;
    if (*region)
        incident_add_location(inc, region, region_find(region));
    if (inc->open)
        add_components(b, at, ev, region);
}

static int aws_health_parse(const char *body, size_t len, struct evidence *out, char *err,
                            size_t errlen)
{
    json_t *root = provider_load_json(body, len, err, errlen);
    struct evb b = {0};

    if (!root)
        return -1;
    if (!json_is_array(root)) {
        provider_fail(err, errlen, "not an AWS Health event list: the root is %s, expected an "
                                   "array", pj_type_name(root));
        json_decref(root);
        return -1;
    }
    for (size_t i = 0; i < json_array_size(root); i++) {
        const json_t *ev = json_array_get(root, i);
        if (!json_is_object(ev)) {
            provider_fail(err, errlen, "event %zu is %s, expected an object", i,
                          pj_type_name(ev));
            json_decref(root);
            evb_abort(&b);
            return -1;
        }
        read_event(&b, ev);
    }
    json_decref(root);
    b.ev.quiet_is_ok = true;
    evb_finish(&b, PROVIDER_MAX_CLOSED, out);
    return 0;
}

static int aws_health_sniff(const char *body, size_t len)
{
    int first = sniff_first(body, len);

    if (first != '[')
        return 0;
    if (sniff_has(body, len, "arn:aws:health:"))
        return 95;
    return sniff_has(body, len, "\"impacted_services\"") ? 80 : 0;
}

const struct provider provider_aws_health = {
    .name = "aws-health",
    .description = "AWS Health Dashboard currentevents (UTF-16 JSON; regions from ARNs)",
    .parse = aws_health_parse,
    .sniff = aws_health_sniff,
    .crowd = false,
    .default_interval_s = 120,
    .auth = AUTH_NONE,
};
