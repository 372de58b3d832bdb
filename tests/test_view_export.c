/* 'e' in the dashboard: the view as Markdown, an HTML page or the selected
 * service's SVG chart, written as a new private file — 0600, never over an
 * earlier export, never through a link planted under its name, never in a
 * directory others can write to — and nothing left behind on failure. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../src/app/app_internal.h"
#include "sitrep/buf.h"
#include "sitrep/chart.h"
#include "sitrep/export.h"
#include "sitrep/recording.h"
#include "sitrep/safefile.h"
#include "sitrep/xalloc.h"
#include "tap.h"
#include "testutil.h"

static struct recording *rec;
static struct config cfg;

static char *slurp(const char *dir, const char *name, struct stat *st)
{
    char path[1024];
    struct buf b = {0};
    FILE *f;
    int ch;

    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (lstat(path, st) != 0 || !(f = fopen(path, "rb")))
        return NULL;
    while ((ch = fgetc(f)) != EOF)
        buf_putc(&b, (char)ch);
    fclose(f);
    return buf_detach(&b);
}

static size_t files_in(const char *dir)
{
    char cmd[1200];
    FILE *p;
    size_t n = 0;
    int ch;

    snprintf(cmd, sizeof cmd, "ls -A '%s'", dir);
    p = popen(cmd, "r");
    while (p && (ch = fgetc(p)) != EOF)
        n += ch == '\n';
    if (p)
        pclose(p);
    return n;
}

static size_t service_index(const struct snapshot *snap, const char *id)
{
    for (size_t i = 0; i < snap->nservices; i++) {
        if (strcmp(snap->services[i].id, id) == 0)
            return i;
    }
    printf("Bail out! no service %s\n", id);
    exit(1);
}

static void test_formats(struct snapshot *snap)
{
    char *dir = tu_tmpdir("export"), name[160], err[600];
    size_t bytes = 0, parley = service_index(snap, "parley");
    struct stat st;
    struct buf want = {0};
    char *got;

    is_int(view_formats_count, 3, "e offers three formats");
    ok(view_format_for_key('m')->format == EXPORT_MARKDOWN &&
           view_format_for_key('h')->format == EXPORT_HTML &&
           view_format_for_key('s')->format == EXPORT_SVG && !view_format_for_key('x'),
       "m Markdown, h HTML, s SVG; x none");

    int rc = view_export_write(dir, snap, parley, view_format_for_key('m'), false, name,
                               sizeof name, &bytes, err, sizeof err);
    export_snapshot(snap, EXPORT_MARKDOWN, &(struct export_opts){0}, &want);
    got = slurp(dir, name, &st);
    ok(rc == 0 && strcmp(name, "sitrep-2026-11-23T1840Z.md") == 0,
       "Markdown: named after the moment shown (%s)", name);
    ok(got && strcmp(got, buf_str(&want)) == 0 && bytes == want.len,
       "holds the view's Markdown export, %zu bytes", bytes);
    is_int(st.st_mode & 07777, 0600, "private: mode 0600");
    free(got);
    buf_free(&want);

    rc = view_export_write(dir, snap, parley, view_format_for_key('h'), false, name, sizeof name,
                           &bytes, err, sizeof err);
    got = slurp(dir, name, &st);
    ok(rc == 0 && strcmp(name, "sitrep-2026-11-23T1840Z.html") == 0 && got &&
           strncmp(got, "<!DOCTYPE html>", 15) == 0 && strstr(got, "Parley") &&
           !strstr(got, "<script"),
       "HTML: the self-contained page, no script");
    free(got);

    rc = view_export_write(dir, snap, parley, view_format_for_key('s'), false, name, sizeof name,
                           &bytes, err, sizeof err);
    got = slurp(dir, name, &st);
    ok(rc == 0 && strcmp(name, "sitrep-parley-2026-11-23T1840Z.svg") == 0 && got &&
           strncmp(got, "<svg", 4) == 0 && strstr(got, "Parley"),
       "SVG: the selected service's chart, named after it");
    /* the chart covers the sparklines' window, up to the moment shown */
    struct chart c;
    struct buf svg = {0};
    time_t to = snap->generated_at,
           from = snap->hist_end + snap->hist_bucket_s - (time_t)snap->nhist * snap->hist_bucket_s;
    chart_from_snapshot(&c, snap, parley, from, to);
    chart_svg(&c, &svg);
    ok(got && snap->nhist && strcmp(got, buf_str(&svg)) == 0,
       "the chart over the sparklines' window (%ld s)", (long)(to - from));
    chart_free(&c);
    buf_free(&svg);
    free(got);

    size_t before = files_in(dir);
    rc = view_export_write(dir, snap, snap->nservices, view_format_for_key('s'), false, name,
                           sizeof name, &bytes, err, sizeof err);
    ok(rc == -1 && strstr(err, "no service") && files_in(dir) == before,
       "SVG with no service selected: refused, no file (%s)", err);
    tu_rmtree(dir);
    free(dir);
}

