/* Where themes are (see theme.h): the user's directory, then the shipped
 * one; listing them for --list-themes. */
#include "config.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sitrep/theme.h"
#include "sitrep/xalloc.h"

void theme_dirs_init(struct theme_dirs *d, const char *xdg_config_home, const char *home,
                     const char *datadir)
{
    d->n = 0;
    if (xdg_config_home && *xdg_config_home)
        d->dir[d->n++] = xasprintf("%s/sitrep/themes", xdg_config_home);
    else if (home && *home)
        d->dir[d->n++] = xasprintf("%s/.config/sitrep/themes", home);
    d->dir[d->n++] = xasprintf("%s/themes", datadir && *datadir ? datadir : SITREP_PKGDATADIR);
}

void theme_dirs_free(struct theme_dirs *d)
{
    for (size_t i = 0; i < d->n; i++)
        free(d->dir[i]);
    d->n = 0;
}

char *theme_find(const struct theme_dirs *d, const char *name)
{
    for (size_t i = 0; i < d->n; i++) {
        char *path = xasprintf("%s/%s.theme", d->dir[i], name);
        if (access(path, F_OK) == 0)
            return path;
        free(path);
    }
    return NULL;
}

int theme_load(const struct theme_dirs *d, const char *name_or_path, struct theme *out,
               char **errors)
{
    char *path;
    int rc;

    *errors = NULL;
    if (strchr(name_or_path, '/'))
        return theme_load_file(name_or_path, out, errors);
    if (!*name_or_path) {
        *errors = xstrdup("empty theme name\n");
        return -1;
    }
    path = theme_find(d, name_or_path);
    if (!path && strcmp(name_or_path, "default") == 0) {
        *out = *theme_builtin();
        return 0;
    }
    if (!path) {
        struct buf b = {0};
        buf_printf(&b, "no theme '%s' (looked for %s.theme in ", name_or_path, name_or_path);
        for (size_t i = 0; i < d->n; i++)
            buf_printf(&b, "%s%s", i ? " and " : "", d->dir[i]);
        buf_puts(&b, "; sitrep --list-themes shows the themes there)\n");
        *errors = buf_detach(&b);
        return -1;
    }
    rc = theme_load_file(path, out, errors);
    free(path);
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted *.theme names in dir (stems, malloc'd). */
static size_t dir_themes(const char *dir, char ***names)
{
    DIR *dp = opendir(dir);
    struct dirent *de;
    size_t n = 0;

    *names = NULL;
    if (!dp)
        return 0;
    while ((de = readdir(dp))) {
        size_t len = strlen(de->d_name);
        if (de->d_name[0] == '.' || len <= 6 || strcmp(de->d_name + len - 6, ".theme") != 0)
            continue;
        *names = xreallocarray(*names, n + 1, sizeof **names);
        (*names)[n++] = xasprintf("%.*s", (int)(len - 6), de->d_name);
    }
    closedir(dp);
    if (n)
        qsort(*names, n, sizeof **names, cmp_str);
    return n;
}

static void add_entry(struct theme_entry **out, size_t *n, const char *dir, const char *name)
{
    struct theme_entry *e;
    struct theme *th = xmalloc(sizeof *th);
    char *errors = NULL;

    *out = xreallocarray(*out, *n + 1, sizeof **out);
    e = &(*out)[*n];
    e->name = xstrdup(name);
    e->path = dir ? xasprintf("%s/%s.theme", dir, name) : xstrdup("(built in)");
    e->shadowed = false;
    for (size_t i = 0; i < *n; i++)
        e->shadowed = e->shadowed || strcmp((*out)[i].name, name) == 0;
    if (!dir) {
        e->description = xstrdup(theme_builtin()->description);
    } else if (theme_load_file(e->path, th, &errors) == 0) {
        e->description = xstrdup(th->description);
    } else {
        char *nl = strchr(errors, '\n');
        if (nl)
            *nl = '\0';
        e->description = xasprintf("(does not load: %s)", errors);
    }
    free(errors);
    free(th);
    (*n)++;
}

size_t theme_list(const struct theme_dirs *d, struct theme_entry **out)
{
    size_t n = 0;
    bool have_default = false;

    *out = NULL;
    for (size_t i = 0; i < d->n; i++) {
        char **names;
        size_t k = dir_themes(d->dir[i], &names);
        for (size_t j = 0; j < k; j++) {
            have_default = have_default || strcmp(names[j], "default") == 0;
            add_entry(out, &n, d->dir[i], names[j]);
            free(names[j]);
        }
        free(names);
    }
    if (!have_default)
        add_entry(out, &n, NULL, "default");
    return n;
}

void theme_entries_free(struct theme_entry *e, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(e[i].name);
        free(e[i].path);
        free(e[i].description);
    }
    free(e);
}
