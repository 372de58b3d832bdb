/* Regions: lookups, containment and per-source rules (see region.h).
 *
 * The tables (region_data.h, from data/regions/) are sorted, so a lookup
 * is a few binary searches over const data: nothing is built or cached at
 * run time. Text is compared after ASCII case folding only; a name with non-ASCII letters
 * matches by its exact UTF-8 bytes, so the tables carry "Zürich" and "Zurich". */
#include "config.h"

#include <regex.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "region_data.h"
#include "sitrep/buf.h"
#include "sitrep/region.h"
#include "sitrep/sanitize.h"
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

/* ---- rules --------------------------------------------------------------- */

/* A regex rule, or a map when key is set (a map has no regex). */
struct region_rule {
    char *key;
    enum region_field field;
    regex_t re;
    char *target;      /* template with $0..$9 */
    region_id literal; /* the target resolved when added, if it has no $ */
};

struct region_rules {
    struct region_rule *rules;
    size_t nrules;
    region_id fallback;
};

static const char *const field_names[] = {
    [REGION_FIELD_NAME] = "name",
    [REGION_FIELD_GROUP] = "group",
    [REGION_FIELD_PATH] = "path",
};

__attribute__((format(printf, 3, 4))) static int rules_error(char *err, size_t errlen,
                                                             const char *fmt, ...)
{
    va_list ap;

    if (err && errlen) {
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return -1;
}

struct region_rules *region_rules_new(void)
{
    struct region_rules *rules = xcalloc(1, sizeof *rules);

    rules->fallback = region_all();
    return rules;
}

void region_rules_free(struct region_rules *rules)
{
    if (!rules)
        return;
    for (size_t i = 0; i < rules->nrules; i++) {
        if (!rules->rules[i].key)
            regfree(&rules->rules[i].re);
        free(rules->rules[i].key);
        free(rules->rules[i].target);
    }
    free(rules->rules);
    free(rules);
}

static int rules_push(struct region_rules *rules, const struct region_rule *rule)
{
    rules->rules = xreallocarray(rules->rules, rules->nrules + 1, sizeof *rules->rules);
    rules->rules[rules->nrules++] = *rule;
    return 0;
}

/* Checks a target before a rule takes it: the groups it uses must exist,
 * and a literal one must name a region now rather than fail on every poll. */
static int rule_check_target(struct region_rule *rule, const char *target, char *err, size_t errlen)
{
    int max = -1;

    for (const char *p = strchr(target, '$'); p; p = strchr(p + 1, '$')) {
        if (p[1] >= '0' && p[1] <= '9' && p[1] - '0' > max)
            max = p[1] - '0';
    }
    if (max > (int)rule->re.re_nsub)
        return rules_error(err, errlen, "target '%s' uses $%d but the regex has %zu group(s)",
                           target, max, rule->re.re_nsub);
    rule->literal = max < 0 ? region_resolve(target) : REGION_NONE;
    if (max < 0 && rule->literal == REGION_NONE)
        return rules_error(err, errlen, "unknown region '%s'", target);
    return 0;
}

/* ---- taming regexes --------------------------------------------------- */

/* Region rules come from configs and shared catalogs, and are matched
 * against names that remote pages choose. glibc matches POSIX EREs without
 * backtracking, except for what makes it super-linear, which is refused at
 * load (docs/regions.md lists what is allowed):
 *  - back-references (\1 ... \9): exponential; "(a*)\1b" took 37 s of
 *    CPU on a long name. Any other backslash before a letter or a digit is
 *    a GNU extension, refused too; before punctuation it is a literal.
 *  - a repetition of something that already repeats ("(a+)+",
 *    "(.{1,40}){1,40}"): '?' is the only operator allowed on it.
 *  - big compiled sizes: glibc expands "E{n,m}" into m copies of E, and
 *    the matcher's time grows with the square of that size (nine
 *    "[a-z]{0,200}" in a row took 6 s on a 512-character name). Counts stop
 *    at 32, and the estimated size (each atom 1, a repetition multiplying
 *    what it repeats) at REGEX_MAX_WEIGHT.
 * Names longer than REGEX_MAX_SUBJECT are not matched by regex rules at
 * all. With these bounds a rule takes well under 10 ms on any name. */
#define REGEX_MAX_LEN     256
#define REGEX_MAX_WEIGHT  256
#define REGEX_MAX_DEPTH   32
#define REGEX_MAX_COUNT   32
#define REGEX_MAX_SUBJECT 256

struct regex_scan {
    const char *p;
    unsigned long group[REGEX_MAX_DEPTH + 1]; /* weight so far per open group */
    bool repeats[REGEX_MAX_DEPTH + 1];        /* the open group holds a repetition */
    int depth;
    unsigned long last; /* weight of the last atom, for a quantifier */
    bool last_repeats;  /* the last atom is a group holding a repetition */
    bool after_quantifier;
};

static const char *const regex_stacked =
    "regex has stacked repetitions, a bad interval or too many nested groups";
static const char *const regex_nested = "regex repeats too much (nested repetitions)";

static bool ascii_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool ascii_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Skips a bracket expression starting at '['; NULL when unterminated. */
static const char *skip_bracket(const char *p)
{
    p++;
    if (*p == '^')
        p++;
    if (*p == ']')
        p++;
    for (; *p && *p != ']'; p++) {
        if (*p == '[' && (p[1] == ':' || p[1] == '.' || p[1] == '=')) {
            const char *end = strchr(p + 2, p[1]);
            if (!end || end[1] != ']')
                return NULL;
            p = end + 1;
        }
    }
    return *p ? p : NULL;
}

/* The factor a quantifier at *p multiplies by; advances past it. 0: bad.
 * *bounded: it repeats at most once ('?', "{0,1}", "{1}"). */
static unsigned long quantifier_factor(const char **p, bool *bounded)
{
    unsigned long lo = 0, hi;
    char *end;

    *bounded = **p == '?';
    if (**p == '*' || **p == '?') {
        (*p)++;
        return 1;
    }
    if (**p == '+') {
        (*p)++;
        return 2;
    }
    if (!ascii_digit((*p)[1]))
        return 0;
    lo = strtoul(*p + 1, &end, 10);
    hi = lo;
    if (*end == ',')
        hi = end[1] == '}' ? REGEX_MAX_COUNT + 1 : strtoul(end + 1, &end, 10);
    if (*end != '}' || hi > REGEX_MAX_COUNT || lo > hi)
        return 0;
    *p = end + 1;
    *bounded = hi <= 1;
    return hi + 1;
}

/* One step of the scan; NULL, or why the regex is refused. */
static const char *regex_step(struct regex_scan *sc)
{
    const char *p = sc->p;

    if (*p == '*' || *p == '+' || *p == '?' || *p == '{') {
        bool bounded;
        unsigned long f = quantifier_factor(&sc->p, &bounded);
        if (f == 0 || sc->after_quantifier)
            return regex_stacked;
        if (!bounded && sc->last_repeats)
            return regex_nested;
        sc->group[sc->depth] += sc->last * (f - 1);
        sc->repeats[sc->depth] |= !bounded || sc->last_repeats;
        sc->after_quantifier = true;
        return NULL;
    }
    sc->after_quantifier = false;
    sc->last_repeats = false;
    if (*p == '(') {
        if (sc->depth == REGEX_MAX_DEPTH)
            return regex_stacked;
        sc->group[++sc->depth] = 0;
        sc->repeats[sc->depth] = false;
        sc->p++;
        sc->after_quantifier = true; /* "(*" is as undefined as "**" */
        return NULL;
    }
    if (*p == ')' && sc->depth > 0) {
        sc->last = sc->group[sc->depth] + 1;
        sc->last_repeats = sc->repeats[sc->depth--];
        sc->group[sc->depth] += sc->last;
        sc->p++;
        return NULL;
    }
    if (*p == '|') { /* a branch is no atom a quantifier could follow */
        sc->group[sc->depth] += 1;
        sc->after_quantifier = true;
        sc->p++;
        return NULL;
    }
    if (*p == '[' && !(p = skip_bracket(p))) {
        sc->p += strlen(sc->p); /* unterminated: let regcomp report it */
        return NULL;
    }
    if (*p == '\\' && ascii_digit(p[1]))
        return "regex has a back-reference (\\1 ... \\9): not allowed, it can take time "
               "exponential in the name's length";
    if (*p == '\\' && ascii_letter(p[1]))
        return "regex has a backslash before a letter (\\w, \\s, \\b ...): not POSIX, not "
               "allowed (use [[:alnum:]_], [[:space:]] ...; a backslash may only make "
               "punctuation literal)";
    if (*p == '\\' && p[1])
        p++;
    sc->last = 1;
    sc->group[sc->depth] += 1;
    sc->p = p + 1;
    return NULL;
}

/* Returns 0 when regex is safe to compile, -1 with a message otherwise. */
static int regex_check(const char *regex, char *err, size_t errlen)
{
    struct regex_scan sc = {.p = regex, .after_quantifier = true};
    const char *why;

    if (strlen(regex) > REGEX_MAX_LEN)
        return rules_error(err, errlen, "regex too long (at most %d characters)", REGEX_MAX_LEN);
    while (*sc.p) {
        if ((why = regex_step(&sc)))
            return rules_error(err, errlen, "%s", why);
        if (sc.group[0] > REGEX_MAX_WEIGHT || sc.group[sc.depth] > REGEX_MAX_WEIGHT)
            return rules_error(err, errlen, "%s", regex_nested);
    }
    return 0;
}

int region_rules_add(struct region_rules *rules, enum region_field field, const char *regex,
                     const char *target, char *err, size_t errlen)
{
    struct region_rule rule = {.field = field};
    int flags = REG_EXTENDED;
    int rc;

    if (!rules || !regex || !*regex)
        return rules_error(err, errlen, "missing regex");
    if ((unsigned)field >= COUNT_OF(field_names))
        return rules_error(err, errlen, "unknown field %d (want name, group or path)", field);
    if (!target || !*target)
        return rules_error(err, errlen, "missing target");
    if (strncmp(regex, "(?i)", 4) == 0) {
        regex += 4;
        flags |= REG_ICASE;
    }
    if (regex_check(regex, err, errlen) != 0)
        return -1;
    if ((rc = regcomp(&rule.re, regex, flags)) != 0) {
        char msg[128];

        regerror(rc, &rule.re, msg, sizeof msg);
        return rules_error(err, errlen, "bad regex: %s", msg);
    }
    if (rule_check_target(&rule, target, err, errlen) < 0) {
        regfree(&rule.re);
        return -1;
    }
    rule.target = xstrdup(target);
    return rules_push(rules, &rule);
}

int region_rules_add_map(struct region_rules *rules, const char *key, const char *target, char *err,
                         size_t errlen)
{
    struct region_rule rule = {.literal = region_resolve(target)};

    if (!rules || !key || !*key)
        return rules_error(err, errlen, "missing map key");
    if (rule.literal == REGION_NONE)
        return rules_error(err, errlen, "unknown region '%s' for '%s'", target ? target : "", key);
    rule.key = xstrdup(key);
    return rules_push(rules, &rule);
}

size_t region_rules_count(const struct region_rules *rules)
{
    return rules ? rules->nrules : 0;
}

/* REGION_NONE is taken: a source may want untagged components to count
 * nowhere. An id outside the table is ignored. */
void region_rules_set_default(struct region_rules *rules, region_id region)
{
    if (rules && (region == REGION_NONE || *region_code(region)))
        rules->fallback = region;
}

region_id region_rules_default(const struct region_rules *rules)
{
    return rules ? rules->fallback : region_all();
}

static region_id rule_apply(const struct region_rule *rule, const char *subject)
{
    regmatch_t m[10]; /* $0..$9 */
    struct buf text = {0};
    region_id region;

    if (rule->key || !subject || strlen(subject) > REGEX_MAX_SUBJECT ||
        regexec(&rule->re, subject, COUNT_OF(m), m, 0) != 0)
        return REGION_NONE;
    if (rule->literal != REGION_NONE)
        return rule->literal;
    for (const char *p = rule->target; *p; p++) {
        if (p[0] != '$' || p[1] < '0' || p[1] > '9') {
            buf_putc(&text, *p);
            continue;
        }
        const regmatch_t *g = &m[*++p - '0'];

        if (g->rm_so >= 0)
            buf_append(&text, subject + g->rm_so, (size_t)(g->rm_eo - g->rm_so));
    }
    region = region_resolve(buf_str(&text));
    buf_free(&text);
    return region;
}

static region_id map_apply(const struct region_rules *rules, const char *id, const char *name)
{
    for (size_t i = 0; i < rules->nrules; i++) {
        const char *key = rules->rules[i].key;

        if (key && ((id && strcmp(id, key) == 0) || (name && strcmp(name, key) == 0)))
            return rules->rules[i].literal;
    }
    return REGION_NONE;
}

/* Text as the sanitizer will show it, so that a rule written against what
 * people see matches even when the page hides a control, bidi or
 * zero-width character inside a name ("Eu<RLO>rope"). Plain printable
 * ASCII is shown as it is: no copy then (the common case, kept cheap). */
static const char *shown(const char *text, char **copy)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t n = text ? strlen(text) : 0;
    bool plain = n == 0 || (p[0] != ' ' && p[n - 1] != ' ');

    *copy = NULL;
    for (size_t i = 0; plain && i < n; i++)
        plain = p[i] >= 0x20 && p[i] < 0x7f;
    if (plain)
        return text;
    *copy = sanitize_str(text, 0, 0);
    return *copy;
}

