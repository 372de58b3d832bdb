/* A snapshot: the whole dashboard state at one moment, as plain data that
 * owns all its strings. The model builds it; the UI, every export format and
 * (later) history consume it, and nothing else. Strings are raw remote text:
 * whoever shows or exports them passes them through the sanitizer. */
#ifndef SITREP_SNAPSHOT_H
#define SITREP_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "sitrep/crowd.h"
#include "sitrep/level.h"
#include "sitrep/region.h"

/* Which kinds of evidence stand behind a cell (bit set). */
enum evidence_kind {
    EVIDENCE_NONE = 0,
    EVIDENCE_OFFICIAL = 1 << 0,
    EVIDENCE_CROWD = 1 << 1,
    EVIDENCE_BOTH = EVIDENCE_OFFICIAL | EVIDENCE_CROWD,
    /* Public posts that mention the service: crowd evidence too, but never
     * reports, and only ever possible. */
    EVIDENCE_MENTIONS = 1 << 2,
};

/* The one-character mark of the kinds behind a cell: '+' official and crowd
 * (reports or mentions) agree, '~' crowd reports (mentions or not) without
 * official word, '@' public mentions only, '\0' otherwise. */
char evidence_kind_flag(unsigned kinds);
/* "none", "official", "crowd", "both", and with mentions "mentions",
 * "official+mentions", "crowd+mentions", "both+mentions". */
const char *evidence_kind_name(unsigned kinds);

struct snap_cell {
    /* Ordered by size: ten thousand rows of six columns add up. */
    enum level level;   /* what the cell shows */
    enum level certain; /* the level from evidence inside the column */
    unsigned evidence;  /* enum evidence_kind bits */
    /* possible: the wider region the evidence named (an "EU" incident in
     * an FR column); REGION_NONE otherwise. */
    region_id possible_region;
    /* unknown: the service's source (index into sources) that cannot be
     * read, -1 otherwise. */
    int unknown_src;
    bool possible;          /* level comes only from evidence about a wider region */
    bool stale;             /* a source behind it is failing; data kept from before */
    bool pending;           /* none because a source has not answered yet */
    long reports;           /* crowd report count, -1 when none */
    long baseline;          /* its baseline, -1 when none */
    long mentions;          /* distinct authors of public posts in the last bucket, -1 */
    long mentions_baseline; /* their baseline, -1 when none */
    long age_s;             /* age of the oldest data behind it, -1 when none */
    /* When the cell reached this level: the earliest start the evidence
     * behind it gives, else when the model first showed it; 0 for none.
     * The same in every view and export of the same moment. */
    time_t since;
    /* The cell's level history on the snapshot's time axis (nhist buckets,
     * oldest first, LEVEL_NONE where unknown); NULL when there is none.
     * May point into its service's hist_mem (see struct snap_service). */
    unsigned char *hist;
};

struct snap_update {
    time_t at;
    char *status;
    char *body;
};

struct snap_incident {
    char *source; /* source id within the service */
    char *id;
    char *title;
    char *status;
    char *impact;
    char *url; /* may be NULL */
    enum level level;
    bool open; /* speaks now: an open incident, a maintenance in progress */
    bool maintenance;
    bool upcoming;     /* a maintenance announced for the next 7 days */
    bool inferred_end; /* the page stopped listing it; resolved_at is when we saw that */
    /* started_at: for a maintenance, when it was scheduled to begin. */
    time_t started_at, updated_at, resolved_at, scheduled_for, scheduled_until;
    char **components; /* affected component names ("Group - Name") */
    size_t ncomponents;
    region_id *regions; /* the distinct regions those components are in */
    size_t nregions;
    struct snap_update *updates; /* newest first */
    size_t nupdates;
};

struct snap_component {
    char *source;
    char *id;
    char *name;
    char *group; /* may be NULL */
    enum level level;
    region_id region;
    bool is_group;
    time_t updated_at;
};

/* How a source is doing, as the status line and the detail pane say it. */
enum source_health {
    HEALTH_PENDING,     /* not polled yet */
    HEALTH_OK,          /* the latest poll worked */
    HEALTH_SLOW,        /* it worked, but took longer than it should */
    HEALTH_FAILING,     /* the latest poll failed; see error */
    HEALTH_BACKING_OFF, /* failed and asked to wait (429, 5xx, no answer) */
};

/* "pending", "ok", "slow", "failing", "backing_off". */
const char *source_health_name(enum source_health health);

