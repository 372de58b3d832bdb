/* The program's entry: options, config lookup, the engine, --once. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app_internal.h"
#include "sitrep/app.h"
#include "sitrep/credentials.h"
#include "sitrep/export.h"
#include "sitrep/redact.h"
#include "sitrep/sanitize.h"
#include "sitrep/timefmt.h"
#include "sitrep/xalloc.h"

#define ONCE_DEADLINE_S 90

int64_t app_mono_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t app_now_ms(const struct app *app)
{
    struct timespec ts;
    int64_t remote = engine_remote_now_ms(app->engine);

    if (remote >= 0)
        return remote;
    if (app->recording) {
        const struct vclock *vc = &app->vclock;
        if (app->cli.once || (app->cli.serve && app->cli.at_given)) /* a fixed moment */
            return app->cli.at_given && vc->start_ms + app->cli.at_s * 1000 < vc->end_ms
                       ? vc->start_ms + app->cli.at_s * 1000
                       : vc->end_ms;
        int64_t t =
            vc->origin_virtual + (int64_t)((double)(app_mono_ms() - vc->origin_real) * vc->speed);
        return t < vc->end_ms ? t : vc->end_ms;
    }
    if (app->cli.now)
        return (int64_t)app->cli.now * 1000;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

time_t app_now(const struct app *app)
{
    return (time_t)(app_now_ms(app) / 1000);
}

static int64_t clock_ms(void *ctx)
{
    return app_now_ms(ctx);
}

/* ---- config lookup --------------------------------------------------- */

/* --config, else a replay's own, else the first config found in the user's
 * and the system's places, else the bundled catalog (config_places_init()).
 * --list-services browses the bundled catalog unless --config says.
 * Returns a malloc'd path. */
static char *config_path(const struct cli *cli, const struct recording *rec)
{
    struct config_env env;
    struct config_places places;
    char *path;

    if (cli->config_path)
        return xstrdup(cli->config_path);
    if (rec)
        return recording_config_path(rec);
    config_env_from_environ(&env);
    config_places_init(&places, &env);
    path = cli->list_services && places.n ? xstrdup(places.path[places.n - 1])
                                          : config_places_find(&places);
    config_places_free(&places);
    return path;
}

/* Config text for stderr: a shared catalog is not ours either, so it goes
 * out sanitized, and without secrets. */
static void print_config_text(const struct app *app, const char *text)
{
    char *clean = sanitize_str(text, 0, SAN_MULTILINE | (app->ascii ? SAN_ASCII : 0));
    size_t n = strlen(clean);

    redact_in_place(clean);
    fprintf(stderr, "%s%s", clean, n && clean[n - 1] == '\n' ? "" : "\n");
    free(clean);
}

/* The files a config names are part of it: a credentials file others can
 * read (or that is missing, or not key = value) is a config error with the
 * config's file:line, not a poll that fails later. */
static int check_credentials(const struct app *app)
{
    const struct config *cfg = app->cfg;
    struct buf errors = {0};

    for (size_t i = 0; i < cfg->nservices; i++) {
        const struct service_conf *svc = &cfg->services[i];
        for (size_t j = 0; j < svc->nsources; j++) {
            const struct source_conf *src = &svc->sources[j];
            struct credentials c;
            char err[300];
            if (src->auth == AUTH_NONE || !src->credentials)
                continue;
            if (credentials_load(src->credentials, &c, err, sizeof err) != 0)
                buf_printf(&errors, "%s:%d: %s\n", cfg->path, src->credentials_line, err);
            credentials_free(&c);
        }
    }
    int rc = errors.len ? -1 : 0;

    if (rc)
        print_config_text(app, buf_str(&errors));
    buf_free(&errors);
    return rc;
}

