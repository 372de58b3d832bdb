/* metastatus.com, Meta's status page for its business products (the
 * WhatsApp Business Platform, the Graph API, Facebook Login, Ads Manager
 * ...; not the consumer apps). The page is a single-page app reading two
 * undocumented JSON files:
 *  - /data/orgs.json: an array of products ("orgs") {id, name, services:
 *    [{id, name, status, time}]}; each org becomes a group and its
 *    services its components;
 *  - /data/outages/<org>.json: the org's open outages [{id, service_id,
 *    status, time, posts: [{status, description, time}]}], empty when all
 *    is well (so it names problems only).
 * Statuses are words that vary ("No known issues", "Low disruptions",
 * "Some disruption", "High disruptions", "Major outage", "Resolved") and
 * are read by what they contain; a word we do not know is unknown. An
 * address the app does not know answers its HTML shell with status 200:
 * that is an error, never an empty (ok) page. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "provider_internal.h"
#include "sitrep/provider.h"
#include "sitrep/xalloc.h"

/* Tried in order on the lower-cased word: the first part found wins. */
static const struct level_map status_parts[] = {
    {"no known issue", LEVEL_OK},
    {"resolved", LEVEL_OK},
    {"operational", LEVEL_OK},
    {"maintenance", LEVEL_MAINTENANCE},
    {"low disruption", LEVEL_NOTICE},
    {"some disruption", LEVEL_DEGRADED},
    {"medium disruption", LEVEL_DEGRADED},
    {"high disruption", LEVEL_PARTIAL},
    {"major outage", LEVEL_MAJOR},
    {"outage", LEVEL_MAJOR},
    {"disruption", LEVEL_DEGRADED},
    {NULL, LEVEL_NONE},
};

static enum level status_level(const char *status)
{
    char low[128];
    size_t n = 0;

    if (!status)
        return LEVEL_UNKNOWN;
    for (; status[n] && n < sizeof low - 1; n++)
        low[n] = (char)tolower((unsigned char)status[n]);
    low[n] = '\0';
    for (size_t i = 0; status_parts[i].name; i++) {
        if (strstr(low, status_parts[i].name))
            return status_parts[i].level;
    }
    return LEVEL_UNKNOWN;
}

static time_t meta_time(struct jdoc *d, jref obj, const char *key)
{
    time_t t = jf_time(d, obj, key);

    return t ? t : jf_epoch(d, obj, key);
}

/* A service that is not ok is an open incident too, so its word reaches
 * the timeline. */
static void service_incident(struct evb *b, const char *org_name, const struct component *c)
{
    struct incident *inc;

    if (c->level == LEVEL_OK)
        return;
    inc = evb_incident(b);
    inc->id = xstrdup(c->id);
    inc->name = xasprintf("%s - %s: %s", org_name, c->name, c->status);
    inc->status = xstrdup(c->status);
    inc->open = true;
    inc->level = c->level;
    inc->started_at = inc->updated_at = c->updated_at;
    incident_add_component(inc, c->id);
}

static int read_org(struct jdoc *d, struct evb *b, jref org, size_t i, char *err, size_t errlen)
{
    char *oid = jf_id(d, org, "id"), *gid;
    const char *oname = jf_str(d, org, "name");
    jref services = jd_get(d, org, "services");
    size_t at, k = 0;

    if (!oid || jd_type(d, services) != JT_ARRAY) {
        free(oid);
        return provider_fail(err, errlen, "org %zu has no id or no services", i);
    }
    gid = xasprintf("org:%s", oid);
    at = (size_t)(evb_component(b, gid, oname, LEVEL_OK) - b->ev.components);
    b->ev.components[at].is_group = true;
    oname = b->ev.components[at].name;
    for (jref s = jd_first(d, services); s; s = jd_next(d, services, s), k++) {
        char *sid = jf_id(d, s, "id"), *id;
        const char *status = jf_str(d, s, "status");
        enum level level = status_level(status);
        struct component *c;

        if (!sid)
            continue;
        id = xasprintf("%s/%s", oid, sid);
        free(sid);
        c = evb_component(b, id, jf_str(d, s, "name"), level);
        free(id);
        if (c->status)
            continue; /* a repeated id */
        c->status = xstrdup(status ? status : "");
        c->position = (int)k;
        c->updated_at = meta_time(d, s, "time");
        c->group_id = xstrdup(gid);
        c->group_name = xstrdup(b->ev.components[at].name);
        service_incident(b, b->ev.components[at].name, c);
        b->ev.components[at].nchildren++;
        b->ev.components[at].level = level_worst(b->ev.components[at].level, level);
    }
    free(b->ev.components[at].status); /* an org listed twice */
    b->ev.components[at].status = xstrdup(level_name(b->ev.components[at].level));
    free(gid);
    free(oid);
    return 0;
}

