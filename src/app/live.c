/* The live dashboard: one thread, one loop. fetcher_wait() sleeps on the
 * transfers, stdin and the signal self-pipe at once, with a timeout that is
 * the earlier of the next due poll and the next UI tick. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app_internal.h"
#include "sitrep/app.h"
#include "sitrep/canvas.h"
#include "sitrep/dashboard.h"
#include "sitrep/export.h"
#include "sitrep/term.h"
#include "sitrep/timefmt.h"

#define TICK_MS 1000

/* The signal self-pipe: handlers write the signal number, the loop reads
 * it. One of the two globals STYLE.md allows. */
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
    static const int relayed[] = {SIGINT, SIGTERM, SIGHUP, SIGWINCH};
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
    static const int fatal[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
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

struct screen {
    struct term *term;
    struct canvas *canvas;
    struct snapshot *snap;
    struct dash_view view;
    char message[160];
    bool quit;
};

static void handle_key(struct app *app, struct screen *s, int key)
{
    switch (key) {
    case 'q':
    case 'Q': s->quit = true; break;
    case 'j':
    case TKEY_DOWN: dash_move(&s->view, s->snap, 1); break;
    case 'k':
    case TKEY_UP: dash_move(&s->view, s->snap, -1); break;
    case TKEY_PGDN: dash_move(&s->view, s->snap, 10); break;
    case TKEY_PGUP: dash_move(&s->view, s->snap, -10); break;
    case 'g':
    case TKEY_HOME: dash_move(&s->view, s->snap, -(int)s->snap->nservices); break;
    case 'G':
    case TKEY_END: dash_move(&s->view, s->snap, (int)s->snap->nservices); break;
    case 'r': {
        size_t n = engine_refresh(app->engine);
        snprintf(s->message, sizeof s->message,
                 "polling %zu source%s now; the others when their floor or backoff allows", n,
                 n == 1 ? "" : "s");
        s->view.message = s->message;
        break;
    }
    case TKEY_RESIZE: break; /* the next redraw uses the new size */
    default: break;
    }
}

/* Where a replay is: "REPLAY +45m of 2h00m x60", "REPLAY ended". */
static const char *replay_banner(const struct app *app, char *out, size_t outlen)
{
    const struct vclock *vc = &app->vclock;
    int64_t now = app_now_ms(app);
    char at[24], len[24];

    if (!app->recording)
        return NULL;
    time_format_duration((long)((now - vc->start_ms) / 1000), at, sizeof at);
    time_format_duration((long)((vc->end_ms - vc->start_ms) / 1000), len, sizeof len);
    if (now >= vc->end_ms)
        snprintf(out, outlen, " REPLAY ended at %s ", len);
    else
        snprintf(out, outlen, " REPLAY +%s of %s x%g ", at, len, vc->speed);
    return out;
}

static void redraw(struct app *app, struct screen *s)
{
    int w, h;
    time_t now = app_now(app);
    char banner[160];

    if (engine_take_dirty(app->engine) || !s->snap) {
        snapshot_free(s->snap);
        s->snap = engine_snapshot(app->engine);
    }
    term_size(s->term, &w, &h);
    if (w != s->canvas->w || h != s->canvas->h)
        canvas_resize(s->canvas, w, h);
    s->view.banner = replay_banner(app, banner, sizeof banner);
    dash_draw(s->canvas, s->snap, &s->view, now);
    s->view.banner = NULL;
    term_draw(s->term, s->canvas);
}

static int run_screen(struct app *app, struct term *term)
{
    struct screen s = {.term = term, .canvas = canvas_new(1, 1)};
    int fds[2] = {STDIN_FILENO, signal_pipe[0]};
    bool ready[2], resized = false;
    int rc = EXIT_OK;

    bool checked = false;

    s.view.ascii = app->ascii;
    while (!s.quit) {
        redraw(app, &s);
        if (!checked) { /* after the first frame, not before it */
            app_check_store(app);
            checked = true;
        }
        if (engine_step(app->engine, fds, 2, ready, TICK_MS) != 0) {
            rc = EXIT_RUNTIME;
            break;
        }
        if (ready[1] && drain_signals(&resized))
            s.quit = true;
        if (resized) {
            term_update_size(term);
            resized = false;
        }
        for (int key; ready[0] && (key = term_read_key(term)) != TKEY_NONE;) {
            if (key != 'r')
                s.view.message = NULL;
            handle_key(app, &s, key);
        }
    }
    snapshot_free(s.snap);
    canvas_free(s.canvas);
    return rc;
}

/* ---- line mode: no usable terminal ----------------------------------- */

static void print_snapshot(struct app *app)
{
    struct export_opts eo = {.ascii = app->ascii};
    struct buf out = {0};
    struct snapshot *snap = engine_snapshot(app->engine);

    export_snapshot(snap, EXPORT_TEXT, &eo, &out);
    fwrite(out.data ? out.data : "", 1, out.len, stdout);
    fputs("\n", stdout);
    fflush(stdout);
    buf_free(&out);
    snapshot_free(snap);
}

/* A snapshot once every source has been polled, then after each burst of
 * polls that changed something, when no transfer is still running. */
static int run_lines(struct app *app)
{
    int fds[1] = {signal_pipe[0]};
    bool ready[1], resized = false, changed = false;

    app_check_store(app);
    for (;;) {
        if (engine_step(app->engine, fds, 1, ready, TICK_MS) != 0)
            return EXIT_RUNTIME;
        if (ready[0] && drain_signals(&resized))
            return EXIT_OK;
        changed |= engine_take_dirty(app->engine);
        if (changed && engine_settled(app->engine)) {
            print_snapshot(app);
            changed = false;
        }
        /* A replay without a screen ends with its recording. */
        if (app->recording && engine_replay_done(app->engine) &&
            app_now_ms(app) >= app->vclock.end_ms) {
            if (changed)
                print_snapshot(app);
            return EXIT_OK;
        }
    }
}

int app_live(struct app *app)
{
    struct term_opts topts = {.no_color =
                                  app->cli.no_color || (getenv("NO_COLOR") && *getenv("NO_COLOR"))};
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
