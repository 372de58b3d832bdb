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

#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/evidence.h"
#include "sitrep/provider.h"
#include "sitrep/timefmt.h"
#include "sitrep/xalloc.h"

struct level_map {
    const char *name;
    enum level level;
};

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
} root_fields[] = {
    {"page", JSON_OBJECT},
    {"status", JSON_OBJECT},
    {"components", JSON_ARRAY},
    {"incidents", JSON_ARRAY},
    {"scheduled_maintenances", JSON_ARRAY},
};

static const char *const type_names[] = {
    [JSON_OBJECT] = "an object", [JSON_ARRAY] = "an array", [JSON_STRING] = "a string",
    [JSON_INTEGER] = "a number", [JSON_REAL] = "a number",  [JSON_TRUE] = "a boolean",
    [JSON_FALSE] = "a boolean",  [JSON_NULL] = "null",
};

static const char *type_name(const json_t *v)
{
    return v ? type_names[json_typeof(v)] : "missing";
}

/* Every error path goes through here, with constant formats that name
 * fields and indexes only. Returns -1 for "return fail(...)". */
__attribute__((format(printf, 3, 4))) static int fail(char *err, size_t errlen, const char *fmt,
                                                      ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return -1;
}

static enum level map_level(const struct level_map *map, const char *name, enum level fallback)
{
    for (size_t i = 0; name && map[i].name; i++) {
        if (strcmp(map[i].name, name) == 0)
            return map[i].level;
    }
    return fallback;
}

static bool in_list(const char *const *list, const char *s)
{
    for (size_t i = 0; s && list[i]; i++) {
        if (strcmp(list[i], s) == 0)
            return true;
    }
    return false;
}

/* The string value of obj[key], NULL when absent or not a string. */
static const char *str_field(const json_t *obj, const char *key)
{
    return json_string_value(json_object_get(obj, key));
}

static char *dup_field(const json_t *obj, const char *key)
{
    return xstrdup_or_null(str_field(obj, key));
}

static time_t time_field(const json_t *obj, const char *key)
{
    time_t t = 0;
    const char *s = str_field(obj, key);

    if (!s || !time_parse_iso8601(s, &t))
        return 0;
    return t;
}

/* Numbers arrive as doubles (JSON_DECODE_INT_AS_REAL); clamp before the cast
 * because converting an out-of-range double to int is undefined. */
static int int_field(const json_t *obj, const char *key)
{
    const json_t *v = json_object_get(obj, key);
    double d;

    if (!json_is_number(v))
        return 0;
    d = json_number_value(v);
    if (d >= (double)INT_MAX)
        return INT_MAX;
    if (d <= (double)INT_MIN)
        return INT_MIN;
    return (int)d;
}

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
    ev->page_name = dup_field(page, "name");
    ev->page_url = dup_field(page, "url");
    ev->updated_at = time_field(page, "updated_at");
}

static void parse_status(const json_t *status, struct evidence *ev)
{
    const json_t *indicator = json_object_get(status, "indicator");

    ev->description = dup_field(status, "description");
    ev->indicator = xstrdup_or_null(json_string_value(indicator));
    if (!indicator || json_is_null(indicator))
        ev->indicator_level = LEVEL_NONE;
    else
        ev->indicator_level = map_level(indicator_levels, ev->indicator, LEVEL_UNKNOWN);
}

/* ---- components ---- */

static int parse_component(const json_t *elem, size_t idx, struct component *c, char *err,
                           size_t errlen)
{
    const char *id, *name;

    if (!json_is_object(elem))
        return fail(err, errlen, "component %zu is %s, expected an object", idx, type_name(elem));
    id = str_field(elem, "id");
    if (!id || !*id)
        return fail(err, errlen, "component %zu has no id", idx);
    name = str_field(elem, "name");
    c->id = xstrdup(id);
    c->name = xstrdup(name ? name : id);
    c->status = dup_field(elem, "status");
    c->level = map_level(component_levels, c->status, LEVEL_UNKNOWN);
    c->group_id = dup_field(elem, "group_id");
    c->is_group = json_is_true(json_object_get(elem, "group"));
    c->position = int_field(elem, "position");
    c->updated_at = time_field(elem, "updated_at");
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
            level_worst(parent->level, map_level(component_levels, c->status, LEVEL_UNKNOWN));
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
        id_list_add(list, str_field(json_array_get(arr, i), key));
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
        body = str_field(u, "body");
        slots[count].update.status = dup_field(u, "status");
        slots[count].update.body = xstrdup(body ? body : "");
        slots[count].update.at = time_field(u, "display_at");
        if (!slots[count].update.at)
            slots[count].update.at = time_field(u, "created_at");
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
        return in_list(open_maintenance_statuses, inc->status);
    /* An unknown or missing status counts as open: hiding a live incident
     * is worse than showing a finished one. */
    return !in_list(closed_incident_statuses, inc->status);
}

static void parse_incident(const json_t *elem, bool maintenance, struct incident *inc)
{
    const char *name = str_field(elem, "name");

    inc->id = dup_field(elem, "id");
    inc->name = xstrdup(name ? name : "(untitled)");
    inc->status = dup_field(elem, "status");
    inc->impact = dup_field(elem, "impact");
    inc->url = dup_field(elem, "shortlink");
    inc->created_at = time_field(elem, "created_at");
    inc->updated_at = time_field(elem, "updated_at");
    inc->started_at = time_field(elem, "started_at");
    inc->resolved_at = time_field(elem, "resolved_at");
    inc->scheduled_for = time_field(elem, "scheduled_for");
    inc->scheduled_until = time_field(elem, "scheduled_until");
    inc->maintenance = maintenance || in_list(maintenance_statuses, inc->status);
    inc->open = incident_is_open(inc);
    inc->scheduled = inc->maintenance && inc->status && strcmp(inc->status, "scheduled") == 0;
    if (inc->open && inc->maintenance)
        inc->level = LEVEL_MAINTENANCE;
    else
        inc->level = map_level(impact_levels, inc->impact, LEVEL_UNKNOWN);
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
            return fail(err, errlen, "%s %zu is %s, expected an object", what, i, type_name(elem));
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
        return fail(err, errlen, "not a Statuspage document: the root is %s, expected an object",
                    type_name(root));
    for (size_t i = 0; i < sizeof root_fields / sizeof root_fields[0]; i++) {
        const json_t *v = json_object_get(root, root_fields[i].key);
        if (!v)
            continue;
        any = true;
        if (!json_is_null(v) && json_typeof(v) != root_fields[i].type)
            return fail(err, errlen, "'%s' is %s, expected %s", root_fields[i].key, type_name(v),
                        type_names[root_fields[i].type]);
    }
    if (!any)
        return fail(err, errlen, "not a Statuspage document");
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

const struct provider provider_statuspage = {
    .name = "statuspage",
    .description =
        "Atlassian Statuspage v2 summary/components/incidents JSON (and incident.io's imitation)",
    .parse = statuspage_parse,
    .crowd = false,
    .default_query = NULL,
};
