/* The dashboard widget (see dashboard.h): layout, title, grid, sparklines
 * with their time axis, the help screen and the status line. The rows come
 * from rows.c, the detail pane from detail.c. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/dashboard.h"
#include "sitrep/keys.h"
#include "sitrep/sanitize.h"
#include "sitrep/timefmt.h"
#include "sitrep/xalloc.h"
#include "ui_internal.h"

#define NAME_MIN        DASH_NAME_MIN
#define CHILD_INDENT    DASH_CHILD_INDENT
#define FULL_CELL       9 /* "✕ ~MAJOR*" */
#define COMPACT_CELL    3 /* "✕M?" */
#define HEADER_ROWS     3 /* title, sparkline span (or staggered codes), column headers */
#define MIN_ROWS        6
#define DETAIL_MIN_ROWS 4
#define SPARK_MIN       8 /* narrower says too little: left out */
#define TICK_W          5 /* "12:00" */

struct layout {
    int spark_x, spark_w; /* the history sparklines; spark_w 0 when no room */
    int per_glyph;        /* history buckets behind one glyph */
    int slots;            /* values a glyph shows: 2 in braille, else 1 */
    bool braille, ascii_graph;
    int name_w;
    int cell_w; /* FULL_CELL or COMPACT_CELL */
    int grid_x; /* first cell column */
    int rows;   /* grid rows that fit */
    int detail_y, detail_h;
    unsigned san; /* sanitizer flags for remote text */
};

static int cell_pitch(int cell_w)
{
    return cell_w + 1;
}

void dash_min_size(const struct snapshot *snap, int *w, int *h)
{
    *w = NAME_MIN + 1 + (int)snap->ncolumns * cell_pitch(COMPACT_CELL);
    if (*w < 32)
        *w = 32; /* room for the status line's essentials */
    *h = MIN_ROWS;
}

/* The sparkline: one glyph per history bucket when there is room, else
 * several buckets per glyph, so the chosen window always fits whole. */
static void plan_spark(const struct canvas *cv, const struct snapshot *snap,
                       const struct dash_view *v, struct layout *lo)
{
    int room = cv->w - lo->spark_x - 1, n = (int)snap->nhist, per_slot = 1;

    lo->braille = v->graph == DASH_GRAPH_BRAILLE && !v->ascii;
    lo->slots = lo->braille ? 2 : 1;
    lo->ascii_graph = v->ascii || v->graph == DASH_GRAPH_ASCII;
    lo->spark_w = 0;
    lo->per_glyph = 1;
    if (n <= 0 || room < SPARK_MIN)
        return;
    while ((n + per_slot - 1) / per_slot > room * lo->slots)
        per_slot++;
    lo->per_glyph = per_slot * lo->slots;
    lo->spark_w = ((n + per_slot - 1) / per_slot + lo->slots - 1) / lo->slots;
    if (lo->spark_w < SPARK_MIN / lo->slots)
        lo->spark_w = 0;
}

static void plan(const struct canvas *cv, const struct snapshot *snap, const struct dash_view *v,
                 struct layout *lo)
{
    int ncols = (int)snap->ncolumns, want = dash_names_width(v);
    int avail = cv->h - HEADER_ROWS - 1, nrows = (int)v->nrows;
    int detail_min = avail / 3 > DETAIL_MIN_ROWS ? avail / 3 : DETAIL_MIN_ROWS;

    lo->san = v->ascii ? SAN_ASCII : 0;
    lo->cell_w = FULL_CELL;
    if (NAME_MIN + 1 + ncols * cell_pitch(FULL_CELL) > cv->w)
        lo->cell_w = COMPACT_CELL;
    lo->name_w = cv->w - 1 - ncols * cell_pitch(lo->cell_w);
    if (lo->name_w > want)
        lo->name_w = want;
    lo->grid_x = lo->name_w + 1;
    lo->spark_x = lo->grid_x + ncols * cell_pitch(lo->cell_w) + 1;
    plan_spark(cv, snap, v, lo);
    /* The detail pane gets a third of the room (two thirds with the focus)
     * when the rows would take it all, and nothing when that leaves it too
     * small to say anything. */
    if (v->focus == DASH_FOCUS_DETAIL)
        detail_min = avail * 2 / 3;
    lo->rows = nrows < avail ? nrows : avail;
    if (avail - lo->rows - 1 < detail_min && avail - 1 - detail_min >= 3)
        lo->rows = avail - 1 - detail_min;
    if (lo->rows < 1)
        lo->rows = avail > 0 ? 1 : 0;
    lo->detail_y = HEADER_ROWS + lo->rows + 1;
    lo->detail_h = cv->h - 1 - lo->detail_y;
    if (lo->detail_h < DETAIL_MIN_ROWS)
        lo->detail_h = 0;
}