static int load_config(struct app *app)
{
    char *path = config_path(&app->cli, app->recording), *errors = NULL;
    char err[256];
    bool strict = app->cli.once || app->cli.check_config;

    app->cfg = xcalloc(1, sizeof *app->cfg);
    if (config_load_file(path, app->cfg, &errors) != 0) {
        print_config_text(app, errors);
        free(errors);
        free(path);
        return -1;
    }
    free(path);
    if (app->cfg->warnings)
        print_config_text(app, app->cfg->warnings);
    /* A replay polls nothing: its config's credentials are not used. */
    if (!app->recording && check_credentials(app) != 0)
        return -1;
    if (app->cfg->nwarnings && strict) {
        /* a script must not go on with a config that says two things */
        fprintf(stderr, "sitrep: %s: %zu warning%s: fix %s (sitrep --check-config checks it)\n",
                app->cfg->path, app->cfg->nwarnings, app->cfg->nwarnings == 1 ? "" : "s",
                app->cfg->nwarnings == 1 ? "it" : "them");
        return -1;
    }
    if (app->cli.columns && config_set_columns(app->cfg, app->cli.columns, err, sizeof err) != 0) {
        fprintf(stderr, "sitrep: --columns: %s\n", err);
        return -1;
    }
    return 0;
}

/* --check-config: everything a run would load, loaded; the verdict. */
static int check_config_only(const struct app *app)
{
    size_t nsources = 0;
    char *name = sanitize_str(app->cfg->path, 0, app->ascii ? SAN_ASCII : 0);

    for (size_t i = 0; i < app->cfg->nservices; i++)
        nsources += app->cfg->services[i].nsources;
    printf("%s: ok: %zu services, %zu sources, theme %s\n", name, app->cfg->nservices, nsources,
           app->theme.name);
    free(name);
    return fflush(stdout) == 0 ? EXIT_OK : EXIT_RUNTIME;
}

/* ---- themes ---------------------------------------------------------- */

static void theme_dirs_from_env(struct theme_dirs *d)
{
    theme_dirs_init(d, getenv("XDG_CONFIG_HOME"), getenv("HOME"), getenv("SITREP_DATADIR"));
}

/* --theme, else the config's theme key. An error names the file and line;
 * like a config error, it stops the program (exit status 2). */
static int load_theme(struct app *app)
{
    const char *name = app->cli.theme ? app->cli.theme : app->cfg->theme;
    struct theme_dirs dirs;
    char *errors = NULL;
    int rc;

    theme_dirs_from_env(&dirs);
    rc = theme_load(&dirs, name ? name : "default", &app->theme, &errors);
    theme_dirs_free(&dirs);
    if (rc != 0) {
        char *clean = sanitize_str(errors, 0, SAN_MULTILINE | (app->ascii ? SAN_ASCII : 0));
        if (app->cli.theme)
            fprintf(stderr, "sitrep: --theme: %s\n", clean);
        else /* say where the name came from */
            fprintf(stderr, "sitrep: theme in %s: %s\n", app->cfg->path, clean);
        free(clean);
    }
    free(errors);
    app->color = app->cli.color;
    return rc;
}

/* --list-themes: name, where, description; the user's directory first. */
static int list_themes(const struct app *app)
{
    struct theme_dirs dirs;
    struct theme_entry *e;
    size_t n;
    int name_w = 4, path_w = 4;

    theme_dirs_from_env(&dirs);
    n = theme_list(&dirs, &e);
    for (size_t i = 0; i < n; i++) {
        int nw = (int)strlen(e[i].name), pw = (int)strlen(e[i].path);
        name_w = nw > name_w ? nw : name_w;
        path_w = pw > path_w ? pw : path_w;
    }
    for (size_t i = 0; i < n; i++) {
        /* a user's theme file is not trusted to be clean text */
        unsigned san = app->ascii ? SAN_ASCII : 0;
        char *name = sanitize_str(e[i].name, 0, san), *path = sanitize_str(e[i].path, 0, san);
        char *desc = sanitize_str(e[i].description, 200, san);
        printf("%-*s  %-*s  %s%s\n", name_w, name, path_w, path,
               e[i].shadowed ? "(overridden by the one above) " : "", desc);
        free(name);
        free(path);
        free(desc);
    }
    printf("\nSearched: %s", dirs.dir[0]);
    for (size_t i = 1; i < dirs.n; i++)
        printf(", then %s", dirs.dir[i]);
    printf("\n");
    theme_entries_free(e, n);
    theme_dirs_free(&dirs);
    return fflush(stdout) == 0 ? EXIT_OK : EXIT_RUNTIME;
}

