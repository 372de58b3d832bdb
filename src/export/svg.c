/* Charts as SVG (see chart.h): a title, one panel per crowd series (its
 * counts as a line over its baseline as a band), a strip of levels per
 * region, official statements as numbered dashed lines across all of them,
 * a UTC axis, a legend and the list of statements. Fixed geometry and
 * integer-rounded coordinates: the same chart, the same bytes. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sitrep/chart.h"
#include "sitrep/sanitize.h"
#include "sitrep/timefmt.h"

#define W          960
#define LEFT       64
#define RIGHT      16
#define PW         (W - LEFT - RIGHT)
#define TOP        40
#define PANEL_H    96
#define PANEL_GAP  26
#define STRIP_H    16
#define STRIP_GAP  6
#define AXIS_H     28
#define LINE_H     16
#define MAX_SERIES 8

/* The default theme's cell colours; a letter says the level in print. */
static const char *level_fill(enum level l)
{
    static const char *const fill[LEVEL_COUNT] = {
        [LEVEL_NONE] = "#eeeeee",    [LEVEL_OK] = "#5faf5f",          [LEVEL_UNKNOWN] = "#585858",
        [LEVEL_NOTICE] = "#5fd7d7",  [LEVEL_MAINTENANCE] = "#5f87d7", [LEVEL_DEGRADED] = "#ffd700",
        [LEVEL_PARTIAL] = "#ff8700", [LEVEL_MAJOR] = "#d70000",
    };

    return (unsigned)l < LEVEL_COUNT ? fill[l] : fill[LEVEL_UNKNOWN];
}

/* Remote text for an SVG text node or attribute: sanitized, escaped. */
static void put_text(struct buf *out, const char *raw, int cols)
{
    char *clean = sanitize_str(raw ? raw : "", cols, SAN_ELLIPSIS);

    for (const char *p = clean; *p; p++) {
        switch (*p) {
        case '&': buf_puts(out, "&amp;"); break;
        case '<': buf_puts(out, "&lt;"); break;
        case '>': buf_puts(out, "&gt;"); break;
        case '"': buf_puts(out, "&quot;"); break;
        case '\'': buf_puts(out, "&#39;"); break;
        default: buf_putc(out, *p);
        }
    }
    free(clean);
}

struct geom {
    const struct chart *c;
    size_t nseries;
    int panels_y, strips_y, axis_y, legend_y, height;
};

static double x_of(const struct geom *g, time_t t)
{
    double span = (double)(g->c->to - g->c->from);

    if (span <= 0)
        return LEFT;
    return LEFT + (double)(t - g->c->from) * PW / span;
}

static bool in_range(const struct geom *g, time_t t)
{
    return t >= g->c->from && t <= g->c->to;
}

static long nice_max(long v)
{
    long step = 1;

    if (v < 10)
        return 10;
    while (step * 10 <= v)
        step *= 10;
    for (int k = 1; k <= 10; k++) {
        if (k * step >= v && (k == 1 || k == 2 || k == 5 || k == 10))
            return k * step;
    }
    return 10 * step;
}

static long series_max(const struct geom *g, const struct chart_series *s)
{
    long m = 0;

    for (size_t i = 0; i < s->n; i++) {
        time_t t = s->start + (time_t)i * s->bucket_s;
        if (!in_range(g, t))
            continue;
        if (s->counts[i] > m)
            m = s->counts[i];
        if (s->baselines && s->baselines[i] > m)
            m = s->baselines[i];
    }
    return nice_max(m);
}

/* The baseline as a band from 0, one polygon per run of known values. */
static void put_band(struct buf *out, const struct geom *g, const struct chart_series *s, int y0,
                     double ys)
{
    size_t i = 0;

    while (s->baselines && i < s->n) {
        size_t a = i, b;
        while (a < s->n &&
               (s->baselines[a] < 0 || !in_range(g, s->start + (time_t)a * s->bucket_s)))
            a++;
        for (b = a;
             b < s->n && s->baselines[b] >= 0 && in_range(g, s->start + (time_t)b * s->bucket_s);
             b++)
            ;
        if (a == b)
            break;
        buf_puts(out, "<polygon class=\"band\" points=\"");
        for (size_t k = a; k < b; k++)
            buf_printf(out, "%.1f,%.1f ",
                       x_of(g, s->start + (time_t)k * s->bucket_s + s->bucket_s / 2),
                       y0 - s->baselines[k] * ys);
        buf_printf(out, "%.1f,%d %.1f,%d\"/>\n",
                   x_of(g, s->start + (time_t)(b - 1) * s->bucket_s + s->bucket_s / 2), y0,
                   x_of(g, s->start + (time_t)a * s->bucket_s + s->bucket_s / 2), y0);
        i = b;
    }
}

