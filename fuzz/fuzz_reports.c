/* Fuzz target: bytes -> provider_reportfeed.parse and provider_downdetector
 * .parse (both, every input) -> invariants on the crowd evidence. Built with
 * -fsanitize=fuzzer for fuzzing and with replay.c for make check. Any
 * broken invariant aborts, so the fuzzer keeps the input.
 *
 * Besides what evidence.h promises, the checks read the body again with
 * jansson and compare the counts found there with the parser's, so a
 * shared mistake is less likely to hide. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "sitrep/evidence.h"
#include "sitrep/provider.h"
#include "sitrep/region.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "invariant failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__);          \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

static const char *const dd_wrappers[] = {"companies", "data", "results"};

/* A failed parse leaves nothing behind and explains itself without echoing
 * the body: short printable ASCII only. */
static void check_failure(const struct evidence *ev, const char *err, size_t errlen)
{
    static const struct evidence zero;

    CHECK(memcmp(ev, &zero, sizeof zero) == 0);
    CHECK(memchr(err, '\0', errlen) != NULL);
    CHECK(err[0] != '\0');
    for (const char *p = err; *p; p++)
        CHECK((unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7f);
}

static void check_categories(const struct report_series *s)
{
    double total = 0;

    CHECK((s->ncategories == 0) == (s->categories == NULL));
    for (size_t i = 0; i < s->ncategories; i++) {
        const struct report_category *c = &s->categories[i];
        CHECK(c->name != NULL && c->name[0] != '\0');
        CHECK(c->share >= 0 && c->share <= 1);
        if (i > 0)
            CHECK(s->categories[i - 1].share >= c->share);
        total += c->share;
    }
    CHECK(total <= 1 + 1e-6 + 1e-9 * (double)s->ncategories);
}

/* What every crowd series promises, whichever provider made it. */
static void check_series(const struct report_series *s)
{
    CHECK(s->bucket_s >= 60 && s->bucket_s <= 86400 && 86400 % s->bucket_s == 0);
    CHECK(s->ncounts >= 1 && s->counts != NULL);
    for (size_t i = 0; i < s->ncounts; i++)
        CHECK(s->counts[i] >= 0);
    for (size_t i = 0; s->baseline && i < s->ncounts; i++)
        CHECK(s->baseline[i] >= 0);
    CHECK(s->baseline_now >= -1);
    CHECK(s->status == LEVEL_NONE || s->status == LEVEL_OK || s->status == LEVEL_UNKNOWN ||
          s->status == LEVEL_NOTICE || s->status == LEVEL_MAJOR);
    CHECK(s->region == REGION_NONE || (s->region >= 0 && (size_t)s->region < region_count()));
    check_categories(s);
}

static void check_common(const struct evidence *ev)
{
    CHECK(ev->nreports >= 1 && ev->reports != NULL);
    CHECK(ev->ncomponents == 0 && ev->components == NULL);
    CHECK(ev->nincidents == 0 && ev->incidents == NULL);
    CHECK(ev->level == LEVEL_NONE);
    for (size_t i = 0; i < ev->nreports; i++)
        check_series(&ev->reports[i]);
}

/* The counts of arr (a JSON array) are exactly s's. */
static void check_counts_match(const json_t *arr, const struct report_series *s)
{
    CHECK(json_array_size(arr) == s->ncounts);
    for (size_t i = 0; i < s->ncounts; i++)
        CHECK(json_number_value(json_array_get(arr, i)) == (double)s->counts[i]);
}

static void check_feed(const struct evidence *ev, const json_t *root)
{
    const json_t *regions = json_object_get(root, "regions");
    bool *seen = calloc(region_count(), sizeof *seen);

    CHECK(seen != NULL);
    CHECK(json_array_size(regions) == ev->nreports);
    for (size_t i = 0; i < ev->nreports; i++) {
        const struct report_series *s = &ev->reports[i];
        const json_t *r = json_array_get(regions, i);
        CHECK(s->bucket_s == (int)json_number_value(json_object_get(root, "bucket_seconds")));
        CHECK(s->ncounts <= 2016 && s->start > 0 && s->start % s->bucket_s == 0);
        CHECK(s->status != LEVEL_UNKNOWN);
        CHECK(s->region != REGION_NONE && !seen[s->region]);
        seen[s->region] = true;
        CHECK(s->region_text && region_resolve(s->region_text) == s->region);
        CHECK(strcmp(s->region_text, json_string_value(json_object_get(r, "region"))) == 0);
        CHECK(!(s->baseline && s->baseline_now != -1));
        CHECK((s->label == NULL) == (ev->page_name == NULL));
        CHECK(!s->label || strcmp(s->label, ev->page_name) == 0);
        CHECK(s->ncategories <= 32);
        for (size_t k = 0; k < s->ncategories; k++)
            CHECK(strlen(s->categories[k].name) <= 64);
        check_counts_match(json_object_get(r, "counts"), s);
    }
    free(seen);
}

/* The company list the way the API documents it, found independently. */
static const json_t *dd_list(const json_t *root, json_t **owned)
{
    *owned = NULL;
    if (json_is_array(root))
        return root;
    for (size_t i = 0; i < COUNT_OF(dd_wrappers); i++) {
        const json_t *v = json_object_get(root, dd_wrappers[i]);
        if (json_is_array(v))
            return v;
    }
    *owned = json_array();
    CHECK(*owned != NULL && json_array_append(*owned, (json_t *)root) == 0);
    return *owned;
}

static void check_downdetector(const struct evidence *ev, const json_t *root)
{
    json_t *owned;
    const json_t *list = dd_list(root, &owned);
    size_t k = 0;

    for (size_t i = 0; i < json_array_size(list); i++) {
        const json_t *stats = json_object_get(json_array_get(list, i), "stats_24");
        if (json_array_size(stats) == 0)
            continue;
        CHECK(k < ev->nreports);
        check_counts_match(stats, &ev->reports[k++]);
    }
    CHECK(k == ev->nreports);
    for (size_t i = 0; i < ev->nreports; i++) {
        const struct report_series *s = &ev->reports[i];
        CHECK(s->bucket_s == 900 && s->start == 0 && s->ncounts <= 672);
        CHECK(s->baseline == NULL && s->label != NULL);
        CHECK(s->region_text || s->region == REGION_NONE);
    }
    CHECK(ev->page_name == NULL && ev->updated_at == 0);
    json_decref(owned);
}

static void run(const struct provider *p, const uint8_t *data, size_t size,
                void (*check)(const struct evidence *, const json_t *))
{
    struct evidence ev;
    char err[256], small[40];
    size_t smallen = 1 + size % sizeof small;
    json_t *root;

    memset(&ev, 0, sizeof ev);
    memset(err, 'x', sizeof err);
    if (p->parse((const char *)data, size, &ev, err, sizeof err) != 0) {
        check_failure(&ev, err, sizeof err);
        /* Same answer into a short buffer, cut safely. */
        memset(small, 'x', sizeof small);
        CHECK(p->parse((const char *)data, size, &ev, small, smallen) != 0);
        CHECK(memchr(small, '\0', smallen) != NULL);
        CHECK(strncmp(small, err, smallen - 1) == 0);
        return;
    }
    check_common(&ev);
    root = provider_load_json((const char *)data, size, err, sizeof err);
    CHECK(root != NULL);
    check(&ev, root);
    json_decref(root);
    evidence_free(&ev);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    run(&provider_reportfeed, data, size, check_feed);
    run(&provider_downdetector, data, size, check_downdetector);
    return 0;
}
