/* Prometheus exposition of snapshots (see metrics.h). */
#include "config.h"

#include <stdio.h>
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

/* The snapshot lists sources in the same order every time: the one at
 * the same place is tried first, so ten thousand sources are not ten
 * thousand searches per change. */
static struct histo *histo_for(struct metrics *m, size_t hint, const char *service,
                               const char *source)
{
    if (hint < m->n && strcmp(m->h[hint].source, source) == 0 &&
        strcmp(m->h[hint].service, service) == 0)
        return &m->h[hint];
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
    size_t flat = 0;

    for (size_t i = 0; i < snap->nservices; i++) {
        const struct snap_service *s = &snap->services[i];
        for (size_t j = 0; j < s->nsources; j++) {
            const struct snap_source *src = &s->sources[j];
            struct histo *h = histo_for(m, flat++, s->id, src->id);
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
    const char *run = v;

    for (; *v; v++) {
        if (*v != '\\' && *v != '"' && *v != '\n')
            continue;
        buf_append(out, run, (size_t)(v - run));
        buf_append(out, *v == '\\' ? "\\\\" : *v == '"' ? "\\\"" : "\\n", 2);
        run = v + 1;
    }
    buf_append(out, run, (size_t)(v - run));
}

/* A scrape of ten thousand sources is a quarter of a million lines: each
 * label is escaped once per scrape into one buffer, and lines are put
 * together from those pieces and a number (no printf per line). */
struct piece {
    size_t off, len;
};

struct labels {
    struct buf text;
    struct piece *service; /* {service="…"          per service */
    struct piece *region;  /* ,region="…"           per column */
    struct piece *source;  /* ,source="…"           per source, flat */
    size_t *first_source;  /* service i's sources start here */
};

static struct piece label(struct buf *b, const char *pre, const char *value)
{
    struct piece p = {.off = b->len};

    buf_puts(b, pre);
    put_value(b, value);
    buf_putc(b, '"');
    p.len = b->len - p.off;
    return p;
}

static void labels_make(struct labels *l, const struct snapshot *snap)
{
    size_t nsrc = 0;

    memset(l, 0, sizeof *l);
    l->service = xcalloc(snap->nservices + 1, sizeof *l->service);
    l->region = xcalloc(snap->ncolumns + 1, sizeof *l->region);
    l->first_source = xcalloc(snap->nservices + 1, sizeof *l->first_source);
    for (size_t i = 0; i < snap->nservices; i++) {
        l->first_source[i] = nsrc;
        nsrc += snap->services[i].nsources;
    }
    l->source = xcalloc(nsrc + 1, sizeof *l->source);
    for (size_t i = 0; i < snap->nservices; i++) {
        const struct snap_service *s = &snap->services[i];
        l->service[i] = label(&l->text, "{service=\"", s->id);
        for (size_t j = 0; j < s->nsources; j++)
            l->source[l->first_source[i] + j] = label(&l->text, ",source=\"", s->sources[j].id);
    }
    for (size_t c = 0; c < snap->ncolumns; c++)
        l->region[c] = label(&l->text, ",region=\"", region_code(snap->columns[c]));
}

static void labels_free(struct labels *l)
{
    buf_free(&l->text);
    free(l->service);
    free(l->region);
    free(l->source);
    free(l->first_source);
}

static void put(struct buf *out, const struct labels *l, struct piece p)
{
    buf_append(out, l->text.data + p.off, p.len);
}

static void put_str(struct buf *out, const char *s, size_t n)
{
    buf_append(out, s, n);
}

#define PUT_LIT(out, lit) put_str((out), (lit), sizeof(lit) - 1)

/* "} N\n" */
static void end_long(struct buf *out, long long v)
{
    char tmp[24], *p = tmp + sizeof tmp;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;

    *--p = '\n';
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *--p = '-';
    *--p = ' ';
    *--p = '}';
    buf_append(out, p, (size_t)(tmp + sizeof tmp - p));
}

static void family(struct buf *out, const char *name, const char *type, const char *help)
{
    buf_printf(out, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static void cells(struct buf *out, const struct labels *l, const struct snapshot *snap, bool om)
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
            PUT_LIT(out, "sitrep_cell_level");
            put(out, l, l->service[i]);
            put(out, l, l->region[c]);
            end_long(out, v);
        }
    }
    family(out, "sitrep_cell_state", om ? "stateset" : "gauge",
           "State of a grid cell, one series per state, 1 for the one it is in: none (no "
           "evidence), ok, unknown (cannot be read), notice, maintenance, degraded, partial, "
           "major.");
    for (size_t i = 0; i < snap->nservices; i++) {
        const struct snap_service *s = &snap->services[i];
        for (size_t c = 0; c < snap->ncolumns; c++) {
            for (int lv = 0; lv < LEVEL_COUNT; lv++) {
                PUT_LIT(out, "sitrep_cell_state");
                put(out, l, l->service[i]);
                put(out, l, l->region[c]);
                PUT_LIT(out, ",sitrep_cell_state=\"");
                buf_puts(out, level_name((enum level)lv));
                buf_putc(out, '"');
                end_long(out, s->cells[c].level == (enum level)lv);
            }
        }
    }
}

static void evidence(struct buf *out, const struct labels *l, const struct snapshot *snap)
{
    static const char *const kinds[] = {",kind=\"official\"", ",kind=\"crowd\"",
                                        ",kind=\"possible\""};

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
                PUT_LIT(out, "sitrep_cell_evidence");
                put(out, l, l->service[i]);
                put(out, l, l->region[c]);
                buf_puts(out, kinds[k]);
                end_long(out, v[k]);
            }
        }
    }
}

