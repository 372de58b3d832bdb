/* Alerts on change (see alerts.h).
 *
 * Per service the tracker keeps two states, each the service's level and
 * one level per column: what was last announced and what the latest
 * snapshot shows. A difference worth telling starts a wait (diff_since);
 * alerts_fire() announces it once the gather window and the service's
 * quiet interval are both over, as the difference at that moment, so
 * changes in between add up and a flap back cancels out. */
#include "config.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "alerts_internal.h"
#include "sitrep/alerts.h"
#include "sitrep/buf.h"
#include "sitrep/redact.h"
#include "sitrep/sanitize.h"
#include "sitrep/term.h"
#include "sitrep/timefmt.h"
#include "sitrep/xalloc.h"

/* Caps on what goes into variables and notifications. */
#define NAME_COLS    60
#define TITLE_COLS   200
#define NOTE_COLS    120
#define SUMMARY_COLS 400
#define MESSAGE_COLS 300

#define MAX_COLS CONFIG_MAX_COLUMNS

/* One column of a track: ten thousand services keep one track each, so
 * levels and evidence bits are bytes and only the columns in use are kept
 * (struct alerts' col). */
struct track_col {
    time_t since; /* cur's since, as the grid says it */
    region_id named;
    unsigned char ann, cur; /* enum level */
    unsigned char evidence; /* behind cur */
    bool possible;          /* cur only as possible (evidence about a wider region: named) */
};

/* 80 bytes: the small fields last, levels in bytes. */
struct track {
    char *id, *name;
    time_t level_since; /* cur_level's */
    char *title;        /* the worst open incident's, raw; NULL */
    char *note;         /* a failing source's error, raw; NULL */
    time_t diff_since;  /* a change waits since then (noticed); 0: none */
    time_t change_at;   /* ...and happened then, as the grid dates it */
    time_t quiet_until;
    struct snap_change *log; /* newest first, room for ALERTS_LOG_MAX; NULL before the first */
    unsigned char ann_level, cur_level; /* enum level */
    unsigned char nlog;                 /* at most ALERTS_LOG_MAX */
    bool alive;                         /* in the latest snapshot */
    bool primed;                        /* its first state is known: changes from now on are news */
};
_Static_assert(ALERTS_LOG_MAX <= UCHAR_MAX, "a track counts its log in a byte");

struct alerts {
    struct alert_opts o;
    char *on_change;         /* NULL: none */
    struct webhook *wh;      /* NULL: none */
    enum notify_mode notify; /* never NOTIFY_AUTO */
    region_id columns[MAX_COLS];
    size_t ncolumns;
    struct track *t;
    size_t nt, capt;
    /* Per track, its ncolumns columns: track i's are col[i * ncolumns ...];
     * room for capt tracks. */
    struct track_col *col;
    struct alert_cmd cmds[ALERTS_MAX_HOOKS];
    char message[MESSAGE_COLS * 4 + 1];
    bool has_message;
};

/* One kind of change within a service's announcement: the columns that
 * went from one level to the same other level. */
struct group {
    enum level from, to;
    bool possible;   /* the new level only possibly holds there... */
    region_id named; /* ...because evidence named this wider region */
    region_id regions[MAX_COLS];
    size_t n;
    unsigned evidence;
};

struct announcement {
    struct track *tr;
    struct group g[MAX_COLS + 1];
    size_t ng;
    enum level from, to; /* the headline */
    bool possible;       /* ...only possibly, where it changed */
    time_t at;           /* when the difference began */
    unsigned evidence;
    char *summary; /* sanitized */
};

/* ---- what is news -------------------------------------------------------- */

/* none <-> ok is evidence appearing or vanishing while all is fine. */
static bool worth(enum level from, enum level to)
{
    return from != to && (from > LEVEL_OK || to > LEVEL_OK);
}

static struct track_col *cols_of(const struct alerts *a, const struct track *tr)
{
    return a->col + (size_t)(tr - a->t) * a->ncolumns;
}

