/* The crowd-report providers: reportfeed (docs/reportfeed.md) and
 * downdetector (docs/formats.md §2), against the documentation's own example,
 * hand-written fixtures (tests/fixtures/reportfeed/README.md and
 * tests/fixtures/downdetector/README.md), one inline case per validation
 * rule, the hostile bodies, and inputs generated at run time. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "sitrep/buf.h"
#include "sitrep/evidence.h"
#include "sitrep/provider.h"
#include "sitrep/region.h"
#include "tap.h"

#define FEED_DIR    "tests/fixtures/reportfeed/"
#define DD_DIR      "tests/fixtures/downdetector/"
#define HOSTILE_DIR "tests/fixtures/hostile/"
#define NELEM(a)    (sizeof(a) / sizeof((a)[0]))

/* 2026-11-23 (a Monday), UTC. */
#define T_0000 1795392000L
#define T_1200 1795435200L
#define T_1700 1795453200L
#define T_1800 1795456800L
#define T_1845 1795459500L
#define T_1907 1795460820L

static char err[256];

/* Parses len bytes from an exact-size copy, so ASan sees any over-read. */
static int parse_bytes(const struct provider *p, const char *body, size_t len, struct evidence *ev)
{
    char *exact = malloc(len ? len : 1);
    int rc;

    if (!exact)
        abort();
    memcpy(exact, body, len);
    memset(ev, 0, sizeof *ev);
    memset(err, 0, sizeof err);
    rc = p->parse(exact, len, ev, err, sizeof err);
    free(exact);
    return rc;
}

static int parse_str(const struct provider *p, const char *s, struct evidence *ev)
{
    return parse_bytes(p, s, strlen(s), ev);
}

static int parse_file(const struct provider *p, const char *rel, struct evidence *ev)
{
    size_t len;
    char *body = tap_read_file(rel, &len);
    int rc = parse_bytes(p, body, len, ev);

    if (rc != 0)
        tap_diag("%s: %s", rel, err);
    free(body);
    return rc;
}

static bool is_zeroed(const struct evidence *ev)
{
    static const struct evidence zero;

    return memcmp(ev, &zero, sizeof zero) == 0;
}

/* Short, printable, and nothing a hostile body could have put there. */
static bool err_is_clean(const char *e)
{
    for (const char *p = e; *p; p++) {
        if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
            return false;
    }
    return *e && strlen(e) < 200 && !strstr(e, "<html") && !strstr(e, "Atlantis") &&
           !strstr(e, "Service Unav") && !strstr(e, "invalid for other") &&
           !strstr(e, "rate limit");
}

/* The i-th series, or an empty stand-in (so a failed count cannot crash
 * the checks that follow). */
static const struct report_series *series(const struct evidence *ev, size_t i)
{
    static const struct report_series missing = {.region = -2, .bucket_s = -1};

    if (i >= ev->nreports) {
        tap_diag("no series %zu (have %zu)", i, ev->nreports);
        return &missing;
    }
    return &ev->reports[i];
}

static long count_at(const struct report_series *s, size_t i)
{
    return i < s->ncounts ? s->counts[i] : -99;
}

static long last_count(const struct report_series *s)
{
    return s->ncounts ? s->counts[s->ncounts - 1] : -99;
}

static bool counts_are(const struct report_series *s, const long *want, size_t n)
{
    if (s->ncounts != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        if (s->counts[i] != want[i])
            return false;
    }
    return true;
}

static bool near(double a, double b)
{
    return a - b < 1e-9 && b - a < 1e-9;
}

/* categories == names[] with shares[], in that order. */
static bool categories_are(const struct report_series *s, const char *const *names,
                           const double *shares, size_t n)
{
    if (s->ncategories != n || (n && !s->categories))
        return false;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(s->categories[i].name, names[i]) != 0 ||
            !near(s->categories[i].share, shares[i]))
            return false;
    }
    return true;
}

/* A failure: -1, the message fragment, a clean message, nothing left. */
static void expect_failure(const struct provider *p, const char *body, const char *want,
                           const char *what)
{
    struct evidence ev;
    int rc = parse_str(p, body, &ev);

    ok(rc == -1, "%s: %s fails", p->name, what);
    if (!ok(strstr(err, want) != NULL, "%s: %s says '%s'", p->name, what, want))
        tap_diag("got: %s", err);
    ok(err_is_clean(err), "%s: %s: clean message", p->name, what);
    ok(is_zeroed(&ev), "%s: %s: evidence left zeroed", p->name, what);
    evidence_free(&ev);
}

/* ==== reportfeed ==== */

/* The block after the marker in docs/reportfeed.md, as a new string. */
static char *doc_example(void)
{
    char *doc = tap_read_file("docs/reportfeed.md", NULL);
    const char *mark = strstr(doc, "<!-- sitrep:example");
    const char *open = mark ? strstr(mark, "```json\n") : NULL;
    const char *close = open ? strstr(open + 8, "\n```") : NULL;
    char *block = NULL;

    if (close) {
        size_t n = (size_t)(close - (open + 8)) + 1; /* with the last newline */
        block = malloc(n + 1);
        if (!block)
            abort();
        memcpy(block, open + 8, n);
        block[n] = '\0';
    }
    free(doc);
    return block;
}

static void check_doc_fr(const struct report_series *s)
{
    static const long counts[] = {4, 5, 3, 6, 41, 118, 240, 197, 12};
    static const long base[] = {4, 4, 5, 5, 5, 5, 5, 5, 5};
    static const char *const names[] = {"Messages", "Login", "Calls"};
    static const double shares[] = {0.52, 0.31, 0.12};
    bool base_ok = s->baseline != NULL;

    is_str(s->region_text, "FR", "doc FR: region text");
    is_int(s->region, region_find("FR"), "doc FR: region FR");
    is_str(s->label, "Le Quotidien reader reports", "doc FR: label is the source");
    is_int(s->bucket_s, 900, "doc FR: 15-minute buckets");
    is_int(s->start, T_1700, "doc FR: starts 17:00 UTC");
    ok(counts_are(s, counts, NELEM(counts)), "doc FR: the nine counts");
    for (size_t i = 0; base_ok && i < NELEM(base); i++)
        base_ok = s->baseline[i] == base[i];
    ok(base_ok, "doc FR: the per-bucket baseline");
    is_int(s->baseline_now, -1, "doc FR: no baseline for now");
    is_int(s->status, LEVEL_MAJOR, "doc FR: danger is major");
    ok(categories_are(s, names, shares, 3), "doc FR: categories as shares, in order");
}

static void check_doc_it(const struct report_series *s)
{
    static const long counts[] = {2, 9, 57, 88, 6};
    static const char *const names[] = {"Messages", "Login", "Feed"};
    static const double shares[] = {29.0 / 50, 14.0 / 50, 7.0 / 50};

    is_str(s->region_text, "Italy", "doc IT: region text kept as written");
    is_int(s->region, region_find("IT"), "doc IT: Italy is IT");
    is_int(s->start, T_1800, "doc IT: starts 18:00 UTC");
    ok(counts_are(s, counts, NELEM(counts)), "doc IT: the five counts");
    ok(s->baseline == NULL, "doc IT: no per-bucket baseline");
    is_int(s->baseline_now, 3, "doc IT: baseline now 3");
    is_int(s->status, LEVEL_NOTICE,
           "doc IT: warning (possible problems) is a notice, not a problem");
    ok(categories_are(s, names, shares, 3), "doc IT: counts 29/14/7 normalised, sorted");
    is_str(s->label, "Le Quotidien reader reports", "doc IT: label");
}

static void check_doc_jp(const struct report_series *s)
{
    static const long counts[] = {1, 0, 1};

    is_str(s->region_text, "JP", "doc JP: region text");
    is_int(s->region, region_find("JP"), "doc JP: region");
    is_int(s->start, T_1845, "doc JP: starts 18:45 UTC");
    ok(counts_are(s, counts, NELEM(counts)), "doc JP: counts");
    ok(s->baseline == NULL && s->baseline_now == -1, "doc JP: no baseline at all");
    is_int(s->status, LEVEL_NONE, "doc JP: no verdict");
    ok(s->ncategories == 0 && s->categories == NULL, "doc JP: no categories");
    is_int(s->bucket_s, 900, "doc JP: bucket width");
}

static void test_doc_example(void)
{
    char *block = doc_example();
    char *fixture = tap_read_file(FEED_DIR "doc-example.json", NULL);
    struct evidence ev;

    ok(block != NULL, "docs/reportfeed.md has the marked example");
    is_str(block, fixture, "the doc's example is fixtures/reportfeed/doc-example.json");
    ok(block && parse_str(&provider_reportfeed, block, &ev) == 0, "the doc's example parses");
    if (!block)
        memset(&ev, 0, sizeof ev);
    is_int(ev.nreports, 3, "doc: three regions");
    is_str(ev.page_name, "Le Quotidien reader reports", "doc: page name is the source");
    is_int(ev.updated_at, T_1907, "doc: generated_at 19:07 UTC");
    is_int(ev.level, LEVEL_NONE, "doc: no official level");
    ok(ev.ncomponents == 0 && ev.nincidents == 0, "doc: crowd evidence only");
    check_doc_fr(series(&ev, 0));
    check_doc_it(series(&ev, 1));
    check_doc_jp(series(&ev, 2));
    evidence_free(&ev);
    free(block);
    free(fixture);
}

