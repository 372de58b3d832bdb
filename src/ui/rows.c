/* The grid's rows (see dashboard.h): services sorted and filtered, each
 * expanded one followed by its symptoms and components. A component name
 * that appears in several groups (Login under Europe and under North
 * America) is one row: its cells say where. */
#include "config.h"

#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sitrep/dashboard.h"
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

struct order {
    const struct snapshot *snap;
    enum dash_sort sort;
};

static int by_sort(const void *a, const void *b, void *ctx)
{
    const struct order *o = ctx;
    size_t ia = *(const size_t *)a, ib = *(const size_t *)b;
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

static bool matches(const struct snap_service *s, const char *filter)
{
    return !*filter || strcasestr(s->name, filter) || strcasestr(s->id, filter);
}

static void row_key(const struct snapshot *snap, const struct dash_row *r, char *out, size_t outlen)
{
    const struct snap_service *s = &snap->services[r->service];

    if (r->kind == DASH_ROW_SERVICE)
        snprintf(out, outlen, "%s", s->id);
    else
        snprintf(out, outlen, "%s\x1f%d\x1f%s", s->id, (int)r->kind, r->name);
}

void dash_rows(struct dash_view *v, const struct snapshot *snap)
{
    struct rowlist l = {0};
    size_t *order = xcalloc(snap->nservices ? snap->nservices : 1, sizeof *order);
    char key[sizeof v->sel_key];

    for (size_t i = 0; i < snap->nservices; i++)
        order[i] = i;
    struct order o = {snap, v->sort};
    qsort_r(order, snap->nservices, sizeof *order, by_sort, &o);
    for (size_t k = 0; k < snap->nservices; k++) {
        const struct snap_service *s = &snap->services[order[k]];
        if (!matches(s, v->filter) || (v->problems_only && !worth_showing(s->level)))
            continue;
        push(&l, (struct dash_row){DASH_ROW_SERVICE, order[k], 0, s->name});
        if (dash_expanded(v, s->id))
            add_children(&l, s, order[k], v->problems_only);
    }
    free(order);
    free(v->rows);
    v->rows = l.rows;
    v->nrows = l.n;
    /* The selection follows its row's identity; when that row is gone
     * (filtered, folded), the row at the same place is selected. */
    if (v->sel_key[0]) {
        for (size_t i = 0; i < v->nrows; i++) {
            row_key(snap, &v->rows[i], key, sizeof key);
            if (strcmp(key, v->sel_key) == 0) {
                v->selected = i;
                break;
            }
        }
    }
    if (v->selected >= v->nrows)
        v->selected = v->nrows ? v->nrows - 1 : 0;
    if (v->nrows)
        row_key(snap, &v->rows[v->selected], v->sel_key, sizeof v->sel_key);
    else
        v->sel_key[0] = '\0';
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
    dash_rows(v, snap);
    return true;
}

void dash_view_free(struct dash_view *v)
{
    for (size_t i = 0; i < v->nexpanded; i++)
        free(v->expanded[i]);
    free(v->expanded);
    free(v->rows);
    v->expanded = NULL;
    v->nexpanded = 0;
    v->rows = NULL;
    v->nrows = 0;
}