struct snap_source {
    char *id;
    char *format;
    char *url;
    char *host;      /* the URL's host, to name the source to a reader */
    char *page_name; /* may be NULL */
    bool official;   /* an official status source, not crowd reports */
    bool ok;         /* the latest poll succeeded */
    bool has_data;   /* some poll ever succeeded; its data is shown */
    bool stale;      /* failing, showing older data */
    bool expired;    /* failing for too long: its cells are unknown */
    enum level level;
    time_t last_attempt, last_success; /* 0 = never */
    time_t failing_since;              /* first failure of the current run, 0 */
    long age_s;                        /* now - last_success, -1 when never */
    int failures;                      /* consecutive */
    enum source_health health;
    char *error;          /* reason of the latest failure, NULL when ok */
    time_t next_poll;     /* 0 when unknown */
    time_t backoff_until; /* 0 when not backing off */
    long http_status;     /* of the latest answer, 0 when none */
    long elapsed_ms;      /* of the latest poll, -1 when none */
};

/* A public post behind a mention series, for people to judge what is being
 * counted: where its author writes from (the instance, never the account)
 * and when; raw remote text, at most a few hundred bytes. */
#define SNAP_SAMPLES 3
struct snap_sample {
    char *where; /* the author's instance ("social.example"), or the site */
    char *text;
    time_t at;
};

/* One crowd report series behind a service (a Downdetector country site,
 * a region of a report feed). */
struct snap_crowd {
    char *source; /* source id within the service */
    char *key;    /* the source's name for the region */
    char *label;  /* may be NULL */
    region_id region;
    bool mentions;    /* counts of public posts' authors, not reports; region only possible */
    enum level level; /* what it contributes: worst of the two below */
    enum level detector_level; /* from counts against the baseline */
    enum level source_status;  /* the source's own verdict, LEVEL_NONE when none */
    long count;                /* the last judged bucket, -1 when none */
    long baseline;             /* its baseline, -1 when none */
    enum baseline_method method;
    time_t bucket_start; /* of that bucket, 0 when none */
    int bucket_s;
    time_t problem_since; /* start of the current crowd problem, 0 */
    time_t rising_since;  /* start of the rise (reports rising or worse), 0 */
    bool stale;           /* not in the source's latest answer */
    char **categories;    /* problem categories, largest share first */
    double *shares;
    size_t ncategories;
    /* Recent counts for the detail pane's "reports against baseline":
     * ncounts buckets of bucket_s seconds ending with the one starting at
     * bucket_start, oldest first; -1 where unknown. baselines[] likewise
     * (the baseline that applied to each bucket, -1 where none). Both NULL
     * when there are none. */
    long *counts;
    long *baselines;
    size_t ncounts;
    /* mentions: the latest posts counted, newest first (none for reports) */
    struct snap_sample samples[SNAP_SAMPLES];
    size_t nsamples;
};

/* A crowd episode: from the first crowd problem (by the duration rule)
 * until the crowd was clear again; the current one has end 0. */
#define SNAP_EPISODE_REGIONS 8
struct snap_episode {
    time_t start, end;
    time_t official;   /* the first official word seen in it, 0 when none */
    long peak;         /* the largest count of one series' bucket seen in it, -1 */
    unsigned evidence; /* enum evidence_kind bits of its problems (crowd, mentions) */
    region_id regions[SNAP_EPISODE_REGIONS]; /* where the crowd had problems */
    size_t nregions;
};

/* One change the alerts announced (alerts.h), for the detail pane's log. */
struct snap_change {
    time_t at;
    enum level from, to;
    region_id *regions; /* the columns that changed; NULL when only the service level did */
    size_t nregions;
    unsigned evidence; /* enum evidence_kind bits behind the new level */
    bool possible;     /* the new level only possibly holds in those columns... */
    region_id named;   /* ...reported for this wider region (REGION_NONE: not said) */
    char *note;        /* why the level is unknown (a source's error, raw), or NULL */
};