static bool differs(const struct alerts *a, const struct track *tr)
{
    const struct track_col *col = cols_of(a, tr);

    if (worth(tr->ann_level, tr->cur_level))
        return true;
    for (size_t c = 0; c < a->ncolumns; c++) {
        if (worth(col[c].ann, col[c].cur))
            return true;
    }
    return false;
}

/* Differences that are no news become the announced state silently. */
static void settle(const struct alerts *a, struct track *tr)
{
    struct track_col *col = cols_of(a, tr);

    if (!worth(tr->ann_level, tr->cur_level))
        tr->ann_level = tr->cur_level;
    for (size_t c = 0; c < a->ncolumns; c++) {
        if (!worth(col[c].ann, col[c].cur))
            col[c].ann = col[c].cur;
    }
}

/* The latest state becomes the announced one. */
static void announced(const struct alerts *a, struct track *tr)
{
    struct track_col *col = cols_of(a, tr);

    tr->ann_level = tr->cur_level;
    for (size_t c = 0; c < a->ncolumns; c++)
        col[c].ann = col[c].cur;
}

/* ---- setup ----------------------------------------------------------------- */

enum notify_mode alerts_notify_auto(char *(*get)(const char *name))
{
    /* TERM first: it survives ssh; the others survive tmux. "" matches any
     * value. */
    static const struct {
        const char *var, *prefix;
        enum notify_mode mode;
    } table[] = {
        {"TERM", "foot", NOTIFY_OSC777},          {"TERM", "rxvt", NOTIFY_OSC777},
        {"TERM", "xterm-kitty", NOTIFY_OSC9},     {"TERM", "xterm-ghostty", NOTIFY_OSC9},
        {"TERM", "wezterm", NOTIFY_OSC9},         {"TERM_PROGRAM", "iTerm.app", NOTIFY_OSC9},
        {"TERM_PROGRAM", "WezTerm", NOTIFY_OSC9}, {"TERM_PROGRAM", "ghostty", NOTIFY_OSC9},
        {"LC_TERMINAL", "iTerm2", NOTIFY_OSC9},   {"KITTY_WINDOW_ID", "", NOTIFY_OSC9},
        {"WEZTERM_PANE", "", NOTIFY_OSC9},        {"GHOSTTY_RESOURCES_DIR", "", NOTIFY_OSC9},
    };
    const char *vte;

    if (!get)
        get = getenv;
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        const char *v = get(table[i].var);
        if (v && *v && strncmp(v, table[i].prefix, strlen(table[i].prefix)) == 0)
            return table[i].mode;
    }
    /* VTE since 0.46 ignores OSC 777 quietly; Fedora's VTE shows it. */
    vte = get("VTE_VERSION");
    if (vte && atol(vte) >= 4600)
        return NOTIFY_OSC777;
    return NOTIFY_OFF;
}

void alerts_configure(struct alerts *a, const struct alert_opts *opts)
{
    free(a->on_change);
    a->o = *opts;
    a->o.on_change = NULL;
    a->on_change = opts->on_change && *opts->on_change ? xstrdup(opts->on_change) : NULL;
    a->o.webhook = NULL;
    if (opts->webhook && *opts->webhook && a->wh)
        webhook_set_url(a->wh, opts->webhook); /* what is queued goes there too */
    else if (opts->webhook && *opts->webhook)
        a->wh = webhook_new(opts->webhook);
    else if (a->wh && !webhook_pending(a->wh)) {
        webhook_free(a->wh);
        a->wh = NULL;
    }
    a->notify = opts->notify == NOTIFY_AUTO ? alerts_notify_auto(NULL) : opts->notify;
    if (a->o.quiet_s < 0)
        a->o.quiet_s = 0;
    if (a->o.gather_s < 0)
        a->o.gather_s = 0;
}

struct alerts *alerts_new(const struct alert_opts *opts)
{
    struct alerts *a = xcalloc(1, sizeof *a);

    alerts_configure(a, opts);
    return a;
}

static void track_free(struct track *tr)
{
    free(tr->id);
    free(tr->name);
    free(tr->title);
    free(tr->note);
    for (size_t i = 0; i < tr->nlog; i++) {
        free(tr->log[i].regions);
        free(tr->log[i].note);
    }
    free(tr->log);
}

