/* Presentation mode (see dashboard.h): for a screen share on a call, only
 * the services with problems (or the ones the filter chose), one card each:
 * the name and level, a row of big cells, the headline's age and the
 * headline itself in large text (or, for crowd-only trouble, the report
 * count in big digits), then the headline in full. A 100×30 terminal holds
 * three cards. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/dashboard.h"
#include "sitrep/sanitize.h"
#include "sitrep/timefmt.h"
#include "ui_internal.h"

#define CARD_ROWS  9 /* name, 3 of cells, 3 of large text, headline, gap */
#define CELL_MIN   7
#define CELL_MAX   14
#define BIG_ROW    4 /* where the large text starts within a card */
#define TITLE_ROWS 2

static bool chosen(const struct snap_service *s, const struct dash_view *v)
{
    if (v->filter[0])
        return strcasestr(s->name, v->filter) || strcasestr(s->id, v->filter);
    return s->level == LEVEL_UNKNOWN || level_is_problem(s->level);
}

/* The services to show, worst first (ties as configured). */
static size_t pick(const struct snapshot *snap, const struct dash_view *v, size_t *out)
{
    size_t n = 0;

    for (int l = LEVEL_COUNT - 1; l >= 0; l--) {
        for (size_t i = 0; i < snap->nservices; i++) {
            if ((int)snap->services[i].level == l && chosen(&snap->services[i], v))
                out[n++] = i;
        }
    }
    return n;
}

static const struct snap_incident *headline(const struct snap_service *s)
{
    for (size_t i = 0; i < s->nincidents; i++) {
        if (s->incidents[i].open)
            return &s->incidents[i]; /* open first, newest first */
    }
    return NULL;
}

static const struct snap_crowd *loudest(const struct snap_service *s)
{
    const struct snap_crowd *best = NULL;

    for (size_t i = 0; i < s->ncrowd; i++) {
        const struct snap_crowd *c = &s->crowd[i];
        if (c->count >= 0 && (!best || c->level > best->level ||
                              (c->level == best->level && c->count > best->count)))
            best = c;
    }
    return best;
}

static void short_age(long s, char *out, size_t outlen)
{
    if (s < 0)
        s = 0;
    if (s < 3600)
        snprintf(out, outlen, "%ldM", s / 60);
    else if (s < 86400)
        snprintf(out, outlen, "%ldH%02ld", s / 3600, s % 3600 / 60);
    else
        snprintf(out, outlen, "%ldD", s / 86400);
}

static void draw_big_cells(struct canvas *cv, const struct snapshot *snap,
                           const struct snap_service *s, int y, bool ascii)
{
    int n = (int)snap->ncolumns;
    int cw = n ? (cv->w - 1) / n - 1 : 0;

    if (cw > CELL_MAX)
        cw = CELL_MAX;
    if (cw < CELL_MIN)
        cw = CELL_MIN;
    for (int c = 0; c < n; c++) {
        const struct snap_cell *cell = &s->cells[c];
        int x = 1 + c * (cw + 1);
        enum style_role role = style_cell_role(cell->level);
        char mid[32], low[32];
        const char *code = region_code(snap->columns[c]);
        if (x + cw > cv->w)
            break;
        canvas_fill(cv, x, y, cw, 3, " ", role, ATTR_BOLD);
        snprintf(mid, sizeof mid, "%s %s",
                 ascii ? (char[]){level_letter(cell->level), 0} : level_glyph(cell->level),
                 level_label(cell->level));
        if (cell->reports >= 0)
            snprintf(low, sizeof low, "%ld rep", cell->reports);
        else
            snprintf(low, sizeof low, "%s",
                     cell->possible                        ? "possible"
                     : cell->evidence == EVIDENCE_CROWD    ? "crowd"
                     : cell->evidence == EVIDENCE_BOTH     ? "both"
                     : cell->evidence == EVIDENCE_OFFICIAL ? "official"
                                                           : "");
        const char *lines[3] = {code, mid, low};
        for (int r = 0; r < 3; r++) {
            int w = sanitize_width(lines[r]);
            canvas_put_text(cv, x + (cw - w > 0 ? (cw - w) / 2 : 0), y + r, cw, role, ATTR_BOLD,
                            lines[r]);
        }
    }
}

