/* Exports: the JSON contract read back with jansson, the text layout as a
 * golden file, and remote text sanitized on the way out. */
#include "config.h"

#include <jansson.h>

#include "sitrep/export.h"
#include "sitrep/model.h"
#include "tap.h"
#include "testutil.h"

#define NOW 1795348800 /* 2026-11-22T12:00:00Z */

static const char config_text[] =
    "[sitrep]\ncolumns = ALL NA EU APAC\n"
    "[service calls]\nname = Callr\nurl = https://x/\nregion = group \"(?i)^(.*)$\" => $1\n"
    "[service linode]\nname = Linode\nurl = https://y/\n"
    "region = name \"\\(([A-Za-z .'-]+)( [0-9]+)?\\)\" => city:$1\n"
    "[service gone]\nname = Gone\nurl = https://z/\n";

static struct snapshot *build(struct config *cfg, struct model **m)
{
    tu_config(cfg, config_text);
    *m = model_new(cfg);
    tu_feed(*m, cfg, 0, 0, "tests/fixtures/e2e/calls-summary.json", NOW - 60);
    tu_feed(*m, cfg, 1, 0,
            "tests/fixtures/statuspage/atc0005-check-statuspage__linode-components-problems.json",
            NOW - 30);
    model_source_failure(*m, 2, 0, "HTTP 404", NOW - 10);
    return model_snapshot(*m, NOW);
}

static void test_json(const struct snapshot *snap)
{
    struct buf out = {0};
    json_error_t jerr;
    json_t *root, *svc, *cell, *inc;

    export_snapshot(snap, EXPORT_JSON, NULL, &out);
    root = json_loads(buf_str(&out), 0, &jerr);
    if (!ok(root != NULL, "the JSON export parses back")) {
        buf_free(&out);
        return;
    }
    is_str(json_string_value(json_object_get(root, "generated_at")), "2026-11-22T12:00:00Z",
           "generated_at");
    is_int(json_array_size(json_object_get(root, "columns")), 4, "four columns");
    svc = json_array_get(json_object_get(root, "services"), 0);
    is_str(json_string_value(json_object_get(svc, "id")), "calls", "first service id");
    is_str(json_string_value(json_object_get(svc, "level")), "major", "its level");
    cell = json_object_get(json_object_get(svc, "cells"), "EU");
    is_str(json_string_value(json_object_get(cell, "level")), "major", "EU cell level");
    is_str(json_string_value(json_object_get(cell, "evidence")), "official", "EU cell evidence");
    ok(json_is_null(json_object_get(cell, "reports")) &&
           json_is_null(json_object_get(cell, "baseline")),
       "no crowd data: reports and baseline are null");
    is_int(json_integer_value(json_object_get(cell, "age_s")), 60, "age_s");
    is_str(json_string_value(json_object_get(cell, "since")), "2026-11-22T11:05:00Z",
           "since: when EU became major (Login at 11:05, the incident began at partial)");
    cell = json_object_get(json_object_get(svc, "cells"), "APAC");
    is_str(json_string_value(json_object_get(cell, "level")), "none", "APAC is none");
    ok(json_is_null(json_object_get(cell, "age_s")), "and has no age");
    inc = json_array_get(json_object_get(svc, "incidents"), 0);
    is_int(json_array_size(json_object_get(inc, "updates")), 2, "two updates");
    const char *title = json_string_value(json_object_get(inc, "title"));
    ok(title && !strchr(title, '\x1b') && !strchr(title, '\x07') && strstr(title, "in Europe"),
       "the title is sanitized but keeps its words: %s", title ? title : "(null)");
    const char *body = json_string_value(
        json_object_get(json_array_get(json_object_get(inc, "updates"), 1), "body"));
    ok(body && strchr(body, '\n') && !strchr(body, '\r'),
       "update bodies keep their line breaks, lose CR");
    svc = json_array_get(json_object_get(root, "services"), 2);
    json_t *src = json_array_get(json_object_get(svc, "sources"), 0);
    ok(json_is_false(json_object_get(src, "ok")) &&
           strcmp(json_string_value(json_object_get(src, "error")), "HTTP 404") == 0 &&
           json_is_null(json_object_get(src, "last_success")),
       "a failing source: ok false, its error, no last success");
    ok(!strstr(buf_str(&out), "\\u001b") && !strstr(buf_str(&out), "\\u202e"),
       "no escaped control or bidi character anywhere in the JSON");
    json_decref(root);
    buf_free(&out);
}

static void test_text(const struct snapshot *snap)
{
    struct buf out = {0};
    struct export_opts ascii = {.ascii = true};

    export_snapshot(snap, EXPORT_TEXT, NULL, &out);
    ok(tu_golden(buf_str(&out), "tests/golden/export-text.txt"), "text export matches its golden");
    ok(!strchr(buf_str(&out), '\x1b') && !strstr(buf_str(&out), "\xe2\x80\xae"),
       "no escape or bidi override in the text");
    buf_reset(&out);
    export_snapshot(snap, EXPORT_TEXT, &ascii, &out);
    int ascii_only = 1;
    for (const unsigned char *p = (const unsigned char *)buf_str(&out); *p; p++)
        ascii_only &= *p < 0x80;
    ok(ascii_only, "the ASCII text export is pure ASCII");
    buf_free(&out);
}

static void test_formats(void)
{
    enum export_format f;

    ok(export_format_parse("json", &f) && f == EXPORT_JSON, "json is a format");
    ok(export_format_parse("text", &f) && f == EXPORT_TEXT, "text is a format");
    ok(!export_format_parse("yaml", &f) && !export_format_parse(NULL, &f), "yaml is not");
}

int main(void)
{
    struct config cfg;
    struct model *m;
    struct snapshot *snap = build(&cfg, &m);

    test_json(snap);
    test_text(snap);
    test_formats();
    snapshot_free(snap);
    model_free(m);
    config_free(&cfg);
    return tap_done();
}