void alerts_free(struct alerts *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->nt; i++)
        track_free(&a->t[i]);
    free(a->t);
    free(a->col);
    for (size_t i = 0; i < ALERTS_MAX_HOOKS; i++)
        free(a->cmds[i].service); /* they run on: nobody waits for them */
    free(a->on_change);
    webhook_free(a->wh);
    free(a);
}

static void say(struct alerts *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void say(struct alerts *a, const char *fmt, ...)
{
    struct buf b = {0};
    va_list ap;

    va_start(ap, fmt);
    buf_vprintf(&b, fmt, ap);
    va_end(ap);
    char *clean =
        sanitize_str(buf_str(&b), MESSAGE_COLS, SAN_ELLIPSIS | (a->o.ascii ? SAN_ASCII : 0));
    snprintf(a->message, sizeof a->message, "%s", clean);
    a->has_message = true;
    free(clean);
    buf_free(&b);
}

bool alerts_take_message(struct alerts *a, char *out, size_t outlen)
{
    if (!a->has_message)
        return false;
    snprintf(out, outlen, "%s", a->message);
    a->has_message = false;
    return true;
}

/* ---- observing snapshots ------------------------------------------------- */

static struct track *find_track(const struct alerts *a, const char *id, size_t hint)
{
    if (hint < a->nt && strcmp(a->t[hint].id, id) == 0)
        return &a->t[hint];
    for (size_t i = 0; i < a->nt; i++) {
        if (strcmp(a->t[i].id, id) == 0)
            return &a->t[i];
    }
    return NULL;
}

/* Room for n tracks, exactly: the first snapshot brings every service. */
static void reserve_tracks(struct alerts *a, size_t n)
{
    if (a->capt < n) {
        a->capt = n;
        a->t = xreallocarray(a->t, a->capt, sizeof *a->t);
        a->col = xreallocarray(a->col, a->capt * (a->ncolumns ? a->ncolumns : 1), sizeof *a->col);
    }
}

static struct track *add_track(struct alerts *a, const char *id)
{
    if (a->nt == a->capt) /* doubled: a reload may add rows one by one */
        reserve_tracks(a, a->capt ? 2 * a->capt : 16);
    struct track *tr = &a->t[a->nt++];
    memset(tr, 0, sizeof *tr);
    memset(cols_of(a, tr), 0, a->ncolumns * sizeof *a->col);
    tr->id = xstrdup(id);
    return tr;
}

static void replace(char **dst, const char *src)
{
    free(*dst);
    *dst = xstrdup_or_null(src);
}

/* The worst open incident, the newest of equals (they come newest first). */
static const char *headline_title(const struct snap_service *s)
{
    const struct snap_incident *best = NULL;

    for (size_t i = 0; i < s->nincidents; i++) {
        const struct snap_incident *inc = &s->incidents[i];
        if (inc->open && (!best || inc->level > best->level))
            best = inc;
    }
    return best ? best->title : NULL;
}

static const char *failing_note(const struct snap_service *s)
{
    for (size_t i = 0; i < s->nsources; i++) {
        if (s->sources[i].error &&
            (s->sources[i].health == HEALTH_FAILING || s->sources[i].health == HEALTH_BACKING_OFF))
            return s->sources[i].error;
    }
    return NULL;
}

static bool any_pending(const struct snap_service *s)
{
    for (size_t i = 0; i < s->nsources; i++) {
        if (s->sources[i].health == HEALTH_PENDING)
            return true;
    }
    return false;
}

/* Crowd reports rising (a notice on crowd evidence alone) are an early
 * warning the grid may draw, never an alert: until the duration rule makes
 * them a problem they count as ok here, and a rise that fades leaves no
 * trace in the change log. An official notice is news. */
static enum level alert_level(enum level level, unsigned evidence)
{
    return level == LEVEL_NOTICE && evidence == EVIDENCE_CROWD ? LEVEL_OK : level;
}

static void take_state(struct alerts *a, struct track *tr, const struct snap_service *s)
{
    struct track_col *col = cols_of(a, tr);

    replace(&tr->name, s->name);
    replace(&tr->title, headline_title(s));
    replace(&tr->note, failing_note(s));
    tr->cur_level = alert_level(s->level, s->evidence);
    tr->level_since = s->since;
    for (size_t c = 0; c < a->ncolumns; c++) {
        const struct snap_cell *cell = s->cells ? &s->cells[c] : NULL;
        col[c].cur = cell ? alert_level(cell->level, cell->evidence) : LEVEL_NONE;
        col[c].evidence = cell ? cell->evidence : 0;
        col[c].possible = cell && cell->possible;
        col[c].named = cell && cell->possible ? cell->possible_region : REGION_NONE;
        col[c].since = cell ? cell->since : 0;
    }
}

/* When the waiting change happened: the earliest "since" of what changed,
 * the moment the grid and the exports give for it (not when it was
 * noticed, which depends on how often snapshots come and on the replay
 * speed); now when none is known. */
static time_t change_time(const struct alerts *a, const struct track *tr, time_t now)
{
    const struct track_col *col = cols_of(a, tr);
    time_t at = now;

    if (worth(tr->ann_level, tr->cur_level) && tr->level_since && tr->level_since < at)
        at = tr->level_since;
    for (size_t c = 0; c < a->ncolumns; c++) {
        if (worth(col[c].ann, col[c].cur) && col[c].since && col[c].since < at)
            at = col[c].since;
    }
    return at;
}

/* Columns changed ('c', a reload): the old levels say nothing about the new
 * cells, so every service starts afresh (take_state then fills every
 * column of every track the snapshot keeps). */
static void take_columns(struct alerts *a, const struct snapshot *snap)
{
    size_t n = snap->ncolumns < MAX_COLS ? snap->ncolumns : MAX_COLS;

    if (n == a->ncolumns && memcmp(a->columns, snap->columns, n * sizeof *a->columns) == 0)
        return;
    memcpy(a->columns, snap->columns, n * sizeof *a->columns);
    if (n != a->ncolumns) {
        free(a->col);
        a->col = xcalloc(a->capt * (n ? n : 1), sizeof *a->col);
    }
    a->ncolumns = n;
    for (size_t i = 0; i < a->nt; i++)
        a->t[i].primed = false;
}

/* Services gone from the config go with their log. */
static void drop_dead(struct alerts *a)
{
    size_t k = 0;

    for (size_t i = 0; i < a->nt; i++) {
        if (!a->t[i].alive) {
            track_free(&a->t[i]);
            continue;
        }
        if (k != i)
            memcpy(cols_of(a, &a->t[k]), cols_of(a, &a->t[i]), a->ncolumns * sizeof *a->col);
        a->t[k++] = a->t[i];
    }
    a->nt = k;
}

size_t alerts_observe(struct alerts *a, const struct snapshot *snap, time_t now)
{
    size_t waiting = 0;

    take_columns(a, snap);
    reserve_tracks(a, snap->nservices);
    for (size_t i = 0; i < a->nt; i++)
        a->t[i].alive = false;
    for (size_t i = 0; i < snap->nservices; i++) {
        const struct snap_service *s = &snap->services[i];
        struct track *tr = find_track(a, s->id, i);
        if (!tr)
            tr = add_track(a, s->id);
        tr->alive = true;
        take_state(a, tr, s);
        /* The first poll is not news, nor what a half-polled service shows. */
        if (!tr->primed || any_pending(s)) {
            tr->primed = !any_pending(s);
            announced(a, tr);
            tr->diff_since = 0;
            continue;
        }
        settle(a, tr);
        if (!differs(a, tr))
            tr->diff_since = 0;
        else if (!tr->diff_since)
            tr->diff_since = now;
        if (tr->diff_since)
            tr->change_at = change_time(a, tr, now);
        waiting += tr->diff_since != 0;
    }
    drop_dead(a);
    return waiting;
}

/* ---- one service's announcement ------------------------------------------- */

static int group_order(const void *x, const void *y)
{
    const struct group *a = x, *b = y;

    if (a->to != b->to)
        return a->to > b->to ? -1 : 1;
    if (a->possible != b->possible) /* the certain before the possible */
        return a->possible ? 1 : -1;
    return (a->from < b->from) - (a->from > b->from);
}

static void add_to_group(struct announcement *an, const struct track_col *col, region_id r)
{
    enum level from = col->ann, to = col->cur;
    region_id named = col->possible ? col->named : REGION_NONE;
    size_t i = 0;

    while (i < an->ng && (an->g[i].from != from || an->g[i].to != to ||
                          an->g[i].possible != col->possible || an->g[i].named != named))
        i++;
    if (i == an->ng)
        an->g[an->ng++] =
            (struct group){.from = from, .to = to, .possible = col->possible, .named = named};
    an->g[i].regions[an->g[i].n++] = r;
    an->g[i].evidence |= col->evidence;
}

static void put_clean(struct buf *b, const char *s, int cols, unsigned san)
{
    char *clean = sanitize_str(s, cols, san | SAN_ELLIPSIS);

    buf_puts(b, clean);
    free(clean);
}

/* "Callr: major in ALL EU (was ok); partial in NA (was ok)" */
static char *summary(const struct announcement *an, unsigned san)
{
    struct buf b = {0};

    put_clean(&b, an->tr->name, NAME_COLS, san);
    buf_puts(&b, ": ");
    for (size_t i = 0; i < an->ng; i++) {
        const struct group *g = &an->g[i];
        buf_printf(&b, "%s%s%s", i ? "; " : "", g->possible ? "possibly " : "", level_name(g->to));
        for (size_t k = 0; k < g->n; k++)
            buf_printf(&b, "%s%s", k ? " " : " in ", region_code(g->regions[k]));
        if (g->possible && g->named != REGION_NONE)
            buf_printf(&b, " (reported for %s)", region_code(g->named));
        buf_printf(&b, " (was %s)", level_name(g->from));
    }
    if (an->to == LEVEL_UNKNOWN && an->tr->note) {
        buf_puts(&b, ", source failing: ");
        put_clean(&b, an->tr->note, NOTE_COLS, san);
    }
    char *s = sanitize_str(buf_str(&b), SUMMARY_COLS, san | SAN_ELLIPSIS);
    buf_free(&b);
    return s;
}

static void build(const struct alerts *a, struct track *tr, struct announcement *an)
{
    unsigned san = a->o.ascii ? SAN_ASCII : 0;
    const struct track_col *col = cols_of(a, tr);

    memset(an, 0, sizeof *an);
    an->tr = tr;
    an->at = tr->change_at;
    for (size_t c = 0; c < a->ncolumns; c++) {
        if (worth(col[c].ann, col[c].cur))
            add_to_group(an, &col[c], a->columns[c]);
    }
    qsort(an->g, an->ng, sizeof *an->g, group_order);
    if (worth(tr->ann_level, tr->cur_level)) {
        an->from = tr->ann_level;
        an->to = tr->cur_level;
        if (an->ng == 0) /* evidence outside every column */
            an->g[an->ng++] = (struct group){.from = an->from, .to = an->to};
    } else {
        an->from = an->g[0].from;
        an->to = an->g[0].to;
        an->possible = an->g[0].possible;
    }
    for (size_t i = 0; i < an->ng; i++)
        an->evidence |= an->g[i].evidence;
    for (size_t c = 0; an->evidence == 0 && c < a->ncolumns; c++) {
        if (col[c].cur == an->to)
            an->evidence |= col[c].evidence;
    }
    an->summary = summary(an, san);
}

static void log_push(struct track *tr, const struct group *g, unsigned evidence_if_none, time_t at)
{
    if (!tr->log)
        tr->log = xcalloc(ALERTS_LOG_MAX, sizeof *tr->log);
    if (tr->nlog == ALERTS_LOG_MAX) {
        tr->nlog--;
        free(tr->log[tr->nlog].regions);
        free(tr->log[tr->nlog].note);
    }
    memmove(&tr->log[1], &tr->log[0], tr->nlog * sizeof tr->log[0]);
    tr->nlog++;
    struct snap_change *ch = &tr->log[0];
    *ch = (struct snap_change){.at = at,
                               .from = g->from,
                               .to = g->to,
                               .nregions = g->n,
                               .possible = g->possible,
                               .named = g->named};
    ch->evidence = g->evidence ? g->evidence : evidence_if_none;
    if (g->n) {
        ch->regions = xcalloc(g->n, sizeof *ch->regions);
        memcpy(ch->regions, g->regions, g->n * sizeof *ch->regions);
    }
    if (g->to == LEVEL_UNKNOWN)
        ch->note = xstrdup_or_null(tr->note);
}

/* Oldest group first, so the log reads newest first with the worst on top. */
static void record(struct announcement *an)
{
    for (size_t i = an->ng; i-- > 0;)
        log_push(an->tr, &an->g[i], an->evidence, an->at);
}

/* ---- the on-change command ------------------------------------------------- */

size_t alerts_running(const struct alerts *a)
{
    return alert_cmd_running(a->cmds, ALERTS_MAX_HOOKS);
}

static char *var(const char *name, const char *value, int cols, unsigned san)
{
    char *clean = sanitize_str(value, cols, san | SAN_ELLIPSIS);
    redact_in_place(clean); /* a secret in a message is not the command's */
    char *v = xasprintf("%s=%s", name, clean);

    free(clean);
    return v;
}

enum { NVARS = 11 };

static void hook_vars(const struct announcement *an, unsigned san, char *vars[NVARS + 1])
{
    const struct track *tr = an->tr;
    struct buf regions = {0}, changes = {0}, possible = {0};
    char iso[32];
    size_t n = 0;

    for (size_t i = 0; i < an->ng; i++) {
        const struct group *g = &an->g[i];
        for (size_t k = 0; k < g->n; k++) {
            const char *code = region_code(g->regions[k]);
            buf_printf(&regions, "%s%s", regions.len ? " " : "", code);
            buf_printf(&changes, "%s%s:%s>%s%s", changes.len ? " " : "", code, level_name(g->from),
                       level_name(g->to), g->possible ? "?" : "");
            if (g->possible)
                buf_printf(&possible, "%s%s:%s", possible.len ? " " : "", code,
                           g->named != REGION_NONE ? region_code(g->named) : "?");
        }
    }
    time_format_iso8601(an->at, iso, sizeof iso);
    vars[n++] = var("SITREP_SERVICE", tr->id, NAME_COLS, san);
    vars[n++] = var("SITREP_SERVICE_NAME", tr->name, NAME_COLS, san);
    vars[n++] = var("SITREP_REGION", buf_str(&regions), 0, san);
    vars[n++] = var("SITREP_CHANGES", buf_str(&changes), 0, san);
    vars[n++] = var("SITREP_OLD_LEVEL", level_name(an->from), 0, san);
    vars[n++] = var("SITREP_NEW_LEVEL", level_name(an->to), 0, san);
    vars[n++] = var("SITREP_EVIDENCE", evidence_kind_name(an->evidence), 0, san);
    vars[n++] = var("SITREP_TIME", iso, 0, san);
    vars[n++] = var("SITREP_TITLE", tr->title, TITLE_COLS, san);
    vars[n++] = var("SITREP_SUMMARY", an->summary, SUMMARY_COLS, san);
    vars[n++] = var("SITREP_POSSIBLE", buf_str(&possible), 0, san);
    vars[n] = NULL;
    buf_free(&regions);
    buf_free(&changes);
    buf_free(&possible);
}

static struct alert_cmd *free_slot(struct alerts *a)
{
    for (size_t i = 0; i < ALERTS_MAX_HOOKS; i++) {
        if (!a->cmds[i].pid)
            return &a->cmds[i];
    }
    return NULL;
}

static void run_hook(struct alerts *a, const struct announcement *an)
{
    char *vars[NVARS + 1];
    struct alert_cmd *slot = free_slot(a);
    bool sink = a->o.sink && a->o.sink->hook;
    int rc;

    if (!a->on_change)
        return;
    if (!slot && !sink) {
        say(a, "on-change command not run for %s: %d still running", an->tr->id, ALERTS_MAX_HOOKS);
        return;
    }
    hook_vars(an, a->o.ascii ? SAN_ASCII : 0, vars);
    if (sink)
        a->o.sink->hook(a->o.sink->ctx, a->on_change, vars);
    else if ((rc = alert_cmd_start(slot, a->on_change, vars, an->tr->id)) != 0)
        say(a, "cannot run the on-change command: %s", strerror(rc));
    for (size_t i = 0; vars[i]; i++)
        free(vars[i]);
}

/* ---- the webhook ----------------------------------------------------------------- */

/* The JSON body of one announcement (alerts.h); remote text sanitized. */
static char *webhook_body(const struct alerts *a, const struct announcement *an, const char *title)
{
    unsigned san = a->o.ascii ? SAN_ASCII : 0;
    json_t *changes = json_array(), *j;
    char iso[32], *text, *clean_title;

    for (size_t i = 0; i < an->ng; i++) {
        const struct group *g = &an->g[i];
        for (size_t k = 0; k < g->n; k++)
            json_array_append_new(
                changes,
                json_pack("{s:s, s:s, s:s, s:b, s:s?}", "column", region_code(g->regions[k]),
                          "from", level_name(g->from), "to", level_name(g->to), "possible",
                          g->possible, "reported_for",
                          g->possible && g->named != REGION_NONE ? region_code(g->named) : NULL));
    }
    time_format_iso8601(an->at, iso, sizeof iso);
    clean_title = sanitize_str(an->tr->title ? an->tr->title : "", TITLE_COLS, san | SAN_ELLIPSIS);
    j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o}", "text", an->summary,
                  "message", an->summary, "title", title, "service", an->tr->id, "service_name",
                  an->tr->name ? an->tr->name : an->tr->id, "old_level", level_name(an->from),
                  "new_level", level_name(an->to), "evidence", evidence_kind_name(an->evidence),
                  "time", iso, "incident_title", clean_title, "changes", changes);
    text = j ? json_dumps(j, JSON_COMPACT) : NULL;
    json_decref(j);
    free(clean_title);
    return text;
}