static void test_feed_minimal(void)
{
    struct evidence ev;
    const struct report_series *s;

    ok(parse_file(&provider_reportfeed, FEED_DIR "minimal.json", &ev) == 0, "minimal parses");
    s = series(&ev, 0);
    is_int(ev.nreports, 1, "minimal: one region");
    is_int(s->region, region_all(), "minimal: ALL");
    is_int(s->bucket_s, 3600, "minimal: hourly");
    is_int(s->start, T_0000, "minimal: a bare date is midnight UTC");
    is_int(count_at(s, 0), 0, "minimal: one zero count");
    ok(s->label == NULL && ev.page_name == NULL && ev.updated_at == 0,
       "minimal: no source, no generated_at");
    ok(s->baseline == NULL && s->baseline_now == -1 && s->status == LEVEL_NONE,
       "minimal: no baseline, no status");
    evidence_free(&ev);
}

static void check_desk_fr(const struct report_series *s)
{
    static const char *const names[] = {"Messages non envoyés", "Connexion impossible", "Appels"};
    static const double shares[] = {103.0 / 164, 61.0 / 164, 0};

    is_str(s->region_text, "  france ", "desk: region text raw, blanks and all");
    is_int(s->region, region_find("FR"), "desk: '  france ' resolves to FR");
    is_int(s->ncounts, 288, "desk: a day of 5-minute buckets");
    is_int(s->start, T_0000, "desk: +00:00 is UTC");
    is_int(count_at(s, 230), 61, "desk: the spike at 19:10");
    is_int(s->baseline_now, 4, "desk: baseline 4.4 rounds to 4");
    is_int(s->status, LEVEL_NONE, "desk: status null is absent");
    ok(categories_are(s, names, shares, 3), "desk: UTF-8 names, counts normalised, zero last");
}

static void test_feed_desk(void)
{
    struct evidence ev;
    const struct report_series *de, *eu;

    ok(parse_file(&provider_reportfeed, FEED_DIR "support-desk-5min.json", &ev) == 0,
       "support desk parses (with a _generator key)");
    is_int(ev.nreports, 3, "desk: three regions");
    ok(ev.page_name == NULL && series(&ev, 0)->label == NULL, "desk: source null, no label");
    check_desk_fr(series(&ev, 0));
    de = series(&ev, 1);
    eu = series(&ev, 2);
    is_int(de->region, region_find("DE"), "desk: country:DE");
    ok(de->baseline != NULL && de->baseline[0] == 2 && de->baseline[48] == 3 &&
           de->baseline[287] == 4,
       "desk: fractional baselines 2.0, 2.5, 3.5 round to 2, 3, 4");
    is_int(de->baseline_now, -1, "desk: a baseline array gives no baseline_now");
    is_int(de->ncategories, 2, "desk: two shares");
    is_int(eu->region, region_find("EU"), "desk: EU");
    is_int(eu->start, T_1200, "desk: .000Z start accepted");
    is_int(eu->status, LEVEL_OK, "desk: success is ok");
    ok(eu->ncategories == 0 && eu->categories == NULL, "desk: empty categories object");
    is_int(last_count(eu), 11, "desk: EU last count");
    evidence_free(&ev);
}

struct failing_fixture {
    const char *file;
    const char *err_has;
};

static const struct failing_fixture feed_bad_fixtures[] = {
    {"bad-negative-count.json", "regions[2].counts[17] is -3: counts must be whole numbers >= 0"},
    {"bad-fractional-count.json", "regions[0].counts[4] is 2.5: counts must be whole numbers"},
    {"bad-version-2.json", "sitrep_report_feed is 2: this sitrep reads version 1"},
    {"bad-typo-key.json", "the document has an unknown key (key 3 of 4; did you mean "
                          "bucket_seconds?)"},
    {"bad-typo-region-key.json", "regions[1] has an unknown key (key 4 of 4; did you mean "
                                 "baseline?)"},
    {"bad-misaligned-start.json", "regions[0].start is not aligned: it must be a multiple of "
                                  "bucket_seconds (900 s)"},
    {"bad-local-time-start.json", "regions[0].start is not in UTC"},
    {"bad-baseline-length.json", "regions[0].baseline has 4 values but counts has 5"},
    {"bad-duplicate-region.json", "regions[2].region is the same region as regions[0]"},
    {"bad-empty-regions.json", "regions is empty"},
    {"bad-unknown-region.json", "regions[1].region is not a known region"},
    {"bad-shares-over-one.json", "regions[0].categories shares add up to 1.2"},
};

static void test_feed_bad_fixtures(void)
{
    for (size_t i = 0; i < NELEM(feed_bad_fixtures); i++) {
        const struct failing_fixture *f = &feed_bad_fixtures[i];
        char rel[256];
        size_t len;
        char *body;

        snprintf(rel, sizeof rel, "%s%s", FEED_DIR, f->file);
        body = tap_read_file(rel, &len);
        body[len] = '\0';
        expect_failure(&provider_reportfeed, body, f->err_has, f->file);
        free(body);
    }
}

/* Inline documents: a head, then regions. */
#define HEAD       "{\"sitrep_report_feed\":1,\"bucket_seconds\":900,\"regions\":["
#define FEED(r)    HEAD r "]}"
#define REGION(x)  "{\"region\":\"FR\",\"start\":\"2026-11-23T14:00:00Z\",\"counts\":[1,2,3]" x "}"
#define REGION2(x) "{\"region\":\"IT\",\"start\":\"2026-11-23T14:00:00Z\",\"counts\":[1,2,3]" x "}"
#define AT(s)      "{\"region\":\"FR\",\"start\":\"" s "\",\"counts\":[1]}"
#define COUNTS(c)  "{\"region\":\"FR\",\"start\":\"2026-11-23T14:00:00Z\",\"counts\":" c "}"
#define CATS(c)    REGION(",\"categories\":" c)
#define ROOT(k)                                                                                    \
    "{\"sitrep_report_feed\":1,\"bucket_seconds\":900," k "\"regions\":[" REGION("") "]}"
#define BUCKET(b)                                                                                  \
    "{\"sitrep_report_feed\":1,\"bucket_seconds\":" b ",\"regions\":[" AT("2026-11-23") "]}"

struct inline_case {
    const char *body;
    const char *err_has;
};

