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
enum { ROOT_PAGE, ROOT_STATUS, ROOT_COMPONENTS, ROOT_INCIDENTS, ROOT_MAINTENANCES, ROOT_COUNT };

static const char *const root_names[ROOT_COUNT] = {
    [ROOT_PAGE] = "page",
    [ROOT_STATUS] = "status",
    [ROOT_COMPONENTS] = "components",
    [ROOT_INCIDENTS] = "incidents",
    [ROOT_MAINTENANCES] = "scheduled_maintenances",
};

static const int root_types[ROOT_COUNT] = {
    [ROOT_PAGE] = JT_OBJECT,     [ROOT_STATUS] = JT_OBJECT,      [ROOT_COMPONENTS] = JT_ARRAY,
    [ROOT_INCIDENTS] = JT_ARRAY, [ROOT_MAINTENANCES] = JT_ARRAY,
};

/* The fields of a component, read in one pass: a big page has thousands. */
enum { CF_ID, CF_NAME, CF_STATUS, CF_GROUP_ID, CF_GROUP, CF_POSITION, CF_UPDATED_AT, CF_COUNT };

static const char *const component_fields[CF_COUNT] = {
    [CF_ID] = "id",
    [CF_NAME] = "name",
    [CF_STATUS] = "status",
    [CF_GROUP_ID] = "group_id",
    [CF_GROUP] = "group",
    [CF_POSITION] = "position",
    [CF_UPDATED_AT] = "updated_at",
};

/* ---- an index of ids: the first position of each in constant time ---- */

struct id_index {
    const char *const *ids;
    size_t *slots; /* open addressing, at most half full: position + 1, 0 empty */
    size_t mask;
};

/* FNV-1a from a start the page cannot know (where the table is, which
 * address randomisation picks), so that it cannot choose ids that all
 * land in one chain. */
static size_t id_hash(const struct id_index *x, const char *s)
{
    uint64_t h = UINT64_C(1469598103934665603) ^ (uint64_t)(uintptr_t)x->slots;

    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * UINT64_C(1099511628211);
    return (size_t)(h ^ (h >> 29));
}

/* The slot holding id, or the empty one where it belongs. */
static size_t *id_slot(const struct id_index *x, const char *id)
{
    for (size_t i = id_hash(x, id) & x->mask;; i = (i + 1) & x->mask) {
        size_t *slot = &x->slots[i];
        if (!*slot || strcmp(x->ids[*slot - 1], id) == 0)
            return slot;
    }
}

/* With duplicate ids the first in list order is the one found. */
static void id_index_build(struct id_index *x, const char *const *ids, size_t n)
{
    size_t cap = 16;

    while (cap < 2 * n)
        cap *= 2;
    *x = (struct id_index){ids, xcalloc(cap, sizeof *x->slots), cap - 1};
    for (size_t i = 0; i < n; i++) {
        size_t *slot = id_slot(x, ids[i]);
        if (!*slot)
            *slot = i + 1;
    }
}

/* The first position holding id, or SIZE_MAX. */
static size_t id_index_find(const struct id_index *x, const char *id)
{
    size_t slot = *id_slot(x, id);

    return slot ? slot - 1 : SIZE_MAX;
}

/* ---- page and status ---- */

static void parse_page(struct jdoc *d, jref page, struct evidence *ev)
{
    ev->page_name = jf_dup(d, page, "name");
    ev->page_url = jf_dup(d, page, "url");
    ev->updated_at = jf_time(d, page, "updated_at");
}

static void parse_status(struct jdoc *d, jref status, struct evidence *ev)
{
    jref indicator = jd_get(d, status, "indicator");

    ev->description = jf_dup(d, status, "description");
    ev->indicator = jv_dup(d, indicator);
    if (jd_type(d, indicator) == JT_NONE || jd_type(d, indicator) == JT_NULL)
        ev->indicator_level = LEVEL_NONE;
    else
        ev->indicator_level = level_map_find(indicator_levels, ev->indicator, LEVEL_UNKNOWN);
}

/* ---- components ---- */

