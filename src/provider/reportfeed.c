/* sitrep's open report-feed format, "reportfeed" (docs/reportfeed.md): the
 * crowd report counts of one service, per region, in aligned buckets, as a
 * newsroom or a support team writes them by hand or from a script.
 *
 * The format is ours, so it is validated strictly, unlike the vendors'
 * formats: a typo in a key, a wrong type or an impossible value fails the
 * whole document with one line naming the field and the region index,
 * which is what the author needs to fix the feed. Messages never quote the
 * body: keys, regions and categories the author wrote are referred to by
 * position, and numbers are printed by us from their parsed value. */
#include "config.h"

#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "provider_internal.h"
#include "sitrep/evidence.h"
#include "sitrep/provider.h"
#include "sitrep/region.h"
#include "sitrep/timefmt.h"
#include "sitrep/xalloc.h"

#define FEED_VERSION        1
#define FEED_MAX_BUCKETS    2016 /* a week of 5-minute buckets, three of 15 minutes */
#define FEED_MAX_CATEGORIES 32
#define FEED_MAX_NAME       64   /* bytes in a category name */
#define FEED_SHARE_SLACK    1e-6 /* producers round their shares */
/* 2^53: above it JSON readers (JavaScript's, jansson's reals) lose units. */
#define FEED_MAX_NUMBER 9007199254740992.0
#define FEED_KEY_MAX    64 /* longer keys are never typos of ours */

struct key {
    const char *name;
    bool required;
};

static const struct key root_keys[] = {
    {"sitrep_report_feed", true}, {"source", false}, {"generated_at", false},
    {"bucket_seconds", true},     {"regions", true}, {NULL, false},
};

static const struct key region_keys[] = {
    {"region", true},  {"start", true},       {"counts", true}, {"baseline", false},
    {"status", false}, {"categories", false}, {NULL, false},
};

/* Downdetector's vocabulary, so a feed can relay a verdict it was given. */
static const struct {
    const char *name;
    enum level level;
} statuses[] = {
    {"success", LEVEL_OK},
    {"warning", LEVEL_NOTICE}, /* "possible problems": reports rising */
    {"danger", LEVEL_MAJOR},
};

/* Offsets that mean UTC, besides a bare date (midnight UTC). */
static const char *const utc_suffixes[] = {"Z",   "z",      "+00:00", "+0000",
                                           "+00", "-00:00", "-0000",  "-00"};

/* Where a message is about: "" and "the document" at the top level,
 * "regions[2]." and "regions[2]" inside a region. */
struct ctx {
    char *err;
    size_t errlen;
    char at[40];
    char obj[40];
};

/* A value as a message shows it: its number printed by us, or its type. */
struct shown {
    char s[40];
};

__attribute__((format(printf, 2, 3))) static int fail(const struct ctx *c, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(c->err, c->errlen, fmt, ap);
    va_end(ap);
    return -1;
}

static struct shown show(const json_t *v)
{
    struct shown out;

    if (json_is_number(v))
        snprintf(out.s, sizeof out.s, "%.15g", json_number_value(v));
    else
        snprintf(out.s, sizeof out.s, "%s", pj_type_name(v));
    return out;
}

static bool absent(const json_t *v)
{
    return !v || json_is_null(v);
}

/* A whole number from 0 to 2^53, the only counts a feed may hold. */
static bool is_count(const json_t *v, long *out)
{
    double d = json_number_value(v);

    if (!json_is_number(v) || !(d >= 0 && d <= FEED_MAX_NUMBER && d <= (double)LONG_MAX))
        return false;
    if (d != (double)(long long)d)
        return false;
    *out = (long)d;
    return true;
}

/* ---- keys ---- */

static int fold(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Levenshtein distance with ASCII case folded, SIZE_MAX for long keys. */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t prev[FEED_KEY_MAX + 1], cur[FEED_KEY_MAX + 1];

    if (la > FEED_KEY_MAX || lb > FEED_KEY_MAX)
        return SIZE_MAX;
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t sub =
                prev[j - 1] + (fold((unsigned char)a[i - 1]) != fold((unsigned char)b[j - 1]));
            size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
            cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
        }
        memcpy(prev, cur, (lb + 1) * sizeof *prev);
    }
    return prev[lb];
}

/* The known key an unknown one is most likely a typo of, or NULL. The
 * suggestion is our own text, so the message can carry it. */