static const struct inline_case feed_cases[] = {
    /* the document */
    {"[1]", "not a sitrep report feed: the root is an array, expected an object"},
    {"{\"bucket_seconds\":900,\"regions\":[]}",
     "not a sitrep report feed: sitrep_report_feed (the format version) is missing"},
    {"{\"sitrep_report_feed\":\"1\"}",
     "sitrep_report_feed is a string: this sitrep reads version 1"},
    {"{\"sitrep_report_feed\":1.5}", "sitrep_report_feed is 1.5: this sitrep reads version 1"},
    {"{\"sitrep_report_feed\":null}", "sitrep_report_feed is null"},
    {"{\"sitrep_report_feed\":1,\"Regions\":[],\"bucket_seconds\":900}",
     "the document has an unknown key (key 2 of 3; did you mean regions?)"},
    {ROOT("\"colour\":\"red\","), "the document has an unknown key (key 3 of 4): keys are checked"},
    {"{\"sitrep_report_feed\":1,\"regions\":[" REGION("") "]}", "bucket_seconds is missing"},
    {"{\"sitrep_report_feed\":1,\"bucket_seconds\":900}", "regions is missing"},
    {BUCKET("7"), "bucket_seconds is 7: it must be a whole number of seconds from 60 to 86400"},
    {BUCKET("45"), "bucket_seconds is 45: it must be"},
    {BUCKET("1000"), "bucket_seconds is 1000: it must be"},
    {BUCKET("900.5"), "bucket_seconds is 900.5: it must be"},
    {BUCKET("172800"), "bucket_seconds is 172800: it must be"},
    {BUCKET("-900"), "bucket_seconds is -900: it must be"},
    {BUCKET("\"900\""), "bucket_seconds is a string: it must be"},
    {ROOT("\"source\":5,"), "source is a number, expected a string"},
    {ROOT("\"generated_at\":\"yesterday\","), "generated_at is not a UTC ISO 8601 date-time"},
    {ROOT("\"generated_at\":\"2026-11-23T20:07:00+01:00\","), "generated_at is not a UTC"},
    {ROOT("\"generated_at\":1795460820,"), "generated_at is not a UTC"},
    {HEAD "", "truncated JSON"},
    {"{\"sitrep_report_feed\":1,\"bucket_seconds\":900,\"regions\":{}}",
     "regions is an object, expected an array"},
    {FEED(""), "regions is empty: give at least one region"},
    {FEED("\"FR\""), "regions[0] is a string, expected an object"},
    {FEED(REGION("") ",null"), "regions[1] is null, expected an object"},
    /* a region's keys */
    {FEED("{\"start\":\"2026-11-23T14:00:00Z\",\"counts\":[1]}"), "regions[0].region is missing"},
    {FEED("{\"region\":\"FR\",\"counts\":[1]}"), "regions[0].start is missing"},
    {FEED("{\"region\":\"FR\",\"start\":\"2026-11-23T14:00:00Z\"}"),
     "regions[0].counts is missing"},
    {FEED(REGION(",\"baselines\":[1,1,1]")),
     "regions[0] has an unknown key (key 4 of 4; did you mean baseline?)"},
    {FEED(REGION(",\"categoires\":{}")), "did you mean categories?"},
    {FEED(REGION(",\"colour\":1")), "regions[0] has an unknown key (key 4 of 4): keys"},
    /* region */
    {FEED("{\"region\":5,\"start\":\"2026-11-23\",\"counts\":[1]}"),
     "regions[0].region is a number, expected a region code or name"},
    {FEED("{\"region\":\"Atlantis\",\"start\":\"2026-11-23\",\"counts\":[1]}"),
     "regions[0].region is not a known region"},
    {FEED("{\"region\":\"\",\"start\":\"2026-11-23\",\"counts\":[1]}"),
     "regions[0].region is not a known region"},
    {FEED(
         REGION("") "," REGION2("") ",{\"region\":\"fr\",\"start\":\"2026-11-23\",\"counts\":[1]}"),
     "regions[2].region is the same region as regions[0]: give each region once"},
    {FEED("{\"region\":\"EU\",\"start\":\"2026-11-23\",\"counts\":[1]},"
          "{\"region\":\"Europe\",\"start\":\"2026-11-23\",\"counts\":[1]}"),
     "regions[1].region is the same region as regions[0]"},
    /* start */
    {FEED("{\"region\":\"FR\",\"start\":5,\"counts\":[1]}"),
     "regions[0].start is a number, expected a UTC date-time"},
    {FEED(AT("23/11/2026 14:00")), "regions[0].start is not an ISO 8601 date-time"},
    {FEED(AT("2026-11-23T14:00:00")), "regions[0].start is not in UTC: write it with Z"},
    {FEED(AT("2026-11-23T15:00:00+01:00")), "regions[0].start is not in UTC"},
    {FEED(AT("2026-11-23T14:00:00-05:00")), "regions[0].start is not in UTC"},
    {FEED(AT("2026-11-23T14:05:00Z")), "regions[0].start is not aligned"},
    {FEED(AT("2026-11-23T14:00:30Z")), "regions[0].start is not aligned"},
    {FEED(AT("2026-11-23T14:00:00.5Z")), "regions[0].start is not aligned"},
    {FEED(AT("1970-01-01T00:00:00Z")), "regions[0].start must be after 1970-01-01T00:00:00Z"},
    {FEED(AT("1969-12-31T00:00:00Z")), "regions[0].start must be after 1970-01-01"},
    /* counts */
    {FEED(COUNTS("\"1,2\"")), "regions[0].counts is a string, expected an array of whole numbers"},
    {FEED(COUNTS("{}")), "regions[0].counts is an object, expected an array"},
    {FEED(COUNTS("[]")), "regions[0].counts is empty: give at least one bucket"},
    {FEED(COUNTS("[1,-3]")), "regions[0].counts[1] is -3: counts must be whole numbers >= 0"},
    {FEED(COUNTS("[2.5]")), "regions[0].counts[0] is 2.5: counts must be whole numbers >= 0"},
    {FEED(COUNTS("[\"1\"]")), "regions[0].counts[0] is a string: counts must be whole numbers"},
    {FEED(COUNTS("[1,null]")), "regions[0].counts[1] is null: counts must be whole numbers"},
    {FEED(COUNTS("[[1]]")), "regions[0].counts[0] is an array: counts"},
    {FEED(COUNTS("[true]")), "regions[0].counts[0] is a boolean: counts"},
    {FEED(COUNTS("[1e300]")), "regions[0].counts[0] is 1e+300: counts must be at most 2^53"},
    {FEED(COUNTS("[9007199254740994]")), "counts must be at most 2^53"},
    {FEED(COUNTS("[-0.5]")), "regions[0].counts[0] is -0.5: counts must be whole numbers"},
    /* baseline */
    {FEED(REGION(",\"baseline\":\"3\"")),
     "regions[0].baseline is a string, expected a number or an array as long as counts"},
    {FEED(REGION(",\"baseline\":{}")), "regions[0].baseline is an object, expected a number"},
    {FEED(REGION(",\"baseline\":-1")),
     "regions[0].baseline is -1: a baseline must be a number >= 0"},
    {FEED(REGION(",\"baseline\":1e300")), "regions[0].baseline is 1e+300: a baseline must be"},
    {FEED(REGION(",\"baseline\":[1,2]")),
     "regions[0].baseline has 2 values but counts has 3: they must be as long"},
    {FEED(REGION(",\"baseline\":[1,2,3,4]")), "regions[0].baseline has 4 values but counts has 3"},
    {FEED(REGION(",\"baseline\":[]")), "regions[0].baseline has 0 values but counts has 3"},
    {FEED(REGION(",\"baseline\":[1,-1,1]")),
     "regions[0].baseline[1] is -1: a baseline must be a number >= 0"},
    {FEED(REGION(",\"baseline\":[1,1,null]")), "regions[0].baseline[2] is null: a baseline"},
    /* status */
    {FEED(REGION(",\"status\":\"critical\"")),
     "regions[0].status is not success, warning or danger"},
    {FEED(REGION(",\"status\":\"Danger\"")), "regions[0].status is not success, warning or danger"},
    {FEED(REGION(",\"status\":\"major\"")), "regions[0].status is not success"},
    {FEED(REGION(",\"status\":3")),
     "regions[0].status is a number, expected success, warning or danger"},
    /* categories */
    {FEED(CATS("[]")), "regions[0].categories is an array, expected an object of name: share"},
    {FEED(CATS("\"login\"")), "regions[0].categories is a string, expected an object"},
    {FEED(CATS("{\"\":0.5}")), "regions[0].categories entry 1 of 1 has an empty name"},
    {FEED(CATS("{\"a\":0.1,\"b\":\"x\"}")), "regions[0].categories entry 2 of 2 is a string: "
                                            "expected a share from 0 to 1 or a whole count"},
    {FEED(CATS("{\"a\":-1}")), "regions[0].categories entry 1 of 1 is -1: expected a share"},
    {FEED(CATS("{\"a\":null}")), "regions[0].categories entry 1 of 1 is null"},
    {FEED(CATS("{\"a\":1e300}")), "regions[0].categories entry 1 of 1 is 1e+300"},
    {FEED(CATS("{\"a\":0.5,\"b\":1.5}")),
     "regions[0].categories entry 2 of 2 is 1.5: a share must be from 0 to 1 (or give every "
     "category as a whole count)"},
    {FEED(CATS("{\"a\":0.5,\"b\":2}")), "regions[0].categories entry 2 of 2 is 2: a share"},
    {FEED(CATS("{\"a\":0.6,\"b\":0.5}")),
     "regions[0].categories shares add up to 1.1: they must add up to 1 at most"},
    {FEED(CATS("{\"a\":0.5,\"b\":0.500002}")),
     "regions[0].categories shares add up to 1.000002: they must"},
    /* a later region */
    {FEED(REGION("") "," REGION2(",\"status\":\"bad\"")), "regions[1].status is not success"},
};

static void test_feed_rules(void)
{
    for (size_t i = 0; i < NELEM(feed_cases); i++) {
        char what[32];
        snprintf(what, sizeof what, "rule case %zu", i);
        expect_failure(&provider_reportfeed, feed_cases[i].body, feed_cases[i].err_has, what);
    }
}

/* A region with n categories named c0.. with counts 1.. */
static char *feed_with_categories(size_t n, size_t name_len)
{
    struct buf b = {0};

    buf_puts(&b, HEAD "{\"region\":\"FR\",\"start\":\"2026-11-23\",\"counts\":[1],"
                      "\"categories\":{");
    for (size_t i = 0; i < n; i++) {
        buf_printf(&b, "%s\"c%02zu", i ? "," : "", i);
        buf_repeat(&b, 'x', name_len - 4);
        buf_printf(&b, "%c\":%zu", (char)('a' + i % 26), i + 1);
    }
    buf_puts(&b, "}}]}");
    return buf_detach(&b);
}

static void test_feed_category_limits(void)
{
    struct evidence ev;
    char *body = feed_with_categories(32, 64);
    bool sorted = true;

    ok(parse_str(&provider_reportfeed, body, &ev) == 0, "32 categories of 64 bytes parse");
    free(body);
    is_int(ev.nreports ? ev.reports[0].ncategories : 0, 32, "32 categories kept");
    for (size_t i = 1; ev.nreports && i < ev.reports[0].ncategories; i++)
        sorted =
            sorted && ev.reports[0].categories[i - 1].share >= ev.reports[0].categories[i].share;
    ok(ev.nreports == 1 && sorted, "32 categories sorted largest first");
    ok(ev.nreports && near(ev.reports[0].categories[0].share, 32.0 / 528),
       "the largest is count 32 of a total 528");
    is_int(ev.nreports ? strlen(ev.reports[0].categories[0].name) : 0, 64, "64-byte name kept");
    evidence_free(&ev);
    body = feed_with_categories(33, 4);
    expect_failure(&provider_reportfeed, body, "regions[0].categories has 33 entries: at most 32",
                   "33 categories");
    free(body);
    body = feed_with_categories(2, 65);
    expect_failure(&provider_reportfeed, body,
                   "regions[0].categories entry 1 of 2 has a name longer than 64 bytes",
                   "a 65-byte category name");
    free(body);
}

