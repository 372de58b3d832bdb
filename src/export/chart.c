/* Charts from snapshots (see chart.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sitrep/chart.h"
#include "sitrep/xalloc.h"

/* Panels of one chart: the regions in trouble, then the busiest. */
#define CHART_SERIES 4

static void add_series(struct chart *c, const struct snap_crowd *cr)
{
    struct chart_series *s;

    if (!cr->counts || cr->ncounts == 0 || cr->bucket_s <= 0)
        return;
    c->series = xreallocarray(c->series, c->nseries + 1, sizeof *c->series);
    s = &c->series[c->nseries++];
    s->label = xstrdup(region_code(cr->region));
    s->bucket_s = cr->bucket_s;
    s->start = cr->bucket_start - (time_t)(cr->ncounts - 1) * cr->bucket_s;
    s->n = cr->ncounts;
    s->counts = xcalloc(s->n, sizeof *s->counts);
    memcpy(s->counts, cr->counts, s->n * sizeof *s->counts);
    if (cr->baselines) {
        s->baselines = xcalloc(s->n, sizeof *s->baselines);
        memcpy(s->baselines, cr->baselines, s->n * sizeof *s->baselines);
    }
}

static int marker_order(const void *a, const void *b)
{
    const struct chart_marker *x = a, *y = b;

    return (x->at > y->at) - (x->at < y->at);
}

static void add_markers(struct chart *c, const struct snap_service *s)
{
    for (size_t i = 0; i < s->nincidents; i++) {
        const struct snap_incident *inc = &s->incidents[i];
        if (inc->maintenance)
            continue;
        for (size_t k = 0; k < inc->nupdates; k++) {
            const struct snap_update *u = &inc->updates[k];
            if (u->at < c->from || u->at > c->to)
                continue;
            c->markers = xreallocarray(c->markers, c->nmarkers + 1, sizeof *c->markers);
            c->markers[c->nmarkers++] =
                (struct chart_marker){.at = u->at,
                                      .status = xstrdup(u->status ? u->status : ""),
                                      .title = xstrdup(inc->title ? inc->title : "")};
        }
    }
    if (c->nmarkers)
        qsort(c->markers, c->nmarkers, sizeof *c->markers, marker_order);
}

static void add_strips(struct chart *c, const struct snapshot *snap, const struct snap_service *s)
{
    time_t start;

    if (!snap->nhist || snap->hist_bucket_s <= 0)
        return;
    start = snap->hist_end - (time_t)(snap->nhist - 1) * snap->hist_bucket_s;
    c->strips = xcalloc(snap->ncolumns + 1, sizeof *c->strips);
    for (size_t col = 0; col < snap->ncolumns; col++) {
        const unsigned char *h = s->cells[col].hist;
        struct chart_strip *st;
        if (!h)
            continue;
        st = &c->strips[c->nstrips++];
        st->label = xstrdup(region_code(snap->columns[col]));
        st->start = start;
        st->step_s = snap->hist_bucket_s;
        st->n = snap->nhist;
        st->levels = xcalloc(st->n, 1);
        memcpy(st->levels, h, st->n);
    }
}

/* The series worth a panel first: the worst level, then the most reports. */
static int series_order(const void *a, const void *b)
{
    const struct snap_crowd *x = *(const struct snap_crowd *const *)a;
    const struct snap_crowd *y = *(const struct snap_crowd *const *)b;

    if (x->level != y->level)
        return x->level > y->level ? -1 : 1;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return strcmp(region_code(x->region), region_code(y->region));
}

void chart_from_snapshot(struct chart *c, const struct snapshot *snap, size_t i, time_t from,
                         time_t to)
{
    const struct snap_service *s = &snap->services[i];
    const struct snap_crowd **order = xcalloc(s->ncrowd + 1, sizeof *order);

    memset(c, 0, sizeof *c);
    c->title = xstrdup(s->name);
    c->from = from;
    c->to = to;
    for (size_t k = 0; k < s->ncrowd; k++)
        order[k] = &s->crowd[k];
    qsort(order, s->ncrowd, sizeof *order, series_order);
    for (size_t k = 0; k < s->ncrowd && c->nseries < CHART_SERIES; k++)
        add_series(c, order[k]);
    free(order);
    add_markers(c, s);
    add_strips(c, snap, s);
}

void chart_free(struct chart *c)
{
    free(c->title);
    for (size_t i = 0; i < c->nseries; i++) {
        free(c->series[i].label);
        free(c->series[i].counts);
        free(c->series[i].baselines);
    }
    free(c->series);
    for (size_t i = 0; i < c->nmarkers; i++) {
        free(c->markers[i].status);
        free(c->markers[i].title);
        free(c->markers[i].body);
    }
    free(c->markers);
    for (size_t i = 0; i < c->nstrips; i++) {
        free(c->strips[i].label);
        free(c->strips[i].levels);
    }
    free(c->strips);
    memset(c, 0, sizeof *c);
}
