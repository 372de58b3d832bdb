/* The model: the latest evidence of every source and what it means for each
 * cell of the grid. Plain data and arithmetic, no I/O; time comes in as an
 * argument so replay, tests and the live loop share one path.
 *
 * How evidence becomes a cell (service, column C): every source contributes
 * (region R, level L) pairs — each leaf component, each open incident at the
 * regions of its affected components (or the source's default region), and
 * the page indicator at the default region when it says more than the rest.
 * If R lies inside C the pair counts for certain. If R is wider than C or
 * overlaps it, a problem counts only as "possible" (shown distinctly, never
 * as certain) while ok counts for certain (nothing is wrong anywhere in R).
 * Disjoint pairs do not count. No pair at all leaves the cell "none". */
#ifndef SITREP_MODEL_H
#define SITREP_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "sitrep/config.h"
#include "sitrep/evidence.h"
#include "sitrep/snapshot.h"

/* A failing source keeps its last data (stale) until it has failed
 * cfg->expire_failures times in a row or its data is cfg->expire_age_s old;
 * then its cells become unknown. */

struct model;

/* A model for cfg's services and columns; cfg must outlive it. */
struct model *model_new(const struct config *cfg);
void model_free(struct model *m);

/* A poll of source src of service svc succeeded: takes ownership of *ev
 * (and zeroes it), tags its components with regions, replaces the old data. */
void model_source_success(struct model *m, size_t svc, size_t src, struct evidence *ev, time_t now);
/* The source answered "not modified": the data stays, and is fresh again. */
void model_source_unchanged(struct model *m, size_t svc, size_t src, time_t now);
/* A poll failed (network, HTTP status, parse): the old data stays, stale. */
void model_source_failure(struct model *m, size_t svc, size_t src, const char *reason, time_t now);

/* When the poller will try again and how the last poll went, for the
 * source's health; the poller's business, shown by the model. */
struct source_timing {
    time_t next_poll;     /* 0 when unknown */
    time_t backoff_until; /* 0 when not backing off */
    /* ints, not longs: the model keeps one per source and the journal one
     * per poll, and a status or a poll's milliseconds fit */
    int http_status; /* 0 when there was no answer */
    int elapsed_ms;
    bool slow;
};
void model_source_timing(struct model *m, size_t svc, size_t src, const struct source_timing *t);

/* Crowd counts, for the history store: with the journal on, every count
 * (and source baseline) the model takes in that it did not hold already
 * waits for model_take_counts(), which hands each to fn and forgets them. */
struct crowd_count {
    const char *service, *source; /* ids */
    const char *key;              /* the series' key within its source */
    time_t bucket;
    int bucket_s;
    long count;
    long baseline; /* the source's own, -1 when none */
};
typedef void (*crowd_count_fn)(void *ctx, const struct crowd_count *c);
void model_journal(struct model *m, bool on);
void model_take_counts(struct model *m, crowd_count_fn fn, void *ctx);
/* Puts a stored count back (after a restart), so baselines have their
 * history before the source answers. Says nothing on the grid until the
 * source sends the series again. Bad values are ignored. */
void model_crowd_restore(struct model *m, size_t svc, size_t src, const struct crowd_count *c);

/* Builds a snapshot of everything at time now. The caller frees it with
 * snapshot_free(). Changes nothing: the cells' "since" and the crowd episodes
 * are kept at every change of the model (model_source_*), so a snapshot says
 * the same however often snapshots are taken. */
struct snapshot *model_snapshot(struct model *m, time_t now);
/* The same snapshot, letting go of each service's state once the snapshot
 * holds its copy (a run's last snapshot, with the least memory at once).
 * The model is spent: model_free() is all that may follow. */
struct snapshot *model_snapshot_spend(struct model *m, time_t now);
/* Builds service svc of snap (a snapshot of m) anew at time now in place of
 * what it held, keeping snap's totals (last poll, sources ok, stale,
 * failing) right. Its sparklines and the hints that compare services
 * (snapshot_fuse_again) are the caller's to fill. */
void model_snapshot_service(struct model *m, struct snapshot *snap, size_t svc, time_t now);
/* Makes again the hints that compare services (a shared cause in the
 * family, the network's trouble) after some were built anew. */
void snapshot_fuse_again(struct snapshot *snap);

/* Time travel: the model of a past moment is a fresh model told what this
 * one was told up to then (journal.h). What it cannot be told again is the
 * crowd history read back from the store before the journal began: this
 * copies into dst the crowd counts m holds for buckets before before. */
void model_seed_crowd(struct model *dst, const struct model *m, time_t before);

#endif
