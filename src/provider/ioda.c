/* IODA (Internet Outage Detection and Analysis, Georgia Tech), GET
 * /v2/outages/events?entityType=country&from=..&until=..&format=codf: the
 * connectivity drops IODA's detectors found, per country. It measures the
 * network (BGP, active probing, Google traffic), not an application: the
 * "Internet" row of the grid, so that a country that lost its connectivity
 * is not taken for a Facebook outage there.
 *
 * An event is {location "country/LT", location_name, start, duration,
 * score, datasource, method}. One that lasts until the end of the asked
 * window (requestParameters.until) is still going on: an open incident in
 * that country; earlier ones are closed, for the timeline. IODA names
 * trouble only, so whatever country it does not name is ok (quiet_is_ok).
 * Region and ASN entities are left out: their codes are IODA's own ids. The
 * envelope's "error" is checked even when the HTTP status was 200. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "provider_internal.h"
#include "sitrep/provider.h"
#include "sitrep/xalloc.h"

#define MAX_EVENTS 5000
/* An event whose end is this close to the window's end is going on. */
#define ONGOING_SLACK_S 900

static const char *datasource_name(const char *ds)
{
    static const struct {
        const char *id, *name;
    } names[] = {
        {"bgp", "BGP: visible networks"},
        {"ping-slash24", "active probing"},
        {"gtr", "Google traffic"},
        {"merit-nt", "network telescope"},
    };

    for (size_t i = 0; ds && i < sizeof names / sizeof *names; i++) {
        if (strcmp(ds, names[i].id) == 0)
            return names[i].name;
    }
    return "a detector";
}

/* One codf event into b; false when it is not about a known country. */
static bool read_event(struct evb *b, const json_t *e, time_t until)
{
    const char *loc = pj_str(e, "location"), *ds = pj_str(e, "datasource");
    const char *name = pj_str(e, "location_name");
    time_t start = pj_epoch(e, "start");
    json_t *dur = json_object_get(e, "duration");
    region_id region;
    char code[3], id[64];

    if (!loc || strncmp(loc, "country/", 8) != 0 || strlen(loc) != 10 || !start ||
        !json_is_number(dur) || json_number_value(dur) < 0 || json_number_value(dur) > 1e9)
        return false;
    memcpy(code, loc + 8, 3);
    region = region_find(code);
    if (region == REGION_NONE || region_kind(region) != REGION_KIND_COUNTRY)
        return false; /* "country/ZZ" */
    time_t end = start + (time_t)json_number_value(dur);
    struct incident *inc = evb_incident(b);
    snprintf(id, sizeof id, "%s@%lld", loc, (long long)start);
    inc->id = xstrdup(id);
    inc->name = xasprintf("Internet connectivity drop in %s (%s)",
                          name && *name && strlen(name) < 100 ? name : region_name(region),
                          datasource_name(ds));
    inc->impact = xstrdup("outage");
    inc->level = LEVEL_PARTIAL; /* some of a country's networks: IODA gives no share */
    inc->open = until && end + ONGOING_SLACK_S >= until;
    inc->status = xstrdup(inc->open ? "ongoing" : "ended");
    inc->created_at = inc->started_at = start;
    inc->updated_at = end;
    inc->resolved_at = inc->open ? 0 : end;
    incident_add_location(inc, code, region);
    return true;
}

static int ioda_parse(const char *body, size_t len, struct evidence *out, char *err, size_t errlen)
{
    json_t *root = provider_load_json(body, len, err, errlen);
    struct evb b = {0};
    json_t *data, *e, *error;
    time_t until;
    size_t i;

    if (!root)
        return -1;
    error = json_object_get(root, "error");
    data = json_object_get(root, "data");
    /* another endpoint's answer (signals/raw) must not read as "no outage" */
    if (!json_is_object(root) || !pj_str(root, "type") ||
        strcmp(pj_str(root, "type"), "outages.events") != 0 || (error && !json_is_null(error)) ||
        !json_is_array(data) || json_array_size(data) > MAX_EVENTS) {
        int rc = provider_fail(err, errlen, "%s",
                               !json_is_object(root) ? "not an IODA answer"
                               : !pj_str(root, "type") ||
                                       strcmp(pj_str(root, "type"), "outages.events") != 0
                                   ? "not IODA's outage events (type is not outages.events)"
                               : error && !json_is_null(error) ? "IODA answered an error"
                               : !json_is_array(data)          ? "IODA's 'data' is not a list"
                                                               : "too many events");
        json_decref(root);
        return rc;
    }
    until = pj_epoch(json_object_get(root, "requestParameters"), "until");
    json_array_foreach(data, i, e)
    {
        if (json_is_object(e))
            read_event(&b, e, until);
    }
    b.ev.quiet_is_ok = true;
    b.ev.page_name = xstrdup("IODA (Georgia Tech)");
    evb_finish(&b, PROVIDER_MAX_CLOSED, out);
    json_decref(root);
    return 0;
}

static int ioda_sniff(const char *body, size_t len)
{
    return sniff_first(body, len) == '{' && sniff_has(body, len, "\"outages.events\"") ? 90 : 0;
}

const struct provider provider_ioda = {
    .name = "ioda",
    .document = "an IODA outage events answer",
    .description =
        "IODA Internet outage events per country (v2/outages/events, codf): the Internet row",
    .parse = ioda_parse,
    .sniff = ioda_sniff,
    .crowd = false,
    .default_interval_s = 300,
    .auth = AUTH_NONE,
    .default_query = "format=codf",
};
