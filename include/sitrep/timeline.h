/* The merged timeline: one chronological list across services of what a
 * reader follows an outage by — official statements (every update of every
 * incident), crowd episodes (when reports became a problem, in which
 * regions, their peak so far), and maintenance windows. Built from a
 * snapshot; the events borrow its strings (raw remote text: whoever shows
 * them passes them through the sanitizer). */
#ifndef SITREP_TIMELINE_H
#define SITREP_TIMELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "sitrep/snapshot.h"

enum timeline_kind {
    TIMELINE_STATEMENT,   /* an update of an official incident */
    TIMELINE_CROWD,       /* a crowd episode began (problems by the duration rule) */
    TIMELINE_MAINTENANCE, /* a maintenance window (begun, or announced to come) */
};

/* "statement", "crowd", "maintenance". */
const char *timeline_kind_name(enum timeline_kind kind);

struct timeline_event {
    time_t at;
    enum timeline_kind kind;
    const struct snap_service *service;
    enum level level;
    /* statement and maintenance: the incident and the update (update NULL
     * for a maintenance); NULL for crowd episodes. */
    const struct snap_incident *incident;
    const struct snap_update *update;
    /* crowd: the regions that reported problems in the episode and the
     * largest count of one series' bucket in it (-1 when none known). */
    region_id regions[SNAP_EPISODE_REGIONS];
    size_t nregions;
    long peak;
    unsigned evidence; /* crowd: enum evidence_kind bits behind it */
    /* maintenance: its scheduled end; crowd: when the episode ended; 0 when
     * it has not (or none is known) */
    time_t until;
};

/* Which events to keep: NULL or empty strings and zero times mean all. */
struct timeline_filter {
    const char *service; /* a service id */
    const char *family;
    region_id region; /* REGION_NONE: any; else events that concern it */
    time_t from, to;  /* at within [from, to] */
};

/* The events of snap that pass filter (NULL: all), oldest first; *n gets
 * their number. The caller frees the array (not the strings, which are the
 * snapshot's). */
struct timeline_event *timeline_build(const struct snapshot *snap,
                                      const struct timeline_filter *filter, size_t *n);

/* What happened, for people, without the time or the service: "official:
 * Users unable to sign in - investigating: We are aware ...", "crowd
 * reports: problems in FR IT, peak 288 reports (18:05 UTC)", "maintenance:
 * Database upgrade, until 19:00 UTC". Remote text sanitized with
 * san_flags. Appends to out. */
struct buf;
void timeline_describe(const struct timeline_event *e, unsigned san_flags, struct buf *out);

#endif
