/* Better Stack (formerly Better Uptime) status pages: <page>/index.json,
 * a JSON:API document. data.attributes holds the page (company_name,
 * aggregate_state); included[] holds records of four types, linked by id:
 *  - status_page_section {name}: a heading, kept as a group (pages that
 *    split by place name their sections after it: region rules on groups);
 *  - status_page_resource {public_name, status, status_page_section_id}:
 *    a component; "not_monitored" ones have no status to show and are left
 *    out rather than shown ok;
 *  - status_report {title, report_type, starts_at, ends_at,
 *    aggregate_state}, its status_update ids in relationships: an incident
 *    or a maintenance. A report is over when its aggregate_state says
 *    "resolved": ends_at stays null on resolved reports, so the end is the
 *    last update's time;
 *  - status_update {message (Markdown), published_at, affected_resources}.
 * Records named in relationships but absent from included[] are skipped. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "provider_internal.h"
#include "sitrep/provider.h"
#include "sitrep/xalloc.h"

static const struct level_map state_levels[] = {
    {"operational", LEVEL_OK},    {"resolved", LEVEL_OK},    {"maintenance", LEVEL_MAINTENANCE},
    {"degraded", LEVEL_DEGRADED}, {"downtime", LEVEL_MAJOR}, {NULL, LEVEL_NONE},
};

/* included[] by type and id, sorted for lookups. */
struct rec {
    const char *type, *id;
    jref node;
};

struct index {
    struct rec *v;
    size_t n;
};

static int rec_cmp(const void *a, const void *b)
{
    const struct rec *x = a, *y = b;
    int c = strcmp(x->type, y->type);

    return c ? c : strcmp(x->id, y->id);
}

/* jd_str() strings live as long as the document; ids written as numbers
 * are not indexed (JSON:API ids are strings). */
static void index_build(struct jdoc *d, jref included, struct index *ix)
{
    ix->v = xcalloc(jd_size(d, included) + 1, sizeof *ix->v);
    for (jref r = jd_first(d, included); r; r = jd_next(d, included, r)) {
        const char *type = jf_str(d, r, "type"), *id = jf_str(d, r, "id");
        if (type && id && *id)
            ix->v[ix->n++] = (struct rec){type, id, r};
    }
    qsort(ix->v, ix->n, sizeof *ix->v, rec_cmp);
}

static jref index_find(const struct index *ix, const char *type, const char *id)
{
    struct rec key = {type, id, 0}, *hit;

    if (!id)
        return 0;
    hit = bsearch(&key, ix->v, ix->n, sizeof *ix->v, rec_cmp);
    return hit ? hit->node : 0;
}

static void add_sections(struct jdoc *d, struct evb *b, const struct index *ix)
{
    for (size_t i = 0; i < ix->n; i++) {
        jref attrs = jd_get(d, ix->v[i].node, "attributes");
        char *id;
        struct component *c;

        if (strcmp(ix->v[i].type, "status_page_section") != 0)
            continue;
        id = xasprintf("section:%s", ix->v[i].id);
        c = evb_component(b, id, jf_str(d, attrs, "name"), LEVEL_OK);
        c->is_group = true;
        c->position = jf_int(d, attrs, "position", 0);
        free(id);
    }
}

static void add_resource(struct jdoc *d, struct evb *b, const struct index *ix, jref rec)
{
    jref attrs = jd_get(d, rec, "attributes");
    const char *status = jf_str(d, attrs, "status"), *id = jf_str(d, rec, "id");
    char *sid = jf_id(d, attrs, "status_page_section_id"), *gid = NULL;
    enum level level = level_map_find(state_levels, status, LEVEL_UNKNOWN);
    struct component *c;

    if ((status && strcmp(status, "not_monitored") == 0) || evb_find(b, id)) {
        free(sid);
        return;
    }
    if (index_find(ix, "status_page_section", sid)) {
        gid = xasprintf("section:%s", sid);
        /* a group is as bad as its worst resource */
        evb_component(b, gid, NULL, level)->nchildren++;
    }
    c = evb_component(b, id, jf_str(d, attrs, "public_name"), level);
    c->status = xstrdup(status ? status : "");
    c->position = jf_int(d, attrs, "position", 0);
    if (gid) {
        c->group_id = gid;
        c->group_name = xstrdup_or_null(evb_find(b, gid)->name);
    }
    free(sid);
}

static void settle_sections(struct evidence *ev)
{
    for (size_t i = 0; i < ev->ncomponents; i++) {
        if (!ev->components[i].is_group)
            continue;
        free(ev->components[i].status);
        ev->components[i].status = xstrdup(level_name(ev->components[i].level));
    }
}

/* The worst status an update gave a resource, and those resources. */
static enum level affected(struct jdoc *d, struct evb *b, jref list, struct incident *inc,
                           const char **word)
{
    enum level worst = LEVEL_NONE;

    for (jref a = jd_first(d, list); a; a = jd_next(d, list, a)) {
        const char *s = jf_str(d, a, "status");
        enum level l = level_map_find(state_levels, s, LEVEL_NONE);
        char *rid = jf_id(d, a, "status_page_resource_id");
        if (l > worst) {
            worst = l;
            *word = s;
        }
        if (rid && evb_find(b, rid))
            incident_add_component(inc, rid);
        free(rid);
    }
    return worst;
}