static int parse_component(struct jdoc *d, jref elem, size_t idx, struct component *c, char *err,
                           size_t errlen)
{
    jref f[CF_COUNT];
    const char *id;

    if (jd_type(d, elem) != JT_OBJECT)
        return provider_fail(err, errlen, "component %zu is %s, expected an object", idx,
                             jd_type_name(d, elem));
    jd_get_each(d, elem, component_fields, CF_COUNT, f);
    id = jd_str(d, f[CF_ID]);
    if (!id || !*id)
        return provider_fail(err, errlen, "component %zu has no id", idx);
    c->id = jv_dup(d, f[CF_ID]);
    c->name = jv_dup(d, jd_str(d, f[CF_NAME]) ? f[CF_NAME] : f[CF_ID]);
    c->status = jv_dup(d, f[CF_STATUS]);
    c->level = level_map_find(component_levels, c->status, LEVEL_UNKNOWN);
    c->group_id = jv_dup(d, f[CF_GROUP_ID]);
    c->is_group = jd_type(d, f[CF_GROUP]) == JT_TRUE;
    c->position = jv_int(d, f[CF_POSITION], 0);
    c->updated_at = jv_time(d, f[CF_UPDATED_AT]);
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
    struct id_index index;

    for (size_t i = 0; i < n; i++)
        ids[i] = ev->components[i].id;
    id_index_build(&index, ids, n);
    for (size_t i = 0; i < n; i++) {
        struct component *c = &ev->components[i];
        size_t p = c->group_id ? id_index_find(&index, c->group_id) : SIZE_MAX;
        if (p == SIZE_MAX || p == i)
            continue;
        struct component *parent = &ev->components[p];
        c->group_name = xstrdup(parent->name);
        parent->nchildren++;
        parent->is_group = true;
        parent->level =
            level_worst(parent->level, level_map_find(component_levels, c->status, LEVEL_UNKNOWN));
    }
    free(index.slots);
    free(ids);
}

static int parse_components(struct jdoc *d, jref arr, struct evidence *ev, char *err, size_t errlen)
{
    size_t n = jd_size(d, arr), i = 0;

    if (jd_type(d, arr) != JT_ARRAY || n == 0)
        return 0;
    /* Zeroed and counted up front, so evidence_free cleans up a failure. */
    ev->components = xcalloc(n, sizeof *ev->components);
    ev->ncomponents = n;
    for (jref e = jd_first(d, arr); e; e = jd_next(d, arr, e), i++) {
        if (parse_component(d, e, i, &ev->components[i], err, errlen) != 0)
            return -1;
    }
    link_groups(ev);
    return 0;
}

/* ---- incidents and maintenances ---- */

