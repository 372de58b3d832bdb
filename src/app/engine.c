/* The engine (see engine.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "sitrep/engine.h"
#include "sitrep/provider.h"
#include "sitrep/xalloc.h"

struct engine {
    const struct config *cfg;
    struct engine_opts opts;
    struct fetcher *fetcher;
    struct poller *poller;
    struct model *model;
    bool dirty;
};

static int64_t now_ms(const struct engine *e)
{
    return e->opts.clock(e->opts.clock_ctx);
}

static void record_timing(struct engine *e, size_t svc, size_t src)
{
    const struct poll_state *ps = poller_state(e->poller, svc, src);
    struct source_timing t = {
        .next_poll = (time_t)(ps->next_due_ms / 1000),
        .backoff_until = (time_t)(ps->backoff_until_ms / 1000),
        .http_status = ps->http_status,
        .elapsed_ms = ps->elapsed_ms,
        .slow = ps->slow,
    };

    model_source_timing(e->model, svc, src, &t);
}

/* A finished poll: parse it with the source's provider, feed the model. */
static void on_poll(void *user, size_t svc, size_t src, const struct fetch_result *res)
{
    struct engine *e = user;
    const struct source_conf *conf = &e->cfg->services[svc].sources[src];
    time_t now = (time_t)(now_ms(e) / 1000);
    struct evidence ev = {0};
    char err[256], reason[300];

    e->dirty = true;
    record_timing(e, svc, src);
    if (!res->ok) {
        model_source_failure(e->model, svc, src, res->error, now);
    } else if (res->not_modified) {
        model_source_unchanged(e->model, svc, src, now);
    } else if (conf->provider->parse(res->body, res->len, &ev, err, sizeof err) != 0) {
        snprintf(reason, sizeof reason, "%s: %s", conf->provider->name, err);
        model_source_failure(e->model, svc, src, reason, now);
    } else {
        model_source_success(e->model, svc, src, &ev, now);
    }
}

struct engine *engine_new(const struct config *cfg, const struct engine_opts *opts, char *err,
                          size_t errlen)
{
    struct engine *e = xcalloc(1, sizeof *e);
    struct fetch_opts fo = {
        .connect_timeout_ms = cfg->connect_timeout_s * 1000L,
        .total_timeout_ms = cfg->timeout_s * 1000L,
        .max_bytes = (size_t)cfg->max_size,
        .max_host_connections = cfg->per_host,
        .max_total_connections = cfg->connections,
        .ca_file = cfg->ca_file,
    };
    struct poll_opts po;

    e->cfg = cfg;
    e->opts = *opts;
    e->fetcher = fetcher_new(&fo, err, errlen);
    if (!e->fetcher) {
        free(e);
        return NULL;
    }
    poller_default_opts(&po);
    po.seed = opts->seed;
    if (opts->once)
        po.start_spread_ms = 0;
    e->model = model_new(cfg);
    e->poller = poller_new(cfg, e->fetcher, &po, opts->clock, opts->clock_ctx, on_poll, e);
    return e;
}

void engine_free(struct engine *e)
{
    if (!e)
        return;
    poller_free(e->poller);
    fetcher_free(e->fetcher);
    model_free(e->model);
    free(e);
}

int engine_step(struct engine *e, const int *fds, size_t nfds, bool *ready, int max_wait_ms)
{
    int64_t due;
    int wait = max_wait_ms;

    poller_start_due(e->poller);
    due = poller_next_due(e->poller);
    if (due >= 0 && due < wait)
        wait = (int)due;
    return fetcher_wait(e->fetcher, fds, nfds, ready, wait);
}

static int64_t real_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int engine_round(struct engine *e, int deadline_ms)
{
    int64_t end = real_ms() + deadline_ms;

    poller_refresh(e->poller);
    poller_start_due(e->poller);
    while (!poller_idle(e->poller)) {
        if (real_ms() >= end)
            return -1;
        if (fetcher_wait(e->fetcher, NULL, 0, NULL, 200) != 0)
            return -1;
    }
    return 0;
}

bool engine_idle(const struct engine *e)
{
    return poller_idle(e->poller);
}

bool engine_settled(const struct engine *e)
{
    return poller_all_polled(e->poller);
}

size_t engine_refresh(struct engine *e)
{
    return poller_refresh(e->poller);
}

bool engine_take_dirty(struct engine *e)
{
    bool d = e->dirty;

    e->dirty = false;
    return d;
}

struct snapshot *engine_snapshot(struct engine *e)
{
    return model_snapshot(e->model, (time_t)(now_ms(e) / 1000));
}

const struct poll_state *engine_poll_state(const struct engine *e, size_t svc, size_t src)
{
    return poller_state(e->poller, svc, src);
}
