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

static const char columns[] = "ALL NA LATAM EU MEA APAC JP US AU";

struct fixture {
    const char *path; /* under tests/fixtures/formats/ */
    const char *format;
    const char *source; /* extra source lines, as the catalogue gives them */
};

static const struct fixture fixtures[] = {
    {"psn/HANDWRITTEN_psn_SCEE_all-up.json", "psn", "default_region = EMEA\n"},
    {"psn/HANDWRITTEN_psn_SCEA_outage-and-degraded.json", "psn", "default_region = AMER\n"},
    {"psn/HANDWRITTEN_psn_SCEJA_maintenance.json", "psn", "default_region = AS\n"},
    {"psn/HANDWRITTEN_psn_SCEE_unknown-type.json", "psn", "default_region = EMEA\n"},
    {"statuspal/HANDWRITTEN_statuspal_summary_minor-nested.json", "statuspal",
     "region = name \"\\((Japan|US)\\)$\" => $1\n"},
    {"statuspal/HANDWRITTEN_statuspal_summary_all-up.json", "statuspal", ""},
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

int main(void)
{
    test_goldens();
    test_sniff();
    test_bad();
    return tap_done();
}
