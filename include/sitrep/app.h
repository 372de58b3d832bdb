/* The program: option handling, config lookup, the --once path, and the live
 * dashboard loop. main() only calls app_main(). */
#ifndef SITREP_APP_H
#define SITREP_APP_H

#include <stddef.h>
#include <stdio.h>

/* Exit statuses. */
enum {
    EXIT_OK = 0,
    EXIT_RUNTIME = 1,
    EXIT_USAGE = 2,
};

int app_main(int argc, char **argv);

/* What --version prints: release, git revision, libraries with the
 * versions this process runs with, features, licence. */
void app_print_version(FILE *out);

/* ---- where the config is ---------------------------------------------- */

/* What the lookup reads from the environment; NULL or "" for unset. */
struct config_env {
    const char *xdg_config_home; /* $XDG_CONFIG_HOME, else $HOME/.config */
    const char *home;
    const char *xdg_config_dirs; /* colon-separated; unset or empty: /etc/xdg */
    const char *sysconfdir;      /* $SITREP_SYSCONFDIR (tests), else configure's sysconfdir */
    const char *datadir;         /* $SITREP_DATADIR (build tree), else pkgdatadir */
};

void config_env_from_environ(struct config_env *env);

#define CONFIG_PLACES_MAX 32

/* The places a config is looked for when --config does not name one, in
 * order: the user's (XDG_CONFIG_HOME/sitrep/config), each of
 * XDG_CONFIG_DIRS/sitrep/config, SYSCONFDIR/sitrep/config, and last the
 * bundled catalog (DATADIR/catalog.ini). Relative XDG_CONFIG_DIRS entries
 * are skipped, as the XDG rules say. */
struct config_places {
    char *path[CONFIG_PLACES_MAX];
    size_t n;
};

void config_places_init(struct config_places *p, const struct config_env *env);
void config_places_free(struct config_places *p);

/* The first place that exists, else the bundled catalog (which may not
 * exist either: loading it then says so). The caller frees it. */
char *config_places_find(const struct config_places *p);

#endif
