/* The engine (see engine.h). */
#include "config.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine_internal.h"
#include "sitrep/engine.h"
#include "sitrep/history.h"
#include "sitrep/journal.h"
#include "sitrep/loop.h"
#include "sitrep/provider.h"
#include "sitrep/remote.h"
#include "sitrep/xalloc.h"

#define HIST_SPAN_S    (7 * 86400L) /* level history kept in memory */
#define HIST_LOAD_S    86400L       /* of it, read back from the store at start */
#define HIST_MIN_S     3600L        /* the sparklines' narrowest window */
#define FLUSH_EVERY_MS 250
/* After a failed flush (disk full, I/O error) the next try waits, doubling
 * from a second up to a minute: a full disk is not hammered four times a
 * second, and room made is noticed within a minute. */
#define FLUSH_RETRY_MIN_MS 1000
#define FLUSH_RETRY_MAX_MS 60000
/* What the journal keeps for time travel: about two days of 50 sources
 * polled every minute (an entry is some 64 bytes; changed bodies are kept
 * once, parsed); before that only the grid's levels are known. The demo
 * and most recordings fit whole. */
#define JOURNAL_MAX_BYTES (8u << 20)
#define MAINTAIN_EVERY    (3600 * 1000)
/* A viewer: a full snapshot of ten thousand services is tens of MB. */
#define REMOTE_MAX_BYTES (256u << 20)
#define REMOTE_PAST_MS   5000 /* a moment's snapshot: how long to wait for it */
/* One sitrep is built and measured for this many sources: peak memory
 * about BUDGET_BASE_MB plus BUDGET_PER_SOURCE_KB a source. */
#define BUDGET_SOURCES       10000
#define BUDGET_BASE_MB       24
#define BUDGET_PER_SOURCE_KB 4

static int64_t now_ms(const struct engine *e)
{
    return engine_now_ms(e);
}

static int64_t known_ms(const struct engine *e)
{
    return engine_known_ms(e);
}

static int64_t real_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static size_t source_index(const struct engine *e, size_t svc, size_t src)
{
    return e->first_src[svc] + src;
}

/* ---- history out: statements and crowd counts ------------------------- */

static void write_statements(struct engine *e, size_t svc, size_t src, const struct evidence *ev)
{
    const struct service_conf *sc = &e->cfg->services[svc];
    time_t *said = &e->said[source_index(e, svc, src)], newest = *said;

    for (size_t i = 0; i < ev->nincidents; i++) {
        const struct incident *inc = &ev->incidents[i];
        for (size_t j = 0; j < inc->nupdates; j++) {
            const struct incident_update *u = &inc->updates[j];
            if (u->at <= *said)
                continue;
            struct store_statement st = {
                .service = sc->id,
                .source = sc->sources[src].id,
                .incident = inc->id ? inc->id : inc->name,
                .title = inc->name,
                .at = u->at,
                .status = u->status ? u->status : "",
                .body = u->body,
                .level = inc->level,
            };
            store_put_statement(e->opts.store, &st);
            if (u->at > newest)
                newest = u->at;
        }
    }
    *said = newest;
}

static void put_count(void *ctx, const struct crowd_count *c)
{
    struct engine *e = ctx;
    struct store_crowd sc = {
        .service = c->service,
        .source = c->source,
        .key = c->key,
        .bucket = c->bucket,
        .bucket_s = c->bucket_s,
        .count = c->count,
        .baseline = c->baseline,
    };

    store_put_crowd(e->opts.store, &sc);
}

/* ---- feeding the model ----------------------------------------------- */

/* A finished poll (live or replayed) at t_ms: parse it with the source's
 * provider, feed the model, keep what the store wants. */
static void apply(struct engine *e, size_t svc, size_t src, const struct fetch_result *res,
                  const struct source_timing *timing, int64_t t_ms)
{
    const struct source_conf *conf = &e->cfg->services[svc].sources[src];
    time_t now = (time_t)(t_ms / 1000);
    struct evidence ev = {0};
    char err[256], reason[400];
    bool writing = e->opts.store && store_writable(e->opts.store);
    const char *why = NULL;

    uint64_t *last = &e->body_hash[source_index(e, svc, src)];
    uint64_t hash = res->ok && !res->not_modified ? journal_hash(res->body, res->len) : 0;

    e->dirty = true;
    engine_touch(e, svc);
    model_source_timing(e->model, svc, src, timing);
    /* The same bytes as the last body parsed say what a 304 would: most
     * pages send no validators, and most polls find nothing new. */
    if (hash && hash == *last)
        e->same_body++;
    if (!res->ok) {
        why = res->error;
        if (res->http_status == 401 && conf->auth == AUTH_NONE && conf->provider->mentions)
            why = "needs login: this instance shows the timeline to logged-in readers only "
                  "(HTTP 401); asked again rarely";
    } else if (res->not_modified || (hash && hash == *last)) {
        journal_add(e->journal, t_ms, svc, src, timing, JOURNAL_UNCHANGED, 0, NULL, NULL);
        model_source_unchanged(e->model, svc, src, now);
    } else if (e->parsed++,
               provider_parse(conf->provider, res->body, res->len, &ev, err, sizeof err) != 0) {
        /* A wrong format in the config is the likeliest cause: say which
         * one the body looks like. */
        const struct provider *like = provider_sniff(res->body, res->len);
        if (like && like != conf->provider)
            snprintf(reason, sizeof reason, "%s: %s (it looks like format = %s)",
                     conf->provider->name, err, like->name);
        else
            snprintf(reason, sizeof reason, "%s: %s", conf->provider->name, err);
        why = reason;
        *last = 0;
    } else {
        *last = hash;
        evidence_intern(&ev, e->strings);
        journal_add(e->journal, t_ms, svc, src, timing, JOURNAL_SUCCESS, hash, &ev, NULL);
        if (writing)
            write_statements(e, svc, src, &ev);
        if (e->poller && ev.next_query)
            poller_set_cursor(e->poller, svc, src, ev.next_query);
        model_source_success(e->model, svc, src, &ev, now);
        if (writing)
            model_take_counts(e->model, put_count, e);
    }
    if (why) {
        journal_add(e->journal, t_ms, svc, src, timing, JOURNAL_FAILURE, 0, NULL, why);
        model_source_failure(e->model, svc, src, why, now);
    }
}

