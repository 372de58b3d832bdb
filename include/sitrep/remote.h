/* A viewer of one or more sitrep serve processes (sitrep --remote): instead
 * of polling status pages it follows each server's change events
 * (/api/v1/events) and reads its full snapshot (/api/v1/snapshot?full=1)
 * after each burst of them, then merges the servers' snapshots into one,
 * as shards of one config (each holds its own services) or as copies (the
 * first server that has a service gives it).
 *
 * A server that cannot be reached, or whose answer cannot be read, stays
 * on the dashboard with what it said last, marked stale with its age, and
 * is tried again with backoff (0.5 s doubling to 30 s, jittered); its
 * events resume from the last id seen. All transfers go through the
 * caller's fetcher, driven by its event loop. */
#ifndef SITREP_REMOTE_H
#define SITREP_REMOTE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "sitrep/fetch.h"
#include "sitrep/snapshot.h"

struct remote;

/* urls: each a server's base URL (http://127.0.0.1:10377, https://...);
 * token: the bearer token to send, NULL for none. Both are copied. Returns
 * NULL with a message in err when a URL is not http(s). */
struct remote *remote_new(struct fetcher *f, const char *const *urls, size_t nurls,
                          const char *token, char *err, size_t errlen);
void remote_free(struct remote *r);

/* Connects what is due (first connections, reconnections whose backoff
 * is over). Returns the ms until the next one is due, -1 when none. */
long remote_pump(struct remote *r);
/* True (once) when something new arrived. */
bool remote_take_dirty(struct remote *r);
/* Every server answered (or failed) at least once. */
bool remote_settled(const struct remote *r);
/* Reads every server's snapshot again now (the 'r' key). Returns how many
 * servers were asked. */
size_t remote_refresh(struct remote *r);

/* The merged snapshot of what the servers said last; a server that is lost
 * shows as stale sources with their age, and in remote_problem. The caller
 * frees it. */
struct snapshot *remote_snapshot(struct remote *r);
/* Time travel: every server's snapshot at that moment, merged. Blocks on
 * the transfers (driving the fetcher) for at most timeout_ms; a server
 * that does not answer in time is named in remote_problem. */
struct snapshot *remote_snapshot_at(struct remote *r, time_t at, int timeout_ms);

/* The sparklines' window asked of the servers (they answer with their
 * nearest); asks again at once. */
void remote_set_window(struct remote *r, long window_s);
long remote_window(const struct remote *r);

/* The servers' clock: the newest snapshot's time carried forward at the
 * speed its server runs (1 live, a replay's speed, 0 when it shows a fixed
 * moment); the system clock before any snapshot. */
int64_t remote_now_ms(const struct remote *r);
/* How far back the servers' history goes (the latest of their oldest
 * moments), 0 when unknown. */
time_t remote_history_oldest(const struct remote *r);

#endif
