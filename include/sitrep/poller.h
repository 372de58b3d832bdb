/* The poller: decides when each source is due and starts its transfer on
 * the fetcher; the app's callback turns finished transfers into evidence.
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
};

/* Defaults: spread 5 s, jitter 10 %, backoff cap 30 min, Retry-After cap
 * 1 h, slow above 5 s. */
void poller_default_opts(struct poll_opts *opts);

/* What the poller knows of one source, for the model and the screen. */
struct poll_state {
    int64_t next_due_ms;
    int64_t last_start_ms;    /* 0 = never */
    int64_t backoff_until_ms; /* 0 = not backing off */
    int backoff_level;        /* consecutive backed-off failures */
    bool running;
    long http_status; /* of the latest answer, 0 when none */
    long elapsed_ms;  /* of the latest poll */
    bool slow;
    char *etag;           /* to send back; NULL when none */
    time_t last_modified; /* to send back; 0 when none */
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

/* Starts the transfers of every source that is due and not running. A
 * transfer that cannot even start is reported through the callback. */
void poller_start_due(struct poller *p);
/* Makes every source due now, or as soon as its floor and any backoff
 * allow (the 'r' key). Returns how many can go right away. */
size_t poller_refresh(struct poller *p);
/* Milliseconds until the next source is due (0 when one is due now, -1
 * when none is waiting). */
int64_t poller_next_due(const struct poller *p);
/* No transfer is running. */
bool poller_idle(const struct poller *p);
/* Every source has been polled at least once and none is running. */
bool poller_all_polled(const struct poller *p);
/* The state of one source; NULL for a bad index. */
const struct poll_state *poller_state(const struct poller *p, size_t svc, size_t src);

#endif
