/* Exports: a snapshot rendered as text, JSON, CSV or Markdown.
 * Every remote string goes through the sanitizer on the way out. */
#ifndef SITREP_EXPORT_H
#define SITREP_EXPORT_H

#include <stdbool.h>

#include "sitrep/buf.h"
#include "sitrep/snapshot.h"

enum export_format {
    EXPORT_TEXT,
    EXPORT_JSON,
    EXPORT_CSV,
    EXPORT_MARKDOWN,
    EXPORT_NAGIOS,
    EXPORT_HTML,
    EXPORT_SVG, /* history charts: sitrep export only */
    EXPORT_FORMAT_COUNT
};

struct export_opts {
    bool ascii; /* text: ASCII only (non-UTF-8 locale, --ascii) */
};

/* "text", "json", "csv", "markdown", "nagios", "html", "svg". Returns false for an unknown name. */
bool export_format_parse(const char *name, enum export_format *out);
const char *export_format_name(enum export_format format);

/* Appends the snapshot in the given format to out. */
void export_snapshot(const struct snapshot *snap, enum export_format format,
                     const struct export_opts *opts, struct buf *out);

/* The formats (export.c dispatches through a table of these). */
void export_text(const struct snapshot *snap, const struct export_opts *opts, struct buf *out);
void export_json(const struct snapshot *snap, const struct export_opts *opts, struct buf *out);
/* One row per cell (service x column), RFC 4180, with a header row. */
void export_csv(const struct snapshot *snap, const struct export_opts *opts, struct buf *out);
/* A report for a journalist, ready to paste: see markdown.c. */
void export_markdown(const struct snapshot *snap, const struct export_opts *opts, struct buf *out);
/* One Nagios plugin status line with performance data (see nagios.c); the
 * exit status to go with it is snapshot_nagios(). */
void export_nagios(const struct snapshot *snap, const struct export_opts *opts, struct buf *out);
/* A self-contained HTML report (see html.c). */
void export_html(const struct snapshot *snap, const struct export_opts *opts, struct buf *out);

#endif
