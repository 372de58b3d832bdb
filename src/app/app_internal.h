/* Internal to src/app: the application context shared by app.c (setup and
 * --once) and live.c (the dashboard loop). */
#ifndef SITREP_APP_INTERNAL_H
#define SITREP_APP_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "sitrep/alerts.h"
#include "sitrep/cli.h"
#include "sitrep/config.h"
#include "sitrep/engine.h"
#include "sitrep/recording.h"
#include "sitrep/store.h"
#include "sitrep/theme.h"

/* A replay's virtual clock: from start_ms, speed times real time, stopped
 * at end_ms. */
struct vclock {
    int64_t start_ms, end_ms;
    int64_t origin_real, origin_virtual; /* real (monotonic) and virtual at the last change */
    double speed;
};

#define APP_TOKEN_MAX 256

struct app {
    struct cli cli;
    struct config *cfg; /* replaced whole by app_reload */
    char *columns;      /* columns chosen at run time ('c'), NULL: --columns or the config's */
    struct engine *engine;
    bool ascii;                  /* ASCII output: --ascii or a non-UTF-8 locale */
    struct theme theme;          /* --theme, else the config's theme key */
    enum color_mode color;       /* --color (never with --no-color); the terminal decides the
                                  * depth from it (term_color_depth) */
    struct store *store;         /* NULL: memory only */
    struct recorder *recorder;   /* --record */
    struct recording *recording; /* --replay, --demo */
    struct vclock vclock;
    /* alerts on change; NULL with --once */
    struct alerts *alerts;
    int ack_fd; /* SITREP_ACK_FD: history writes are told here once safe (tests), -1 */
    /* --remote: the servers' URLs, and the token from --token-file */
    char **remote_urls;
    size_t nremote;
    char remote_token[APP_TOKEN_MAX];
    bool has_remote_token;
};

/* A bearer token: one line of visible ASCII, at least 16 characters, in
 * a regular file of the user's own with mode 0600. Its content never
 * reaches a message. Returns 0, or -1 with the reason in err. */
int app_read_token(const char *path, char *out, size_t outlen, char *err, size_t errlen);

/* --list-services [PATTERN]: the services of app->cfg whose id, name,
 * family or format holds PATTERN (any case), then the totals. Returns an
 * exit status: EXIT_USAGE when a pattern matches nothing. */
int app_list_services(const struct app *app);

/* The injected clock: --now when given, a replay's virtual clock, else
 * the system clock. */
time_t app_now(const struct app *app);
/* The monotonic clock, in ms (real time, whatever the injected clock). */
int64_t app_mono_ms(void);
int64_t app_now_ms(const struct app *app);

/* Runs the history file's deferred quick_check (after the first frame);
 * a damaged file is moved aside, said on the status line and stderr. */
void app_check_store(struct app *app);

/* The history export subcommand (history_export.c). */
int app_export(int argc, char **argv);
/* sitrep probe URL (probe.c): a config section for a page not in the catalogue. */
int app_probe(int argc, char **argv);
/* The database to use: --db, else $XDG_STATE_HOME/sitrep/history.db
 * (~/.local/state when unset). malloc'd; NULL when there is no home. */
char *app_default_db(void);

/* Ctrl+R and 'c': reads the config again (with columns, when not NULL, as
 * the grid's columns from now on). When it names the same sources the
 * engine goes on with it (engine_reconfigure: history, a replay's place,
 * every poll schedule and floor kept); otherwise a new engine starts on it
 * and the history store carries the past over. Alerts keep their state
 * either way. On any error the running config and engine stay and err
 * says why. */
int app_reload(struct app *app, const char *columns, char *err, size_t errlen);

/* The live dashboard (or line mode when there is no usable terminal). */
int app_live(struct app *app);
/* serve_cmd.c: sitrep serve (the engine and an HTTP server, no terminal). */
int app_serve(struct app *app);

/* history_export.c: the stored history of service (NULL: all) from from
 * until now, as csv, json, svg (one service) or html, appended to out.
 * Returns 0, or -1 with a message in err. */
#include "sitrep/buf.h"
#include "sitrep/export.h"
int history_write(struct store *st, enum export_format format, const char *service, time_t from,
                  time_t now, struct buf *out, char *err, size_t errlen);

/* view_export.c: the formats 'e' offers (the key that picks each, in the
 * order the prompt lists them), and the file it writes. */
struct view_format {
    int key;
    enum export_format format; /* EXPORT_MARKDOWN, EXPORT_HTML or EXPORT_SVG */
    const char *name;          /* "Markdown", "HTML page", "SVG chart" */
    const char *ext;           /* ".md" */
};
extern const struct view_format view_formats[];
extern const size_t view_formats_count;
/* The format picked by key; NULL when none is. */
const struct view_format *view_format_for_key(int key);
/* Writes snap as vf says (SVG: the chart of service i over the sparklines'
 * window) to a new file in dir, named after the moment shown
 * ("sitrep-2026-11-23T1745Z.md", "sitrep-parley-...svg", "-2" and on when
 * taken), created 0600 with O_EXCL in a directory of the user's own.
 * Returns 0 with the file's name in name and its size in *bytes, or -1
 * with the reason in err (nothing is left behind). */
int view_export_write(const char *dir, const struct snapshot *snap, size_t service,
                      const struct view_format *vf, bool ascii, char *name, size_t namelen,
                      size_t *bytes, char *err, size_t errlen);

/* history_chart.c: service's chart over [from, to] from the store (name:
 * its title, NULL for the id). Returns 0, or -1 with a message in err. */
struct chart;
struct store;
int history_chart(struct store *st, const char *service, const char *name, time_t from, time_t to,
                  struct chart *c, char *err, size_t errlen);

#endif