static void check_categories(const char *cats, const char *const *names, const double *shares,
                             size_t n, const char *what)
{
    struct evidence ev;
    struct buf b = {0};

    buf_printf(&b, FEED(CATS("%s")), cats);
    ok(parse_str(&provider_reportfeed, buf_str(&b), &ev) == 0, "categories %s: parses", what);
    ok(ev.nreports == 1 && categories_are(&ev.reports[0], names, shares, n), "categories %s", what);
    evidence_free(&ev);
    buf_free(&b);
}

static void test_feed_categories(void)
{
    static const char *const abc[] = {"b", "a", "c"};
    static const double abc_counts[] = {0.75, 0.25, 0};
    static const char *const zxy[] = {"z", "x", "y"};
    static const double zxy_shares[] = {0.4, 0.3, 0.3};
    static const char *const ab[] = {"a", "b"};
    static const double one_zero[] = {1, 0};
    static const double zeros[] = {0, 0};
    static const double under[] = {0.5, 0.25};
    static const char *const big[] = {"b", "a"};
    static const double big_shares[] = {9007199254740992.0 / 9007199254740993.0,
                                        1.0 / 9007199254740993.0};
    static const char *const esc[] = {"\x1b]52;c;aGk=\a\xe2\x80\xae"};
    static const double all[] = {1};

    check_categories("{\"a\":1,\"b\":3,\"c\":0}", abc, abc_counts, 3, "counts 1/3/0");
    check_categories("{\"x\":0.3,\"y\":0.3,\"z\":0.4}", zxy, zxy_shares, 3,
                     "equal shares keep document order");
    check_categories("{\"a\":1,\"b\":0}", ab, one_zero, 2, "whole numbers adding to 1");
    check_categories("{\"a\":0,\"b\":0}", ab, zeros, 2, "all-zero counts give zero shares");
    check_categories("{\"a\":0.5,\"b\":0.25}", ab, under, 2, "shares below 1 kept as given");
    check_categories("{\"a\":1,\"b\":9007199254740992}", big, big_shares, 2, "2^53 counts");
    check_categories("{\"a\":0.5,\"b\":0.5000005}", big, (const double[]){0.5000005, 0.5}, 2,
                     "a sum within 1e-6 of 1 passes");
    check_categories("{\"\\u001b]52;c;aGk=\\u0007\\u202e\":1}", esc, all, 1,
                     "a hostile name is kept raw for the sanitizer");
    check_categories("{}", NULL, NULL, 0, "empty object");
}

static void test_feed_baselines(void)
{
    struct evidence ev;

    ok(parse_str(&provider_reportfeed, FEED(REGION("")), &ev) == 0, "no baseline parses");
    ok(ev.nreports == 1 && !ev.reports[0].baseline && ev.reports[0].baseline_now == -1,
       "no baseline: NULL and -1");
    evidence_free(&ev);
    ok(parse_str(&provider_reportfeed, FEED(REGION(",\"baseline\":null")), &ev) == 0,
       "baseline null parses");
    ok(ev.nreports == 1 && !ev.reports[0].baseline && ev.reports[0].baseline_now == -1,
       "baseline null is absent");
    evidence_free(&ev);
    ok(parse_str(&provider_reportfeed, FEED(REGION(",\"baseline\":2.5")), &ev) == 0,
       "baseline number parses");
    ok(ev.nreports == 1 && !ev.reports[0].baseline && ev.reports[0].baseline_now == 3,
       "baseline 2.5: now 3, no array");
    evidence_free(&ev);
    ok(parse_str(&provider_reportfeed, FEED(REGION(",\"baseline\":0")), &ev) == 0,
       "baseline 0 parses");
    is_int(ev.nreports ? ev.reports[0].baseline_now : -9, 0, "baseline 0 is 0, not absent");
    evidence_free(&ev);
    ok(parse_str(&provider_reportfeed, FEED(REGION(",\"baseline\":[0.49,7,1e6]")), &ev) == 0,
       "baseline array parses");
    ok(ev.nreports == 1 && ev.reports[0].baseline && ev.reports[0].baseline[0] == 0 &&
           ev.reports[0].baseline[1] == 7 && ev.reports[0].baseline[2] == 1000000 &&
           ev.reports[0].baseline_now == -1,
       "baseline array: 0.49 -> 0, 7, 1e6; no baseline_now");
    evidence_free(&ev);
}

static void test_feed_accepts(void)
{
    static const struct {
        const char *body;
        const char *what;
    } cases[] = {
        {BUCKET("60"), "bucket_seconds 60"},
        {BUCKET("86400"), "bucket_seconds 86400"},
        {BUCKET("900.0"), "bucket_seconds 900.0"},
        {BUCKET("9e2"), "bucket_seconds 9e2"},
        {ROOT("\"_comment\":{\"any\":[1,\"thing\"]},"), "an _ key at the top"},
        {FEED(REGION(",\"_note\":null,\"_id\":7")), "_ keys in a region"},
        {ROOT("\"source\":null,\"generated_at\":null,"), "null optional keys"},
        {FEED(REGION(",\"status\":null,\"categories\":null")), "null status and categories"},
        {ROOT("\"generated_at\":\"2026-11-23T19:07:12.345Z\","), "generated_at with a fraction"},
        {FEED(AT("2026-11-23T14:00Z")), "a start without seconds"},
        {FEED(AT("2026-11-23t14:00:00z")), "lower-case t and z"},
        {FEED(AT("2026-11-23T14:00:00-00:00")), "-00:00"},
        {FEED(AT("2026-11-23T14:00:00+0000")), "+0000"},
        {FEED(AT("2026-11-23T14:00:00,000Z")), "a zero fraction with a comma"},
        {FEED(COUNTS("[0,9007199254740992,3.0]")), "counts 0, 2^53 and 3.0"},
        {FEED("{\"region\":\"country:NA\",\"start\":\"2026-11-23\",\"counts\":[1]},"
              "{\"region\":\"NA\",\"start\":\"2026-11-23\",\"counts\":[1]}"),
         "country:NA (Namibia) and NA (North America) are two regions"},
        {"\xef\xbb\xbf" FEED(REGION("")), "a UTF-8 BOM"},
    };
    struct evidence ev;

    for (size_t i = 0; i < NELEM(cases); i++) {
        if (!ok(parse_str(&provider_reportfeed, cases[i].body, &ev) == 0, "feed accepts %s",
                cases[i].what))
            tap_diag("%s", err);
        evidence_free(&ev);
    }
    parse_str(&provider_reportfeed, FEED(COUNTS("[0,9007199254740992,3.0]")), &ev);
    ok(ev.nreports == 1 && count_at(&ev.reports[0], 1) == 9007199254740992L &&
           count_at(&ev.reports[0], 2) == 3,
       "2^53 and 3.0 read exactly");
    evidence_free(&ev);
    parse_str(&provider_reportfeed,
              FEED("{\"region\":\"country:NA\",\"start\":\"2026-11-23\",\"counts\":[1]}"), &ev);
    ok(ev.nreports == 1 && ev.reports[0].region == region_resolve("country:NA") &&
           ev.reports[0].region != region_find("NA"),
       "country:NA is Namibia");
    evidence_free(&ev);
}

/* A later region's error drops the earlier, valid ones too. */
static void test_feed_all_or_nothing(void)
{
    static const char body[] =
        "{\"sitrep_report_feed\":1,\"source\":\"s\",\"generated_at\":\"2026-11-23T19:07:00Z\","
        "\"bucket_seconds\":900,\"regions\":["
        "{\"region\":\"FR\",\"start\":\"2026-11-23\",\"counts\":[1,2,3],"
        "\"baseline\":[1,2,3],\"categories\":{\"a\":1}},"
        "{\"region\":\"IT\",\"start\":\"2026-11-23\",\"counts\":[1],\"status\":\"danger\"},"
        "{\"region\":\"JP\",\"start\":\"2026-11-23\",\"counts\":[1,2],"
        "\"categories\":{\"a\":0.5,\"b\":0.7}}]}";

    expect_failure(&provider_reportfeed, body, "regions[2].categories shares add up to 1.2",
                   "all or nothing, the third region bad");
}

static char *feed_with_buckets(size_t n)
{
    struct buf b = {0};

    buf_puts(&b, HEAD "{\"region\":\"FR\",\"start\":\"2026-11-23\",\"baseline\":1,\"counts\":[");
    for (size_t i = 0; i < n; i++)
        buf_printf(&b, "%s%zu", i ? "," : "", i % 97);
    buf_puts(&b, "]}]}");
    return buf_detach(&b);
}

static void test_feed_sizes(void)
{
    struct evidence ev;
    char *body = feed_with_buckets(2016);

    ok(parse_str(&provider_reportfeed, body, &ev) == 0, "2016 buckets parse");
    is_int(ev.nreports ? ev.reports[0].ncounts : 0, 2016, "2016 buckets kept");
    is_int(ev.nreports ? last_count(&ev.reports[0]) : -1, 2015 % 97, "the last of 2016");
    evidence_free(&ev);
    free(body);
    body = feed_with_buckets(2017);
    expect_failure(&provider_reportfeed, body, "regions[0].counts has 2017 buckets: at most 2016",
                   "2017 buckets");
    free(body);
}