static void queue_webhooks(struct alerts *a, const struct announcement *an, size_t n, time_t now)
{
    unsigned san = a->o.ascii ? SAN_ASCII : 0;

    for (size_t i = 0; a->wh && i < n; i++) {
        struct buf title = {0};
        buf_puts(&title, "sitrep: ");
        put_clean(&title, an[i].tr->name, NAME_COLS, san);
        buf_printf(&title, " %s%s", an[i].possible ? "possibly " : "", level_name(an[i].to));
        char *body = webhook_body(a, &an[i], buf_str(&title));
        if (body)
            webhook_queue(a->wh, body, an[i].summary, now);
        free(body);
        buf_free(&title);
    }
}

void alerts_deliver(struct alerts *a, time_t now, webhook_post_fn post, void *sender)
{
    char msg[600];

    if (!a->wh)
        return;
    webhook_pump(a->wh, now, post, sender);
    if (webhook_take_message(a->wh, msg, sizeof msg))
        say(a, "%s", msg);
}

/* ---- a batch ------------------------------------------------------------------ */

static void notify(struct alerts *a, struct term *t, const struct announcement *an, size_t n)
{
    struct buf title = {0}, body = {0};
    unsigned san = a->o.ascii ? SAN_ASCII : 0;

    if (n == 1) {
        buf_puts(&title, "sitrep: ");
        put_clean(&title, an[0].tr->name, NAME_COLS, san);
        buf_printf(&title, " %s%s", an[0].possible ? "possibly " : "", level_name(an[0].to));
        buf_puts(&body, an[0].summary);
        if (an[0].tr->title) {
            buf_puts(&body, " - ");
            put_clean(&body, an[0].tr->title, TITLE_COLS, san);
        }
    } else {
        buf_printf(&title, "sitrep: %zu services changed", n);
        for (size_t i = 0; i < n; i++)
            buf_printf(&body, "%s%s", i ? " | " : "", an[i].summary);
    }
    if (a->o.sink && a->o.sink->notify) {
        char *tc = sanitize_str(buf_str(&title), TERM_NOTIFY_TITLE_COLS, san | SAN_ELLIPSIS);
        char *bc = sanitize_str(buf_str(&body), TERM_NOTIFY_BODY_COLS, san | SAN_ELLIPSIS);
        a->o.sink->notify(a->o.sink->ctx, tc, bc);
        free(tc);
        free(bc);
    } else if (t) {
        term_notify(t, buf_str(&title), buf_str(&body),
                    a->notify == NOTIFY_OSC9 ? TERM_NOTIFY_OSC9 : TERM_NOTIFY_OSC777);
    }
    buf_free(&title);
    buf_free(&body);
}

