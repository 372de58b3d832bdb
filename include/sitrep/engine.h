/* The engine: config in, snapshots out. It owns the fetcher, the poller,
 * the model and the level history, and glues them: a finished poll goes
 * through its source's provider into the model, with the poller's timing.
 * The app's loop and the tests drive the same engine, so the tests exercise
 * what the program runs. Time comes from the injected clock.
 *
 * With a store, history lasts: the sparklines and the crowd baselines are
 * read back at start, and every snapshot's levels, every crowd count and
 * every official statement is written, flushed about four times a second.
 * With a recorder, every response is written as it arrives. With a
 * recording to replay, nothing is polled: the recorded responses go through
 * the same providers and model when the clock reaches their time. */
#ifndef SITREP_ENGINE_H
#define SITREP_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sitrep/config.h"
#include "sitrep/model.h"
#include "sitrep/poller.h"
#include "sitrep/recording.h"
#include "sitrep/store.h"

struct engine_opts {
    poll_clock_fn clock; /* required */
    void *clock_ctx;
    bool once;                      /* one round: no start spread */
    bool no_sparklines;             /* snapshots without history (--once prints none; at
                                       10,000 services they are a quarter of its memory) */
    bool no_past;                   /* nothing kept for later: no journal (time travel, a
                                       reload that keeps the sources) and no level history
                                       (sparklines); implies no_sparklines. Only the store
                                       is still written. For --once, which reads neither. */
    uint64_t seed;                  /* for the poller's jitter; 0 picks one */
    struct store *store;            /* history; NULL keeps it in memory only */
    store_ack_fn ack;               /* told of each history write once it is safe */
    void *ack_ctx;                  /* ... with this */
    struct recorder *recorder;      /* record every response; NULL: do not */
    const struct recording *replay; /* replay it instead of polling; NULL: poll */
    double speed;                   /* replay: virtual time per real time (> 0) */
    /* A viewer (remote.h): draw from these sitrep serve URLs instead of
     * polling or replaying; the config's services are not used. */
    const char *const *remote_urls;
    size_t nremote;
    const char *remote_token; /* sent as a bearer token; NULL: none */
    size_t journal_max_bytes; /* what the journal keeps for time travel; 0: the default */
};

struct engine;

/* cfg must outlive the engine. Returns NULL with a message in err when
 * libcurl cannot be set up. */
struct engine *engine_new(const struct config *cfg, const struct engine_opts *opts, char *err,
                          size_t errlen);
void engine_free(struct engine *e);

/* The one wait of the event loop. Starts every due poll (or feeds the
 * replay, or reads the servers), then waits until something happens: a
 * transfer finishes (its result is in the model when this returns), one of
 * loop's descriptors is readable (its handler has run when this returns,
 * loop.h), the next poll falls due, or max_wait_ms passes. loop may be
 * NULL. Returns 0, or -1 when libcurl's multi interface fails. */
struct loop;
int engine_step(struct engine *e, struct loop *loop, int max_wait_ms);

/* Polls every source once and waits for all of them, at most deadline_ms
 * (of real time). Returns 0, or -1 on an engine failure or the deadline. */
int engine_round(struct engine *e, int deadline_ms);

/* The longest a round can take when every transfer runs to its timeout:
 * the queue's depth (sources over transfers at once) times the timeout.
 * 0 when replaying. */
long engine_round_ms(const struct engine *e);
/* What engine_new() cut down or found past the budgets, for people: fewer
 * transfers at once than the config asks (the open-file limit), more
 * sources than one sitrep is measured for. NULL when nothing. */
const char *engine_limits_note(const struct engine *e);
/* Bodies handed to a provider so far, and answers whose body was the same
 * bytes as the source's last parsed one (taken as unchanged, not parsed). */
void engine_parse_counts(const struct engine *e, size_t *parsed, size_t *same_body);

/* No transfer is running. */
bool engine_idle(const struct engine *e);
/* Every source has answered (or failed) at least once, none is running. */
bool engine_settled(const struct engine *e);
/* The 'r' key: see poller_refresh(). */
size_t engine_refresh(struct engine *e);
/* True (once) when the model changed since the last call. */
bool engine_take_dirty(struct engine *e);
/* A snapshot at the clock's time; the caller frees it. */
struct snapshot *engine_snapshot(struct engine *e);
/* The last snapshot of a one-round run (--once): what engine_snapshot()
 * gives, built while the engine lets go of what nothing reads any more (the
 * poller and its transfers, the journal, each service's model state once
 * copied), so the engine and the snapshot are not both whole in memory.
 * Only engine_flush() and engine_free() may follow. */
