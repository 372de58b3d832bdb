/* Fusing crowd and official evidence: cells that say which evidence they
 * rest on, the lead time of the crowd over the official side, and the
 * shared-cause hint across a family, on hand-built report series. */
#include "config.h"

#include "sitrep/model.h"
#include "sitrep/xalloc.h"
#include "tap.h"
#include "testutil.h"

#define BUCKET 900
#define NOW    1795348800 /* 2026-11-22T12:00:00Z, a bucket boundary */

static const char config_text[] =
    "[sitrep]\ncolumns = ALL EU FR IT JP\n"
    "[service chat]\nname = Chat\nfamily = meta\nurl = https://official.example/s.json\n"
    "map = c-login => FR\n"
    "[source chat crowd]\nformat = reportfeed\nurl = https://crowd.example/chat.json\n"
    "[service photos]\nname = Photos\nfamily = meta\n"
    "[source photos crowd]\nformat = reportfeed\nurl = https://crowd.example/photos.json\n"
    "[service mail]\nname = Mail\nfamily = other\n"
    "[source mail crowd]\nformat = reportfeed\nurl = https://crowd.example/mail.json\n";

/* A day of steady reports (20 a bucket) ending at NOW, the last `spike`
 * buckets at 10x. */
static void add_series(struct evidence *ev, const char *region, int spike)
{
    tu_add_series(ev, region, 96, BUCKET, NOW, spike, NULL, NULL);
}

static void feed(struct model *m, size_t svc, size_t src, struct evidence *ev)
{
    evidence_update_level(ev);
    model_source_success(m, svc, src, ev, NOW);
}

static const struct snap_service *service(const struct snapshot *s, const char *id)
{
    for (size_t i = 0; i < s->nservices; i++) {
        if (strcmp(s->services[i].id, id) == 0)
            return &s->services[i];
    }
    printf("Bail out! no service %s\n", id);
    exit(1);
}

/* The official side: an open incident on Login (FR) that began at t. */
static void official(struct model *m, time_t t)
{
    struct evidence ev = {0};

    ev.components = xcalloc(1, sizeof *ev.components);
    ev.ncomponents = 1;
    ev.components[0] = (struct component){.id = xstrdup("c-login"),
                                          .name = xstrdup("Login"),
                                          .status = xstrdup("major_outage"),
                                          .level = LEVEL_MAJOR,
                                          .updated_at = t,
                                          .region = REGION_NONE};
    ev.incidents = xcalloc(1, sizeof *ev.incidents);
    ev.nincidents = 1;
    ev.incidents[0] = (struct incident){.id = xstrdup("i"),
                                        .name = xstrdup("We are aware"),
                                        .status = xstrdup("investigating"),
                                        .impact = xstrdup("major"),
                                        .level = LEVEL_PARTIAL,
                                        .open = true,
                                        .started_at = t};
    ev.incidents[0].component_ids = xcalloc(1, sizeof(char *));
    ev.incidents[0].component_ids[0] = xstrdup("c-login");
    ev.incidents[0].ncomponent_ids = 1;
    feed(m, 0, 0, &ev);
}

static void test_silent_then_acknowledged(void)
{
    struct config cfg;
    struct model *m;
    struct snapshot *snap;
    struct evidence ev = {0};

    tu_config(&cfg, config_text);
    m = model_new(&cfg);
    add_series(&ev, "FR", 6); /* 90 minutes of problems */
    feed(m, 0, 1, &ev);
    snap = model_snapshot(m, NOW);
    const struct snap_service *chat = service(snap, "chat");
    ok(chat->crowd_since == NOW - 6 * BUCKET, "the crowd problem began with the first high bucket");
    ok(chat->official_silent && chat->lead_s == -1,
       "no official word: silent, and no lead time yet (%ld s)", chat->lead_s);
    is_int(chat->cells[2].evidence, EVIDENCE_CROWD, "FR rests on the crowd alone");
    is_int(chat->cells[4].level, LEVEL_NONE, "JP: none");
    ok(chat->cells[2].reports == 200 && chat->cells[2].baseline > 15 &&
           chat->cells[2].baseline < 25,
       "FR carries the last bucket's reports against the baseline (%ld vs %ld)",
       chat->cells[2].reports, chat->cells[2].baseline);
    snapshot_free(snap);

    official(m, NOW - 3 * BUCKET + 120); /* the page speaks 47 min after the crowd */
    snap = model_snapshot(m, NOW);
    chat = service(snap, "chat");
    ok(!chat->official_silent && chat->lead_s == 47 * 60,
       "once the page speaks, the lead is fixed: crowd led official by 47 min (%ld s)",
       chat->lead_s);
    is_int(chat->cells[2].evidence, EVIDENCE_BOTH, "FR: official and crowd agree");
    is_int(chat->cells[3].evidence, EVIDENCE_NONE, "IT has neither");
    snapshot_free(snap);
    model_free(m);
    config_free(&cfg);
}