static void tell(struct alerts *a, const struct announcement *an, size_t n)
{
    struct buf b = {0};

    if (n > 1)
        buf_printf(&b, "%zu services changed: ", n);
    for (size_t i = 0; i < n; i++)
        buf_printf(&b, "%s%s", i ? "; " : "", an[i].summary);
    say(a, "alert: %s", buf_str(&b));
    buf_free(&b);
}

static bool due(const struct alerts *a, const struct track *tr, time_t now, bool gathered)
{
    return tr->diff_since && now >= tr->quiet_until &&
           (gathered || now >= tr->diff_since + a->o.gather_s);
}

size_t alerts_fire(struct alerts *a, struct term *t, time_t now)
{
    char msg[300];
    struct announcement *an;
    size_t n = 0;
    bool any = false;

    if (alert_cmd_reap(a->cmds, ALERTS_MAX_HOOKS, msg, sizeof msg))
        say(a, "%s", msg);
    for (size_t i = 0; i < a->nt && !any; i++)
        any = due(a, &a->t[i], now, false);
    if (!any)
        return 0;
    /* One is due: every other waiting change out of its quiet goes along. */
    an = xcalloc(a->nt, sizeof *an);
    for (size_t i = 0; i < a->nt; i++) {
        struct track *tr = &a->t[i];
        if (!due(a, tr, now, true))
            continue;
        build(a, tr, &an[n]);
        record(&an[n]);
        announced(a, tr);
        tr->diff_since = 0;
        tr->quiet_until = now + a->o.quiet_s;
        n++;
    }
    tell(a, an, n);
    if (a->o.bell && a->o.sink && a->o.sink->bell)
        a->o.sink->bell(a->o.sink->ctx);
    else if (a->o.bell && t)
        term_bell(t);
    if (a->notify != NOTIFY_OFF)
        notify(a, t, an, n);
    for (size_t i = 0; i < n; i++)
        run_hook(a, &an[i]);
    queue_webhooks(a, an, n, now);
    for (size_t i = 0; i < n; i++)
        free(an[i].summary);
    free(an);
    return n;
}

