/* Atlassian Statuspage v2 bodies (summary, components, status, incidents,
 * scheduled-maintenances) and the incident.io imitation of them, turned
 * into evidence. Field meanings and traps: docs/formats.md §1.
 *
 * The document is hostile: every field is optional and may have any type.
 * Only the shape that makes the rest meaningless fails the parse (a root
 * that is not an object, a top-level field of the wrong type, a component
 * or incident that is not an object, a component without an id); anything
 * else degrades to "absent" or LEVEL_UNKNOWN. Error messages name fields
 * and indexes, never text from the body. */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "provider_internal.h"
#include "sitrep/evidence.h"
#include "sitrep/provider.h"
#include "sitrep/timefmt.h"
#include "sitrep/xalloc.h"

/* Statuspage spellings, then incident.io's (docs/formats.md §1.5). */
static const struct level_map component_levels[] = {
    {"operational", LEVEL_OK},
    {"under_maintenance", LEVEL_MAINTENANCE},
    {"degraded_performance", LEVEL_DEGRADED},
    {"partial_outage", LEVEL_PARTIAL},
    {"major_outage", LEVEL_MAJOR},
    {"under-maintenance", LEVEL_MAINTENANCE},
    {"degraded-performance", LEVEL_DEGRADED},
    {"partial-outage", LEVEL_PARTIAL},
    {"full-outage", LEVEL_MAJOR},
    {NULL, LEVEL_NONE},
};

static const struct level_map indicator_levels[] = {
    {"none", LEVEL_OK},        {"minor", LEVEL_DEGRADED},          {"major", LEVEL_PARTIAL},
    {"critical", LEVEL_MAJOR}, {"maintenance", LEVEL_MAINTENANCE}, {NULL, LEVEL_NONE},
};

/* impact "none" is a notice, not ok: real outages are published with it
 * (docs/formats.md §1.3), and an open incident is news either way. */
static const struct level_map impact_levels[] = {
    {"none", LEVEL_NOTICE},    {"minor", LEVEL_DEGRADED},          {"major", LEVEL_PARTIAL},
    {"critical", LEVEL_MAJOR}, {"maintenance", LEVEL_MAINTENANCE}, {NULL, LEVEL_NONE},
};

static const char *const closed_incident_statuses[] = {"resolved", "postmortem", NULL};
static const char *const open_maintenance_statuses[] = {"in_progress", "verifying", NULL};
/* incidents.json lists maintenances among incidents; their status says so. */
static const char *const maintenance_statuses[] = {
    "scheduled", "in_progress", "verifying", "completed", NULL,
};

/* Top-level fields: at least one must be present, each null or this type. */
static const struct root_field {
    const char *key;
    json_type type;
    const char *type_name;
} root_fields[] = {
    {"page", JSON_OBJECT, "an object"},
    {"status", JSON_OBJECT, "an object"},
    {"components", JSON_ARRAY, "an array"},
    {"incidents", JSON_ARRAY, "an array"},
    {"scheduled_maintenances", JSON_ARRAY, "an array"},
};

/* ---- an index of ids, so lookups stay O(log n) on big pages ---- */

struct id_slot {
    const char *id;
    size_t pos; /* position in the source list, the tie-break */
};

static int id_slot_cmp(const void *a, const void *b)
{
    const struct id_slot *x = a, *y = b;
    int c = strcmp(x->id, y->id);

    if (c)
        return c;
    return (x->pos > y->pos) - (x->pos < y->pos);
}

static struct id_slot *id_index_build(const char *const *ids, size_t n)
{
    struct id_slot *slots = xreallocarray(NULL, n ? n : 1, sizeof *slots);

    for (size_t i = 0; i < n; i++) {
        slots[i].id = ids[i];
        slots[i].pos = i;
    }
    qsort(slots, n, sizeof *slots, id_slot_cmp);
    return slots;
}

/* The first position (in list order) holding id, or SIZE_MAX. */
static size_t id_index_find(const struct id_slot *slots, size_t n, const char *id)
{
    size_t lo = 0, hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(slots[mid].id, id) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && strcmp(slots[lo].id, id) == 0 ? slots[lo].pos : SIZE_MAX;
}

/* ---- page and status ---- */

static void parse_page(const json_t *page, struct evidence *ev)
{
    ev->page_name = pj_dup(page, "name");
    ev->page_url = pj_dup(page, "url");
    ev->updated_at = pj_time(page, "updated_at");
}