/* ---- title, headers, time axis ---------------------------------------- */

static void draw_title(struct canvas *cv, const struct snapshot *snap, struct dash_view *v,
                       time_t now)
{
    char clock[48], iso[32], right[160];
    size_t counts[LEVEL_COUNT];
    struct snap_tally tally;
    int n = 0;

    canvas_fill(cv, 0, 0, cv->w, 1, " ", ROLE_TITLE, 0);
    time_format_iso8601(now, iso, sizeof iso);
    snprintf(clock, sizeof clock, " sitrep  %.10s %.8s UTC", iso, iso + 11);
    canvas_put_text(cv, 0, 0, 0, ROLE_TITLE, ATTR_BOLD, clock);
    if (v->banner) /* replay, past or paused: said next to the clock */
        canvas_put_text(cv, sanitize_width(clock) + 2, 0, 0, ROLE_TITLE, ATTR_REVERSE | ATTR_BOLD,
                        v->banner);
    dash_counts(v, snap, counts, &tally);
    right[0] = '\0';
    for (int l = LEVEL_MAJOR; l >= LEVEL_OK; l--) {
        if (counts[l] && n < (int)sizeof right - 40)
            n += snprintf(right + n, sizeof right - (size_t)n, "%zu %s  ", counts[l],
                          level_name((enum level)l));
    }
    int w = sanitize_width(right);
    int left = sanitize_width(clock) + (v->banner ? sanitize_width(v->banner) + 2 : 0);
    if (w + 2 + left <= cv->w)
        canvas_put_text(cv, cv->w - w, 0, 0, ROLE_TITLE, 0, right);
}

/* Tick spacing for a window: about four to eight labels. */
static long tick_step(long window_s)
{
    if (window_s <= 2 * 3600)
        return 15 * 60;
    if (window_s <= 12 * 3600)
        return 3600;
    if (window_s <= 2 * 86400)
        return 6 * 3600;
    return 86400;
}

/* Above the sparklines, "LAST 6h" and the zoom keys; on the header row,
 * clock labels (UTC) at the glyphs where ticks fall. */
static void draw_axis(struct canvas *cv, const struct snapshot *snap, const struct layout *lo)
{
    long glyph_s = (long)lo->per_glyph * snap->hist_bucket_s;
    long window = (long)snap->nhist * snap->hist_bucket_s, step = tick_step(window);
    /* glyphs are grouped from the right: the last glyph ends with hist_end */
    time_t g0 = snap->hist_end + snap->hist_bucket_s - (time_t)lo->spark_w * glyph_s;
    char head[64], span[32];
    int last_end = -1;

    if (window % 86400 == 0)
        snprintf(span, sizeof span, "%ldd", window / 86400);
    else if (window % 3600 == 0)
        snprintf(span, sizeof span, "%ldh", window / 3600);
    else
        time_format_duration(window, span, sizeof span);
    snprintf(head, sizeof head, "LAST %s  +/- zoom", span);
    canvas_put_text(cv, lo->spark_x, 1, lo->spark_w, ROLE_HEADER, ATTR_BOLD, head);
    for (int g = 0; g < lo->spark_w; g++) {
        time_t from = g0 + (time_t)g * glyph_s, to = from + glyph_s;
        time_t tick = (from + step - 1) / step * step;
        char label[16], iso[32];
        if (tick >= to || g <= last_end || g + TICK_W > lo->spark_w)
            continue;
        time_format_iso8601(tick, iso, sizeof iso);
        if (step >= 86400) {
            struct tm tm;
            gmtime_r(&tick, &tm);
            strftime(label, sizeof label, "%a%d", &tm);
        } else {
            snprintf(label, sizeof label, "%.5s", iso + 11);
        }
        canvas_put_text(cv, lo->spark_x + g, 2, TICK_W, ROLE_DIM, 0, label);
        last_end = g + TICK_W;
    }
}

