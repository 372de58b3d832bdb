/* PlayStation Network, status.playstation.com/data/statuses/region/
 * {SCEA,SCEE,SCEJA}.json: one document per Sony region, {regionName,
 * status: [{statusId, statusType: OK | Degraded | Outage | Maintenance,
 * ...}]}. An empty list is "all up"; each entry not OK is an open event of
 * that region. Another statusType is unknown, never ok.
 *
 * The region comes from the document: the Sony codes (SCEA the Americas,
 * SCEE Europe, the Middle East, Africa and Oceania, SCEJA Japan and Asia)
 * or a place name. A file that names neither speaks for the source's
 * default region. The network in each place a file speaks for is a
 * component, as bad as the file's worst entry. Events past PSN_MAX_EVENTS
 * still count in the component's level but are not listed one by one.
 *
 * A file may also list countries, each with its own entries and services
 * (countries[{countryCode, status[], services[{serviceName, status[]}]}]):
 * those are read too, placed in their country (the region's components
 * stay as the file's own list says), and an event listed in many countries
 * (one statusId) is one incident with all of them. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "provider_internal.h"
#include "sitrep/provider.h"
#include "sitrep/xalloc.h"

#define PSN_MAX_EVENTS 64

static const struct level_map status_types[] = {
    {"ok", LEVEL_OK},        {"degraded", LEVEL_DEGRADED},
    {"outage", LEVEL_MAJOR}, {"maintenance", LEVEL_MAINTENANCE},
    {NULL, LEVEL_NONE},
};

/* Sony's region codes: the places each file speaks for. */
struct psn_region {
    const char *code;
    const char *places[2]; /* as the grid names them */
};

static const struct psn_region regions[] = {
    {"SCEA", {"Americas", NULL}},
    {"SCEE", {"Europe, Middle East and Africa", "Oceania"}},
    {"SCEJA", {"Asia", NULL}},
};

struct psn_doc {
    const struct psn_region *sony; /* NULL: not a Sony code */
    const char *name;              /* regionName as written */
    region_id place;               /* a place name's region, or REGION_NONE */
};

static void locate(const struct psn_doc *doc, struct incident *inc)
{
    if (doc->sony) {
        for (size_t i = 0; i < 2 && doc->sony->places[i]; i++)
            incident_add_location(inc, doc->sony->places[i], region_resolve(doc->sony->places[i]));
    } else if (doc->place != REGION_NONE) {
        incident_add_location(inc, doc->name, doc->place);
    }
}

/* The entry's words, when it carries any: a string, or a per-locale map. */
static char *message_of(struct jdoc *d, jref e)
{
    jref m = jd_get(d, e, "message");
    const char *s = jd_str(d, m);

    if (!s)
        s = jf_str(d, jd_get(d, m, "messages"), "en-US");
    return s && *s ? xstrdup(s) : NULL;
}

/* Where an entry was found: the file's region, or one country of it (and
 * one service there). */
struct psn_at {
    const char *country; /* as the file writes it; NULL: the whole file */
    region_id region;
    const char *service; /* NULL: the network as a whole */
};

struct psn_read {
    struct psn_doc doc;
    enum level worst;
};

/* The event listed with this statusId, or NULL. There are at most
 * PSN_MAX_EVENTS to look through. */
static struct incident *find_event(struct evb *b, const char *id)
{
    for (size_t i = 0; id && i < b->ev.nincidents; i++) {
        if (b->ev.incidents[i].id && strcmp(b->ev.incidents[i].id, id) == 0)
            return &b->ev.incidents[i];
    }
    return NULL;
}

/* One event per statusId: the same outage listed in forty countries is one
 * incident with forty places. Past PSN_MAX_EVENTS events, new ones are not
 * listed. */
static void add_event(struct jdoc *d, struct evb *b, jref e, const struct psn_read *rd,
                      const struct psn_at *at, enum level level)
{
    char *id = jf_id(d, e, "statusId"), *text;
    const char *type = jf_str(d, e, "statusType");
    struct incident *inc = find_event(b, id);

    if (!inc && b->ev.nincidents >= PSN_MAX_EVENTS) {
        free(id);
        return;
    }
    if (!inc) {
        inc = evb_incident(b);
        inc->id = id;
        id = NULL;
        text = message_of(d, e);
        if (!text)
            text = xasprintf("PlayStation Network: %s", type && *type ? type : "status unknown");
        inc->name = at->service ? xasprintf("%s: %s", at->service, text) : xstrdup(text);
        free(text);
        inc->status = xstrdup_or_null(type);
        inc->level = level;
        inc->open = true;
        inc->maintenance = level == LEVEL_MAINTENANCE;
        inc->started_at = inc->created_at = jf_time(d, e, "startDate");
    }
    if (at->country && *at->country)
        incident_add_location(inc, at->country, at->region);
    else
        locate(&rd->doc, inc);
    free(id);
}