/* Every region of sitrep's table, once each, by its code. */
static void test_feed_every_region(void)
{
    struct buf b = {0};
    struct evidence ev;
    bool in_order = true;

    buf_puts(&b, HEAD);
    for (size_t i = 0; i < region_count(); i++)
        buf_printf(&b, "%s{\"region\":\"code:%s\",\"start\":\"2026-11-23\",\"counts\":[%zu]}",
                   i ? "," : "", region_code((region_id)i), i);
    buf_puts(&b, "]}");
    ok(parse_str(&provider_reportfeed, buf_str(&b), &ev) == 0, "every region once parses");
    is_int(ev.nreports, region_count(), "every region: one series each");
    for (size_t i = 0; i < ev.nreports; i++)
        in_order = in_order && ev.reports[i].region == (region_id)i &&
                   count_at(&ev.reports[i], 0) == (long)i;
    ok(ev.nreports == region_count() && in_order, "every region: in document order, resolved");
    evidence_free(&ev);
    buf_free(&b);
}

/* Every message the documentation shows is the parser's, word for word. */
struct doc_message {
    const char *body;              /* or NULL: ... */
    const char *file;              /* ... a fixture, or NULL: ... */
    char *(*make)(size_t, size_t); /* ... a generated body */
    size_t a, b;
    const char *message;
};

static char *feed_buckets_gen(size_t n, size_t unused)
{
    (void)unused;
    return feed_with_buckets(n);
}

#define JP_R "{\"region\":\"JP\",\"start\":\"2026-11-23\",\"counts\":[1]}"

static const struct doc_message doc_messages[] = {
    {"[1]", NULL, NULL, 0, 0, "not a sitrep report feed: the root is an array, expected an object"},
    {"{\"bucket_seconds\":900}", NULL, NULL, 0, 0,
     "not a sitrep report feed: sitrep_report_feed (the format version) is missing"},
    {"{\"sitrep_report_feed\":2}", NULL, NULL, 0, 0,
     "sitrep_report_feed is 2: this sitrep reads version 1"},
    {"{\"sitrep_report_feed\":1,\"source\":\"s\",\"generated_at\":null,\"bucket_second\":900,"
     "\"regions\":[]}",
     NULL, NULL, 0, 0,
     "the document has an unknown key (key 4 of 5; did you mean bucket_seconds?): keys are "
     "checked to catch typos"},
    {"{\"sitrep_report_feed\":1,\"regions\":[]}", NULL, NULL, 0, 0, "bucket_seconds is missing"},
    {FEED(REGION("") ",{\"region\":\"IT\",\"start\":\"2026-11-23\"}"), NULL, NULL, 0, 0,
     "regions[1].counts is missing"},
    {BUCKET("7"), NULL, NULL, 0, 0,
     "bucket_seconds is 7: it must be a whole number of seconds from 60 to 86400 that divides "
     "a day (60, 300, 900, 3600 ...)"},
    {ROOT("\"source\":1,"), NULL, NULL, 0, 0, "source is a number, expected a string"},
    {"{\"sitrep_report_feed\":1,\"bucket_seconds\":900,\"regions\":{}}", NULL, NULL, 0, 0,
     "regions is an object, expected an array"},
    {FEED("\"FR\""), NULL, NULL, 0, 0, "regions[0] is a string, expected an object"},
    {FEED(REGION("") ",{\"region\":\"IT\",\"start\":\"2026-11-23\",\"counts\":\"1\"}"), NULL, NULL,
     0, 0, "regions[1].counts is a string, expected an array of whole numbers"},
    {FEED(""), NULL, NULL, 0, 0, "regions is empty: give at least one region"},
    {FEED(REGION("") "," REGION2("") ",{\"region\":\"Atlantis\",\"start\":\"2026-11-23\","
                                     "\"counts\":[1]}"),
     NULL, NULL, 0, 0,
     "regions[2].region is not a known region (write a code such as FR, EU or us-east-1, or a "
     "country name)"},
    {FEED(REGION("") "," REGION2("") "," JP_R ",{\"region\":\"France\",\"start\":\"2026-11-23\","
                                     "\"counts\":[1]}"),
     NULL, NULL, 0, 0, "regions[3].region is the same region as regions[0]: give each region once"},
    {FEED(AT("2026-11-23 at 14:00")), NULL, NULL, 0, 0,
     "regions[0].start is not an ISO 8601 date-time such as 2026-11-22T10:00:00Z"},
    {FEED(AT("2026-11-23T15:00:00+01:00")), NULL, NULL, 0, 0,
     "regions[0].start is not in UTC: write it with Z, such as 2026-11-22T10:00:00Z"},
    {FEED(AT("2026-11-23T14:10:00Z")), NULL, NULL, 0, 0,
     "regions[0].start is not aligned: it must be a multiple of bucket_seconds (900 s) after "
     "midnight UTC"},
    {NULL, FEED_DIR "bad-negative-count.json", NULL, 0, 0,
     "regions[2].counts[17] is -3: counts must be whole numbers >= 0"},
    {FEED(COUNTS("[1,2,3,4,2.5]")), NULL, NULL, 0, 0,
     "regions[0].counts[4] is 2.5: counts must be whole numbers >= 0"},
    {FEED(COUNTS("[]")), NULL, NULL, 0, 0, "regions[0].counts is empty: give at least one bucket"},
    {NULL, NULL, feed_buckets_gen, 2017, 0, "regions[0].counts has 2017 buckets: at most 2016"},
    {FEED(COUNTS("[1,2,3,4,5],\"baseline\":[1,1,1,1]")), NULL, NULL, 0, 0,
     "regions[0].baseline has 4 values but counts has 5: they must be as long"},
    {FEED(REGION(",\"baseline\":[1,1,-1]")), NULL, NULL, 0, 0,
     "regions[0].baseline[2] is -1: a baseline must be a number >= 0"},
    {FEED(REGION("") "," REGION2(",\"status\":\"down\"")), NULL, NULL, 0, 0,
     "regions[1].status is not success, warning or danger"},
    {NULL, NULL, feed_with_categories, 33, 4, "regions[0].categories has 33 entries: at most 32"},
    {FEED(CATS("{\"a\":0.1,\"\":0.2,\"c\":0.3}")), NULL, NULL, 0, 0,
     "regions[0].categories entry 2 of 3 has an empty name"},
    {NULL, NULL, feed_with_categories, 2, 65,
     "regions[0].categories entry 1 of 2 has a name longer than 64 bytes"},
    {FEED(CATS("{\"a\":0.1,\"b\":0.2,\"c\":1.5}")), NULL, NULL, 0, 0,
     "regions[0].categories entry 3 of 3 is 1.5: a share must be from 0 to 1 (or give every "
     "category as a whole count)"},
    {FEED(CATS("{\"a\":0.6,\"b\":0.6}")), NULL, NULL, 0, 0,
     "regions[0].categories shares add up to 1.2: they must add up to 1 at most"},
    {ROOT("\"generated_at\":\"now\","), NULL, NULL, 0, 0,
     "generated_at is not a UTC ISO 8601 date-time such as 2026-11-22T10:17:00Z"},
};

static void test_doc_messages(void)
{
    char *doc = tap_read_file("docs/reportfeed.md", NULL);

    for (size_t i = 0; i < NELEM(doc_messages); i++) {
        const struct doc_message *m = &doc_messages[i];
        char *body = m->body ? NULL : m->file ? tap_read_file(m->file, NULL) : m->make(m->a, m->b);
        struct evidence ev;
        char quoted[300];

        ok(parse_str(&provider_reportfeed, m->body ? m->body : body, &ev) == -1,
           "doc message %zu: fails", i);
        is_str(err, m->message, "doc message %zu: exact text", i);
        snprintf(quoted, sizeof quoted, "`%s`", m->message);
        ok(strstr(doc, quoted) != NULL, "doc message %zu: shown in docs/reportfeed.md", i);
        evidence_free(&ev);
        free(body);
    }
    free(doc);
}

/* ==== downdetector ==== */

struct dd_expect {
    const char *label, *iso;
    long last, baseline_now;
    enum level status;
    size_t ncategories;
    const char *top; /* the largest category */
    double top_share;
};

/* companies-meta.json, in document order (see its README). */
static const struct dd_expect meta_expect[] = {
    {"Facebook (FR, id 20471)", "FR", 13, 17, LEVEL_OK, 3, "login", 0.44},
    {"Facebook (IT, id 30127)", "IT", 9, 14, LEVEL_OK, 3, "login", 0.44},
    {"Facebook (US, id 100)", "US", 20, 45, LEVEL_OK, 3, "login", 0.44},
    {"Messenger (FR, id 20488)", "FR", 187, 7, LEVEL_MAJOR, 3, "messages", 0.58},
    {"Messenger (IT, id 30139)", "IT", 131, 6, LEVEL_MAJOR, 3, "messages", 0.58},
    {"Messenger (US, id 118)", "US", 7, 15, LEVEL_OK, 3, "messages", 0.46},
    {"Instagram (FR, id 20502)", "FR", 158, 14, LEVEL_MAJOR, 4, "login", 0.38},
    {"Instagram (IT, id 30144)", "IT", 39, 12, LEVEL_NOTICE, 4, "login", 0.38},
    {"Instagram (US, id 131)", "US", 21, 39, LEVEL_OK, 4, "login", 0.41},
    {"WhatsApp (FR, id 20519)", "FR", 8, 15, LEVEL_OK, 3, "messages", 0.49},
    {"WhatsApp (IT, id 30152)", "IT", 10, 19, LEVEL_OK, 3, "messages", 0.49},
    {"WhatsApp (US, id 147)", "US", 5, 9, LEVEL_OK, 3, "messages", 0.49},
};

