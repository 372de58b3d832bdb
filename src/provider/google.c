/* Google's incidents.json: Google Cloud (status.cloud.google.com), Google
 * Workspace (www.google.com/appsstatus/dashboard), and the other Google
 * dashboards on the same schema.
 *
 * The document is a history: an array of incidents, newest first, where an
 * incident is ongoing while its "end" is missing or null (and its latest
 * update is not AVAILABLE). An open incident speaks for the locations it
 * names by id ("europe-north1", "global"): currently affected, else those
 * of its latest update, else those it affected before; none (Workspace)
 * means service-wide. Each affected product becomes a component per
 * location, so a row can be opened into products and their places. The
 * feed names problems only: what it does not name is ok. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "provider_internal.h"
#include "sitrep/provider.h"
#include "sitrep/region.h"
#include "sitrep/xalloc.h"

static const struct level_map impact_levels[] = {
    {"SERVICE_INFORMATION", LEVEL_NOTICE},
    {"SERVICE_DISRUPTION", LEVEL_DEGRADED},
    {"SERVICE_OUTAGE", LEVEL_MAJOR},
    {NULL, LEVEL_NONE},
};

/* Only when the impact says nothing we know. */
static const struct level_map severity_levels[] = {
    {"low", LEVEL_NOTICE},
    {"medium", LEVEL_DEGRADED},
    {"high", LEVEL_MAJOR},
    {NULL, LEVEL_NONE},
};

/* Where an open incident is, in the order asked (see the top). */
static const char *const location_keys[] = {
    "currently_affected_locations",
    "previously_affected_locations",
};

static enum level incident_level(struct jdoc *d, jref elem, const char *now_status)
{
    enum level level = level_map_find(impact_levels, now_status, LEVEL_NONE);

    if (level == LEVEL_NONE)
        level = level_map_find(impact_levels, jf_str(d, elem, "status_impact"), LEVEL_NONE);
    if (level == LEVEL_NONE)
        level = level_map_find(severity_levels, jf_str(d, elem, "severity"), LEVEL_UNKNOWN);
    return level;
}

/* The first line of the description that says something: Workspace
 * starts with a "**Summary:**" label line. */
static char *title_of(struct jdoc *d, jref elem)
{
    char *text = text_from_markdown(jf_str(d, elem, "external_desc"));
    const char *service = jf_str(d, elem, "service_name");
    char *line = text, *title = NULL;

    while (line && *line && !title) {
        size_t n = strcspn(line, "\n");
        bool label =
            n > 0 && (line[n - 1] == ':' || (n <= 8 && (strncmp(line, "Title", n) == 0 ||
                                                        strncmp(line, "Summary", n) == 0)));
        if (n > 0 && !label)
            title = xstrndup(line, n);
        line += n + (line[n] == '\n');
    }
    free(text);
    return title ? title : xstrdup(service ? service : "(untitled)");
}

static void add_locations(struct jdoc *d, struct incident *inc, jref arr)
{
    for (jref loc = jd_first(d, arr); loc; loc = jd_next(d, arr, loc)) {
        const char *id = jf_str(d, loc, "id");
        const char *text = id && *id ? id : jf_str(d, loc, "title");
        if (text && *text)
            incident_add_location(inc, text, region_resolve(text));
    }
}

static void read_locations(struct jdoc *d, struct incident *inc, jref elem, jref latest)
{
    if (inc->open) {
        add_locations(d, inc, jd_get(d, elem, location_keys[0]));
        if (!inc->nlocations)
            add_locations(d, inc, jd_get(d, latest, "affected_locations"));
    }
    if (!inc->nlocations)
        add_locations(d, inc, jd_get(d, elem, location_keys[1]));
}

/* The title Google gives a location id, for the component's group. */
static const char *location_title(struct jdoc *d, jref elem, const char *id)
{
    for (size_t k = 0; k < sizeof location_keys / sizeof location_keys[0]; k++) {
        jref arr = jd_get(d, elem, location_keys[k]);
        for (jref loc = jd_first(d, arr); loc; loc = jd_next(d, arr, loc)) {
            const char *lid = jf_str(d, loc, "id"), *title = jf_str(d, loc, "title");
            if (lid && title && strcmp(lid, id) == 0)
                return title;
        }
    }
    return id;
}

