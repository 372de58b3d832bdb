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
    /* json: everything a viewer needs to draw the dashboard (sparklines,
     * every component, crowd counts, source details), for sitrep serve's
     * viewers; json_parse.c reads it back. */
    bool full;
    /* full: how fast the producer's clock runs (1 live, a replay's speed,
     * 0 frozen at a moment), so a viewer can tell the time between
     * snapshots. */
    double clock_speed;
};

/* "text", "json", "csv", "markdown", "nagios", "html", "svg". Returns false for an unknown name. */
bool export_format_parse(const char *name, enum export_format *out);

/* Appends the snapshot in the given format to out. */
void export_snapshot(const struct snapshot *snap, enum export_format format,
                     const struct export_opts *opts, struct buf *out);

/* The full JSON's "format": what a viewer checks before reading it. */
#define SNAPSHOT_JSON_FULL "sitrep-snapshot-full/1"

/* Reads a snapshot back from JSON written with opts.full (the JSON of
 * sitrep serve's /api/v1/snapshot?full=1), len bytes of remote input:
 * strictly typed, bounded, every level and region checked; text stays as
 * the producer sanitized it. Returns the snapshot (with *clock_speed set
 * when clock_speed is not NULL), or NULL with a message in err that never
 * quotes the input. */
struct snapshot *snapshot_from_json(const char *text, size_t len, double *clock_speed, char *err,
                                    size_t errlen);

/* Takes the output piece by piece. */
typedef void (*export_emit_fn)(void *ctx, const char *data, size_t len);
/* The same bytes as export_snapshot(), handed to emit as they are made:
 * JSON goes out a service at a time, so a large snapshot's document is
 * never whole in memory; the other formats go out in one piece. */
void export_snapshot_stream(const struct snapshot *snap, enum export_format format,
                            const struct export_opts *opts, export_emit_fn emit, void *ctx);

/* The formats (export.c dispatches through a table of these). */
void export_text(const struct snapshot *snap, const struct export_opts *opts, struct buf *out);
void export_json(const struct snapshot *snap, const struct export_opts *opts, struct buf *out);
void export_json_stream(const struct snapshot *snap, const struct export_opts *opts,
                        export_emit_fn emit, void *ctx);
/* One row per cell (service x column), RFC 4180, with a header row. */
void export_csv(const struct snapshot *snap, const struct export_opts *opts, struct buf *out);
void export_csv_stream(const struct snapshot *snap, const struct export_opts *opts,
                       export_emit_fn emit, void *ctx);
/* A report for a journalist, ready to paste: see markdown.c. */
void export_markdown(const struct snapshot *snap, const struct export_opts *opts, struct buf *out);
/* One Nagios plugin status line with performance data (see nagios.c); the
 * exit status to go with it is snapshot_nagios(). */
void export_nagios(const struct snapshot *snap, const struct export_opts *opts, struct buf *out);
/* A self-contained HTML report (see html.c). */
void export_html(const struct snapshot *snap, const struct export_opts *opts, struct buf *out);

#endif
