/* The dashboard widget (see dashboard.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/dashboard.h"
#include "sitrep/sanitize.h"
#include "sitrep/timefmt.h"
#include "sitrep/xalloc.h"

#define NAME_MIN        8
#define NAME_MAX        22
#define FULL_CELL       8 /* "✕ MAJOR?" */
#define COMPACT_CELL    3 /* "✕M?" */
#define HEADER_ROWS     3 /* title, blank, column headers */
#define MIN_ROWS        6
#define DETAIL_MIN_ROWS 4
#define SPARK_MIN       8  /* narrower says too little: left out */
#define SPARK_MAX       48 /* four hours of 5-minute buckets */

struct layout {
    int spark_x, spark_w; /* the history sparklines; spark_w 0 when no room */
    int name_w;
    int cell_w; /* FULL_CELL or COMPACT_CELL */
    int grid_x; /* first cell column */
    int rows;   /* service rows that fit */
    int detail_y, detail_h;
    unsigned san; /* sanitizer flags for remote text */
};

static int cell_pitch(int cell_w)
{
    return cell_w + 1;
}

static int names_width(const struct snapshot *snap)
{
    int w = NAME_MIN;

    for (size_t i = 0; i < snap->nservices; i++) {
        char *clean = sanitize_str(snap->services[i].name, NAME_MAX, 0);
        int cw = sanitize_width(clean);
        free(clean);
        if (cw > w)
            w = cw;
    }
    return w;
}

void dash_min_size(const struct snapshot *snap, int *w, int *h)
{
    *w = NAME_MIN + 1 + (int)snap->ncolumns * cell_pitch(COMPACT_CELL);
    if (*w < 32)
        *w = 32; /* room for the status line's essentials */
    *h = MIN_ROWS;
}

static void plan(const struct canvas *cv, const struct snapshot *snap, bool ascii,
                 struct layout *lo)
{
    int ncols = (int)snap->ncolumns, want = names_width(snap);
    int avail = cv->h - HEADER_ROWS - 1;

    lo->san = ascii ? SAN_ASCII : 0;
    lo->cell_w = FULL_CELL;
    if (NAME_MIN + 1 + ncols * cell_pitch(FULL_CELL) > cv->w)
        lo->cell_w = COMPACT_CELL;
    lo->name_w = cv->w - 1 - ncols * cell_pitch(lo->cell_w);
    if (lo->name_w > want)
        lo->name_w = want;
    lo->grid_x = lo->name_w + 1;
    lo->spark_x = lo->grid_x + ncols * cell_pitch(lo->cell_w) + 1;
    lo->spark_w = cv->w - lo->spark_x - 1;
    if (lo->spark_w > (int)snap->nhist)
        lo->spark_w = (int)snap->nhist;
    if (lo->spark_w > SPARK_MAX)
        lo->spark_w = SPARK_MAX;
    if (lo->spark_w < SPARK_MIN || !snap->nhist)
        lo->spark_w = 0;
    lo->rows = (int)snap->nservices < avail ? (int)snap->nservices : avail;
    lo->detail_y = HEADER_ROWS + lo->rows + 1;
    lo->detail_h = cv->h - 1 - lo->detail_y;
    if (lo->detail_h < DETAIL_MIN_ROWS)
        lo->detail_h = 0;
}

/* ---- pieces ---------------------------------------------------------- */

static void format_clock(time_t t, char *out, size_t outlen)
{
    char iso[32];

    time_format_iso8601(t, iso, sizeof iso);
    snprintf(out, outlen, "%.8s UTC", iso + 11);
}

