/* Cachet, the self-hosted status page (/api/v1). Every answer is
 * {meta, data: [...]}, and the one format reads the four lists a page
 * serves, told apart by the fields of their records:
 *  - /components: {id, name, status 1-4, group_id (0: none), tags};
 *  - /components/groups: {id, name, enabled_components: [component ...]},
 *    the only one that names the groups (region rules on groups need it);
 *  - /incidents: {id, name, status, is_resolved, updates [...]};
 *  - /schedules: {id, name, status 0-2, scheduled_at, completed_at}, the
 *    maintenances.
 * Components say the severity; incidents carry none (Cachet sets the
 * component's status when an incident is written), so an open one is a
 * notice and the incident and schedule lists name problems only: what they
 * do not name is ok. Times are written without a zone ("2026-09-12
 * 13:00:03"), in the server's zone, which is UTC unless its owner changed
 * it: they are read as UTC. A component's tags may name where it runs
 * ({"ca": "CA"}, {"global": "Global"}): a tag that is a region code, a
 * country or "Global" places it. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "provider_internal.h"
#include "sitrep/provider.h"
#include "sitrep/region.h"
#include "sitrep/timefmt.h"
#include "sitrep/xalloc.h"

/* Component status, by number. */
static enum level component_level(int status)
{
    static const enum level levels[] = {LEVEL_UNKNOWN, LEVEL_OK, LEVEL_DEGRADED, LEVEL_PARTIAL,
                                        LEVEL_MAJOR};
    return status >= 1 && status <= 4 ? levels[status] : LEVEL_UNKNOWN;
}

static const char *const incident_words[] = {"scheduled", "investigating", "identified", "watching",
                                             "fixed"};
static const char *const schedule_words[] = {"upcoming", "in_progress", "complete"};

enum { INCIDENT_SCHEDULED = 0, INCIDENT_FIXED = 4 };
enum { SCHEDULE_UPCOMING = 0, SCHEDULE_RUNNING = 1, SCHEDULE_DONE = 2 };

/* "2026-09-12 13:00:03" as UTC; a time with its own zone as written. */
static time_t cachet_time(struct jdoc *d, jref obj, const char *key)
{
    const char *s = jf_str(d, obj, key);
    char buf[40];
    time_t t = 0;

    if (!s || strlen(s) != 19)
        return jf_time(d, obj, key);
    snprintf(buf, sizeof buf, "%sZ", s);
    return time_parse_iso8601(buf, &t) && t > 0 ? t : 0;
}

/* The region a tag names: a region code, a country, or "Global". */
static region_id tag_region(const char *tag)
{
    char buf[80];
    region_id r;

    if (!tag || !*tag || strlen(tag) > 60)
        return REGION_NONE;
    if (strcmp(tag, "Global") == 0 || strcmp(tag, "global") == 0)
        return region_all();
    snprintf(buf, sizeof buf, "code:%s", tag);
    r = region_resolve(buf);
    if (r == REGION_NONE) {
        snprintf(buf, sizeof buf, "country:%s", tag);
        r = region_resolve(buf);
    }
    return r;
}

static region_id tags_region(struct jdoc *d, jref comp)
{
    jref tags = jd_get(d, comp, "tags");

    for (jref k = jd_first(d, tags); k; k = jd_next(d, tags, k)) {
        region_id r = tag_region(jd_str(d, jd_type(d, tags) == JT_OBJECT ? k + 1 : k));
        if (r != REGION_NONE)
            return r;
    }
    return REGION_NONE;
}

/* One component; group_name NULL when the list does not name groups. */
static int read_component(struct jdoc *d, struct evb *b, jref comp, const char *group_name,
                          size_t i, char *err, size_t errlen)
{
    char *id = jf_id(d, comp, "id"), *group = jf_id(d, comp, "group_id");
    int status = jf_int(d, comp, "status", -1);
    struct component *c;

    if (jd_type(d, comp) != JT_OBJECT || !id) {
        free(id);
        free(group);
        return provider_fail(err, errlen, "component %zu is %s without an id", i,
                             jd_type_name(d, comp));
    }
    c = evb_component(b, id, jf_str(d, comp, "name"), component_level(status));
    if (!c->status) {
        const char *word = jf_str(d, comp, "status_name");
        c->status = word && *word ? xstrdup(word) : xasprintf("%d", status);
        c->position = jf_int(d, comp, "order", 0);
        c->updated_at = cachet_time(d, comp, "updated_at");
        c->region = tags_region(d, comp);
        if (group && strcmp(group, "0") != 0) {
            c->group_id = xasprintf("group:%s", group);
            c->group_name = xstrdup_or_null(group_name);
        }
    }
    free(id);
    free(group);
    return 0;
}