/* A series of n buckets ending at end: steady, high in [hi_from, hi_to). */
static void series_at(struct evidence *ev, size_t n, time_t end, size_t hi_from, size_t hi_to)
{
    struct report_series *r = tu_add_series(ev, "FR", n, BUCKET, end, 0, NULL, NULL);

    for (size_t i = hi_from; i < hi_to && i < n; i++)
        r->counts[i] = 200;
}

/* The page: Login's state at t, with the incident open when open. */
static void page_at(struct model *m, time_t t, bool open)
{
    struct evidence ev = {0};

    ev.components = xcalloc(1, sizeof *ev.components);
    ev.ncomponents = 1;
    ev.components[0] = (struct component){.id = xstrdup("c-login"),
                                          .name = xstrdup("Login"),
                                          .status = xstrdup(open ? "major_outage" : "operational"),
                                          .level = open ? LEVEL_MAJOR : LEVEL_OK,
                                          .updated_at = t};
    evidence_update_level(&ev);
    model_source_success(m, 0, 0, &ev, t);
}

/* Each crowd episode has its own lead time, fixed once the page speaks:
 * not moved by a second statement, nor carried over to the next episode. */
static void test_episodes(void)
{
    struct config cfg;
    struct model *m;
    struct snapshot *snap;
    struct evidence ev = {0};
    time_t t1 = NOW, t2 = NOW + 4 * 3600, t3 = NOW + 8 * 3600;
    size_t n1 = 96, n2 = 96 + 16, n3 = 96 + 32;

    tu_config(&cfg, config_text);
    m = model_new(&cfg);
    series_at(&ev, n1, t1, n1 - 6, n1); /* high for the last 90 min */
    model_source_success(m, 0, 1, &ev, t1);
    page_at(m, t1 - 2 * BUCKET, true); /* the page speaks 60 min after the crowd */
    snap = model_snapshot(m, t1);
    is_int(service(snap, "chat")->lead_s, 60 * 60, "first episode: crowd led by 60 min");
    snapshot_free(snap);

    page_at(m, t1 + 600, false); /* resolved; a second statement much later */
    page_at(m, t1 + 3000, true);
    snap = model_snapshot(m, t1 + 3000);
    is_int(service(snap, "chat")->lead_s, 60 * 60, "a second statement does not move it");
    snapshot_free(snap);
    page_at(m, t1 + 3600, false);

    memset(&ev, 0, sizeof ev); /* the crowd clears: quiet for hours */
    series_at(&ev, n2, t2, n1 - 6, n1);
    model_source_success(m, 0, 1, &ev, t2);
    snap = model_snapshot(m, t2);
    ok(service(snap, "chat")->crowd_since == 0 && service(snap, "chat")->lead_s == -1,
       "the crowd is clear: the episode and its lead are over");
    snapshot_free(snap);

    memset(&ev, 0, sizeof ev); /* a new episode: 4 high buckets, the page after 2 */
    series_at(&ev, n3, t3, n3 - 4, n3);
    model_source_success(m, 0, 1, &ev, t3);
    snap = model_snapshot(m, t3);
    ok(service(snap, "chat")->official_silent && service(snap, "chat")->lead_s == -1,
       "a new episode begins silent, the old lead not carried over");
    is_int(service(snap, "chat")->crowd_since, t3 - 4 * BUCKET, "dated from its own start");
    snapshot_free(snap);
    page_at(m, t3 - 2 * BUCKET, true);
    snap = model_snapshot(m, t3);
    is_int(service(snap, "chat")->lead_s, 2 * BUCKET, "and gets its own lead: 30 min");
    snapshot_free(snap);
    model_free(m);
    config_free(&cfg);
}

static void test_official_first(void)
{
    struct config cfg;
    struct model *m;
    struct snapshot *snap;
    struct evidence ev = {0};

    tu_config(&cfg, config_text);
    m = model_new(&cfg);
    official(m, NOW - 8 * BUCKET);
    add_series(&ev, "FR", 4);
    feed(m, 0, 1, &ev);
    snap = model_snapshot(m, NOW);
    is_int(service(snap, "chat")->lead_s, -1, "when the page spoke first there is no lead");
    ok(service(snap, "chat")->official_first && !service(snap, "chat")->official_silent,
       "it says the official side spoke first");
    snapshot_free(snap);
    model_free(m);
    config_free(&cfg);
}

static void test_shared_cause(void)
{
    struct config cfg;
    struct model *m;
    struct snapshot *snap;
    struct evidence a = {0}, b = {0}, c = {0};

    tu_config(&cfg, config_text);
    m = model_new(&cfg);
    add_series(&a, "FR", 6);
    add_series(&a, "JP", 0);
    add_series(&b, "FR", 5);
    add_series(&b, "IT", 5);
    add_series(&c, "FR", 6); /* same time, same region, other family */
    feed(m, 0, 1, &a);
    feed(m, 1, 0, &b);
    feed(m, 2, 0, &c);
    snap = model_snapshot(m, NOW);
    const struct snap_service *chat = service(snap, "chat"), *photos = service(snap, "photos");
    ok(chat->shared_family && strcmp(chat->shared_family, "meta") == 0 && chat->nshared_with == 1 &&
           strcmp(chat->shared_with[0], "Photos") == 0,
       "Chat and Photos, one family spiking together: a likely shared cause");
    ok(chat->nshared_regions == 1 && strcmp(region_code(chat->shared_regions[0]), "FR") == 0,
       "in the region they share (FR), not JP where Chat is quiet");
    ok(photos->shared_family && photos->nshared_with == 1, "both carry the hint");
    ok(!service(snap, "mail")->shared_family, "Mail, another family, does not");
    snapshot_free(snap);
    model_free(m);
    config_free(&cfg);
}

