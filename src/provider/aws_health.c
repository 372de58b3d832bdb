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

#define NCODES     ((int)(sizeof codes / sizeof codes[0]))
#define ARN_PREFIX "arn:aws:health:"

/* The code of obj[key]: 0..3, or -1 when absent or unknown. */
static int status_code(struct jdoc *d, jref obj, const char *key)
{
    int code = jf_int(d, obj, key, -1);

    return code >= 0 && code < NCODES ? code : -1;
}

static enum level code_level(int code)
{
    return code < 0 ? LEVEL_UNKNOWN : codes[code].level;
}

/* The region code of an event into out ("" when it has none). */
static void event_region(struct jdoc *d, jref ev, char *out, size_t cap)
{
    const char *arn = jf_str(d, ev, "arn"), *suffix;

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
    suffix = aws_region_suffix(jf_str(d, ev, "service"));
    if (suffix && strlen(suffix) < cap)
        snprintf(out, cap, "%s", suffix);
}

/* An event as read: what its components need to know. */
struct event {
    struct jdoc *d;
    jref ev;
    const char *code;        /* its region, "" for none */
    const char *region_name; /* "UAE", or NULL */
};

/* "UAE (me-central-1)", or the code alone. */
static char *region_label(const struct event *e, const char *code)
{
    if (strcmp(code, e->code) == 0 && e->region_name && *e->region_name)
        return xasprintf("%s (%s)", e->region_name, code);
    return xstrdup(code);
}

/* A service key without a region of its own ("route53", "cloudfront")
 * is hit in the event's region: it is keyed with it, so the same global
 * service in two regional events stays two components. */
static void add_component(struct evb *b, size_t at, const char *key, const char *name,
                          enum level level, const struct event *e)
{
    const char *suffix = aws_region_suffix(key);
    const char *code = suffix ? suffix : e->code;
    char *id = suffix || !*code ? xstrdup(key) : xasprintf("%s@%s", key, code);
    struct component *c = evb_component(b, id, name, level);

    if (!c->group_id && *code) {
        c->group_id = xstrdup(code);
        c->group_name = region_label(e, code);
        c->region = region_find(code);
    }
    incident_add_component(&b->ev.incidents[at], id);
    free(id);
}

/* Components of an open event: the services it lists, or its own. */
static void add_components(struct evb *b, size_t at, const struct event *e)
{
    struct jdoc *d = e->d;
    jref services = jd_get(d, e->ev, "impacted_services");
    const char *own = jf_str(d, e->ev, "service");

    for (jref k = jd_first(d, services); k; k = jd_next(d, services, k)) {
        const char *key = jd_str(d, k);
        jref svc = k + 1;
        if (!*key || jd_type(d, svc) != JT_OBJECT)
            continue;
        add_component(b, at, key, jf_str(d, svc, "service_name"),
                      code_level(status_code(d, svc, "current")), e);
    }
    if (b->ev.incidents[at].ncomponent_ids == 0 && own && *own)
        add_component(b, at, own, jf_str(d, e->ev, "service_name"), b->ev.incidents[at].level, e);
}

/* Adds the log as updates; returns the worst problem it reports (an event
 * resolved since keeps the level it had), LEVEL_NONE when none. */
static enum level read_log(struct jdoc *d, struct incident *inc, jref log)
{
    enum level worst = LEVEL_NONE;

    for (jref e = jd_first(d, log); e; e = jd_next(d, log, e)) {
        const char *msg = jf_str(d, e, "message");
        int code = status_code(d, e, "status");
        time_t at = jf_epoch(d, e, "timestamp");

        if (jd_type(d, e) != JT_OBJECT)
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
static char *event_name(struct jdoc *d, jref ev)
{
    const char *svc = jf_str(d, ev, "service_name"), *summary = jf_str(d, ev, "summary");

    if (svc && *svc && summary && *summary)
        return xasprintf("%s: %s", svc, summary);
    if (summary && *summary)
        return xstrdup(summary);
    return xstrdup(svc && *svc ? svc : "(untitled)");
}

static void read_event(struct jdoc *d, struct evb *b, jref ev)
{
    struct incident *inc = evb_incident(b);
    size_t at = b->ev.nincidents - 1;
    int code = status_code(d, ev, "status");
    enum level logged;
    char region[48];

    event_region(d, ev, region, sizeof region);
    inc->id = jf_dup(d, ev, "arn");
    inc->name = event_name(d, ev);
    inc->status = xstrdup(code >= 0 ? codes[code].word : "unknown");
    inc->impact = jf_dup(d, ev, "service_name");
    inc->started_at = inc->created_at = jf_epoch(d, ev, "date");
    inc->resolved_at = jf_epoch(d, ev, "end_time");
    /* An unknown code stays open, as unknown: hiding a live event is worse. */
    inc->open = code != 0 && !inc->resolved_at;
    logged = read_log(d, inc, jd_get(d, ev, "event_log"));
    if (code > 0)
        inc->level = codes[code].level;
    else if (code == 0) /* resolved: the level it had, from its log */
        inc->level = logged != LEVEL_NONE ? logged : LEVEL_NOTICE;
    else
        inc->level = LEVEL_UNKNOWN;
    if (*region)
        incident_add_location(inc, region, region_find(region));
    if (inc->open) {
        struct event e = {d, ev, region, jf_str(d, ev, "region_name")};
        add_components(b, at, &e);
    }
}

static int read_events(struct jdoc *d, struct evb *b, char *err, size_t errlen)
{
    return provider_each_object(d, JD_ROOT, "an AWS Health event list", "event", read_event, b, err,
                                errlen);
}

static int aws_health_parse(const char *body, size_t len, struct evidence *out, char *err,
                            size_t errlen)
{
    struct evb b = {0};

    if (provider_read_jdoc(body, len, read_events, &b, err, errlen) != 0)
        return -1;
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
    .document = "an AWS Health event list",
    .parse = aws_health_parse,
    .sniff = aws_health_sniff,
    .crowd = false,
    .default_interval_s = 120,
    .auth = AUTH_NONE,
};