/* A list of entries. Only the file's own list must be made of objects. */
static int read_entries(struct jdoc *d, struct evb *b, jref list, struct psn_read *rd,
                        const struct psn_at *at, char *err, size_t errlen)
{
    size_t i = 0;

    for (jref e = jd_first(d, list); e; e = jd_next(d, list, e), i++) {
        enum level l;
        if (jd_type(d, e) != JT_OBJECT) {
            if (at->country || at->service)
                continue;
            return provider_fail(err, errlen, "status entry %zu is %s, expected an object", i,
                                 jd_type_name(d, e));
        }
        l = level_map_find_loose(status_types, jf_str(d, e, "statusType"), LEVEL_UNKNOWN);
        /* a country's trouble is not the whole region's */
        if (!at->country)
            rd->worst = level_worst(rd->worst, l);
        if (l != LEVEL_OK)
            add_event(d, b, e, rd, at, l);
    }
    return 0;
}

/* countries[{countryCode, countryName, status[], services[{serviceName,
 * status[]}]}], when a file has them: events in one country, or in one
 * service there, placed in that country. */
static void read_countries(struct jdoc *d, struct evb *b, struct psn_read *rd)
{
    jref list = jd_get(d, JD_ROOT, "countries");

    for (jref c = jd_first(d, list); c; c = jd_next(d, list, c)) {
        const char *code = jf_str(d, c, "countryCode"), *name = jf_str(d, c, "countryName");
        char key[16] = "";
        struct psn_at at = {name && *name ? name : code, REGION_NONE, NULL};
        jref svcs = jd_get(d, c, "services");

        if (!at.country || !*at.country)
            continue;
        if (code && strlen(code) < 4)
            snprintf(key, sizeof key, "country:%s", code);
        at.region = *key ? region_resolve(key) : region_resolve(at.country);
        read_entries(d, b, jd_get(d, c, "status"), rd, &at, NULL, 0);
        for (jref s = jd_first(d, svcs); s; s = jd_next(d, svcs, s)) {
            at.service = jf_str(d, s, "serviceName");
            if (!at.service)
                at.service = jf_str(d, s, "name");
            read_entries(d, b, jd_get(d, s, "status"), rd, &at, NULL, 0);
        }
    }
}

/* The network in one place the file speaks for. */
static void add_network(struct evb *b, const char *id, const char *place, region_id region,
                        enum level level)
{
    char *name = xasprintf("PlayStation Network (%s)", place);
    struct component *c = evb_component(b, id, name, level);

    c->status = xstrdup(level_name(level));
    c->region = region;
    free(name);
}

static int read_document(struct jdoc *d, struct evb *b, char *err, size_t errlen)
{
    jref list = jd_get(d, JD_ROOT, "status");
    struct psn_read rd = {{NULL, jf_str(d, JD_ROOT, "regionName"), REGION_NONE}, LEVEL_OK};
    const struct psn_at whole = {NULL, REGION_NONE, NULL};
    struct psn_doc *doc = &rd.doc;

    if (jd_type(d, JD_ROOT) != JT_OBJECT || jd_type(d, list) != JT_ARRAY)
        return provider_fail(err, errlen,
                             "not a PlayStation Network status document: "
                             "'status' is %s, expected an array",
                             jd_type_name(d, list));
    for (size_t k = 0; doc->name && k < sizeof regions / sizeof regions[0]; k++) {
        if (strcmp(doc->name, regions[k].code) == 0)
            doc->sony = &regions[k];
    }
    if (!doc->sony && doc->name && *doc->name)
        doc->place = region_resolve(doc->name);
    if (read_entries(d, b, list, &rd, &whole, err, errlen) != 0)
        return -1;
    read_countries(d, b, &rd);
    if (!doc->sony) {
        add_network(b, "psn", doc->name && *doc->name ? doc->name : "region", doc->place, rd.worst);
        return 0;
    }
    for (size_t k = 0; k < 2 && doc->sony->places[k]; k++) {
        char *id = xasprintf("%s:%zu", doc->sony->code, k);
        add_network(b, id, doc->sony->places[k], region_resolve(doc->sony->places[k]), rd.worst);
        free(id);
    }
    return 0;
}

static int psn_parse(const char *body, size_t len, struct evidence *out, char *err, size_t errlen)
{
    struct evb b = {0};

    if (provider_read_jdoc(body, len, read_document, &b, err, errlen) != 0)
        return -1;
    b.ev.page_name = xstrdup("PlayStation Network");
    evb_finish(&b, PROVIDER_MAX_CLOSED, out);
    return 0;
}

static int psn_sniff(const char *body, size_t len)
{
    if (sniff_first(body, len) != '{' || !sniff_has(body, len, "\"regionName\""))
        return 0;
    return sniff_has(body, len, "\"statusType\"") || sniff_has(body, len, "\"status\"") ? 90 : 0;
}

const struct provider provider_psn = {
    .name = "psn",
    .description = "PlayStation Network status, one file per Sony region (SCEA, SCEE, SCEJA)",
    .document = "a PlayStation Network status document",
    .parse = psn_parse,
    .sniff = psn_sniff,
    .crowd = false,
    .default_interval_s = 0,
    .auth = AUTH_NONE,
};
