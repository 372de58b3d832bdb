/* The timeline view ('t'): the merged timeline (timeline.h) of what the
 * snapshot knows, one event after the other, oldest first, each with its
 * moment in UTC, in local time and relative to the moment shown, so a
 * reader can quote it in any of the three. It replaces the grid and the
 * detail (title and status stay); the filters are the view's: every
 * service, the selected one or its family (a), the cursor's column as the
 * region (h/l), a window before the moment shown (+/-). Wide screens give
 * each event one row and wrap what happened beside the times; narrower
 * ones put it on the rows below. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/buf.h"
#include "sitrep/dashboard.h"
#include "sitrep/sanitize.h"
#include "sitrep/timefmt.h"
#include "sitrep/timeline.h"
#include "sitrep/xalloc.h"
#include "ui_internal.h"

#define WIDE_COLS    100 /* from here what happened goes beside the times */
#define TOP_ROWS     3   /* title, the filters, the column headings */
#define NAME_COLS    16
#define SEGS_PER_ROW 6

static const long windows[] = {0, 7 * 86400, 86400, 6 * 3600, 3600};
#define NWINDOWS ((int)(sizeof windows / sizeof windows[0]))

/* Where each column starts. No level column: an event's level would be
 * its incident's now (a resolved incident's "ok" beside its first
 * "investigating"), not what it was when said; the words say it. */
struct cols {
    int utc, local, ago, service, what, what_w;
    bool beside; /* what happened beside the times (wide), else below */
};

static void layout(int w, struct cols *c)
{
    *c = (struct cols){1, 16, 29, 40, 4, 0, w >= WIDE_COLS};
    if (c->beside)
        c->what = c->service + NAME_COLS + 1;
    c->what_w = w - c->what - 1;
}

/* ---- the view's state ------------------------------------------------ */

void dash_timeline_toggle(struct dash_view *v, const struct snapshot *snap)
{
    struct dash_timeline *t = &v->timeline;

    t->on = !t->on;
    if (!t->on)
        return;
    /* the selection's service; with none (a filter that hides every
     * row), every service */
    t->service =
        v->nrows && v->selected < v->nrows ? v->rows[v->selected].service : snap->nservices;
    if (t->service >= snap->nservices)
        t->scope = DASH_TL_ALL;
    t->scroll = INT_MAX;
}

void dash_timeline_scope(struct dash_view *v, const struct snapshot *snap)
{
    struct dash_timeline *t = &v->timeline;
    bool has_service = t->service < snap->nservices;
    bool has_family =
        has_service && snap->services[t->service].family && snap->services[t->service].family[0];

    t->scope = (enum dash_tl_scope)((t->scope + 1) % DASH_TL_SCOPE_COUNT);
    if (t->scope == DASH_TL_SERVICE && !has_service)
        t->scope = DASH_TL_ALL;
    if (t->scope == DASH_TL_FAMILY && !has_family)
        t->scope = DASH_TL_ALL;
    t->scroll = INT_MAX;
}

void dash_timeline_window(struct dash_view *v, int dir)
{
    struct dash_timeline *t = &v->timeline;

    t->window += dir > 0 ? 1 : -1;
    if (t->window < 0)
        t->window = 0;
    if (t->window >= NWINDOWS)
        t->window = NWINDOWS - 1;
    t->scroll = INT_MAX;
}

long dash_timeline_window_s(const struct dash_view *v)
{
    int i = v->timeline.window;

    return i >= 0 && i < NWINDOWS ? windows[i] : 0;
}

void dash_timeline_filter(const struct dash_view *v, const struct snapshot *snap, time_t now,
                          struct timeline_filter *f)
{
    const struct dash_timeline *t = &v->timeline;
    const struct snap_service *s =
        t->service < snap->nservices ? &snap->services[t->service] : NULL;
    long window = dash_timeline_window_s(v);

