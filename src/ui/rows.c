/* The grid's rows (see dashboard.h): services sorted and filtered, each
 * expanded one followed by its symptoms and components. A component name
 * that appears in several groups (Login under Europe and under North
 * America) is one row: its cells say where. */
#include "config.h"

#include <stdio.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sitrep/dashboard.h"
#include "sitrep/sanitize.h"
#include "sitrep/xalloc.h"
#include "ui_internal.h"

const char *dash_sort_name(enum dash_sort sort)
{
    static const char *const names[DASH_SORT_COUNT] = {"severity", "name", "recent", "config"};

    return (unsigned)sort < DASH_SORT_COUNT ? names[sort] : "?";
}

/* A problem for the "problems only" view: any problem, and unknown too —
 * a service we cannot see is news to an on-call engineer. */
static bool worth_showing(enum level level)
{
    return level == LEVEL_UNKNOWN || level_is_problem(level);
}

bool dash_expanded(const struct dash_view *v, const char *id)
{
    for (size_t i = 0; i < v->nexpanded; i++) {
        if (strcmp(v->expanded[i], id) == 0)
            return true;
    }
    return false;
}

/* ---- children of a service ------------------------------------------- */

/* The level of a component row in one column: the worst of the components
 * of that name inside the column; failing that, of those covering a wider
 * region (shown as "possible"); LEVEL_NONE when none concerns it. */
enum level dash_component_cell(const struct snap_service *s, const char *name, region_id column,
                               bool *possible)
{
    enum level in = LEVEL_NONE, wider = LEVEL_NONE;

    for (size_t i = 0; i < s->ncomponents; i++) {
        const struct snap_component *c = &s->components[i];
        if (c->is_group || strcmp(c->name, name) != 0)
            continue;
        if (c->region != REGION_NONE && region_contains(column, c->region))
            in = level_worst(in, c->level);
        else if (c->region == REGION_NONE || region_contains(c->region, column))
            wider = level_worst(wider, c->level);
    }
    *possible = in == LEVEL_NONE && wider != LEVEL_NONE;
    return in != LEVEL_NONE ? in : wider;
}

/* A symptom in one column: its largest share among the crowd series inside
 * the column, and that series' level; -1 when no series there has it. */
double dash_symptom_cell(const struct snap_service *s, const char *category, region_id column,
                         enum level *level)
{
    double best = -1;

    *level = LEVEL_NONE;
    for (size_t i = 0; i < s->ncrowd; i++) {
        const struct snap_crowd *c = &s->crowd[i];
        if (!region_contains(column, c->region))
            continue;
        for (size_t k = 0; k < c->ncategories; k++) {
            if (strcmp(c->categories[k], category) == 0 && c->shares[k] > best) {
                best = c->shares[k];
                *level = c->level;
            }
        }
    }
    return best;
}

static enum level component_level(const struct snap_service *s, const char *name)
{
    enum level worst = LEVEL_NONE;

    for (size_t i = 0; i < s->ncomponents; i++) {
        if (!s->components[i].is_group && strcmp(s->components[i].name, name) == 0)
            worst = level_worst(worst, s->components[i].level);
    }
    return worst;
}

struct rowlist {
    struct dash_row *rows;
    size_t n, cap;
};

static void push(struct rowlist *l, struct dash_row row)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 32;
        l->rows = xreallocarray(l->rows, l->cap, sizeof *l->rows);
    }
    l->rows[l->n++] = row;
}

static bool listed(const struct rowlist *l, size_t from, enum dash_row_kind kind, const char *name)
{
    for (size_t i = from; i < l->n; i++) {
        if (l->rows[i].kind == kind && strcmp(l->rows[i].name, name) == 0)
            return true;
    }
    return false;
}

static int by_component_level(const void *a, const void *b, void *ctx)
{
    const struct dash_row *ra = a, *rb = b;
    const struct snap_service *s = ctx;
    int la = component_level(s, ra->name), lb = component_level(s, rb->name);

    if (la != lb)
        return lb - la;
    return ra->index < rb->index ? -1 : ra->index > rb->index;
}

/* Symptoms first (what users say is broken), then components, worst
 * first; with problems_only, only the ones with a problem. */
