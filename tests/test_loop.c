/* The event loop's registry (loop.h), and the one wait that serves it:
 * more descriptors than the old fixed arrays held (8 and 16), in both the
 * polling wait (curl's) and the replay's. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sitrep/config.h"
#include "sitrep/engine.h"
#include "sitrep/fetch.h"
#include "sitrep/loop.h"
#include "sitrep/recording.h"
#include "tap.h"

#define MANY 40

struct hit {
    int fired[MANY];
    int order[MANY];
    size_t n;
    struct loop *loop;
    int remove_id; /* a handler that takes this source away */
};

struct who {
    struct hit *hit;
    int index;
};

static void on_ready(void *ctx)
{
    struct who *w = ctx;

    w->hit->fired[w->index]++;
    w->hit->order[w->hit->n++] = w->index;
    if (w->hit->remove_id) {
        loop_remove(w->hit->loop, w->hit->remove_id);
        w->hit->remove_id = 0;
    }
}

static void test_registry(void)
{
    struct loop *l = loop_new();
    struct hit hit = {.loop = l};
    struct who who[4];
    const int *fds;
    bool *ready;
    int ids[4];

    for (int i = 0; i < 4; i++) {
        who[i] = (struct who){&hit, i};
        ids[i] = loop_add(l, i == 0 ? "terminal" : "other", 100 + i, on_ready, &who[i]);
    }
    loop_remove(l, ids[1]);
    is_int(loop_fds(l, &fds, &ready), 3, "three sources after one of four is removed");
    ok(fds[0] == 100 && fds[1] == 102 && fds[2] == 103, "in the order they were added");
    is_str(loop_name(l, 0), "terminal", "each with its name");
    ready[2] = ready[0] = true;
    loop_dispatch(l);
    ok(hit.n == 2 && hit.order[0] == 0 && hit.order[1] == 3,
       "the ready ones' handlers run, in order");
    ok(!ready[0] && !ready[2], "and their flags are cleared");
    loop_dispatch(l);
    is_int(hit.n, 2, "nothing ready: nothing runs");
    /* the first handler takes the third source away before its turn */
    hit.remove_id = ids[3];
    loop_fds(l, &fds, &ready);
    ready[0] = ready[2] = true;
    loop_dispatch(l);
    ok(hit.n == 3 && hit.fired[3] == 1 && loop_count(l) == 2,
       "a source removed by a handler before its turn does not run");
    loop_remove(l, 12345);
    is_int(loop_count(l), 2, "removing an unknown id changes nothing");
    loop_free(l);
}

/* MANY pipes; the one at index k is written to; the wait must see it and
 * its handler alone must run. */
struct pipes {
    int fd[MANY][2];
    struct who who[MANY];
    struct hit hit;
    struct loop *loop;
};

static void pipes_open(struct pipes *p)
{
    memset(p, 0, sizeof *p);
    p->loop = loop_new();
    p->hit.loop = p->loop;
    for (int i = 0; i < MANY; i++) {
        if (pipe(p->fd[i]) != 0)
            abort();
        p->who[i] = (struct who){&p->hit, i};
        loop_add(p->loop, "pipe", p->fd[i][0], on_ready, &p->who[i]);
    }
}

static void pipes_close(struct pipes *p)
{
    for (int i = 0; i < MANY; i++) {
        close(p->fd[i][0]);
        close(p->fd[i][1]);
    }
    loop_free(p->loop);
}

static void test_fetcher_wait(void)
{
    struct fetch_opts fo = {0};
    char err[256];
    struct fetcher *f = fetcher_new(&fo, err, sizeof err);
    struct pipes p;
    const int *fds;
    bool *ready;
    size_t n;

    pipes_open(&p);
    if (write(p.fd[37][1], "x", 1) != 1)
        abort();
    n = loop_fds(p.loop, &fds, &ready);
    ok(fetcher_wait(f, fds, n, ready, 2000) == 0 && ready[37],
       "curl's wait sees descriptor 38 of %d", MANY);
    loop_dispatch(p.loop);
    ok(p.hit.n == 1 && p.hit.fired[37] == 1, "and only its handler runs");
    pipes_close(&p);
    fetcher_free(f);
}

struct clock {
    int64_t ms;
};

static int64_t clock_now(void *ctx)
{
    return ((struct clock *)ctx)->ms;
}

static void test_engine_step(void)
{
    char err[512], *errors = NULL, *path;
    struct recording *rec = recording_load(SITREP_SRCDIR "/data/demo", err, sizeof err);
    struct config cfg;
    struct clock clock;
    struct engine_opts eo = {.clock = clock_now, .clock_ctx = &clock, .speed = 1};
    struct engine *e;
    struct pipes p;

    if (!rec) {
        ok(0, "the demo recording loads: %s", err);
        return;
    }
    path = recording_config_path(rec);
    if (config_load_file(path, &cfg, &errors) != 0) {
        ok(0, "the demo config loads: %s", errors ? errors : "?");
        return;
    }
    eo.replay = rec;
    clock.ms = rec->end_ms + 1; /* every response fed: the step only waits */
    e = engine_new(&cfg, &eo, err, sizeof err);
    while (!engine_replay_done(e))
        engine_step(e, NULL, 0);
    pipes_open(&p);
    if (write(p.fd[MANY - 1][1], "x", 1) != 1)
        abort();
    ok(engine_step(e, p.loop, 2000) == 0 && p.hit.n == 1 && p.hit.fired[MANY - 1] == 1,
       "a replay's wait sees the last of %d descriptors, and its handler has run", MANY);
    pipes_close(&p);
    engine_free(e);
    recording_free(rec);
    config_free(&cfg);
    free(errors);
    free(path);
}

int main(void)
{
    test_registry();
    test_fetcher_wait();
    test_engine_step();
    return tap_done();
}