/* A group and the components it shows. */
static int read_group(struct jdoc *d, struct evb *b, jref grp, size_t i, char *err, size_t errlen)
{
    jref members = jd_get(d, grp, "enabled_components");
    const char *name = jf_str(d, grp, "name");
    char *gid = jf_id(d, grp, "id"), *key;
    struct component *g;
    size_t n = 0, at;

    if (!gid)
        return provider_fail(err, errlen, "group %zu has no id", i);
    key = xasprintf("group:%s", gid);
    free(gid);
    g = evb_component(b, key, name, LEVEL_OK);
    g->is_group = true;
    at = (size_t)(g - b->ev.components);
    for (jref m = jd_first(d, members); m; m = jd_next(d, members, m), n++) {
        if (read_component(d, b, m, name, n, err, errlen) != 0) {
            free(key);
            return -1;
        }
    }
    g = &b->ev.components[at];
    g->nchildren = 0;
    for (size_t k = 0; k < b->ev.ncomponents; k++) {
        const struct component *c = &b->ev.components[k];
        if (c->group_id && strcmp(c->group_id, key) == 0) {
            g->level = level_worst(g->level, c->level);
            g->nchildren++;
        }
    }
    g = &b->ev.components[at];
    if (!g->status)
        g->status = xstrdup_or_null(jf_str(d, grp, "lowest_human_status"));
    free(key);
    return 0;
}

static void add_text_update(struct jdoc *d, struct incident *inc, jref obj, const char *status,
                            time_t at)
{
    const char *msg = jf_str(d, obj, "message");

    if (msg && *msg)
        incident_add_update(inc, status, text_from_markdown(msg), at);
}

static void read_incident(struct jdoc *d, struct evb *b, jref rec)
{
    struct incident *inc = evb_incident(b);
    int status = jf_int(d, rec, "status", -1), latest = jf_int(d, rec, "latest_status", status);
    int resolved = jd_type(d, jd_get(d, rec, "is_resolved"));
    const char *word = jf_str(d, rec, "latest_human_status");
    jref updates = jd_get(d, rec, "updates");

    inc->id = jf_id(d, rec, "id");
    inc->name = xstrdup(jf_str(d, rec, "name") ? jf_str(d, rec, "name") : "(untitled)");
    inc->url = jf_dup(d, rec, "permalink");
    inc->created_at = cachet_time(d, rec, "created_at");
    inc->updated_at = cachet_time(d, rec, "updated_at");
    inc->started_at = cachet_time(d, rec, "occurred_at");
    if (status == INCIDENT_SCHEDULED) {
        /* Cachet before 2.4 kept maintenances among the incidents. */
        inc->maintenance = inc->scheduled = true;
        inc->scheduled_for = cachet_time(d, rec, "scheduled_at");
        inc->level = LEVEL_MAINTENANCE;
    } else {
        inc->open = resolved == JT_TRUE    ? false
                    : resolved == JT_FALSE ? true
                                           : latest != INCIDENT_FIXED;
        inc->level = LEVEL_NOTICE;
    }
    if (!word && latest >= 0 && latest <= 4)
        word = incident_words[latest];
    inc->status = xstrdup_or_null(word);
    /* Updates come newest first; the incident's own message is the oldest
     * word, and goes last when the times tie (they do on the demo). */
    for (jref u = jd_first(d, updates); u; u = jd_next(d, updates, u)) {
        time_t at = cachet_time(d, u, "created_at");
        add_text_update(d, inc, u, jf_str(d, u, "human_status"), at);
        if (!inc->open && jf_int(d, u, "status", -1) == INCIDENT_FIXED && at > inc->resolved_at)
            inc->resolved_at = at;
    }
    add_text_update(d, inc, rec, jf_str(d, rec, "human_status"),
                    inc->started_at ? inc->started_at : inc->created_at);
}

static void read_schedule(struct jdoc *d, struct evb *b, jref rec)
{
    struct incident *inc = evb_incident(b);
    int status = jf_int(d, rec, "status", -1);
    const char *word = jf_str(d, rec, "human_status");

    inc->id = jf_id(d, rec, "id");
    inc->name = xstrdup(jf_str(d, rec, "name") ? jf_str(d, rec, "name") : "(untitled)");
    inc->status =
        word ? xstrdup(word) : xstrdup(status >= 0 && status <= 2 ? schedule_words[status] : "?");
    inc->maintenance = true;
    inc->level = LEVEL_MAINTENANCE;
    inc->created_at = cachet_time(d, rec, "created_at");
    inc->updated_at = cachet_time(d, rec, "updated_at");
    inc->scheduled_for = cachet_time(d, rec, "scheduled_at");
    inc->scheduled_until = cachet_time(d, rec, "completed_at");
    if (inc->scheduled_until <= inc->scheduled_for)
        inc->scheduled_until = 0; /* the demo's "completed" before it began */
    inc->started_at = inc->scheduled_for;
    inc->open = status == SCHEDULE_RUNNING;
    /* An announced window runs by the clock; one without an end would run
     * for ever, so then only the page's word opens it. */
    inc->scheduled = status == SCHEDULE_UPCOMING && inc->scheduled_for && inc->scheduled_until;
    if (status == SCHEDULE_DONE)
        inc->resolved_at = inc->scheduled_until;
    else if (status < 0 || status > 2)
        inc->level = LEVEL_UNKNOWN;
    add_text_update(d, inc, rec, inc->status, inc->created_at);
}

