/* The poller: decides when each source is due and starts its transfer on
 * the fetcher; the app's callback turns finished transfers into evidence.
 *
 * At most max_running transfers run at once, and at most per_host on one
 * host ("host:port"); the other due sources wait in the poller's own queue,
 * earliest due first, and only reach libcurl when they can start. So a
 * transfer's timeout counts from its real start, not from a wait in
 * libcurl's queue, and thousands of sources cost no more than the running
 * few: nothing (handle, buffer, body) is kept for a source between polls
 * but its schedule and validators.
 *
 * Politeness lives here. Each source polls at its interval with +-10 %
 * jitter, the first polls are spread over a few seconds so 200 sources do
 * not fire at once, nothing is polled again within the floor (not even on a
 * refresh), requests are conditional once the server gave an ETag or a
 * Last-Modified, and 429 / 5xx / network failures back off exponentially
 * with full jitter up to a cap, never sooner than Retry-After (clamped).
 *
 * Time comes in as an argument, in milliseconds (the injected clock), and
 * the random numbers from a seeded generator, so tests can replay both. */
#ifndef SITREP_POLLER_H
#define SITREP_POLLER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "sitrep/config.h"
#include "sitrep/fetch.h"

struct poll_opts {
    long start_spread_ms;    /* first polls in [now, now + this); 0: all at once */
    int jitter_pct;          /* each interval varies by +- this percentage */
    long backoff_cap_ms;     /* longest backoff */
    long retry_after_cap_ms; /* longest Retry-After honoured */
    long slow_ms;            /* a poll slower than this makes the source "slow" */
    uint64_t seed;           /* for the jitter; 0 picks one */
    int max_running;         /* transfers at once; 0: cfg->connections */
    int per_host;            /* ... on one host; 0: cfg->per_host */
};

/* Defaults: spread 5 s, jitter 10 %, backoff cap 30 min, Retry-After cap
 * 1 h, slow above 5 s. */
void poller_default_opts(struct poll_opts *opts);

/* What the poller knows of one source, for the model and the screen. */
struct poll_state {
    int64_t next_due_ms;
    int64_t last_start_ms;    /* 0 = never */
    int64_t backoff_until_ms; /* 0 = not backing off */
    long http_status;         /* of the latest answer, 0 when none */
    long elapsed_ms;          /* of the latest poll */
    char *etag;               /* to send back; NULL when none */
    time_t last_modified;     /* to send back; 0 when none */
    int backoff_level;        /* consecutive backed-off failures */
    bool running;
    bool slow;
};

/* The clock: milliseconds since the epoch. */
typedef int64_t (*poll_clock_fn)(void *ctx);

/* Called once per finished poll of source src of service svc, after the
 * poller updated that source's poll_state. */
typedef void (*poll_done_fn)(void *user, size_t svc, size_t src, const struct fetch_result *res);

struct poller;

/* cfg and f must outlive the poller. opts NULL means the defaults. The
 * first polls are scheduled from the clock's time now. */
struct poller *poller_new(const struct config *cfg, struct fetcher *f, const struct poll_opts *opts,
                          poll_clock_fn clock, void *clock_ctx, poll_done_fn done, void *user);
void poller_free(struct poller *p);

/* Starts the transfers of due sources, earliest due first, while there is
 * room (max_running, per_host); the rest wait. A finished transfer makes
 * room and starts the next one at once. A transfer that cannot even start
 * is reported through the callback. */
void poller_start_due(struct poller *p);
/* Makes every source due now, or as soon as its floor and any backoff
 * allow (the 'r' key). Returns how many can go right away. */
size_t poller_refresh(struct poller *p);
/* Milliseconds until a source can start (0: one can start now), -1 when
 * none is waiting or none can start before a running transfer ends. */
int64_t poller_next_due(const struct poller *p);
/* No transfer is running. */
bool poller_idle(const struct poller *p);
/* Sources due but waiting for room (at max_running or their host's cap). */
size_t poller_queued(const struct poller *p);
/* Transfers running now. */
size_t poller_running(const struct poller *p);
/* Every source has been polled at least once and none is running. */
bool poller_all_polled(const struct poller *p);
/* Descriptors kept back from transfers: the history database with its
 * journal and lock, the terminal, the signal pipe, a recording, and the
 * HTTP server of `sitrep serve` with its clients. */
#define POLLER_FD_RESERVE 128
/* A transfer holds a socket, and while it resolves a name the threaded
 * resolver's socket pair: two descriptors each, on average and then some. */
#define POLLER_FDS_PER_TRANSFER 2
/* More transfers at once than this buy nothing on one machine but memory
 * (each running one holds libcurl's buffers and its body). */
#define POLLER_MAX_RUNNING 1024

/* How many transfers may run at once when wanted are asked for and the
 * open-file limit is soft (hard the most it may be raised to): wanted,
 * or less when the limit or POLLER_MAX_RUNNING does not allow it. Sets
 * *raise_to to the soft limit needed (soft when no raise is needed). */
long poller_plan_running(long wanted, long soft, long hard, long *raise_to);
/* The same with this process's RLIMIT_NOFILE, raised as needed (within
 * the hard limit). When it gives fewer than wanted, says why in note
 * (one line, for people), else note is "". */
long poller_fit_running(long wanted, char *note, size_t notelen);

/* Goes on with cfg in place of the poller's config, which names the same
 * sources in the same order (a reload that changed something else): every
 * schedule, floor, backoff, validator and transfer in flight is kept.
 * cfg must outlive the poller; the old config may go once this returns. */
void poller_retarget(struct poller *p, const struct config *cfg);
/* The next poll of the source asks for the whole body (no ETag, no
 * Last-Modified), as soon as its floor and any backoff allow: for a model
 * that lost the source's data. */
void poller_forget(struct poller *p, size_t svc, size_t src);
/* A query parameter ("min_id=123") the next requests of a source carry, in
 * place of the URL's own of that name: the source's cursor, so it is asked
 * only for what is new. Copied. */
void poller_set_cursor(struct poller *p, size_t svc, size_t src, const char *param);
/* url with "{now}" made the time now_s (seconds since the epoch) and
 * "{now-N}" N seconds before it: APIs that want a window of time (IODA's
 * from and until) get one at every poll. Anything else stays as it is. The
 * caller frees the result. */
char *poller_expand_times(const char *url, int64_t now_s);
/* The bytes the poller keeps for one source (its slot, URLs, validators,
 * cursor and token): between polls no request, handle or body; 0 for a
 * bad index. */
size_t poller_held_bytes(const struct poller *p, size_t svc, size_t src);
/* The state of one source; NULL for a bad index. */
const struct poll_state *poller_state(const struct poller *p, size_t svc, size_t src);

#endif