static void record(struct engine *e, size_t svc, size_t src, const struct fetch_result *res,
                   const struct source_timing *t, int64_t t_ms)
{
    const struct service_conf *sc = &e->cfg->services[svc];
    struct record_entry re = {
        .t_ms = t_ms,
        .service = sc->id,
        .source = sc->sources[src].id,
        .url = (char *)(res->url && *res->url ? res->url : sc->sources[src].url),
        .status = res->http_status,
        .headers = (char *)res->headers,
        .error = (char *)(res->ok ? NULL : res->error),
        .unreachable = res->unreachable,
        .elapsed_ms = (long)(res->elapsed_s * 1000),
        .next_poll_ms = (int64_t)t->next_poll * 1000,
        .backoff_until_ms = (int64_t)t->backoff_until * 1000,
    };
    char err[512];
    bool has_body = res->ok && !res->not_modified;

    if (recorder_add(e->opts.recorder, &re, res->body, res->len, has_body, err, sizeof err) != 0)
        fprintf(stderr, "sitrep: --record: %s\n", err);
}

static void on_poll(void *user, size_t svc, size_t src, const struct fetch_result *res)
{
    struct engine *e = user;
    const struct poll_state *ps = poller_state(e->poller, svc, src);
    struct source_timing t = {
        .next_poll = (time_t)(ps->next_due_ms / 1000),
        .backoff_until = (time_t)(ps->backoff_until_ms / 1000),
        .http_status = ps->http_status,
        .elapsed_ms = ps->elapsed_ms,
        .slow = ps->slow,
    };
    int64_t t_ms = now_ms(e);

    if (e->opts.recorder)
        record(e, svc, src, res, &t, t_ms);
    apply(e, svc, src, res, &t, t_ms);
}

/* ---- replay ---------------------------------------------------------- */

static void map_entries(struct engine *e)
{
    const struct recording *rec = e->opts.replay;

    e->entry_svc = xcalloc(rec->nentries ? rec->nentries : 1, sizeof *e->entry_svc);
    e->entry_src = xcalloc(rec->nentries ? rec->nentries : 1, sizeof *e->entry_src);
    for (size_t k = 0; k < rec->nentries; k++) {
        const struct record_entry *re = &rec->entries[k];
        e->entry_svc[k] = -1;
        for (size_t i = 0; i < e->cfg->nservices && e->entry_svc[k] < 0; i++) {
            const struct service_conf *sc = &e->cfg->services[i];
            if (strcmp(sc->id, re->service) != 0)
                continue;
            for (size_t j = 0; j < sc->nsources; j++) {
                if (strcmp(sc->sources[j].id, re->source) == 0) {
                    e->entry_svc[k] = (long)i;
                    e->entry_src[k] = (long)j;
                }
            }
        }
    }
}

/* One recorded response through the same path as a live one. */
static void replay_entry(struct engine *e, size_t k)
{
    const struct recording *rec = e->opts.replay;
    const struct record_entry *re = &rec->entries[k];
    char why[512];
    char *body = NULL;
    size_t len = 0;
    struct fetch_result res = {
        .url = re->url,
        .http_status = re->status,
        .unreachable = re->unreachable,
        .body = "",
        .error = re->error,
        .elapsed_s = re->elapsed_ms / 1000.0,
    };
    struct source_timing t = {
        .next_poll = (time_t)(re->next_poll_ms / 1000),
        .backoff_until = (time_t)(re->backoff_until_ms / 1000),
        .http_status = re->status,
        .elapsed_ms = re->elapsed_ms,
    };

    if (e->entry_svc[k] < 0)
        return; /* a source the config no longer has */
    if (!re->error && re->status == 304) {
        res.ok = res.not_modified = true;
    } else if (!re->error && re->status >= 200 && re->status < 300 && re->body_file) {
        body = recording_body(rec, re, (size_t)e->cfg->max_size, &len, why, sizeof why);
        res.ok = body != NULL;
        res.body = body ? body : "";
        res.len = len;
        if (!body)
            res.error = why;
    } else if (!re->error) {
        snprintf(why, sizeof why, re->status ? "HTTP %ld" : "no answer", re->status);
        res.error = why;
    }
    t.slow = res.ok && re->elapsed_ms > 5000;
    apply(e, (size_t)e->entry_svc[k], (size_t)e->entry_src[k], &res, &t, re->t_ms);
    free(body);
}

