/* Internal to src/model: the model's state, shared by model.c (official
 * evidence, cells), model_crowd.c (crowd reports) and model_snap.c
 * (building snapshots). */
#ifndef SITREP_MODEL_INTERNAL_H
#define SITREP_MODEL_INTERNAL_H

#include <stdint.h>

#include "sitrep/crowd.h"
#include "sitrep/mention.h"
#include "sitrep/model.h"

struct mention_tally;

/* One crowd report series of a source, followed over time. */
struct crowd_track {
    char *key; /* the source's name for the region and the series' label */
    region_id region;
    char *label;
    struct crowd_history counts;
    struct crowd_history base; /* the source's own baselines */
    /* The baseline each recent bucket was judged against, plus one (0: none
     * yet), cached for the snapshots' series: working it out again for a
     * day of buckets in every snapshot costs a few ms per series. */
    struct crowd_history applied;
    struct crowd_state state;
    enum level status; /* the source's own verdict at the last update */
    struct report_category *cats;
    size_t ncats;
    time_t updated; /* when the source last sent this series */
    /* Mentions (public posts) rather than reports: region and also[] are
     * the places the posts' language or instance suggests, each only
     * possible (mention.h). */
    bool mentions;
    region_id also[MENTION_MAX_REGIONS];
    size_t nalso;
    struct snap_sample samples[SNAP_SAMPLES]; /* the latest posts counted, newest first */
    size_t nsamples;
};

/* Pointers and times first, the small fields last, so no padding is
 * wasted: ten thousand sources keep one each. */
struct source_state {
    const struct source_conf *conf;
    struct evidence ev; /* last good data; valid when has_data */
    time_t last_attempt, last_success;
    time_t failing_since; /* first failure of the current run, 0 when ok */
    time_t expired_at;    /* when the run reached expire_failures, 0 before */
    char *error;
    struct source_timing timing;
    struct crowd_track *tracks;
    size_t ntracks;
    /* Incidents that were open and have left the page (a summary lists
     * only unresolved ones): kept a day as resolved, so the timeline and
     * the exports still tell the first wave when the second one comes.
     * An array, not an evidence: most sources never have one. */
    struct incident *gone;
    size_t ngone;
    struct mention_tally *tally; /* posts counted as mentions; NULL until the first */
    int failures;
    bool has_data;
    bool timed; /* timing was given */
};

/* A cell's level and since as tracked at the model's changes, in one word
 * (track_since() reads and writes it): since * 256 plus the level + 1, 0
 * before the cell was first seen. Eight bytes, not sixteen, for each of
 * the columns of ten thousand services. */
struct cell_state {
    int64_t word;
};

/* A crowd episode and the official word in it, for the lead time and the
 * timeline: the episode runs from the first confirmed crowd problem until
 * the crowd is clear again; the first official problem seen in it fixes
 * the lead. Ended ones are kept a day. */
#define EPISODES_KEPT 16
struct service_state {
    const struct service_conf *conf;
    struct source_state *sources;
    /* The cells as of the latest change of the model (not of the latest
     * snapshot): "since" then does not depend on how often snapshots are
     * taken, and a model fed the same responses says the same. */
    struct cell_state *cells; /* per column */
    struct cell_state overall;
    time_t official_seen;        /* when we first saw an official problem; 0 */
    time_t crowd_seen;           /* when we first saw the current crowd problem; 0 */
    struct snap_episode episode; /* the current one (start 0: none) */
    /* ended ones, oldest first: room for EPISODES_KEPT made at the first
     * (most services never have one; ten thousand rows add up) */
    struct snap_episode *past;
    size_t npast;
};

/* A crowd count taken in, waiting for model_take_counts(). */
struct count_change {
    size_t svc, src;
    char *key;
    time_t bucket;
    int bucket_s;
    long count, baseline;
};

struct model {
    const struct config *cfg;
    struct service_state *services;
    size_t nservices;
    bool journal; /* keep count_changes */
    struct count_change *changes;
    size_t nchanges, capchanges;
};

