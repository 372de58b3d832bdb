/* The live dashboard: one thread, one loop. fetcher_wait() sleeps on the
 * transfers, stdin and the signal self-pipe at once, with a timeout that is
 * the earlier of the next due poll and the next UI tick. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app_internal.h"
#include "sitrep/app.h"
#include "sitrep/canvas.h"
#include "sitrep/dashboard.h"
#include "sitrep/export.h"
#include "sitrep/keys.h"
#include "sitrep/loop.h"
#include "sitrep/term.h"
#include "sitrep/timefmt.h"

#define TICK_MS       DASH_TICK_MS
#define TRIM_EVERY_MS (60 * 1000)

/* The signal self-pipe: handlers write the signal number, the loop reads
 * it. One of the two kinds of global docs/architecture.md allows. */
static int signal_pipe[2] = {-1, -1};

static void on_signal(int sig)
{
    int saved = errno;
    unsigned char b = (unsigned char)sig;
    ssize_t ignored = write(signal_pipe[1], &b, 1);

    (void)ignored;
    errno = saved;
}

#if !defined(__SANITIZE_ADDRESS__)
static void on_fatal(int sig)
{
    term_emergency_restore();
    signal(sig, SIG_DFL);
    raise(sig);
}
#endif

static int setup_signals(void)
{
    /* Every signal whose default would end the program without giving the
     * terminal back ends it in order instead. */
    static const int relayed[] = {
        SIGINT,  SIGTERM, SIGHUP,    SIGWINCH, SIGQUIT, SIGUSR1,
        SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF,  SIGXCPU, SIGXFSZ,
#ifdef SIGPOLL
        SIGPOLL,
#endif
    };
    struct sigaction sa;

    if (signal_pipe[0] < 0) {
        if (pipe(signal_pipe) != 0)
            return -1;
        for (int i = 0; i < 2; i++) {
            fcntl(signal_pipe[i], F_SETFL, fcntl(signal_pipe[i], F_GETFL) | O_NONBLOCK);
            fcntl(signal_pipe[i], F_SETFD, FD_CLOEXEC);
        }
    }
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sa.sa_handler = on_signal;
    for (size_t i = 0; i < sizeof relayed / sizeof relayed[0]; i++)
        sigaction(relayed[i], &sa, NULL);
#if !defined(__SANITIZE_ADDRESS__) /* ASan reports crashes better than we do */
    static const int fatal[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGSYS, SIGTRAP};
    sa.sa_handler = on_fatal;
    sa.sa_flags = SA_RESETHAND;
    for (size_t i = 0; i < sizeof fatal / sizeof fatal[0]; i++)
        sigaction(fatal[i], &sa, NULL);
#endif
    return 0;
}

/* Returns true when a quit signal arrived; sets *resized on SIGWINCH. */
static bool drain_signals(bool *resized)
{
    unsigned char b[32];
    ssize_t n;
    bool quit = false;

    while ((n = read(signal_pipe[0], b, sizeof b)) > 0) {
        for (ssize_t i = 0; i < n; i++) {
            if (b[i] == SIGWINCH)
                *resized = true;
            else
                quit = true;
        }
    }
    return quit;
}

/* ---- full screen ----------------------------------------------------- */

static const long zoom_windows[] = {3600, 6 * 3600, 24 * 3600, 7 * 86400};
#define NZOOM (sizeof zoom_windows / sizeof zoom_windows[0])

enum input_mode { INPUT_NONE, INPUT_FILTER, INPUT_COLUMNS, INPUT_EXPORT };

struct screen {
    struct term *term;
    struct canvas *canvas;
    struct snapshot *snap;
    struct snap_delta delta; /* what the last update of snap changed */
    struct dash_view view;
    char message[400];
    char prompt[200];
    char about[320];
    enum input_mode input;
    char input_text[160];
    char filter_before[64]; /* the filter to go back to on Esc */
    time_t past_at;         /* time travel: the moment shown, 0 when live */
    time_t paused_at;       /* 'p': the frozen view's time, 0 when running */
    bool want_snapshot;     /* the view changed what it needs: take a new snapshot */
    bool acted;             /* a key, a resize or a signal since the last frame */
    bool pending;           /* the engine changed since the last snapshot */
    int64_t drawn_ms;       /* monotonic time of the last frame */
    int64_t frame_cost_ms;  /* what the last one took */
    bool quit;
};