static void check_dd_series(const struct report_series *s, const struct dd_expect *e)
{
    is_str(s->label, e->label, "%s: label", e->label);
    is_str(s->region_text, e->iso, "%s: region text", e->label);
    is_int(s->region, region_find(e->iso), "%s: region", e->label);
    is_int(s->ncounts, 96, "%s: 96 buckets", e->label);
    ok(s->bucket_s == 900 && s->start == 0, "%s: 15 minutes, no times", e->label);
    is_int(last_count(s), e->last, "%s: last (in progress) bucket", e->label);
    is_int(s->baseline_now, e->baseline_now, "%s: baseline_current", e->label);
    ok(s->baseline == NULL, "%s: no per-bucket baseline", e->label);
    is_int(s->status, e->status, "%s: status", e->label);
    is_int(s->ncategories, e->ncategories, "%s: categories", e->label);
    ok(s->ncategories && strcmp(s->categories[0].name, e->top) == 0 &&
           near(s->categories[0].share, e->top_share),
       "%s: top category %s %.2f", e->label, e->top, e->top_share);
}

static long max_count(const struct report_series *s, size_t from, size_t to)
{
    long m = -1;

    for (size_t i = from; i < to && i < s->ncounts; i++)
        m = s->counts[i] > m ? s->counts[i] : m;
    return m;
}

static void test_dd_meta(void)
{
    static const long messenger_fr[] = {31, 96, 244, 398, 465, 431, 402, 187};
    static const char *const insta[] = {"login", "feed", "stories", "direct"};
    static const double insta_shares[] = {0.38, 0.22, 0.21, 0.19};
    struct evidence ev;
    bool us_quiet = true;

    ok(parse_file(&provider_downdetector, DD_DIR "companies-meta.json", &ev) == 0,
       "meta family parses");
    is_int(ev.nreports, 12, "meta: 4 services x 3 sites");
    for (size_t i = 0; i < NELEM(meta_expect); i++)
        check_dd_series(series(&ev, i), &meta_expect[i]);
    ok(series(&ev, 3)->ncounts == 96 &&
           memcmp(series(&ev, 3)->counts + 88, messenger_fr, sizeof messenger_fr) == 0,
       "meta: Messenger FR's last two hours");
    ok(max_count(series(&ev, 3), 0, 88) < 20, "meta: Messenger FR quiet before the spike");
    ok(max_count(series(&ev, 6), 88, 96) > 300, "meta: Instagram FR in the hundreds");
    for (size_t i = 2; i < 12; i += 3)
        us_quiet = us_quiet && max_count(series(&ev, i), 88, 96) < 60;
    ok(ev.nreports == 12 && us_quiet, "meta: the US sites stay quiet");
    ok(categories_are(series(&ev, 6), insta, insta_shares, 4),
       "meta: Instagram FR categories by slug, not the localized text");
    evidence_free(&ev);
}

static void test_dd_partial_quiet(void)
{
    struct evidence ev;

    ok(parse_file(&provider_downdetector, DD_DIR "companies-partial.json", &ev) == 0,
       "partial page parses");
    is_int(ev.nreports, 2, "partial: three companies without stats skipped");
    is_str(series(&ev, 0)->label, "Facebook (FR, id 20471)", "partial: first kept");
    is_str(series(&ev, 1)->label, "Facebook (IT, id 30127)", "partial: last kept");
    evidence_free(&ev);
    ok(parse_file(&provider_downdetector, DD_DIR "companies-quiet.json", &ev) == 0, "quiet parses");
    is_int(ev.nreports, 3, "quiet: three companies");
    for (size_t i = 0; i < ev.nreports; i++) {
        const struct report_series *s = series(&ev, i);
        ok(s->status == LEVEL_OK && s->region == region_find("GB") && s->ncounts == 96 &&
               max_count(s, 0, 96) < 2 * s->baseline_now + 10,
           "quiet: %s ok, GB, near its baseline", s->label);
    }
    ok(series(&ev, 2)->ncategories == 0 && series(&ev, 2)->categories == NULL,
       "quiet: indicators [] gives no categories");
    is_int(series(&ev, 0)->baseline_now, 29, "quiet: Facebook GB baseline");
    is_int(last_count(series(&ev, 1)), 12, "quiet: Instagram GB last bucket");
    evidence_free(&ev);
}

static void test_dd_wrapped_single(void)
{
    struct evidence ev;

    ok(parse_file(&provider_downdetector, DD_DIR "companies-wrapped.json", &ev) == 0,
       "wrapped under data parses");
    is_int(ev.nreports, 2, "wrapped: two companies");
    is_str(series(&ev, 1)->label, "Messenger (IT, id 30139)", "wrapped: second");
    evidence_free(&ev);
    ok(parse_file(&provider_downdetector, DD_DIR "company-single.json", &ev) == 0,
       "a single company object parses");
    is_int(ev.nreports, 1, "single: one series");
    check_dd_series(series(&ev, 0), &meta_expect[7]);
    evidence_free(&ev);
}

static void check_wrapper(const char *key)
{
    struct evidence ev;
    struct buf b = {0};

    buf_printf(&b, "{\"page\":2,\"%s\":[{\"id\":1,\"stats_24\":[4,5]},{\"id\":2}]}", key);
    ok(parse_str(&provider_downdetector, buf_str(&b), &ev) == 0, "wrapper %s parses", key);
    ok(ev.nreports == 1 && last_count(series(&ev, 0)) == 5, "wrapper %s: one series", key);
    is_str(ev.nreports ? ev.reports[0].label : NULL, "company (id 1)", "wrapper %s: label", key);
    evidence_free(&ev);
    buf_free(&b);
}

static void test_dd_wrappers(void)
{
    check_wrapper("companies");
    check_wrapper("data");
    check_wrapper("results");
    expect_failure(&provider_downdetector, "{\"data\":{\"id\":1}}",
                   "'data' is an object, expected an array of companies", "data object");
    expect_failure(&provider_downdetector, "{\"results\":null}",
                   "'results' is null, expected an array of companies", "results null");
    expect_failure(&provider_downdetector, "{\"companies\":[]}",
                   "no company with stats_24: the list is empty", "empty wrapper");
    expect_failure(&provider_downdetector, "[]", "no company with stats_24: the list is empty",
                   "empty array");
    expect_failure(&provider_downdetector, "{\"page\":1,\"total\":0}",
                   "not a Downdetector companies response: expected an array of companies",
                   "an object of nothing we know");
}

static void test_dd_odd(void)
{
    static const char *const bsky[] = {"app", "Login"};
    static const double bsky_shares[] = {0.75, 0.25};
    static const char *const threads[] = {"feed", "login", "app"};
    static const double threads_shares[] = {34.0 / 101, 34.0 / 101, 33.0 / 101};
    struct evidence ev;
    const struct report_series *s;

    ok(parse_file(&provider_downdetector, DD_DIR "companies-odd.json", &ev) == 0, "odd parses");
    is_int(ev.nreports, 4, "odd: four companies");
    s = series(&ev, 0);
    is_str(s->label, "bluesky (NA, id dd-7781)", "odd: slug and string id in the label");
    is_int(s->region, region_resolve("country:NA"), "odd: NA is Namibia on Downdetector");
    ok(s->region != region_find("NA"), "odd: not North America");
    is_int(s->status, LEVEL_UNKNOWN, "odd: status critical is unknown");
    is_int(s->baseline_now, -1, "odd: baseline_current null");
    ok(categories_are(s, bsky, bsky_shares, 2), "odd: amounts normalised, indicator text name");
    s = series(&ev, 1);
    is_int(s->region, region_find("FR"), "odd: lower-case fr");
    is_int(s->status, LEVEL_NONE, "odd: no status is none");
    is_int(s->baseline_now, 7, "odd: baseline 6.6 rounds to 7");
    ok(categories_are(s, threads, threads_shares, 3), "odd: 101 %% normalised, ties in order");
    s = series(&ev, 2);
    ok(s->region == REGION_NONE && s->region_text && strcmp(s->region_text, "XK") == 0,
       "odd: unknown country kept as text, no region");
    ok(s->ncounts == 1 && s->status == LEVEL_NONE && s->ncategories == 0,
       "odd: one bucket, status null, indicators []");
    s = series(&ev, 3);
    ok(s->region == REGION_NONE && s->region_text == NULL, "odd: no country at all");
    is_str(s->label, "Threads", "odd: name alone");
    is_int(s->status, LEVEL_OK, "odd: success");
    evidence_free(&ev);
}

