/* The program's entry: options, config lookup, the engine, --once. */
#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app_internal.h"
#include "sitrep/app.h"
#include "sitrep/export.h"
#include "sitrep/provider.h"
#include "sitrep/sanitize.h"
#include "sitrep/xalloc.h"

#define ONCE_DEADLINE_S 90

time_t app_now(const struct app *app)
{
    return app->cli.now ? app->cli.now : time(NULL);
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

/* ---- the engine: fetch, parse, model --------------------------------- */

static void on_poll(void *user, size_t svc, size_t src, const struct fetch_result *res)
{
    struct app *app = user;
    const struct source_conf *conf = &app->cfg.services[svc].sources[src];
    time_t now = app_now(app);
    struct evidence ev = {0};
    char err[256], reason[300];

    app->dirty = true;
    if (!res->ok) {
        model_source_failure(app->model, svc, src, res->error, now);
    } else if (res->not_modified) {
        model_source_unchanged(app->model, svc, src, now);
    } else if (conf->provider->parse(res->body, res->len, &ev, err, sizeof err) != 0) {
        snprintf(reason, sizeof reason, "%s: %s", conf->provider->name, err);
        model_source_failure(app->model, svc, src, reason, now);
    } else {
        model_source_success(app->model, svc, src, &ev, now);
    }
}

int app_start_engine(struct app *app)
{
    struct fetch_opts opts = {0};
    char err[256];

    app->fetcher = fetcher_new(&opts, err, sizeof err);
    if (!app->fetcher) {
        fprintf(stderr, "sitrep: %s\n", err);
        return -1;
    }
    app->model = model_new(&app->cfg);
    app->poller = poller_new(&app->cfg, app->fetcher, on_poll, app);
    return 0;
}

void app_stop_engine(struct app *app)
{
    poller_free(app->poller);
    fetcher_free(app->fetcher);
    model_free(app->model);
    app->poller = NULL;
    app->fetcher = NULL;
    app->model = NULL;
}

/* ---- --once ---------------------------------------------------------- */

static int run_once(struct app *app)
{
    time_t deadline = time(NULL) + ONCE_DEADLINE_S;
    struct export_opts eo = {.ascii = app->ascii};
    struct buf out = {0};
    struct snapshot *snap;
    int rc = EXIT_OK;

    poller_start_due(app->poller, app_now(app));
    while (!poller_idle(app->poller) && time(NULL) < deadline) {
        if (fetcher_wait(app->fetcher, NULL, 0, NULL, 500) != 0) {
            fprintf(stderr, "sitrep: the transfer engine failed\n");
            return EXIT_RUNTIME;
        }
    }
    snap = model_snapshot(app->model, app_now(app));
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
    if (app_start_engine(&app) != 0) {
        config_free(&app.cfg);
        return EXIT_RUNTIME;
    }
    rc = app.cli.once ? run_once(&app) : app_live(&app);
    app_stop_engine(&app);
    config_free(&app.cfg);
    return rc;
}
