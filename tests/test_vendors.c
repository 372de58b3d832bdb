/* PlayStation Network, Statuspal, PayPal and Zendesk. No real capture of
 * any of them is public (tests/fixtures/formats/SOURCES.md): the fixtures
 * are hand-written from the documented shapes and say so in their names.
 * Each one's evidence and the grid's cells once a model has it match a
 * golden JSON file checked by reading the fixture; then bad input, 10^5
 * entries, and the choices each format makes, case by case. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "sitrep/buf.h"
#include "sitrep/evidence.h"
#include "sitrep/model.h"
#include "sitrep/provider.h"
#include "sitrep/snapshot.h"
#include "sitrep/timefmt.h"
#include "sitrep/xalloc.h"
#include "tap.h"
#include "testutil.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* 2026-10-01T00:00:00Z: after every fixture's times. */
#define NOW ((time_t)1790812800)

static const char columns[] = "ALL NA LATAM EU MEA APAC JP US AU CH AT FR DE";

struct fixture {
    const char *path; /* under tests/fixtures/formats/ */
    const char *format;
    const char *source; /* extra source lines, as the catalogue gives them */
};

/* Exoscale's zones (CH-GVA-2, AT-VIE-1) start with their country. */
#define EXOSCALE                                                                                   \
    "region = group \"^([A-Z]{2})-[A-Z]+-[0-9]+$\" => country:$1\n"                                \
    "region = name \"^([A-Z]{2})-[A-Z]+-[0-9]+$\" => country:$1\n"

static const struct fixture fixtures[] = {
    {"psn/HANDWRITTEN_psn_SCEE_all-up.json", "psn", "default_region = EMEA\n"},
    {"psn/HANDWRITTEN_psn_SCEA_outage-and-degraded.json", "psn", "default_region = AMER\n"},
    {"psn/HANDWRITTEN_psn_SCEJA_maintenance.json", "psn", "default_region = AS\n"},
    {"psn/HANDWRITTEN_psn_SCEE_unknown-type.json", "psn", "default_region = EMEA\n"},
    {"psn/HANDWRITTEN_psn_SCEE_countries.json", "psn", "default_region = EMEA\n"},
    {"statuspal/HANDWRITTEN_statuspal_summary_minor-nested.json", "statuspal",
     "region = name \"\\((Japan|US)\\)$\" => $1\n"},
    {"statuspal/HANDWRITTEN_statuspal_summary_all-up.json", "statuspal", ""},
    {"statuspal/Linuxfabrik-monitoring-plugins__exoscale-network-degraded.json", "statuspal",
     EXOSCALE},
    {"statuspal/Linuxfabrik-monitoring-plugins__exoscale-operational.json", "statuspal", EXOSCALE},
    {"statuspal/Linuxfabrik-monitoring-plugins__exoscale-recent-incident-closed.json", "statuspal",
     EXOSCALE},
    {"statuspal/Linuxfabrik-monitoring-plugins__exoscale-vie2-maintenance-critical.json",
     "statuspal", EXOSCALE},
    {"statuspal/Linuxfabrik-monitoring-plugins__hosttech-minor-incident.json", "statuspal", ""},
    {"statuspal/Linuxfabrik-monitoring-plugins__maslak-teamdefinex-down.json", "statuspal", ""},
    {"statuspal/Linuxfabrik-monitoring-plugins__peak-customer-api-down.json", "statuspal", ""},
    {"paypal/HANDWRITTEN_paypal_components_disruption.json", "paypal", ""},
    {"paypal/HANDWRITTEN_paypal_components_all-up.json", "paypal", ""},
    {"zendesk/HANDWRITTEN_zendesk_incidents_active_degradation.json", "zendesk", ""},
    {"zendesk/HANDWRITTEN_zendesk_ssp_incidents_history.json", "zendesk", ""},
};

/* ---- the golden dump ------------------------------------------------------ */