static void replay_until(struct engine *e, int64_t t_ms)
{
    const struct recording *rec = e->opts.replay;

    while (e->next < rec->nentries && rec->entries[e->next].t_ms <= t_ms)
        replay_entry(e, e->next++);
}

/* Waits for the descriptors like fetcher_wait() does, without transfers. */
static int wait_fds(const int *fds, size_t nfds, bool *ready, int timeout_ms)
{
    struct pollfd few[8], *pfd = nfds <= 8 ? few : xcalloc(nfds, sizeof *pfd);
    int rc;

    for (size_t i = 0; i < nfds; i++) {
        ready[i] = false;
        pfd[i] = (struct pollfd){.fd = fds[i], .events = POLLIN};
    }
    rc = poll(pfd, nfds, timeout_ms);
    for (size_t i = 0; rc > 0 && i < nfds; i++)
        ready[i] = (pfd[i].revents & (POLLIN | POLLHUP | POLLERR)) != 0;
    if (pfd != few)
        free(pfd);
    return 0; /* EINTR too: the caller loops */
}

/* ---- history in: the store's past at start --------------------------- */

static long service_index(const struct config *cfg, const char *id)
{
    for (size_t i = 0; i < cfg->nservices; i++) {
        if (strcmp(cfg->services[i].id, id) == 0)
            return (long)i;
    }
    return -1;
}

static long column_index(const struct config *cfg, const char *code)
{
    for (size_t c = 0; c < cfg->ncolumns; c++) {
        if (strcmp(region_code(cfg->columns[c]), code) == 0)
            return (long)c;
    }
    return -1;
}

/* The store keeps the service's level ("*") in every bucket, and a cell
 * only when it said more than ok: a cell missing beside its service was
 * ok, or had nothing at all (the store cannot tell those apart). */
static bool load_sample(void *ctx, const struct store_sample *s, int bucket_s)
{
    struct engine *e = ctx;
    long svc = e->load_svc, col;
    size_t row;

    /* samples come by bucket, then service: each service's rows in a run */
    if (svc < 0 || strcmp(e->cfg->services[svc].id, s->service) != 0)
        svc = e->load_svc = service_index(e->cfg, s->service);

    if (svc < 0 || bucket_s != history_bucket_s(e->hist))
        return true;
    row = (size_t)svc * e->stride;
    if (strcmp(s->region, "*") == 0) {
        history_note(e->hist, row, s->bucket, hist_pack(s->level, s->evidence, false));
        for (size_t c = 0; c < e->cfg->ncolumns; c++)
            history_note(e->hist, row + 1 + c, s->bucket, hist_pack(LEVEL_OK, 0, false));
    } else if ((col = column_index(e->cfg, s->region)) >= 0) {
        history_note(e->hist, row + 1 + (size_t)col, s->bucket,
                     hist_pack(s->level, s->evidence, false));
    }
    return true;
}

struct restore_ctx {
    struct engine *e;
    size_t svc, src;
};

static bool load_count(void *ctx, const struct store_crowd *c)
{
    struct restore_ctx *rc = ctx;
    struct crowd_count cc = {
        .key = c->key,
        .bucket = c->bucket,
        .bucket_s = c->bucket_s,
        .count = c->count,
        .baseline = c->baseline,
    };

    model_crowd_restore(rc->e->model, rc->svc, rc->src, &cc);
    return true;
}

static void load_history(struct engine *e)
{
    time_t now = (time_t)(now_ms(e) / 1000);
    e->load_svc = -1;
    /* A day: the default sparklines and most of time travel; more would
     * only slow the first frame. */
    char err[256];

    if (!e->opts.no_past && store_read_levels(e->opts.store, now - HIST_LOAD_S, now + 1,
                                              load_sample, e, err, sizeof err) != 0)
        fprintf(stderr, "sitrep: history: %s\n", err);
    e->loaded_from = now - HIST_LOAD_S;
    for (size_t i = 0; i < e->cfg->nservices; i++) {
        const struct service_conf *sc = &e->cfg->services[i];
        for (size_t j = 0; j < sc->nsources; j++) {
            struct restore_ctx rc = {e, i, j};
            if (!sc->sources[j].provider->crowd)
                continue;
            if (store_read_crowd(e->opts.store, sc->id, sc->sources[j].id, now - 29 * 86400,
                                 load_count, &rc, err, sizeof err) != 0)
                fprintf(stderr, "sitrep: history: %s\n", err);
        }
    }
}