static const char *key_hint(const struct key *keys, const char *key)
{
    const char *best = NULL;
    size_t best_d = 3; /* two edits at most */

    for (size_t i = 0; keys[i].name; i++) {
        size_t d = edit_distance(key, keys[i].name);
        if (d < best_d) {
            best = keys[i].name;
            best_d = d;
        }
    }
    return best;
}

static bool key_known(const struct key *keys, const char *key)
{
    for (size_t i = 0; keys[i].name; i++) {
        if (strcmp(keys[i].name, key) == 0)
            return true;
    }
    return false;
}

/* Unknown keys are refused so that a typo ("baselines") is not silently
 * ignored; keys starting with "_" are the author's own (comments, ids). */
static int check_keys(const json_t *obj, const struct key *keys, const struct ctx *c)
{
    size_t pos = 0, n = json_object_size(obj);

    for (void *it = json_object_iter((json_t *)obj); it;
         it = json_object_iter_next((json_t *)obj, it)) {
        const char *key = json_object_iter_key(it), *hint;
        char extra[48] = "";
        pos++;
        if (key[0] == '_' || key_known(keys, key))
            continue;
        hint = key_hint(keys, key);
        if (hint)
            snprintf(extra, sizeof extra, "; did you mean %s?", hint);
        return fail(c, "%s has an unknown key (key %zu of %zu%s): keys are checked to catch typos",
                    c->obj, pos, n, extra);
    }
    for (size_t i = 0; keys[i].name; i++) {
        if (keys[i].required && !json_object_get(obj, keys[i].name))
            return fail(c, "%s%s is missing", c->at, keys[i].name);
    }
    return 0;
}

/* ---- times ---- */

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);

    return n >= m && strcmp(s + n - m, suffix) == 0;
}

enum utc_check { UTC_OK, UTC_SYNTAX, UTC_OFFSET };

/* "2026-11-22T10:00:00" is a local time: valid once "Z" is added. */
static bool lacks_offset(const char *s)
{
    char with_z[64];
    size_t n = strlen(s);
    time_t ignored;

    if (n + 2 > sizeof with_z || !strchr(s, 'T'))
        return false;
    memcpy(with_z, s, n);
    memcpy(with_z + n, "Z", 2);
    return time_parse_iso8601(with_z, &ignored);
}

/* time_parse_iso8601 also takes any offset and drops fractions of a
 * second. A feed's times must be UTC, so a start reads the same everywhere;
 * *fraction tells of a fraction that is not zero, which no bucket
 * boundary has. */
static enum utc_check parse_utc(const char *s, time_t *out, bool *fraction)
{
    const char *frac = strpbrk(s, ".,");
    bool utc = strlen(s) == 10; /* a bare date */

    if (!time_parse_iso8601(s, out))
        return lacks_offset(s) ? UTC_OFFSET : UTC_SYNTAX;
    *fraction = false;
    for (const char *p = frac ? frac + 1 : ""; *p >= '0' && *p <= '9'; p++)
        *fraction = *fraction || *p != '0';
    for (size_t i = 0; !utc && i < sizeof utc_suffixes / sizeof utc_suffixes[0]; i++)
        utc = ends_with(s, utc_suffixes[i]);
    return utc ? UTC_OK : UTC_OFFSET;
}

static int parse_start(const json_t *v, int bucket_s, struct report_series *s, const struct ctx *c)
{
    const char *text = json_string_value(v);
    enum utc_check check = UTC_SYNTAX;
    bool fraction = false;
    time_t t = 0;

    if (!text)
        return fail(c, "%sstart is %s, expected a UTC date-time such as 2026-11-22T10:00:00Z",
                    c->at, pj_type_name(v));
    check = parse_utc(text, &t, &fraction);
    if (check == UTC_SYNTAX)
        return fail(c, "%sstart is not an ISO 8601 date-time such as 2026-11-22T10:00:00Z", c->at);
    if (check == UTC_OFFSET)
        return fail(c, "%sstart is not in UTC: write it with Z, such as 2026-11-22T10:00:00Z",
                    c->at);
    if (t <= 0)
        return fail(c, "%sstart must be after 1970-01-01T00:00:00Z", c->at);
    if (fraction || t % bucket_s != 0)
        return fail(c,
                    "%sstart is not aligned: it must be a multiple of bucket_seconds (%d s) "
                    "after midnight UTC",
                    c->at, bucket_s);
    s->start = t;
    return 0;
}

/* ---- one region ---- */