    *f = (struct timeline_filter){.region = REGION_NONE};
    if (s && t->scope == DASH_TL_SERVICE)
        f->service = s->id;
    if (s && t->scope == DASH_TL_FAMILY && s->family && s->family[0])
        f->family = s->family;
    if (v->column >= 0 && (size_t)v->column < snap->ncolumns)
        f->region = snap->columns[v->column];
    if (window)
        f->from = now - window;
}

/* ---- rows ------------------------------------------------------------ */

struct seg {
    int x, w;
    enum style_role role;
    unsigned attr;
    char *text;
};

struct row {
    struct seg seg[SEGS_PER_ROW];
    int nseg;
};

struct rows {
    struct row *v;
    size_t n, cap;
};

static struct row *new_row(struct rows *r)
{
    if (r->n == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 64;
        r->v = xreallocarray(r->v, r->cap, sizeof *r->v);
    }
    memset(&r->v[r->n], 0, sizeof r->v[r->n]);
    return &r->v[r->n++];
}

/* text is taken (malloc'd) */
static void add_seg(struct row *row, int x, int w, enum style_role role, unsigned attr, char *text)
{
    if (row->nseg == SEGS_PER_ROW) {
        free(text);
        return;
    }
    row->seg[row->nseg++] = (struct seg){x, w, role, attr, text};
}

static void free_rows(struct rows *r)
{
    for (size_t i = 0; i < r->n; i++) {
        for (int k = 0; k < r->v[i].nseg; k++)
            free(r->v[i].seg[k].text);
    }
    free(r->v);
}

static char *ago_text(time_t at, time_t now)
{
    char span[24], out[40];

    if (at > now) {
        time_format_duration((long)(at - now), span, sizeof span);
        snprintf(out, sizeof out, "in %s", span);
    } else {
        time_format_duration((long)(now - at), span, sizeof span);
        snprintf(out, sizeof out, "%s ago", span);
    }
    return xstrdup(out);
}

/* The times and the service: the event's first row. */
static struct row *event_head(struct rows *r, const struct timeline_event *e, const struct cols *c,
                              time_t now, unsigned san)
{
    struct row *row = new_row(r);
    char iso[32], t[32];

    time_format_iso8601(e->at, iso, sizeof iso);
    snprintf(t, sizeof t, "%.5s %.8s", iso + 5, iso + 11);
    add_seg(row, c->utc, 14, ROLE_TEXT, ATTR_BOLD, xstrdup(t));
    time_format_local(e->at, t, sizeof t);
    add_seg(row, c->local, c->ago - c->local - 1, ROLE_TEXT, 0, xstrdup(t));
    add_seg(row, c->ago, c->service - c->ago - 1, ROLE_DIM, 0, ago_text(e->at, now));
    add_seg(row, c->service, NAME_COLS, ROLE_HEADER, ATTR_BOLD,
            sanitize_str(e->service->name, NAME_COLS, san));
    return row;
}

/* What happened, wrapped into what_w columns: beside the head on wide
 * screens, below it otherwise. */
static void event_what(struct rows *r, struct row *head, const struct timeline_event *e,
                       const struct cols *c, unsigned san)
{
    struct buf what = {0};
    const char *p;
    bool first = true;

    timeline_describe(e, san, &what);
    if (e->kind == TIMELINE_STATEMENT && e->incident->url) {
        char *url = sanitize_str(e->incident->url, 200, san);
        buf_printf(&what, " <%s>", url);
        free(url);
    }
    for (p = buf_str(&what); *p;) {
        size_t cut = ui_wrap_cut(p, c->what_w);
        struct row *row = first && c->beside ? head : new_row(r);
        add_seg(row, c->what, c->what_w, e->kind == TIMELINE_STATEMENT ? ROLE_TEXT : ROLE_DIM, 0,
                xstrndup(p, cut));
        first = false;
        p += cut;
        while (*p == ' ')
            p++;
    }
    buf_free(&what);
}

static void build(struct rows *r, const struct timeline_event *v, size_t n, const struct cols *c,
                  time_t now, unsigned san)
{
    for (size_t i = 0; i < n; i++)
        event_what(r, event_head(r, &v[i], c, now, san), &v[i], c, san);
}