static void parse_status(const json_t *status, struct evidence *ev)
{
    const json_t *indicator = json_object_get(status, "indicator");

    ev->description = pj_dup(status, "description");
    ev->indicator = xstrdup_or_null(json_string_value(indicator));
    if (!indicator || json_is_null(indicator))
        ev->indicator_level = LEVEL_NONE;
    else
        ev->indicator_level = level_map_find(indicator_levels, ev->indicator, LEVEL_UNKNOWN);
}

/* ---- components ---- */

static int parse_component(const json_t *elem, size_t idx, struct component *c, char *err,
                           size_t errlen)
{
    const char *id, *name;

    if (!json_is_object(elem))
        return provider_fail(err, errlen, "component %zu is %s, expected an object", idx,
                             pj_type_name(elem));
    id = pj_str(elem, "id");
    if (!id || !*id)
        return provider_fail(err, errlen, "component %zu has no id", idx);
    name = pj_str(elem, "name");
    c->id = xstrdup(id);
    c->name = xstrdup(name ? name : id);
    c->status = pj_dup(elem, "status");
    c->level = level_map_find(component_levels, c->status, LEVEL_UNKNOWN);
    c->group_id = pj_dup(elem, "group_id");
    c->is_group = json_is_true(json_object_get(elem, "group"));
    c->position = pj_int(elem, "position", 0);
    c->updated_at = pj_time(elem, "updated_at");
    c->region = REGION_NONE;
    return 0;
}

/* Second pass: groups and children come interleaved and names repeat, so
 * parents are found by id once every component is known. With duplicate
 * ids the first one in document order is the parent. A group's level is
 * the worst of its own and its children's statuses (evidence.h). */
static void link_groups(struct evidence *ev)
{
    size_t n = ev->ncomponents;
    const char **ids = xreallocarray(NULL, n ? n : 1, sizeof *ids);
    struct id_slot *index;

    for (size_t i = 0; i < n; i++)
        ids[i] = ev->components[i].id;
    index = id_index_build(ids, n);
    for (size_t i = 0; i < n; i++) {
        struct component *c = &ev->components[i];
        size_t p = c->group_id ? id_index_find(index, n, c->group_id) : SIZE_MAX;
        if (p == SIZE_MAX || p == i)
            continue;
        struct component *parent = &ev->components[p];
        c->group_name = xstrdup(parent->name);
        parent->nchildren++;
        parent->is_group = true;
        parent->level =
            level_worst(parent->level, level_map_find(component_levels, c->status, LEVEL_UNKNOWN));
    }
    free(index);
    free(ids);
}

static int parse_components(const json_t *arr, struct evidence *ev, char *err, size_t errlen)
{
    size_t n = json_array_size(arr);

    if (n == 0)
        return 0;
    /* Zeroed and counted up front, so evidence_free cleans up a failure. */
    ev->components = xcalloc(n, sizeof *ev->components);
    ev->ncomponents = n;
    for (size_t i = 0; i < n; i++) {
        if (parse_component(json_array_get(arr, i), i, &ev->components[i], err, errlen) != 0)
            return -1;
    }
    link_groups(ev);
    return 0;
}

/* ---- incidents and maintenances ---- */

struct id_list {
    const char **ids; /* borrowed from the JSON tree */
    size_t n, cap;
};

static void id_list_add(struct id_list *list, const char *id)
{
    if (!id || !*id)
        return;
    if (list->n == list->cap) {
        list->cap = list->cap ? list->cap * 2 : 8;
        list->ids = xreallocarray(list->ids, list->cap, sizeof *list->ids);
    }
    list->ids[list->n++] = id;
}

/* Adds item[key] for every object in arr; anything else (such as Discord's
 * "No components were affected" placeholder, which has no code) is skipped. */
static void id_list_add_from(struct id_list *list, const json_t *arr, const char *key)
{
    for (size_t i = 0; i < json_array_size(arr); i++)
        id_list_add(list, pj_str(json_array_get(arr, i), key));
}

/* Copies the ids once each, in first-seen order. */
static void set_component_ids(struct incident *inc, const struct id_list *list)
{
    struct id_slot *index;

    if (list->n == 0)
        return;
    index = id_index_build(list->ids, list->n);
    inc->component_ids = xreallocarray(NULL, list->n, sizeof *inc->component_ids);
    for (size_t i = 0; i < list->n; i++) {
        if (id_index_find(index, list->n, list->ids[i]) == i)
            inc->component_ids[inc->ncomponent_ids++] = xstrdup(list->ids[i]);
    }
    free(index);
}

