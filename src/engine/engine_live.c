/* History out and the live snapshot (see engine.h): every snapshot's
 * levels go into the history and the store; the dashboard's snapshot is
 * kept up to date in place, each service copied from the model only when
 * a poll told the model something about it. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "engine_internal.h"
#include "sitrep/model.h"
#include "sitrep/xalloc.h"

/* ---- history out: levels of each snapshot ----------------------------- */

static void put_cell(struct engine *e, struct last_put *lp, const char *service, const char *region,
                     time_t bucket, const struct snap_cell *c, enum level level, unsigned evidence)
{
    struct store_sample s = {
        .service = service,
        .region = region,
        .bucket = bucket,
        .level = level,
        .evidence = evidence,
        .reports = c ? c->reports : -1,
        .baseline = c ? c->baseline : -1,
    };

    if (lp->bucket == bucket && lp->level >= s.level && lp->evidence == s.evidence &&
        lp->reports >= s.reports && lp->baseline == s.baseline)
        return;
    store_put_sample(e->opts.store, &s);
    *lp = (struct last_put){bucket,
                            level_worst(lp->bucket == bucket ? lp->level : LEVEL_NONE, s.level),
                            s.evidence, s.reports, s.baseline};
}

/* A service's level and every cell go into the history; with a store, the
 * service and every cell that says more than "ok" go into it too. */
static void note_service(struct engine *e, const struct snapshot *snap, size_t i, time_t bucket,
                         bool writing)
{
    const struct snap_service *s = &snap->services[i];
    size_t row = i * e->stride;

    history_note(e->hist, row, snap->generated_at, hist_pack(s->level, s->evidence, false));
    for (size_t c = 0; c < snap->ncolumns; c++) {
        const struct snap_cell *cell = &s->cells[c];
        history_note(e->hist, row + 1 + c, snap->generated_at,
                     hist_pack(cell->level, cell->evidence, cell->possible));
    }
    if (!writing)
        return;
    put_cell(e, &e->puts[row], s->id, "*", bucket, NULL, s->level, s->evidence);
    for (size_t c = 0; c < snap->ncolumns; c++) {
        const struct snap_cell *cell = &s->cells[c];
        if (cell->level <= LEVEL_OK && cell->reports < 0)
            continue;
        put_cell(e, &e->puts[row + 1 + c], s->id, region_code(snap->columns[c]), bucket, cell,
                 cell->level, cell->evidence);
    }
}

void engine_note_snapshot(struct engine *e, const struct snapshot *snap)
{
    time_t bucket = history_bucket(e->hist, snap->generated_at);
    bool writing = e->opts.store && store_writable(e->opts.store);

    e->noted_bucket = bucket;
    for (size_t i = 0; i < snap->nservices; i++)
        note_service(e, snap, i, bucket, writing);
}

/* Widths a sparkline point may take, narrowest first: each divides a day,
 * so points line up with days (and with each other) at every zoom. */
static const long point_widths[] = {60,   120,   300,   600,   900,   1200,  1800, 3600,
                                    7200, 10800, 14400, 21600, 28800, 43200, 86400};

static size_t points_of(long window, long width)
{
    return (size_t)((window + width - 1) / width);
}

/* How many of the history's buckets make one point of a window. */
static int point_k(int native, long window)
{
    long k;

    for (size_t i = 0; i < sizeof point_widths / sizeof point_widths[0]; i++) {
        long w = point_widths[i];
        if (w % native == 0 && points_of(window, w) <= ENGINE_HIST_POINTS)
            return (int)(w / native);
    }
    /* An unusual bucket width: the fewest buckets that still divide a day
     * (any number, when the width itself does not). */
    for (k = 1; points_of(window, native * k) > ENGINE_HIST_POINTS ||
                (86400 % native == 0 && 86400 % (native * k) != 0);
         k++)
        ;
    return (int)k;
}

/* The sparklines' axis for a window ending at end. */
struct hist_plan {
    int k;       /* history buckets a point */
    long width;  /* seconds a point */
    size_t n;    /* points */
    time_t last; /* the last point's start */
};

static void plan_hist(const struct engine *e, time_t end, struct hist_plan *p)
{
    int native = history_bucket_s(e->hist);

    p->k = point_k(native, e->hist_window);
    p->width = (long)native * p->k;
    p->n = points_of(e->hist_window, p->width);
    p->last = (time_t)((long long)history_bucket(e->hist, end) / p->width * p->width);
}

/* A service's packed history rows (the service's, then each cell's, n
 * points each) as levels, set as its sparklines. end_at_level: the last
 * point is the level the snapshot shows, not the rest of its bucket (a
 * moment in the past: the bucket goes on after it). */
static void set_levels(struct snap_service *s, size_t ncolumns, const unsigned char *packed,
                       size_t n, bool end_at_level)
{
    size_t rows = 1 + ncolumns;
    unsigned char *lv = xmalloc(rows * n);

    for (size_t k = 0; k < rows * n; k++)
        lv[k] = (unsigned char)hist_level(packed[k]);
    if (end_at_level && n) {
        lv[n - 1] = (unsigned char)s->level;
        for (size_t c = 0; c < ncolumns; c++)
            lv[(1 + c) * n + n - 1] = (unsigned char)s->cells[c].level;
    }
    snap_service_set_hist(s, ncolumns, lv, n);
    free(lv);
}