static void add_children(struct rowlist *l, const struct snap_service *s, size_t svc,
                         bool problems_only)
{
    size_t start = l->n;

    for (size_t i = 0; i < s->ncrowd; i++) {
        for (size_t k = 0; k < s->crowd[i].ncategories; k++) {
            const char *cat = s->crowd[i].categories[k];
            if (!listed(l, start, DASH_ROW_SYMPTOM, cat))
                push(l, (struct dash_row){DASH_ROW_SYMPTOM, svc, i, cat});
        }
    }
    size_t comps = l->n;
    for (size_t i = 0; i < s->ncomponents; i++) {
        const struct snap_component *c = &s->components[i];
        if (c->is_group || listed(l, comps, DASH_ROW_COMPONENT, c->name))
            continue;
        if (problems_only && !worth_showing(component_level(s, c->name)))
            continue;
        push(l, (struct dash_row){DASH_ROW_COMPONENT, svc, i, c->name});
    }
    qsort_r(l->rows + comps, l->n - comps, sizeof *l->rows, by_component_level, (void *)s);
}

/* ---- services -------------------------------------------------------- */

#define NOWHERE UINT32_MAX

/* What the rows were worked out from. A snapshot updated in place (the
 * same pointer, generation noted by dash_note_delta) keeps the order and
 * the rows until a change moves one; any other snapshot starts over. */
struct dash_cache {
    const struct snapshot *snap;
    unsigned long gen;
    size_t n; /* services */
    /* Service numbers and places as 32 bits: ten thousand services keep
     * one of each (a config holds far fewer than 2^32 - 1 services). */
    uint32_t *order;      /* every service, sorted */
    uint32_t *pos;        /* service -> its place in order */
    uint32_t *rowpos;     /* service -> its row in view->rows, NOWHERE when not shown */
    int *name_w;          /* service -> its name's width on screen, -1 until measured */
    unsigned char *dirty; /* service -> its row is to be drawn again */
    uint32_t *dirty_list;
    size_t ndirty;
    bool order_ok, rows_ok, redraw_all;
    enum dash_sort sort;
    char filter[64];
    bool problems_only;
    int names_w; /* the widest name among the rows */
    /* the title's and status line's counts, for generation counts_gen */
    unsigned long counts_gen;
    size_t counts[LEVEL_COUNT];
    struct snap_tally tally;
    unsigned char grid_key[256]; /* what the grid's last draw depended on */
};

static void cache_release(struct dash_cache *c)
{
    free(c->order);
    free(c->pos);
    free(c->rowpos);
    free(c->name_w);
    free(c->dirty);
    free(c->dirty_list);
    memset(c, 0, sizeof *c);
}

static void cache_reset(struct dash_cache *c, const struct snapshot *snap)
{
    cache_release(c);
    size_t n = snap->nservices ? snap->nservices : 1;
    c->snap = snap;
    c->gen = snap->generation;
    c->n = snap->nservices;
    c->order = xcalloc(n, sizeof *c->order);
    c->pos = xcalloc(n, sizeof *c->pos);
    c->rowpos = xcalloc(n, sizeof *c->rowpos);
    c->name_w = xcalloc(n, sizeof *c->name_w);
    c->dirty = xcalloc(n, 1);
    c->dirty_list = xcalloc(n, sizeof *c->dirty_list);
    for (size_t i = 0; i < c->n; i++)
        c->name_w[i] = -1;
    c->redraw_all = true;
}

/* The view's cache, made valid for snap: a snapshot the cache was not
 * told about (another one, or one built whole) starts it over. */
static struct dash_cache *cache_for(struct dash_view *v, const struct snapshot *snap)
{
    struct dash_cache *c = v->cache;

    if (!c)
        c = v->cache = xcalloc(1, sizeof *c);
    if (c->snap != snap || snap->generation == 0 || c->gen != snap->generation ||
        c->n != snap->nservices)
        cache_reset(c, snap);
    if (c->sort != v->sort)
        c->order_ok = false;
    if (c->problems_only != v->problems_only || strcmp(c->filter, v->filter) != 0)
        c->rows_ok = false;
    return c;
}

struct order {
    const struct snapshot *snap;
    enum dash_sort sort;
};