/* One (region, level) pair of evidence, as described in model.h. */
struct contrib {
    region_id region;
    enum level level;
    unsigned kind;
    /* When the evidence says this level began (for unknown: when the
     * source stopped being believed), 0 if it does not say. */
    time_t since;
    int src; /* the source's index in its service */
    long age_s;
    bool stale;
    long reports;    /* crowd: the last judged bucket's count, -1 */
    double baseline; /* crowd: its baseline, -1 */
    /* Mentions: only ever possible, even inside the column; one series may
     * contribute to several countries and is counted once per cell. */
    bool possible_only;
    bool secondary; /* one of the further places of a series (fr: BE CH ...) */
    const void *series;
};

struct contribs {
    struct contrib *v;
    size_t n, cap;
};

/* model.c: frees all service s holds but its conf; idempotent. */
void service_state_release(struct service_state *s);

/* model_cells.c: evidence to contributions to cells */
struct contrib *contrib_add(struct contribs *cs, region_id region, enum level level, time_t since,
                            unsigned kind);
bool source_expired(const struct config *cfg, const struct source_state *s, time_t now);
/* When an expired source stopped being believed. */
time_t source_expired_since(const struct config *cfg, const struct source_state *s);
/* Whether an incident or maintenance speaks at now: an open incident, or a
 * maintenance in progress by the page's word or by its window. */
bool incident_active(const struct incident *inc, time_t now);
/* A maintenance announced for later, within the week after now. */
bool incident_upcoming(const struct incident *inc, time_t now);
/* The cell of column from cs; *since is the earliest start the evidence
 * behind its level gives (0 when none does). */
void cell_from_contribs(const struct contribs *cs, region_id column, struct snap_cell *cell,
                        time_t *since);
/* The cell's since as of now, given the state tracked at the model's last
 * change; updates st when update is set. */
time_t track_since(struct cell_state *st, enum level level, time_t evidence_since, time_t now,
                   bool update);
/* Everything a service's sources say, official and crowd, into cs; sets
 * *official_since to when the official side first showed a problem (0 when
 * it shows none) and *crowd_since likewise for the crowd. With update set,
 * first-seen times are remembered (at a change of the model, not at
 * snapshots). */
void service_contribs(const struct config *cfg, struct service_state *s, time_t now,
                      struct contribs *cs, time_t *official_since, time_t *crowd_since,
                      bool update);
/* After a change of the model at now: tracks the cells' since and the
 * crowd episode of service s. */
void service_settle(const struct config *cfg, struct service_state *s, time_t now);

/* model_crowd.c */
void crowd_ingest(struct model *m, size_t svc, size_t src, struct evidence *ev, time_t now);
void crowd_changes_free(struct model *m);
void crowd_tracks_free(struct source_state *s);
void crowd_contribs(const struct config *cfg, const struct source_state *s, time_t now,
                    struct contribs *cs);
void snap_crowd_fill(struct snap_service *o, struct service_state *s);
/* A series of mentions (distinct authors per bucket) for the places in
 * regions[0..n): like a report series, with the track marked as mentions. */
void crowd_ingest_mentions(struct model *m, size_t svc, size_t src, struct report_series *r,
                           const region_id *regions, size_t n, const struct snap_sample *samples,
                           size_t nsamples, time_t now);

/* model_mentions.c: public posts to mention counts */
void mentions_ingest(struct model *m, size_t svc, size_t src, const struct evidence *ev,
                     time_t now);
void mention_tally_free(struct mention_tally *t);

/* model_snap.c */
void snap_fill_service(const struct config *cfg, struct service_state *s, struct snap_service *o,
                       time_t now);

/* snapshot.c */
void snap_incident_free(struct snap_incident *inc);

/* fusion.c */
void snapshot_fuse(struct snapshot *snap, const struct config *cfg);

#endif