static void draw_title(struct canvas *cv, const struct snapshot *snap, const struct dash_view *v,
                       time_t now)
{
    char clock[48], iso[32], right[160];
    size_t counts[LEVEL_COUNT] = {0};
    int n = 0;

    canvas_fill(cv, 0, 0, cv->w, 1, " ", ROLE_TITLE, 0);
    time_format_iso8601(now, iso, sizeof iso);
    snprintf(clock, sizeof clock, " sitrep  %.10s %.8s UTC", iso, iso + 11);
    canvas_put_text(cv, 0, 0, 0, ROLE_TITLE, ATTR_BOLD, clock);
    if (v->banner) /* a replay says so, next to the clock it drives */
        canvas_put_text(cv, sanitize_width(clock) + 2, 0, 0, ROLE_TITLE, ATTR_REVERSE, v->banner);
    for (size_t i = 0; i < snap->nservices; i++)
        counts[snap->services[i].level]++;
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

/* Column codes longer than a cell (LATAM over a compact cell) are
 * staggered over two rows, so each may use two cells' width. */
static void draw_headers(struct canvas *cv, const struct snapshot *snap, const struct layout *lo)
{
    int pitch = cell_pitch(lo->cell_w);
    bool stagger = false;

    for (size_t c = 0; c < snap->ncolumns; c++)
        stagger |= (int)strlen(region_code(snap->columns[c])) > lo->cell_w;
    canvas_put_text(cv, 0, 2, lo->name_w, ROLE_HEADER, ATTR_BOLD, "SERVICE");
    if (lo->spark_w > 0) {
        char head[48], span[16];
        time_format_duration((long)lo->spark_w * snap->hist_bucket_s, span, sizeof span);
        snprintf(head, sizeof head, "LAST %s", span);
        canvas_put_text(cv, lo->spark_x, 2, lo->spark_w, ROLE_HEADER, ATTR_BOLD, head);
    }
    for (size_t c = 0; c < snap->ncolumns; c++) {
        const char *code = region_code(snap->columns[c]);
        int x = lo->grid_x + (int)c * pitch, y = stagger && c % 2 ? 1 : 2;
        int room = stagger ? 2 * pitch - 1 : lo->cell_w;
        int pad = stagger ? 0 : (lo->cell_w - (int)strlen(code)) / 2;
        canvas_put_text(cv, x + (pad > 0 ? pad : 0), y, room, ROLE_HEADER, ATTR_BOLD, code);
    }
}

static void draw_cell(struct canvas *cv, int x, int y, const struct snap_cell *c,
                      const struct layout *lo)
{
    char text[24];
    const char *label = level_label(c->level);
    char glyph[8];
    char flag = c->possible                     ? '?'
                : c->stale                      ? '*'
                : c->evidence == EVIDENCE_CROWD ? '~'
                : c->evidence == EVIDENCE_BOTH  ? '+'
                                                : ' ';
    enum style_role role = c->possible ? style_mark_role(c->level) : style_cell_role(c->level);
    unsigned attr = c->possible ? ATTR_UNDERLINE : c->stale ? ATTR_DIM : 0;

    if (lo->san & SAN_ASCII)
        snprintf(glyph, sizeof glyph, "%c", level_letter(c->level));
    else
        snprintf(glyph, sizeof glyph, "%s", level_glyph(c->level));
    if (lo->cell_w == COMPACT_CELL) {
        snprintf(text, sizeof text, "%s%c%c", glyph, level_letter(c->level), flag);
    } else {
        char lower[8];
        size_t i = 0;
        for (; label[i] && i < sizeof lower - 1; i++)
            lower[i] = c->possible ? (char)(label[i] | 0x20) : label[i];
        lower[i] = '\0';
        snprintf(text, sizeof text, "%s %s%c", glyph, lower, flag);
    }
    canvas_fill(cv, x, y, lo->cell_w, 1, " ", role, attr);
    canvas_put_text(cv, x, y, lo->cell_w, role, attr, text);
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

static void draw_spark(struct canvas *cv, const struct snapshot *snap, const struct snap_service *s,
                       int y, const struct layout *lo)
{
    size_t first = snap->nhist - (size_t)lo->spark_w;

    if (!s->hist)
        return;
    for (int k = 0; k < lo->spark_w; k++) {
        enum level l = (enum level)s->hist[first + (size_t)k];
        canvas_put_text(cv, lo->spark_x + k, y, 1, style_cell_role(l), 0,
                        spark_glyph(l, lo->san & SAN_ASCII));
    }
}

static void draw_rows(struct canvas *cv, const struct snapshot *snap, const struct dash_view *v,
                      const struct layout *lo)
{
    for (int r = 0; r < lo->rows; r++) {
        size_t i = v->top + (size_t)r;
        int y = HEADER_ROWS + r;
        if (i >= snap->nservices)
            break;
        const struct snap_service *s = &snap->services[i];
        bool sel = i == v->selected;
        char *name = sanitize_str(s->name, lo->name_w, lo->san | SAN_ELLIPSIS);
        if (sel)
            canvas_fill(cv, 0, y, lo->name_w, 1, " ", ROLE_SELECTED, ATTR_REVERSE);
        canvas_put_text(cv, 0, y, lo->name_w, sel ? ROLE_SELECTED : ROLE_TEXT,
                        sel ? ATTR_REVERSE | ATTR_BOLD : 0, name);
        free(name);
        for (size_t c = 0; c < snap->ncolumns; c++)
            draw_cell(cv, lo->grid_x + (int)c * cell_pitch(lo->cell_w), y, &s->cells[c], lo);
        if (lo->spark_w > 0)
            draw_spark(cv, snap, s, y, lo);
    }
}

/* Word-wraps sanitized single-line text into rows starting at (x, *y);
 * stops at max_y. */
static void draw_wrapped(struct canvas *cv, int x, int *y, int max_y, enum style_role role,
                         unsigned attr, const char *text)
{
    int width = cv->w - x;

    while (*text && *y < max_y && width > 0) {
        int used;
        size_t fit = sanitize_fit(text, width, &used);
        size_t cut = fit;
        if (text[fit] != '\0') {
            for (size_t i = fit; i > 0; i--) {
                if (text[i] == ' ') {
                    cut = i;
                    break;
                }
            }
        }
        if (cut == 0)
            cut = fit ? fit : 1;
        char *line = xstrndup(text, cut);
        canvas_put_text(cv, x, (*y)++, width, role, attr, line);
        free(line);
        text += cut;
        while (*text == ' ')
            text++;
    }
}

static void draw_incident(struct canvas *cv, const struct snap_incident *inc, int *y, int max_y,
                          time_t now, const struct layout *lo)
{
    char head[512], age[32], clock[32];
    char *title = sanitize_str(inc->title, 200, lo->san | SAN_ELLIPSIS);
    char *status = sanitize_str(inc->status, 20, lo->san);

    time_format_duration((long)(now - inc->started_at), age, sizeof age);
    format_clock(inc->started_at, clock, sizeof clock);
    snprintf(head, sizeof head, "%s  [%s] since %s (%s ago)", title, status, clock, age);
    canvas_put_text(cv, 1, *y, 1, style_mark_role(inc->level), ATTR_BOLD,
                    lo->san & SAN_ASCII ? (char[]){level_letter(inc->level), 0}
                                        : level_glyph(inc->level));
    draw_wrapped(cv, 3, y, *y + 2 < max_y ? *y + 2 : max_y, ROLE_TEXT, ATTR_BOLD, head);
    free(title);
    free(status);
    if (inc->nupdates > 0 && *y < max_y) {
        const struct snap_update *u = &inc->updates[0];
        char *body = sanitize_str(u->body, 600, lo->san | SAN_ELLIPSIS);
        char *ustatus = sanitize_str(u->status, 20, lo->san);
        format_clock(u->at, clock, sizeof clock);
        char *line = xasprintf("%s %s: %s", clock, ustatus, body);
        draw_wrapped(cv, 5, y, max_y, ROLE_DIM, 0, line);
        free(line);
        free(body);
        free(ustatus);
    }
}

/* Sources are named by where they poll, which means more to a reader
 * than the config's source id (unless the service has several). */
static void source_label(const struct snap_service *s, const struct snap_source *src, char *out,
                         size_t outlen)
{
    if (s->nsources > 1)
        snprintf(out, outlen, "%s (%s)", src->id, src->host);
    else
        snprintf(out, outlen, "%s", src->host);
}

static void draw_sources(struct canvas *cv, const struct snap_service *s, int *y, int max_y,
                         const struct layout *lo, time_t now)
{
    struct buf line = {0};

    for (size_t i = 0; i < s->nsources && *y < max_y; i++) {
        const struct snap_source *src = &s->sources[i];
        char label[200];
        bool bad = src->health == HEALTH_FAILING || src->health == HEALTH_BACKING_OFF;
        source_label(s, src, label, sizeof label);
        buf_reset(&line);
        buf_printf(&line, "%s: ", label);
        snap_source_describe(src, now, lo->san, &line);
        canvas_put_text(cv, 1, (*y)++, 0, bad ? ROLE_ERROR : ROLE_DIM, 0, buf_str(&line));
    }
    buf_free(&line);
}

/* What to say when there is no open incident: it depends on whether there
 * is an official page at all, and whether it was read. */
static const char *official_silence(const struct snap_service *s)
{
    bool official = false, read = false;

    for (size_t i = 0; i < s->nsources; i++) {
        official |= s->sources[i].official;
        read |= s->sources[i].official && s->sources[i].has_data;
    }
    if (!official)
        return "no official source configured: crowd reports only";
    return read ? "no open incident on the official page"
                : "no data yet: the official page has not been read";
}

static void draw_crowd(struct canvas *cv, const struct snap_service *s, int *y, int max_y,
                       const struct layout *lo)
{
    struct buf line = {0};

    for (size_t i = 0; i < s->ncrowd && *y < max_y; i++) {
        buf_reset(&line);
        buf_puts(&line, "crowd ");
        snap_crowd_describe(&s->crowd[i], lo->san, &line);
        canvas_put_text(cv, 1, (*y)++, 0, style_mark_role(s->crowd[i].level), 0, buf_str(&line));
    }
    buf_reset(&line);
    if (*y < max_y && snap_lead_describe(s, &line))
        canvas_put_text(cv, 1, (*y)++, 0, ROLE_TEXT, ATTR_BOLD, buf_str(&line));
    buf_reset(&line);
    if (*y < max_y && snap_shared_describe(s, lo->san, &line))
        canvas_put_text(cv, 1, (*y)++, 0, ROLE_TEXT, ATTR_BOLD, buf_str(&line));
    buf_free(&line);
}

static void draw_detail(struct canvas *cv, const struct snapshot *snap, const struct dash_view *v,
                        const struct layout *lo, time_t now)
{
    int y = lo->detail_y, max_y = lo->detail_y + lo->detail_h;
    const struct snap_service *s = &snap->services[v->selected];
    char head[256], clock[32], age[32];
    char *name = sanitize_str(s->name, NAME_MAX, lo->san | SAN_ELLIPSIS);
    size_t open = 0;

    canvas_fill(cv, 0, y - 1, cv->w, 1, lo->san & SAN_ASCII ? "-" : "\xe2\x94\x80", ROLE_DIM, 0);
    format_clock(s->since, clock, sizeof clock);
    time_format_duration((long)(now - s->since), age, sizeof age);
    snprintf(head, sizeof head, "%s: %s since %s (%s)", name, level_name(s->level), clock, age);
    free(name);
    canvas_put_text(cv, 0, y++, 0, style_mark_role(s->level), ATTR_BOLD, head);
    for (size_t i = 0; i < s->nincidents && y < max_y; i++) {
        if (s->incidents[i].open) {
            draw_incident(cv, &s->incidents[i], &y, max_y, now, lo);
            open++;
        }
    }
    if (open == 0 && y < max_y)
        canvas_put_text(cv, 1, y++, 0, ROLE_DIM, 0, official_silence(s));
    draw_crowd(cv, s, &y, max_y, lo);
    draw_sources(cv, s, &y, max_y, lo, now);
}

static void draw_status(struct canvas *cv, const struct snapshot *snap, const struct dash_view *v,
                        time_t now)
{
    char line[400], clock[32] = "never", age[32] = "";
    int y = cv->h - 1;

    if (snap->last_poll) {
        format_clock(snap->last_poll, clock, sizeof clock);
        time_format_duration((long)(now - snap->last_poll), age, sizeof age);
    }
    snprintf(line, sizeof line,
             " last poll %s%s%s%s | sources %zu ok, %zu stale, %zu failing | %s%s%s", clock,
             *age ? " (" : "", age, *age ? " ago)" : "", snap->sources_ok, snap->sources_stale,
             snap->sources_failing, snap->history_problem ? snap->history_problem : "",
             snap->history_problem ? " | " : "",
             v->message ? v->message : "j/k move  r refresh  q quit");
    canvas_fill(cv, 0, y, cv->w, 1, " ", ROLE_STATUS, 0);
    canvas_put_text(cv, 0, y, 0, ROLE_STATUS, 0, line);
}

static void draw_too_small(struct canvas *cv, int need_w, int need_h)
{
    char have[64], need[64];

    snprintf(have, sizeof have, "have %dx%d, need %dx%d", cv->w, cv->h, need_w, need_h);
    snprintf(need, sizeof need, "Terminal too small");
    canvas_put_text(cv, 0, cv->h / 2 - (cv->h > 1), 0, ROLE_ERROR, ATTR_BOLD, need);
    canvas_put_text(cv, 0, cv->h / 2 + (cv->h > 1 ? 0 : 1), 0, ROLE_TEXT, 0, have);
}

/* ---- entry points ---------------------------------------------------- */

static void keep_selection_visible(struct dash_view *v, const struct snapshot *snap, int rows)
{
    if (snap->nservices == 0) {
        v->selected = v->top = 0;
        return;
    }
    if (v->selected >= snap->nservices)
        v->selected = snap->nservices - 1;
    if (v->selected < v->top)
        v->top = v->selected;
    if (rows > 0 && v->selected >= v->top + (size_t)rows)
        v->top = v->selected - (size_t)rows + 1;
}

void dash_draw(struct canvas *cv, const struct snapshot *snap, struct dash_view *view, time_t now)
{
    struct layout lo;
    int need_w, need_h;

    canvas_clear(cv);
    dash_min_size(snap, &need_w, &need_h);
    if (cv->w < need_w || cv->h < need_h) {
        draw_too_small(cv, need_w, need_h);
        return;
    }
    plan(cv, snap, view->ascii, &lo);
    keep_selection_visible(view, snap, lo.rows);
    draw_title(cv, snap, view, now);
    draw_headers(cv, snap, &lo);
    draw_rows(cv, snap, view, &lo);
    if (lo.detail_h > 0 && snap->nservices > 0)
        draw_detail(cv, snap, view, &lo, now);
    draw_status(cv, snap, view, now);
}

void dash_move(struct dash_view *view, const struct snapshot *snap, int delta)
{
    long sel = (long)view->selected + delta;

    if (sel < 0 || snap->nservices == 0)
        sel = 0;
    else if ((size_t)sel >= snap->nservices)
        sel = (long)snap->nservices - 1;
    view->selected = (size_t)sel;
}