static int by_sort(const void *a, const void *b, void *ctx)
{
    const struct order *o = ctx;
    uint32_t ia = *(const uint32_t *)a, ib = *(const uint32_t *)b;
    const struct snap_service *sa = &o->snap->services[ia];
    const struct snap_service *sb = &o->snap->services[ib];
    int d = 0;

    switch (o->sort) {
    case DASH_SORT_SEVERITY: d = (int)sb->level - (int)sa->level; break;
    case DASH_SORT_NAME: d = strcasecmp(sa->name, sb->name); break;
    case DASH_SORT_RECENT: d = (sb->since > sa->since) - (sb->since < sa->since); break;
    default: break;
    }
    return d ? d : (ia > ib) - (ia < ib);
}

static void sort_services(struct dash_view *v, struct dash_cache *c, const struct snapshot *snap)
{
    struct order o = {snap, v->sort};

    for (size_t i = 0; i < c->n; i++)
        c->order[i] = (uint32_t)i;
    qsort_r(c->order, c->n, sizeof *c->order, by_sort, &o);
    for (size_t k = 0; k < c->n; k++)
        c->pos[c->order[k]] = (uint32_t)k;
    v->work.visited += c->n;
    c->sort = v->sort;
    c->order_ok = true;
    c->rows_ok = false;
}

static bool matches(const struct snap_service *s, const char *filter)
{
    return !*filter || strcasestr(s->name, filter) || strcasestr(s->id, filter);
}

static int name_width(const char *name, int indent)
{
    char *clean = sanitize_str(name, DASH_NAME_MAX, 0);
    int w = sanitize_width(clean) + indent;

    free(clean);
    return w;
}

static void row_key(const struct snapshot *snap, const struct dash_row *r, char *out, size_t outlen)
{
    const struct snap_service *s = &snap->services[r->service];

    if (r->kind == DASH_ROW_SERVICE)
        snprintf(out, outlen, "%s", s->id);
    else
        snprintf(out, outlen, "%s\x1f%d\x1f%s", s->id, (int)r->kind, r->name);
}

/* The selection follows its row's identity; when that row is gone
 * (filtered, folded), the row at the same place is selected. */
static void find_selection(struct dash_view *v, const struct snapshot *snap)
{
    char key[sizeof v->sel_key];
    bool child = strchr(v->sel_key, '\x1f') != NULL;

    for (size_t i = 0; v->sel_key[0] && i < v->nrows; i++) {
        const struct dash_row *r = &v->rows[i];
        if ((r->kind != DASH_ROW_SERVICE) != child)
            continue;
        if (!child && strcmp(snap->services[r->service].id, v->sel_key) != 0)
            continue;
        if (child) {
            row_key(snap, r, key, sizeof key);
            if (strcmp(key, v->sel_key) != 0)
                continue;
        }
        v->selected = i;
        break;
    }
}

/* The rows from the order: the filter, the problems, the expanded. */
static void build_rows(struct dash_view *v, struct dash_cache *c, const struct snapshot *snap)
{
    struct rowlist l = {0};

    c->names_w = 0;
    for (size_t k = 0; k < c->n; k++) {
        size_t i = c->order[k];
        const struct snap_service *s = &snap->services[i];
        c->rowpos[i] = NOWHERE;
        if (!matches(s, v->filter) || (v->problems_only && !worth_showing(s->level)))
            continue;
        c->rowpos[i] = (uint32_t)l.n;
        push(&l, (struct dash_row){DASH_ROW_SERVICE, i, 0, s->name});
        if (c->name_w[i] < 0)
            c->name_w[i] = name_width(s->name, 0);
        if (c->name_w[i] > c->names_w)
            c->names_w = c->name_w[i];
        if (!v->nexpanded || !dash_expanded(v, s->id))
            continue;
        size_t from = l.n;
        add_children(&l, s, i, v->problems_only);
        for (size_t r = from; r < l.n; r++) {
            int w = name_width(l.rows[r].name, DASH_CHILD_INDENT + 1);
            if (w > c->names_w)
                c->names_w = w;
        }
    }
    v->work.visited += c->n;
    free(v->rows);
    /* no room kept: the rows are built again whole when they change */
    v->rows = l.n ? xreallocarray(l.rows, l.n, sizeof *l.rows) : l.rows;
    v->nrows = l.n;
    c->rows_ok = true;
    c->redraw_all = true;
    snprintf(c->filter, sizeof c->filter, "%s", v->filter);
    c->problems_only = v->problems_only;
    find_selection(v, snap);
}