/* Column codes longer than a cell (LATAM over a compact cell) are
 * staggered over two rows, so each may use two cells' width. */
static void draw_headers(struct canvas *cv, const struct snapshot *snap, const struct dash_view *v,
                         const struct layout *lo)
{
    int pitch = cell_pitch(lo->cell_w);
    bool stagger = false;

    for (size_t c = 0; c < snap->ncolumns; c++)
        stagger |= (int)strlen(region_code(snap->columns[c])) > lo->cell_w;
    canvas_put_text(cv, 0, 2, lo->name_w, ROLE_HEADER, ATTR_BOLD, "SERVICE");
    if (lo->spark_w > 0)
        draw_axis(cv, snap, lo);
    for (size_t c = 0; c < snap->ncolumns; c++) {
        const char *code = region_code(snap->columns[c]);
        int x = lo->grid_x + (int)c * pitch, y = stagger && c % 2 ? 1 : 2;
        int room = stagger ? 2 * pitch - 1 : lo->cell_w;
        int pad = stagger ? 0 : (lo->cell_w - (int)strlen(code)) / 2;
        unsigned attr = ATTR_BOLD | ((int)c == v->column ? ATTR_REVERSE : 0);
        canvas_put_text(cv, x + (pad > 0 ? pad : 0), y, room, ROLE_HEADER, attr, code);
    }
}

/* ---- grid rows --------------------------------------------------------- */

static void draw_cell(struct canvas *cv, int x, int y, const struct snap_cell *c,
                      const struct layout *lo, unsigned attr)
{
    struct cell_look look = cell_look_of(c);

    cell_look_draw(cv, x, y, lo->cell_w, &look, lo->san & SAN_ASCII, lo->cell_w == COMPACT_CELL,
                   attr);
}

/* A symptom's cell: its largest share of reports where there is room, as
 * a crowd cell (~); a component's: its level, possible when only wider. */
static void draw_child_cell(struct canvas *cv, int x, int y, const struct snap_service *s,
                            const struct dash_row *r, region_id column, const struct layout *lo,
                            unsigned attr)
{
    bool ascii = lo->san & SAN_ASCII, compact = lo->cell_w == COMPACT_CELL;
    struct cell_look look = {.evidence = EVIDENCE_OFFICIAL};

    if (r->kind == DASH_ROW_SYMPTOM) {
        double share = dash_symptom_cell(s, r->name, column, &look.level);
        look.evidence = EVIDENCE_CROWD;
        if (share < 0)
            look.level = LEVEL_NONE;
        cell_look_draw(cv, x, y, lo->cell_w, &look, ascii, compact, attr);
        if (share >= 0 && !compact) { /* the share in place of the label */
            char text[32], letter[2] = {level_letter(look.level), '\0'};
            enum style_role role = style_mark_role(look.level);
            snprintf(text, sizeof text, "%s ~%.0f%%", ascii ? letter : level_glyph(look.level),
                     share * 100);
            canvas_fill(cv, x, y, lo->cell_w, 1, " ", role, attr);
            canvas_put_text(cv, x, y, lo->cell_w, role, attr, text);
        }
        return;
    }
    look.level = dash_component_cell(s, r->name, column, &look.possible);
    cell_look_draw(cv, x, y, lo->cell_w, &look, ascii, compact, attr);
}

/* One glyph per bucket, taller for worse; "none" is blank, so a gap in
 * the history shows as one. ASCII has its own ramp. */
static const char *spark_glyph(enum level level, bool ascii)
{
    static const char *const utf8[LEVEL_COUNT] = {
        [LEVEL_NONE] = " ",
        [LEVEL_OK] = "\xe2\x96\x81",          /* ▁ */
        [LEVEL_UNKNOWN] = "\xe2\x96\x91",     /* ░ */
        [LEVEL_NOTICE] = "\xe2\x96\x82",      /* ▂ */
        [LEVEL_MAINTENANCE] = "\xe2\x96\x83", /* ▃ */
        [LEVEL_DEGRADED] = "\xe2\x96\x84",    /* ▄ */
        [LEVEL_PARTIAL] = "\xe2\x96\x86",     /* ▆ */
        [LEVEL_MAJOR] = "\xe2\x96\x88",       /* █ */
    };
    static const char *const plain[LEVEL_COUNT] = {
        [LEVEL_NONE] = " ",    [LEVEL_OK] = "_",          [LEVEL_UNKNOWN] = "?",
        [LEVEL_NOTICE] = ".",  [LEVEL_MAINTENANCE] = "m", [LEVEL_DEGRADED] = "-",
        [LEVEL_PARTIAL] = "=", [LEVEL_MAJOR] = "#",
    };

    if ((unsigned)level >= LEVEL_COUNT)
        level = LEVEL_UNKNOWN;
    return ascii ? plain[level] : utf8[level];
}