static int parse_region_name(const json_t *v, struct report_series *s, const struct ctx *c)
{
    const char *text = json_string_value(v);

    if (!text)
        return fail(c, "%sregion is %s, expected a region code or name", c->at, pj_type_name(v));
    s->region = region_resolve(text);
    if (s->region == REGION_NONE)
        return fail(c,
                    "%sregion is not a known region (write a code such as FR, EU or "
                    "us-east-1, or a country name)",
                    c->at);
    s->region_text = xstrdup(text);
    return 0;
}

static int parse_counts(const json_t *arr, struct report_series *s, const struct ctx *c)
{
    size_t n = json_array_size(arr);

    if (!json_is_array(arr))
        return fail(c, "%scounts is %s, expected an array of whole numbers", c->at,
                    pj_type_name(arr));
    if (n == 0)
        return fail(c, "%scounts is empty: give at least one bucket", c->at);
    if (n > FEED_MAX_BUCKETS)
        return fail(c, "%scounts has %zu buckets: at most %d", c->at, n, FEED_MAX_BUCKETS);
    s->counts = xcalloc(n, sizeof *s->counts);
    s->ncounts = n;
    for (size_t i = 0; i < n; i++) {
        const json_t *v = json_array_get(arr, i);
        if (json_is_number(v) && json_number_value(v) > FEED_MAX_NUMBER)
            return fail(c, "%scounts[%zu] is %s: counts must be at most 2^53", c->at, i, show(v).s);
        if (!is_count(v, &s->counts[i]))
            return fail(c, "%scounts[%zu] is %s: counts must be whole numbers >= 0", c->at, i,
                        show(v).s);
    }
    return 0;
}

/* Baselines are averages, so fractions are welcome: they are rounded. */
static bool baseline_value(const json_t *v, long *out)
{
    double d = json_number_value(v);

    if (!json_is_number(v) || !(d >= 0 && d <= FEED_MAX_NUMBER && d <= (double)LONG_MAX))
        return false;
    *out = (long)(d + 0.5);
    return true;
}

static int parse_baseline(const json_t *v, struct report_series *s, const struct ctx *c)
{
    size_t n = json_array_size(v);

    s->baseline_now = -1;
    if (absent(v))
        return 0;
    if (json_is_number(v)) {
        if (!baseline_value(v, &s->baseline_now))
            return fail(c, "%sbaseline is %s: a baseline must be a number >= 0", c->at, show(v).s);
        return 0;
    }
    if (!json_is_array(v))
        return fail(c, "%sbaseline is %s, expected a number or an array as long as counts", c->at,
                    pj_type_name(v));
    if (n != s->ncounts)
        return fail(c, "%sbaseline has %zu values but counts has %zu: they must be as long", c->at,
                    n, s->ncounts);
    s->baseline = xcalloc(n, sizeof *s->baseline);
    for (size_t i = 0; i < n; i++) {
        const json_t *b = json_array_get(v, i);
        if (!baseline_value(b, &s->baseline[i]))
            return fail(c, "%sbaseline[%zu] is %s: a baseline must be a number >= 0", c->at, i,
                        show(b).s);
    }
    return 0;
}

static int parse_status(const json_t *v, struct report_series *s, const struct ctx *c)
{
    const char *text = json_string_value(v);

    s->status = LEVEL_NONE;
    if (absent(v))
        return 0;
    if (!text)
        return fail(c, "%sstatus is %s, expected success, warning or danger", c->at,
                    pj_type_name(v));
    for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++) {
        if (strcmp(statuses[i].name, text) == 0) {
            s->status = statuses[i].level;
            return 0;
        }
    }
    return fail(c, "%sstatus is not success, warning or danger", c->at);
}

/* ---- categories ---- */

struct category_slot {
    struct report_category cat;
    size_t pos;
};

static int category_cmp(const void *a, const void *b)
{
    const struct category_slot *x = a, *y = b;

    if (x->cat.share != y->cat.share)
        return x->cat.share > y->cat.share ? -1 : 1;
    return (x->pos > y->pos) - (x->pos < y->pos);
}

/* Names and values of every entry; whole tells whether all are counts. */
static int check_categories(const json_t *obj, const struct ctx *c, bool *whole, double *total)
{
    size_t pos = 0, n = json_object_size(obj);
    long ignored;

    *whole = true;
    *total = 0;
    for (void *it = json_object_iter((json_t *)obj); it;
         it = json_object_iter_next((json_t *)obj, it)) {
        const char *name = json_object_iter_key(it);
        const json_t *v = json_object_iter_value(it);
        double d = json_number_value(v);
        pos++;
        if (!*name)
            return fail(c, "%scategories entry %zu of %zu has an empty name", c->at, pos, n);
        if (strlen(name) > FEED_MAX_NAME)
            return fail(c, "%scategories entry %zu of %zu has a name longer than %d bytes", c->at,
                        pos, n, FEED_MAX_NAME);
        if (!json_is_number(v) || !(d >= 0 && d <= FEED_MAX_NUMBER))
            return fail(c,
                        "%scategories entry %zu of %zu is %s: expected a share from 0 to 1 "
                        "or a whole count",
                        c->at, pos, n, show(v).s);
        *whole = *whole && is_count(v, &ignored);
        *total += d;
    }
    return 0;
}