struct id_list {
    const char **ids; /* borrowed from the document */
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
static void id_list_add_from(struct id_list *list, struct jdoc *d, jref arr, const char *key)
{
    if (jd_type(d, arr) != JT_ARRAY)
        return;
    for (jref e = jd_first(d, arr); e; e = jd_next(d, arr, e))
        id_list_add(list, jf_str(d, e, key));
}

/* Copies the ids once each, in first-seen order. */
static void set_component_ids(struct incident *inc, const struct id_list *list)
{
    struct id_index index;

    if (list->n == 0)
        return;
    id_index_build(&index, list->ids, list->n);
    inc->component_ids = xreallocarray(NULL, list->n, sizeof *inc->component_ids);
    for (size_t i = 0; i < list->n; i++) {
        if (id_index_find(&index, list->ids[i]) == i)
            inc->component_ids[inc->ncomponent_ids++] = xstrdup(list->ids[i]);
    }
    free(index.slots);
}

static void collect_component_ids(struct jdoc *d, jref elem, jref updates, struct incident *inc)
{
    struct id_list list = {0};

    id_list_add_from(&list, d, jd_get(d, elem, "components"), "id");
    if (jd_type(d, updates) == JT_ARRAY) {
        for (jref u = jd_first(d, updates); u; u = jd_next(d, updates, u))
            id_list_add_from(&list, d, jd_get(d, u, "affected_components"), "code");
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
static void parse_updates(struct jdoc *d, jref arr, struct incident *inc)
{
    size_t n = jd_type(d, arr) == JT_ARRAY ? jd_size(d, arr) : 0, count = 0;
    struct update_slot *slots;

    if (n == 0)
        return;
    slots = xcalloc(n, sizeof *slots);
    for (jref u = jd_first(d, arr); u; u = jd_next(d, arr, u)) {
        char *body;
        if (jd_type(d, u) != JT_OBJECT)
            continue;
        body = jf_dup(d, u, "body");
        slots[count].update.status = jf_dup(d, u, "status");
        slots[count].update.body = body ? body : xstrdup("");
        slots[count].update.at = jf_time(d, u, "display_at");
        if (!slots[count].update.at)
            slots[count].update.at = jf_time(d, u, "created_at");
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

static void parse_incident(struct jdoc *d, jref elem, bool maintenance, struct incident *inc)
{
    char *name = jf_dup(d, elem, "name");
    jref updates = jd_get(d, elem, "incident_updates");

    inc->id = jf_dup(d, elem, "id");
    inc->name = name ? name : xstrdup("(untitled)");
    inc->status = jf_dup(d, elem, "status");
    inc->impact = jf_dup(d, elem, "impact");
    inc->url = jf_dup(d, elem, "shortlink");
    inc->created_at = jf_time(d, elem, "created_at");
    inc->updated_at = jf_time(d, elem, "updated_at");
    inc->started_at = jf_time(d, elem, "started_at");
    inc->resolved_at = jf_time(d, elem, "resolved_at");
    inc->scheduled_for = jf_time(d, elem, "scheduled_for");
    inc->scheduled_until = jf_time(d, elem, "scheduled_until");
    inc->maintenance = maintenance || str_in_list(maintenance_statuses, inc->status);
    inc->open = incident_is_open(inc);
    inc->scheduled = inc->maintenance && inc->status && strcmp(inc->status, "scheduled") == 0;
    if (inc->open && inc->maintenance)
        inc->level = LEVEL_MAINTENANCE;
    else
        inc->level = level_map_find(impact_levels, inc->impact, LEVEL_UNKNOWN);
    collect_component_ids(d, elem, updates, inc);
    parse_updates(d, updates, inc);
}

/* Appends every element of arr to ev->incidents. */
static int parse_incident_list(struct jdoc *d, jref arr, bool maintenance, struct evidence *ev,
                               char *err, size_t errlen)
{
    size_t n = jd_type(d, arr) == JT_ARRAY ? jd_size(d, arr) : 0, base = ev->nincidents, i = 0;
    const char *what = maintenance ? "scheduled maintenance" : "incident";

    if (n == 0)
        return 0;
    ev->incidents = xreallocarray(ev->incidents, base + n, sizeof *ev->incidents);
    memset(&ev->incidents[base], 0, n * sizeof *ev->incidents);
    ev->nincidents = base + n;
    for (jref e = jd_first(d, arr); e; e = jd_next(d, arr, e), i++) {
        if (jd_type(d, e) != JT_OBJECT)
            return provider_fail(err, errlen, "%s %zu is %s, expected an object", what, i,
                                 jd_type_name(d, e));
        parse_incident(d, e, maintenance, &ev->incidents[base + i]);
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

/* What jansson refused and the reader takes, still refused here: a root
 * that is no object or array, a number too large for a double. */
static int check_strict(const struct jdoc *d, char *err, size_t errlen)
{
    int type = jd_type(d, JD_ROOT);
    /* a string's text starts after its quote */
    unsigned at = (unsigned)d->nodes[JD_ROOT].start - (type == JT_STRING);

    if (type != JT_OBJECT && type != JT_ARRAY)
        return provider_fail(err, errlen, "invalid JSON syntax at byte %u: the root is %s", at,
                             jd_type_name(d, JD_ROOT));
    if (d->huge_at)
        return provider_fail(err, errlen, "number out of range at byte %u",
                             (unsigned)(d->huge_at - 1));
    return 0;
}

/* The root must be an object with at least one Statuspage field, and each
 * field present must be null or of its type. */
static int check_root(struct jdoc *d, const jref *f, char *err, size_t errlen)
{
    bool any = false;

    if (jd_type(d, JD_ROOT) != JT_OBJECT)
        return provider_fail(err, errlen,
                             "not a Statuspage document: the root is %s, expected an object",
                             jd_type_name(d, JD_ROOT));
    for (size_t i = 0; i < ROOT_COUNT; i++) {
        int type = jd_type(d, f[i]);
        if (type == JT_NONE)
            continue;
        any = true;
        if (type != JT_NULL && type != root_types[i])
            return provider_fail(err, errlen, "'%s' is %s, expected %s", root_names[i],
                                 jd_type_name(d, f[i]),
                                 root_types[i] == JT_OBJECT ? "an object" : "an array");
    }
    if (!any)
        return provider_fail(err, errlen, "not a Statuspage document");
    return 0;
}

static int parse_document(struct jdoc *d, const jref *f, struct evidence *ev, char *err,
                          size_t errlen)
{
    parse_page(d, f[ROOT_PAGE], ev);
    parse_status(d, f[ROOT_STATUS], ev);
    if (parse_components(d, f[ROOT_COMPONENTS], ev, err, errlen) != 0)
        return -1;
    if (parse_incident_list(d, f[ROOT_INCIDENTS], false, ev, err, errlen) != 0)
        return -1;
    if (parse_incident_list(d, f[ROOT_MAINTENANCES], true, ev, err, errlen) != 0)
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
    struct jdoc d;
    jref f[ROOT_COUNT];
    int rc;

    if (provider_load_jdoc(body, len, &d, err, errlen) != 0)
        return -1;
    jd_get_each(&d, JD_ROOT, root_names, ROOT_COUNT, f);
    rc = check_strict(&d, err, errlen);
    if (rc == 0)
        rc = check_root(&d, f, err, errlen);
    if (rc == 0)
        rc = parse_document(&d, f, &ev, err, errlen);
    /* Every string was copied out above, so the document can go now. */
    jdoc_free(&d);
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
