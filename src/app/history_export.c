/* `sitrep export`: the stored history to standard output, as CSV (one row
 * per bucket, service and column) or JSON (the same rows and the official
 * statements). Reads the database read-only, so it runs beside a live
 * sitrep. Remote text goes through the sanitizer like every export. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "app_internal.h"
#include "sitrep/app.h"
#include "sitrep/buf.h"
#include "sitrep/chart.h"
#include "sitrep/sanitize.h"
#include "sitrep/snapshot.h"
#include "sitrep/timefmt.h"
#include "sitrep/xalloc.h"

/* Until: everything stored (a replay may have written a recording's future). */
#define FAR_FUTURE ((time_t)4102444800)

struct out {
    enum export_format format;
    struct buf csv;
    json_t *samples, *statements;
};

static void iso(time_t t, char *out, size_t outlen)
{
    time_format_iso8601(t, out, outlen);
}

/* Ids come from the user's config, not from remote pages, but a shared
 * database is anyone's: they go out clean too. */
static void csv_field(struct buf *b, const char *raw)
{
    char *clean = sanitize_str(raw, 0, 0);
    bool quote = strpbrk(clean, ",\"\r\n") != NULL;

    if (strchr("=+-@", clean[0]) && clean[0])
        buf_putc(b, '\''); /* a spreadsheet must not read it as a formula */
    if (quote)
        buf_putc(b, '"');
    for (const char *p = clean; *p; p++) {
        if (*p == '"')
            buf_putc(b, '"');
        buf_putc(b, *p);
    }
    if (quote)
        buf_putc(b, '"');
    free(clean);
}

static void csv_long(struct buf *b, long v)
{
    if (v >= 0)
        buf_printf(b, "%ld", v);
}

static json_t *jclean(const char *raw)
{
    char *clean = sanitize_str(raw ? raw : "", 0, SAN_MULTILINE);
    json_t *j = json_string(clean);

    free(clean);
    return j ? j : json_string("");
}

static json_t *jcount(long v)
{
    return v >= 0 ? json_integer(v) : json_null();
}

static bool on_sample(void *ctx, const struct store_sample *s, int bucket_s)
{
    struct out *o = ctx;
    char t[32];

    iso(s->bucket, t, sizeof t);
    if (o->format == EXPORT_CSV) {
        struct buf *b = &o->csv;
        buf_printf(b, "%s,", t);
        csv_field(b, s->service);
        buf_putc(b, ',');
        csv_field(b, strcmp(s->region, "*") == 0 ? "" : s->region);
        buf_printf(b, ",%d,%s,%s,", bucket_s, level_name(s->level),
                   evidence_kind_name(s->evidence));
        csv_long(b, s->reports);
        buf_putc(b, ',');
        csv_long(b, s->baseline);
        buf_puts(b, "\r\n");
    } else {
        json_t *j = json_object();
        json_object_set_new(j, "time", json_string(t));
        json_object_set_new(j, "bucket_s", json_integer(bucket_s));
        json_object_set_new(j, "service", jclean(s->service));
        json_object_set_new(j, "column",
                            strcmp(s->region, "*") == 0 ? json_null() : jclean(s->region));
        json_object_set_new(j, "level", json_string(level_name(s->level)));
        json_object_set_new(j, "evidence", json_string(evidence_kind_name(s->evidence)));
        json_object_set_new(j, "reports", jcount(s->reports));
        json_object_set_new(j, "baseline", jcount(s->baseline));
        json_array_append_new(o->samples, j);
    }
    return true;
}

static bool on_statement(void *ctx, const struct store_statement *s)
{
    struct out *o = ctx;
    json_t *j = json_object();
    char t[32];

    iso(s->at, t, sizeof t);
    json_object_set_new(j, "at", json_string(t));
    json_object_set_new(j, "service", jclean(s->service));
    json_object_set_new(j, "source", jclean(s->source));
    json_object_set_new(j, "incident", jclean(s->incident));
    json_object_set_new(j, "title", jclean(s->title));
    json_object_set_new(j, "status", jclean(s->status));
    json_object_set_new(j, "level", json_string(level_name(s->level)));
    json_object_set_new(j, "body", jclean(s->body));
    json_array_append_new(o->statements, j);
    return true;
}

/* The services the history holds between from and to. */
struct ids {
    char **v;
    size_t n;
};

static bool on_id(void *ctx, const struct store_sample *s, int bucket_s)
{
    struct ids *ids = ctx;

    (void)bucket_s;
    for (size_t i = 0; i < ids->n; i++) {
        if (strcmp(ids->v[i], s->service) == 0)
            return true;
    }
    ids->v = xreallocarray(ids->v, ids->n + 1, sizeof *ids->v);
    ids->v[ids->n++] = xstrdup(s->service);
    return true;
}