/* ---- history, recording, replay --------------------------------------- */

char *app_default_db(void)
{
    const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");

    if (xdg && *xdg == '/')
        return xasprintf("%s/sitrep/history.db", xdg);
    if (home && *home)
        return xasprintf("%s/.local/state/sitrep/history.db", home);
    return NULL;
}

/* A replay writes history only where it is told to: the past of a
 * recording does not belong in the user's own history. */
static int open_store(struct app *app, struct store_report *rep, char *note, size_t notelen)
{
    /* The dashboard draws first and checks the file after (app_check_store). */
    struct store_opts so = {
        .check_later = !app->cli.once,
        .fine_keep_s = app->cfg->history_fine_s,
        .coarse_keep_s = app->cfg->history_keep_s,
    };
    char *path, err[512];

    note[0] = '\0';
    if (app->cli.no_db || app->cli.remote || (app->recording && !app->cli.db_path))
        return 0;
    path = app->cli.db_path ? xstrdup(app->cli.db_path) : app_default_db();
    if (!path)
        return 0;
    app->store = store_open(path, &so, rep, err, sizeof err);
    if (!app->store) {
        fprintf(stderr, "sitrep: history: %s; keeping it in memory only\n", err);
        snprintf(note, notelen, "history in memory only: %s", err);
    } else if (rep->recovered) {
        fprintf(stderr,
                "sitrep: history: %s was damaged (%s); it was moved to %s and a new one started\n",
                path, rep->why, rep->moved_to);
        /* on the dashboard too: stderr is hidden behind it */
        snprintf(note, notelen, "history file was damaged (%s): moved to %s, a new one started",
                 rep->why, rep->moved_to);
    } else if (rep->deferred) {
        fprintf(stderr,
                "sitrep: history: cannot open %s yet (%s); keeping it in memory and "
                "trying again\n",
                path, rep->why);
        snprintf(note, notelen, "history not saved yet (%s); trying again", rep->why);
    } else if (rep->locked) {
        fprintf(stderr,
                "sitrep: history: another sitrep (pid %ld) is writing %s; this one only reads it\n",
                rep->lock_pid, path);
        snprintf(note, notelen, "history read-only: sitrep pid %ld writes it", rep->lock_pid);
    } else if (rep->too_new) {
        fprintf(stderr, "sitrep: history: %s comes from a newer sitrep; this one only reads it\n",
                path);
        snprintf(note, notelen, "history read-only: made by a newer sitrep");
    }
    free(path);
    return 0;
}

void app_check_store(struct app *app)
{
    struct store_report rep;
    char err[1200], note[1400];
    int rc;

    if (!app->store)
        return;
    rc = store_check(app->store, &rep, err, sizeof err);
    if (rc > 0) {
        snprintf(note, sizeof note, "history file was damaged (%s): moved to %s, a new one started",
                 rep.why, rep.moved_to);
        fprintf(stderr, "sitrep: %s\n", note);
        engine_note_store(app->engine, note);
    } else if (rc < 0) {
        snprintf(note, sizeof note, "history not saved: %s", err);
        fprintf(stderr, "sitrep: %s\n", note);
        engine_note_store(app->engine, note);
    }
}

static char *demo_dir(void)
{
    const char *datadir = getenv("SITREP_DATADIR");

    return xasprintf("%s/demo", datadir && *datadir ? datadir : SITREP_PKGDATADIR);
}

