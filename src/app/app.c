/* The program's entry: options, config lookup, the engine, --once. */
#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app_internal.h"
#include "sitrep/app.h"
#include "sitrep/export.h"
#include "sitrep/sanitize.h"
#include "sitrep/xalloc.h"

#define ONCE_DEADLINE_S 90

time_t app_now(const struct app *app)
{
    return app->cli.now ? app->cli.now : time(NULL);
}

int64_t app_now_ms(const struct app *app)
{
    struct timespec ts;

    if (app->cli.now)
        return (int64_t)app->cli.now * 1000;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t clock_ms(void *ctx)
{
    return app_now_ms(ctx);
}

/* ---- config lookup --------------------------------------------------- */

/* --config, else the user's config when it exists, else the bundled
 * catalog ($SITREP_DATADIR overrides where that is, for running from a
 * build tree). Returns a malloc'd path. */
static char *config_path(const struct cli *cli)
{
    const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
    const char *datadir = getenv("SITREP_DATADIR");
    char *path = NULL;

    if (cli->config_path)
        return xstrdup(cli->config_path);
    if (xdg && *xdg)
        path = xasprintf("%s/sitrep/config", xdg);
    else if (home && *home)
        path = xasprintf("%s/.config/sitrep/config", home);
    if (path && access(path, F_OK) == 0)
        return path;
    free(path);
    return xasprintf("%s/catalog.ini", datadir && *datadir ? datadir : SITREP_PKGDATADIR);
}

static int load_config(struct app *app)
{
    char *path = config_path(&app->cli), *errors = NULL;
    char err[256];

    if (config_load_file(path, &app->cfg, &errors) != 0) {
        /* a shared catalog is not ours either: its text goes out clean */
        char *clean = sanitize_str(errors, 0, SAN_MULTILINE | (app->ascii ? SAN_ASCII : 0));
        fprintf(stderr, "%s\n", clean);
        free(clean);
        free(errors);
        free(path);
        return -1;
    }
    free(path);
    if (app->cli.columns && config_set_columns(&app->cfg, app->cli.columns, err, sizeof err) != 0) {
        fprintf(stderr, "sitrep: --columns: %s\n", err);
        return -1;
    }
    return 0;
}

static int start_engine(struct app *app)
{
    struct engine_opts eo = {.clock = clock_ms, .clock_ctx = app, .once = app->cli.once};
    char err[256];

    app->engine = engine_new(&app->cfg, &eo, err, sizeof err);
    if (!app->engine) {
        fprintf(stderr, "sitrep: %s\n", err);
        return -1;
    }
    return 0;
}

/* ---- --once ---------------------------------------------------------- */

static int run_once(struct app *app)
{
    struct export_opts eo = {.ascii = app->ascii};
    struct buf out = {0};
    struct snapshot *snap;
    int rc = EXIT_OK;

    /* Every transfer ends by its own timeout; the deadline is a last guard. */
    if (engine_round(app->engine, ONCE_DEADLINE_S * 1000) != 0)
        fprintf(stderr, "sitrep: not every source answered in %ds\n", ONCE_DEADLINE_S);
    snap = engine_snapshot(app->engine);
    export_snapshot(snap, app->cli.format, &eo, &out);
    if (fwrite(out.data ? out.data : "", 1, out.len, stdout) != out.len || fflush(stdout) != 0)
        rc = EXIT_RUNTIME;
    if (rc == EXIT_OK && app->cli.exit_status)
        rc = level_nagios(snapshot_worst(snap));
    buf_free(&out);
    snapshot_free(snap);
    return rc;
}

/* ---- main ------------------------------------------------------------ */

static bool locale_is_utf8(void)
{
    const char *cs = nl_langinfo(CODESET);

    return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

int app_main(int argc, char **argv)
{
    struct app app = {0};
    char err[256];
    int rc;

    setlocale(LC_ALL, "");
    signal(SIGPIPE, SIG_IGN); /* libcurl runs with NOSIGNAL: a dead peer must not kill us */
    if (cli_parse(argc, argv, &app.cli, err, sizeof err) != 0) {
        fprintf(stderr, "sitrep: %s\nTry 'sitrep --help' for more information.\n", err);
        return EXIT_USAGE;
    }
    if (app.cli.help) {
        cli_usage(stdout);
        return EXIT_OK;
    }
    if (app.cli.version) {
        printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
        return EXIT_OK;
    }
    app.ascii = app.cli.ascii || !locale_is_utf8();
    if (load_config(&app) != 0) {
        config_free(&app.cfg);
        return EXIT_USAGE;
    }
    if (start_engine(&app) != 0) {
        config_free(&app.cfg);
        return EXIT_RUNTIME;
    }
    rc = app.cli.once ? run_once(&app) : app_live(&app);
    engine_free(app.engine);
    config_free(&app.cfg);
    return rc;
}