static void collect_component_ids(const json_t *elem, struct incident *inc)
{
    const json_t *updates = json_object_get(elem, "incident_updates");
    struct id_list list = {0};

    id_list_add_from(&list, json_object_get(elem, "components"), "id");
    for (size_t i = 0; i < json_array_size(updates); i++) {
        const json_t *u = json_array_get(updates, i);
        id_list_add_from(&list, json_object_get(u, "affected_components"), "code");
    }
    set_component_ids(inc, &list);
    free(list.ids);
}

struct update_slot {
    struct incident_update update;
    size_t pos;
};

static int update_slot_cmp(const void *a, const void *b)
{
    const struct update_slot *x = a, *y = b;

    if (x->update.at != y->update.at)
        return x->update.at > y->update.at ? -1 : 1;
    return (x->pos > y->pos) - (x->pos < y->pos);
}

/* Newest first whatever the document's order; equal times keep it. */
static void parse_updates(const json_t *arr, struct incident *inc)
{
    size_t n = json_array_size(arr), count = 0;
    struct update_slot *slots;

    if (n == 0)
        return;
    slots = xcalloc(n, sizeof *slots);
    for (size_t i = 0; i < n; i++) {
        const json_t *u = json_array_get(arr, i);
        const char *body;
        if (!json_is_object(u))
            continue;
        body = pj_str(u, "body");
        slots[count].update.status = pj_dup(u, "status");
        slots[count].update.body = xstrdup(body ? body : "");
        slots[count].update.at = pj_time(u, "display_at");
        if (!slots[count].update.at)
            slots[count].update.at = pj_time(u, "created_at");
        slots[count].pos = count;
        count++;
    }
    qsort(slots, count, sizeof *slots, update_slot_cmp);
    if (count)
        inc->updates = xcalloc(count, sizeof *inc->updates);
    for (size_t i = 0; i < count; i++)
        inc->updates[i] = slots[i].update;
    inc->nupdates = count;
    free(slots);
}

static bool incident_is_open(const struct incident *inc)
{
    if (inc->maintenance)
        return str_in_list(open_maintenance_statuses, inc->status);
    /* An unknown or missing status counts as open: hiding a live incident
     * is worse than showing a finished one. */
    return !str_in_list(closed_incident_statuses, inc->status);
}

static void parse_incident(const json_t *elem, bool maintenance, struct incident *inc)
{
    const char *name = pj_str(elem, "name");

    inc->id = pj_dup(elem, "id");
    inc->name = xstrdup(name ? name : "(untitled)");
    inc->status = pj_dup(elem, "status");
    inc->impact = pj_dup(elem, "impact");
    inc->url = pj_dup(elem, "shortlink");
    inc->created_at = pj_time(elem, "created_at");
    inc->updated_at = pj_time(elem, "updated_at");
    inc->started_at = pj_time(elem, "started_at");
    inc->resolved_at = pj_time(elem, "resolved_at");
    inc->scheduled_for = pj_time(elem, "scheduled_for");
    inc->scheduled_until = pj_time(elem, "scheduled_until");
    inc->maintenance = maintenance || str_in_list(maintenance_statuses, inc->status);
    inc->open = incident_is_open(inc);
    inc->scheduled = inc->maintenance && inc->status && strcmp(inc->status, "scheduled") == 0;
    if (inc->open && inc->maintenance)
        inc->level = LEVEL_MAINTENANCE;
    else
        inc->level = level_map_find(impact_levels, inc->impact, LEVEL_UNKNOWN);
    collect_component_ids(elem, inc);
    parse_updates(json_object_get(elem, "incident_updates"), inc);
}

/* Appends every element of arr to ev->incidents. */
static int parse_incident_list(const json_t *arr, bool maintenance, struct evidence *ev, char *err,
                               size_t errlen)
{
    size_t n = json_array_size(arr), base = ev->nincidents;
    const char *what = maintenance ? "scheduled maintenance" : "incident";

    if (n == 0)
        return 0;
    ev->incidents = xreallocarray(ev->incidents, base + n, sizeof *ev->incidents);
    memset(&ev->incidents[base], 0, n * sizeof *ev->incidents);
    ev->nincidents = base + n;
    for (size_t i = 0; i < n; i++) {
        const json_t *elem = json_array_get(arr, i);
        if (!json_is_object(elem))
            return provider_fail(err, errlen, "%s %zu is %s, expected an object", what, i,
                                 pj_type_name(elem));
        parse_incident(elem, maintenance, &ev->incidents[base + i]);
    }
    return 0;
}