static int load_recording(struct app *app)
{
    char err[1200], *dir;
    struct vclock *vc = &app->vclock;

    if (!app->cli.demo && !app->cli.replay_dir)
        return 0;
    dir = app->cli.demo ? demo_dir() : xstrdup(app->cli.replay_dir);
    app->recording = recording_load(dir, err, sizeof err);
    if (!app->recording) {
        fprintf(stderr, "sitrep: %s%s\n", err,
                app->cli.demo ? " (the demo recording is installed with sitrep; "
                                "SITREP_DATADIR points elsewhere)"
                              : "");
        free(dir);
        return -1;
    }
    free(dir);
    vc->start_ms = vc->origin_virtual = app->recording->start_ms;
    vc->end_ms = app->recording->end_ms;
    vc->speed = app->cli.speed > 0 ? app->cli.speed : app->recording->speed;
    vc->origin_real = app_mono_ms();
    if (app->cli.at_given && app->cli.at_s * 1000 > vc->end_ms - vc->start_ms) {
        char len[32];
        time_format_duration((long)((vc->end_ms - vc->start_ms) / 1000), len, sizeof len);
        fprintf(stderr, "sitrep: --at is past the end of the recording (it lasts %s)\n", len);
        return -1;
    }
    return 0;
}

static int start_recorder(struct app *app)
{
    char *path = config_path(&app->cli, NULL), err[1200];

    if (!app->cli.record_dir) {
        free(path);
        return 0;
    }
    app->recorder =
        recorder_open(app->cli.record_dir, path, app_now_ms(app), NULL, err, sizeof err);
    free(path);
    if (!app->recorder) {
        fprintf(stderr, "sitrep: --record: %s\n", err);
        return -1;
    }
    return 0;
}

/* SITREP_ACK_FD (for the crash tests): one line per history write, once
 * it is committed. */
static void ack_line(void *ctx, enum store_kind kind, const void *item)
{
    const struct app *app = ctx;
    char line[512];
    int n = 0;

    if (kind == STORE_SAMPLE) {
        const struct store_sample *s = item;
        n = snprintf(line, sizeof line, "sample %s %s %lld %d\n", s->service, s->region,
                     (long long)s->bucket, (int)s->level);
    } else if (kind == STORE_CROWD) {
        const struct store_crowd *c = item;
        n = snprintf(line, sizeof line, "crowd %s %s %lld %ld\n", c->service, c->source,
                     (long long)c->bucket, c->count);
    }
    if (n > 0 && (size_t)n < sizeof line) {
        ssize_t ignored = write(app->ack_fd, line, (size_t)n);
        (void)ignored;
    }
}

/* The token: one line of a file only its owner can read. The file's
 * content never reaches a message. */
int app_read_token(const char *path, char *out, size_t outlen, char *err, size_t errlen)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    struct stat st;
    ssize_t n;

    if (fd < 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (st.st_mode & 077) ||
        st.st_uid != geteuid()) {
        snprintf(err, errlen, "%s: a token file must be a regular file of yours, mode 0600", path);
        close(fd);
        return -1;
    }
    n = read(fd, out, outlen - 1);
    close(fd);
    if (n <= 0) {
        snprintf(err, errlen, "%s: empty", path);
        return -1;
    }
    out[n] = '\0';
    out[strcspn(out, "\r\n")] = '\0';
    for (const char *p = out; *p; p++) {
        if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f) {
            snprintf(err, errlen, "%s: the token must be one line of visible ASCII", path);
            return -1;
        }
    }
    if (strlen(out) < 16) {
        snprintf(err, errlen, "%s: a token of at least 16 characters, please", path);
        return -1;
    }
    return 0;
}

static struct engine *new_engine(struct app *app, const struct config *cfg, char *err,
                                 size_t errlen)
{
    struct engine_opts eo = {
        .clock = clock_ms,
        .clock_ctx = app,
        .once = app->cli.once,
        .no_sparklines = app->cli.once,
        .no_past = app->cli.once,
        .store = app->store,
        .recorder = app->recorder,
        .replay = app->recording,
        .speed = app->vclock.speed,
    };

    if (app->ack_fd > 2) {
        eo.ack = ack_line;
        eo.ack_ctx = app;
    }
    eo.remote_urls = (const char *const *)app->remote_urls;
    eo.nremote = app->nremote;
    eo.remote_token = app->has_remote_token ? app->remote_token : NULL;
    return engine_new(cfg, &eo, err, errlen);
}

static int start_engine(struct app *app)
{
    const char *fd = getenv("SITREP_ACK_FD");
    char err[256];

    app->ack_fd = fd && *fd ? atoi(fd) : -1;
    app->engine = new_engine(app, app->cfg, err, sizeof err);
    if (!app->engine) {
        fprintf(stderr, "sitrep: %s\n", err);
        return -1;
    }
    if (engine_limits_note(app->engine))
        fprintf(stderr, "sitrep: %s\n", engine_limits_note(app->engine));
    return 0;
}

