/* The poller: decides when each source is due and starts its transfer on
 * the fetcher; the app's callback turns finished transfers into evidence.
 * Time comes in as an argument (the injected clock). */
#ifndef SITREP_POLLER_H
#define SITREP_POLLER_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "sitrep/config.h"
#include "sitrep/fetch.h"

/* Called once per finished poll of source src of service svc. */
typedef void (*poll_done_fn)(void *user, size_t svc, size_t src, const struct fetch_result *res);

struct poller;

/* cfg and f must outlive the poller. Every source is due at once. */
struct poller *poller_new(const struct config *cfg, struct fetcher *f, poll_done_fn done,
                          void *user);
void poller_free(struct poller *p);

/* Starts the transfers of every source that is due at now and not already
 * running. A source whose transfer cannot even start is reported through
 * the callback as a failure. */
void poller_start_due(struct poller *p, time_t now);
/* Makes every source due now (the 'r' key). */
void poller_due_all(struct poller *p, time_t now);
/* Seconds until the next source is due (0 when one is due now, -1 when
 * none is scheduled). */
long poller_next_due(const struct poller *p, time_t now);
/* No transfer is running. */
bool poller_idle(const struct poller *p);

#endif