/* Braille: dots rise from the bottom of each half of the cell, one height
 * per level band; the two halves are two slots of time. */
static int braille_height(enum level level)
{
    static const int h[LEVEL_COUNT] = {
        [LEVEL_NONE] = 0,        [LEVEL_OK] = 1,       [LEVEL_UNKNOWN] = 1, [LEVEL_NOTICE] = 2,
        [LEVEL_MAINTENANCE] = 2, [LEVEL_DEGRADED] = 3, [LEVEL_PARTIAL] = 3, [LEVEL_MAJOR] = 4,
    };

    return (unsigned)level < LEVEL_COUNT ? h[level] : 1;
}

static void braille_glyph(enum level left, enum level right, char out[4])
{
    static const unsigned char lbits[4] = {0x40, 0x04, 0x02, 0x01}; /* dots 7 3 2 1 */
    static const unsigned char rbits[4] = {0x80, 0x20, 0x10, 0x08}; /* dots 8 6 5 4 */
    unsigned bits = 0;

    for (int i = 0; i < braille_height(left); i++)
        bits |= lbits[i];
    for (int i = 0; i < braille_height(right); i++)
        bits |= rbits[i];
    /* U+2800 + bits, as UTF-8 */
    out[0] = (char)0xe2;
    out[1] = (char)(0xa0 | (bits >> 6));
    out[2] = (char)(0x80 | (bits & 0x3f));
    out[3] = '\0';
}

/* The worst level of buckets [from, to) of hist. */
static enum level worst_of(const unsigned char *hist, long from, long to)
{
    enum level l = LEVEL_NONE;

    for (long b = from < 0 ? 0 : from; b < to; b++)
        l = level_worst(l, (enum level)hist[b]);
    return l;
}

/* hist has snap->nhist buckets; glyphs are grouped from the right end, the
 * worst bucket of a group standing for it. */
static void draw_spark(struct canvas *cv, const struct snapshot *snap, const unsigned char *hist,
                       int y, const struct layout *lo)
{
    long n = (long)snap->nhist, per_slot = lo->per_glyph / lo->slots;
    long total = (long)lo->spark_w * lo->slots;

    if (!hist)
        return;
    for (int g = 0; g < lo->spark_w; g++) {
        enum level l[2] = {LEVEL_NONE, LEVEL_NONE};
        char glyph[4];
        for (int k = 0; k < lo->slots; k++) {
            long slot = (long)g * lo->slots + k;
            long end = n - (total - 1 - slot) * per_slot;
            l[k] = worst_of(hist, end - per_slot, end);
        }
        if (lo->braille)
            braille_glyph(l[0], l[1], glyph);
        canvas_put_text(cv, lo->spark_x + g, y, 1, style_spark_role(level_worst(l[0], l[1])), 0,
                        lo->braille ? glyph : spark_glyph(l[0], lo->ascii_graph));
    }
}

static void draw_name(struct canvas *cv, int y, const struct dash_row *r, bool sel,
                      const struct dash_view *v, const struct layout *lo)
{
    int indent = r->kind == DASH_ROW_SERVICE ? 0 : CHILD_INDENT;
    char *name = sanitize_str(r->name, lo->name_w - indent, lo->san | SAN_ELLIPSIS);
    bool here = sel && v->focus == DASH_FOCUS_GRID;
    enum style_role role = sel ? ROLE_SELECTED : r->kind == DASH_ROW_SERVICE ? ROLE_TEXT : ROLE_DIM;
    unsigned attr = sel ? ATTR_REVERSE | (here ? ATTR_BOLD : 0) : 0;

    if (sel)
        canvas_fill(cv, 0, y, lo->name_w, 1, " ", role, attr);
    if (r->kind == DASH_ROW_SYMPTOM) /* what users report, as the crowd marker says */
        canvas_put_text(cv, indent - 1, y, 1, role, attr, "~");
    canvas_put_text(cv, indent, y, lo->name_w - indent, role, attr, name);
    free(name);
}