/* Alerts on change: the command line over the config. A replay's changes
 * are the past: the config's on_change does not run for them, an
 * --on-change given on purpose does. */
static void alert_settings(const struct app *app, struct alert_opts *o)
{
    *o = (struct alert_opts){
        .quiet_s = app->cfg->alert_quiet_s,
        .gather_s = ALERTS_GATHER_S,
        .bell = app->cfg->bell && !app->cli.no_bell,
        /* A replay rings the bell on its changes, but the desktop and the
         * user's command hear of a recorded past only when asked to. */
        .notify = app->cli.notify_given ? app->cli.notify
                  : app->recording      ? NOTIFY_OFF
                                        : app->cfg->notify,
        .on_change = app->cli.on_change ? app->cli.on_change
                     : app->recording   ? NULL
                                        : app->cfg->on_change,
        .webhook = app->recording ? NULL : app->cfg->webhook,
        .ascii = app->ascii,
    };
}

int app_reload(struct app *app, const char *columns, char *err, size_t errlen)
{
    char *path = config_path(&app->cli, app->recording), *errors = NULL;
    const char *cols = columns ? columns : app->columns ? app->columns : app->cli.columns;
    struct config *cfg = xcalloc(1, sizeof *cfg);
    struct engine *engine;
    struct theme theme;
    char why[256];

    if (config_load_file(path, cfg, &errors) != 0) {
        /* the first error says enough on a status line; remote text rules apply */
        char *nl = errors ? strchr(errors, '\n') : NULL;
        if (nl)
            *nl = '\0';
        char *clean = sanitize_str(errors ? errors : path, 300, app->ascii ? SAN_ASCII : 0);
        snprintf(err, errlen, "config not reloaded: %s", clean);
        free(clean);
        goto fail;
    }
    if (cols && config_set_columns(cfg, cols, why, sizeof why) != 0) {
        snprintf(err, errlen, "columns not changed: %s", why);
        goto fail;
    }
    /* The theme follows the config's key (unless --theme fixed it). */
    if (!app->cli.theme) {
        struct theme_dirs dirs;
        char *terrors = NULL;
        theme_dirs_from_env(&dirs);
        int trc = theme_load(&dirs, cfg->theme ? cfg->theme : "default", &theme, &terrors);
        theme_dirs_free(&dirs);
        if (trc != 0) {
            char *nl = terrors ? strchr(terrors, '\n') : NULL;
            if (nl)
                *nl = '\0';
            char *clean = sanitize_str(terrors ? terrors : "?", 300, app->ascii ? SAN_ASCII : 0);
            snprintf(err, errlen, "config not reloaded: %s", clean);
            free(clean);
            free(terrors);
            goto fail;
        }
        free(terrors);
    }
    /* The old engine's history goes to the store before the new one reads it. */
    engine_flush(app->engine, why, sizeof why);
    if (!engine_reconfigure(app->engine, cfg)) { /* the sources changed: start again */
        engine = new_engine(app, cfg, why, sizeof why);
        if (!engine) {
            snprintf(err, errlen, "config not reloaded: %s", why);
            goto fail;
        }
        engine_set_hist_window(engine, engine_hist_window(app->engine));
        engine_backfill(engine);
        engine_free(app->engine);
        app->engine = engine;
    }
    config_free(app->cfg);
    free(app->cfg);
    app->cfg = cfg;
    if (!app->cli.theme)
        app->theme = theme;
    if (app->alerts) {
        struct alert_opts ao;
        alert_settings(app, &ao);
        alerts_configure(app->alerts, &ao);
    }
    if (columns) {
        free(app->columns);
        app->columns = xstrdup(columns);
    }
    free(errors);
    free(path);
    return 0;
fail:
    config_free(cfg);
    free(cfg);
    free(errors);
    free(path);
    return -1;
}

/* ---- --once ---------------------------------------------------------- */

