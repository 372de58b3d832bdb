/* Regions: lookups and containment (see region.h); the per-source rules
 * are in region_rules.c.
 *
 * The tables (region_data.h, from data/regions/) are sorted, so a lookup
 * is a few binary searches over const data: nothing is built or cached at
 * run time. Text is compared after ASCII case folding only; a name with non-ASCII letters
 * matches by its exact UTF-8 bytes, so the tables carry "Zürich" and "Zurich". */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "region_data.h"
#include "sitrep/region.h"
#include "sitrep/xalloc.h"

/* Longer text cannot match: every table key is shorter. */
#define RESOLVE_MAX 128
/* ALL > macro > continent > country > cloud: deeper is a cycle in the data. */
#define REGION_DEPTH_MAX 8
#define COUNT_OF(a)      (sizeof(a) / sizeof((a)[0]))

static int ascii_lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* strncmp() after ASCII case folding of both sides: the order the tables
 * are sorted in. Not strncasecmp(), which follows the locale. */
static int fold_ncmp(const char *a, const char *b, size_t n)
{
    const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;

    for (; n && *x && ascii_lower(*x) == ascii_lower(*y); n--) {
        x++;
        y++;
    }
    return n ? ascii_lower(*x) - ascii_lower(*y) : 0;
}

/* bsearch() comparator: every table row starts with its key. */
static int row_cmp(const void *text, const void *row)
{
    return fold_ncmp(text, *(const char *const *)row, SIZE_MAX);
}

/* base + the index of text's row in a sorted table, or REGION_NONE. */
static region_id table_find(const void *table, size_t n, size_t size, size_t base, const char *text)
{
    const char *row = bsearch(text, table, n, size, row_cmp);

    return row ? (region_id)(base + (size_t)(row - (const char *)table) / size) : REGION_NONE;
}

/* Ids: the areas, then the countries, then the cloud regions. */
size_t region_count(void)
{
    return rd_area_count + rd_country_count + rd_cloud_count;
}

region_id region_all(void)
{
    return 0; /* the first area */
}

static region_id area_find(const char *code)
{
    for (size_t i = 0; code && i < rd_area_count; i++) {
        if (fold_ncmp(code, rd_areas[i].code, SIZE_MAX) == 0)
            return (region_id)i;
    }
    return REGION_NONE;
}

/* By alpha-2, whatever the node's code is. */
static region_id country_find(const char *alpha2)
{
    return table_find(rd_countries, rd_country_count, sizeof rd_countries[0], rd_area_count,
                      alpha2);
}

static region_id cloud_find(const char *code)
{
    return table_find(rd_clouds, rd_cloud_count, sizeof rd_clouds[0],
                      rd_area_count + rd_country_count, code);
}

/* One node, whichever table holds it. */
struct node {
    const char *code;
    const char *name;
    enum region_kind kind; /* REGION_KIND_WORLD for an invalid id: no better answer */
    region_id parent;
    const char *const *members; /* NULL-terminated; empty but for unions */
};

static struct node node_make(region_id id)
{
    static const char *const none[] = {NULL};
    size_t i = (size_t)id;

    if (id < 0 || i >= region_count())
        return (struct node){"", "", REGION_KIND_WORLD, REGION_NONE, none};
    if (i < rd_area_count) {
        const struct rd_area *a = &rd_areas[i];

        return (struct node){a->code, a->name, a->kind, area_find(a->parent), a->members};
    }
    if ((i -= rd_area_count) < rd_country_count) {
        const struct rd_country *c = &rd_countries[i];
        /* NA, AF, ME and AS name areas: those countries go by alpha-3. */
        bool shadowed = area_find(c->alpha2) != REGION_NONE;

        return (struct node){shadowed ? c->alpha3 : c->alpha2, c->name, REGION_KIND_COUNTRY,
                             area_find(c->parent), none};
    }
    const struct rd_cloud *k = &rd_clouds[i - rd_country_count];

    return (struct node){k->code, k->name, REGION_KIND_CLOUD, country_find(k->country), none};
}

/* Every cell, metric line and export asks for codes and parents: the
 * nodes are worked out once (the tables are constant) instead of a search
 * of the areas per question. */
static struct node node_of(region_id id)
{
    static struct node *nodes;
    size_t n = region_count();

    if (id < 0 || (size_t)id >= n)
        return node_make(id);
    if (!nodes) {
        nodes = xcalloc(n, sizeof *nodes);
        for (size_t i = 0; i < n; i++)
            nodes[i] = node_make((region_id)i);
    }
    return nodes[id];
}