struct snap_service {
    char *id;
    char *name;
    char *family; /* may be NULL */
    size_t order; /* its place in the config (shards of one config merge in it) */
    enum level level;
    unsigned evidence; /* enum evidence_kind bits behind level */
    time_t since;
    struct snap_cell *cells;         /* one per column */
    struct snap_incident *incidents; /* open first, newest first */
    size_t nincidents;
    struct snap_source *sources;
    size_t nsources;
    struct snap_component *components;
    size_t ncomponents;
    struct snap_crowd *crowd;
    size_t ncrowd;
    /* Crowd against official. crowd_since: start of the current crowd
     * episode (a problem by the duration rule, until the crowd is clear
     * again), 0 when there is none; official_since: when the official side
     * first showed its current problem, 0 when it shows none. lead_s: how
     * far the crowd was ahead of the first official word of the episode,
     * fixed for the rest of it; -1 when there is no such word yet
     * (official_silent) or the official side spoke first (official_first). */
    time_t crowd_since, official_since;
    long lead_s;
    bool official_silent;
    bool official_first;
    /* The components' strings live in the components' own allocation
     * (model snapshots: one allocation, not four a component); else each
     * is its own. */
    bool components_inline;
    bool sources_inline; /* likewise the sources' (but error, always its own) */
    /* The crowd episodes of the last day, oldest first, the current one
     * (end 0) last. */
    struct snap_episode *episodes;
    size_t nepisodes;
    /* A likely shared cause: services of the same family whose crowd
     * reports spike in overlapping regions within the same window. */
    char *shared_family; /* NULL when there is no such hint */
    /* The network may explain it: "the Internet (IODA) row shows a
     * connectivity drop in LT at the same time"; NULL when nothing does.
     * Made of config names and region codes. */
    char *network_hint;
    char **shared_with; /* the other services' names */
    size_t nshared_with;
    region_id *shared_regions;
    size_t nshared_regions;
    /* Level history, snapshot.nhist buckets, oldest first (enum level
     * values; LEVEL_NONE where unknown); NULL when there is none. */
    unsigned char *hist;
    /* When set, the one allocation hist and the cells' hist point into
     * (equal rows shared: snap_service_set_hist); free this, never those.
     * NULL: each row is its own allocation. */
    unsigned char *hist_mem;
    /* The changes announced for this service, newest first; filled by
     * alerts_annotate(), NULL otherwise. */
    struct snap_change *changes;
    size_t nchanges;
};

struct snapshot {
    time_t generated_at;
    region_id *columns;
    size_t ncolumns;
    struct snap_service *services;
    size_t nservices;
    time_t last_poll; /* latest attempt of any source, 0 = none yet */
    size_t sources_ok, sources_stale, sources_failing;
    /* The sparklines' shared time axis: nhist buckets of hist_bucket_s
     * seconds, the last one starting at hist_end (0 when no history). */
    size_t nhist;
    int hist_bucket_s;
    time_t hist_end;
    /* Time travel: the moment this snapshot shows when it is built from
     * history (engine_snapshot_at), 0 for the live state. */
    time_t past_at;
    /* A moment before the journal (journal.h) began: only the grid's levels
     * are known, from the history; no incidents, crowd or sources. */
    bool past_partial;
    char *history_problem; /* the history store's trouble, NULL when fine */
    /* The oldest moment the history behind it holds (how far back time
     * travel goes), 0 when none. */
    time_t history_oldest;
    /* A viewer of sitrep serve (--remote): the servers it cannot reach or
     * read, for people; NULL when every one answers. */
    char *remote_problem;
    /* Which state of a live snapshot this is: engine_snapshot_update()
     * gives each in-place update a new number, so a reader may keep what it
     * worked out from an earlier one (sorted rows, counts) until it moves.
     * 0 for a snapshot built whole, which nobody may assume unchanged. */
    unsigned long generation;
};

/* What an in-place update of a live snapshot changed, so that its readers
 * copy and draw no more than that. Plain lists of service indices. */
struct snap_delta {
    bool all;       /* a new snapshot: every row may have moved or changed */
    size_t *copied; /* services built anew from the model: their strings moved */
    size_t ncopied;
    size_t *rows; /* of them, those whose grid row shows something new */
    size_t nrows;
    size_t cap_copied, cap_rows;
};
void snap_delta_clear(struct snap_delta *d);
void snap_delta_add(struct snap_delta *d, size_t svc, bool row_changed);
void snap_delta_free(struct snap_delta *d);

/* Sets a service's sparklines from rows: (1 + ncolumns) rows of n levels,
 * the service's first, then each cell's. One allocation, rows that are
 * equal stored once (most cells of a quiet service repeat the service's).
 * Whatever the service had is freed first. */
void snap_service_set_hist(struct snap_service *s, size_t ncolumns, const unsigned char *rows,
                           size_t n);
/* Frees a service's sparklines and its cells', however they are held. */
void snap_service_drop_hist(struct snap_service *s, size_t ncolumns);

/* Frees what one service holds (for a snapshot updated in place); the
 * struct itself stays, zeroed. */
void snap_service_free(struct snap_service *s, size_t ncolumns);
/* A digest of what the grid shows of a service: its cells, level, since,
 * sparklines, and its expanded rows (components, symptoms). Two states with
 * the same digest draw the same row. */
uint64_t snap_service_row_digest(const struct snapshot *snap, const struct snap_service *s);