static void test_dd_errors(void)
{
    static const struct failing_fixture files[] = {
        {"error-401.json", "the API answered with an error object (invalid_token), not companies"},
        {"error-429.json", "the API answered with an error object, not companies"},
        {"token.json", "not a Downdetector companies response: it is an access-token answer"},
        {"token-short.json", "it is an access-token answer"},
    };

    for (size_t i = 0; i < NELEM(files); i++) {
        char rel[256];
        char *body;

        snprintf(rel, sizeof rel, "%s%s", DD_DIR, files[i].file);
        body = tap_read_file(rel, NULL);
        expect_failure(&provider_downdetector, body, files[i].err_has, files[i].file);
        free(body);
    }
    expect_failure(&provider_downdetector, "{\"error\":\"<html>\\u001b[2J\"}",
                   "the API answered with an error object, not companies", "unknown error code");
    expect_failure(&provider_downdetector, "{\"errors\":[{\"detail\":\"x\"}],\"data\":null}",
                   "the API answered with an error object", "errors array");
    expect_failure(&provider_downdetector, "{\"error\":{\"code\":500}}",
                   "the API answered with an error object", "error object in error");
}

static const struct inline_case dd_cases[] = {
    {"[5]", "companies[0] is a number, expected an object"},
    {"[{\"stats_24\":[1]},\"x\"]", "companies[1] is a string, expected an object"},
    {"[{\"stats_24\":\"1,2\"}]", "companies[0].stats_24 is a string, expected an array"},
    {"[{\"stats_24\":{}}]", "companies[0].stats_24 is an object, expected an array"},
    {"[{\"stats_24\":[1],\"status\":3}]", "companies[0].status is a number, expected a string"},
    {"[{\"stats_24\":[1],\"country_iso\":33}]",
     "companies[0].country_iso is a number, expected a string"},
    {"[{\"stats_24\":[1],\"baseline_current\":\"7\"}]",
     "companies[0].baseline_current is a string, expected a number"},
    {"[{\"stats_24\":[1],\"baseline_current\":-2}]",
     "companies[0].baseline_current is -2: expected a number >= 0"},
    {"[{\"stats_24\":[1],\"baseline_current\":1e300}]",
     "companies[0].baseline_current is 1e+300: expected a number >= 0"},
    {"[{\"stats_24\":[1],\"name\":[]}]", "companies[0].name is an array, expected a string"},
    {"[{\"stats_24\":[1],\"slug\":{}}]", "companies[0].slug is an object, expected a string"},
    {"[{\"stats_24\":[1],\"id\":true}]",
     "companies[0].id is a boolean, expected a number or a string"},
    {"[{\"stats_24\":[1],\"indicators\":{}}]",
     "companies[0].indicators is an object, expected an array"},
    {"[{\"stats_24\":[1,-1]}]",
     "companies[0].stats_24[1] is -1: report counts must be whole numbers >= 0"},
    {"[{\"stats_24\":[1.5]}]", "companies[0].stats_24[0] is 1.5: report counts"},
    {"[{\"stats_24\":[null]}]", "companies[0].stats_24[0] is null: report counts"},
    {"[{\"stats_24\":[\"3\"]}]", "companies[0].stats_24[0] is a string: report counts"},
    {"[{\"stats_24\":[1e300]}]", "companies[0].stats_24[0] is 1e+300: report counts"},
    {"[{\"stats_24\":[1],\"indicators\":[3]}]",
     "companies[0].indicators[0] is a number, expected an object"},
    {"[{\"stats_24\":[1],\"indicators\":[{\"percentage\":50}]}]",
     "companies[0].indicators[0] has no name (slug, indicator or name)"},
    {"[{\"stats_24\":[1],\"indicators\":[{\"slug\":\"\",\"percentage\":50}]}]",
     "companies[0].indicators[0] has no name"},
    {"[{\"stats_24\":[1],\"indicators\":[{\"slug\":5,\"percentage\":1}]}]",
     "companies[0].indicators[0].slug is a number, expected a string"},
    {"[{\"stats_24\":[1],\"indicators\":[{\"slug\":\"a\",\"indicator\":[],\"amount\":1}]}]",
     "companies[0].indicators[0].indicator is an array, expected a string"},
    {"[{\"stats_24\":[1],\"indicators\":[{\"slug\":\"a\",\"percentage\":140}]}]",
     "companies[0].indicators[0].percentage is 140: expected a number from 0 to 100"},
    {"[{\"stats_24\":[1],\"indicators\":[{\"slug\":\"a\",\"percentage\":\"5%\"}]}]",
     "companies[0].indicators[0].percentage is a string: expected a number from 0 to 100"},
    {"[{\"stats_24\":[1],\"indicators\":[{\"slug\":\"a\",\"amount\":-1}]}]",
     "companies[0].indicators[0].amount is -1: expected a number >= 0"},
    {"[{\"stats_24\":[1],\"indicators\":[{\"slug\":\"a\",\"percentage\":50},"
     "{\"slug\":\"b\",\"amount\":3}]}]",
     "companies[0].indicators: every entry needs a percentage, or every entry an amount"},
    {"[{\"stats_24\":[1],\"indicators\":[{\"slug\":\"a\"}]}]",
     "companies[0].indicators: every entry needs a percentage"},
    /* a wrong type fails even in a company that would be skipped */
    {"[{\"stats_24\":[1]},{\"id\":2,\"status\":5}]", "companies[1].status is a number"},
    {"[{\"stats_24\":[1]},{\"id\":2,\"baseline_current\":-1}]",
     "companies[1].baseline_current is -1"},
    /* and a later company's error drops the earlier ones */
    {"[{\"stats_24\":[1,2],\"indicators\":[{\"slug\":\"a\",\"amount\":1}]},"
     "{\"stats_24\":[3]},{\"stats_24\":[4,-4]}]",
     "companies[2].stats_24[1] is -4"},
    /* nothing usable */
    {"[{\"id\":1}]", "no company with stats_24 (1 company without it)"},
    {"[{\"stats_24\":[]},{\"stats_24\":null},{\"name\":\"x\"}]",
     "no company with stats_24 (3 companies without it)"},
    {"{\"id\":1,\"name\":\"x\"}", "no company with stats_24 (1 company without it)"},
    /* not Downdetector at all */
    {"{\"sitrep_report_feed\":1}", "not a Downdetector companies response"},
    {"{\"status\":{\"indicator\":\"none\"}}", "not a Downdetector companies response"},
};

static void test_dd_rules(void)
{
    for (size_t i = 0; i < NELEM(dd_cases); i++) {
        char what[32];
        snprintf(what, sizeof what, "case %zu", i);
        expect_failure(&provider_downdetector, dd_cases[i].body, dd_cases[i].err_has, what);
    }
}

static char *dd_with_buckets(size_t n)
{
    struct buf b = {0};

    buf_puts(&b, "[{\"id\":1,\"stats_24\":[");
    for (size_t i = 0; i < n; i++)
        buf_printf(&b, "%s%zu", i ? "," : "", i % 13);
    buf_puts(&b, "]}]");
    return buf_detach(&b);
}

static void test_dd_statuses_and_sizes(void)
{
    static const struct {
        const char *status;
        enum level level;
    } cases[] = {
        {"\"success\"", LEVEL_OK},      {"\"warning\"", LEVEL_NOTICE},
        {"\"danger\"", LEVEL_MAJOR},    {"\"critical\"", LEVEL_UNKNOWN},
        {"\"SUCCESS\"", LEVEL_UNKNOWN}, {"\"\"", LEVEL_UNKNOWN},
        {"null", LEVEL_NONE},
    };
    struct evidence ev;
    char body[128];
    char *big;

    for (size_t i = 0; i < NELEM(cases); i++) {
        snprintf(body, sizeof body, "[{\"stats_24\":[1],\"status\":%s}]", cases[i].status);
        ok(parse_str(&provider_downdetector, body, &ev) == 0, "status %s parses", cases[i].status);
        is_int(ev.nreports ? ev.reports[0].status : -1, cases[i].level, "status %s maps",
               cases[i].status);
        evidence_free(&ev);
    }
    big = dd_with_buckets(672);
    ok(parse_str(&provider_downdetector, big, &ev) == 0, "672 buckets parse");
    is_int(ev.nreports ? ev.reports[0].ncounts : 0, 672, "672 buckets kept");
    evidence_free(&ev);
    free(big);
    big = dd_with_buckets(673);
    expect_failure(&provider_downdetector, big,
                   "companies[0].stats_24 has 673 buckets: at most 672", "673 buckets");
    free(big);
}

static void test_dd_shares(void)
{
    static const char *const ab[] = {"a", "b"};
    static const double under[] = {0.5, 0.4};
    static const double zeros[] = {0, 0};
    static const double pct_wins[] = {0.6, 0.4};
    struct evidence ev;

    parse_str(&provider_downdetector,
              "[{\"stats_24\":[1],\"indicators\":[{\"slug\":\"a\",\"percentage\":50},"
              "{\"slug\":\"b\",\"percentage\":40}]}]",
              &ev);
    ok(ev.nreports == 1 && categories_are(&ev.reports[0], ab, under, 2),
       "percentages below 100 in total kept as they are");
    evidence_free(&ev);
    parse_str(&provider_downdetector,
              "[{\"stats_24\":[1],\"indicators\":[{\"slug\":\"a\",\"amount\":0},"
              "{\"slug\":\"b\",\"amount\":0}]}]",
              &ev);
    ok(ev.nreports == 1 && categories_are(&ev.reports[0], ab, zeros, 2),
       "zero amounts give zero shares");
    evidence_free(&ev);
    parse_str(
        &provider_downdetector,
        "[{\"stats_24\":[1],\"indicators\":[{\"slug\":\"b\",\"amount\":900,\"percentage\":40},"
        "{\"slug\":\"a\",\"amount\":1,\"percentage\":60}]}]",
        &ev);
    ok(ev.nreports == 1 && categories_are(&ev.reports[0], ab, pct_wins, 2),
       "percentages win over amounts, sorted largest first");
    evidence_free(&ev);
}

