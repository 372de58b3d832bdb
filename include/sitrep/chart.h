/* Charts: one service's crowd counts against their baseline, its official
 * statements as numbered markers and each region's levels as a strip, on
 * one UTC time axis, drawn as SVG. The chart is plain data that a snapshot
 * (chart_from_snapshot) or the history store (sitrep export) fills; the
 * drawing (chart_svg) is deterministic: the same chart gives the same
 * bytes, so SVG output can be a golden file. */
#ifndef SITREP_CHART_H
#define SITREP_CHART_H

#include <stddef.h>
#include <time.h>

#include "sitrep/buf.h"
#include "sitrep/level.h"
#include "sitrep/snapshot.h"

struct chart_series {
    char *label;     /* "FR", the region the counts are from */
    int bucket_s;    /* > 0 */
    time_t start;    /* start of counts[0] */
    long *counts;    /* n counts, -1 where unknown */
    long *baselines; /* n baselines, -1 where unknown; NULL when none */
    size_t n;
};

struct chart_marker {
    time_t at;
    char *status; /* raw remote text: "investigating" ... */
    char *title;  /* raw remote text: the incident's title */
    char *body;   /* raw remote text: the statement, word for word */
};

struct chart_strip {
    char *label;           /* the column: "EU" */
    time_t start;          /* start of levels[0] */
    int step_s;            /* > 0 */
    unsigned char *levels; /* n enum level values */
    size_t n;
};

struct chart {
    char *title; /* raw: the service's name */
    time_t from, to;
    struct chart_series *series;
    size_t nseries;
    struct chart_marker *markers; /* oldest first */
    size_t nmarkers;
    struct chart_strip *strips;
    size_t nstrips;
};

/* The chart of service i of snap over [from, to]: its crowd series, the
 * updates of its incidents (not maintenances) and its cells' level
 * history. The caller frees it with chart_free(). */
void chart_from_snapshot(struct chart *c, const struct snapshot *snap, size_t i, time_t from,
                         time_t to);
void chart_free(struct chart *c);

/* Appends the chart as a standalone SVG document (no scripts, no external
 * resources). Remote text is sanitized and escaped. Meaning never rests on
 * colour alone: strips carry level letters at every change, markers are
 * numbered and listed, lines are labelled in a legend. */
void chart_svg(const struct chart *c, struct buf *out);

/* A self-contained HTML page of charts from the history (sitrep export
 * --format html): each chart with its statements word for word, the
 * window and when it was made (now). */
void chart_html(const struct chart *charts, size_t n, time_t now, struct buf *out);

#endif
