/* Per-source region rules (see region.h): maps, regexes on names, groups
 * and paths, the default region; and the memo that spares a mapping pass
 * the regexes for texts it has seen (a group's name on each of its
 * children, names a large page repeats). */
#include "config.h"

#include <regex.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/buf.h"
#include "sitrep/region.h"
#include "sitrep/sanitize.h"
#include "sitrep/xalloc.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

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
    bool uses_path; /* a rule reads "Group - Name": only then is it made */
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
    rules->uses_path |= field == REGION_FIELD_PATH;
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

/* ---- the memo of one mapping pass --------------------------------------- */

/* A rule's verdict on a text does not change, and a page repeats texts (a
 * group's name is matched once for each of its children), so a pass keeps
 * the verdicts: (rule, text) -> region, REGION_NONE included. It lives for
 * one pass, so no memory stays with a source between polls. */
struct memo_slot {
    uint64_t hash;
    size_t text; /* offset in texts + 1; 0: empty */
    size_t rule;
    region_id region;
};

struct region_memo {
    const struct region_rules *rules;
    struct memo_slot *slots; /* open addressing, at most half full */
    size_t nslots, used;
    struct buf texts; /* the texts, each ended by a NUL */
};

/* A pass over a page of thousands of distinct names keeps at most this
 * many verdicts (texts are at most REGEX_MAX_SUBJECT bytes); past it rules
 * are simply evaluated. */
#define MEMO_MAX 16384

struct region_memo *region_memo_new(const struct region_rules *rules)
{
    struct region_memo *memo = xcalloc(1, sizeof *memo);

    memo->rules = rules;
    return memo;
}

void region_memo_free(struct region_memo *memo)
{
    if (!memo)
        return;
    free(memo->slots);
    buf_free(&memo->texts);
    free(memo);
}

/* FNV-1a from a start the page cannot know (where the memo is, which
 * address randomisation picks), so that names cannot be chosen to land in
 * one chain. */
static uint64_t memo_hash(const struct region_memo *memo, size_t rule, const char *text, size_t n)
{
    uint64_t h = UINT64_C(1469598103934665603) ^ (uint64_t)(uintptr_t)memo ^ rule;

    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)text[i]) * UINT64_C(1099511628211);
    return h ^ (h >> 29);
}

/* The slot holding (rule, text), or the empty one where it belongs. */
static struct memo_slot *memo_slot(struct region_memo *memo, uint64_t hash, size_t rule,
                                   const char *text)
{
    size_t mask = memo->nslots - 1;

    for (size_t i = (size_t)hash & mask;; i = (i + 1) & mask) {
        struct memo_slot *s = &memo->slots[i];
        if (!s->text || (s->hash == hash && s->rule == rule && text &&
                         strcmp(memo->texts.data + s->text - 1, text) == 0))
            return s;
    }
}

static void memo_grow(struct region_memo *memo)
{
    struct memo_slot *old = memo->slots;
    size_t n = memo->nslots;

    memo->nslots = n ? 2 * n : 256;
    memo->slots = xcalloc(memo->nslots, sizeof *memo->slots);
    for (size_t i = 0; i < n; i++) {
        if (old[i].text) /* no text: every entry is new here, find an empty slot */
            *memo_slot(memo, old[i].hash, old[i].rule, NULL) = old[i];
    }
    free(old);
}

/* rule_apply(), remembered. */
static region_id memo_apply(struct region_memo *memo, size_t rule, const char *subject)
{
    const struct region_rule *r = &memo->rules->rules[rule];
    struct memo_slot *s;
    uint64_t hash;
    size_t n;

    /* what rule_apply() answers without a regex */
    if (r->key || !subject || (n = strlen(subject)) > REGEX_MAX_SUBJECT)
        return REGION_NONE;
    if (memo->used >= MEMO_MAX)
        return rule_apply(r, subject);
    if (2 * (memo->used + 1) > memo->nslots)
        memo_grow(memo);
    hash = memo_hash(memo, rule, subject, n);
    s = memo_slot(memo, hash, rule, subject);
    if (!s->text) {
        *s = (struct memo_slot){hash, memo->texts.len + 1, rule, rule_apply(r, subject)};
        buf_append(&memo->texts, subject, n + 1);
        memo->used++;
    }
    return s->region;
}

static region_id rules_match(const struct region_rules *rules, struct region_memo *memo,
                             const char *id, const char *raw_name, const char *raw_group)
{
    char *name_copy, *group_copy;
    const char *name = shown(raw_name, &name_copy), *group = shown(raw_group, &group_copy);
    char *path =
        rules && rules->uses_path && group && name ? xasprintf("%s - %s", group, name) : NULL;
    const char *fields[] = {
        [REGION_FIELD_NAME] = name,
        [REGION_FIELD_GROUP] = group,
        [REGION_FIELD_PATH] = path ? path : (name ? name : group),
    };
    region_id region = rules ? map_apply(rules, id, name) : REGION_NONE;

    for (size_t i = 0; rules && region == REGION_NONE && i < rules->nrules; i++) {
        const char *subject = fields[rules->rules[i].field];
        region = memo ? memo_apply(memo, i, subject) : rule_apply(&rules->rules[i], subject);
    }
    free(path);
    free(name_copy);
    free(group_copy);
    return region;
}

region_id region_rules_match(const struct region_rules *rules, const char *id, const char *name,
                             const char *group)
{
    return rules_match(rules, NULL, id, name, group);
}

region_id region_memo_match(struct region_memo *memo, const char *id, const char *name,
                            const char *group)
{
    return rules_match(memo->rules, memo, id, name, group);
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

/* name equals the n bytes at p, ASCII case ignored (not the locale's). */
static bool field_is(const char *p, const char *name, size_t n)
{
    if (strlen(name) != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char a = p[i] >= 'A' && p[i] <= 'Z' ? (char)(p[i] + 32) : p[i];
        if (a != name[i])
            return false;
    }
    return true;
}

static int spec_field(const char **pp, enum region_field *field, char *err, size_t errlen)
{
    const char *p = skip_blanks(*pp);
    size_t n = strcspn(p, " \t\"");

    for (size_t i = 0; n && i < COUNT_OF(field_names); i++) {
        if (field_is(p, field_names[i], n)) {
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
