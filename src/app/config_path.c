/* Where the config is (see app.h): the user's, then the system's, then the
 * bundled catalog, as the XDG base directory rules order them. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sitrep/app.h"
#include "sitrep/xalloc.h"

#define DEFAULT_CONFIG_DIRS "/etc/xdg"

static void add(struct config_places *p, char *path)
{
    if (p->n < CONFIG_PLACES_MAX)
        p->path[p->n++] = path;
    else
        free(path);
}

/* Each absolute entry of a colon-separated XDG_CONFIG_DIRS; the XDG rules
 * say a relative one is invalid and is skipped, and an empty variable means
 * /etc/xdg. */
static void add_config_dirs(struct config_places *p, const char *dirs)
{
    const char *s = dirs && *dirs ? dirs : DEFAULT_CONFIG_DIRS;

    while (*s) {
        size_t len = strcspn(s, ":");
        /* room is kept for the system's config and the catalog */
        if (len > 0 && s[0] == '/' && p->n + 2 < CONFIG_PLACES_MAX)
            add(p, xasprintf("%.*s/sitrep/config", (int)len, s));
        s += len + (s[len] == ':');
    }
}

void config_places_init(struct config_places *p, const struct config_env *env)
{
    const char *datadir = env->datadir && *env->datadir ? env->datadir : SITREP_PKGDATADIR;
    const char *sysconfdir =
        env->sysconfdir && *env->sysconfdir ? env->sysconfdir : SITREP_SYSCONFDIR;

    p->n = 0;
    if (env->xdg_config_home && *env->xdg_config_home)
        add(p, xasprintf("%s/sitrep/config", env->xdg_config_home));
    else if (env->home && *env->home)
        add(p, xasprintf("%s/.config/sitrep/config", env->home));
    add_config_dirs(p, env->xdg_config_dirs);
    add(p, xasprintf("%s/sitrep/config", sysconfdir));
    add(p, xasprintf("%s/catalog.ini", datadir));
}

void config_places_free(struct config_places *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->path[i]);
    p->n = 0;
}

char *config_places_find(const struct config_places *p)
{
    for (size_t i = 0; i + 1 < p->n; i++) {
        if (access(p->path[i], F_OK) == 0)
            return xstrdup(p->path[i]);
    }
    return p->n ? xstrdup(p->path[p->n - 1]) : NULL;
}

void config_env_from_environ(struct config_env *env)
{
    env->xdg_config_home = getenv("XDG_CONFIG_HOME");
    env->home = getenv("HOME");
    env->xdg_config_dirs = getenv("XDG_CONFIG_DIRS");
    env->sysconfdir = getenv("SITREP_SYSCONFDIR");
    env->datadir = getenv("SITREP_DATADIR");
}
