/* Evidence lifetime and derived values (see evidence.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sitrep/evidence.h"
#include "sitrep/xalloc.h"

/* The strings of a component, for walking them as one. */
#define COMPONENT_STRINGS(c)                                                                       \
    {                                                                                              \
        &(c)->id, &(c)->name, &(c)->group_id, &(c)->group_name, &(c)->status                       \
    }
#define NCOMPONENT_STRINGS 5

static void component_free(struct component *c, struct intern *pool)
{
    char **str[NCOMPONENT_STRINGS] = COMPONENT_STRINGS(c);

    for (size_t i = 0; i < NCOMPONENT_STRINGS; i++) {
        if (pool)
            intern_release(pool, *str[i]);
        else
            free(*str[i]);
    }
}

void incident_free(struct incident *inc)
{
    free(inc->id);
    free(inc->name);
    free(inc->status);
    free(inc->impact);
    free(inc->url);
    for (size_t i = 0; i < inc->ncomponent_ids; i++)
        free(inc->component_ids[i]);
    free(inc->component_ids);
    for (size_t i = 0; i < inc->nlocations; i++)
        free(inc->locations[i].text);
    free(inc->locations);
    for (size_t i = 0; i < inc->nupdates; i++) {
        free(inc->updates[i].status);
        free(inc->updates[i].body);
    }
    free(inc->updates);
    memset(inc, 0, sizeof *inc);
}

void report_series_free(struct report_series *r)
{
    free(r->region_text);
    free(r->label);
    free(r->counts);
    free(r->baseline);
    for (size_t i = 0; i < r->ncategories; i++)
        free(r->categories[i].name);
    free(r->categories);
    memset(r, 0, sizeof *r);
}

void mention_free(struct mention *m)
{
    free(m->key);
    free(m->author);
    free(m->lang);
    free(m->text);
    memset(m, 0, sizeof *m);
}

void evidence_free(struct evidence *ev)
{
    if (!ev)
        return;
    free(ev->page_name);
    free(ev->page_url);
    free(ev->indicator);
    free(ev->description);
    for (size_t i = 0; i < ev->ncomponents; i++)
        component_free(&ev->components[i], ev->pool);
    free(ev->components);
    for (size_t i = 0; i < ev->nincidents; i++)
        incident_free(&ev->incidents[i]);
    free(ev->incidents);
    for (size_t i = 0; i < ev->nreports; i++)
        report_series_free(&ev->reports[i]);
    free(ev->reports);
    for (size_t i = 0; i < ev->nmentions; i++)
        mention_free(&ev->mentions[i]);
    free(ev->mentions);
    free(ev->next_query);
    memset(ev, 0, sizeof *ev);
}

const struct component *evidence_component(const struct evidence *ev, const char *id)
{
    for (size_t i = 0; id && i < ev->ncomponents; i++) {
        if (ev->components[i].id && strcmp(ev->components[i].id, id) == 0)
            return &ev->components[i];
    }
    return NULL;
}

void evidence_update_level(struct evidence *ev)
{
    enum level level =
        ev->quiet_is_ok ? level_worst(ev->indicator_level, LEVEL_OK) : ev->indicator_level;

    for (size_t i = 0; i < ev->nincidents; i++) {
        if (ev->incidents[i].open)
            level = level_worst(level, ev->incidents[i].level);
    }
    for (size_t i = 0; i < ev->ncomponents; i++)
        level = level_worst(level, ev->components[i].level);
    ev->level = level;
}

/* ---- regions ------------------------------------------------------------------ */

/* The source's rules first; then the region the provider read from the
 * page itself (a cloud region id); then the source's default. */
static region_id tag_one(const struct region_rules *rules, struct region_memo *memo, const char *id,
                         const char *name, const char *group, region_id from_page)
{
    region_id r = region_memo_match(memo, id, name, group);

    if (r == REGION_NONE)
        r = from_page != REGION_NONE ? from_page : region_rules_default(rules);
    return r;
}