static void draw_card(struct canvas *cv, const struct snapshot *snap, const struct snap_service *s,
                      int y, time_t now, bool ascii)
{
    unsigned san = ascii ? SAN_ASCII : 0;
    char *name = sanitize_str(s->name, 40, san | SAN_ELLIPSIS);
    char line[400], clock[96], age[32], big[128];
    const struct snap_incident *inc = headline(s);
    const struct snap_crowd *crowd = loudest(s);
    enum style_role mark = style_mark_role(s->level);

    time_format_clock(s->since, now, clock, sizeof clock);
    time_format_duration((long)(now - s->since), age, sizeof age);
    snprintf(line, sizeof line, "  %s %s since %s, %s",
             ascii ? (char[]){level_letter(s->level), 0} : level_glyph(s->level),
             level_name(s->level), clock, age);
    canvas_put_text(cv, 1, y, 0, ROLE_HEADER, ATTR_BOLD, name);
    canvas_put_text(cv, 1 + sanitize_width(name), y, 0, mark, ATTR_BOLD, line);
    free(name);
    draw_big_cells(cv, snap, s, y + 1, ascii);

    /* Large text: the headline's age and words, or the loudest crowd
     * count, or just the level. */
    if (inc) {
        char *title = sanitize_str(inc->title, 60, SAN_ASCII);
        short_age((long)(now - (inc->started_at ? inc->started_at : s->since)), age, sizeof age);
        snprintf(big, sizeof big, "%s %s", age, title);
        free(title);
    } else if (crowd) {
        if (crowd->baseline > 0 && crowd->count >= 2 * crowd->baseline)
            snprintf(big, sizeof big, "%ld %s %ldX", crowd->count, region_code(crowd->region),
                     crowd->count / crowd->baseline);
        else
            snprintf(big, sizeof big, "%ld %s", crowd->count, region_code(crowd->region));
    } else {
        snprintf(big, sizeof big, "%s", level_label(s->level));
    }
    big_text_draw(cv, 1, y + BIG_ROW, cv->w - 2, mark, ATTR_BOLD, ascii, big);

    /* The words in full, readable at any size. */
    if (inc) {
        char *title = sanitize_str(inc->title, 200, san | SAN_ELLIPSIS);
        struct buf status = {0};
        snap_status_describe(inc->status, inc->inferred_end, san, &status);
        time_format_clock(inc->started_at, now, clock, sizeof clock);
        snprintf(line, sizeof line, "%s  (official, %s since %s)", title, buf_str(&status), clock);
        buf_free(&status);
        free(title);
    } else if (crowd) {
        struct buf b = {0};
        snap_crowd_describe(crowd, san, &b);
        snprintf(line, sizeof line, "%s reports: %s", "crowd", buf_str(&b));
        buf_free(&b);
    } else {
        snprintf(line, sizeof line, "no incident posted");
    }
    canvas_put_text(cv, 1, y + BIG_ROW + BIG_ROWS, cv->w - 2, ROLE_TEXT, ATTR_BOLD, line);
}

void present_draw(struct canvas *cv, const struct snapshot *snap, struct dash_view *v, time_t now)
{
    size_t *list = calloc(snap->nservices ? snap->nservices : 1, sizeof *list);
    size_t n = list ? pick(snap, v, list) : 0;
    int fit = (cv->h - TITLE_ROWS - 1) / CARD_ROWS;
    char head[200], iso[32];

    if (fit < 1)
        fit = 1;
    if (v->present_top + (size_t)fit > n)
        v->present_top = n > (size_t)fit ? n - (size_t)fit : 0;
    struct snap_tally t;
    int len;

    snapshot_tally(snap, &t);
    time_format_iso8601(now, iso, sizeof iso);
    len = snprintf(head, sizeof head, " sitrep  %.10s %.5s UTC   ", iso, iso + 11);
    if (v->filter[0])
        snprintf(head + len, sizeof head - (size_t)len, "%zu of %zu services chosen", n,
                 snap->nservices);
    else if (t.unknown) /* unknown is not a problem: counted apart */
        snprintf(head + len, sizeof head - (size_t)len,
                 "%zu of %zu services with problems, %zu unknown", t.problems, snap->nservices,
                 t.unknown);
    else
        snprintf(head + len, sizeof head - (size_t)len, "%zu of %zu services with problems",
                 t.problems, snap->nservices);
    canvas_fill(cv, 0, 0, cv->w, 1, " ", ROLE_TITLE, ATTR_BOLD);
    canvas_put_text(cv, 0, 0, 0, ROLE_TITLE, ATTR_BOLD, head);
    if (v->banner)
        canvas_put_text(cv, sanitize_width(head) + 2, 0, 0, ROLE_TITLE, ATTR_REVERSE | ATTR_BOLD,
                        v->banner);
    if (n == 0) {
        const char *calm = v->filter[0] ? "NO MATCH" : "ALL CLEAR";
        int w = big_text_width(calm);
        big_text_draw(cv, (cv->w - w) / 2 > 0 ? (cv->w - w) / 2 : 0, cv->h / 2 - 2, cv->w,
                      style_mark_role(LEVEL_OK), ATTR_BOLD, v->ascii, calm);
    }
    for (int k = 0; k < fit && v->present_top + (size_t)k < n; k++)
        draw_card(cv, snap, &snap->services[list[v->present_top + (size_t)k]],
                  TITLE_ROWS + k * CARD_ROWS, now, v->ascii);
    if (n > (size_t)fit) {
        char more[64];
        snprintf(more, sizeof more, " %zu-%zu of %zu  j/k ", v->present_top + 1,
                 v->present_top + (size_t)fit < n ? v->present_top + (size_t)fit : n, n);
        canvas_put_text(cv, cv->w - sanitize_width(more), 1, 0, ROLE_DIM, 0, more);
    }
    free(list);
}