/* The visible rows: all of them (whole), or only those whose service shows
 * something new, each cleared first. */
static void draw_rows(struct canvas *cv, const struct snapshot *snap, struct dash_view *v,
                      const struct layout *lo, bool whole)
{
    for (int k = 0; k < lo->rows; k++) {
        size_t i = v->top + (size_t)k;
        int y = HEADER_ROWS + k;
        if (i >= v->nrows)
            break;
        const struct dash_row *r = &v->rows[i];
        const struct snap_service *s = &snap->services[r->service];
        bool sel = i == v->selected;
        if (!whole && !dash_row_dirty(v, r->service))
            continue;
        if (!whole)
            canvas_clear_rows(cv, y, 1);
        v->work.drawn++;
        draw_name(cv, y, r, sel, v, lo);
        for (size_t c = 0; c < snap->ncolumns; c++) {
            int x = lo->grid_x + (int)c * cell_pitch(lo->cell_w);
            unsigned attr = sel && (int)c == v->column ? ATTR_REVERSE | ATTR_BOLD : 0;
            if (r->kind == DASH_ROW_SERVICE)
                draw_cell(cv, x, y, &s->cells[c], lo, attr);
            else
                draw_child_cell(cv, x, y, s, r, snap->columns[c], lo, attr);
        }
        if (lo->spark_w > 0 && r->kind == DASH_ROW_SERVICE) {
            /* the selected cell's own history on the selected row */
            const unsigned char *h = s->hist;
            if (sel && v->column >= 0 && s->cells[v->column].hist)
                h = s->cells[v->column].hist;
            draw_spark(cv, snap, h, y, lo);
        }
    }
}

/* ---- detail, help, status ---------------------------------------------- */

static void draw_detail(struct canvas *cv, const struct snapshot *snap, struct dash_view *v,
                        const struct layout *lo, time_t now)
{
    const struct dash_row *r = &v->rows[v->selected];
    struct detail_target t = {
        .service = r->service,
        .column = v->column,
        .child = r->kind == DASH_ROW_SERVICE ? NULL : r->name,
    };
    bool focus = v->focus == DASH_FOCUS_DETAIL;
    int sep = lo->detail_y - 1;

    canvas_fill(cv, 0, sep, cv->w, 1, lo->san & SAN_ASCII ? "-" : "\xe2\x94\x80",
                focus ? ROLE_HEADER : ROLE_DIM, focus ? ATTR_BOLD : 0);
    v->detail_lines = detail_draw(cv, 0, lo->detail_y, cv->w, lo->detail_h, snap, &t,
                                  v->detail_scroll, now, lo->san);
    if (v->detail_scroll > 0 && v->detail_scroll > v->detail_lines - lo->detail_h) {
        v->detail_scroll = v->detail_lines > lo->detail_h ? v->detail_lines - lo->detail_h : 0;
        canvas_fill(cv, 0, lo->detail_y, cv->w, lo->detail_h, " ", ROLE_TEXT, 0);
        detail_draw(cv, 0, lo->detail_y, cv->w, lo->detail_h, snap, &t, v->detail_scroll, now,
                    lo->san);
    }
    if (v->detail_lines > lo->detail_h) { /* where in the pane we are */
        char where[48];
        snprintf(where, sizeof where, " %d-%d of %d%s ", v->detail_scroll + 1,
                 v->detail_scroll + lo->detail_h, v->detail_lines, focus ? "" : "  Tab scrolls");
        int w = sanitize_width(where);
        canvas_put_text(cv, cv->w - w - 1, sep, w, ROLE_DIM, 0, where);
    }
}

static void format_clock(time_t t, char *out, size_t outlen)
{
    char iso[32];

    time_format_iso8601(t, iso, sizeof iso);
    snprintf(out, outlen, "%.8s UTC", iso + 11);
}

