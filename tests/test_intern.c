/* The string pool and interned evidence: one copy of each distinct
 * component string, shared by every source, by the journal's copies and by
 * the models of the past the journal tells, and given back exactly once
 * (the sanitizer build checks for double frees and leaks). */
#include "config.h"

#include <stdio.h>

#include "../src/model/model_internal.h"
#include "sitrep/intern.h"
#include "sitrep/journal.h"
#include "sitrep/provider.h"
#include "sitrep/xalloc.h"
#include "tap.h"
#include "testutil.h"

#define T0 1795000000 /* 2026-11-18T07:06:40Z */

static const char dropbox[] =
    "tests/fixtures/statuspage/atc0005-check-statuspage__dropbox-components.json";

static void test_pool(void)
{
    struct intern *in = intern_new();
    char a[] = "operational", b[] = "operational";
    const char *x = intern_get(in, a), *y = intern_get(in, b), *z = intern_get(in, "Europe");

    ok(x == y, "equal strings from different buffers: the same pointer");
    ok(x != a && x != b, "the pool keeps its own copy");
    ok(x != z, "different strings: different pointers");
    is_str(x, "operational", "the copy says what was asked");
    is_int(intern_count(in), 2, "two distinct strings held");
    ok(intern_get(in, NULL) == NULL, "NULL interns as NULL");

    intern_release(in, x);
    is_int(intern_count(in), 2, "one of two references given back: still held");
    ok(intern_get(in, "operational") == y, "and still found as the same pointer");
    intern_release(in, y);
    intern_release(in, y);
    is_int(intern_count(in), 1, "the last reference gives the string back");
    ok(intern_ref(z) == z, "another reference is the same pointer");
    intern_release(in, z);
    intern_release(in, z);
    is_int(intern_count(in), 0, "every reference given back: the pool is empty");
    is_int(intern_bytes(in) > 0, 1, "the table itself stays until the pool goes");

    /* Many strings, every other one released: the table's deletions keep
     * the others findable at the same address. */
    enum { N = 5000 };
    const char **v = xcalloc(N, sizeof *v);
    char buf[32];
    for (int i = 0; i < N; i++) {
        snprintf(buf, sizeof buf, "component %d", i);
        v[i] = intern_get(in, buf);
    }
    for (int i = 0; i < N; i += 2)
        intern_release(in, v[i]);
    int same = 0, fresh = 0;
    for (int i = 1; i < N; i += 2) {
        snprintf(buf, sizeof buf, "component %d", i);
        const char *again = intern_get(in, buf);
        same += again == v[i];
        intern_release(in, again);
    }
    for (int i = 0; i < N; i += 2) {
        snprintf(buf, sizeof buf, "component %d", i);
        v[i] = intern_get(in, buf);
        fresh += strcmp(v[i], buf) == 0;
    }
    is_int(same, N / 2, "after %d deletions every string left is found at its address", N / 2);
    is_int(fresh, N / 2, "the deleted ones come back as new copies");
    is_int(intern_count(in), N, "%d distinct strings held", N);
    for (int i = 0; i < N; i++)
        intern_release(in, v[i]);
    is_int(intern_count(in), 0, "all given back");
    free(v);

    char *owned = xstrdup("API");
    char *taken = intern_take(in, owned);
    is_str(taken, "API", "a string taken over reads the same");
    ok(intern_get(in, "API") == taken, "and is the pool's copy");
    intern_release(in, taken);
    intern_release(in, taken);
    intern_free(in);
}

static void parse_fixture(struct evidence *ev)
{
    char err[256];
    size_t len;
    char *body = tap_read_file(dropbox, &len);

    memset(ev, 0, sizeof *ev);
    if (provider_parse(provider_find("statuspage"), body, len, ev, err, sizeof err) != 0) {
        printf("Bail out! %s: %s\n", dropbox, err);
        exit(1);
    }
    free(body);
}

/* Every string field of every component of a and b is the same pointer. */
static bool shares_all(const struct evidence *a, const struct evidence *b)
{
    if (a->ncomponents != b->ncomponents || a->ncomponents == 0)
        return false;
    for (size_t i = 0; i < a->ncomponents; i++) {
        const struct component *x = &a->components[i], *y = &b->components[i];
        if (x->id != y->id || x->name != y->name || x->group_id != y->group_id ||
            x->group_name != y->group_name || x->status != y->status)
            return false;
    }
    return true;
}