static void test_not_shared(void)
{
    struct config cfg;
    struct model *m;
    struct snapshot *snap;
    struct evidence a = {0}, b = {0};

    tu_config(&cfg, config_text);
    m = model_new(&cfg);
    add_series(&a, "FR", 6);
    add_series(&b, "IT", 6);
    feed(m, 0, 1, &a);
    feed(m, 1, 0, &b);
    snap = model_snapshot(m, NOW);
    ok(!service(snap, "chat")->shared_family && !service(snap, "photos")->shared_family,
       "the same family in different regions is not one cause");
    snapshot_free(snap);
    model_free(m);
    config_free(&cfg);
}

/* ---- history across a restart --------------------------------------- */

/* n buckets of steady reports ending at NOW. */
static void steady_series(struct evidence *ev, size_t n)
{
    add_series(ev, "FR", 0);
    struct report_series *r = &ev->reports[ev->nreports - 1];
    free(r->counts);
    r->start = NOW - (time_t)n * BUCKET;
    r->counts = xcalloc(n, sizeof *r->counts);
    r->ncounts = n;
    for (size_t i = 0; i < n; i++)
        r->counts[i] = (long)(18 + (i * 7) % 5);
}

struct counts {
    struct crowd_count *v;
    size_t n;
};

static void keep_count(void *ctx, const struct crowd_count *c)
{
    struct counts *cs = ctx;

    cs->v = xreallocarray(cs->v, cs->n + 1, sizeof *cs->v);
    cs->v[cs->n] = *c;
    cs->v[cs->n].key = xstrdup(c->key);
    cs->n++;
}

static enum baseline_method fr_method(struct model *m)
{
    struct snapshot *snap = model_snapshot(m, NOW);
    const struct snap_service *chat = service(snap, "chat");
    enum baseline_method b = chat->ncrowd ? chat->crowd[0].method : BASELINE_NONE;

    snapshot_free(snap);
    return b;
}

/* What the model took in goes to the store (the journal) and comes back
 * after a restart (restore): the detector then has its days of history
 * although the source sends only the last hours. */
static void test_restart(void)
{
    struct config cfg;
    struct model *a, *b, *c;
    struct evidence ev = {0};
    struct counts cs = {0};

    tu_config(&cfg, config_text);
    a = model_new(&cfg);
    model_journal(a, true);
    steady_series(&ev, 4 * 96);
    feed(a, 0, 1, &ev);
    model_take_counts(a, keep_count, &cs);
    is_int(cs.n, 4 * 96, "the journal holds every count the model took in");
    ok(cs.n && strcmp(cs.v[0].service, "chat") == 0 && strcmp(cs.v[0].source, "crowd") == 0 &&
           cs.v[0].bucket_s == BUCKET && cs.v[0].bucket == NOW - 4 * 96 * BUCKET,
       "each with its service, source, bucket and width");
    struct counts again = {0};
    steady_series(&ev, 4 * 96);
    feed(a, 0, 1, &ev);
    model_take_counts(a, keep_count, &again);
    is_int(again.n, 0, "the same counts again are not journaled twice");
    is_int(fr_method(a), BASELINE_DAILY, "four days of history: the daily baseline");

    b = model_new(&cfg); /* the next run, restoring from the store */
    for (size_t i = 0; i < cs.n; i++)
        model_crowd_restore(b, 0, 1, &cs.v[i]);
    {
        struct snapshot *snap = model_snapshot(b, NOW);
        ok(service(snap, "chat")->ncrowd == 0 &&
               service(snap, "chat")->cells[0].level == LEVEL_NONE,
           "restored history says nothing on the grid before the source answers");
        snapshot_free(snap);
    }
    c = model_new(&cfg); /* a run without history */
    steady_series(&ev, 8);
    feed(b, 0, 1, &ev);
    steady_series(&ev, 8);
    feed(c, 0, 1, &ev);
    is_int(fr_method(b), BASELINE_DAILY, "after a restart the detector keeps its daily baseline");
    ok(fr_method(c) != BASELINE_DAILY, "without the restore it could not have one");

    for (size_t i = 0; i < cs.n; i++)
        free((char *)cs.v[i].key);
    free(cs.v);
    free(again.v);
    model_free(a);
    model_free(b);
    model_free(c);
    config_free(&cfg);
}

int main(void)
{
    test_silent_then_acknowledged();
    test_official_first();
    test_episodes();
    test_shared_cause();
    test_not_shared();
    test_restart();
    return tap_done();
}