/* The rest of the week, after the first frame (engine.h). */
void engine_backfill(struct engine *e)
{
    time_t to = e->loaded_from, from = to - (HIST_SPAN_S - HIST_LOAD_S);
    char err[256];

    if (!e->opts.store || !to || e->opts.no_past)
        return;
    e->loaded_from = 0;
    e->load_svc = -1;
    if (store_read_levels(e->opts.store, from, to, load_sample, e, err, sizeof err) != 0)
        fprintf(stderr, "sitrep: history: %s\n", err);
    engine_touch_all(e);
    e->dirty = true;
}

static void set_problem(struct engine *e, const char *problem)
{
    free(e->store_problem);
    e->store_problem = xstrdup_or_null(problem);
}

void engine_note_store(struct engine *e, const char *note)
{
    set_problem(e, note);
    e->dirty = true;
}

long engine_flush(struct engine *e, char *err, size_t errlen)
{
    long n;
    char why[512], problem[700];

    if (!e->opts.store)
        return 0;
    e->last_flush_real = real_ms();
    n = store_flush(e->opts.store, e->opts.ack, e->opts.ack_ctx, why, sizeof why);
    if (n < 0) {
        e->flush_retry_ms = e->flush_retry_ms ? e->flush_retry_ms * 2 : FLUSH_RETRY_MIN_MS;
        if (e->flush_retry_ms > FLUSH_RETRY_MAX_MS)
            e->flush_retry_ms = FLUSH_RETRY_MAX_MS;
        snprintf(problem, sizeof problem,
                 "history not saved (%s); %zu writes kept in memory, retrying every %llds", why,
                 store_pending(e->opts.store), (long long)(e->flush_retry_ms / 1000));
        set_problem(e, problem);
        e->flush_failed = e->dirty = true;
        if (err)
            snprintf(err, errlen, "%s", why);
    } else if (e->flush_failed) {
        set_problem(e, NULL);
        e->flush_failed = false;
        e->flush_retry_ms = 0;
        e->dirty = true;
    }
    return n;
}

static void keep_history(struct engine *e)
{
    int64_t real = real_ms();
    time_t now = (time_t)(known_ms(e) / 1000);
    char err[256];

    /* A new bucket: note it even when nothing changed, so the sparkline
     * and the store have every bucket. */
    if (history_bucket(e->hist, now) != e->noted_bucket)
        snapshot_free(engine_snapshot(e));
    if (!e->opts.store || !store_writable(e->opts.store))
        return;
    if (store_pending(e->opts.store) &&
        real - e->last_flush_real >= (e->flush_retry_ms ? e->flush_retry_ms : FLUSH_EVERY_MS))
        engine_flush(e, NULL, 0);
    if (real - e->last_maintain_real >= MAINTAIN_EVERY) {
        e->last_maintain_real = real;
        if (store_maintain(e->opts.store, now, err, sizeof err) != 0)
            fprintf(stderr, "sitrep: history upkeep: %s\n", err);
    }
}

/* ---- the engine ------------------------------------------------------ */

/* Transfers at once within the open-file limit, and a word when that or
 * the number of sources is past what one sitrep is measured for. */
