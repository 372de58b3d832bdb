/* Internal to src/engine: the engine's state, shared by engine.c (polls,
 * replay, history in, time travel, reload) and engine_live.c (history out
 * and the live snapshot kept up to date). */
#ifndef SITREP_ENGINE_INTERNAL_H
#define SITREP_ENGINE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "sitrep/engine.h"
#include "sitrep/history.h"
#include "sitrep/journal.h"
#include "sitrep/remote.h"

/* What was last written for one cell, so an unchanged cell is not
 * written again every snapshot. */
struct last_put {
    time_t bucket;
    enum level level;
    unsigned evidence;
    long reports, baseline;
};

struct engine {
    const struct config *cfg;
    struct engine_opts opts;
    struct fetcher *fetcher;
    struct remote *remote; /* a viewer: everything comes from it */
    struct poller *poller; /* NULL when replaying */
    struct model *model;
    /* Component names and statuses, one copy each for the model, the
     * journal and every model of the past (freed last). */
    struct intern *strings;
    /* Time travel: all the model was told, and a model of the past told it
     * up to the moment shown. */
    struct journal *journal;
    struct journal_cursor past;
    time_t seeded_before; /* crowd history from the store ends here */
    bool dirty;
    time_t loaded_from; /* the oldest moment read back from the store, 0 */
    long load_svc;      /* reading history back: the service of the last sample, -1 */
    /* history: a row per service, then one per column, for each service */
    struct history *hist;
    size_t stride;         /* rows per service: ncolumns + 1 */
    long hist_window;      /* seconds the snapshots' sparklines cover */
    struct last_put *puts; /* nservices x stride */
    time_t *said;          /* per source: newest statement written (a store) */
    size_t *first_src;     /* per service: the index of its first source */
    uint64_t *body_hash;   /* per source: hash of the last body parsed, 0 */
    size_t parsed, same_body;
    time_t noted_bucket;     /* the bucket of the last snapshot noted */
    int64_t last_flush_real; /* ms, monotonic */
    int64_t last_maintain_real;
    char *store_problem;
    bool flush_failed;      /* store_problem is a failed flush's */
    int64_t flush_retry_ms; /* wait before the next flush after a failure, 0 */
    size_t nsources;
    long running;      /* transfers at once, as the open-file limit allows */
    char *limits_note; /* what was cut down or is over budget, NULL */
    /* replay */
    size_t next;     /* next entry to feed */
    long *entry_svc; /* per entry: service index, -1 when not in the config */
    long *entry_src; /* per entry: source index */
    /* The live snapshot (engine_snapshot_update): the services polls told
     * the model about since its last update, each once, or all of them. */
    unsigned char *touched;
    size_t *touched_list;
    size_t ntouched;
    bool touch_all;
    const struct snapshot *live; /* the snapshot kept up to date, and its state */
    unsigned long live_gen, generation;
    time_t live_whole; /* when the live snapshot was last built whole */
};

static inline int64_t engine_now_ms(const struct engine *e)
{
    return e->opts.clock(e->opts.clock_ctx);
}

/* The moment the model's knowledge reaches: the clock's, except in a
 * replay that has not fed every response due yet (one a step): then just
 * before the next one, so nothing looks older than it is. */
static inline int64_t engine_known_ms(const struct engine *e)
{
    const struct recording *rec = e->opts.replay;
    int64_t now = engine_now_ms(e);

    if (rec && e->next < rec->nentries && rec->entries[e->next].t_ms <= now)
        return rec->entries[e->next].t_ms - 1;
    return now;
}

/* engine_live.c */
/* Every service's level and every cell into the history (and the store). */
void engine_note_snapshot(struct engine *e, const struct snapshot *snap);
/* The sparklines of every service and cell: the window up to end;
 * end_at_level: the last point is what the snapshot shows (a moment in the
 * past, whose bucket goes on after it). */
void engine_fill_history(const struct engine *e, struct snapshot *snap, time_t end,
                         bool end_at_level);
/* A poll told the model about service svc; every service changed. */
void engine_touch(struct engine *e, size_t svc);
void engine_touch_all(struct engine *e);

#endif
