/* Presentation mode (see dashboard.h): for a screen share on a call, only
 * the services with problems (or the ones the filter chose), one card each:
 * the name and level, a row of big cells saying where their evidence comes
 * from, the headline in large text with its age kept apart on the right
 * (or, for crowd-only trouble, the report count in big digits), then the
 * headline in full. The large text grows with the screen: 3 rows a
 * character up to about 130 columns, 5 beyond, as long as three cards
 * still fit; cells widen, and taller screens hold more cards. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/dashboard.h"
#include "sitrep/keys.h"
#include "sitrep/sanitize.h"
#include "sitrep/timefmt.h"
#include "ui_internal.h"

#define CELL_MIN   7
#define CELL_MAX   30
#define CELL_ROWS  3 /* column code, the cell's text, where it comes from */
#define TITLE_ROWS 2
#define SCALE_MAX  2  /* 2: a pixel is a full block, two columns wide */
#define BIG_CHARS  16 /* a scale is used only when this many large characters fit */
#define AGE_GAP    2  /* large characters of room between the words and the age */

/* name, cells, large text, the headline in full, a gap */
static int card_rows(int scale)
{
    return 1 + CELL_ROWS + big_text_rows(scale) + 2;
}

/* The largest text that still shows three cards (or all, when fewer),
 * and at least BIG_CHARS large characters across. */
static int pick_scale(const struct canvas *cv, size_t n)
{
    size_t want = n == 0 ? 1 : n < 3 ? n : 3;

    for (int s = SCALE_MAX; s > 1; s--) {
        int fit = (cv->h - TITLE_ROWS - 1) / card_rows(s);
        if (fit >= (int)want && (cv->w - 2) / (4 * s) >= BIG_CHARS)
            return s;
    }
    return 1;
}

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

/* The source that keeps a service unknown: the first failing one,
 * official first; NULL when none fails. */
static const struct snap_source *failing_source(const struct snap_service *s)
{
    const struct snap_source *any = NULL;

    for (size_t i = 0; i < s->nsources; i++) {
        const struct snap_source *src = &s->sources[i];
        if (src->ok || !src->error)
            continue;
        if (src->official)
            return src;
        any = any ? any : src;
    }
    return any;
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

/* Where a cell's evidence comes from, in words: the third line of a big
 * cell, so official and crowd differ without colour. */
static void cell_source(const struct snap_cell *cell, int room, char *out, size_t outlen)
{
    char rep[24] = "";

    if (cell->reports >= 0)
        snprintf(rep, sizeof rep, " %ld", cell->reports);
    if (cell->pending && cell->level == LEVEL_NONE)
        snprintf(out, outlen, "waiting");
    else if (cell->level == LEVEL_UNKNOWN)
        snprintf(out, outlen, "unreadable");
    else if (cell->possible)
        snprintf(out, outlen, "possible %s",
                 cell->possible_region != REGION_NONE ? region_code(cell->possible_region) : "");
    else if (cell->evidence == EVIDENCE_CROWD)
        snprintf(out, outlen, "crowd%s", rep);
    else if (cell->evidence == EVIDENCE_BOTH)
        snprintf(out, outlen, "%s%s", room >= 14 + (int)strlen(rep) ? "official+crowd" : "both",
                 rep);
    else if (cell->evidence == EVIDENCE_OFFICIAL)
        snprintf(out, outlen, "official");
    else
        out[0] = '\0';
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
        struct cell_look look = cell_look_of(cell);
        bool outlined = cell_look_outlined(&look);
        int x = 1 + c * (cw + 1);
        enum style_role role =
            outlined ? style_mark_role(cell->level) : style_cell_role(cell->level);
        unsigned attr = ATTR_BOLD | (cell->possible ? ATTR_UNDERLINE : 0);
        char mid[32], low[48];
        if (x + cw > cv->w)
            break;
        /* crowd-only and possible cells are outlined, not filled */
        canvas_fill(cv, x, y, cw, CELL_ROWS, " ", outlined ? ROLE_TEXT : role, ATTR_BOLD);
        cell_look_text(&look, ascii, false, mid, sizeof mid);
        cell_source(cell, cw, low, sizeof low);
        const char *lines[CELL_ROWS] = {region_code(snap->columns[c]), mid, low};
        for (int r = 0; r < CELL_ROWS; r++) {
            int w = sanitize_width(lines[r]);
            canvas_put_text(cv, x + (cw - w > 0 ? (cw - w) / 2 : 0), y + r, cw, role,
                            r == 0 ? ATTR_BOLD : attr, lines[r]);
        }
    }
}

/* The large line: the words on the left and, when there is room for both,
 * the age on the right, far enough apart that they never read as one
 * phrase. Without room the age stays in the card's first line only. */
