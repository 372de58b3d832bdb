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
 * answer was found: the shape is that of public code that reads it, and
 * statuses other than NormalPerformance and ServiceDisruption are read by
 * their words (a status we do not know is unknown, never ok). */
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
    {"servicedisruption", LEVEL_MAJOR},
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

static void read_incidents(struct evb *b, const json_t *svc, const struct component *c,
                           const struct place *at)
{
    const json_t *list = json_object_get(svc, "incidents");

    for (size_t i = 0; i < json_array_size(list); i++) {
        const json_t *e = json_array_get(list, i);
        char *id = pj_dup_first(e, incident_id_keys);
        struct incident *inc;
        enum level level;

        if (!json_is_object(e))
            continue;
        if (!id)
            id = xasprintf("%s@%s", c->id, at->code);
        level = level_map_find_loose(status_levels, pj_str(e, "severity"), c->level);
        if (!(inc = find_incident(b, id))) {
            char *title = pj_dup_first(e, incident_title_keys);
            inc = evb_incident(b);
            inc->id = xstrdup(id);
            inc->name = title ? title : xasprintf("%s in %s", c->name, at->name);
            inc->status = xstrdup("open");
            inc->impact = pj_dup(e, "severity");
            inc->open = true;
            inc->level = level == LEVEL_OK ? LEVEL_UNKNOWN : level;
            inc->started_at = inc->created_at = pj_time(e, "startTime");
        }
        inc->level = level_worst(inc->level, level == LEVEL_OK ? LEVEL_NONE : level);
        incident_add_location(inc, at->code, at->region);
        incident_add_component(inc, c->id);
        free(id);
    }
}

static int read_region(struct evb *b, const json_t *rep, size_t idx, char *err, size_t errlen)
{
    const json_t *services = json_object_get(rep, "serviceHealthReports");
    char *code = pj_dup_first(rep, region_code_keys), *name = pj_dup_first(rep, region_name_keys);
    struct place at;

    if (!json_is_object(rep) || !code || !name) {
        free(code);
        free(name);
        return provider_fail(err, errlen, "region report %zu is %s without a region name", idx,
                             pj_type_name(rep));
    }
    at = (struct place){code, name, report_region(pj_str(rep, "regionCanonicalName"), name)};
    for (size_t i = 0; i < json_array_size(services); i++) {
        const json_t *svc = json_array_get(services, i);
        char *sid = pj_dup_first(svc, service_id_keys);
        const char *status = pj_str(svc, "serviceStatus");
        if (sid) {
            char *id = xasprintf("%s@%s", sid, code);
            struct component *c = evb_component(
                b, id, pj_str(svc, "serviceName"),
                level_map_find_loose(status_levels, status, LEVEL_UNKNOWN));
            if (!c->group_id) {
                c->status = xstrdup_or_null(status);
                c->group_id = xstrdup(code);
                c->group_name = xstrdup(name);
                c->region = at.region;
            }
            read_incidents(b, svc, c, &at);
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
    json_t *root = provider_load_json(body, len, err, errlen);
    const json_t *reports = json_object_get(root, "regionHealthReports");
    struct evb b = {0};
    int rc = 0;

    if (!root)
        return -1;
    if (!json_is_array(reports))
        rc = provider_fail(err, errlen, "not an OCI health document: 'regionHealthReports' is %s, "
                                        "expected an array", pj_type_name(reports));
    for (size_t i = 0; rc == 0 && i < json_array_size(reports); i++)
        rc = read_region(&b, json_array_get(reports, i), i, err, errlen);
    json_decref(root);
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
    .parse = oracle_parse,
    .sniff = oracle_sniff,
    .crowd = false,
    .default_interval_s = 120,
    .auth = AUTH_NONE,
};