static bool same_str(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* The region old's component at the same place was given, when it is the
 * same component with the same names and the page gave it no region of
 * its own: pages seldom change between polls, and the rules' regexes are
 * the costly part of mapping a large page. */
static region_id region_before(const struct evidence *old, size_t i, const struct component *c)
{
    const struct component *o = old && i < old->ncomponents ? &old->components[i] : NULL;

    if (!o || c->region != REGION_NONE || o->region == REGION_NONE || o->is_group != c->is_group ||
        !same_str(o->id, c->id) || !same_str(o->name, c->name) ||
        !same_str(o->group_name, c->group_name))
        return REGION_NONE;
    return o->region;
}

void evidence_tag_regions(struct evidence *ev, const struct evidence *old,
                          const struct region_rules *rules)
{
    struct region_memo *memo = region_memo_new(rules);

    for (size_t i = 0; i < ev->ncomponents; i++) {
        struct component *c = &ev->components[i];
        const char *group = c->is_group ? c->name : c->group_name;
        region_id before = region_before(old, i, c);
        c->region =
            before != REGION_NONE ? before : tag_one(rules, memo, c->id, c->name, group, c->region);
    }
    for (size_t i = 0; i < ev->nincidents; i++) {
        struct incident *inc = &ev->incidents[i];
        for (size_t j = 0; j < inc->nlocations; j++) {
            struct incident_location *loc = &inc->locations[j];
            loc->region = tag_one(rules, memo, loc->text, loc->text, NULL, loc->region);
        }
    }
    region_memo_free(memo);
}

/* ---- deep copies ------------------------------------------------------ */

static void *dup_array(const void *v, size_t n, size_t size)
{
    void *out;

    if (!v || n == 0)
        return NULL;
    out = xreallocarray(NULL, n, size);
    memcpy(out, v, n * size);
    return out;
}

static void component_copy(struct component *dst, const struct component *src, bool pooled)
{
    char **str[NCOMPONENT_STRINGS] = COMPONENT_STRINGS(dst);

    *dst = *src;
    for (size_t i = 0; i < NCOMPONENT_STRINGS; i++)
        *str[i] = pooled ? (char *)intern_ref(*str[i]) : xstrdup_or_null(*str[i]);
}

void evidence_intern(struct evidence *ev, struct intern *pool)
{
    if (ev->pool || !pool)
        return;
    for (size_t i = 0; i < ev->ncomponents; i++) {
        char **str[NCOMPONENT_STRINGS] = COMPONENT_STRINGS(&ev->components[i]);
        for (size_t k = 0; k < NCOMPONENT_STRINGS; k++)
            *str[k] = *str[k] ? intern_take(pool, *str[k]) : NULL;
    }
    ev->pool = pool;
}

static void incident_copy(struct incident *dst, const struct incident *src)
{
    *dst = *src;
    dst->id = xstrdup_or_null(src->id);
    dst->name = xstrdup_or_null(src->name);
    dst->status = xstrdup_or_null(src->status);
    dst->impact = xstrdup_or_null(src->impact);
    dst->url = xstrdup_or_null(src->url);
    dst->component_ids = dup_array(src->component_ids, src->ncomponent_ids, sizeof(char *));
    for (size_t i = 0; i < src->ncomponent_ids; i++)
        dst->component_ids[i] = xstrdup_or_null(src->component_ids[i]);
    dst->locations = dup_array(src->locations, src->nlocations, sizeof *src->locations);
    for (size_t i = 0; i < src->nlocations; i++)
        dst->locations[i].text = xstrdup_or_null(src->locations[i].text);
    dst->updates = dup_array(src->updates, src->nupdates, sizeof *src->updates);
    for (size_t i = 0; i < src->nupdates; i++) {
        dst->updates[i].status = xstrdup_or_null(src->updates[i].status);
        dst->updates[i].body = xstrdup_or_null(src->updates[i].body);
    }
}

static void report_series_copy(struct report_series *dst, const struct report_series *src)
{
    *dst = *src;
    dst->region_text = xstrdup_or_null(src->region_text);
    dst->label = xstrdup_or_null(src->label);
    dst->counts = dup_array(src->counts, src->ncounts, sizeof *src->counts);
    dst->baseline = dup_array(src->baseline, src->ncounts, sizeof *src->baseline);
    dst->categories = dup_array(src->categories, src->ncategories, sizeof *src->categories);
    for (size_t i = 0; i < src->ncategories; i++)
        dst->categories[i].name = xstrdup_or_null(src->categories[i].name);
}

void evidence_copy(struct evidence *dst, const struct evidence *src)
{
    *dst = *src;
    dst->page_name = xstrdup_or_null(src->page_name);
    dst->page_url = xstrdup_or_null(src->page_url);
    dst->indicator = xstrdup_or_null(src->indicator);
    dst->description = xstrdup_or_null(src->description);
    dst->components = dup_array(src->components, src->ncomponents, sizeof *src->components);
    for (size_t i = 0; i < src->ncomponents; i++)
        component_copy(&dst->components[i], &src->components[i], src->pool != NULL);
    dst->incidents = dup_array(src->incidents, src->nincidents, sizeof *src->incidents);
    for (size_t i = 0; i < src->nincidents; i++)
        incident_copy(&dst->incidents[i], &src->incidents[i]);
    dst->reports = dup_array(src->reports, src->nreports, sizeof *src->reports);
    for (size_t i = 0; i < src->nreports; i++)
        report_series_copy(&dst->reports[i], &src->reports[i]);
    dst->mentions = dup_array(src->mentions, src->nmentions, sizeof *src->mentions);
    for (size_t i = 0; i < src->nmentions; i++) {
        struct mention *m = &dst->mentions[i];
        m->key = xstrdup_or_null(m->key);
        m->author = xstrdup_or_null(m->author);
        m->lang = xstrdup_or_null(m->lang);
        m->text = xstrdup_or_null(m->text);
    }
    dst->next_query = xstrdup_or_null(src->next_query);
}

/* Roughly what a copy costs in memory: for budgets, not for accounting. */
static size_t str_size(const char *s)
{
    return s ? strlen(s) + 1 : 0;
}

size_t evidence_size(const struct evidence *ev)
{
    size_t n = sizeof *ev + str_size(ev->page_name) + str_size(ev->page_url) +
               str_size(ev->indicator) + str_size(ev->description);

    for (size_t i = 0; i < ev->ncomponents; i++) {
        const struct component *c = &ev->components[i];
        n += sizeof *c;
        if (!ev->pool)
            n += str_size(c->id) + str_size(c->name) + str_size(c->group_id) +
                 str_size(c->group_name) + str_size(c->status);
    }
    for (size_t i = 0; i < ev->nincidents; i++) {
        const struct incident *inc = &ev->incidents[i];
        n += sizeof *inc + str_size(inc->id) + str_size(inc->name) + str_size(inc->status) +
             str_size(inc->impact) + str_size(inc->url);
        for (size_t j = 0; j < inc->ncomponent_ids; j++)
            n += sizeof(char *) + str_size(inc->component_ids[j]);
        for (size_t j = 0; j < inc->nlocations; j++)
            n += sizeof inc->locations[j] + str_size(inc->locations[j].text);
        for (size_t j = 0; j < inc->nupdates; j++)
            n += sizeof inc->updates[j] + str_size(inc->updates[j].status) +
                 str_size(inc->updates[j].body);
    }
    for (size_t i = 0; i < ev->nreports; i++) {
        const struct report_series *r = &ev->reports[i];
        n += sizeof *r + str_size(r->region_text) + str_size(r->label) +
             r->ncounts * sizeof(long) * (r->baseline ? 2 : 1);
        for (size_t j = 0; j < r->ncategories; j++)
            n += sizeof r->categories[j] + str_size(r->categories[j].name);
    }
    for (size_t i = 0; i < ev->nmentions; i++) {
        const struct mention *m = &ev->mentions[i];
        n += sizeof *m + str_size(m->key) + str_size(m->author) + str_size(m->lang) +
             str_size(m->text);
    }
    return n + str_size(ev->next_query);
}