static void draw_status(struct canvas *cv, const struct snapshot *snap, struct dash_view *v,
                        time_t now)
{
    char line[600], clock[32] = "never", age[32] = "", view[160];
    int y = cv->h - 1;
    int n = 0;

    if (snap->last_poll) {
        format_clock(snap->last_poll, clock, sizeof clock);
        if (!snap->past_at) /* the sources' present, not the past shown */
            time_format_duration((long)(now - snap->last_poll), age, sizeof age);
    }
    view[0] = '\0';
    if (v->sort != DASH_SORT_SEVERITY)
        n += snprintf(view + n, sizeof view - (size_t)n, "by %s | ", dash_sort_name(v->sort));
    if (v->filter[0] && n < (int)sizeof view)
        n += snprintf(view + n, sizeof view - (size_t)n, "filter \"%.40s\" | ", v->filter);
    if (v->problems_only && n < (int)sizeof view)
        snprintf(view + n, sizeof view - (size_t)n, "problems only | ");
    /* What the user just did or is typing comes first: a narrow terminal
     * cuts the end of the line, never the answer to a key. */
    struct snap_tally t;
    size_t counts[LEVEL_COUNT];
    char tally[80];
    dash_counts(v, snap, counts, &t);
    /* problems and unknowns apart: a page we cannot read is not a problem */
    if (t.unknown)
        snprintf(tally, sizeof tally, "%zu problems, %zu unknown", t.problems, t.unknown);
    else
        snprintf(tally, sizeof tally, "%zu problems", t.problems);
    /* History not being saved goes before any message (an alert would
     * otherwise push it off a narrow line); only typing comes first. */
    const char *stored = snap->history_problem && !v->prompt ? snap->history_problem : NULL;
    snprintf(line, sizeof line,
             " %s%s%s | %s | %s%slast poll %s%s%s%s | sources %zu ok, %zu stale, %zu failing | "
             "%s%s%s%s",
             stored ? stored : "", stored ? " | " : "",
             v->prompt    ? v->prompt
             : v->message ? v->message
                          : "? help",
             tally, snap->remote_problem ? snap->remote_problem : "",
             snap->remote_problem ? " | " : "", clock, *age ? " (" : "", age, *age ? " ago)" : "",
             snap->sources_ok, snap->sources_stale, snap->sources_failing,
             snap->history_problem && !stored ? snap->history_problem : "",
             snap->history_problem && !stored ? " | " : "", view,
             v->prompt || v->message ? "" : "Enter expand  / filter  [ ] history  q quit");
    canvas_fill(cv, 0, y, cv->w, 1, " ", ROLE_STATUS, 0);
    canvas_put_text(cv, 0, y, 0, ROLE_STATUS, 0, line);
}

static void draw_too_small(struct canvas *cv, int need_w, int need_h)
{
    /* The longest that fits: even a 1x1 terminal shows that it is too
     * small rather than nothing, which would look like a hung program. */
    static const char *const words[] = {"Terminal too small", "too small", "small", "!"};
    char have[64], need[64];
    size_t i = 0;

    while (i + 1 < sizeof words / sizeof words[0] && (int)strlen(words[i]) > cv->w)
        i++;
    snprintf(have, sizeof have, "have %dx%d, need %dx%d", cv->w, cv->h, need_w, need_h);
    snprintf(need, sizeof need, "%s", words[i]);
    canvas_put_text(cv, 0, cv->h / 2 - (cv->h > 1), 0, ROLE_ERROR, ATTR_BOLD, need);
    canvas_put_text(cv, 0, cv->h / 2 + (cv->h > 1 ? 0 : 1), 0, ROLE_TEXT, 0, have);
}

/* ---- entry points ---------------------------------------------------- */

static void keep_selection_visible(struct dash_view *v, int rows)
{
    if (v->nrows == 0) {
        v->selected = v->top = 0;
        return;
    }
    if (v->selected < v->top)
        v->top = v->selected;
    if (rows > 0 && v->selected >= v->top + (size_t)rows)
        v->top = v->selected - (size_t)rows + 1;
    if (rows > 0 && v->top + (size_t)rows > v->nrows) /* no blank rows below the last */
        v->top = v->nrows > (size_t)rows ? v->nrows - (size_t)rows : 0;
}

/* What the grid's look depends on besides the rows themselves: when it is
 * the same as the last frame's, only the rows that changed are drawn. */
struct grid_key {
    int w, h, column, focus, ascii, graph;
    size_t top, selected, nrows;
    struct layout lo;
};