static json_t *jstr(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *jtime(time_t t)
{
    char buf[32];

    if (!t)
        return json_null();
    time_format_iso8601(t, buf, sizeof buf);
    return json_string(buf);
}

/* One line per component: "[group] name: level (raw status) @region". */
static json_t *dump_components(const struct evidence *ev)
{
    json_t *all = json_array();

    for (size_t i = 0; i < ev->ncomponents; i++) {
        const struct component *c = &ev->components[i];
        char *line = xasprintf("%s%s%s%s%s: %s (%s)%s%s", c->is_group ? "group " : "",
                               c->group_name ? "[" : "", c->group_name ? c->group_name : "",
                               c->group_name ? "] " : "", c->name, level_name(c->level),
                               c->status ? c->status : "-", c->region == REGION_NONE ? "" : " @",
                               c->region == REGION_NONE ? "" : region_code(c->region));
        json_array_append_new(all, json_string(line));
        free(line);
    }
    return all;
}

static json_t *dump_incident(const struct incident *inc)
{
    json_t *o = json_pack("{s:o, s:o, s:b, s:b, s:b, s:s}", "name", jstr(inc->name), "status",
                          jstr(inc->status), "open", inc->open, "maintenance", inc->maintenance,
                          "scheduled", inc->scheduled, "level", level_name(inc->level));
    json_t *places = json_array();

    for (size_t i = 0; i < inc->nlocations; i++)
        json_array_append_new(places, json_pack("[s, s]", inc->locations[i].text,
                                                inc->locations[i].region == REGION_NONE
                                                    ? "-"
                                                    : region_code(inc->locations[i].region)));
    json_object_set_new(o, "started", jtime(inc->started_at));
    json_object_set_new(o, "resolved", jtime(inc->resolved_at));
    json_object_set_new(
        o, "window", json_pack("[o, o]", jtime(inc->scheduled_for), jtime(inc->scheduled_until)));
    json_object_set_new(o, "first_update", jstr(inc->nupdates ? inc->updates[0].body : NULL));
    json_object_set_new(o, "updates", json_integer((json_int_t)inc->nupdates));
    json_object_set_new(o, "components", json_integer((json_int_t)inc->ncomponent_ids));
    json_object_set_new(o, "places", places);
    return o;
}

static char *cells_text(const struct snapshot *snap)
{
    struct buf b = {0};

    for (size_t c = 0; c < snap->ncolumns; c++)
        buf_printf(&b, "%s%s=%s%s", c ? " " : "", region_code(snap->columns[c]),
                   snap->services[0].cells[c].possible ? "~" : "",
                   level_name(snap->services[0].cells[c].level));
    buf_putc(&b, '\0');
    return b.data;
}

/* The cells of a one-source model fed the file, as "ALL=major EU=~major". */
static char *cells_for(const char *format, const char *source, const char *path)
{
    struct config cfg = {0};
    char *conf = xasprintf("[sitrep]\ncolumns = %s\n[service x]\nformat = %s\n"
                           "url = https://status.example/\n%s",
                           columns, format, source);
    struct model *m;
    struct snapshot *snap;
    char *cells;

    tu_config(&cfg, conf);
    m = model_new(&cfg);
    tu_feed(m, &cfg, 0, 0, path, NOW);
    snap = model_snapshot(m, NOW);
    cells = cells_text(snap);
    snapshot_free(snap);
    model_free(m);
    config_free(&cfg);
    free(conf);
    return cells;
}

static char *describe(const struct fixture *fx)
{
    const struct provider *p = provider_find(fx->format);
    struct evidence ev = {0};
    char err[256] = "", path[512], *text, *cells;
    size_t len;
    char *body;
    json_t *out, *incidents;
    int rc;

    snprintf(path, sizeof path, "tests/fixtures/formats/%s", fx->path);
    body = tap_read_file(path, &len);
    rc = p ? p->parse(body, len, &ev, err, sizeof err) : -1;
    out = json_pack("{s:s, s:b}", "format", fx->format, "parsed", rc == 0);
    if (rc != 0) {
        json_object_set_new(out, "error", json_string(err));
    } else {
        incidents = json_array();
        json_object_set_new(out, "level", json_string(level_name(ev.level)));
        json_object_set_new(out, "page", jstr(ev.page_name));
        json_object_set_new(out, "indicator", jstr(ev.indicator));
        json_object_set_new(out, "components", dump_components(&ev));
        for (size_t i = 0; i < ev.nincidents; i++)
            json_array_append_new(incidents, dump_incident(&ev.incidents[i]));
        json_object_set_new(out, "incidents", incidents);
        evidence_free(&ev);
    }
    cells = cells_for(fx->format, fx->source, path);
    json_object_set_new(out, "cells", json_string(cells));
    free(cells);
    free(body);
    text = json_dumps(out, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
    json_decref(out);
    return text;
}

static void test_goldens(void)
{
    for (size_t i = 0; i < NELEM(fixtures); i++) {
        char golden[512], *text = describe(&fixtures[i]), *with_nl;

        snprintf(golden, sizeof golden, "tests/golden/vendors/%s.json", fixtures[i].path);
        with_nl = xasprintf("%s\n", text);
        ok(tu_golden(with_nl, golden), "golden: %s", fixtures[i].path);
        free(with_nl);
        free(text);
    }
}

/* Every fixture is recognised as its own format by its first bytes. */
static void test_sniff(void)
{
    for (size_t i = 0; i < NELEM(fixtures); i++) {
        char path[512];
        size_t len;
        char *body;
        const struct provider *p;

        snprintf(path, sizeof path, "tests/fixtures/formats/%s", fixtures[i].path);
        body = tap_read_file(path, &len);
        p = provider_sniff(body, len);
        is_str(p ? p->name : "(none)", fixtures[i].format, "sniff: %s", fixtures[i].path);
        free(body);
    }
}

/* ---- bad input --------------------------------------------------------------- */

struct bad {
    const char *format, *body;
    const char *err_has; /* NULL: it parses, at level */
    enum level level;
};

static const struct bad bad_cases[] = {
    {"psn", "", "got an empty body", LEVEL_NONE},
    {"psn", "<!DOCTYPE html><html><body>Sign in</body></html>",
     "expected a PlayStation Network status document, got HTML", LEVEL_NONE},
    {"psn", "{\"regionName\":\"SCEA\",\"status\":[{\"statusType\":\"Outage\"", "truncated",
     LEVEL_NONE},
    {"psn", "{\"regionName\":\"SCEA\",\"status\":{}}", "'status' is an object", LEVEL_NONE},
    {"psn", "{\"regionName\":\"SCEA\",\"status\":null}", "'status' is null", LEVEL_NONE},
    {"psn", "[{\"statusType\":\"OK\"}]", "'status' is missing", LEVEL_NONE},
    {"psn", "{\"regionName\":\"SCEA\",\"status\":[7]}", "status entry 0 is a number", LEVEL_NONE},
    {"psn", "{\"regionName\":null,\"status\":[{\"statusType\":null}]}", NULL, LEVEL_UNKNOWN},
    {"psn", "{\"regionName\":42,\"status\":[{\"statusType\":\"ok\"}]}", NULL, LEVEL_OK},
    {"psn", "{\"regionName\":\"SCEE\",\"status\":[{\"statusType\":\"OK\"}]}", NULL, LEVEL_OK},
    {"statuspal", "<html><body>Login</body></html>", "expected a Statuspal summary, got HTML",
     LEVEL_NONE},
    {"statuspal", "{\"status_page\":{\"name\":\"x\"},\"services\":[{\"id\":1,", "truncated",
     LEVEL_NONE},
    {"statuspal", "{\"services\":{}}", "no 'status_page' or 'services'", LEVEL_NONE},
    {"statuspal", "{\"status_page\":{},\"incidents\":{}}", "'incidents' is an object", LEVEL_NONE},
    {"statuspal", "{\"status_page\":{},\"services\":7}", "'services' is a number", LEVEL_NONE},
    {"statuspal", "{\"status_page\":{\"current_incident_type\":\"cosmic\"},\"services\":[]}", NULL,
     LEVEL_UNKNOWN},
    {"statuspal",
     "{\"status_page\":null,\"services\":[null,7,{\"id\":null,\"name\":null},"
     "{\"name\":\"x\",\"current_incident_type\":\"major\",\"children\":{}}],"
     "\"incidents\":[null,{\"type\":\"major\",\"ends_at\":\"2026-01-01T00:00:00Z\"}]}",
     NULL, LEVEL_MAJOR},
    {"statuspal", "{\"status_page\":{},\"incidents\":[{\"title\":\"t\",\"type\":\"minor\"}]}", NULL,
     LEVEL_DEGRADED},
    {"paypal", "<html><body>Login</body></html>", "expected a PayPal components document, got HTML",
     LEVEL_NONE},
    {"paypal", "{\"result\":[{\"name\":\"Checkout\",\"status\":{\"produc", "truncated", LEVEL_NONE},
    {"paypal", "{\"result\":{}}", "'result' is an object", LEVEL_NONE},
    {"paypal", "{\"result\":[\"x\"]}", "component 0 is a string", LEVEL_NONE},
    {"paypal", "{\"result\":[{\"name\":\"A\",\"status\":{\"production\":\"on fire\"}}]}", NULL,
     LEVEL_UNKNOWN},
    {"paypal", "{\"result\":[{\"name\":\"A\",\"status\":{\"production\":null}}]}", NULL,
     LEVEL_UNKNOWN},
    {"paypal", "{\"result\":[{\"name\":\"A\",\"status\":\"Service Outage\"}]}", NULL, LEVEL_MAJOR},
    {"paypal", "{\"result\":[{\"category\":null,\"status\":{\"production\":\"operational\"}}]}",
     NULL, LEVEL_NONE},
    {"paypal",
     "{\"result\":[{\"id\":1,\"category\":null,\"status\":{\"sandbox\":\"operational\"}}]}", NULL,
     LEVEL_OK},
    {"paypal", "{\"result\":[]}", NULL, LEVEL_NONE},
    {"zendesk", "<html><body>Login</body></html>",
     "expected a Zendesk incidents document, got HTML", LEVEL_NONE},
    {"zendesk", "{\"data\":[{\"id\":\"1\",\"attributes\":{\"outage\":tru", "truncated", LEVEL_NONE},
    {"zendesk", "{\"data\":[null]}", "incident 0 is null", LEVEL_NONE},
    {"zendesk", "{\"data\":{}}", "'data' is an object", LEVEL_NONE},
    {"zendesk", "{\"data\":[1]}", "incident 0 is a number", LEVEL_NONE},
    {"zendesk", "{\"data\":[{\"id\":\"12\",\"type\":\"service\",\"attributes\":{\"name\":\"V\"}}]}",
     "got its services list", LEVEL_NONE},
    {"zendesk", "{\"data\":[]}", NULL, LEVEL_OK},
    {"zendesk", "{\"data\":[{\"attributes\":null}]}", NULL, LEVEL_NOTICE},
    {"zendesk", "{\"data\":[{\"attributes\":{\"outage\":\"yes\",\"impact\":\"critical\"}}]}", NULL,
     LEVEL_MAJOR},
    {"zendesk", "{\"data\":[{\"attributes\":{\"outage\":true,\"resolvedAt\":\"soon\"}}]}", NULL,
     LEVEL_OK},
};

/* Short, printable, and nothing of the body's own words. */
static bool err_is_clean(const char *e)
{
    for (const char *p = e; *p; p++) {
        if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
            return false;
    }
    return *e && !strstr(e, "Login") && !strstr(e, "Sign in");
}

static void test_bad(void)
{
    static const struct evidence zero;

    for (size_t i = 0; i < NELEM(bad_cases); i++) {
        const struct bad *c = &bad_cases[i];
        const struct provider *p = provider_find(c->format);
        struct evidence ev = {0};
        char err[256] = "";
        int rc = provider_parse(p, c->body, strlen(c->body), &ev, err, sizeof err);

        if (c->err_has) {
            ok(rc != 0 && strstr(err, c->err_has), "%s case %zu fails: '%s' has '%s'", c->format, i,
               err, c->err_has);
            ok(err_is_clean(err), "%s case %zu: the message quotes nothing", c->format, i);
            ok(memcmp(&ev, &zero, sizeof ev) == 0, "%s case %zu: evidence left zeroed", c->format,
               i);
        } else {
            ok(rc == 0, "%s case %zu parses (%s)", c->format, i, err);
            is_str(level_name(ev.level), level_name(c->level), "%s case %zu: level", c->format, i);
        }
        evidence_free(&ev);
    }
}

/* A body of another format gets named: the error says what came. */
static void test_other_format(void)
{
    static const struct {
        const char *format, *file, *got;
    } cases[] = {
        {"psn", "zendesk/HANDWRITTEN_zendesk_incidents_active_degradation.json",
         "got a Zendesk incidents document"},
        {"zendesk", "paypal/HANDWRITTEN_paypal_components_all-up.json",
         "got a PayPal components document"},
        {"paypal", "statuspal/HANDWRITTEN_statuspal_summary_all-up.json",
         "got a Statuspal summary"},
        {"statuspal", "psn/HANDWRITTEN_psn_SCEE_all-up.json",
         "got a PlayStation Network status document"},
    };

    for (size_t i = 0; i < NELEM(cases); i++) {
        char path[512], err[256] = "";
        struct evidence ev = {0};
        size_t len;
        char *body;

        snprintf(path, sizeof path, "tests/fixtures/formats/%s", cases[i].file);
        body = tap_read_file(path, &len);
        ok(provider_parse(provider_find(cases[i].format), body, len, &ev, err, sizeof err) != 0 &&
               strstr(err, cases[i].got),
           "%s given %s: '%s'", cases[i].format, cases[i].file, err);
        evidence_free(&ev);
        free(body);
    }
}

static int parse_buf(const char *format, const struct buf *b, struct evidence *ev)
{
    char err[256] = "";
    int rc = provider_find(format)->parse(b->data, b->len, ev, err, sizeof err);

    if (rc != 0)
        tap_diag("%s: %s", format, err);
    return rc;
}

/* 100,000 entries of each format, one of them in trouble: they parse, and
 * the one shows. */
static void test_large(void)
{
    struct buf b[4] = {{0}, {0}, {0}, {0}};
    struct evidence ev = {0};
    size_t listed = 0;

    buf_puts(&b[0], "{\"regionName\":\"SCEE\",\"status\":[");
    buf_puts(&b[1], "{\"status_page\":{\"name\":\"big\"},\"services\":[");
    buf_puts(&b[2], "{\"result\":[");
    buf_puts(&b[3], "{\"data\":[");
    for (int i = 0; i < 100000; i++) {
        const char *sep = i ? "," : "";
        buf_printf(&b[0], "%s{\"statusId\":\"%d\",\"statusType\":\"%s\"}", sep, i,
                   i == 70000 ? "Outage"
                   : i % 2    ? "OK"
                              : "Degraded");
        buf_printf(&b[1], "%s{\"id\":%d,\"name\":\"s%d\",\"current_incident_type\":%s}", sep, i, i,
                   i == 70000 ? "\"major\"" : "null");
        buf_printf(&b[2],
                   "%s{\"id\":\"c%d\",\"name\":\"C%d\",\"category\":{\"name\":\"api\"},"
                   "\"status\":{\"production\":\"%s\",\"sandbox\":\"operational\"}}",
                   sep, i, i, i == 70000 ? "service_outage" : "operational");
        buf_printf(&b[3],
                   "%s{\"id\":\"%d\",\"type\":\"incident\",\"attributes\":{\"name\":\"i%d\","
                   "\"outage\":%s,\"startedAt\":\"2026-01-01T00:00:00Z\",\"resolvedAt\":%s}}",
                   sep, i, i, i == 70000 ? "true" : "false",
                   i == 70000 ? "null" : "\"2026-01-02T00:00:00Z\"");
    }
    buf_puts(&b[0], "]}");
    buf_puts(&b[1], "]}");
    buf_puts(&b[2], "]}");
    buf_puts(&b[3], "]}");

    ok(parse_buf("psn", &b[0], &ev) == 0, "100,000 PSN entries parse");
    for (size_t i = 0; i < ev.nincidents; i++)
        listed += ev.incidents[i].open;
    is_int(listed, 64, "64 events listed one by one");
    is_str(level_name(ev.level), "major", "and the outage past them still counts");
    evidence_free(&ev);
    ok(parse_buf("statuspal", &b[1], &ev) == 0, "100,000 Statuspal services parse");
    is_int(ev.ncomponents, 100000, "all of them");
    is_str(level_name(ev.level), "major", "the one in a major incident shows");
    evidence_free(&ev);
    ok(parse_buf("paypal", &b[2], &ev) == 0, "100,000 PayPal components parse");
    is_int(ev.ncomponents, 200002, "each in both environments, under two groups");
    is_str(level_name(ev.level), "major", "the one production outage shows");
    evidence_free(&ev);
    ok(parse_buf("zendesk", &b[3], &ev) == 0, "100,000 Zendesk incidents parse");
    is_int(ev.nincidents, 1 + 20, "the open one and the newest closed ones kept");
    ok(ev.nincidents && ev.incidents[0].open && strcmp(ev.incidents[0].name, "i70000") == 0,
       "the open one first");
    is_str(level_name(ev.level), "major", "at its level");
    evidence_free(&ev);
    for (int i = 0; i < 4; i++)
        buf_free(&b[i]);
}

/* Statuspal services nested deeper than the reader follows, and deeper
 * than JSON is read at all: neither crashes. */
static void test_statuspal_depth(void)
{
    struct buf b = {0};
    struct evidence ev = {0};
    char err[256] = "";
    int rc;

    buf_puts(&b, "{\"status_page\":{},\"services\":[");
    for (int i = 0; i < 12; i++)
        buf_printf(&b, "{\"id\":%d,\"name\":\"d%d\",\"current_incident_type\":%s,\"children\":[", i,
                   i, i == 11 ? "\"major\"" : "null");
    for (int i = 0; i < 12; i++)
        buf_puts(&b, "]}");
    buf_puts(&b, "]}");
    ok(parse_buf("statuspal", &b, &ev) == 0, "services 12 deep parse");
    is_int(ev.ncomponents, 9, "the first nine levels are read");
    is_str(level_name(ev.level), "ok", "what lies past them is not seen");
    ok(ev.ncomponents == 9 && ev.components[8].group_id &&
           strcmp(ev.components[8].group_id, "7") == 0,
       "each child under its parent");
    evidence_free(&ev);
    buf_free(&b);
    buf_puts(&b, "{\"services\":[");
    for (int i = 0; i < 3000; i++)
        buf_puts(&b, "{\"children\":[");
    rc = provider_find("statuspal")->parse(b.data, b.len, &ev, err, sizeof err);
    ok(rc != 0 && *err, "3,000 levels, cut short: an error (%s)", err);
    buf_free(&b);
}

/* The three PSN files as the catalogue has them: one service, a source
 * per Sony region, each giving its region's columns. */
static void test_psn_service(void)
{
    static const char *const files[] = {
        "tests/fixtures/formats/psn/HANDWRITTEN_psn_SCEA_outage-and-degraded.json",
        "tests/fixtures/formats/psn/HANDWRITTEN_psn_SCEE_all-up.json",
        "tests/fixtures/formats/psn/HANDWRITTEN_psn_SCEJA_maintenance.json",
    };
    struct config cfg = {0};
    struct model *m;
    struct snapshot *snap;
    char *cells;

    tu_config(&cfg, "[sitrep]\ncolumns = ALL NA LATAM EU MEA APAC JP AU\n"
                    "[service psn]\nname = PlayStation Network\n"
                    "[source psn americas]\nformat = psn\nurl = https://a.example/SCEA.json\n"
                    "default_region = AMER\n"
                    "[source psn europe]\nformat = psn\nurl = https://a.example/SCEE.json\n"
                    "default_region = EMEA\n"
                    "[source psn asia]\nformat = psn\nurl = https://a.example/SCEJA.json\n"
                    "default_region = AS\n");
    m = model_new(&cfg);
    for (size_t i = 0; i < NELEM(files); i++)
        tu_feed(m, &cfg, 0, i, files[i], NOW);
    snap = model_snapshot(m, NOW);
    cells = cells_text(snap);
    is_str(cells,
           "ALL=major NA=~major LATAM=~major EU=ok MEA=ok APAC=maintenance JP=~maintenance AU=ok",
           "the Americas' outage, Europe all up, Asia in maintenance");
    free(cells);
    snapshot_free(snap);
    model_free(m);
    config_free(&cfg);
}

/* One incident, its fields varied: what decides and what does not. */
static enum level zendesk_one(const char *attrs, bool *open)
{
    char *body =
        xasprintf("{\"data\":[{\"id\":\"1\",\"type\":\"incident\",\"attributes\":{%s}}]}", attrs);
    struct evidence ev = {0};
    char err[256] = "";
    enum level level = LEVEL_NONE;

    *open = false;
    if (provider_find("zendesk")->parse(body, strlen(body), &ev, err, sizeof err) == 0 &&
        ev.nincidents == 1) {
        level = ev.incidents[0].level;
        *open = ev.incidents[0].open;
    }
    evidence_free(&ev);
    free(body);
    return level;
}

static void test_zendesk_choices(void)
{
    bool open;

    is_int(zendesk_one("\"status\":\"monitoring\",\"outage\":true,"
                       "\"resolvedAt\":\"2026-07-24T12:42:29.000Z\"",
                       &open),
           LEVEL_MAJOR, "a stale 'monitoring' with resolvedAt set: its level kept");
    ok(!open, "but it is over: resolvedAt decides, not the status word");
    is_int(zendesk_one("\"status\":\"resolved\",\"resolvedAt\":null,\"degradation\":true", &open),
           LEVEL_DEGRADED, "resolvedAt null: a degradation");
    ok(open, "and open, whatever the status word says");
    is_int(zendesk_one("\"outage\":false,\"degradation\":false,\"impact\":\"minor\"", &open),
           LEVEL_DEGRADED, "no flag: the impact says degraded");
    is_int(zendesk_one("\"impact\":\"cosmic\"", &open), LEVEL_NOTICE,
           "an impact not known and no flag: a notice, not ok");
    is_int(zendesk_one("\"title\":\"x\",\"outage\":true,\"degradation\":true", &open), LEVEL_MAJOR,
           "both flags: the outage wins");
    is_int(zendesk_one("\"impact\":\"maintenance\",\"outage\":true", &open), LEVEL_MAINTENANCE,
           "a maintenance window is a maintenance, whatever its flags");
}

/* PayPal: each environment, the sandbox never more than a notice. */
static void test_paypal_sandbox(void)
{
    static const char body[] =
        "{\"result\":[{\"id\":\"x\",\"name\":\"X\",\"category\":{\"name\":\"api\"},"
        "\"status\":{\"production\":\"operational\",\"sandbox\":\"Service Outage\"}}]}";
    struct evidence ev = {0};
    char err[256] = "";

    ok(provider_find("paypal")->parse(body, sizeof body - 1, &ev, err, sizeof err) == 0,
       "a sandbox outage parses");
    is_str(level_name(ev.level), "notice", "it is a notice for the service");
    ok(ev.ncomponents == 4 && strcmp(ev.components[3].status, "Service Outage") == 0 &&
           strcmp(ev.components[3].group_name, "api (sandbox)") == 0,
       "its own word kept, under the sandbox group");
    evidence_free(&ev);
}

/* Statuspal times without a UTC offset are not guessed. */
static void test_statuspal_times(void)
{
    static const char body[] =
        "{\"status_page\":{},\"incidents\":[{\"id\":1,\"title\":\"a\",\"type\":\"major\","
        "\"starts_at\":\"2026-09-05T10:00:00\"},{\"id\":2,\"title\":\"b\",\"type\":\"minor\","
        "\"starts_at\":\"2026-09-05T10:00:00Z\"}]}";
    static const char utc[] =
        "{\"status_page\":{\"time_zone\":\"Etc/UTC\"},\"incidents\":[{\"id\":1,"
        "\"type\":\"major\",\"starts_at\":\"2026-09-05T10:00:00\"}]}";
    struct evidence ev = {0};
    char err[256] = "";
    time_t with = 0, without = 1;

    ok(provider_find("statuspal")->parse(body, sizeof body - 1, &ev, err, sizeof err) == 0,
       "incidents with and without an offset parse");
    for (size_t i = 0; i < ev.nincidents; i++) {
        if (strcmp(ev.incidents[i].id, "1") == 0)
            without = ev.incidents[i].started_at;
        else
            with = ev.incidents[i].started_at;
    }
    is_int(without, 0, "no offset: no start time");
    is_int(with, 1788602400, "with Z: its time");
    evidence_free(&ev);
    ok(provider_find("statuspal")->parse(utc, sizeof utc - 1, &ev, err, sizeof err) == 0 &&
           ev.nincidents == 1,
       "a page whose time zone is UTC parses");
    is_int(ev.nincidents ? ev.incidents[0].started_at : 0, 1788602400,
           "its times without an offset are UTC");
    evidence_free(&ev);
}

int main(void)
{
    test_goldens();
    test_sniff();
    test_bad();
    test_other_format();
    test_large();
    test_statuspal_depth();
    test_psn_service();
    test_zendesk_choices();
    test_paypal_sandbox();
    test_statuspal_times();
    return tap_done();
}