static void test_evidence(void)
{
    struct intern *in = intern_new();
    struct evidence a, b, c, plain;

    parse_fixture(&a);
    parse_fixture(&b);
    ok(!shares_all(&a, &b), "two parses of one page: separate copies before interning");
    evidence_copy(&plain, &a);
    size_t owned_size = evidence_size(&a);

    evidence_intern(&a, in);
    evidence_intern(&b, in);
    ok(a.pool == in && b.pool == in, "interned evidence names its pool");
    ok(shares_all(&a, &b), "two sources with the same page: one copy of each string");
    is_str(a.components[0].name, plain.components[0].name, "names read the same after interning");
    is_str(a.components[0].status, plain.components[0].status, "so do statuses");
    ok(evidence_size(&a) < owned_size, "pooled strings are not counted twice in the size");
    size_t held = intern_count(in);
    ok(held > 0 && held < 5 * a.ncomponents, "%zu distinct strings for %zu components", held,
       a.ncomponents);

    evidence_copy(&c, &a);
    ok(c.pool == in && shares_all(&a, &c), "a copy shares the pooled strings");
    is_int(intern_count(in), held, "a copy adds no string");
    evidence_intern(&c, in);
    ok(shares_all(&a, &c), "interning pooled evidence again changes nothing");

    evidence_free(&a);
    ok(!strcmp(b.components[0].name, plain.components[0].name) &&
           !strcmp(c.components[0].name, plain.components[0].name),
       "freeing one holder leaves the others' strings whole");
    evidence_free(&b);
    evidence_free(&c);
    is_int(intern_count(in), 0, "the last holder gone: every string given back once");
    ok(plain.pool == NULL, "a copy of owned evidence owns its strings");
    evidence_free(&plain);
    intern_free(in);
}

/* The journal keeps a copy of each parsed body and tells models of the
 * past: both share the live model's strings. */
static void test_journal(void)
{
    struct config cfg;
    struct intern *in = intern_new();
    struct journal *j = journal_new(1 << 20);
    struct source_timing t = {0};
    struct evidence ev;

    tu_config(&cfg, "[service a]\nurl = https://a.example/api/v2/summary.json\n"
                    "[service b]\nurl = https://b.example/api/v2/summary.json\n");
    struct model *live = model_new(&cfg);
    for (size_t svc = 0; svc < 2; svc++) {
        parse_fixture(&ev);
        evidence_intern(&ev, in);
        journal_add(j, (int64_t)(T0 + svc) * 1000, svc, 0, &t, JOURNAL_SUCCESS, 1 + svc, &ev, NULL);
        model_source_success(live, svc, 0, &ev, T0 + (time_t)svc);
    }
    size_t held = intern_count(in);
    const struct evidence *la = &live->services[0].sources[0].ev;
    const struct evidence *lb = &live->services[1].sources[0].ev;
    ok(shares_all(la, lb), "the live model: two services, one copy of each string");

    struct journal_cursor cur = {.model = model_new(&cfg)};
    ok(journal_tell(j, &cur, (int64_t)(T0 + 5) * 1000), "the journal tells a model of the past");
    const struct evidence *pa = &cur.model->services[0].sources[0].ev;
    ok(shares_all(la, pa), "the model of the past holds the live model's strings, not copies");
    is_int(intern_count(in), held, "telling the past adds no string");

    struct snapshot *now = model_snapshot(live, T0 + 5), *then = model_snapshot(cur.model, T0 + 5);
    is_int(then->services[0].level, now->services[0].level, "and says what the live model says");
    snapshot_free(now);
    snapshot_free(then);

    model_free(cur.model);
    model_free(live);
    ok(intern_count(in) > 0, "the journal still holds its copies' strings");
    journal_free(j);
    is_int(intern_count(in), 0, "models and journal gone: every string given back once");
    intern_free(in);
    config_free(&cfg);
}

int main(void)
{
    test_pool();
    test_evidence();
    test_journal();
    return tap_done();
}