region_id region_rules_match(const struct region_rules *rules, const char *id, const char *raw_name,
                             const char *raw_group)
{
    char *name_copy, *group_copy;
    const char *name = shown(raw_name, &name_copy), *group = shown(raw_group, &group_copy);
    char *path = group && name ? xasprintf("%s - %s", group, name) : NULL;
    const char *fields[] = {
        [REGION_FIELD_NAME] = name,
        [REGION_FIELD_GROUP] = group,
        [REGION_FIELD_PATH] = path ? path : (name ? name : group),
    };
    region_id region = rules ? map_apply(rules, id, name) : REGION_NONE;

    for (size_t i = 0; rules && region == REGION_NONE && i < rules->nrules; i++)
        region = rule_apply(&rules->rules[i], fields[rules->rules[i].field]);
    free(path);
    free(name_copy);
    free(group_copy);
    return region;
}

region_id region_rules_apply(const struct region_rules *rules, const char *id, const char *name,
                             const char *group)
{
    region_id region = region_rules_match(rules, id, name, group);

    if (region != REGION_NONE)
        return region;
    return rules ? rules->fallback : region_all();
}

/* ---- the config form: FIELD "REGEX" => TARGET ---------------------------- */

static const char *skip_blanks(const char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

static int spec_field(const char **pp, enum region_field *field, char *err, size_t errlen)
{
    const char *p = skip_blanks(*pp);
    size_t n = strcspn(p, " \t\"");

    for (size_t i = 0; n && i < COUNT_OF(field_names); i++) {
        if (strlen(field_names[i]) == n && fold_ncmp(p, field_names[i], n) == 0) {
            *field = (enum region_field)i;
            *pp = p + n;
            return 0;
        }
    }
    if (!n)
        return rules_error(err, errlen, "missing field (want name, group or path)");
    return rules_error(err, errlen, "unknown field '%.*s' (want name, group or path)", (int)n, p);
}

/* Reads the quoted regex: \" is a quote, any other backslash pair is kept
 * as it is for regcomp(). */
static int spec_regex(const char **pp, struct buf *re, char *err, size_t errlen)
{
    const char *p = skip_blanks(*pp);

    if (*p != '"')
        return rules_error(err, errlen, "missing \"REGEX\" after the field");
    for (p++; *p && *p != '"'; p++) {
        if (p[0] == '\\' && p[1] == '"') {
            buf_putc(re, '"');
            p++;
        } else if (p[0] == '\\' && p[1]) {
            buf_append(re, p, 2);
            p++;
        } else {
            buf_putc(re, *p);
        }
    }
    if (*p != '"')
        return rules_error(err, errlen, "unterminated regex (missing closing \")");
    *pp = p + 1;
    return 0;
}

/* What follows the regex: "=> TARGET", blanks around it ignored. */
static int spec_target(const char *p, char **target, char *err, size_t errlen)
{
    size_t n;

    p = skip_blanks(p);
    if (strncmp(p, "=>", 2) != 0)
        return rules_error(err, errlen, "missing => TARGET");
    p = skip_blanks(p + 2);
    for (n = strlen(p); n && (p[n - 1] == ' ' || p[n - 1] == '\t'); n--)
        ;
    if (!n)
        return rules_error(err, errlen, "missing target after =>");
    *target = xstrndup(p, n);
    return 0;
}

int region_rules_add_spec(struct region_rules *rules, const char *spec, char *err, size_t errlen)
{
    enum region_field field = REGION_FIELD_NAME;
    struct buf re = {0};
    char *target = NULL;
    const char *p = spec ? spec : "";
    int rc = spec_field(&p, &field, err, errlen);

    if (rc == 0)
        rc = spec_regex(&p, &re, err, errlen);
    if (rc == 0)
        rc = spec_target(p, &target, err, errlen);
    if (rc == 0)
        rc = region_rules_add(rules, field, buf_str(&re), target, err, errlen);
    buf_free(&re);
    free(target);
    return rc;
}