void dash_rows(struct dash_view *v, const struct snapshot *snap)
{
    struct dash_cache *c = cache_for(v, snap);

    if (!c->order_ok)
        sort_services(v, c, snap);
    if (!c->rows_ok)
        build_rows(v, c, snap);
    if (v->selected >= v->nrows)
        v->selected = v->nrows ? v->nrows - 1 : 0;
    if (v->nrows)
        row_key(snap, &v->rows[v->selected], v->sel_key, sizeof v->sel_key);
    else
        v->sel_key[0] = '\0';
}

/* A changed service still sits between its neighbours in the order. */
static bool in_order(const struct dash_cache *c, const struct snapshot *snap, enum dash_sort sort,
                     size_t svc)
{
    struct order o = {snap, sort};
    size_t p = c->pos[svc];
    uint32_t me = (uint32_t)svc;

    return (p == 0 || by_sort(&c->order[p - 1], &me, &o) <= 0) &&
           (p + 1 >= c->n || by_sort(&me, &c->order[p + 1], &o) <= 0);
}

static void mark_dirty(struct dash_cache *c, size_t svc)
{
    if (!c->dirty[svc]) {
        c->dirty[svc] = 1;
        c->dirty_list[c->ndirty++] = (uint32_t)svc;
    }
}

void dash_note_delta(struct dash_view *v, const struct snapshot *snap, const struct snap_delta *d)
{
    struct dash_cache *c = v->cache;

    if (!c || d->all || c->snap != snap || c->n != snap->nservices || !c->order_ok) {
        if (c)
            c->snap = NULL; /* the next dash_rows starts over */
        return;
    }
    /* counts made for the last generation hold while no row changed */
    bool counted = c->counts_gen != 0 && c->counts_gen == c->gen;
    c->gen = snap->generation;
    if (counted && d->nrows == 0)
        c->counts_gen = c->gen;
    for (size_t k = 0; k < d->ncopied; k++) {
        size_t svc = d->copied[k];
        const struct snap_service *s = &snap->services[svc];
        if (v->nexpanded && dash_expanded(v, s->id))
            c->rows_ok = false; /* its children's names moved with it */
        else if (c->rows_ok && c->rowpos[svc] != NOWHERE)
            v->rows[c->rowpos[svc]].name = s->name;
    }
    for (size_t k = 0; k < d->nrows; k++) {
        size_t svc = d->rows[k];
        mark_dirty(c, svc);
        if (c->order_ok && !in_order(c, snap, c->sort, svc))
            c->order_ok = false;
        if (v->problems_only &&
            worth_showing(snap->services[svc].level) != (c->rowpos[svc] != NOWHERE))
            c->rows_ok = false;
    }
}

/* Forgets the identity so the next dash_rows keeps the index instead. */
static void select_row(struct dash_view *v, const struct snapshot *snap, size_t row)
{
    v->selected = row;
    if (row < v->nrows)
        row_key(snap, &v->rows[row], v->sel_key, sizeof v->sel_key);
    v->detail_scroll = 0;
}

void dash_move(struct dash_view *v, const struct snapshot *snap, int delta)
{
    long sel;

    if (v->timeline.on) { /* the timeline's rows; dash_draw clamps the end */
        long s = (long)v->timeline.scroll + delta;
        v->timeline.scroll = s < 0 ? 0 : s > INT_MAX ? INT_MAX : (int)s;
        return;
    }
    if (v->focus == DASH_FOCUS_DETAIL) {
        long s = (long)v->detail_scroll + delta, max = v->detail_lines - v->detail_h;
        if (s > max)
            s = max;
        v->detail_scroll = s < 0 ? 0 : (int)s;
        return;
    }
    if (!v->rows)
        dash_rows(v, snap);
    sel = (long)v->selected + delta;
    if (sel < 0 || v->nrows == 0)
        sel = 0;
    else if ((size_t)sel >= v->nrows)
        sel = (long)v->nrows - 1;
    select_row(v, snap, (size_t)sel);
}