/* One line on how a source is doing, for people: "ok, data 12s old",
 * "slow (6.2s), data 3s old", "backing off until 12:34 UTC after 3 failures:
 * HTTP 503; showing data 4m old". The error passes through the sanitizer
 * (san_flags are its flags). Appends to out. */
struct buf;
void snap_source_describe(const struct snap_source *src, time_t now, unsigned san_flags,
                          struct buf *out);

/* "FR: 412 reports vs 18 normal (22.9x), problems since 10:15 UTC; Login 52%,
 * Messages 31%" — one crowd series for people; remote text sanitized. */
void snap_crowd_describe(const struct snap_crowd *c, unsigned san_flags, struct buf *out);
/* "17:03 UTC social.example: Orbit ne marche plus…" — a sample post for
 * people, its text sanitized (san_flags) and cut to max_cols. */
void snap_sample_describe(const struct snap_sample *s, unsigned san_flags, int max_cols,
                          struct buf *out);
/* Why a cell of service s shows what it shows, when it is not plain
 * evidence: unknown ("could not be read: status.x.com failing since 17:02
 * UTC: HTTP 503"), pending ("waiting for the first answer"), possible
 * ("possible: reported for EU, wider than the column"). Remote text
 * sanitized with san_flags. Appends to out; false when there is nothing to
 * say. */
bool snap_cell_note(const struct snap_service *s, const struct snap_cell *c, time_t now,
                    unsigned san_flags, struct buf *out);

/* The notes of a service's cells (snap_cell_note), each once with the
 * columns it is about, in column order; only unknown cells' when
 * unknown_only. Returns how many; free with snap_notes_free(). */
struct snap_note {
    char *text;
    region_id *columns;
    size_t ncolumns;
};
size_t snap_service_notes(const struct snapshot *snap, const struct snap_service *s,
                          unsigned san_flags, bool unknown_only, struct snap_note **out);
void snap_notes_free(struct snap_note *v, size_t n);

/* "2 with problems (1 only possible); 1 in maintenance; 3 unknown: could
 * not be fetched; 15 ok" — problems and unknowns apart. Appends to out. */
struct snap_tally;
void snap_tally_describe(const struct snap_tally *t, struct buf *out);

/* An incident's or update's status for people: the page's word with its
 * enum spelling undone ("in_progress" -> "in progress"), "no longer listed
 * (inferred)" when the page stopped listing it, "status not given" when it
 * has none. Sanitized with san_flags. Appends to out. */
void snap_status_describe(const char *raw, bool inferred, unsigned san_flags, struct buf *out);

/* "crowd led official by 47m" (fixed for the crowd episode), "no official
 * word yet; crowd problems for 2h10m" (as of now), "the official side spoke
 * first", or nothing. Returns true when it wrote something. */
bool snap_lead_describe(const struct snap_service *s, time_t now, struct buf *out);
/* "likely shared cause with Instagram, WhatsApp (meta) in FR IT", or
 * nothing. Returns true when it wrote something. */
bool snap_shared_describe(const struct snap_service *s, unsigned san_flags, struct buf *out);

/* Frees n changes and the array. */
void snap_changes_free(struct snap_change *v, size_t n);
void snapshot_free(struct snapshot *snap);
/* The worst level over every cell of every service: what the chosen
 * columns show (for --exit-status). */
enum level snapshot_worst(const struct snapshot *snap);

/* Services by what the chosen columns show of them: a service counts once,
 * by its worst cell; unknown counts apart from problems and from ok. */
struct snap_tally {
    size_t problems;    /* degraded, partial or major somewhere */
    size_t maintenance; /* in maintenance, no problem */
    size_t notices;     /* a notice (official notice, crowd reports rising) */
    size_t unknown;     /* nothing worse, and a cell that cannot be read */
    size_t ok;          /* ok where there is evidence */
    size_t none;        /* no evidence at all (pending, or no source speaks) */
    size_t possible;    /* of problems: only as possible (a wider region) */
};
void snapshot_tally(const struct snapshot *snap, struct snap_tally *out);
/* Nagios state of the chosen columns: 2 critical when a cell is at partial
 * or worse for certain, 1 warning when one is degraded or only possibly at
 * partial or worse, 3 unknown when nothing worse is known and a cell cannot
 * be read, 0 otherwise. Columns not chosen never page. */
int snapshot_nagios(const struct snapshot *snap);
/* A digest of what a reader would call a change: cells (level, evidence,
 * possible, stale, since), incidents and their updates, sources' health,
 * lead times. Not ages or poll times, which move every second. */
uint64_t snapshot_digest(const struct snapshot *snap);
/* The worst cell of a service over the chosen columns. */
enum level snap_service_worst(const struct snapshot *snap, const struct snap_service *s);

#endif