struct snapshot *engine_snapshot_last(struct engine *e);
/* The dashboard's snapshot, kept up to date in place: *snap is the one the
 * last call left (or NULL). Only the services a poll told the model about
 * since then are copied anew (with their sparklines and history); d says
 * which (copied) and which of them show something new on their grid row
 * (rows). When *snap is not that live snapshot any more (NULL, time travel,
 * a reload, a new sparkline window or point, a viewer), it is freed and a
 * whole one takes its place (d->all). The caller owns *snap and frees it
 * with snapshot_free(). Returns whether anything changed. */
bool engine_snapshot_update(struct engine *e, struct snapshot **snap, struct snap_delta *d);
/* Service svc is to be copied anew at the next engine_snapshot_update()
 * though no poll told the model about it: what is on screen shows its ages
 * and whatever time alone changes (a maintenance window beginning, a
 * failing source's data expiring). Every other service is copied anew at
 * least every ENGINE_LIVE_REFRESH_S seconds (a whole snapshot). */
#define ENGINE_LIVE_REFRESH_S 60
void engine_snapshot_touch(struct engine *e, size_t svc);

/* The sparklines' window: every snapshot carries history (per service and
 * per cell) covering window_s seconds up to its time, in at most
 * ENGINE_HIST_POINTS buckets, each a whole number of the history's buckets
 * chosen so that they divide a day (5 min, 15 min, 2 h ...). The default is
 * ENGINE_HIST_DEFAULT_S. */
#define ENGINE_HIST_POINTS    120
#define ENGINE_HIST_DEFAULT_S (6 * 3600)
void engine_set_hist_window(struct engine *e, long window_s);
long engine_hist_window(const struct engine *e);

/* Time travel: the state at a past moment, rebuilt from the history kept in
 * memory (and loaded from the store at start): cells and service levels of
 * the bucket holding at, incidents as they stood then (updates posted by
 * then; open unless resolved by then), crowd counts of that time where
 * kept, sparklines ending there; past_at = at, generated_at = at. Sources
 * keep their present health. The caller frees it. */
struct snapshot *engine_snapshot_at(struct engine *e, time_t at);
/* A snapshot at at (0: now) with the sparklines over window_s (0: the
 * engine's window), leaving the engine's window as it was: for sitrep
 * serve's viewers. The caller frees it. */
struct snapshot *engine_snapshot_with(struct engine *e, time_t at, long window_s);
/* At start the engine reads a day of history back from the store: enough
 * for the first frame, and quick. This reads the rest of the week kept in
 * memory (for the 7-day sparklines and time travel); the dashboard calls it
 * once after its first frame. Does nothing without a store or the second
 * time. */
void engine_backfill(struct engine *e);
/* The oldest moment the history holds, 0 when it holds nothing. */
time_t engine_history_oldest(const struct engine *e);

/* NULL when replaying. */
const struct poll_state *engine_poll_state(const struct engine *e, size_t svc, size_t src);

/* Replay: every recorded response has been fed in. */
bool engine_replay_done(const struct engine *e);
/* A viewer: the servers' clock (remote_now_ms()); -1 when this engine
 * polls or replays. */
int64_t engine_remote_now_ms(const struct engine *e);

/* A webhook_post_fn (webhook.h) on the engine's transfers: a JSON POST
 * beside the polls, its result to done from engine_step(). -1 when
 * replaying (nothing is sent). engine is a struct engine *. */
#include "sitrep/fetch.h"
int engine_post(void *engine, const char *url, const char *body, size_t len, fetch_done_fn done,
                void *ctx, char *err, size_t errlen);

/* The time of what the model was last told: the clock's when polling; in a
 * replay the latest response fed (the recording's end once it is over), so
 * whatever runs on it (alerts, their quiet intervals) sees the same times
 * at any replay speed. */
time_t engine_data_now(const struct engine *e);
/* Replay: how many recorded responses are due at the clock's time and not
 * fed yet (engine_step() feeds one a call). */
size_t engine_replay_due(const struct engine *e);

/* A standing note about the history store (read-only, memory only),
 * shown until a flush clears it; NULL clears it now. */
void engine_note_store(struct engine *e, const char *note);

/* A reload ('c' for columns, Ctrl+R) that kept the sources: when cfg names
 * the same sources in the same order, fetched the same way, the engine
 * goes on with cfg in place of its config and keeps what it knows. The
 * poller keeps every schedule, floor, backoff, validator and transfer in
 * flight (nothing is polled sooner for it), a replay its position, the
 * history each service's row and the rows of the columns that stay (a new
 * column's is rebuilt from the journal, as far back as it reaches), and
 * the model is told the journal again under cfg's columns and settings.
 * Returns false, changing nothing, when the sources differ (or for a
 * viewer, or without a past): the caller starts a new engine. cfg must outlive the engine;
 * the old config may go once this returns true. */
bool engine_reconfigure(struct engine *e, const struct config *cfg);

/* Writes queued history now (at exit, after --once). Returns what
 * store_flush() returns, 0 without a store. */
long engine_flush(struct engine *e, char *err, size_t errlen);

#endif