static void plan_limits(struct engine *e)
{
    char fit[300] = "", over[400] = "";

    e->running = poller_fit_running(e->cfg->connections, fit, sizeof fit);
    if (e->nsources > BUDGET_SOURCES)
        snprintf(over, sizeof over,
                 "%zu sources: one sitrep is measured for up to %d (about %d MB plus %d KB a "
                 "source); this list needs about %zu MB and rounds of polls take longer, so "
                 "consider splitting it over several sitreps",
                 e->nsources, BUDGET_SOURCES, BUDGET_BASE_MB, BUDGET_PER_SOURCE_KB,
                 BUDGET_BASE_MB + e->nsources * BUDGET_PER_SOURCE_KB / 1024);
    if (fit[0] || over[0])
        e->limits_note = xasprintf("%s%s%s", fit, fit[0] && over[0] ? "; " : "", over);
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
        .keep_headers = opts->recorder != NULL,
    };
    struct poll_opts po;
    size_t nsources = 0;

    e->cfg = cfg;
    e->opts = *opts;
    if (e->opts.speed <= 0)
        e->opts.speed = 1;
    for (size_t i = 0; i < cfg->nservices; i++)
        nsources += cfg->services[i].nsources;
    e->nsources = nsources;
    if (opts->nremote) {
        fo.max_bytes = REMOTE_MAX_BYTES;
        fo.keep_headers = false;
        fo.no_pipewait = true;
        e->fetcher = fetcher_new(&fo, err, errlen);
        e->remote = e->fetcher ? remote_new(e->fetcher, opts->remote_urls, opts->nremote,
                                            opts->remote_token, err, errlen)
                               : NULL;
        if (!e->remote) {
            fetcher_free(e->fetcher);
            free(e);
            return NULL;
        }
        return e;
    }
    if (!opts->replay) {
        plan_limits(e);
        fo.max_total_connections = e->running;
        fo.max_host_connections = cfg->per_host < e->running ? cfg->per_host : e->running;
        e->fetcher = fetcher_new(&fo, err, errlen);
        if (!e->fetcher) {
            free(e->limits_note);
            free(e);
            return NULL;
        }
    }
    e->strings = intern_new();
    e->model = model_new(cfg);
    if (opts->no_past)
        e->opts.no_sparklines = true;
    else
        e->journal =
            journal_new(opts->journal_max_bytes ? opts->journal_max_bytes : JOURNAL_MAX_BYTES);
    e->seeded_before = (time_t)(now_ms(e) / 1000);
    e->stride = cfg->ncolumns + 1;
    int bucket_s = opts->store ? store_fine_s(opts->store) : 300;
    /* Without a past the history has no rows: only its buckets are used. */
    e->hist = history_new(opts->no_past ? 0 : cfg->nservices * e->stride, bucket_s,
                          (size_t)(HIST_SPAN_S / bucket_s));
    e->hist_window = ENGINE_HIST_DEFAULT_S;
    e->noted_bucket = -1;
    if (opts->store) { /* what was written last: only a store needs it */
        e->puts = xcalloc(cfg->nservices * e->stride, sizeof *e->puts);
        e->said = xcalloc(nsources ? nsources : 1, sizeof *e->said);
    }
    e->body_hash = xcalloc(nsources ? nsources : 1, sizeof *e->body_hash);
    e->first_src = xcalloc(cfg->nservices ? cfg->nservices : 1, sizeof *e->first_src);
    for (size_t i = 0, k = 0; i < cfg->nservices; k += cfg->services[i++].nsources)
        e->first_src[i] = k;
    e->last_maintain_real = real_ms() - MAINTAIN_EVERY; /* upkeep once at start */
    if (opts->store) {
        model_journal(e->model, store_writable(opts->store));
        load_history(e);
    }
    if (opts->replay) {
        map_entries(e);
        return e;
    }
    poller_default_opts(&po);
    po.seed = opts->seed;
    po.max_running = (int)e->running;
    po.per_host = (int)fo.max_host_connections;
    if (opts->once)
        po.start_spread_ms = 0;
    e->poller = poller_new(cfg, e->fetcher, &po, opts->clock, opts->clock_ctx, on_poll, e);
    return e;
}

void engine_free(struct engine *e)
{
    if (!e)
        return;
    remote_free(e->remote);
    poller_free(e->poller);
    fetcher_free(e->fetcher);
    model_free(e->model);
    model_free(e->past.model);
    journal_free(e->journal);
    history_free(e->hist);
    free(e->puts);
    free(e->said);
    free(e->first_src);
    free(e->body_hash);
    free(e->store_problem);
    free(e->limits_note);
    free(e->entry_svc);
    free(e->entry_src);
    free(e->touched);
    free(e->touched_list);
    intern_free(e->strings); /* after everything that holds its strings */
    free(e);
}

/* One wait on curl's sockets and the loop's descriptors, driven by what
 * this engine is: a viewer of servers, a replay, or a poller. */
static int step(struct engine *e, const int *fds, size_t nfds, bool *ready, int max_wait_ms)
{
    int64_t due;
    int wait = max_wait_ms;

    if (e->remote) {
        long next = remote_pump(e->remote);
        if (next >= 0 && next < wait)
            wait = (int)next;
        int rc = fetcher_wait(e->fetcher, fds, nfds, ready, wait);
        e->dirty |= remote_take_dirty(e->remote);
        return rc;
    }
    if (e->opts.replay) {
        const struct recording *rec = e->opts.replay;
        int64_t now = now_ms(e);
        /* One response a step: whoever watches the model (alerts, the
         * change log) sees every change, at any replay speed. */
        if (e->next < rec->nentries && rec->entries[e->next].t_ms <= now)
            replay_entry(e, e->next++);
        keep_history(e);
        if (e->next < rec->nentries) {
            double until = (double)(rec->entries[e->next].t_ms - now) / e->opts.speed;
            if (until < wait)
                wait = until <= 0 ? 0 : (int)until + 1;
        }
        return wait_fds(fds, nfds, ready, wait);
    }
    keep_history(e);
    poller_start_due(e->poller);
    due = poller_next_due(e->poller);
    if (due >= 0 && due < wait)
        wait = (int)due;
    return fetcher_wait(e->fetcher, fds, nfds, ready, wait);
}

int engine_step(struct engine *e, struct loop *loop, int max_wait_ms)
{
    const int *fds = NULL;
    bool *ready = NULL;
    size_t n = loop ? loop_fds(loop, &fds, &ready) : 0;

    if (step(e, fds, n, ready, max_wait_ms) != 0)
        return -1;
    if (loop)
        loop_dispatch(loop);
    return 0;
}

