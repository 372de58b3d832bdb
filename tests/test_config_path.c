/* Where the config is looked for: the places in order (XDG_CONFIG_HOME,
 * each of XDG_CONFIG_DIRS, sysconfdir, the bundled catalog), and the
 * first that exists on a real scratch tree. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sitrep/app.h"
#include "sitrep/xalloc.h"
#include "tap.h"
#include "testutil.h"

/* The places as one string, one per line, for readable failures. */
static char *places_of(const struct config_env *env)
{
    struct config_places p;
    size_t len = 1;
    char *s;

    config_places_init(&p, env);
    for (size_t i = 0; i < p.n; i++)
        len += strlen(p.path[i]) + 1;
    s = xmalloc(len);
    s[0] = '\0';
    for (size_t i = 0; i < p.n; i++) {
        strcat(s, p.path[i]);
        strcat(s, "\n");
    }
    config_places_free(&p);
    return s;
}

static void check_places(const struct config_env *env, const char *want, const char *what)
{
    char *got = places_of(env);

    is_str(got, want, "%s", what);
    free(got);
}

static void test_order(void)
{
    struct config_env env = {.xdg_config_home = "/u/cfg",
                             .home = "/home/u",
                             .xdg_config_dirs = "/a:/b/c",
                             .sysconfdir = "/etc",
                             .datadir = "/usr/share/sitrep"};

    check_places(&env,
                 "/u/cfg/sitrep/config\n/a/sitrep/config\n/b/c/sitrep/config\n"
                 "/etc/sitrep/config\n/usr/share/sitrep/catalog.ini\n",
                 "the user's, each of XDG_CONFIG_DIRS in order, sysconfdir, the catalog");
    env.xdg_config_home = "";
    check_places(&env,
                 "/home/u/.config/sitrep/config\n/a/sitrep/config\n/b/c/sitrep/config\n"
                 "/etc/sitrep/config\n/usr/share/sitrep/catalog.ini\n",
                 "XDG_CONFIG_HOME empty: HOME/.config");
    env.xdg_config_home = NULL;
    env.home = NULL;
    env.xdg_config_dirs = NULL;
    check_places(&env,
                 "/etc/xdg/sitrep/config\n/etc/sitrep/config\n/usr/share/sitrep/catalog.ini\n",
                 "no HOME: no user's place; XDG_CONFIG_DIRS unset means /etc/xdg");
    env.xdg_config_dirs = "";
    check_places(&env,
                 "/etc/xdg/sitrep/config\n/etc/sitrep/config\n/usr/share/sitrep/catalog.ini\n",
                 "XDG_CONFIG_DIRS empty means /etc/xdg too");
    env.xdg_config_dirs = "relative/dir::/ok:";
    check_places(&env, "/ok/sitrep/config\n/etc/sitrep/config\n/usr/share/sitrep/catalog.ini\n",
                 "relative and empty XDG_CONFIG_DIRS entries are skipped");
    env.sysconfdir = NULL;
    env.datadir = NULL;
    check_places(&env,
                 "/ok/sitrep/config\n" SITREP_SYSCONFDIR "/sitrep/config\n" SITREP_PKGDATADIR
                 "/catalog.ini\n",
                 "without overrides: configure's sysconfdir and pkgdatadir");
}

static void test_many_dirs(void)
{
    char dirs[4096] = "";
    struct config_places p;
    struct config_env env = {.xdg_config_dirs = dirs, .sysconfdir = "/etc", .datadir = "/d"};

    for (int i = 0; i < 100; i++)
        snprintf(dirs + strlen(dirs), sizeof dirs - strlen(dirs), "%s/x%d", i ? ":" : "", i);
    config_places_init(&p, &env);
    ok(p.n == CONFIG_PLACES_MAX && strcmp(p.path[p.n - 1], "/d/catalog.ini") == 0 &&
           strcmp(p.path[p.n - 2], "/etc/sitrep/config") == 0,
       "100 XDG_CONFIG_DIRS entries: the list is capped, and still ends with sysconfdir and "
       "the catalog");
    config_places_free(&p);
}

/* Creates dir/rel (an empty file) and the directories above it. */
static char *touch(const char *dir, const char *rel)
{
    char *path = xasprintf("%s/%s", dir, rel);
    FILE *f;

    mkdir(dir, 0700);
    for (char *s = path + strlen(dir); (s = strchr(s + 1, '/'));) {
        *s = '\0';
        mkdir(path, 0700);
        *s = '/';
    }
    f = fopen(path, "w");
    if (f)
        fclose(f);
    return path;
}

/* The first place that exists wins, on real files. */
static void test_find(void)
{
    char *root = tu_tmpdir("cfgpath");
    char *home = xasprintf("%s/home", root), *xdg1 = xasprintf("%s/xdg1", root);
    char *xdg2 = xasprintf("%s/xdg2", root), *etc = xasprintf("%s/etc", root);
    char *share = xasprintf("%s/share", root), *dirs = xasprintf("%s:%s", xdg1, xdg2);
    struct config_env env = {
        .home = home, .xdg_config_dirs = dirs, .sysconfdir = etc, .datadir = share};
    struct config_places p;
    char *got, *want[5];

    want[4] = xasprintf("%s/catalog.ini", share);
    want[3] = touch(etc, "sitrep/config");
    want[2] = touch(xdg2, "sitrep/config");
    want[1] = touch(xdg1, "sitrep/config");
    want[0] = touch(home, ".config/sitrep/config");
    static const char *const what[] = {
        "the user's config first",
        "else the first of XDG_CONFIG_DIRS",
        "else the next of XDG_CONFIG_DIRS",
        "else sysconfdir/sitrep/config",
        "else the bundled catalog (missing or not)",
    };
    for (int i = 0; i < 5; i++) {
        config_places_init(&p, &env);
        got = config_places_find(&p);
        is_str(got, want[i], "%s", what[i]);
        free(got);
        config_places_free(&p);
        remove(want[i]);
    }
    for (int i = 0; i < 5; i++)
        free(want[i]);
    tu_rmtree(root);
    free(root);
    free(home);
    free(xdg1);
    free(xdg2);
    free(etc);
    free(share);
    free(dirs);
}

int main(void)
{
    test_order();
    test_many_dirs();
    test_find();
    return tap_done();
}