void engine_fill_history(const struct engine *e, struct snapshot *snap, time_t end,
                         bool end_at_level)
{
    if (e->opts.no_sparklines) {
        snap->history_problem = xstrdup_or_null(e->store_problem);
        return;
    }
    struct hist_plan p;
    plan_hist(e, end, &p);
    unsigned char *all = xmalloc(history_rows(e->hist) * p.n);

    history_points_rows(e->hist, end, p.k, all, p.n);
    snap->nhist = p.n;
    snap->hist_bucket_s = (int)p.width;
    snap->hist_end = p.last;
    for (size_t i = 0; i < snap->nservices && i < e->cfg->nservices; i++)
        set_levels(&snap->services[i], snap->ncolumns, all + i * e->stride * p.n, p.n,
                   end_at_level);
    free(all);
    snap->history_problem = xstrdup_or_null(e->store_problem);
    snap->history_oldest = engine_history_oldest(e);
}

/* One service's sparklines, on the snapshot's axis. */
static void fill_service_history(const struct engine *e, struct snapshot *snap, size_t i,
                                 const struct hist_plan *p)
{
    size_t rows = 1 + snap->ncolumns;
    unsigned char *packed = xmalloc(rows * p->n);

    for (size_t r = 0; r < rows; r++)
        history_points(e->hist, i * e->stride + r, snap->generated_at, p->k, packed + r * p->n,
                       p->n);
    set_levels(&snap->services[i], snap->ncolumns, packed, p->n, false);
    free(packed);
}

/* ---- the live snapshot ------------------------------------------------ */

void engine_touch(struct engine *e, size_t svc)
{
    if (!e->touched) {
        size_t n = e->cfg->nservices ? e->cfg->nservices : 1;
        e->touched = xcalloc(n, 1);
        e->touched_list = xcalloc(n, sizeof *e->touched_list);
    }
    if (svc >= e->cfg->nservices || e->touched[svc])
        return;
    e->touched[svc] = 1;
    e->touched_list[e->ntouched++] = svc;
}

void engine_snapshot_touch(struct engine *e, size_t svc)
{
    if (!e->remote)
        engine_touch(e, svc);
}

void engine_touch_all(struct engine *e)
{
    e->touch_all = true;
}

static void untouch(struct engine *e)
{
    for (size_t k = 0; k < e->ntouched; k++)
        e->touched[e->touched_list[k]] = 0;
    e->ntouched = 0;
    e->touch_all = false;
}

/* snap is the live snapshot as the last update left it, for the same
 * services and columns, on the same sparkline axis. */
static bool still_live(const struct engine *e, const struct snapshot *snap, time_t now)
{
    struct hist_plan p;

    if (!snap || snap != e->live || snap->generation != e->live_gen || snap->past_at ||
        snap->nservices != e->cfg->nservices || snap->ncolumns != e->cfg->ncolumns ||
        now - e->live_whole >= ENGINE_LIVE_REFRESH_S || now < e->live_whole)
        return false;
    if (memcmp(snap->columns, e->cfg->columns, snap->ncolumns * sizeof *snap->columns) != 0)
        return false;
    if (e->opts.no_sparklines)
        return true;
    plan_hist(e, now, &p);
    return p.n == snap->nhist && p.width == snap->hist_bucket_s && p.last == snap->hist_end;
}

static void refresh_problem(const struct engine *e, struct snapshot *snap)
{
    const char *was = snap->history_problem, *is = e->store_problem;

    if ((was == NULL) == (is == NULL) && (!was || strcmp(was, is) == 0))
        return;
    free(snap->history_problem);
    snap->history_problem = xstrdup_or_null(is);
}

/* Copies the touched services anew, each noted in the history, and says
 * which of their rows show something new. */
static void update_in_place(struct engine *e, struct snapshot *snap, time_t now,
                            struct snap_delta *d)
{
    bool writing = e->opts.store && store_writable(e->opts.store);
    time_t bucket = history_bucket(e->hist, now);
    struct hist_plan p;

    plan_hist(e, now, &p);
    snap->generated_at = now;
    for (size_t k = 0; k < e->ntouched; k++) {
        size_t svc = e->touched_list[k];
        uint64_t was = snap_service_row_digest(snap, &snap->services[svc]);
        model_snapshot_service(e->model, snap, svc, now);
        note_service(e, snap, svc, bucket, writing);
        if (!e->opts.no_sparklines)
            fill_service_history(e, snap, svc, &p);
        snap_delta_add(d, svc, snap_service_row_digest(snap, &snap->services[svc]) != was);
    }
    if (d->ncopied)
        snapshot_fuse_again(snap);
    refresh_problem(e, snap);
    snap->history_oldest = engine_history_oldest(e);
}

bool engine_snapshot_update(struct engine *e, struct snapshot **snapp, struct snap_delta *d)
{
    struct snapshot *snap = *snapp;
    time_t now = (time_t)(engine_known_ms(e) / 1000);

    snap_delta_clear(d);
    if (e->remote || e->touch_all || !still_live(e, snap, now)) {
        snapshot_free(snap);
        snap = engine_snapshot(e);
        e->live_whole = now;
        d->all = true;
    } else {
        update_in_place(e, snap, now, d);
    }
    untouch(e);
    if (d->all || d->ncopied)
        snap->generation = ++e->generation;
    e->live = snap;
    e->live_gen = snap->generation;
    *snapp = snap;
    return d->all || d->ncopied;
}