static void emit_stdout(void *ctx, const char *data, size_t len)
{
    bool *failed = ctx;

    if (len && fwrite(data, 1, len, stdout) != len)
        *failed = true;
}

static int run_once(struct app *app)
{
    struct export_opts eo = {.ascii = app->ascii};
    struct snapshot *snap;
    bool failed = false;
    int rc = EXIT_OK;

    /* Every transfer ends by its own timeout, so a round ends within
     * engine_round_ms(); the deadline is a last guard past that. */
    long deadline_ms = engine_round_ms(app->engine) + ONCE_DEADLINE_S * 1000L;
    if (engine_round(app->engine, deadline_ms > INT_MAX ? INT_MAX : (int)deadline_ms) != 0)
        fprintf(stderr, "sitrep: not every source answered in %lds\n", deadline_ms / 1000);
    snap = engine_snapshot_last(app->engine);
    export_snapshot_stream(snap, app->cli.format, &eo, emit_stdout, &failed);
    if (failed || fflush(stdout) != 0)
        rc = EXIT_RUNTIME;
    /* A plugin's output goes with a plugin's exit status. */
    if (rc == EXIT_OK && (app->cli.exit_status || app->cli.format == EXPORT_NAGIOS))
        rc = snapshot_nagios(snap);
    /* The recording ends at the moment this snapshot shows. */
    if (app->recorder) {
        char err[512];
        if (recorder_close(app->recorder, (int64_t)snap->generated_at * 1000 + 999, err,
                           sizeof err) != 0)
            fprintf(stderr, "sitrep: --record: %s\n", err);
        app->recorder = NULL;
    }
    snapshot_free(snap);
    return rc;
}

/* ---- main ------------------------------------------------------------ */