/* Shares must each lie in 0..1 and add up to 1 at most. */
static int check_shares(const json_t *obj, double total, const struct ctx *c)
{
    size_t pos = 0, n = json_object_size(obj);

    for (void *it = json_object_iter((json_t *)obj); it;
         it = json_object_iter_next((json_t *)obj, it)) {
        const json_t *v = json_object_iter_value(it);
        pos++;
        if (json_number_value(v) > 1)
            return fail(c,
                        "%scategories entry %zu of %zu is %s: a share must be from 0 to 1 "
                        "(or give every category as a whole count)",
                        c->at, pos, n, show(v).s);
    }
    if (total > 1 + FEED_SHARE_SLACK)
        return fail(c, "%scategories shares add up to %.9g: they must add up to 1 at most", c->at,
                    total);
    return 0;
}

/* Whole numbers are counts, normalised to shares; when they add up to 1
 * at most, that is the same as reading them as shares. */
static void fill_categories(const json_t *obj, bool counts, double total, struct report_series *s)
{
    size_t n = json_object_size(obj), i = 0;
    struct category_slot *slots = xcalloc(n, sizeof *slots);

    for (void *it = json_object_iter((json_t *)obj); it;
         it = json_object_iter_next((json_t *)obj, it), i++) {
        double d = json_number_value(json_object_iter_value(it));
        slots[i].cat.name = xstrdup(json_object_iter_key(it));
        slots[i].cat.share = !counts ? d : total > 0 ? d / total : 0;
        slots[i].pos = i;
    }
    qsort(slots, n, sizeof *slots, category_cmp);
    s->categories = xcalloc(n, sizeof *s->categories);
    for (i = 0; i < n; i++)
        s->categories[i] = slots[i].cat;
    s->ncategories = n;
    free(slots);
}

static int parse_categories(const json_t *obj, struct report_series *s, const struct ctx *c)
{
    size_t n = json_object_size(obj);
    bool whole;
    double total;

    if (absent(obj))
        return 0;
    if (!json_is_object(obj))
        return fail(c, "%scategories is %s, expected an object of name: share", c->at,
                    pj_type_name(obj));
    if (n > FEED_MAX_CATEGORIES)
        return fail(c, "%scategories has %zu entries: at most %d", c->at, n, FEED_MAX_CATEGORIES);
    if (check_categories(obj, c, &whole, &total) != 0)
        return -1;
    if (!whole && check_shares(obj, total, c) != 0)
        return -1;
    if (n)
        fill_categories(obj, whole, total, s);
    return 0;
}

static int parse_region(const json_t *elem, int bucket_s, struct report_series *s,
                        const struct ctx *c)
{
    if (!json_is_object(elem))
        return fail(c, "%s is %s, expected an object", c->obj, pj_type_name(elem));
    if (check_keys(elem, region_keys, c) != 0)
        return -1;
    s->bucket_s = bucket_s;
    if (parse_region_name(json_object_get(elem, "region"), s, c) != 0 ||
        parse_start(json_object_get(elem, "start"), bucket_s, s, c) != 0 ||
        parse_counts(json_object_get(elem, "counts"), s, c) != 0 ||
        parse_baseline(json_object_get(elem, "baseline"), s, c) != 0 ||
        parse_status(json_object_get(elem, "status"), s, c) != 0 ||
        parse_categories(json_object_get(elem, "categories"), s, c) != 0)
        return -1;
    return 0;
}

/* ---- the document ---- */

struct head {
    int bucket_s;
    const char *source; /* borrowed from the tree; NULL when absent or empty */
};

static int parse_regions(const json_t *arr, const struct head *h, struct evidence *ev,
                         struct ctx *c)
{
    size_t n = json_array_size(arr), *first;
    int rc = 0;