/* The counts as a line, broken where a count is unknown. */
static void put_line(struct buf *out, const struct geom *g, const struct chart_series *s, int y0,
                     double ys)
{
    bool open = false;

    for (size_t k = 0; k < s->n; k++) {
        time_t t = s->start + (time_t)k * s->bucket_s;
        bool known = s->counts[k] >= 0 && in_range(g, t);
        if (!known) {
            if (open)
                buf_puts(out, "\"/>\n");
            open = false;
            continue;
        }
        if (!open)
            buf_puts(out, "<polyline class=\"count\" points=\"");
        open = true;
        buf_printf(out, "%.1f,%.1f ", x_of(g, t + s->bucket_s / 2), y0 - s->counts[k] * ys);
    }
    if (open)
        buf_puts(out, "\"/>\n");
}

static void put_panel(struct buf *out, const struct geom *g, const struct chart_series *s, int y)
{
    long ymax = series_max(g, s);
    int y0 = y + PANEL_H;
    double ys = (double)PANEL_H / (double)ymax;

    buf_printf(out, "<text class=\"label\" x=\"%d\" y=\"%d\">", LEFT, y - 6);
    put_text(out, s->label, 16);
    buf_printf(out, ": reports per %d min</text>\n", s->bucket_s / 60);
    buf_printf(out, "<rect class=\"frame\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>\n", LEFT,
               y, PW, PANEL_H);
    buf_printf(out, "<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%ld</text>\n",
               LEFT - 4, y + 10, ymax);
    buf_printf(out, "<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>\n",
               LEFT - 4, y0);
    put_band(out, g, s, y0, ys);
    put_line(out, g, s, y0, ys);
}

static void put_strip(struct buf *out, const struct geom *g, const struct chart_strip *st, int y)
{
    buf_printf(out, "<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"end\">", LEFT - 4,
               y + STRIP_H - 4);
    put_text(out, st->label, 8);
    buf_puts(out, "</text>\n");
    for (size_t i = 0; i < st->n;) {
        size_t j = i;
        while (j < st->n && st->levels[j] == st->levels[i])
            j++;
        time_t a = st->start + (time_t)i * st->step_s, b = st->start + (time_t)j * st->step_s;
        if (a < g->c->from)
            a = g->c->from;
        if (b > g->c->to)
            b = g->c->to;
        if (b > a) {
            enum level l = (enum level)st->levels[i];
            double x = x_of(g, a), w = x_of(g, b) - x;
            buf_printf(out,
                       "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>\n", x,
                       y, w, STRIP_H, level_fill(l));
            if (w >= 9 && l != LEVEL_NONE)
                buf_printf(out, "<text class=\"letter\" x=\"%.1f\" y=\"%d\">%c</text>\n", x + 2,
                           y + STRIP_H - 4, level_letter(l));
        }
        i = j;
    }
}

/* Ticks every step seconds, the fewest that keep at most 12 labels. */
static void put_axis(struct buf *out, const struct geom *g)
{
    static const long steps[] = {300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400};
    long span = (long)(g->c->to - g->c->from), step = steps[9];
    char iso[32];

    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        if (span / steps[i] <= 12) {
            step = steps[i];
            break;
        }
    }
    buf_printf(out, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", LEFT,
               g->axis_y, LEFT + PW, g->axis_y);
    for (time_t t = g->c->from - g->c->from % step + step; t <= g->c->to; t += step) {
        double x = x_of(g, t);
        time_format_iso8601(t, iso, sizeof iso);
        buf_printf(out, "<line class=\"axis\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>\n", x,
                   g->axis_y, x, g->axis_y + 4);
        buf_printf(out,
                   "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.5s</text>\n",
                   x, g->axis_y + 16, t % 86400 == 0 ? iso + 5 : iso + 11);
    }
    buf_printf(out, "<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"end\">UTC</text>\n",
               LEFT - 4, g->axis_y + 16);
}

static void put_markers(struct buf *out, const struct geom *g)
{
    size_t k = 0;

    for (size_t i = 0; i < g->c->nmarkers; i++) {
        const struct chart_marker *m = &g->c->markers[i];
        if (!in_range(g, m->at))
            continue;
        double x = x_of(g, m->at);
        k++;
        buf_printf(out, "<line class=\"marker\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>\n", x,
                   g->panels_y - 14, x, g->axis_y);
        buf_printf(out,
                   "<text class=\"num\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%zu</text>\n", x,
                   g->panels_y - 16, k);
    }
}

