/* Salesforce Trust: api.status.salesforce.com/v1/instances/status/preview,
 * an array of every instance (about 1,500, 1.5 MB): {key ("NA137",
 * "EU10", "CS42"), location (NA, EMEA, APAC, EU), environment, status,
 * isActive, countryCode, Incidents[], Maintenances[]}. Each active
 * instance is a component in a group per location, placed by its country
 * when the page gives one, else by its location: Salesforce's own regions
 * make the grid's columns without rules. Inactive (retired) instances are
 * left out.
 *
 * Status: OK; MINOR_/MAJOR_INCIDENT_ and MAINTENANCE_ with _CORE (the core
 * service) or _NONCORE (a feature beside it). A minor incident is degraded
 * on the core and a notice beside it; a major one major on the core and
 * partial beside it. Anything else is unknown. An incident is listed on
 * every instance it touches: it is read once, open while one of its
 * impacts has no end, at the worst severity of its impacts. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "provider_internal.h"
#include "sitrep/provider.h"
#include "sitrep/region.h"
#include "sitrep/xalloc.h"

static const struct level_map status_levels[] = {
    {"OK", LEVEL_OK},
    {"MINOR_INCIDENT_CORE", LEVEL_DEGRADED},
    {"MINOR_INCIDENT_NONCORE", LEVEL_NOTICE},
    {"MAJOR_INCIDENT_CORE", LEVEL_MAJOR},
    {"MAJOR_INCIDENT_NONCORE", LEVEL_PARTIAL},
    {"MAINTENANCE_CORE", LEVEL_MAINTENANCE},
    {"MAINTENANCE_NONCORE", LEVEL_MAINTENANCE},
    {NULL, LEVEL_NONE},
};

static const struct level_map severity_levels[] = {
    {"minor", LEVEL_DEGRADED},
    {"major", LEVEL_MAJOR},
    {NULL, LEVEL_NONE},
};

/* Incident ids already read, for an incident listed on many instances. */
struct seen {
    char **ids;
    size_t *at; /* its index in the evidence's incidents */
    size_t n, cap;
};

static size_t seen_hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;

    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return (size_t)h;
}

static size_t seen_slot(const struct seen *s, const char *id)
{
    size_t mask = s->cap - 1, i = seen_hash(id) & mask;

    while (s->ids[i] && strcmp(s->ids[i], id) != 0)
        i = (i + 1) & mask;
    return i;
}

/* The incident's index, or (size_t)-1 after remembering id at next. */
static size_t seen_find_add(struct seen *s, const char *id, size_t next)
{
    size_t i;

    if (2 * (s->n + 1) > s->cap) {
        struct seen old = *s;
        s->cap = s->cap ? 2 * s->cap : 64;
        s->ids = xcalloc(s->cap, sizeof *s->ids);
        s->at = xcalloc(s->cap, sizeof *s->at);
        s->n = 0;
        for (size_t k = 0; k < old.cap; k++) {
            if (old.ids[k]) {
                size_t j = seen_slot(s, old.ids[k]);
                s->ids[j] = old.ids[k];
                s->at[j] = old.at[k];
                s->n++;
            }
        }
        free(old.ids);
        free(old.at);
    }
    i = seen_slot(s, id);
    if (s->ids[i])
        return s->at[i];
    s->ids[i] = xstrdup(id);
    s->at[i] = next;
    s->n++;
    return (size_t)-1;
}

static void seen_free(struct seen *s)
{
    for (size_t i = 0; i < s->cap; i++)
        free(s->ids[i]);
    free(s->ids);
    free(s->at);
}

static region_id place_of(struct jdoc *d, jref inst)
{
    const char *cc = jf_str(d, inst, "countryCode"), *loc = jf_str(d, inst, "location");
    char buf[16];
    region_id r = REGION_NONE;

    if (cc && *cc && strlen(cc) < 4) {
        memcpy(buf, "country:", 8);
        memcpy(buf + 8, cc, strlen(cc) + 1);
        r = region_resolve(buf);
    }
    if (r == REGION_NONE && loc && *loc && strlen(loc) < 8) {
        memcpy(buf, "code:", 5);
        memcpy(buf + 5, loc, strlen(loc) + 1);
        r = region_resolve(buf);
    }
    return r;
}

static void read_impacts(struct jdoc *d, jref impacts, struct incident *inc)
{
    for (jref im = jd_first(d, impacts); im; im = jd_next(d, impacts, im)) {
        time_t start = jf_time(d, im, "startTime");
        jref end = jd_get(d, im, "endTime");
        enum level l = level_map_find(severity_levels, jf_str(d, im, "severity"), LEVEL_UNKNOWN);
        if (jd_type(d, im) != JT_OBJECT)
            continue;
        inc->level = level_worst(inc->level, l);
        if (start && (!inc->started_at || start < inc->started_at))
            inc->started_at = start;
        if (jd_type(d, end) == JT_NONE || jd_type(d, end) == JT_NULL)
            inc->open = true;
        else if (jf_time(d, im, "endTime") > inc->resolved_at)
            inc->resolved_at = jf_time(d, im, "endTime");
        incident_add_update(inc, jf_str(d, im, "severity"), jf_dup(d, im, "type"), start);
    }
}