struct incident_slot {
    struct incident incident;
    time_t start;
    size_t pos;
};

static int incident_slot_cmp(const void *a, const void *b)
{
    const struct incident_slot *x = a, *y = b;

    if (x->incident.open != y->incident.open)
        return x->incident.open ? -1 : 1;
    if (x->start != y->start)
        return x->start > y->start ? -1 : 1;
    return (x->pos > y->pos) - (x->pos < y->pos);
}

/* Open ones first, then by start (else creation), newest first. */
static void sort_incidents(struct evidence *ev)
{
    size_t n = ev->nincidents;
    struct incident_slot *slots;

    if (n < 2)
        return;
    slots = xcalloc(n, sizeof *slots);
    for (size_t i = 0; i < n; i++) {
        const struct incident *inc = &ev->incidents[i];
        slots[i].incident = *inc;
        slots[i].start = inc->started_at ? inc->started_at : inc->created_at;
        slots[i].pos = i;
    }
    qsort(slots, n, sizeof *slots, incident_slot_cmp);
    for (size_t i = 0; i < n; i++)
        ev->incidents[i] = slots[i].incident;
    free(slots);
}

/* ---- the document ---- */

/* The root must be an object with at least one Statuspage field, and each
 * field present must be null or of its type. */
static int check_root(const json_t *root, char *err, size_t errlen)
{
    bool any = false;

    if (!json_is_object(root))
        return provider_fail(err, errlen,
                             "not a Statuspage document: the root is %s, expected an object",
                             pj_type_name(root));
    for (size_t i = 0; i < sizeof root_fields / sizeof root_fields[0]; i++) {
        const json_t *v = json_object_get(root, root_fields[i].key);
        if (!v)
            continue;
        any = true;
        if (!json_is_null(v) && json_typeof(v) != root_fields[i].type)
            return provider_fail(err, errlen, "'%s' is %s, expected %s", root_fields[i].key,
                                 pj_type_name(v), root_fields[i].type_name);
    }
    if (!any)
        return provider_fail(err, errlen, "not a Statuspage document");
    return 0;
}

static int parse_document(const json_t *root, struct evidence *ev, char *err, size_t errlen)
{
    parse_page(json_object_get(root, "page"), ev);
    parse_status(json_object_get(root, "status"), ev);
    if (parse_components(json_object_get(root, "components"), ev, err, errlen) != 0)
        return -1;
    if (parse_incident_list(json_object_get(root, "incidents"), false, ev, err, errlen) != 0)
        return -1;
    if (parse_incident_list(json_object_get(root, "scheduled_maintenances"), true, ev, err,
                            errlen) != 0)
        return -1;
    sort_incidents(ev);
    /* The indicator alone can say "none" while an incident is open (the
     * GitHub trap, docs/formats.md §1.1): the page level takes the worst of all. */
    evidence_update_level(ev);
    return 0;
}

static int statuspage_parse(const char *body, size_t len, struct evidence *out, char *err,
                            size_t errlen)
{
    struct evidence ev = {0};
    json_t *root = provider_load_json(body, len, err, errlen);
    int rc;

    if (!root)
        return -1;
    rc = check_root(root, err, errlen);
    if (rc == 0)
        rc = parse_document(root, &ev, err, errlen);
    /* Every string was copied out above, so the tree can go now. */
    json_decref(root);
    if (rc != 0) {
        evidence_free(&ev);
        return -1;
    }
    *out = ev;
    return 0;
}

/* A summary, components or incidents document: an object with the page
 * and its components or incidents. */
static int statuspage_sniff(const char *body, size_t len)
{
    if (sniff_first(body, len) != '{')
        return 0;
    if (sniff_has(body, len, "\"page\"") &&
        (sniff_has(body, len, "\"components\"") || sniff_has(body, len, "\"incidents\"") ||
         sniff_has(body, len, "\"indicator\"")))
        return 90;
    return sniff_has(body, len, "\"incident_updates\"") ? 70 : 0;
}

const struct provider provider_statuspage = {
    .name = "statuspage",
    .description =
        "Atlassian Statuspage v2 summary/components/incidents JSON (and incident.io's imitation)",
    .document = "a Statuspage document",
    .parse = statuspage_parse,
    .sniff = statuspage_sniff,
    .crowd = false,
    .default_interval_s = 0,
    .auth = AUTH_NONE,
    .default_query = NULL,
};