/* ---- the log in snapshots ----------------------------------------------------- */

static void annotate(const struct alerts *a, struct snapshot *snap, size_t i)
{
    struct snap_service *s = &snap->services[i];
    const struct track *tr = find_track(a, s->id, i);

    snap_changes_free(s->changes, s->nchanges);
    s->changes = NULL;
    s->nchanges = 0;
    if (!tr || tr->nlog == 0)
        return;
    s->changes = xcalloc(tr->nlog, sizeof *s->changes);
    for (size_t k = 0; k < tr->nlog; k++) {
        const struct snap_change *src = &tr->log[k];
        if (snap->past_at && src->at > snap->past_at)
            continue;
        struct snap_change *d = &s->changes[s->nchanges++];
        *d = *src;
        d->regions = NULL;
        if (src->nregions) {
            d->regions = xcalloc(src->nregions, sizeof *d->regions);
            memcpy(d->regions, src->regions, src->nregions * sizeof *d->regions);
        }
        d->note = xstrdup_or_null(src->note);
    }
}

void alerts_annotate(const struct alerts *a, struct snapshot *snap)
{
    for (size_t i = 0; i < snap->nservices; i++)
        annotate(a, snap, i);
}

void alerts_annotate_some(const struct alerts *a, struct snapshot *snap, const size_t *svc,
                          size_t n)
{
    for (size_t k = 0; k < n; k++) {
        if (svc[k] < snap->nservices)
            annotate(a, snap, svc[k]);
    }
}
