/* 'e': what the dashboard shows, as a file in the working directory: the
 * snapshot as Markdown or as a self-contained HTML page, or the selected
 * service's chart as SVG over the sparklines' window. The file is created
 * as safefile.h says (a directory of the user's own, O_EXCL, O_NOFOLLOW,
 * 0600): an export can hold what a private config points at, and a name
 * already taken, or a link planted under it, is never written through. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "app_internal.h"
#include "sitrep/chart.h"
#include "sitrep/safefile.h"
#include "sitrep/timefmt.h"

#define SVG_WINDOW_S (6 * 3600) /* without sparklines: as the HTML page's charts */

const struct view_format view_formats[] = {
    {'m', EXPORT_MARKDOWN, "Markdown", ".md"},
    {'h', EXPORT_HTML, "HTML page", ".html"},
    {'s', EXPORT_SVG, "SVG chart", ".svg"},
};
const size_t view_formats_count = sizeof view_formats / sizeof view_formats[0];

const struct view_format *view_format_for_key(int key)
{
    for (size_t i = 0; i < view_formats_count; i++) {
        if (view_formats[i].key == key)
            return &view_formats[i];
    }
    return NULL;
}

/* The chart covers what the sparklines cover, up to the moment shown. */
static void chart_window(const struct snapshot *snap, time_t *from, time_t *to)
{
    *to = snap->generated_at;
    *from = *to - SVG_WINDOW_S;
    if (snap->nhist && snap->hist_bucket_s > 0)
        *from = snap->hist_end + snap->hist_bucket_s - (time_t)snap->nhist * snap->hist_bucket_s;
}

static void render(const struct snapshot *snap, size_t service, enum export_format format,
                   bool ascii, struct buf *out)
{
    struct export_opts eo = {.ascii = ascii};
    struct chart c;
    time_t from, to;

    if (format != EXPORT_SVG) {
        export_snapshot(snap, format, &eo, out);
        return;
    }
    chart_window(snap, &from, &to);
    chart_from_snapshot(&c, snap, service, from, to);
    chart_svg(&c, out);
    chart_free(&c);
}

/* sitrep-2026-11-23T1745Z, or sitrep-parley-2026-11-23T1745Z for one
 * service's chart (the id kept to characters a file name takes as is). */
static void file_stem(const struct snapshot *snap, const char *id, char *out, size_t outlen)
{
    char iso[32], safe[48];
    size_t n = 0;

    for (; id && *id && n + 2 < sizeof safe; id++) {
        char ch = *id;
        bool plain = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                     (ch >= '0' && ch <= '9') || ch == '-' || ch == '_';
        safe[n++] = plain ? ch : '_';
    }
    safe[n] = '\0';
    time_format_iso8601(snap->generated_at, iso, sizeof iso);
    snprintf(out, outlen, "sitrep-%s%s%.10sT%.2s%.2sZ", safe, n ? "-" : "", iso, iso + 11,
             iso + 14);
}

static bool write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, data, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        data += w;
        len -= (size_t)w;
    }
    return true;
}

int view_export_write(const char *dir, const struct snapshot *snap, size_t service,
                      const struct view_format *vf, bool ascii, char *name, size_t namelen,
                      size_t *bytes, char *err, size_t errlen)
{
    struct buf out = {0};
    char stem[128];
    int dirfd, fd, rc = -1;

    if (vf->format == EXPORT_SVG && service >= snap->nservices) {
        snprintf(err, errlen, "no service selected to chart");
        return -1;
    }
    dirfd = safefile_open_dir(dir, false, err, errlen);
    if (dirfd < 0)
        return -1;
    file_stem(snap, vf->format == EXPORT_SVG ? snap->services[service].id : NULL, stem,
              sizeof stem);
    fd = safefile_create_unique(dirfd, stem, vf->ext, name, namelen);
    if (fd < 0) {
        snprintf(err, errlen, "%s: cannot create %s%s: %s", dir, stem, vf->ext, strerror(errno));
        close(dirfd);
        return -1;
    }
    render(snap, service, vf->format, ascii, &out);
    if (write_all(fd, buf_str(&out), out.len) && fsync(fd) == 0) {
        rc = 0;
        *bytes = out.len;
    } else {
        snprintf(err, errlen, "%s/%s: %s", dir, name, strerror(errno));
    }
    if (close(fd) != 0 && rc == 0) {
        snprintf(err, errlen, "%s/%s: %s", dir, name, strerror(errno));
        rc = -1;
    }
    if (rc != 0) /* no half-written file left to be quoted */
        unlinkat(dirfd, name, 0);
    close(dirfd);
    buf_free(&out);
    return rc;
}