static bool locale_is_utf8(void)
{
    const char *cs = nl_langinfo(CODESET);

    return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

/* --remote's list of URLs, and the token to send them. */
static int setup_remote(struct app *app)
{
    const char *p = app->cli.remote;
    char err[400];

    while (*p) {
        size_t n = strcspn(p, ",");
        if (n > 0 && strncasecmp(p, "http://", 7) != 0 && strncasecmp(p, "https://", 8) != 0) {
            fprintf(stderr,
                    "sitrep: --remote wants the http:// or https:// URLs of sitrep serve\n");
            return -1;
        }
        if (n > 0) {
            app->remote_urls = xreallocarray(app->remote_urls, app->nremote + 1, sizeof(char *));
            app->remote_urls[app->nremote++] = xasprintf("%.*s", (int)n, p);
        }
        p += n;
        if (*p == ',')
            p++;
    }
    if (app->nremote == 0 || app->nremote > 256) {
        fprintf(stderr, "sitrep: --remote wants one to 256 URLs, separated by commas\n");
        return -1;
    }
    if (app->cli.token_file) {
        if (app_read_token(app->cli.token_file, app->remote_token, sizeof app->remote_token, err,
                           sizeof err) != 0) {
            fprintf(stderr, "sitrep: --token-file %s\n", err);
            return -1;
        }
        app->has_remote_token = true;
    }
    return 0;
}

static void finish(struct app *app)
{
    char err[512];

    if (app->engine && engine_flush(app->engine, err, sizeof err) < 0)
        fprintf(stderr, "sitrep: history: the last writes were not saved: %s\n", err);
    engine_free(app->engine);
    alerts_free(app->alerts);
    if (app->recorder && recorder_close(app->recorder, app_now_ms(app), err, sizeof err) != 0)
        fprintf(stderr, "sitrep: --record: %s\n", err);
    store_close(app->store);
    recording_free(app->recording);
    if (app->cfg)
        config_free(app->cfg);
    free(app->cfg);
    free(app->columns);
    for (size_t i = 0; i < app->nremote; i++)
        free(app->remote_urls[i]);
    free(app->remote_urls);
    memset(app->remote_token, 0, sizeof app->remote_token);
}

/* A copy of argv that stays as it is, for the options to point into; the
 * original is then redacted in place, since its memory is what
 * /proc/PID/cmdline and ps show to every user of the machine. */
static char **private_argv(int argc, char **argv)
{
    char **copy = xcalloc((size_t)argc + 1, sizeof *copy);

    for (int i = 0; i < argc; i++) {
        copy[i] = xstrdup(argv[i]);
        redact_in_place(argv[i]);
    }
    return copy;
}

static void free_argv(int argc, char **argv)
{
    for (int i = 0; i < argc; i++)
        config_wipe_free(argv[i]);
    free(argv);
}

static int app_run(int argc, char **argv);

int app_main(int argc, char **argv)
{
    char **owned = private_argv(argc, argv);
    /* The options may reorder or overwrite the array given to them (getopt,
     * "serve"): they get a copy of it, the strings are freed from this one. */
    char **args = xcalloc((size_t)argc + 1, sizeof *args);
    int rc;

    memcpy(args, owned, (size_t)argc * sizeof *args);
    rc = app_run(argc, args);
    free(args);
    free_argv(argc, owned);
    return rc;
}

static int app_run(int argc, char **argv)
{
    struct app app = {.ack_fd = -1};
    struct store_report rep = {0};
    char err[256], note[1400];
    int rc;

    setlocale(LC_ALL, "");
    /* Characters and collation follow the user; numbers do not. Configs,
     * pages and exports write "2.5" whatever the locale, and strtod and
     * printf would read and write "2,5" under de_DE. */
    setlocale(LC_NUMERIC, "C");
    signal(SIGPIPE, SIG_IGN); /* libcurl runs with NOSIGNAL: a dead peer must not kill us */
    if (argc > 1 && strcmp(argv[1], "export") == 0)
        return app_export(argc - 1, argv + 1);
    if (argc > 1 && strcmp(argv[1], "probe") == 0)
        return app_probe(argc - 1, argv + 1);
    if (cli_parse(argc, argv, &app.cli, err, sizeof err) != 0) {
        fprintf(stderr, "sitrep: %s\nTry 'sitrep --help' for more information.\n", err);
        return EXIT_USAGE;
    }
    if (app.cli.help) {
        cli_usage(stdout);
        return EXIT_OK;
    }
    if (app.cli.version) {
        app_print_version(stdout);
        return EXIT_OK;
    }
    app.ascii = app.cli.ascii || !locale_is_utf8();
    if (app.cli.list_themes)
        return list_themes(&app);
    if (load_recording(&app) != 0) {
        recording_free(app.recording);
        return EXIT_USAGE;
    }
    if (load_config(&app) != 0) {
        recording_free(app.recording);
        if (app.cfg)
            config_free(app.cfg);
        free(app.cfg);
        return EXIT_USAGE;
    }
    if (app.cli.shard_n &&
        config_keep_shard(app.cfg, (unsigned)app.cli.shard_k, (unsigned)app.cli.shard_n) == 0)
        fprintf(stderr, "sitrep serve: shard %d/%d holds none of the %s's services\n",
                app.cli.shard_k, app.cli.shard_n, app.recording ? "recording" : "config");
    if (load_theme(&app) != 0) {
        recording_free(app.recording);
        config_free(app.cfg);
        free(app.cfg);
        return EXIT_USAGE;
    }
    if (app.cli.list_services) {
        rc = app_list_services(&app);
        config_free(app.cfg);
        free(app.cfg);
        return rc;
    }
    if (app.cli.check_config) {
        rc = check_config_only(&app);
        config_free(app.cfg);
        free(app.cfg);
        return rc;
    }
    if (app.cli.remote && setup_remote(&app) != 0) {
        finish(&app);
        return EXIT_USAGE;
    }
    open_store(&app, &rep, note, sizeof note);
    if (start_recorder(&app) != 0 || start_engine(&app) != 0) {
        finish(&app);
        return EXIT_RUNTIME;
    }
    if (note[0])
        engine_note_store(app.engine, note);
    if (!app.cli.once) {
        struct alert_opts ao;
        alert_settings(&app, &ao);
        app.alerts = alerts_new(&ao);
    }
    rc = app.cli.once ? run_once(&app) : app.cli.serve ? app_serve(&app) : app_live(&app);
    finish(&app);
    return rc;
}
