/* Prometheus exposition of snapshots (see metrics.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sitrep/metrics.h"
#include "sitrep/xalloc.h"

/* Upper bounds of the fetch-duration buckets, in seconds. */
static const double bounds[] = {0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
#define NBOUNDS (sizeof bounds / sizeof bounds[0])

struct histo {
    char *service, *source;
    time_t last_attempt; /* the poll counted last */
    unsigned long buckets[NBOUNDS];
    unsigned long count;
    double sum;
};

struct metrics {
    struct histo *h;
    size_t n;
};

struct metrics *metrics_new(void)
{
    return xcalloc(1, sizeof(struct metrics));
}

void metrics_free(struct metrics *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n; i++) {
        free(m->h[i].service);
        free(m->h[i].source);
    }
    free(m->h);
    free(m);
}

static struct histo *histo_for(struct metrics *m, const char *service, const char *source)
{
    for (size_t i = 0; i < m->n; i++) {
        if (strcmp(m->h[i].service, service) == 0 && strcmp(m->h[i].source, source) == 0)
            return &m->h[i];
    }
    m->h = xreallocarray(m->h, m->n + 1, sizeof *m->h);
    memset(&m->h[m->n], 0, sizeof m->h[m->n]);
    m->h[m->n].service = xstrdup(service);
    m->h[m->n].source = xstrdup(source);
    return &m->h[m->n++];
}

void metrics_observe(struct metrics *m, const struct snapshot *snap)
{
    for (size_t i = 0; i < snap->nservices; i++) {
        const struct snap_service *s = &snap->services[i];
        for (size_t j = 0; j < s->nsources; j++) {
            const struct snap_source *src = &s->sources[j];
            struct histo *h = histo_for(m, s->id, src->id);
            double secs = src->elapsed_ms / 1000.0;
            if (!src->last_attempt || src->last_attempt == h->last_attempt || src->elapsed_ms < 0)
                continue;
            h->last_attempt = src->last_attempt;
            for (size_t k = 0; k < NBOUNDS; k++)
                h->buckets[k] += secs <= bounds[k];
            h->count++;
            h->sum += secs;
        }
    }
}

const char *metrics_content_type(bool openmetrics)
{
    return openmetrics ? "application/openmetrics-text; version=1.0.0; charset=utf-8"
                       : "text/plain; version=0.0.4; charset=utf-8";
}

/* A label value, escaped as both formats say: \\ \" \n. */
static void put_value(struct buf *out, const char *v)
{
    for (; *v; v++) {
        if (*v == '\\' || *v == '"')
            buf_putc(out, '\\');
        if (*v == '\n')
            buf_puts(out, "\\n");
        else
            buf_putc(out, *v);
    }
}

static void put_labels(struct buf *out, const char *service, const char *source, const char *region)
{
    buf_puts(out, "{service=\"");
    put_value(out, service);
    buf_putc(out, '"');
    if (source) {
        buf_puts(out, ",source=\"");
        put_value(out, source);
        buf_putc(out, '"');
    }
    if (region) {
        buf_puts(out, ",region=\"");
        put_value(out, region);
        buf_putc(out, '"');
    }
}