/* Clears what is drawn whole in every frame (title, headers, detail,
 * status), and the grid too when whole. */
static void clear_for(struct canvas *cv, const struct layout *lo, bool whole)
{
    if (whole) {
        canvas_clear(cv);
        return;
    }
    canvas_clear_rows(cv, 0, HEADER_ROWS);
    canvas_clear_rows(cv, HEADER_ROWS + lo->rows, cv->h - HEADER_ROWS - lo->rows);
}

void dash_draw(struct canvas *cv, const struct snapshot *snap, struct dash_view *view, time_t now)
{
    struct layout lo;
    int need_w, need_h;

    dash_rows(view, snap);
    if (view->column >= (int)snap->ncolumns)
        view->column = (int)snap->ncolumns - 1;
    dash_min_size(snap, &need_w, &need_h);
    view->grid_h = view->detail_h = 0;
    if (cv->w < need_w || cv->h < need_h || view->help || view->timeline.on || view->present) {
        canvas_clear(cv); /* other screens are drawn whole */
        dash_grid_forget(view);
    }
    if (cv->w < need_w || cv->h < need_h) {
        draw_too_small(cv, need_w, need_h);
        return;
    }
    if (view->timeline.on && !view->present) {
        draw_title(cv, snap, view, now);
        timeline_view_draw(cv, snap, view, now);
        draw_status(cv, snap, view, now);
        if (view->help)
            help_draw(cv, view);
        return;
    }
    if (view->present) {
        present_draw(cv, snap, view, now);
        draw_status(cv, snap, view, now);
        if (view->help)
            help_draw(cv, view);
        return;
    }
    memset(&lo, 0, sizeof lo);
    plan(cv, snap, view, &lo);
    keep_selection_visible(view, lo.rows);
    struct grid_key key;
    memset(&key, 0, sizeof key); /* compared whole, padding too */
    key.w = cv->w;
    key.h = cv->h;
    key.column = view->column;
    key.focus = view->focus;
    key.ascii = view->ascii;
    key.graph = view->graph;
    key.top = view->top;
    key.selected = view->selected;
    key.nrows = view->nrows;
    memcpy(&key.lo, &lo, sizeof lo);
    bool whole = dash_grid_stale(view, &key, sizeof key) || view->nrows == 0 || view->help;
    clear_for(cv, &lo, whole);
    view->grid_y = HEADER_ROWS;
    view->grid_h = lo.rows;
    view->cells_x = lo.grid_x;
    view->cell_pitch = cell_pitch(lo.cell_w);
    view->detail_y = lo.detail_y;
    view->detail_h = view->nrows > 0 ? lo.detail_h : 0;
    draw_title(cv, snap, view, now);
    draw_headers(cv, snap, view, &lo);
    draw_rows(cv, snap, view, &lo, whole);
    dash_grid_drawn(view);
    if (view->detail_h > 0)
        draw_detail(cv, snap, view, &lo, now);
    else if (view->nrows == 0 && lo.rows > 0)
        canvas_put_text(cv, 1, HEADER_ROWS, 0, ROLE_DIM, 0,
                        view->filter[0] || view->problems_only
                            ? "nothing matches (/ and Esc clear the filter, f shows all)"
                            : "no services configured");
    draw_status(cv, snap, view, now);
    if (view->help)
        help_draw(cv, view);
}

enum dash_hit dash_click(struct dash_view *v, const struct snapshot *snap, int x, int y)
{
    if (v->grid_h > 0 && y >= v->grid_y && y < v->grid_y + v->grid_h) {
        size_t row = v->top + (size_t)(y - v->grid_y);
        if (row >= v->nrows)
            return DASH_HIT_NONE;
        v->focus = DASH_FOCUS_GRID;
        dash_move(v, snap, (int)((long)row - (long)v->selected));
        v->column = -1;
        if (x >= v->cells_x && v->cell_pitch > 0) {
            int c = (x - v->cells_x) / v->cell_pitch;
            if (c < (int)snap->ncolumns)
                v->column = c;
        }
        return DASH_HIT_ROW;
    }
    if (v->detail_h > 0 && y >= v->detail_y && y < v->detail_y + v->detail_h) {
        v->focus = DASH_FOCUS_DETAIL;
        return DASH_HIT_DETAIL;
    }
    return DASH_HIT_NONE;
}