static void read_incidents(struct jdoc *d, struct evb *b, struct seen *seen, jref inst,
                           const char *key)
{
    jref list = jd_get(d, inst, "Incidents");

    for (jref x = jd_first(d, list); x; x = jd_next(d, list, x)) {
        char *id = jf_id(d, x, "id");
        const char *ext = jf_str(d, x, "externalId");
        size_t at;
        struct incident *inc;
        jref impacts;

        if (!id)
            continue;
        at = seen_find_add(seen, id, b->ev.nincidents);
        if (at != (size_t)-1) {
            incident_add_component(&b->ev.incidents[at], key);
            free(id);
            continue;
        }
        inc = evb_incident(b);
        inc->id = id;
        impacts = jd_get(d, x, "IncidentImpacts");
        inc->name = xasprintf("Incident %s (%s)", ext && *ext ? ext : id,
                              jf_str(d, jd_first(d, impacts), "type")
                                  ? jf_str(d, jd_first(d, impacts), "type")
                                  : "no impact given");
        inc->created_at = jf_time(d, x, "createdAt");
        inc->updated_at = jf_time(d, x, "updatedAt");
        read_impacts(d, impacts, inc);
        if (inc->level == LEVEL_NONE)
            inc->level = LEVEL_UNKNOWN;
        if (!inc->open && !inc->resolved_at)
            inc->open = true; /* no impact with an end: not said to be over */
        if (inc->open)
            inc->resolved_at = 0;
        inc->status = xstrdup(inc->open ? "open" : "resolved");
        incident_add_component(inc, key);
    }
}

static int read_instance(struct jdoc *d, struct evb *b, struct seen *seen, jref inst, size_t i,
                         char *err, size_t errlen)
{
    const char *key = jf_str(d, inst, "key"), *status = jf_str(d, inst, "status");
    const char *loc = jf_str(d, inst, "location");
    enum level level = level_map_find(status_levels, status, LEVEL_UNKNOWN);
    char *gid;
    struct component *c;

    if (jd_type(d, inst) != JT_OBJECT || !key || !*key)
        return provider_fail(err, errlen, "instance %zu is %s without a key", i,
                             jd_type_name(d, inst));
    if (jd_type(d, jd_get(d, inst, "isActive")) == JT_FALSE || evb_find(b, key))
        return 0;
    gid = xasprintf("location:%s", loc && *loc ? loc : "?");
    if (strcmp(gid, key) == 0) {
        free(gid);
        return 0; /* a key that names a group */
    }
    c = evb_component(b, gid, loc && *loc ? loc : "(no location)", level);
    c->is_group = true;
    c->nchildren++;
    c = evb_component(b, key, key, level);
    c->status = xstrdup(status ? status : "");
    c->group_id = gid;
    c->group_name = xstrdup(loc && *loc ? loc : "(no location)");
    c->region = place_of(d, inst);
    read_incidents(d, b, seen, inst, key);
    return 0;
}

static int salesforce_parse(const char *body, size_t len, struct evidence *out, char *err,
                            size_t errlen)
{
    struct jdoc d;
    struct evb b = {0};
    struct seen seen = {0};
    size_t i = 0;
    int rc = 0;

    if (provider_load_jdoc(body, len, &d, err, errlen) != 0)
        return -1;
    if (jd_type(&d, JD_ROOT) != JT_ARRAY)
        rc = provider_fail(err, errlen,
                           "not a Salesforce instances document: the root is %s, expected an array",
                           jd_type_name(&d, JD_ROOT));
    for (jref x = jd_first(&d, JD_ROOT); x && rc == 0; x = jd_next(&d, JD_ROOT, x), i++)
        rc = read_instance(&d, &b, &seen, x, i, err, errlen);
    jdoc_free(&d);
    seen_free(&seen);
    if (rc != 0) {
        evb_abort(&b);
        return -1;
    }
    for (size_t k = 0; k < b.ev.ncomponents; k++) {
        if (!b.ev.components[k].is_group)
            continue;
        free(b.ev.components[k].status);
        b.ev.components[k].status = xstrdup(level_name(b.ev.components[k].level));
    }
    evb_finish(&b, PROVIDER_MAX_CLOSED, out);
    return 0;
}

static int salesforce_sniff(const char *body, size_t len)
{
    if (sniff_first(body, len) != '[')
        return 0;
    return sniff_has(body, len, "\"releaseVersion\"") && sniff_has(body, len, "\"environment\"")
               ? 90
               : 0;
}

const struct provider provider_salesforce = {
    .name = "salesforce",
    .document = "a Salesforce Trust instances document",
    .description = "Salesforce Trust instances status preview (regions from locations)",
    .parse = salesforce_parse,
    .sniff = salesforce_sniff,
    .crowd = false,
    .default_interval_s = 300, /* 1.5 MB */
    .auth = AUTH_NONE,
};