int engine_round(struct engine *e, int deadline_ms)
{
    int64_t end = real_ms() + deadline_ms;

    if (e->remote) { /* every server answers (or fails) once */
        for (;;) {
            long next = remote_pump(e->remote);
            if (remote_settled(e->remote))
                break;
            if (real_ms() >= end)
                return -1;
            if (fetcher_wait(e->fetcher, NULL, 0, NULL, next >= 0 && next < 200 ? (int)next : 200))
                return -1;
        }
        e->dirty |= remote_take_dirty(e->remote);
        return 0;
    }
    if (e->opts.replay) {
        replay_until(e, now_ms(e));
        return 0;
    }
    poller_refresh(e->poller);
    poller_start_due(e->poller);
    while (!poller_idle(e->poller) || poller_next_due(e->poller) == 0) {
        if (real_ms() >= end)
            return -1;
        if (fetcher_wait(e->fetcher, NULL, 0, NULL, 200) != 0)
            return -1;
        poller_start_due(e->poller);
    }
    return 0;
}

long engine_round_ms(const struct engine *e)
{
    long rounds;

    if (!e->poller)
        return 0;
    rounds = (long)((e->nsources + (size_t)e->running - 1) / (size_t)e->running);
    return rounds * e->cfg->timeout_s * 1000L;
}

void engine_parse_counts(const struct engine *e, size_t *parsed, size_t *same_body)
{
    *parsed = e->parsed;
    *same_body = e->same_body;
}

const char *engine_limits_note(const struct engine *e)
{
    return e->limits_note;
}

bool engine_idle(const struct engine *e)
{
    return !e->poller || poller_idle(e->poller);
}

bool engine_settled(const struct engine *e)
{
    if (e->remote)
        return remote_settled(e->remote);
    return !e->poller || poller_all_polled(e->poller);
}

size_t engine_refresh(struct engine *e)
{
    if (e->remote)
        return remote_refresh(e->remote);
    return e->poller ? poller_refresh(e->poller) : 0;
}

bool engine_take_dirty(struct engine *e)
{
    bool d = e->dirty || (e->remote && remote_take_dirty(e->remote));

    e->dirty = false;
    return d;
}

/* A snapshot of the present, noted in the history and given its sparklines. */
static struct snapshot *noted(struct engine *e, struct snapshot *snap)
{
    engine_note_snapshot(e, snap);
    engine_fill_history(e, snap, snap->generated_at, false);
    return snap;
}

struct snapshot *engine_snapshot(struct engine *e)
{
    if (e->remote)
        return remote_snapshot(e->remote);
    return noted(e, model_snapshot(e->model, (time_t)(known_ms(e) / 1000)));
}

struct snapshot *engine_snapshot_last(struct engine *e)
{
    if (e->remote)
        return remote_snapshot(e->remote);
    time_t now = (time_t)(known_ms(e) / 1000);

    poller_free(e->poller);
    e->poller = NULL;
    fetcher_free(e->fetcher);
    e->fetcher = NULL;
    journal_free(e->journal);
    e->journal = NULL;
    model_free(e->past.model);
    e->past = (struct journal_cursor){0};
    return noted(e, model_snapshot_spend(e->model, now));
}

void engine_set_hist_window(struct engine *e, long window_s)
{
    if (e->remote) {
        remote_set_window(e->remote, window_s);
        return;
    }
    e->hist_window = window_s < HIST_MIN_S    ? HIST_MIN_S
                     : window_s > HIST_SPAN_S ? HIST_SPAN_S
                                              : window_s;
    engine_touch_all(e);
    e->dirty = true;
}

long engine_hist_window(const struct engine *e)
{
    if (e->remote)
        return remote_window(e->remote) ? remote_window(e->remote) : ENGINE_HIST_DEFAULT_S;
    return e->hist_window;
}

time_t engine_history_oldest(const struct engine *e)
{
    time_t oldest, told;
    int64_t start;

    if (e->remote)
        return remote_history_oldest(e->remote);
    oldest = history_oldest(e->hist);
    /* The journal may reach further back than the levels (a replay fed
     * at once, for --at): time travel goes as far as either. */
    start = journal_start(e->journal);
    told = start >= 0 ? (time_t)(start / 1000) : 0;
    if (told > 0 && (oldest == 0 || told < oldest))
        oldest = told;
    return oldest;
}

int64_t engine_remote_now_ms(const struct engine *e)
{
    return e && e->remote ? remote_now_ms(e->remote) : -1;
}

/* ---- time travel ----------------------------------------------------- */

/* The model as it was at at_ms: the past cursor told the journal up to
 * then, going on from where it was when that is earlier. NULL when the
 * journal does not reach back that far. */
static struct model *past_model(struct engine *e, int64_t at_ms)
{
    int64_t start = journal_start(e->journal);

    if (start < 0 || at_ms < start)
        return NULL;
    if (e->past.model && (at_ms < e->past.t_ms || !journal_tell(e->journal, &e->past, at_ms))) {
        model_free(e->past.model);
        e->past.model = NULL;
    }
    if (!e->past.model) {
        e->past = (struct journal_cursor){.model = model_new(e->cfg)};
        model_seed_crowd(e->past.model, e->model, e->seeded_before);
        if (!journal_tell(e->journal, &e->past, at_ms))
            return NULL; /* cannot happen: the journal starts before at */
    }
    return e->past.model;
}

