/* Oracle Cloud Infrastructure status, regional health
 * (ocistatus.oraclecloud.com/api/v2/components.json, and components_v2):
 *
 *   {"regionHealthReports": [{"regionName": "US East (Ashburn)",
 *     "regionCanonicalName": "us-ashburn-1", "serviceHealthReports": [
 *       {"serviceName": "Compute", "serviceCanonicalName": "compute",
 *        "serviceStatus": "NormalPerformance",
 *        "incidents": [{"incidentId": ..., "severity": ...}]}]}]}
 *
 * Every service of every region is a component in that region; an incident
 * listed under services is open, in the regions that list it. No recorded
 * answer was found: the shape is that of Oracle's documentation and of public
 * code that reads it; statuses are read by their words, blanks or not (a
 * status we do not know is unknown, never ok). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "provider_internal.h"
#include "sitrep/provider.h"
#include "sitrep/region.h"
#include "sitrep/xalloc.h"

/* Compared loosely: case, blanks, '-' and '_' do not count. */
static const struct level_map status_levels[] = {
    {"normalperformance", LEVEL_OK},
    {"normal", LEVEL_OK},
    {"available", LEVEL_OK},
    {"information", LEVEL_NOTICE},
    {"informational", LEVEL_NOTICE},
    {"maintenance", LEVEL_MAINTENANCE},
    {"scheduledmaintenance", LEVEL_MAINTENANCE},
    {"degradedperformance", LEVEL_DEGRADED},
    {"performancedegradation", LEVEL_DEGRADED},
    {"degraded", LEVEL_DEGRADED},
    {"partialoutage", LEVEL_PARTIAL},
    /* Oracle documents four words: Normal Performance, Informational,
     * Service Disruption and Service Down; a disruption is short of down. */
    {"servicedisruption", LEVEL_PARTIAL},
    {"servicedown", LEVEL_MAJOR},
    {"majoroutage", LEVEL_MAJOR},
    {"outage", LEVEL_MAJOR},
    {NULL, LEVEL_NONE},
};

static const char *const region_code_keys[] = {"regionCanonicalName", "regionKey", "regionId",
                                               NULL};
static const char *const region_name_keys[] = {"regionName", "regionCanonicalName", NULL};
static const char *const service_id_keys[] = {"serviceCanonicalName", "serviceId", "serviceName",
                                              NULL};
static const char *const incident_id_keys[] = {"incidentId", "id", "incidentNumber", NULL};
static const char *const incident_title_keys[] = {"title", "summary", "name", NULL};

/* The region of a report: its canonical code, else the city in its name
 * ("US East (Ashburn)"). */
static region_id report_region(const char *code, const char *name)
{
    region_id r = code ? region_find(code) : REGION_NONE;
    const char *open = name ? strrchr(name, '(') : NULL;

    if (r == REGION_NONE && open && strchr(open, ')')) {
        char *city = xasprintf("city:%.*s", (int)(strchr(open, ')') - open - 1), open + 1);
        r = region_resolve(city);
        free(city);
    }
    return r;
}

static struct incident *find_incident(struct evb *b, const char *id)
{
    for (size_t i = 0; i < b->ev.nincidents; i++) {
        if (b->ev.incidents[i].id && strcmp(b->ev.incidents[i].id, id) == 0)
            return &b->ev.incidents[i];
    }
    return NULL;
}

struct place {
    const char *code; /* canonical region name, or the display name */
    const char *name;
    region_id region;
};