/* svg: one service's chart; html: a page of every service's (or the one). */
static int write_charts(struct store *st, enum export_format format, const char *service,
                        time_t from, time_t now, struct buf *out, char *err, size_t errlen)
{
    struct ids ids = {0};
    struct chart *charts;
    int rc = 0;

    if (service)
        on_id(&ids, &(struct store_sample){.service = service}, 0);
    else if (store_read_samples(st, NULL, NULL, from, now + 1, on_id, &ids, err, errlen) != 0)
        return -1;
    charts = xcalloc(ids.n + 1, sizeof *charts);
    for (size_t i = 0; i < ids.n && rc == 0; i++)
        rc = history_chart(st, ids.v[i], NULL, from, now, &charts[i], err, errlen);
    if (rc == 0 && format == EXPORT_SVG && ids.n)
        chart_svg(&charts[0], out);
    else if (rc == 0)
        chart_html(charts, ids.n, now, out);
    for (size_t i = 0; i < ids.n; i++) {
        chart_free(&charts[i]);
        free(ids.v[i]);
    }
    free(charts);
    free(ids.v);
    return rc;
}

int history_write(struct store *st, enum export_format format, const char *service, time_t from,
                  time_t now, struct buf *out, char *err, size_t errlen)
{
    struct out o = {.format = format};
    int rc = 0;

    if (format == EXPORT_SVG || format == EXPORT_HTML)
        return write_charts(st, format, service, from, now, out, err, errlen);
    o.samples = json_array();
    o.statements = json_array();
    if (format == EXPORT_CSV)
        buf_puts(&o.csv, "time,service,column,bucket_s,level,evidence,reports,baseline\r\n");
    if (store_read_samples(st, service, NULL, from, FAR_FUTURE, on_sample, &o, err, errlen) != 0 ||
        (format == EXPORT_JSON && store_read_statements(st, service, from, FAR_FUTURE, on_statement,
                                                        &o, err, errlen) != 0)) {
        rc = -1;
    } else if (format == EXPORT_CSV) {
        buf_append(out, buf_str(&o.csv), o.csv.len);
    } else {
        json_t *root = json_object();
        char t[32], *text;
        iso(now, t, sizeof t);
        json_object_set_new(root, "generated_at", json_string(t));
        iso(from, t, sizeof t);
        json_object_set_new(root, "since", json_string(t));
        json_object_set_new(root, "samples", o.samples);
        json_object_set_new(root, "statements", o.statements);
        o.samples = o.statements = NULL;
        text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        if (text) {
            buf_puts(out, text);
            buf_putc(out, '\n');
        }
        free(text);
        json_decref(root);
    }
    json_decref(o.samples);
    json_decref(o.statements);
    buf_free(&o.csv);
    return rc;
}

int app_export(int argc, char **argv)
{
    struct export_cli ex;
    struct store_opts so = {.read_only = true};
    struct store_report rep = {0};
    struct store *st;
    struct buf out = {0};
    char err[512], *path;
    time_t now = time(NULL), from;
    int rc = EXIT_OK;

    if (cli_parse_export(argc, argv, &ex, err, sizeof err) != 0) {
        fprintf(stderr, "sitrep export: %s\nTry 'sitrep export --help' for more information.\n",
                err);
        return EXIT_USAGE;
    }
    if (ex.help) {
        cli_export_usage(stdout);
        return EXIT_OK;
    }
    path = ex.db_path ? xstrdup(ex.db_path) : app_default_db();
    if (!path) {
        fprintf(stderr, "sitrep export: no --db and no HOME to find the history in\n");
        return EXIT_USAGE;
    }
    st = store_open(path, &so, &rep, err, sizeof err);
    if (!st) {
        fprintf(stderr, "sitrep export: %s\n", err);
        free(path);
        return EXIT_RUNTIME;
    }
    from = ex.since_at ? ex.since_at : now - ex.since_s;
    if (history_write(st, ex.format, ex.service, from, now, &out, err, sizeof err) != 0) {
        fprintf(stderr, "sitrep export: %s: %s\n", path, err);
        rc = EXIT_RUNTIME;
    } else if (fwrite(buf_str(&out), 1, out.len, stdout) != out.len || fflush(stdout) != 0) {
        rc = EXIT_RUNTIME;
    }
    buf_free(&out);
    store_close(st);
    free(path);
    return rc;
}
