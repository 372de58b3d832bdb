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

static enum level incident_level(const json_t *elem, const char *now_status)
{
    enum level level = level_map_find(impact_levels, now_status, LEVEL_NONE);

    if (level == LEVEL_NONE)
        level = level_map_find(impact_levels, pj_str(elem, "status_impact"), LEVEL_NONE);
    if (level == LEVEL_NONE)
        level = level_map_find(severity_levels, pj_str(elem, "severity"), LEVEL_UNKNOWN);
    return level;
}

/* The first line of the description that says something: Workspace
 * starts with a "**Summary:**" label line. */
static char *title_of(const json_t *elem)
{
    char *text = text_from_markdown(pj_str(elem, "external_desc"));
    char *line = text, *title = NULL;

    while (line && *line && !title) {
        size_t n = strcspn(line, "\n");
        bool label = n > 0 && (line[n - 1] == ':' || (n <= 8 && (strncmp(line, "Title", n) == 0 ||
                                                                  strncmp(line, "Summary", n) == 0)));
        if (n > 0 && !label)
            title = xstrndup(line, n);
        line += n + (line[n] == '\n');
    }
    free(text);
    return title ? title : xstrdup(pj_str(elem, "service_name") ? pj_str(elem, "service_name")
                                                                  : "(untitled)");
}

static void add_locations(struct incident *inc, const json_t *arr)
{
    for (size_t i = 0; i < json_array_size(arr); i++) {
        const json_t *loc = json_array_get(arr, i);
        const char *id = pj_str(loc, "id");
        const char *text = id && *id ? id : pj_str(loc, "title");
        if (text && *text)
            incident_add_location(inc, text, region_resolve(text));
    }
}

static void read_locations(struct incident *inc, const json_t *elem, const json_t *latest)
{
    if (inc->open) {
        add_locations(inc, json_object_get(elem, location_keys[0]));
        if (!inc->nlocations)
            add_locations(inc, json_object_get(latest, "affected_locations"));
    }
    if (!inc->nlocations)
        add_locations(inc, json_object_get(elem, location_keys[1]));
}

/* The title Google gives a location id, for the component's group. */
static const char *location_title(const json_t *elem, const char *id)
{
    for (size_t k = 0; k < sizeof location_keys / sizeof location_keys[0]; k++) {
        const json_t *arr = json_object_get(elem, location_keys[k]);
        for (size_t i = 0; i < json_array_size(arr); i++) {
            const json_t *loc = json_array_get(arr, i);
            const char *lid = pj_str(loc, "id");
            if (lid && strcmp(lid, id) == 0 && pj_str(loc, "title"))
                return pj_str(loc, "title");
        }
    }
    return id;
}

/* One component per affected product and location of an open incident. */
static void add_products(struct evb *b, size_t at, const json_t *elem)
{
    const json_t *products = json_object_get(elem, "affected_products");

    for (size_t i = 0; i < json_array_size(products); i++) {
        const json_t *p = json_array_get(products, i);
        const char *pid = pj_str(p, "id"), *title = pj_str(p, "title");
        const char *key = pid && *pid ? pid : title;
        const struct incident *inc = &b->ev.incidents[at];
        size_t nloc = inc->nlocations;

        if (!key || !*key)
            continue;
        for (size_t j = 0; j < (nloc ? nloc : 1); j++) {
            const struct incident_location *loc = nloc ? &b->ev.incidents[at].locations[j] : NULL;
            char *id = loc ? xasprintf("%s@%s", key, loc->text) : xstrdup(key);
            struct component *c = evb_component(b, id, title, b->ev.incidents[at].level);
            if (loc && !c->group_id) {
                c->group_id = xstrdup(loc->text);
                c->group_name = xstrdup(location_title(elem, loc->text));
                c->region = loc->region;
            }
            incident_add_component(&b->ev.incidents[at], id);
            free(id);
        }
    }
}

static void read_updates(struct incident *inc, const json_t *arr)
{
    for (size_t i = 0; i < json_array_size(arr); i++) {
        const json_t *u = json_array_get(arr, i);
        time_t at = pj_time(u, "when");
        if (!json_is_object(u))
            continue;
        incident_add_update(inc, pj_str(u, "status"), text_from_markdown(pj_str(u, "text")),
                            at ? at : pj_time(u, "created"));
    }
}

static bool is_open(const json_t *elem, const char *now_status)
{
    const json_t *end = json_object_get(elem, "end");

    if (now_status && strcmp(now_status, "AVAILABLE") == 0)
        return false;
    return !end || json_is_null(end) || (json_is_string(end) && !*json_string_value(end));
}

static void read_incident(struct evb *b, const json_t *elem)
{
    const json_t *latest = json_object_get(elem, "most_recent_update");
    const char *now_status = pj_str(latest, "status");
    struct incident *inc = evb_incident(b);
    size_t at = b->ev.nincidents - 1;

    inc->id = pj_dup(elem, "id");
    inc->name = title_of(elem);
    inc->status = xstrdup_or_null(now_status ? now_status : pj_str(elem, "status_impact"));
    inc->impact = pj_dup(elem, "status_impact");
    inc->created_at = pj_time(elem, "created");
    inc->started_at = pj_time(elem, "begin");
    inc->updated_at = pj_time(elem, "modified");
    inc->resolved_at = pj_time(elem, "end");
    inc->open = is_open(elem, now_status);
    inc->level = incident_level(elem, now_status);
    read_locations(inc, elem, latest);
    read_updates(inc, json_object_get(elem, "updates"));
    if (inc->open)
        add_products(b, at, elem);
}

static int google_parse(const char *body, size_t len, struct evidence *out, char *err,
                        size_t errlen)
{
    json_t *root = provider_load_json(body, len, err, errlen);
    struct evb b = {0};

    if (!root)
        return -1;
    if (!json_is_array(root)) {
        provider_fail(err, errlen, "not a Google incidents document: the root is %s, expected "
                                   "an array", pj_type_name(root));
        json_decref(root);
        return -1;
    }
    for (size_t i = 0; i < json_array_size(root); i++) {
        const json_t *elem = json_array_get(root, i);
        if (!json_is_object(elem)) {
            provider_fail(err, errlen, "incident %zu is %s, expected an object", i,
                          pj_type_name(elem));
            json_decref(root);
            evb_abort(&b);
            return -1;
        }
        read_incident(&b, elem);
    }
    json_decref(root);
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
    .parse = google_parse,
    .sniff = google_sniff,
    .crowd = false,
    .default_interval_s = 120, /* 170-400 KB, changes when Google writes an update */
    .auth = AUTH_NONE,
};