static void draw_big_line(struct canvas *cv, int y, const struct big_style *st, const char *words,
                          const char *age)
{
    char fit[128];
    int room = cv->w - 2, adv = 4 * st->scale;
    int agew = age[0] ? big_text_width(age, st->scale) + AGE_GAP * adv : 0;
    int wordsw = big_text_width(words, st->scale);

    if (agew > 0 && (wordsw + agew <= room || room - agew >= BIG_CHARS * adv)) {
        big_text_draw(cv, cv->w - 1 - big_text_width(age, st->scale), y, 0, st, age);
        room -= agew;
    }
    big_text_fit(words, st->scale, room, fit, sizeof fit);
    big_text_draw(cv, 1, y, room, st, fit);
}

static void draw_card(struct canvas *cv, const struct snapshot *snap, const struct snap_service *s,
                      int y, time_t now, bool ascii, int scale)
{
    unsigned san = ascii ? SAN_ASCII : 0;
    char *name = sanitize_str(s->name, 40, san | SAN_ELLIPSIS);
    char line[400], clock[96], age[32], big[128], big_age[40] = "";
    struct big_style st = {scale, style_mark_role(s->level), ATTR_BOLD, ascii};
    int below = y + 1 + CELL_ROWS + big_text_rows(scale);
    const struct snap_incident *inc = headline(s);
    const struct snap_crowd *crowd = loudest(s);
    enum style_role mark = st.role;

    time_format_clock(s->since, now, clock, sizeof clock);
    time_format_duration((long)(now - s->since), age, sizeof age);
    snprintf(line, sizeof line, "  %s %s since %s, %s",
             ascii ? (char[]){level_letter(s->level), 0} : level_glyph(s->level),
             level_name(s->level), clock, age);
    canvas_put_text(cv, 1, y, 0, ROLE_HEADER, ATTR_BOLD, name);
    canvas_put_text(cv, 1 + sanitize_width(name), y, 0, mark, ATTR_BOLD, line);
    free(name);
    draw_big_cells(cv, snap, s, y + 1, ascii);

    /* Large text: the headline's words, or the loudest crowd count, or
     * just the level; and apart from them, how long ago it started. */
    time_t started = inc && inc->started_at ? inc->started_at : s->since;
    if (started > 0) {
        short_age((long)(now - started), age, sizeof age);
        snprintf(big_age, sizeof big_age, "%s AGO", age);
    }
    if (inc) {
        char *title = sanitize_str(inc->title, 60, SAN_ASCII);
        snprintf(big, sizeof big, "%s", title);
        free(title);
    } else if (crowd) {
        if (crowd->baseline > 0 && crowd->count >= 2 * crowd->baseline)
            snprintf(big, sizeof big, "%ld %s %ldX", crowd->count, region_code(crowd->region),
                     crowd->count / crowd->baseline);
        else
            snprintf(big, sizeof big, "%ld %s", crowd->count, region_code(crowd->region));
    } else if (s->level == LEVEL_UNKNOWN) { /* not a level to shout: what is missing */
        snprintf(big, sizeof big, "NO DATA");
    } else {
        snprintf(big, sizeof big, "%s", level_label(s->level));
    }
    draw_big_line(cv, y + 1 + CELL_ROWS, &st, big, big_age);

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
    } else if (s->level == LEVEL_UNKNOWN && failing_source(s)) {
        /* whether an incident is posted is what we cannot tell */
        const struct snap_source *src = failing_source(s);
        char *host = sanitize_str(src->host ? src->host : src->id, 60, san);
        char *why = sanitize_str(src->error, 200, san | SAN_ELLIPSIS);
        time_format_clock(src->failing_since, now, clock, sizeof clock);
        snprintf(line, sizeof line, "could not be read since %s: %s: %s", clock, host, why);
        free(host);
        free(why);
    } else {
        snprintf(line, sizeof line, "no incident posted");
    }
    canvas_put_text(cv, 1, below, cv->w - 2, ROLE_TEXT, ATTR_BOLD, line);
}

void present_draw(struct canvas *cv, const struct snapshot *snap, struct dash_view *v, time_t now)
{
    size_t *list = calloc(snap->nservices ? snap->nservices : 1, sizeof *list);
    size_t n = list ? pick(snap, v, list) : 0;
    int scale = pick_scale(cv, n);
    int fit = (cv->h - TITLE_ROWS - 1) / card_rows(scale);
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
        struct big_style st = {scale, style_mark_role(LEVEL_OK), ATTR_BOLD, v->ascii};
        int w = big_text_width(calm, scale);
        big_text_draw(cv, (cv->w - w) / 2 > 0 ? (cv->w - w) / 2 : 0,
                      (cv->h - big_text_rows(scale)) / 2, cv->w, &st, calm);
    }
    for (int k = 0; k < fit && v->present_top + (size_t)k < n; k++)
        draw_card(cv, snap, &snap->services[list[v->present_top + (size_t)k]],
                  TITLE_ROWS + k * card_rows(scale), now, v->ascii, scale);
    if (n > (size_t)fit) {
        char more[64];
        snprintf(more, sizeof more, " %zu-%zu of %zu  j/k ", v->present_top + 1,
                 v->present_top + (size_t)fit < n ? v->present_top + (size_t)fit : n, n);
        canvas_put_text(cv, cv->w - sanitize_width(more), 1, 0, ROLE_DIM, 0, more);
    }
    free(list);
}