const char *region_code(region_id id)
{
    return node_of(id).code;
}

const char *region_name(region_id id)
{
    return node_of(id).name;
}

enum region_kind region_kind(region_id id)
{
    return node_of(id).kind;
}

region_id region_parent(region_id id)
{
    return node_of(id).parent;
}

region_id region_find(const char *code)
{
    region_id id;

    if (!code || !*code)
        return REGION_NONE;
    /* Areas first: a country found by alpha-2 after them is not shadowed. */
    if ((id = area_find(code)) != REGION_NONE || (id = country_find(code)) != REGION_NONE)
        return id;
    /* A shadowed country's alpha-2 is an area code: the areas say where to look. */
    for (size_t i = 0; strlen(code) == 3 && i < rd_area_count; i++) {
        id = country_find(rd_areas[i].code);
        if (id != REGION_NONE && fold_ncmp(code, node_of(id).code, SIZE_MAX) == 0)
            return id;
    }
    return cloud_find(code);
}

/* Only reached through "alpha3:"; 249 short compares are cheap enough. */
static region_id resolve_alpha3(const char *text)
{
    for (size_t i = 0; i < rd_country_count; i++) {
        if (fold_ncmp(text, rd_countries[i].alpha3, SIZE_MAX) == 0)
            return (region_id)(rd_area_count + i);
    }
    return REGION_NONE;
}

/* Blanks are dropped so that Azure's display names work too: "cloud:West
 * Europe" is westeurope. No cloud code contains a blank. */
static region_id resolve_cloud(const char *text)
{
    char code[RESOLVE_MAX];
    size_t n = 0;

    for (; *text && n + 1 < sizeof code; text++) {
        if (*text != ' ')
            code[n++] = *text;
    }
    code[n] = '\0';
    return cloud_find(code);
}

/* The lookups in the order region_resolve() tries them, each with the
 * namespace that restricts it to that one: a function, then a key table
 * whose targets are node codes (aliases) or alpha-2 codes. Plain text is
 * never alpha-3: three letters are an airport first (AUS is Austin). A
 * cloud code is a node code, so the first step finds it. */
static const struct resolve_step {
    const char *prefix; /* NULL: no namespace */
    bool plain;         /* tried for text without a prefix */
    region_id (*find)(const char *text);
    const struct rd_key *keys;
    const size_t *nkeys;
    region_id (*target)(const char *target);
} resolve_steps[] = {
    {"code:", true, region_find, NULL, NULL, NULL},
    {NULL, true, NULL, rd_aliases, &rd_alias_count, region_find},
    {"country:", true, country_find, rd_country_names, &rd_country_name_count, country_find},
    {"cloud:", false, resolve_cloud, NULL, NULL, NULL},
    {"iata:", true, NULL, rd_iata, &rd_iata_count, country_find},
    {"city:", true, NULL, rd_cities, &rd_city_count, country_find},
    {"alpha3:", false, resolve_alpha3, NULL, NULL, NULL},
};

static region_id step_find(const struct resolve_step *step, const char *text)
{
    region_id id = step->find ? step->find(text) : REGION_NONE;

    if (id == REGION_NONE && step->keys) {
        id = table_find(step->keys, *step->nkeys, sizeof step->keys[0], 0, text);
        id = id == REGION_NONE ? REGION_NONE : step->target(step->keys[id].target);
    }
    return id;
}