static void say(struct screen *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void say(struct screen *s, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(s->message, sizeof s->message, fmt, ap);
    va_end(ap);
    s->view.message = s->message;
}

/* ---- time travel ---- */

static long step_s(const struct screen *s)
{
    return s->snap && s->snap->hist_bucket_s > 0 ? s->snap->hist_bucket_s : 300;
}

static void go_live(struct screen *s)
{
    if (!s->past_at)
        return;
    s->past_at = 0;
    s->want_snapshot = true;
    s->view.message = NULL;
}

/* Steps the whole view through history, one sparkline bucket at a time;
 * stepping past the present comes back to the live view. */
static void travel(struct app *app, struct screen *s, int steps)
{
    time_t now = app_now(app), oldest = engine_history_oldest(app->engine);
    long step = step_s(s);
    time_t from = s->past_at ? s->past_at : (s->paused_at ? s->paused_at : now);
    time_t at = (from / step + steps) * step;

    if (steps < 0 && (oldest == 0 || at < oldest)) {
        if (oldest == 0 || from <= oldest) {
            say(s, "no history before this yet");
            return;
        }
        at = oldest;
    }
    if (at >= now) {
        go_live(s);
        say(s, "back to the live view");
        return;
    }
    s->past_at = at;
    s->want_snapshot = true;
}

static void zoom(struct app *app, struct screen *s, int dir)
{
    long cur = engine_hist_window(app->engine);
    size_t i = 0;

    while (i + 1 < NZOOM && zoom_windows[i] < cur) /* the preset shown (or next wider) */
        i++;
    if (dir > 0 && i > 0)
        i--;
    else if (dir < 0 && i + 1 < NZOOM)
        i++;
    engine_set_hist_window(app->engine, zoom_windows[i]);
    s->want_snapshot = true;
    char span[16];
    time_format_duration(zoom_windows[i], span, sizeof span);
    say(s, "sparklines show the last %s", span);
}

/* ---- 'e': the view as a file ---- */

/* The service the detail pane shows (the chart's), or SIZE_MAX. */
static size_t selected_service(const struct screen *s)
{
    const struct dash_view *v = &s->view;

    return v->nrows && v->selected < v->nrows ? v->rows[v->selected].service : SIZE_MAX;
}

static void export_view(struct app *app, struct screen *s, const struct view_format *vf)
{
    char name[160], err[600], cwd[2048];
    size_t bytes = 0;

    if (view_export_write(".", s->snap, selected_service(s), vf, app->ascii, name, sizeof name,
                          &bytes, err, sizeof err) != 0) {
        say(s, "nothing written: %s", err);
        return;
    }
    say(s, "wrote %s/%s (%s, %zu bytes)", getcwd(cwd, sizeof cwd) ? cwd : ".", name, vf->name,
        bytes);
}

/* ---- input line: '/' filter and 'c' columns ---- */

static void show_prompt(struct screen *s)
{
    if (s->input == INPUT_EXPORT) { /* the formats, from their table */
        size_t svc = selected_service(s);
        int n = snprintf(s->prompt, sizeof s->prompt, "export:");
        for (size_t i = 0; i < view_formats_count && n < (int)sizeof s->prompt; i++) {
            bool svg = view_formats[i].format == EXPORT_SVG;
            if (svg && svc == SIZE_MAX)
                continue;
            n += snprintf(s->prompt + n, sizeof s->prompt - (size_t)n, "  %c %s%s%.40s",
                          view_formats[i].key, view_formats[i].name, svg ? " of " : "",
                          svg ? s->snap->services[svc].name : "");
        }
        if (n < (int)sizeof s->prompt)
            snprintf(s->prompt + n, sizeof s->prompt - (size_t)n, "  (Esc cancels)");
        s->view.prompt = s->prompt;
        return;
    }
    snprintf(s->prompt, sizeof s->prompt, "%s %s_  (Enter %s, Esc cancels)",
             s->input == INPUT_FILTER ? "filter:" : "columns:", s->input_text,
             s->input == INPUT_FILTER ? "keeps" : "applies");
    s->view.prompt = s->prompt;
}

static void start_input(struct app *app, struct screen *s, enum input_mode mode)
{
    s->input = mode;
    s->input_text[0] = '\0';
    if (mode == INPUT_FILTER) {
        snprintf(s->filter_before, sizeof s->filter_before, "%s", s->view.filter);
        snprintf(s->input_text, sizeof s->input_text, "%s", s->view.filter);
    } else {
        size_t n = 0;
        for (size_t c = 0; c < app->cfg->ncolumns && n < sizeof s->input_text; c++)
            n += (size_t)snprintf(s->input_text + n, sizeof s->input_text - n, "%s%s", c ? " " : "",
                                  region_code(app->cfg->columns[c]));
    }
    show_prompt(s);
}

static void end_input(struct app *app, struct screen *s, bool apply)
{
    enum input_mode mode = s->input;
    char err[400];

    s->input = INPUT_NONE;
    s->view.prompt = NULL;
    if (mode == INPUT_FILTER) {
        if (!apply)
            snprintf(s->view.filter, sizeof s->view.filter, "%s", s->filter_before);
        return;
    }
    if (!apply)
        return;
    if (app_reload(app, s->input_text, err, sizeof err) != 0) {
        say(s, "%s", err);
        return;
    }
    s->want_snapshot = true;
    say(s, "columns now %s", s->input_text);
}

/* One key picks the format; Esc, or any key that names none, cancels. */
static void export_key(struct app *app, struct screen *s, int key)
{
    const struct view_format *vf = view_format_for_key(key);

    s->input = INPUT_NONE;
    s->view.prompt = NULL;
    if (vf && (vf->format != EXPORT_SVG || selected_service(s) != SIZE_MAX))
        export_view(app, s, vf);
    else
        say(s, "nothing exported");
}

static void input_key(struct app *app, struct screen *s, int key)
{
    size_t n = strlen(s->input_text);

    if (s->input == INPUT_EXPORT) {
        export_key(app, s, key);
        return;
    }

    if (key == TKEY_ENTER) {
        end_input(app, s, true);
        return;
    }
    if (key == 27) {
        end_input(app, s, false);
        return;
    }
    if (key == TKEY_BACKSPACE && n > 0)
        s->input_text[n - 1] = '\0';
    else if (key >= 0x20 && key < 0x7f && n + 1 < sizeof s->input_text &&
             (s->input != INPUT_FILTER || n + 1 < sizeof s->view.filter))
        s->input_text[n] = (char)key, s->input_text[n + 1] = '\0';
    if (s->input == INPUT_FILTER) /* the grid follows as you type */
        snprintf(s->view.filter, sizeof s->view.filter, "%s", s->input_text);
    show_prompt(s);
}

/* ---- keys ---- */

static void mouse_key(struct screen *s)
{
    struct term_mouse_event ev;

    if (!term_mouse(s->term, &ev))
        return;
    if (ev.kind == TERM_MOUSE_CLICK) {
        dash_click(&s->view, s->snap, ev.x, ev.y);
        return;
    }
    /* the wheel scrolls what is under it */
    enum dash_focus was = s->view.focus;
    s->view.focus =
        s->view.detail_h > 0 && ev.y >= s->view.detail_y ? DASH_FOCUS_DETAIL : DASH_FOCUS_GRID;
    dash_move(&s->view, s->snap, ev.kind == TERM_MOUSE_WHEEL_UP ? -3 : 3);
    s->view.focus = was;
}

/* ---- the actions of the key table (keys.h) ---- */

static int page_rows(const struct dash_view *v)
{
    int page = v->timeline.on                  ? v->timeline.page
               : v->focus == DASH_FOCUS_DETAIL ? v->detail_h - 1
                                               : v->grid_h - 1;

    return page < 1 ? 1 : page;
}

/* Rows in the grid, cards in presentation mode. */
static void move_rows(struct screen *s, int delta)
{
    struct dash_view *v = &s->view;

    if (!v->present) {
        dash_move(v, s->snap, delta);
        return;
    }
    if (delta > 0)
        v->present_top += (size_t)delta; /* dash_draw clamps it */
    else
        v->present_top = v->present_top > (size_t)-delta ? v->present_top - (size_t)-delta : 0;
}

static void act_down(struct app *app, struct screen *s)
{
    (void)app;
    move_rows(s, 1);
}

static void act_up(struct app *app, struct screen *s)
{
    (void)app;
    move_rows(s, -1);
}

static void act_left(struct app *app, struct screen *s)
{
    (void)app;
    dash_move_column(&s->view, s->snap, -1);
}

static void act_right(struct app *app, struct screen *s)
{
    (void)app;
    dash_move_column(&s->view, s->snap, 1);
}

static void act_page_down(struct app *app, struct screen *s)
{
    (void)app;
    move_rows(s, s->view.present ? 1 : page_rows(&s->view));
}

static void act_page_up(struct app *app, struct screen *s)
{
    (void)app;
    move_rows(s, s->view.present ? -1 : -page_rows(&s->view));
}

static void act_top(struct app *app, struct screen *s)
{
    (void)app;
    move_rows(s, -1000000);
}

static void act_bottom(struct app *app, struct screen *s)
{
    (void)app;
    move_rows(s, 1000000);
}

static void act_focus(struct app *app, struct screen *s)
{
    (void)app;
    s->view.focus = s->view.focus == DASH_FOCUS_GRID ? DASH_FOCUS_DETAIL : DASH_FOCUS_GRID;
}

static void act_mouse(struct app *app, struct screen *s)
{
    (void)app;
    mouse_key(s);
}

static void act_expand(struct app *app, struct screen *s)
{
    (void)app;
    if (!dash_toggle_expand(&s->view, s->snap))
        say(s, "nothing to expand: no components or symptoms known");
}

static void act_sort(struct app *app, struct screen *s)
{
    (void)app;
    s->view.sort = (enum dash_sort)((s->view.sort + 1) % DASH_SORT_COUNT);
    say(s, "sorted by %s", dash_sort_name(s->view.sort));
}

static void act_filter(struct app *app, struct screen *s)
{
    start_input(app, s, INPUT_FILTER);
}

static void act_problems(struct app *app, struct screen *s)
{
    (void)app;
    s->view.problems_only = !s->view.problems_only;
    say(s, s->view.problems_only ? "only services with problems (f shows all)" : "all services");
}

static void act_columns(struct app *app, struct screen *s)
{
    start_input(app, s, INPUT_COLUMNS);
}

/* In the timeline, + and - narrow and widen its window instead. */
static void timeline_window(struct screen *s, int dir)
{
    char span[16] = "";
    long w;

    dash_timeline_window(&s->view, dir);
    w = dash_timeline_window_s(&s->view);
    if (w)
        time_format_duration(w, span, sizeof span);
    say(s, w ? "timeline: the last %s" : "timeline: everything known%s", span);
}

static void act_zoom_in(struct app *app, struct screen *s)
{
    if (s->view.timeline.on)
        timeline_window(s, 1);
    else
        zoom(app, s, 1);
}

static void act_zoom_out(struct app *app, struct screen *s)
{
    if (s->view.timeline.on)
        timeline_window(s, -1);
    else
        zoom(app, s, -1);
}

static void act_timeline(struct app *app, struct screen *s)
{
    (void)app;
    dash_timeline_toggle(&s->view, s->snap);
    if (s->view.timeline.on)
        say(s, "timeline: a services, h/l region, +/- window, t or Esc closes");
}

static void act_scope(struct app *app, struct screen *s)
{
    static const char *const scopes[DASH_TL_SCOPE_COUNT] = {"every service", "one service",
                                                            "one family"};

    (void)app;
    if (!s->view.timeline.on) {
        say(s, "a chooses the timeline's services: t opens the timeline");
        return;
    }
    dash_timeline_scope(&s->view, s->snap);
    say(s, "timeline: %s", scopes[s->view.timeline.scope]);
}

static void act_present(struct app *app, struct screen *s)
{
    (void)app;
    s->view.present = !s->view.present;
    say(s, s->view.present ? "presentation mode: problems only (/ chooses others), P leaves it"
                           : "grid");
}

static void act_help(struct app *app, struct screen *s)
{
    const char *note = term_color_note(s->term);

    snprintf(s->about, sizeof s->about, " colours: %s, theme %s%s%s ",
             color_depth_name(term_color_depth(s->term)), app->theme.name, *note ? "; " : "", note);
    s->view.about = s->about;
    s->view.help = true;
    s->view.help_scroll = 0;
}

static void act_back(struct app *app, struct screen *s)
{
    travel(app, s, -1);
}

static void act_forward(struct app *app, struct screen *s)
{
    travel(app, s, 1);
}

static void act_back10(struct app *app, struct screen *s)
{
    travel(app, s, -10);
}

static void act_forward10(struct app *app, struct screen *s)
{
    travel(app, s, 10);
}

static void act_live(struct app *app, struct screen *s)
{
    (void)app;
    go_live(s);
}

static void act_escape(struct app *app, struct screen *s)
{
    (void)app;
    if (s->view.timeline.on) {
        s->view.timeline.on = false;
    } else if (s->view.filter[0]) {
        s->view.filter[0] = '\0';
        say(s, "filter cleared");
    } else {
        go_live(s);
    }
}

static void act_freeze(struct app *app, struct screen *s)
{
    s->paused_at = s->paused_at ? 0 : app_now(app);
    s->want_snapshot = !s->paused_at;
    say(s, s->paused_at ? "frozen: polling goes on behind; p lets the view run again" : "running");
}

static void act_poll(struct app *app, struct screen *s)
{
    size_t n = engine_refresh(app->engine);

    say(s, "polling %zu source%s now; the others when their floor or backoff allows", n,
        n == 1 ? "" : "s");
}

static void act_reload(struct app *app, struct screen *s)
{
    char err[400];

    if (app_reload(app, NULL, err, sizeof err) != 0) {
        say(s, "%s", err);
        return;
    }
    s->want_snapshot = true;
    term_set_theme(s->term, &app->theme);
    say(s, "config reloaded: %zu services, theme %s", app->cfg->nservices, app->theme.name);
}

static void act_export(struct app *app, struct screen *s)
{
    (void)app;
    s->input = INPUT_EXPORT;
    show_prompt(s);
}

static void act_quit(struct app *app, struct screen *s)
{
    (void)app;
    s->quit = true;
}

/* What each action of the key table does; the table says which keys. */
static void (*const actions[ACT_COUNT])(struct app *, struct screen *) = {
    [ACT_DOWN] = act_down,
    [ACT_UP] = act_up,
    [ACT_LEFT] = act_left,
    [ACT_RIGHT] = act_right,
    [ACT_PAGE_DOWN] = act_page_down,
    [ACT_PAGE_UP] = act_page_up,
    [ACT_TOP] = act_top,
    [ACT_BOTTOM] = act_bottom,
    [ACT_FOCUS] = act_focus,
    [ACT_MOUSE] = act_mouse,
    [ACT_EXPAND] = act_expand,
    [ACT_SORT] = act_sort,
    [ACT_FILTER] = act_filter,
    [ACT_PROBLEMS] = act_problems,
    [ACT_COLUMNS] = act_columns,
    [ACT_ZOOM_IN] = act_zoom_in,
    [ACT_ZOOM_OUT] = act_zoom_out,
    [ACT_PRESENT] = act_present,
    [ACT_TIMELINE] = act_timeline,
    [ACT_SCOPE] = act_scope,
    [ACT_HELP] = act_help,
    [ACT_BACK] = act_back,
    [ACT_FORWARD] = act_forward,
    [ACT_BACK10] = act_back10,
    [ACT_FORWARD10] = act_forward10,
    [ACT_LIVE] = act_live,
    [ACT_ESCAPE] = act_escape,
    [ACT_FREEZE] = act_freeze,
    [ACT_POLL] = act_poll,
    [ACT_RELOAD] = act_reload,
    [ACT_EXPORT] = act_export,
    [ACT_QUIT] = act_quit,
};

/* While the help is up, the moves scroll it and any other key closes it. */
static void help_key(struct screen *s, enum key_action act)
{
    struct dash_view *v = &s->view;
    int delta = act == ACT_DOWN        ? 1
                : act == ACT_UP        ? -1
                : act == ACT_PAGE_DOWN ? v->help_page
                : act == ACT_PAGE_UP   ? -v->help_page
                                       : 0;

    if (act == ACT_MOUSE)
        return;
    if (delta == 0) {
        v->help = false;
        return;
    }
    v->help_scroll += delta; /* dash_draw clamps it */
    if (v->help_scroll < 0)
        v->help_scroll = 0;
}

static void handle_key(struct app *app, struct screen *s, int key)
{
    enum key_action act;

    if (key == TKEY_RESIZE)
        return; /* the next redraw uses the new size */
    if (s->input != INPUT_NONE) {
        input_key(app, s, key);
        return;
    }
    act = keys_action(key);
    if (s->view.help) {
        help_key(s, act);
        return;
    }
    if (actions[act])
        actions[act](app, s);
}

/* What the title bar says beside the clock: a replay's position, the past
 * being shown, a frozen view. */
static const char *banner(const struct app *app, const struct screen *s, char *out, size_t outlen)
{
    const struct vclock *vc = &app->vclock;
    int64_t now = app_now_ms(app);
    char at[24], len[24], clock[32], iso[32];
    size_t n = 0;

    out[0] = '\0';
    if (app->recording) {
        time_format_duration((long)((now - vc->start_ms) / 1000), at, sizeof at);
        time_format_duration((long)((vc->end_ms - vc->start_ms) / 1000), len, sizeof len);
        if (now >= vc->end_ms)
            n += (size_t)snprintf(out, outlen, " REPLAY ended at %s ", len);
        else
            n += (size_t)snprintf(out, outlen, " REPLAY +%s of %s x%g ", at, len, vc->speed);
    }
    if (s->past_at && n < outlen) {
        time_format_duration((long)(now / 1000 - s->past_at), at, sizeof at);
        n += (size_t)snprintf(out + n, outlen - n, "%s PAST: %s ago  ] forward  \\ live ",
                              n ? " " : "", at);
    } else if (s->paused_at && n < outlen) {
        time_format_iso8601(s->paused_at, iso, sizeof iso);
        snprintf(clock, sizeof clock, "%.8s", iso + 11);
        snprintf(out + n, outlen - n, "%s FROZEN at %s UTC  p runs ", n ? " " : "", clock);
    }
    return out[0] ? out : NULL;
}

/* Alerts watch the present whatever the view shows: a frozen or past view
 * leaves them a live snapshot of their own. They go out before the frame
 * that shows them, and the detail pane gets their log. */
/* fresh: s->snap was just taken. The change log is copied into the
 * snapshot only when one of them is new, not on every tick. */
static void watch_alerts(struct app *app, struct screen *s, bool dirty, bool fresh, time_t now)
{
    const struct snap_delta *d = &s->delta;
    char msg[400];
    size_t fired;

    if (dirty) {
        bool live = !s->paused_at && !s->past_at;
        struct snapshot *snap = live ? s->snap : engine_snapshot(app->engine);
        alerts_observe(app->alerts, snap, now);
        if (!live)
            snapshot_free(snap);
    }
    fired = alerts_fire(app->alerts, s->term, now);
    alerts_deliver(app->alerts, app_now(app), engine_post, app->engine);
    if (alerts_take_message(app->alerts, msg, sizeof msg))
        say(s, "%s", msg);
    if (!s->snap || !(fresh || fired))
        return;
    if (fired || d->all || s->past_at) /* a new log, or a new snapshot */
        alerts_annotate(app->alerts, s->snap);
    else /* the services copied anew lost theirs */
        alerts_annotate_some(app->alerts, s->snap, d->copied, d->ncopied);
}

/* Milliseconds until the next frame is due (dash_frame_wait). */
static int frame_wait(const struct screen *s)
{
    struct dash_pace p = {
        .since_ms = app_mono_ms() - s->drawn_ms,
        .cost_ms = s->frame_cost_ms,
        .acted = s->acted || !s->snap,
        .pending = s->pending,
    };

    return dash_frame_wait(&p);
}

/* The services on screen (the grid's window as last drawn, the detail
 * pane's) are copied anew at every frame: their ages and whatever time
 * alone changes, at a cost bounded by the screen. */
static void touch_shown(struct app *app, const struct screen *s)
{
    const struct dash_view *v = &s->view;

    for (size_t k = 0; k < (size_t)(v->grid_h > 0 ? v->grid_h : 0); k++) {
        if (v->top + k < v->nrows)
            engine_snapshot_touch(app->engine, v->rows[v->top + k].service);
    }
    if (v->selected < v->nrows)
        engine_snapshot_touch(app->engine, v->rows[v->selected].service);
}

static void redraw(struct app *app, struct screen *s)
{
    int w, h;
    time_t now = app_now(app);
    time_t data_now = engine_data_now(app->engine);
    char text[300];
    bool dirty;

    s->pending |= engine_take_dirty(app->engine);
    if (frame_wait(s) > 0)
        return;
    dirty = s->pending;
    s->pending = s->acted = false;
    s->drawn_ms = app_mono_ms();

    bool fresh = !s->paused_at && (dirty || s->want_snapshot || !s->snap);

    /* A frozen view keeps its snapshot; the engine's changes wait. The
     * live one is updated in place: only what polls changed is copied, and
     * what is on screen, whose ages move on. */
    if (fresh && s->past_at) {
        snapshot_free(s->snap);
        s->snap = engine_snapshot_at(app->engine, s->past_at);
        s->delta.all = true;
    } else if (!s->paused_at && !s->past_at && (fresh || engine_remote_now_ms(app->engine) < 0)) {
        /* (a viewer's snapshot comes whole from its servers: only when
         * they said something new) */
        touch_shown(app, s);
        fresh = engine_snapshot_update(app->engine, &s->snap, &s->delta);
        dash_note_delta(&s->view, s->snap, &s->delta);
        s->want_snapshot = false;
    }
    if (fresh)
        s->want_snapshot = false;
    watch_alerts(app, s, dirty, fresh, data_now);
    if (s->past_at)
        now = s->past_at;
    else if (s->paused_at)
        now = s->paused_at;
    term_size(s->term, &w, &h);
    if (w != s->canvas->w || h != s->canvas->h)
        canvas_resize(s->canvas, w, h);
    s->view.banner = banner(app, s, text, sizeof text);
    dash_draw(s->canvas, s->snap, &s->view, now);
    s->view.banner = NULL;
    term_draw(s->term, s->canvas);
    s->frame_cost_ms = app_mono_ms() - s->drawn_ms;
}

/* A dashboard runs for days and frees what each poll and snapshot took;
 * malloc keeps freed pages for the next allocation. Between bursts of
 * polls, at most once a minute, the free pages go back to the system: the
 * idle dashboard is measured against an RSS budget (bench/idle.py). */
static void give_back_memory(struct app *app, int64_t *last_ms)
{
    int64_t now = app_mono_ms();

    if (now - *last_ms < TRIM_EVERY_MS || !engine_idle(app->engine))
        return;
    *last_ms = now;
    malloc_trim(0);
}

/* A loop handler (loop.h) that only says the descriptor is readable: the
 * screen reads its keys and signals after the wait, between frames. */
static void set_flag(void *flag)
{
    *(bool *)flag = true;
}

static int run_screen(struct app *app, struct term *term)
{
    int64_t trimmed_ms = app_mono_ms() - TRIM_EVERY_MS + 5000; /* first after the start-up polls */
    struct screen s = {.term = term, .canvas = canvas_new(1, 1)};
    struct loop *loop = loop_new();
    bool keys = false, signalled = false, resized = false;
    int rc = EXIT_OK;
    bool checked = false;

    s.view.ascii = app->ascii;
    s.view.column = -1;
    if (engine_limits_note(app->engine))
        say(&s, "%s", engine_limits_note(app->engine));
    s.view.present = app->cli.present;
    s.view.graph = app->cli.graph == GRAPH_BRAILLE ? DASH_GRAPH_BRAILLE
                   : app->cli.graph == GRAPH_ASCII ? DASH_GRAPH_ASCII
                                                   : DASH_GRAPH_BLOCKS;
    loop_add(loop, "terminal", STDIN_FILENO, set_flag, &keys);
    loop_add(loop, "signals", signal_pipe[0], set_flag, &signalled);
    while (!s.quit) {
        redraw(app, &s);
        give_back_memory(app, &trimmed_ms);
        if (!checked) { /* after the first frame, not before it */
            app_check_store(app);
            engine_backfill(app->engine);
            checked = true;
        }
        keys = signalled = false;
        if (engine_step(app->engine, loop, frame_wait(&s)) != 0) {
            rc = EXIT_RUNTIME;
            break;
        }
        s.acted |= keys || signalled;
        if (signalled && drain_signals(&resized))
            s.quit = true;
        if (resized) {
            term_update_size(term);
            resized = false;
        }
        for (int key; keys && (key = term_read_key(term)) != TKEY_NONE;) {
            if (key != TKEY_RESIZE && key != TKEY_MOUSE)
                s.view.message = NULL;
            handle_key(app, &s, key);
            if (s.quit)
                break;
        }
    }
    loop_free(loop);
    dash_view_free(&s.view);
    snapshot_free(s.snap);
    snap_delta_free(&s.delta);
    canvas_free(s.canvas);
    return rc;
}

/* ---- line mode: no usable terminal ----------------------------------- */

/* Prints a snapshot unless it says what the last one printed said. */
static void print_snapshot(struct app *app, uint64_t *last)
{
    struct export_opts eo = {.ascii = app->ascii};
    struct buf out = {0};
    struct snapshot *snap = engine_snapshot(app->engine);
    uint64_t digest = snapshot_digest(snap);

    if (*last == digest) {
        snapshot_free(snap);
        return;
    }
    *last = digest;
    export_snapshot(snap, EXPORT_TEXT, &eo, &out);
    fwrite(out.data ? out.data : "", 1, out.len, stdout);
    fputs("\n", stdout);
    fflush(stdout);
    buf_free(&out);
    snapshot_free(snap);
}

/* A snapshot once every source has been polled, then after each burst of
 * polls that changed what a reader sees, when no transfer is still
 * running. */
static int run_lines(struct app *app)
{
    struct loop *loop = loop_new();
    bool signalled = false, resized = false, changed = false;
    uint64_t last = 0;
    char msg[400];
    int rc = EXIT_OK;

    loop_add(loop, "signals", signal_pipe[0], set_flag, &signalled);
    app_check_store(app);
    for (;;) {
        signalled = false;
        if (engine_step(app->engine, loop, TICK_MS) != 0) {
            rc = EXIT_RUNTIME;
            break;
        }
        if (signalled && drain_signals(&resized))
            break;
        bool dirty = engine_take_dirty(app->engine);
        time_t data_now = engine_data_now(app->engine);
        if (dirty) { /* line mode: alerts run the command; no bell */
            struct snapshot *snap = engine_snapshot(app->engine);
            alerts_observe(app->alerts, snap, data_now);
            snapshot_free(snap);
        }
        alerts_fire(app->alerts, NULL, data_now);
        alerts_deliver(app->alerts, app_now(app), engine_post, app->engine);
        if (alerts_take_message(app->alerts, msg, sizeof msg))
            fprintf(stderr, "sitrep: %s\n", msg);
        changed |= dirty;
        if (changed && engine_settled(app->engine)) {
            print_snapshot(app, &last);
            changed = false;
        }
        /* A replay without a screen ends with its recording. */
        if (app->recording && engine_replay_done(app->engine) &&
            app_now_ms(app) >= app->vclock.end_ms) {
            if (changed)
                print_snapshot(app, &last);
            break;
        }
    }
    loop_free(loop);
    return rc;
}

int app_live(struct app *app)
{
    struct term_opts topts = {
        .theme = &app->theme,
        .color = app->color,
        .mouse = !app->cli.no_mouse,
    };
    char why[256];
    struct term *term;
    int rc;

    if (setup_signals() != 0) {
        fprintf(stderr, "sitrep: cannot set up signal handling: %s\n", strerror(errno));
        return EXIT_RUNTIME;
    }
    term = term_open(&topts, why, sizeof why);
    if (!term) {
        fprintf(stderr, "sitrep: %s: printing snapshots instead of the dashboard\n", why);
        return run_lines(app);
    }
    rc = run_screen(app, term);
    term_close(term);
    return rc;
}