enum kind { KIND_NONE, KIND_COMPONENTS, KIND_GROUPS, KIND_INCIDENTS, KIND_SCHEDULES };

/* What a record is, by its fields. */
static enum kind kind_of(struct jdoc *d, jref rec)
{
    if (jd_get(d, rec, "enabled_components"))
        return KIND_GROUPS;
    if (jd_get(d, rec, "scheduled_at") && jd_get(d, rec, "completed_at"))
        return KIND_SCHEDULES;
    if (jd_get(d, rec, "is_resolved") || jd_get(d, rec, "latest_status") ||
        jd_get(d, rec, "occurred_at"))
        return KIND_INCIDENTS;
    if (jd_get(d, rec, "status") && jd_get(d, rec, "name"))
        return KIND_COMPONENTS;
    return KIND_NONE;
}

static const char *const kind_names[] = {"?", "component", "group", "incident", "schedule"};

static int read_records(struct jdoc *d, struct evb *b, jref data, char *err, size_t errlen)
{
    enum kind first = KIND_NONE;
    size_t i = 0;

    for (jref rec = jd_first(d, data); rec; rec = jd_next(d, data, rec), i++) {
        enum kind k = jd_type(d, rec) == JT_OBJECT ? kind_of(d, rec) : KIND_NONE;
        int rc = 0;

        if (k == KIND_NONE)
            return provider_fail(err, errlen, "record %zu is %s that no Cachet list holds", i,
                                 jd_type_name(d, rec));
        if (first == KIND_NONE)
            first = k;
        if (k != first)
            return provider_fail(err, errlen, "record %zu is a %s in a list of %ss", i,
                                 kind_names[k], kind_names[first]);
        if (k == KIND_COMPONENTS)
            rc = read_component(d, b, rec, NULL, i, err, errlen);
        else if (k == KIND_GROUPS)
            rc = read_group(d, b, rec, i, err, errlen);
        else if (k == KIND_INCIDENTS)
            read_incident(d, b, rec);
        else
            read_schedule(d, b, rec);
        if (rc != 0)
            return -1;
    }
    /* Incidents and schedules name problems only. */
    b->ev.quiet_is_ok = first == KIND_INCIDENTS || first == KIND_SCHEDULES;
    return 0;
}

/* The root's data array, every record in it. */
static int read_document(struct jdoc *d, struct evb *b, char *err, size_t errlen)
{
    jref data = jd_get(d, JD_ROOT, "data");

    if (jd_type(d, data) != JT_ARRAY)
        return provider_fail(err, errlen, "not a Cachet list: 'data' is %s, expected an array",
                             jd_type_name(d, data));
    return read_records(d, b, data, err, errlen);
}

static int cachet_parse(const char *body, size_t len, struct evidence *out, char *err,
                        size_t errlen)
{
    struct evb b = {0};

    if (provider_read_jdoc(body, len, read_document, &b, err, errlen) != 0)
        return -1;
    evb_finish(&b, PROVIDER_MAX_CLOSED, out);
    return 0;
}

static int cachet_sniff(const char *body, size_t len)
{
    if (sniff_first(body, len) != '{' || !sniff_has(body, len, "\"data\""))
        return 0;
    if (sniff_has(body, len, "\"enabled_components\"") ||
        sniff_has(body, len, "\"lowest_human_status\"") ||
        (sniff_has(body, len, "\"status_name\"") && sniff_has(body, len, "\"group_id\"")) ||
        sniff_has(body, len, "\"latest_human_status\"") ||
        (sniff_has(body, len, "\"scheduled_at\"") && sniff_has(body, len, "\"completed_at\"")))
        return 90;
    return 0;
}

const struct provider provider_cachet = {
    .name = "cachet",
    .description = "Cachet /api/v1 components, component groups, incidents or schedules",
    .document = "a Cachet API answer",
    .parse = cachet_parse,
    .sniff = cachet_sniff,
    .crowd = false,
    .default_interval_s = 0,
    .auth = AUTH_NONE,
};