static void read_outage(struct jdoc *d, struct evb *b, jref out)
{
    const char *status = jf_str(d, out, "status");
    char *service = jf_id(d, out, "service_id");
    jref posts = jd_get(d, out, "posts");
    struct incident *inc = evb_incident(b);

    inc->id = jf_id(d, out, "id");
    inc->name = xasprintf("%s (service %s)", status ? status : "Outage", service ? service : "?");
    inc->status = xstrdup_or_null(status);
    inc->level = status_level(status);
    inc->open = inc->level != LEVEL_OK;
    if (inc->level == LEVEL_OK)
        inc->level = LEVEL_NOTICE; /* over: what it was is not said */
    inc->started_at = inc->updated_at = meta_time(d, out, "time");
    for (jref p = jd_first(d, posts); p; p = jd_next(d, posts, p)) {
        time_t at = meta_time(d, p, "time");
        incident_add_update(inc, jf_str(d, p, "status"),
                            text_from_html(jf_str(d, p, "description")), at);
        if (at > inc->updated_at)
            inc->updated_at = at;
    }
    free(service);
}

static int read_list(struct jdoc *d, struct evb *b, char *err, size_t errlen)
{
    size_t i = 0;
    bool orgs = false, outages = false;

    for (jref e = jd_first(d, JD_ROOT); e; e = jd_next(d, JD_ROOT, e), i++) {
        bool org = jd_get(d, e, "services") != 0;
        if (jd_type(d, e) != JT_OBJECT)
            return provider_fail(err, errlen, "element %zu is %s, expected an object", i,
                                 jd_type_name(d, e));
        if (org ? outages : orgs)
            return provider_fail(err, errlen, "element %zu mixes orgs and outages", i);
        if (org) {
            orgs = true;
            if (read_org(d, b, e, i, err, errlen) != 0)
                return -1;
        } else if (jd_get(d, e, "status") || jd_get(d, e, "posts")) {
            outages = true;
            read_outage(d, b, e);
        } else {
            return provider_fail(err, errlen, "element %zu is neither an org nor an outage", i);
        }
    }
    b->ev.quiet_is_ok = !orgs; /* an outage list names problems only */
    return 0;
}

/* The app's shell: HTML where a data file was asked for. */
static bool is_html(const char *body, size_t len)
{
    return sniff_first(body, len) == '<';
}

static int metastatus_parse(const char *body, size_t len, struct evidence *out, char *err,
                            size_t errlen)
{
    struct jdoc d;
    struct evb b = {0};
    int rc;

    if (is_html(body, len))
        return provider_fail(err, errlen,
                             "expected a metastatus document, got the site's HTML page "
                             "(an address the site does not serve)");
    if (provider_load_jdoc(body, len, &d, err, errlen) != 0)
        return -1;
    if (jd_type(&d, JD_ROOT) != JT_ARRAY) {
        provider_fail(err, errlen, "not a metastatus document: the root is %s, expected an array",
                      jd_type_name(&d, JD_ROOT));
        jdoc_free(&d);
        return -1;
    }
    rc = read_list(&d, &b, err, errlen);
    jdoc_free(&d);
    if (rc != 0) {
        evb_abort(&b);
        return -1;
    }
    evb_finish(&b, PROVIDER_MAX_CLOSED, out);
    return 0;
}

static int metastatus_sniff(const char *body, size_t len)
{
    if (sniff_first(body, len) != '[')
        return 0;
    if (sniff_has(body, len, "\"rss_file_paths\"") ||
        (sniff_has(body, len, "\"services\"") && sniff_has(body, len, "\"feature_flags\"")))
        return 90;
    return sniff_has(body, len, "\"service_id\"") && sniff_has(body, len, "\"posts\"") ? 75 : 0;
}

const struct provider provider_metastatus = {
    .name = "metastatus",
    .description = "Meta business products (metastatus.com): orgs.json, outages/ORG.json",
    .document = "a metastatus document",
    .parse = metastatus_parse,
    .sniff = metastatus_sniff,
    .crowd = false,
    .default_interval_s = 0,
    .auth = AUTH_NONE,
};