static void put_legend(struct buf *out, const struct geom *g)
{
    int y = g->legend_y;
    char when[96];
    size_t k = 0;

    buf_printf(out,
               "<polyline class=\"count\" points=\"%d,%d %d,%d\"/><text class=\"tick\" x=\"%d\" "
               "y=\"%d\">reports</text>\n",
               LEFT, y - 4, LEFT + 24, y - 4, LEFT + 30, y);
    buf_printf(
        out,
        "<rect class=\"band\" x=\"%d\" y=\"%d\" width=\"24\" height=\"10\"/><text "
        "class=\"tick\" x=\"%d\" y=\"%d\">baseline (the normal count for that time)</text>\n",
        LEFT + 110, y - 9, LEFT + 140, y);
    buf_printf(
        out,
        "<line class=\"marker\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/><text class=\"tick\" "
        "x=\"%d\" y=\"%d\">official statement (numbered below)</text>\n",
        LEFT + 430, y - 10, LEFT + 430, y + 2, LEFT + 438, y);
    y += LINE_H;
    buf_printf(out,
               "<text class=\"tick\" x=\"%d\" y=\"%d\">levels: o ok, n notice, m "
               "maintenance, d degraded, P partial, M major, ? unknown</text>\n",
               LEFT, y);
    for (size_t i = 0; i < g->c->nmarkers; i++) {
        const struct chart_marker *m = &g->c->markers[i];
        if (!in_range(g, m->at))
            continue;
        y += LINE_H;
        time_format_clock(m->at, g->c->to, when, sizeof when);
        buf_printf(out, "<text class=\"tick\" x=\"%d\" y=\"%d\">%zu. %s, ", LEFT, y, ++k, when);
        put_text(out, m->status, 24);
        buf_puts(out, ": ");
        put_text(out, m->title, 100);
        buf_puts(out, "</text>\n");
    }
}

static size_t shown_markers(const struct geom *g)
{
    size_t n = 0;

    for (size_t i = 0; i < g->c->nmarkers; i++)
        n += in_range(g, g->c->markers[i].at);
    return n;
}

void chart_svg(const struct chart *c, struct buf *out)
{
    struct geom g = {.c = c, .nseries = c->nseries < MAX_SERIES ? c->nseries : MAX_SERIES};
    char from[96], to[96];

    g.panels_y = TOP + 24;
    g.strips_y = g.panels_y + (int)g.nseries * (PANEL_H + PANEL_GAP);
    g.axis_y = g.strips_y + (int)c->nstrips * (STRIP_H + STRIP_GAP) + 4;
    g.legend_y = g.axis_y + AXIS_H + 12;
    g.height = g.legend_y + (int)(2 + shown_markers(&g)) * LINE_H;
    buf_printf(out,
               "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
               "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">\n",
               W, g.height, W, g.height);
    buf_puts(out, "<style>.label{font-weight:bold;font-size:12px}.tick{fill:#333}"
                  ".frame{fill:none;stroke:#999;stroke-width:1}.band{fill:#cfd8dc;stroke:#607d8b;"
                  "stroke-dasharray:3 2}.count{fill:none;stroke:#000;stroke-width:1.5}"
                  ".axis{stroke:#333}.marker{stroke:#c62828;stroke-dasharray:4 3}"
                  ".num{fill:#c62828;font-weight:bold}.letter{fill:#000;stroke:#fff;stroke-width:"
                  "2px;paint-order:stroke;font-size:10px;"
                  "font-weight:bold}</style>\n");
    buf_puts(out, "<text class=\"label\" x=\"16\" y=\"22\">");
    put_text(out, c->title, 60);
    time_format_clock(c->from, c->to, from, sizeof from);
    time_format_clock(c->to, c->to, to, sizeof to);
    buf_printf(out, ": %s to %s</text>\n", from, to);
    for (size_t i = 0; i < g.nseries; i++)
        put_panel(out, &g, &c->series[i], g.panels_y + (int)i * (PANEL_H + PANEL_GAP));
    for (size_t i = 0; i < c->nstrips; i++)
        put_strip(out, &g, &c->strips[i], g.strips_y + (int)i * (STRIP_H + STRIP_GAP));
    if (g.nseries == 0 && c->nstrips == 0)
        buf_printf(out,
                   "<text class=\"tick\" x=\"%d\" y=\"%d\">no crowd reports and no level "
                   "history in this window</text>\n",
                   LEFT, g.panels_y + 12);
    put_markers(out, &g);
    put_axis(out, &g);
    put_legend(out, &g);
    buf_puts(out, "</svg>\n");
}
