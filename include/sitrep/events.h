/* Change events for live viewers (sitrep serve's /api/v1/events, Server-
 * Sent Events): one event per change of a cell's level, a service's level,
 * an incident's status or a new statement, found by comparing each
 * snapshot with the one before. Events are numbered; the last ones are
 * kept in a ring, so a viewer that reconnects with Last-Event-ID gets what
 * it missed, or a "resync" event when that is gone from the ring. Event
 * data is one line of JSON; remote text in it is sanitized. */
#ifndef SITREP_EVENTS_H
#define SITREP_EVENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sitrep/buf.h"
#include "sitrep/snapshot.h"

struct events;

/* A ring of the last cap events (cap >= 1). */
struct events *events_new(size_t cap);
void events_free(struct events *ev);

/* Adds an event for each change since the last snapshot observed (none for
 * the first: it is the starting state). Returns how many it added. */
size_t events_observe(struct events *ev, const struct snapshot *snap);

/* The number of the newest event, 0 when there is none yet. */
uint64_t events_last_id(const struct events *ev);

/* Parses a Last-Event-ID value: decimal digits only, at most 19. Returns
 * false for anything else (empty, signs, blanks, overflow). */
bool events_parse_id(const char *s, size_t len, uint64_t *id);

/* Appends, as SSE ("id: N\nevent: TYPE\ndata: JSON\n\n"), every event after
 * number after, oldest first; a single "resync" event when after is older
 * than the ring holds or newer than any event (the viewer should fetch a
 * snapshot). Returns the number of the last event written (after when
 * none). */
uint64_t events_write_since(const struct events *ev, uint64_t after, struct buf *out);

#endif