static void read_incidents(struct jdoc *d, struct evb *b, jref svc, const struct component *c,
                           const struct place *at)
{
    jref list = jd_get(d, svc, "incidents");

    for (jref e = jd_first(d, list); e; e = jd_next(d, list, e)) {
        char *id;
        struct incident *inc;
        enum level level;

        if (jd_type(d, e) != JT_OBJECT)
            continue;
        id = jf_dup_first(d, e, incident_id_keys);
        if (!id)
            id = xasprintf("%s@%s", c->id, at->code);
        level = level_map_find_loose(status_levels, jf_str(d, e, "severity"), c->level);
        if (!(inc = find_incident(b, id))) {
            char *title = jf_dup_first(d, e, incident_title_keys);
            inc = evb_incident(b);
            inc->id = xstrdup(id);
            inc->name = title ? title : xasprintf("%s in %s", c->name, at->name);
            inc->status = xstrdup("open");
            inc->impact = jf_dup(d, e, "severity");
            inc->open = true;
            inc->level = level == LEVEL_OK ? LEVEL_UNKNOWN : level;
            inc->started_at = inc->created_at = jf_time(d, e, "startTime");
        }
        inc->level = level_worst(inc->level, level == LEVEL_OK ? LEVEL_NONE : level);
        incident_add_location(inc, at->code, at->region);
        incident_add_component(inc, c->id);
        free(id);
    }
}

static int read_region(struct jdoc *d, struct evb *b, jref rep, size_t idx, char *err,
                       size_t errlen)
{
    jref services = jd_get(d, rep, "serviceHealthReports");
    char *code = jf_dup_first(d, rep, region_code_keys);
    char *name = jf_dup_first(d, rep, region_name_keys);
    struct place at;

    if (jd_type(d, rep) != JT_OBJECT || !code || !name) {
        free(code);
        free(name);
        return provider_fail(err, errlen, "region report %zu is %s without a region name", idx,
                             jd_type_name(d, rep));
    }
    at = (struct place){code, name, report_region(jf_str(d, rep, "regionCanonicalName"), name)};
    for (jref svc = jd_first(d, services); svc; svc = jd_next(d, services, svc)) {
        char *sid = jf_dup_first(d, svc, service_id_keys);
        const char *status = jf_str(d, svc, "serviceStatus");
        if (sid) {
            char *id = xasprintf("%s@%s", sid, code);
            struct component *c =
                evb_component(b, id, jf_str(d, svc, "serviceName"),
                              level_map_find_loose(status_levels, status, LEVEL_UNKNOWN));
            if (!c->group_id) {
                c->status = xstrdup_or_null(status);
                c->group_id = xstrdup(code);
                c->group_name = xstrdup(name);
                c->region = at.region;
            }
            read_incidents(d, b, svc, c, &at);
            free(id);
        }
        free(sid);
    }
    free(code);
    free(name);
    return 0;
}

static int oracle_parse(const char *body, size_t len, struct evidence *out, char *err,
                        size_t errlen)
{
    struct jdoc d;
    jref reports;
    struct evb b = {0};
    int rc = 0;
    size_t i = 0;

    if (provider_load_jdoc(body, len, &d, err, errlen) != 0)
        return -1;
    reports = jd_get(&d, JD_ROOT, "regionHealthReports");
    if (jd_type(&d, reports) != JT_ARRAY)
        rc = provider_fail(err, errlen,
                           "not an OCI health document: 'regionHealthReports' is %s, "
                           "expected an array",
                           jd_type_name(&d, reports));
    for (jref r = jd_first(&d, reports); rc == 0 && r; r = jd_next(&d, reports, r), i++)
        rc = read_region(&d, &b, r, i, err, errlen);
    jdoc_free(&d);
    if (rc != 0) {
        evb_abort(&b);
        return -1;
    }
    evb_finish(&b, PROVIDER_MAX_CLOSED, out);
    return 0;
}

static int oracle_sniff(const char *body, size_t len)
{
    return sniff_first(body, len) == '{' && sniff_has(body, len, "\"regionHealthReports\"") ? 95
                                                                                            : 0;
}

const struct provider provider_oracle = {
    .name = "oracle",
    .description = "Oracle Cloud (OCI) status regional health, components.json",
    .document = "an Oracle Cloud status document",
    .parse = oracle_parse,
    .sniff = oracle_sniff,
    .crowd = false,
    .default_interval_s = 120,
    .auth = AUTH_NONE,
};