/* An earlier export, or a link planted under the next name, is never
 * written over or through. */
static void test_never_over(struct snapshot *snap)
{
    char *dir = tu_tmpdir("export"), name[160], err[600], path[1024], victim[1024];
    size_t bytes;
    struct stat st;
    const struct view_format *md = view_format_for_key('m');

    view_export_write(dir, snap, 0, md, false, name, sizeof name, &bytes, err, sizeof err);
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    fputs("my notes", f);
    fclose(f);
    int rc = view_export_write(dir, snap, 0, md, false, name, sizeof name, &bytes, err, sizeof err);
    char *old = slurp(dir, "sitrep-2026-11-23T1840Z.md", &st);
    ok(rc == 0 && strcmp(name, "sitrep-2026-11-23T1840Z-2.md") == 0 && old &&
           strcmp(old, "my notes") == 0,
       "a second export of the same moment: -2, the first left alone");
    free(old);

    /* someone plants a link where the third would go */
    snprintf(victim, sizeof victim, "%s/victim", dir);
    f = fopen(victim, "w");
    fputs("precious", f);
    fclose(f);
    snprintf(path, sizeof path, "%s/sitrep-2026-11-23T1840Z-3.md", dir);
    ok(symlink(victim, path) == 0, "a link planted as the next name");
    rc = view_export_write(dir, snap, 0, md, false, name, sizeof name, &bytes, err, sizeof err);
    char *v = slurp(dir, "victim", &st);
    ok(rc == 0 && strcmp(name, "sitrep-2026-11-23T1840Z-4.md") == 0 && v &&
           strcmp(v, "precious") == 0,
       "the link is not followed: the export goes to -4, the link's target untouched");
    free(v);
    tu_rmtree(dir);
    free(dir);
}

/* A directory others can write to (or a link to one) is refused whole. */
static void test_unsafe_dirs(struct snapshot *snap)
{
    char *dir = tu_tmpdir("export"), name[160], err[600], link[1024];
    size_t bytes;
    const struct view_format *md = view_format_for_key('m');

    chmod(dir, 0777);
    int rc = view_export_write(dir, snap, 0, md, false, name, sizeof name, &bytes, err, sizeof err);
    ok(rc == -1 && strstr(err, dir) && files_in(dir) == 0,
       "a directory anyone can write to: refused, nothing written (%s)", err);
    chmod(dir, 0700);
    snprintf(link, sizeof link, "%s.link", dir);
    symlink(dir, link);
    rc = view_export_write(link, snap, 0, md, false, name, sizeof name, &bytes, err, sizeof err);
    ok(rc == -1 && strstr(err, "symbolic link") && files_in(dir) == 0,
       "a link in place of the directory: refused (%s)", err);
    unlink(link);
    tu_rmtree(dir);
    free(dir);
}

/* safefile_create_unique: the names it tries, and where it stops. */
static void test_unique(void)
{
    char *dir = tu_tmpdir("unique"), name[64];
    int dirfd = open(dir, O_RDONLY | O_DIRECTORY), fd = -1, last = -1;

    for (int i = 0; i < 99; i++) {
        fd = safefile_create_unique(dirfd, "x", ".md", name, sizeof name);
        if (fd >= 0)
            close(fd);
        last = fd;
    }
    ok(last >= 0 && strcmp(name, "x-99.md") == 0, "99 names: x.md, x-2.md ... x-99.md");
    fd = safefile_create_unique(dirfd, "x", ".md", name, sizeof name);
    ok(fd == -1 && errno == EEXIST, "a hundredth: none left, EEXIST");
    fd = safefile_create_unique(dirfd, "a-long-stem", ".md", name, 8);
    ok(fd == -1 && errno == ENAMETOOLONG, "a name that does not fit: ENAMETOOLONG");
    close(dirfd);
    tu_rmtree(dir);
    free(dir);
}

int main(void)
{
    tu_demo_load(&rec, &cfg);
    struct snapshot *snap = tu_demo_at(rec, &cfg, 100);

    test_formats(snap);
    test_never_over(snap);
    test_unsafe_dirs(snap);
    test_unique();
    snapshot_free(snap);
    recording_free(rec);
    config_free(&cfg);
    return tap_done();
}