static void family(struct buf *out, const char *name, const char *type, const char *help)
{
    buf_printf(out, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static void cells(struct buf *out, const struct snapshot *snap, bool om)
{
    family(out, "sitrep_cell_level", "gauge",
           "Level of a grid cell: 0 ok, 1 notice, 2 maintenance, 3 degraded, 4 partial, "
           "5 major. Absent when unknown or without evidence (see sitrep_cell_state).");
    for (size_t i = 0; i < snap->nservices; i++) {
        const struct snap_service *s = &snap->services[i];
        for (size_t c = 0; c < snap->ncolumns; c++) {
            int v = level_scale(s->cells[c].level);
            if (v < 0)
                continue;
            buf_puts(out, "sitrep_cell_level");
            put_labels(out, s->id, NULL, region_code(snap->columns[c]));
            buf_printf(out, "} %d\n", v);
        }
    }
    family(out, "sitrep_cell_state", om ? "stateset" : "gauge",
           "State of a grid cell, one series per state, 1 for the one it is in: none (no "
           "evidence), ok, unknown (cannot be read), notice, maintenance, degraded, partial, "
           "major.");
    for (size_t i = 0; i < snap->nservices; i++) {
        const struct snap_service *s = &snap->services[i];
        for (size_t c = 0; c < snap->ncolumns; c++) {
            for (int l = 0; l < LEVEL_COUNT; l++) {
                buf_puts(out, "sitrep_cell_state");
                put_labels(out, s->id, NULL, region_code(snap->columns[c]));
                buf_printf(out, ",sitrep_cell_state=\"%s\"} %d\n", level_name((enum level)l),
                           s->cells[c].level == (enum level)l);
            }
        }
    }
}

static void evidence(struct buf *out, const struct snapshot *snap)
{
    static const char *const kinds[] = {"official", "crowd", "possible"};

    family(out, "sitrep_cell_evidence", "gauge",
           "What a cell's level rests on: official, crowd (1 when that kind says so), possible "
           "(1 when the level comes only from evidence about a wider region).");
    for (size_t i = 0; i < snap->nservices; i++) {
        const struct snap_service *s = &snap->services[i];
        for (size_t c = 0; c < snap->ncolumns; c++) {
            const struct snap_cell *cell = &s->cells[c];
            int v[3] = {(cell->evidence & EVIDENCE_OFFICIAL) != 0,
                        (cell->evidence & EVIDENCE_CROWD) != 0, cell->possible};
            for (size_t k = 0; k < 3; k++) {
                buf_puts(out, "sitrep_cell_evidence");
                put_labels(out, s->id, NULL, region_code(snap->columns[c]));
                buf_printf(out, ",kind=\"%s\"} %d\n", kinds[k], v[k]);
            }
        }
    }
}

static void sources(struct buf *out, const struct snapshot *snap)
{
    family(out, "sitrep_source_up", "gauge", "1 when the source's latest poll worked.");
    for (size_t i = 0; i < snap->nservices; i++) {
        for (size_t j = 0; j < snap->services[i].nsources; j++) {
            const struct snap_source *src = &snap->services[i].sources[j];
            buf_puts(out, "sitrep_source_up");
            put_labels(out, snap->services[i].id, src->id, NULL);
            buf_printf(out, "} %d\n", src->ok);
        }
    }
    family(out, "sitrep_source_last_success_timestamp_seconds", "gauge",
           "When the source last answered with data (Unix time); absent when it never did.");
    for (size_t i = 0; i < snap->nservices; i++) {
        for (size_t j = 0; j < snap->services[i].nsources; j++) {
            const struct snap_source *src = &snap->services[i].sources[j];
            if (!src->last_success)
                continue;
            buf_puts(out, "sitrep_source_last_success_timestamp_seconds");
            put_labels(out, snap->services[i].id, src->id, NULL);
            buf_printf(out, "} %lld\n", (long long)src->last_success);
        }
    }
}

static void histograms(struct buf *out, const struct metrics *m)
{
    family(out, "sitrep_fetch_duration_seconds", "histogram", "How long each poll took.");
    for (size_t i = 0; m && i < m->n; i++) {
        const struct histo *h = &m->h[i];
        for (size_t k = 0; k <= NBOUNDS; k++) {
            buf_puts(out, "sitrep_fetch_duration_seconds_bucket");
            put_labels(out, h->service, h->source, NULL);
            if (k < NBOUNDS)
                buf_printf(out, ",le=\"%g\"} %lu\n", bounds[k], h->buckets[k]);
            else
                buf_printf(out, ",le=\"+Inf\"} %lu\n", h->count);
        }
        buf_puts(out, "sitrep_fetch_duration_seconds_sum");
        put_labels(out, h->service, h->source, NULL);
        buf_printf(out, "} %.3f\n", h->sum);
        buf_puts(out, "sitrep_fetch_duration_seconds_count");
        put_labels(out, h->service, h->source, NULL);
        buf_printf(out, "} %lu\n", h->count);
    }
}

static void crowd(struct buf *out, const struct snapshot *snap, bool baseline)
{
    const char *name = baseline ? "sitrep_crowd_baseline" : "sitrep_crowd_reports";

    family(out, name, "gauge",
           baseline ? "The baseline (the normal count) of the latest judged bucket of a crowd "
                      "series."
                    : "Crowd reports or mentions in the latest judged bucket of a series.");
    for (size_t i = 0; i < snap->nservices; i++) {
        const struct snap_service *s = &snap->services[i];
        for (size_t k = 0; k < s->ncrowd; k++) {
            const struct snap_crowd *c = &s->crowd[k];
            long v = baseline ? c->baseline : c->count;
            if (v < 0)
                continue;
            buf_puts(out, name);
            put_labels(out, s->id, c->source, region_code(c->region));
            buf_printf(out, "} %ld\n", v);
        }
    }
}

static void incidents(struct buf *out, const struct snapshot *snap)
{
    family(out, "sitrep_incidents_open", "gauge",
           "Open official incidents and maintenances in progress.");
    for (size_t i = 0; i < snap->nservices; i++) {
        const struct snap_service *s = &snap->services[i];
        size_t n = 0;
        for (size_t k = 0; k < s->nincidents; k++)
            n += s->incidents[k].open;
        buf_puts(out, "sitrep_incidents_open");
        put_labels(out, s->id, NULL, NULL);
        buf_printf(out, "} %zu\n", n);
    }
}

void metrics_write(const struct metrics *m, const struct snapshot *snap, bool openmetrics,
                   struct buf *out)
{
    cells(out, snap, openmetrics);
    evidence(out, snap);
    sources(out, snap);
    histograms(out, m);
    crowd(out, snap, false);
    crowd(out, snap, true);
    incidents(out, snap);
    if (openmetrics) {
        family(out, "sitrep_build", "info", "Which sitrep this is.");
        buf_printf(out, "sitrep_build_info{version=\"%s\"} 1\n# EOF\n", PACKAGE_VERSION);
    } else {
        family(out, "sitrep_build_info", "gauge", "Which sitrep this is (always 1).");
        buf_printf(out, "sitrep_build_info{version=\"%s\"} 1\n", PACKAGE_VERSION);
    }
}