void dash_move_column(struct dash_view *v, const struct snapshot *snap, int delta)
{
    long c = (long)v->column + delta;

    if (c < -1)
        c = -1;
    if (c >= (long)snap->ncolumns)
        c = (long)snap->ncolumns - 1;
    v->column = (int)c;
    v->detail_scroll = 0;
    v->timeline.scroll = INT_MAX; /* a new region: its newest events */
}

bool dash_toggle_expand(struct dash_view *v, const struct snapshot *snap)
{
    if (!v->rows)
        dash_rows(v, snap);
    if (v->selected >= v->nrows)
        return false;
    size_t svc = v->rows[v->selected].service;
    const struct snap_service *s = &snap->services[svc];

    for (size_t i = 0; i < v->nexpanded; i++) {
        if (strcmp(v->expanded[i], s->id) == 0) {
            free(v->expanded[i]);
            v->expanded[i] = v->expanded[--v->nexpanded];
            v->cache->rows_ok = false;
            dash_rows(v, snap);
            for (size_t r = 0; r < v->nrows; r++) { /* back on the service's row */
                if (v->rows[r].kind == DASH_ROW_SERVICE && v->rows[r].service == svc)
                    select_row(v, snap, r);
            }
            return true;
        }
    }
    bool any = s->ncrowd > 0 || s->ncomponents > 0;
    if (!any)
        return false;
    v->expanded = xreallocarray(v->expanded, v->nexpanded + 1, sizeof *v->expanded);
    v->expanded[v->nexpanded++] = xstrdup(s->id);
    v->cache->rows_ok = false;
    dash_rows(v, snap);
    return true;
}

/* ---- what the dashboard draws from the cache -------------------------- */

void dash_counts(struct dash_view *v, const struct snapshot *snap, size_t counts[LEVEL_COUNT],
                 struct snap_tally *tally)
{
    struct dash_cache *c = cache_for(v, snap);

    if (c->counts_gen == 0 || c->counts_gen != snap->generation) {
        memset(c->counts, 0, sizeof c->counts);
        for (size_t i = 0; i < snap->nservices; i++)
            c->counts[snap->services[i].level]++;
        snapshot_tally(snap, &c->tally);
        c->counts_gen = snap->generation;
        v->work.visited += snap->nservices;
    }
    memcpy(counts, c->counts, sizeof c->counts);
    *tally = c->tally;
}

int dash_names_width(const struct dash_view *v)
{
    int w = v->cache ? v->cache->names_w : 0;

    return w < DASH_NAME_MIN ? DASH_NAME_MIN : w > DASH_NAME_MAX ? DASH_NAME_MAX : w;
}

bool dash_grid_stale(struct dash_view *v, const void *key, size_t len)
{
    struct dash_cache *c = v->cache;
    bool stale = c->redraw_all || len > sizeof c->grid_key || memcmp(c->grid_key, key, len) != 0;

    if (len <= sizeof c->grid_key) {
        memset(c->grid_key, 0, sizeof c->grid_key);
        memcpy(c->grid_key, key, len);
    }
    return stale;
}

bool dash_row_dirty(const struct dash_view *v, size_t svc)
{
    return v->cache && svc < v->cache->n && v->cache->dirty[svc];
}

void dash_grid_drawn(struct dash_view *v)
{
    struct dash_cache *c = v->cache;

    for (size_t k = 0; k < c->ndirty; k++)
        c->dirty[c->dirty_list[k]] = 0;
    c->ndirty = 0;
    c->redraw_all = false;
}

void dash_grid_forget(struct dash_view *v)
{
    if (v->cache)
        v->cache->redraw_all = true;
}

void dash_view_free(struct dash_view *v)
{
    for (size_t i = 0; i < v->nexpanded; i++)
        free(v->expanded[i]);
    free(v->expanded);
    free(v->rows);
    if (v->cache)
        cache_release(v->cache);
    free(v->cache);
    v->cache = NULL;
    v->expanded = NULL;
    v->nexpanded = 0;
    v->rows = NULL;
    v->nrows = 0;
}