/* Before the journal: only the levels the history holds. */
static void levels_then(const struct engine *e, struct snapshot *snap, time_t at)
{
    int bucket_s = history_bucket_s(e->hist);
    unsigned char v;

    for (size_t i = 0; i < snap->nservices && i < e->cfg->nservices; i++) {
        struct snap_service *s = &snap->services[i];
        size_t row = i * e->stride;
        history_get(e->hist, row, at, &v, 1);
        s->level = hist_level(v);
        s->since = 0;
        for (size_t c = 0; c < snap->ncolumns; c++) {
            struct snap_cell *cell = &s->cells[c];
            history_get(e->hist, row + 1 + c, at, &v, 1);
            cell->level = hist_level(v);
            cell->evidence = hist_evidence(v);
            cell->possible = hist_possible(v);
            cell->certain = cell->possible ? LEVEL_NONE : cell->level;
            cell->since = 0;
            cell->pending = false;
        }
    }
    (void)bucket_s;
}

struct snapshot *engine_snapshot_at(struct engine *e, time_t at)
{
    time_t now = (time_t)(known_ms(e) / 1000);
    struct model *then;
    struct snapshot *snap;

    if (e->remote)
        return remote_snapshot_at(e->remote, at, REMOTE_PAST_MS);
    if (at >= now)
        return engine_snapshot(e);
    then = past_model(e, (int64_t)at * 1000);
    if (then) {
        snap = model_snapshot(then, at);
    } else {
        struct model *none = model_new(e->cfg);
        snap = model_snapshot(none, at);
        model_free(none);
        levels_then(e, snap, at);
        snap->past_partial = true;
    }
    engine_fill_history(e, snap, at, !snap->past_partial);
    snap->past_at = at;
    return snap;
}

struct snapshot *engine_snapshot_with(struct engine *e, time_t at, long window_s)
{
    long keep = e->hist_window;
    bool dirty = e->dirty;
    struct snapshot *snap;

    if (window_s > 0)
        engine_set_hist_window(e, window_s);
    snap = at ? engine_snapshot_at(e, at) : engine_snapshot(e);
    e->hist_window = keep;
    e->dirty = dirty;
    return snap;
}

const struct poll_state *engine_poll_state(const struct engine *e, size_t svc, size_t src)
{
    return e->poller ? poller_state(e->poller, svc, src) : NULL;
}

int engine_post(void *engine, const char *url, const char *body, size_t len, fetch_done_fn done,
                void *ctx, char *err, size_t errlen)
{
    struct engine *e = engine;
    struct fetch_request req = {.url = url,
                                .post = true,
                                .body = body,
                                .body_len = len,
                                .content_type = "application/json",
                                .timeout_ms = 15000};

    if (!e->fetcher) {
        snprintf(err, errlen, "a replay sends nothing");
        return -1;
    }
    return fetcher_add(e->fetcher, &req, done, ctx, err, errlen);
}

time_t engine_data_now(const struct engine *e)
{
    const struct recording *rec = e->opts.replay;
    int64_t now = now_ms(e);

    if (e->remote)
        return (time_t)(remote_now_ms(e->remote) / 1000);
    if (!rec)
        return (time_t)(now / 1000);
    if (e->next >= rec->nentries && now >= rec->end_ms)
        return (time_t)(rec->end_ms / 1000);
    if (e->next == 0)
        return (time_t)(rec->start_ms / 1000);
    return (time_t)(rec->entries[e->next - 1].t_ms / 1000);
}

size_t engine_replay_due(const struct engine *e)
{
    const struct recording *rec = e->opts.replay;
    int64_t now = now_ms(e);
    size_t n = 0;

    for (size_t k = e->next; rec && k < rec->nentries && rec->entries[k].t_ms <= now; k++)
        n++;
    return n;
}

bool engine_replay_done(const struct engine *e)
{
    return e->opts.replay && e->next >= e->opts.replay->nentries;
}

/* ---- a new config in place ------------------------------------------- */