    if (!json_is_array(arr))
        return fail(c, "regions is %s, expected an array", pj_type_name(arr));
    if (n == 0)
        return fail(c, "regions is empty: give at least one region");
    ev->reports = xcalloc(n, sizeof *ev->reports);
    /* Where each region was first seen: "FR" and "France" are one region. */
    first = xreallocarray(NULL, region_count(), sizeof *first);
    for (size_t i = 0; i < region_count(); i++)
        first[i] = SIZE_MAX;
    for (size_t i = 0; i < n && rc == 0; i++) {
        struct report_series s = {0};
        snprintf(c->at, sizeof c->at, "regions[%zu].", i);
        snprintf(c->obj, sizeof c->obj, "regions[%zu]", i);
        rc = parse_region(json_array_get(arr, i), h->bucket_s, &s, c);
        if (rc == 0 && first[s.region] != SIZE_MAX)
            rc = fail(c, "%sregion is the same region as regions[%zu]: give each region once",
                      c->at, first[s.region]);
        if (rc != 0) {
            report_series_free(&s);
            break;
        }
        first[s.region] = i;
        s.label = xstrdup_or_null(h->source);
        ev->reports[ev->nreports++] = s;
    }
    free(first);
    return rc;
}

static int check_version(const json_t *root, const struct ctx *c)
{
    const json_t *v = json_object_get(root, "sitrep_report_feed");

    if (!json_is_object(root))
        return fail(c, "not a sitrep report feed: the root is %s, expected an object",
                    pj_type_name(root));
    if (!v)
        return fail(c, "not a sitrep report feed: sitrep_report_feed (the format version) "
                       "is missing");
    if (!json_is_number(v) || json_number_value(v) != FEED_VERSION)
        return fail(c, "sitrep_report_feed is %s: this sitrep reads version %d", show(v).s,
                    FEED_VERSION);
    return 0;
}

static int parse_bucket(const json_t *v, int *out, const struct ctx *c)
{
    double d = json_number_value(v);

    if (!json_is_number(v) || !(d >= 60 && d <= 86400) || d != (double)(int)d ||
        86400 % (int)d != 0)
        return fail(c,
                    "bucket_seconds is %s: it must be a whole number of seconds from 60 to "
                    "86400 that divides a day (60, 300, 900, 3600 ...)",
                    show(v).s);
    *out = (int)d;
    return 0;
}

static int parse_head(const json_t *root, struct head *h, struct evidence *ev, const struct ctx *c)
{
    const json_t *source = json_object_get(root, "source");
    const json_t *generated = json_object_get(root, "generated_at");
    bool fraction; /* fine in generated_at */

    if (check_version(root, c) != 0 || check_keys(root, root_keys, c) != 0)
        return -1;
    if (!absent(source) && !json_is_string(source))
        return fail(c, "source is %s, expected a string", pj_type_name(source));
    if (!absent(generated) &&
        (!json_is_string(generated) ||
         parse_utc(json_string_value(generated), &ev->updated_at, &fraction) != UTC_OK))
        return fail(c, "generated_at is not a UTC ISO 8601 date-time such as "
                       "2026-11-22T10:17:00Z");
    h->source = json_string_value(source);
    if (h->source && !*h->source)
        h->source = NULL;
    ev->page_name = xstrdup_or_null(h->source);
    return parse_bucket(json_object_get(root, "bucket_seconds"), &h->bucket_s, c);
}

static int reportfeed_parse(const char *body, size_t len, struct evidence *out, char *err,
                            size_t errlen)
{
    struct evidence ev = {0};
    struct ctx c = {.err = err, .errlen = errlen, .at = "", .obj = "the document"};
    struct head h = {0};
    json_t *root = provider_load_json(body, len, err, errlen);
    int rc;

    if (!root)
        return -1;
    rc = parse_head(root, &h, &ev, &c);
    if (rc == 0)
        rc = parse_regions(json_object_get(root, "regions"), &h, &ev, &c);
    /* Every string was copied out above, so the tree can go now. */
    json_decref(root);
    if (rc != 0) {
        evidence_free(&ev);
        return -1;
    }
    *out = ev;
    return 0;
}

/* A report feed carries its format's name as a key. */
static int reportfeed_sniff(const char *body, size_t len)
{
    return sniff_first(body, len) == '{' && sniff_has(body, len, "\"sitrep_report_feed\"") ? 95 : 0;
}

const struct provider provider_reportfeed = {
    .name = "reportfeed",
    .description =
        "sitrep's open report-feed JSON: crowd report counts per region (docs/reportfeed.md)",
    .document = "a report feed",
    .parse = reportfeed_parse,
    .sniff = reportfeed_sniff,
    .crowd = true,
    .auth = AUTH_NONE,
    .default_query = NULL,
};
