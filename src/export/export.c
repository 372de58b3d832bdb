/* Export format table (see export.h). */
#include "config.h"

#include <string.h>

#include "sitrep/export.h"

typedef void (*export_fn)(const struct snapshot *snap, const struct export_opts *opts,
                          struct buf *out);

typedef void (*export_stream_fn)(const struct snapshot *snap, const struct export_opts *opts,
                                 export_emit_fn emit, void *ctx);

/* stream: the formats that can be written a piece at a time (the big ones
 * at ten thousand services); the others are built whole, then emitted. */
static const struct {
    const char *name;
    export_fn fn;
    export_stream_fn stream;
} formats[EXPORT_FORMAT_COUNT] = {
    [EXPORT_TEXT] = {"text", export_text},
    [EXPORT_JSON] = {"json", export_json, export_json_stream},
    [EXPORT_CSV] = {"csv", export_csv, export_csv_stream},
    [EXPORT_MARKDOWN] = {"markdown", export_markdown},
    [EXPORT_NAGIOS] = {"nagios", export_nagios},
    [EXPORT_HTML] = {"html", export_html},
    [EXPORT_SVG] = {"svg", NULL},
};

bool export_format_parse(const char *name, enum export_format *out)
{
    for (int i = 0; name && i < EXPORT_FORMAT_COUNT; i++) {
        if (strcmp(formats[i].name, name) == 0) {
            *out = (enum export_format)i;
            return true;
        }
    }
    return false;
}

void export_snapshot(const struct snapshot *snap, enum export_format format,
                     const struct export_opts *opts, struct buf *out)
{
    static const struct export_opts defaults;

    if ((unsigned)format < EXPORT_FORMAT_COUNT && formats[format].fn)
        formats[format].fn(snap, opts ? opts : &defaults, out);
}

void export_snapshot_stream(const struct snapshot *snap, enum export_format format,
                            const struct export_opts *opts, export_emit_fn emit, void *ctx)
{
    static const struct export_opts defaults;
    struct buf out = {0};

    if ((unsigned)format < EXPORT_FORMAT_COUNT && formats[format].stream) {
        formats[format].stream(snap, opts ? opts : &defaults, emit, ctx);
        return;
    }
    export_snapshot(snap, format, opts, &out);
    emit(ctx, out.data ? out.data : "", out.len);
    buf_free(&out);
}