static bool same_text(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* The same sources in the same order, fetched the same way: what the
 * poller, the fetcher, the journal and a replay's map were built on. */
static bool same_sources(const struct config *a, const struct config *b)
{
    if (a->nservices != b->nservices || a->timeout_s != b->timeout_s ||
        a->connect_timeout_s != b->connect_timeout_s || a->max_size != b->max_size ||
        a->per_host != b->per_host || a->connections != b->connections ||
        !same_text(a->ca_file, b->ca_file))
        return false;
    for (size_t i = 0; i < a->nservices; i++) {
        const struct service_conf *sa = &a->services[i], *sb = &b->services[i];
        if (strcmp(sa->id, sb->id) != 0 || sa->nsources != sb->nsources)
            return false;
        for (size_t j = 0; j < sa->nsources; j++) {
            const struct source_conf *x = &sa->sources[j], *y = &sb->sources[j];
            if (strcmp(x->id, y->id) != 0 || strcmp(x->url, y->url) != 0 ||
                x->provider != y->provider || x->auth != y->auth ||
                !same_text(x->credentials, y->credentials) ||
                !same_text(x->token_url, y->token_url))
                return false;
        }
    }
    return true;
}

/* The history under the new columns: each service's row, and the row of
 * every column that stays, whole; a new column's row starts empty. */
static struct history *remap_history(const struct engine *e, const struct config *cfg,
                                     const long *colmap)
{
    int bucket_s = history_bucket_s(e->hist);
    size_t nb = (size_t)(HIST_SPAN_S / bucket_s), stride = cfg->ncolumns + 1;
    struct history *h = history_new(cfg->nservices * stride, bucket_s, nb);
    time_t end = history_bucket(e->hist, (time_t)(known_ms(e) / 1000));
    unsigned char *v = xmalloc(nb);

    for (size_t i = 0; i < cfg->nservices; i++) {
        for (size_t r = 0; r < stride; r++) {
            long old = r == 0 ? 0 : colmap[r - 1] < 0 ? -1 : 1 + colmap[r - 1];
            if (old < 0)
                continue;
            history_get(e->hist, i * e->stride + (size_t)old, end, v, nb);
            for (size_t k = 0; k < nb; k++) {
                if (v[k])
                    history_note(h, i * stride + r, end - (time_t)(nb - 1 - k) * bucket_s, v[k]);
            }
        }
    }
    free(v);
    return h;
}

/* A model for cfg told everything the journal holds, as the live one was.
 * When columns are new, their rows of h are filled on the way, one
 * snapshot at the end of each bucket the journal covers. */
static struct model *rebuild_model(struct engine *e, const struct config *cfg, struct history *h,
                                   const long *colmap, bool new_columns)
{
    struct journal_cursor c = {.model = model_new(cfg)};
    int64_t start = journal_start(e->journal), end = known_ms(e);
    int64_t bucket_ms = (int64_t)history_bucket_s(h) * 1000;
    size_t stride = cfg->ncolumns + 1;

    model_seed_crowd(c.model, e->model, e->seeded_before);
    for (int64_t t = (start / bucket_ms + 1) * bucket_ms - 1; new_columns && start >= 0 && t < end;
         t += bucket_ms) {
        journal_tell(e->journal, &c, t);
        struct snapshot *snap = model_snapshot(c.model, (time_t)(t / 1000));
        for (size_t i = 0; i < snap->nservices; i++) {
            for (size_t col = 0; col < snap->ncolumns; col++) {
                const struct snap_cell *cell = &snap->services[i].cells[col];
                if (colmap[col] < 0)
                    history_note(h, i * stride + 1 + col, (time_t)(t / 1000),
                                 hist_pack(cell->level, cell->evidence, cell->possible));
            }
        }
        snapshot_free(snap);
    }
    journal_tell(e->journal, &c, end);
    return c.model;
}

/* A journal that dropped its oldest entries for room may no longer hold a
 * source's last body (only "not modified" since): the new model has no
 * data for it, so the poller fetches it whole at its floor, and that body
 * is parsed even when it is the same bytes as before. */
static void refetch_lost(struct engine *e, struct model *m)
{
    time_t now = (time_t)(known_ms(e) / 1000);
    struct snapshot *had = model_snapshot(e->model, now), *has = model_snapshot(m, now);

    for (size_t i = 0; i < had->nservices && i < has->nservices; i++) {
        for (size_t j = 0; j < had->services[i].nsources; j++) {
            if (had->services[i].sources[j].has_data && !has->services[i].sources[j].has_data) {
                poller_forget(e->poller, i, j);
                e->body_hash[source_index(e, i, j)] = 0; /* the same body is news again */
            }
        }
    }
    snapshot_free(had);
    snapshot_free(has);
}

bool engine_reconfigure(struct engine *e, const struct config *cfg)
{
    long colmap[CONFIG_MAX_COLUMNS];
    bool new_columns = false;

    if (e->remote || e->opts.no_past || !same_sources(e->cfg, cfg))
        return false;
    for (size_t c = 0; c < cfg->ncolumns; c++) {
        colmap[c] = column_index(e->cfg, region_code(cfg->columns[c]));
        new_columns |= colmap[c] < 0;
    }
    struct history *h = remap_history(e, cfg, colmap);
    struct model *m = rebuild_model(e, cfg, h, colmap, new_columns);
    if (e->poller)
        refetch_lost(e, m);
    if (e->opts.store)
        model_journal(m, store_writable(e->opts.store));
    model_free(e->model);
    e->model = m;
    model_free(e->past.model);
    e->past = (struct journal_cursor){0};
    history_free(e->hist);
    e->hist = h;
    e->stride = cfg->ncolumns + 1;
    free(e->puts);
    e->puts = xcalloc(cfg->nservices * e->stride, sizeof *e->puts);
    e->noted_bucket = -1;
    e->cfg = cfg;
    if (e->poller)
        poller_retarget(e->poller, cfg);
    engine_touch_all(e);
    e->dirty = true;
    return true;
}