/* 10,000 companies on one page: every one kept, in order. */
static void test_dd_many(void)
{
    struct buf b = {0};
    struct evidence ev;
    bool all = true;

    buf_putc(&b, '[');
    for (size_t i = 0; i < 10000; i++) {
        buf_printf(&b,
                   "%s{\"id\":%zu,\"name\":\"svc%zu\",\"country_iso\":\"%s\","
                   "\"baseline_current\":%zu,\"status\":\"success\",\"stats_24\":[",
                   i ? "," : "", i, i, i % 2 ? "FR" : "JP", i % 50);
        for (size_t k = 0; k < 96; k++)
            buf_printf(&b, "%s%zu", k ? "," : "", (i + k) % 40);
        buf_puts(&b, "],\"indicators\":[{\"slug\":\"login\",\"percentage\":70},"
                     "{\"slug\":\"app\",\"percentage\":30}]}");
    }
    buf_putc(&b, ']');
    ok(parse_str(&provider_downdetector, buf_str(&b), &ev) == 0, "10,000 companies parse");
    is_int(ev.nreports, 10000, "10,000 series");
    for (size_t i = 0; all && i < ev.nreports; i++)
        all = ev.reports[i].ncounts == 96 && last_count(&ev.reports[i]) == (long)((i + 95) % 40) &&
              ev.reports[i].baseline_now == (long)(i % 50) && ev.reports[i].ncategories == 2 &&
              ev.reports[i].region == region_find(i % 2 ? "FR" : "JP");
    ok(ev.nreports == 10000 && all, "10,000: every series as generated, in order");
    evidence_free(&ev);
    buf_free(&b);
}

/* ==== both ==== */

struct hostile {
    const char *file;
    const char *feed_err;
    const char *dd_err; /* NULL: parses */
};

static const struct hostile hostile_cases[] = {
    {"truncated.json", "truncated", "truncated"},
    {"not-json.txt", "invalid JSON", "invalid JSON"},
    {"html-503.html", "HTML", "HTML"},
    {"empty.json", "empty body", "empty body"},
    {"whitespace-only.json", "empty body", "empty body"},
    {"bom-utf8-valid.json", "not a sitrep report feed", "not a Downdetector"},
    {"utf16le-bom.json", "not a sitrep report feed", "not a Downdetector"},
    {"wrong-type-components-string.json", "not a sitrep report feed", "not a Downdetector"},
    {"wrong-type-components-object.json", "not a sitrep report feed", "not a Downdetector"},
    {"wrong-type-component-number.json", "not a sitrep report feed", "not a Downdetector"},
    {"wrong-type-component-no-id.json", "not a sitrep report feed", "not a Downdetector"},
    {"wrong-type-status-number.json", "not a sitrep report feed", "not a Downdetector"},
    {"wrong-type-page-string.json", "not a sitrep report feed", "not a Downdetector"},
    {"wrong-type-incidents-string.json", "not a sitrep report feed", "not a Downdetector"},
    {"wrong-type-incident-number.json", "not a sitrep report feed", "not a Downdetector"},
    {"wrong-type-maintenances-object.json", "not a sitrep report feed", "not a Downdetector"},
    {"wrong-type-incident-updates-object.json", "not a sitrep report feed", "not a Downdetector"},
    {"wrong-type-created-at-number.json", "not a sitrep report feed", "not a Downdetector"},
    {"wrong-type-fields-mixed.json", "not a sitrep report feed", "not a Downdetector"},
    {"root-array.json", "the root is an array", "no company with stats_24 (1 company"},
    {"root-string.json", "invalid JSON", "invalid JSON"},
    {"root-no-known-field.json", "not a sitrep report feed", "not a Downdetector"},
    {"int-2p63-position.json", "not a sitrep report feed", "not a Downdetector"},
    {"real-overflow-1e999.json", "at byte", "at byte"},
    {"nesting-2049.json", "nesting too deep", "nesting too deep"},
    {"duplicate-keys.json", "not a sitrep report feed", "not a Downdetector"},
    {"terminal-escapes.json", "not a sitrep report feed", "not a Downdetector"},
    {"raw-control-bytes.json", "at byte", "at byte"},
    {"nul-escape.json", "at byte", "at byte"},
    {"invalid-utf8.json", "at byte", "at byte"},
    {"lone-surrogate.json", "at byte", "at byte"},
    {"trailing-garbage.json", "trailing data", "trailing data"},
    {"unknown-enum-status.json", "not a sitrep report feed", "not a Downdetector"},
};

static void test_hostile(void)
{
    for (size_t i = 0; i < NELEM(hostile_cases); i++) {
        const struct hostile *h = &hostile_cases[i];
        char rel[256];
        size_t len;
        char *body;
        struct evidence ev;

        snprintf(rel, sizeof rel, "%s%s", HOSTILE_DIR, h->file);
        body = tap_read_file(rel, &len);
        for (int k = 0; k < 2; k++) {
            const struct provider *p = k ? &provider_downdetector : &provider_reportfeed;
            const char *want = k ? h->dd_err : h->feed_err;
            int rc = parse_bytes(p, body, len, &ev);
            ok(rc == -1, "%s: hostile %s fails", p->name, h->file);
            if (!ok(strstr(err, want) != NULL, "%s: hostile %s says '%s'", p->name, h->file, want))
                tap_diag("got: %s", err);
            ok(err_is_clean(err), "%s: hostile %s: clean message", p->name, h->file);
            ok(is_zeroed(&ev), "%s: hostile %s: evidence zeroed", p->name, h->file);
            evidence_free(&ev);
        }
        free(body);
    }
}

/* Each provider refuses the other's fixtures, cleanly. */
static void test_cross(void)
{
    static const char *const feeds[] = {"doc-example.json", "minimal.json",
                                        "support-desk-5min.json"};
    static const char *const dds[] = {"companies-meta.json", "companies-quiet.json",
                                      "company-single.json", "companies-wrapped.json"};
    struct evidence ev;

    for (size_t i = 0; i < NELEM(feeds); i++) {
        char rel[256];
        snprintf(rel, sizeof rel, "%s%s", FEED_DIR, feeds[i]);
        parse_file(&provider_downdetector, rel, &ev);
        ok(is_zeroed(&ev) && strstr(err, "not a Downdetector companies response"),
           "downdetector refuses the feed %s", feeds[i]);
        evidence_free(&ev);
    }
    for (size_t i = 0; i < NELEM(dds); i++) {
        char rel[256];
        snprintf(rel, sizeof rel, "%s%s", DD_DIR, dds[i]);
        parse_file(&provider_reportfeed, rel, &ev);
        ok(is_zeroed(&ev) && strstr(err, "not a sitrep report feed"), "reportfeed refuses %s",
           dds[i]);
        evidence_free(&ev);
    }
}

static void test_small_errbuf(void)
{
    const struct provider *const providers[] = {&provider_reportfeed, &provider_downdetector};

    for (size_t i = 0; i < NELEM(providers); i++) {
        struct evidence ev;
        char tiny[8];
        const char *body = "{\"sitrep_report_feed\":1,\"regions\":5}";

        memset(&ev, 0, sizeof ev);
        memset(tiny, 'Z', sizeof tiny);
        ok(providers[i]->parse(body, strlen(body), &ev, tiny, sizeof tiny) == -1,
           "%s: tiny error buffer: fails", providers[i]->name);
        ok(memchr(tiny, '\0', sizeof tiny) != NULL, "%s: message truncated safely",
           providers[i]->name);
        ok(is_zeroed(&ev), "%s: tiny buffer: zeroed", providers[i]->name);
    }
    ok(provider_find("reportfeed") == &provider_reportfeed, "reportfeed is in the table");
    ok(provider_reportfeed.crowd && provider_downdetector.crowd, "both are crowd sources");
    ok(provider_find("downdetector") == &provider_downdetector, "downdetector is in the table");
}

int main(void)
{
    test_doc_example();
    test_feed_minimal();
    test_feed_desk();
    test_feed_bad_fixtures();
    test_feed_rules();
    test_feed_category_limits();
    test_feed_categories();
    test_feed_baselines();
    test_feed_accepts();
    test_feed_all_or_nothing();
    test_feed_sizes();
    test_feed_every_region();
    test_doc_messages();
    test_dd_meta();
    test_dd_partial_quiet();
    test_dd_wrapped_single();
    test_dd_wrappers();
    test_dd_odd();
    test_dd_errors();
    test_dd_rules();
    test_dd_statuses_and_sizes();
    test_dd_shares();
    test_dd_many();
    test_hostile();
    test_cross();
    test_small_errbuf();
    return tap_done();
}
