/* The journal: everything the model was told, in order, so that the model
 * of any past moment can be built again by telling a fresh model the same
 * things up to that moment. That is what time travel shows: exactly what
 * was known then, the same as a replay stopped there (--once --at), and
 * nothing learned later.
 *
 * Each entry is one finished poll of one source: its outcome (new
 * evidence, not modified, failed and why) and the poller's timing. A body
 * seen before is kept once: entries with the same body hash share one
 * parsed copy. Plain data, no I/O. */
#ifndef SITREP_JOURNAL_H
#define SITREP_JOURNAL_H

#include <stddef.h>
#include <stdint.h>

#include "sitrep/evidence.h"
#include "sitrep/model.h"

enum journal_kind { JOURNAL_SUCCESS, JOURNAL_UNCHANGED, JOURNAL_FAILURE };

struct journal;

/* A journal that keeps at most about max_bytes of parsed evidence and
 * entries; past that the oldest entries go (journal_start() moves). A NULL
 * journal keeps nothing (a run that never travels in time): journal_add()
 * does nothing, journal_start() says -1, journal_tell() false. */
struct journal *journal_new(size_t max_bytes);
void journal_free(struct journal *j);

/* Appends a poll of source src of service svc that finished at t_ms (not
 * before the previous entry). For JOURNAL_SUCCESS, ev is the evidence as
 * parsed (copied unless an entry with the same body_hash is kept); for
 * JOURNAL_FAILURE, reason says why. */
void journal_add(struct journal *j, int64_t t_ms, size_t svc, size_t src,
                 const struct source_timing *timing, enum journal_kind kind, uint64_t body_hash,
                 const struct evidence *ev, const char *reason);

/* The time of the oldest entry kept, -1 when there is none. Before it the
 * journal cannot say what was known. */
int64_t journal_start(const struct journal *j);

/* A cursor: a model and how far into the journal it has been told. */
struct journal_cursor {
    struct model *model;
    uint64_t next; /* sequence number of the next entry to tell */
    int64_t t_ms;  /* what it was told covers up to here */
};

/* Tells c->model every entry after c->next with t_ms <= to_ms, in order,
 * as the engine told the live model. Returns false when the journal no
 * longer holds the entry after c->next (dropped for room): the caller
 * starts a fresh cursor. */
bool journal_tell(const struct journal *j, struct journal_cursor *c, int64_t to_ms);

/* A 64-bit hash of a body (FNV-1a), to know a body seen before. */
uint64_t journal_hash(const char *body, size_t len);

#endif