static void add_updates(struct jdoc *d, struct evb *b, const struct index *ix, jref rec,
                        struct incident *inc, enum level *worst)
{
    jref ids = jd_get(d, jd_get(d, jd_get(d, rec, "relationships"), "status_updates"), "data");

    for (jref r = jd_first(d, ids); r; r = jd_next(d, ids, r)) {
        jref u = jd_get(d, index_find(ix, "status_update", jf_str(d, r, "id")), "attributes");
        const char *word = NULL;
        time_t at;

        if (!u)
            continue;
        at = jf_time(d, u, "published_at");
        *worst =
            level_worst(*worst, affected(d, b, jd_get(d, u, "affected_resources"), inc, &word));
        incident_add_update(inc, word, text_from_markdown(jf_str(d, u, "message")), at);
        if (at > inc->updated_at)
            inc->updated_at = at;
    }
}

static void add_report(struct jdoc *d, struct evb *b, const struct index *ix, jref rec)
{
    jref attrs = jd_get(d, rec, "attributes");
    const char *state = jf_str(d, attrs, "aggregate_state"), *title = jf_str(d, attrs, "title");
    const char *type = jf_str(d, attrs, "report_type"), *word = NULL;
    struct incident *inc = evb_incident(b);
    enum level worst = LEVEL_NONE;

    inc->id = jf_dup(d, rec, "id");
    inc->name = xstrdup(title && *title ? title : "(untitled)");
    inc->status = xstrdup_or_null(state);
    inc->impact = xstrdup_or_null(type);
    inc->maintenance = type && strcmp(type, "maintenance") == 0;
    inc->started_at = jf_time(d, attrs, "starts_at");
    inc->open = !state || strcmp(state, "resolved") != 0;
    if (inc->maintenance) {
        inc->scheduled_for = inc->started_at;
        inc->scheduled_until = jf_time(d, attrs, "ends_at");
    }
    worst = affected(d, b, jd_get(d, attrs, "affected_resources"), inc, &word);
    add_updates(d, b, ix, rec, inc, &worst);
    if (inc->open)
        inc->level = level_map_find(state_levels, state, LEVEL_UNKNOWN);
    else
        inc->level = worst > LEVEL_OK ? worst : LEVEL_NOTICE;
    if (inc->maintenance && (inc->level == LEVEL_OK || !inc->open))
        inc->level = LEVEL_MAINTENANCE;
    if (inc->level == LEVEL_OK) /* open, yet the page says operational */
        inc->level = LEVEL_NOTICE;
    if (!inc->open) {
        inc->resolved_at = jf_time(d, attrs, "ends_at");
        if (!inc->resolved_at)
            inc->resolved_at = inc->updated_at;
    }
}

static int read_page(struct jdoc *d, struct evb *b, char *err, size_t errlen)
{
    jref data = jd_get(d, JD_ROOT, "data"), attrs = jd_get(d, data, "attributes");
    jref included = jd_get(d, JD_ROOT, "included");
    const char *state = jf_str(d, attrs, "aggregate_state");
    struct index ix = {0};

    if (jd_type(d, attrs) != JT_OBJECT)
        return provider_fail(err, errlen, "not a Better Stack page: 'data.attributes' is %s",
                             jd_type_name(d, attrs));
    if (included && jd_type(d, included) != JT_ARRAY)
        return provider_fail(err, errlen, "'included' is %s, expected an array",
                             jd_type_name(d, included));
    b->ev.page_name = jf_dup(d, attrs, "company_name");
    b->ev.updated_at = jf_time(d, attrs, "updated_at");
    b->ev.indicator = xstrdup_or_null(state);
    b->ev.indicator_level = level_map_find(state_levels, state, state ? LEVEL_UNKNOWN : LEVEL_NONE);
    index_build(d, included, &ix);
    add_sections(d, b, &ix);
    for (size_t i = 0; i < ix.n; i++) {
        if (strcmp(ix.v[i].type, "status_page_resource") == 0)
            add_resource(d, b, &ix, ix.v[i].node);
    }
    settle_sections(&b->ev);
    for (jref r = jd_first(d, included); r; r = jd_next(d, included, r)) {
        const char *type = jf_str(d, r, "type");
        if (type && strcmp(type, "status_report") == 0)
            add_report(d, b, &ix, r);
    }
    free(ix.v);
    return 0;
}

static int betterstack_parse(const char *body, size_t len, struct evidence *out, char *err,
                             size_t errlen)
{
    struct evb b = {0};

    if (provider_read_jdoc(body, len, read_page, &b, err, errlen) != 0)
        return -1;
    evb_finish(&b, PROVIDER_MAX_CLOSED, out);
    return 0;
}

static int betterstack_sniff(const char *body, size_t len)
{
    if (sniff_first(body, len) != '{')
        return 0;
    if (sniff_has(body, len, "\"status_page_resource\"") ||
        sniff_has(body, len, "\"status_page_section\""))
        return 90;
    return sniff_has(body, len, "\"aggregate_state\"") && sniff_has(body, len, "\"included\"") ? 80
                                                                                               : 0;
}

const struct provider provider_betterstack = {
    .name = "betterstack",
    .description = "Better Stack status page index.json (sections as groups)",
    .document = "a Better Stack index.json",
    .parse = betterstack_parse,
    .sniff = betterstack_sniff,
    .crowd = false,
    .default_interval_s = 0,
    .auth = AUTH_NONE,
};