static void sources(struct buf *out, const struct labels *l, const struct snapshot *snap)
{
    family(out, "sitrep_source_up", "gauge", "1 when the source's latest poll worked.");
    for (size_t i = 0; i < snap->nservices; i++) {
        for (size_t j = 0; j < snap->services[i].nsources; j++) {
            PUT_LIT(out, "sitrep_source_up");
            put(out, l, l->service[i]);
            put(out, l, l->source[l->first_source[i] + j]);
            end_long(out, snap->services[i].sources[j].ok);
        }
    }
    family(out, "sitrep_source_last_success_timestamp_seconds", "gauge",
           "When the source last answered with data (Unix time); absent when it never did.");
    for (size_t i = 0; i < snap->nservices; i++) {
        for (size_t j = 0; j < snap->services[i].nsources; j++) {
            const struct snap_source *src = &snap->services[i].sources[j];
            if (!src->last_success)
                continue;
            PUT_LIT(out, "sitrep_source_last_success_timestamp_seconds");
            put(out, l, l->service[i]);
            put(out, l, l->source[l->first_source[i] + j]);
            end_long(out, (long long)src->last_success);
        }
    }
}

static void histograms(struct buf *out, const struct metrics *m)
{
    struct buf lab = {0};
    char le[NBOUNDS + 1][32];

    for (size_t k = 0; k < NBOUNDS; k++)
        snprintf(le[k], sizeof le[k], ",le=\"%g\"", bounds[k]);
    snprintf(le[NBOUNDS], sizeof le[NBOUNDS], ",le=\"+Inf\"");
    family(out, "sitrep_fetch_duration_seconds", "histogram", "How long each poll took.");
    for (size_t i = 0; m && i < m->n; i++) {
        const struct histo *h = &m->h[i];
        buf_reset(&lab);
        label(&lab, "{service=\"", h->service);
        label(&lab, ",source=\"", h->source);
        for (size_t k = 0; k <= NBOUNDS; k++) {
            PUT_LIT(out, "sitrep_fetch_duration_seconds_bucket");
            buf_append(out, lab.data, lab.len);
            buf_puts(out, le[k]);
            end_long(out, (long long)(k < NBOUNDS ? h->buckets[k] : h->count));
        }
        PUT_LIT(out, "sitrep_fetch_duration_seconds_sum");
        buf_append(out, lab.data, lab.len);
        buf_printf(out, "} %.3f\n", h->sum);
        PUT_LIT(out, "sitrep_fetch_duration_seconds_count");
        buf_append(out, lab.data, lab.len);
        end_long(out, (long long)h->count);
    }
    buf_free(&lab);
}

static void crowd(struct buf *out, const struct labels *l, const struct snapshot *snap,
                  bool baseline)
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
            const char *code = region_code(c->region);
            put(out, l, l->service[i]);
            if (c->source)
                label(out, ",source=\"", c->source);
            if (code)
                label(out, ",region=\"", code);
            end_long(out, v);
        }
    }
}

static void incidents(struct buf *out, const struct labels *l, const struct snapshot *snap)
{
    family(out, "sitrep_incidents_open", "gauge",
           "Open official incidents and maintenances in progress.");
    for (size_t i = 0; i < snap->nservices; i++) {
        const struct snap_service *s = &snap->services[i];
        size_t n = 0;
        for (size_t k = 0; k < s->nincidents; k++)
            n += s->incidents[k].open;
        PUT_LIT(out, "sitrep_incidents_open");
        put(out, l, l->service[i]);
        end_long(out, (long long)n);
    }
}

void metrics_write(const struct metrics *m, const struct snapshot *snap, bool openmetrics,
                   struct buf *out)
{
    struct labels l;

    labels_make(&l, snap);
    cells(out, &l, snap, openmetrics);
    evidence(out, &l, snap);
    sources(out, &l, snap);
    histograms(out, m);
    crowd(out, &l, snap, false);
    crowd(out, &l, snap, true);
    incidents(out, &l, snap);
    labels_free(&l);
    if (openmetrics) {
        family(out, "sitrep_build", "info", "Which sitrep this is.");
        buf_printf(out, "sitrep_build_info{version=\"%s\"} 1\n# EOF\n", PACKAGE_VERSION);
    } else {
        family(out, "sitrep_build_info", "gauge", "Which sitrep this is (always 1).");
        buf_printf(out, "sitrep_build_info{version=\"%s\"} 1\n", PACKAGE_VERSION);
    }
}