static bool is_blank(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/* Copies text to out with blanks trimmed and runs of them made one space.
 * False when nothing is left or it is too long to be any key. */
static bool text_normalize(const char *text, char *out, size_t size)
{
    size_t len = 0;

    for (const char *p = text; *p; p++) {
        if (is_blank(*p) && (len == 0 || out[len - 1] == ' '))
            continue;
        if (len + 1 >= size)
            return false;
        out[len++] = is_blank(*p) ? ' ' : *p;
    }
    if (len && out[len - 1] == ' ')
        len--;
    out[len] = '\0';
    return len > 0;
}

/* The smallest node that contains both a and b (ALL at worst). */
static region_id region_common(region_id a, region_id b)
{
    for (int depth = 0; a != REGION_NONE && depth < REGION_DEPTH_MAX; depth++) {
        if (region_contains(a, b))
            return a;
        a = region_parent(a);
    }
    return region_all();
}

/* "HONG KONG/CHINA" read as "Hong Kong, China", the place-and-country
 * form the tables carry (blanks around each '/' dropped). */
static region_id resolve_as_qualified(const char *norm)
{
    char buf[RESOLVE_MAX];
    size_t n = 0;

    for (const char *p = norm; *p; p++) {
        if (*p != '/') {
            if (n + 1 >= sizeof buf)
                return REGION_NONE;
            buf[n++] = *p;
            continue;
        }
        while (n > 0 && buf[n - 1] == ' ')
            n--;
        if (n + 3 >= sizeof buf)
            return REGION_NONE;
        buf[n++] = ',';
        buf[n++] = ' ';
        while (p[1] == ' ')
            p++;
    }
    buf[n] = '\0';
    return region_resolve(buf); /* no '/' left, so this recursion ends */
}

/* "HONG KONG/CHINA", "US/Canada": a name made of places joined by '/' is
 * first tried as a place and its country ("Hong Kong, China": HK), then as
 * the smallest region holding every part, when every part is a place. */
static region_id resolve_joined(const char *norm)
{
    char part[RESOLVE_MAX];
    region_id all;
    const char *p = norm;

    if (!strchr(norm, '/'))
        return REGION_NONE;
    all = resolve_as_qualified(norm);
    if (all != REGION_NONE)
        return all;
    for (;;) {
        size_t n = strcspn(p, "/");
        region_id r;

        memcpy(part, p, n);
        part[n] = '\0';
        r = region_resolve(part); /* a part has no '/', so this recursion ends */
        if (r == REGION_NONE)
            return REGION_NONE;
        all = all == REGION_NONE ? r : region_common(all, r);
        if (!p[n])
            return all;
        p += n + 1;
    }
}

/* A trailing qualifier such as "Georgia (US)" is not stripped: it is there
 * to say which of two places is meant, and dropping it would pick the
 * wrong one. The tables carry the ISO forms that have one instead. */
region_id region_resolve(const char *text)
{
    char norm[RESOLVE_MAX];
    region_id id = REGION_NONE;

    if (!text || !text_normalize(text, norm, sizeof norm))
        return REGION_NONE;
    for (size_t i = 0; i < COUNT_OF(resolve_steps); i++) {
        const char *prefix = resolve_steps[i].prefix;
        size_t n = prefix ? strlen(prefix) : 0;

        if (n && fold_ncmp(norm, prefix, n) == 0) {
            const char *rest = norm[n] == ' ' ? norm + n + 1 : norm + n;

            return *rest ? step_find(&resolve_steps[i], rest) : REGION_NONE;
        }
    }
    for (size_t i = 0; id == REGION_NONE && i < COUNT_OF(resolve_steps); i++) {
        if (resolve_steps[i].plain)
            id = step_find(&resolve_steps[i], norm);
    }
    return id != REGION_NONE ? id : resolve_joined(norm);
}

static bool contains_uncached(region_id outer, region_id inner);

/* The answer for a pair of table regions is worked out once: every cell of
 * every snapshot asks it for each component and column, and the members
 * are found by code. Rows by outer (the few columns), filled as asked. */
bool region_contains(region_id outer, region_id inner)
{
    static unsigned char *memo; /* 0 unknown, 1 no, 2 yes */
    size_t n = region_count();

    if (outer < 0 || inner < 0 || (size_t)outer >= n || (size_t)inner >= n)
        return contains_uncached(outer, inner);
    if (!memo)
        memo = xcalloc(n * n, 1);
    unsigned char *m = &memo[(size_t)outer * n + (size_t)inner];
    if (!*m)
        *m = contains_uncached(outer, inner) ? 2 : 1;
    return *m == 2;
}

static bool contains_uncached(region_id outer, region_id inner)
{
    struct node o = node_of(outer), in = node_of(inner);

    if (!*o.code || !*in.code)
        return false;
    if (outer == inner || outer == region_all())
        return true;
    if (in.kind == REGION_KIND_UNION) { /* every member must fit */
        for (const char *const *m = in.members; *m; m++) {
            if (!region_contains(outer, area_find(*m)))
                return false;
        }
        return true;
    }
    for (const char *const *m = o.members; *m; m++) {
        if (region_contains(area_find(*m), inner))
            return true;
    }
    for (int depth = 0; inner != REGION_NONE && depth < REGION_DEPTH_MAX; depth++) {
        if (inner == outer)
            return true;
        inner = region_parent(inner);
    }
    return false;
}

bool region_overlaps(region_id a, region_id b)
{
    if (region_contains(a, b) || region_contains(b, a))
        return true;
    for (const char *const *m = node_of(a).members; *m; m++) {
        if (region_overlaps(area_find(*m), b))
            return true;
    }
    for (const char *const *m = node_of(b).members; *m; m++) {
        if (region_overlaps(a, area_find(*m)))
            return true;
    }
    return false;
}