/* ---- drawing --------------------------------------------------------- */

static void draw_filters(struct canvas *cv, const struct snapshot *snap, const struct dash_view *v,
                         const struct timeline_filter *f, size_t n, unsigned san)
{
    char line[400], window[24] = "all known", *who = NULL;
    long w = dash_timeline_window_s(v);

    if (f->service)
        who = sanitize_str(snap->services[v->timeline.service].name, NAME_COLS, san);
    else if (f->family)
        who = sanitize_str(f->family, NAME_COLS, san);
    if (w) {
        char span[16];
        time_format_duration(w, span, sizeof span);
        snprintf(window, sizeof window, "last %s", span);
    }
    snprintf(line, sizeof line, " TIMELINE  %s%s%s | %s | %s | %zu event%s ",
             f->family ? "family " : "", who ? who : "every service", f->service ? " only" : "",
             f->region == REGION_NONE ? "every region" : region_code(f->region), window, n,
             n == 1 ? "" : "s");
    free(who);
    canvas_fill(cv, 0, 1, cv->w, 1, " ", ROLE_HEADER, ATTR_REVERSE);
    int used = canvas_put_text(cv, 0, 1, cv->w, ROLE_HEADER, ATTR_REVERSE | ATTR_BOLD, line);
    static const char keys[] = " a services  h/l region  +/- window  t closes ";
    int kw = sanitize_width(keys);
    if (used + kw <= cv->w)
        canvas_put_text(cv, cv->w - kw, 1, kw, ROLE_HEADER, ATTR_REVERSE, keys);
}

static void draw_headings(struct canvas *cv, const struct cols *c)
{
    const int xs[] = {c->utc, c->local, c->ago, c->service, c->what};
    static const char *const names[] = {"UTC", "LOCAL", "AGO", "SERVICE", "WHAT HAPPENED"};
    size_t n = c->beside ? 5 : 4; /* narrow: what happened goes below, unheaded */

    for (size_t i = 0; i < n; i++)
        canvas_put_text(cv, xs[i], 2, 0, ROLE_HEADER, ATTR_BOLD | ATTR_UNDERLINE, names[i]);
}

void timeline_view_draw(struct canvas *cv, const struct snapshot *snap, struct dash_view *v,
                        time_t now)
{
    struct timeline_filter f;
    struct rows rows = {0};
    struct cols c;
    unsigned san = v->ascii ? SAN_ASCII : 0;
    size_t n;
    int room = cv->h - TOP_ROWS - 1;

    dash_timeline_filter(v, snap, now, &f);
    struct timeline_event *ev = timeline_build(snap, &f, &n);
    layout(cv->w, &c);
    canvas_fill(cv, 0, 1, cv->w, cv->h - 2, " ", ROLE_TEXT, 0);
    draw_filters(cv, snap, v, &f, n, san);
    if (room < 1) {
        free(ev);
        return;
    }
    draw_headings(cv, &c);
    build(&rows, ev, n, &c, now, san);
    v->timeline.page = room > 1 ? room - 1 : 1;
    if (v->timeline.scroll > (int)rows.n - room)
        v->timeline.scroll = (int)rows.n - room > 0 ? (int)rows.n - room : 0;
    if (v->timeline.scroll < 0)
        v->timeline.scroll = 0;
    if (n == 0)
        canvas_put_text(cv, 1, TOP_ROWS, cv->w - 2, ROLE_DIM, 0,
                        "nothing in this timeline (a: services, h/l: region, +/-: window)");
    for (int i = 0; i < room && (size_t)(v->timeline.scroll + i) < rows.n; i++) {
        const struct row *row = &rows.v[v->timeline.scroll + i];
        for (int k = 0; k < row->nseg; k++) {
            const struct seg *s = &row->seg[k];
            canvas_put_text(cv, s->x, TOP_ROWS + i, s->w, s->role, s->attr, s->text);
        }
    }
    free_rows(&rows);
    free(ev);
}