/* One component per affected product and location of an open incident. */
static void add_products(struct jdoc *d, struct evb *b, size_t at, jref elem)
{
    jref products = jd_get(d, elem, "affected_products");

    for (jref p = jd_first(d, products); p; p = jd_next(d, products, p)) {
        const char *pid = jf_str(d, p, "id"), *title = jf_str(d, p, "title");
        const char *key = pid && *pid ? pid : title;
        size_t nloc = b->ev.incidents[at].nlocations;

        if (!key || !*key)
            continue;
        for (size_t j = 0; j < (nloc ? nloc : 1); j++) {
            const struct incident_location *loc = nloc ? &b->ev.incidents[at].locations[j] : NULL;
            char *id = loc ? xasprintf("%s@%s", key, loc->text) : xstrdup(key);
            struct component *c = evb_component(b, id, title, b->ev.incidents[at].level);
            if (loc && !c->group_id) {
                c->group_id = xstrdup(loc->text);
                c->group_name = xstrdup(location_title(d, elem, loc->text));
                c->region = loc->region;
            }
            incident_add_component(&b->ev.incidents[at], id);
            free(id);
        }
    }
}

static void read_updates(struct jdoc *d, struct incident *inc, jref arr)
{
    for (jref u = jd_first(d, arr); u; u = jd_next(d, arr, u)) {
        time_t at = jf_time(d, u, "when");
        if (jd_type(d, u) != JT_OBJECT)
            continue;
        incident_add_update(inc, jf_str(d, u, "status"), text_from_markdown(jf_str(d, u, "text")),
                            at ? at : jf_time(d, u, "created"));
    }
}

static bool is_open(struct jdoc *d, jref elem, const char *now_status)
{
    jref end = jd_get(d, elem, "end");
    const char *s = jd_str(d, end);

    if (now_status && strcmp(now_status, "AVAILABLE") == 0)
        return false;
    return jd_type(d, end) == JT_NONE || jd_type(d, end) == JT_NULL || (s && !*s);
}

static void read_incident(struct jdoc *d, struct evb *b, jref elem)
{
    jref latest = jd_get(d, elem, "most_recent_update");
    const char *now_status = jf_str(d, latest, "status");
    const char *impact = jf_str(d, elem, "status_impact");
    struct incident *inc = evb_incident(b);
    size_t at = b->ev.nincidents - 1;

    inc->id = jf_dup(d, elem, "id");
    inc->name = title_of(d, elem);
    inc->status = xstrdup_or_null(now_status ? now_status : impact);
    inc->impact = xstrdup_or_null(impact);
    inc->created_at = jf_time(d, elem, "created");
    inc->started_at = jf_time(d, elem, "begin");
    inc->updated_at = jf_time(d, elem, "modified");
    inc->resolved_at = jf_time(d, elem, "end");
    inc->open = is_open(d, elem, now_status);
    inc->level = incident_level(d, elem, now_status);
    read_locations(d, inc, elem, latest);
    read_updates(d, inc, jd_get(d, elem, "updates"));
    if (inc->open)
        add_products(d, b, at, elem);
}

static int read_incidents(struct jdoc *d, struct evb *b, char *err, size_t errlen)
{
    return provider_each_object(d, JD_ROOT, "a Google incidents document", "incident",
                                read_incident, b, err, errlen);
}

static int google_parse(const char *body, size_t len, struct evidence *out, char *err,
                        size_t errlen)
{
    struct evb b = {0};

    if (provider_read_jdoc(body, len, read_incidents, &b, err, errlen) != 0)
        return -1;
    b.ev.quiet_is_ok = true;
    evb_finish(&b, PROVIDER_MAX_CLOSED, out);
    return 0;
}

static int google_sniff(const char *body, size_t len)
{
    if (sniff_first(body, len) != '[')
        return 0;
    if (sniff_has(body, len, "\"status_impact\"") || sniff_has(body, len, "\"affected_products\""))
        return 90;
    if (sniff_has(body, len, "\"external_desc\"") && sniff_has(body, len, "\"begin\""))
        return 85;
    return sniff_has(body, len, "\"most_recent_update\"") ? 70 : 0;
}

const struct provider provider_google = {
    .name = "google",
    .description = "Google Cloud and Google Workspace incidents.json (regions from locations)",
    .document = "a Google incidents.json",
    .parse = google_parse,
    .sniff = google_sniff,
    .crowd = false,
    .default_interval_s = 120, /* 170-400 KB, changes when Google writes an update */
    .auth = AUTH_NONE,
};
