/* Cachet, Better Stack, metastatus and Salesforce Trust on real captures (and a few derived
 * from them): each fixture's evidence (components with their groups and
 * regions, incidents and maintenances) and the grid's cells once a model has
 * it match a golden JSON file, which was checked against the capture by
 * reading it. Then bad input, format by format. */
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

/* 2026-10-01T00:00:00Z: after every capture. */
#define NOW ((time_t)1790812800)

static const char columns[] = "ALL NA EU APAC US CA GB";

struct fixture {
    const char *path; /* under tests/fixtures/formats/ */
    const char *format;
};

static const struct fixture fixtures[] = {
    {"cachet/DevManfre-isitdown__demo-cachethq_components.json", "cachet"},
    {"cachet/DevManfre-isitdown__demo-cachethq_components-groups.json", "cachet"},
    {"cachet/DevManfre-isitdown__demo-cachethq_incidents_1-open.json", "cachet"},
    {"cachet/DevManfre-isitdown__demo-cachethq_schedules.json", "cachet"},
    {"cachet/saurabh-yoti-dev-docs-sync__status-yoti-com_api_v1_components.json", "cachet"},
    {"betterstack/DevManfre-isitdown__status-betterstack-com_index_TRIMMED.json", "betterstack"},
    {"meta/bjgreenberg-vendor-dashboard__metastatus_data_orgs_2026-07-31.json", "metastatus"},
    {"salesforce/amureki-statuscheck__salesforce_incident.json", "salesforce"},
    /* Made from the captures above (see the fixtures' SOURCES.md). */
    {"derived/DERIVED_cachet_yoti_components_ca_partial.json", "cachet"},
    {"derived/DERIVED_betterstack_index_europe_report_open.json", "betterstack"},
    {"derived/DERIVED_metastatus_orgs_waba_cloud_api_high.json", "metastatus"},
    {"derived/SYNTHETIC_metastatus_outages_waba_open.json", "metastatus"},
    {"derived/SYNTHETIC_metastatus_outages_empty.json", "metastatus"},
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

/* Components of a big page counted by level and region; groups listed. */
static json_t *count_components(const struct evidence *ev)
{
    json_t *count = json_object();

    for (size_t i = 0; i < ev->ncomponents; i++) {
        const struct component *c = &ev->components[i];
        char *key = c->is_group
                        ? xasprintf("group %s: %s", c->name, level_name(c->level))
                        : xasprintf("%s @%s", level_name(c->level),
                                    c->region == REGION_NONE ? "-" : region_code(c->region));
        json_t *n = json_object_get(count, key);
        json_object_set_new(count, key, json_integer(n ? json_integer_value(n) + 1 : 1));
        free(key);
    }
    return count;
}

/* One line per component: "[group] name: level (raw status) @region". */
static json_t *dump_components(const struct evidence *ev)
{
    json_t *all;

    if (ev->ncomponents > 100)
        return count_components(ev);
    all = json_array();
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

    json_object_set_new(o, "started", jtime(inc->started_at));
    json_object_set_new(o, "resolved", jtime(inc->resolved_at));
    json_object_set_new(
        o, "window", json_pack("[o, o]", jtime(inc->scheduled_for), jtime(inc->scheduled_until)));
    json_object_set_new(o, "first_update", jstr(inc->nupdates ? inc->updates[0].body : NULL));
    json_object_set_new(o, "updates", json_integer((json_int_t)inc->nupdates));
    json_object_set_new(o, "components", json_integer((json_int_t)inc->ncomponent_ids));
    return o;
}

static json_t *dump_cells(const struct snapshot *snap)
{
    json_t *cells = json_object();
    const struct snap_service *s = &snap->services[0];

    for (size_t c = 0; c < snap->ncolumns; c++) {
        const struct snap_cell *cell = &s->cells[c];
        char text[64];
        snprintf(text, sizeof text, "%s%s", cell->possible ? "possibly " : "",
                 level_name(cell->level));
        json_object_set_new(cells, region_code(snap->columns[c]), json_string(text));
    }
    return cells;
}

/* The cells of a one-source model fed the fixture. */
static json_t *cells_for(const struct fixture *fx, const char *path)
{
    struct config cfg = {0};
    char *conf = xasprintf("[sitrep]\ncolumns = %s\n[service x]\nformat = %s\n"
                           "url = https://status.example/\n",
                           columns, fx->format);
    struct model *m;
    struct snapshot *snap;
    json_t *cells;

    tu_config(&cfg, conf);
    m = model_new(&cfg);
    tu_feed(m, &cfg, 0, 0, path, NOW);
    snap = model_snapshot(m, NOW);
    cells = dump_cells(snap);
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
    char err[256] = "", path[512], *text;
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
    json_object_set_new(out, "cells", cells_for(fx, path));
    free(body);
    text = json_dumps(out, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
    json_decref(out);
    return text;
}

static void test_goldens(void)
{
    for (size_t i = 0; i < NELEM(fixtures); i++) {
        char golden[512], *text = describe(&fixtures[i]), *with_nl;

        snprintf(golden, sizeof golden, "tests/golden/formats/%s.json", fixtures[i].path);
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

        if (strstr(fixtures[i].path, "outages_empty"))
            continue; /* "[]" is anybody's */
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
    {"cachet", "", "empty body", LEVEL_NONE},
    {"cachet", "<html><body>Login</body></html>", "HTML", LEVEL_NONE},
    {"cachet", "{\"data\":{}}", "'data' is an object", LEVEL_NONE},
    {"cachet",
     "{\"data\":[{\"id\":1,\"name\":\"a\",\"status\":1},{\"id\":2,\"name\":\"b\","
     "\"is_resolved\":false}]}",
     "record 1 is a incident in a list of components", LEVEL_NONE},
    {"cachet", "{\"data\":[7]}", "record 0 is a number", LEVEL_NONE},
    {"cachet", "{\"data\":[{\"name\":\"a\",\"status\":2}]}", "without an id", LEVEL_NONE},
    {"cachet", "{\"data\":[{\"id\":1,\"name\":\"a\",\"status\":9}]}", NULL, LEVEL_UNKNOWN},
    {"cachet", "{\"data\":[{\"id\":1,\"name\":\"a\",\"status\":\"4\"}]}", NULL, LEVEL_MAJOR},
    {"cachet", "{\"data\":[{\"id\":1,\"name\":\"a\",\"status\":null,\"group_id\":null}]}", NULL,
     LEVEL_UNKNOWN},
    {"cachet", "{\"data\":[]}", NULL, LEVEL_NONE},
    /* an incident whose resolution is not said stays open */
    {"cachet", "{\"data\":[{\"id\":1,\"name\":\"x\",\"occurred_at\":\"2026-01-01 00:00:00\"}]}",
     NULL, LEVEL_NOTICE},
    {"cachet",
     "{\"data\":[{\"id\":1,\"name\":\"m\",\"status\":1,\"scheduled_at\":\"2026-01-01 00:00:00\","
     "\"completed_at\":\"2026-01-01 02:00:00\"}]}",
     NULL, LEVEL_MAINTENANCE},
    {"betterstack", "{\"data\":[]}", "'data.attributes' is missing", LEVEL_NONE},
    {"betterstack", "{\"data\":{\"attributes\":{}},\"included\":{}}", "'included' is an object",
     LEVEL_NONE},
    {"betterstack", "{\"data\":{\"attributes\":{\"aggregate_state\":\"on fire\"}}}", NULL,
     LEVEL_UNKNOWN},
    {"betterstack",
     "{\"data\":{\"attributes\":{\"aggregate_state\":\"operational\"}},\"included\":["
     "{\"id\":\"1\",\"type\":\"status_page_resource\",\"attributes\":{\"public_name\":\"r\","
     "\"status\":\"downtime\",\"status_page_section_id\":99}},"
     "{\"id\":\"2\",\"type\":\"status_page_resource\",\"attributes\":{\"status\":\"not_monitored\"}"
     "},"
     "{\"type\":\"status_report\",\"attributes\":{\"title\":null}}]}",
     NULL, LEVEL_MAJOR},
    {"metastatus", "<!DOCTYPE html><html><body><div id=root></div></body></html>",
     "expected a metastatus document, got the site's HTML page", LEVEL_NONE},
    {"metastatus", "{\"orgs\":[]}", "the root is an object", LEVEL_NONE},
    {"metastatus", "[{\"id\":\"a\",\"services\":[]},{\"id\":1,\"status\":\"x\"}]",
     "mixes orgs and outages", LEVEL_NONE},
    {"metastatus", "[{\"id\":\"a\",\"services\":{}}]", "org 0 has no id or no services",
     LEVEL_NONE},
    {"metastatus", "[{\"id\":\"a\",\"services\":[{\"id\":1,\"status\":\"Cosmic rays\"}]}]", NULL,
     LEVEL_UNKNOWN},
    {"metastatus", "[{\"id\":\"a\",\"services\":[{\"id\":1,\"status\":\"Major Outage\"}]}]", NULL,
     LEVEL_MAJOR},
    {"metastatus", "[]", NULL, LEVEL_OK},
    {"salesforce", "{\"key\":\"NA1\"}", "the root is an object", LEVEL_NONE},
    {"salesforce", "[{\"status\":\"OK\"}]", "instance 0 is an object without a key", LEVEL_NONE},
    {"salesforce", "[{\"key\":\"NA1\",\"status\":\"ON_FIRE\"}]", NULL, LEVEL_UNKNOWN},
    {"salesforce",
     "[{\"key\":\"EU1\",\"location\":\"EMEA\",\"status\":\"MAJOR_INCIDENT_NONCORE\"}]", NULL,
     LEVEL_PARTIAL},
    /* retired instances say nothing */
    {"salesforce", "[{\"key\":\"NA1\",\"isActive\":false,\"status\":\"MAJOR_INCIDENT_CORE\"}]",
     NULL, LEVEL_NONE},
};

/* Short, printable, and nothing of the body's own words. */
static bool err_is_clean(const char *e)
{
    for (const char *p = e; *p; p++) {
        if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
            return false;
    }
    return *e && !strstr(e, "Login") && !strstr(e, "Cosmic") && !strstr(e, "div id");
}

static void test_bad(void)
{
    static const struct evidence zero;

    for (size_t i = 0; i < NELEM(bad_cases); i++) {
        const struct bad *c = &bad_cases[i];
        const struct provider *p = provider_find(c->format);
        struct evidence ev = {0};
        char err[256] = "";
        int rc = p->parse(c->body, strlen(c->body), &ev, err, sizeof err);

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

/* The SPA shell served where a data file was asked for: an error, and the
 * cell unknown, never ok. */
static void test_spa_shell(void)
{
    struct config cfg = {0};
    struct model *m;
    struct snapshot *snap;

    tu_config(&cfg, "[service meta]\nformat = metastatus\nurl = https://metastatus.example/\n");
    m = model_new(&cfg);
    tu_feed(m, &cfg, 0, 0, "tests/fixtures/formats/hostile/SYNTHETIC_spa_shell.html", NOW);
    snap = model_snapshot(m, NOW);
    is_str(level_name(snap->services[0].cells[0].level), "unknown",
           "SPA shell: the cell is unknown");
    ok(snap->services[0].sources[0].error &&
           strstr(snap->services[0].sources[0].error, "got the site's HTML page"),
       "SPA shell: the source says what it got (%s)",
       snap->services[0].sources[0].error ? snap->services[0].sources[0].error : "none");
    snapshot_free(snap);
    model_free(m);
    config_free(&cfg);
}

/* 100,000 Cachet components and as many Better Stack resources in one
 * section: they parse, whole, and the group has them all. */
static void test_large(void)
{
    struct buf cb = {0}, bb = {0};
    struct evidence ev = {0};
    char err[256] = "";

    buf_puts(&cb, "{\"data\":[");
    buf_puts(&bb,
             "{\"data\":{\"attributes\":{\"aggregate_state\":\"degraded\"}},\"included\":["
             "{\"id\":\"s\",\"type\":\"status_page_section\",\"attributes\":{\"name\":\"EU\"}}");
    for (int i = 0; i < 100000; i++) {
        buf_printf(&cb, "%s{\"id\":%d,\"name\":\"c%d\",\"status\":%d,\"group_id\":%d}",
                   i ? "," : "", i + 1, i, i == 77777 ? 3 : 1, i % 7);
        buf_printf(&bb,
                   ",{\"id\":\"%d\",\"type\":\"status_page_resource\",\"attributes\":{"
                   "\"public_name\":\"r%d\",\"status\":\"%s\",\"status_page_section_id\":\"s\"}}",
                   i, i, i == 4242 ? "degraded" : "operational");
    }
    buf_puts(&cb, "]}");
    buf_puts(&bb, "]}");
    ok(provider_find("cachet")->parse(cb.data, cb.len, &ev, err, sizeof err) == 0,
       "100,000 Cachet components parse (%s)", err);
    is_int(ev.ncomponents, 100000, "all of them");
    is_str(level_name(ev.level), "partial", "the one partial outage shows");
    evidence_free(&ev);
    ok(provider_find("betterstack")->parse(bb.data, bb.len, &ev, err, sizeof err) == 0,
       "100,000 Better Stack resources parse (%s)", err);
    is_int(ev.ncomponents, 100001, "all of them and their section");
    ok(ev.ncomponents && ev.components[0].is_group && ev.components[0].nchildren == 100000 &&
           ev.components[0].level == LEVEL_DEGRADED,
       "the section holds them and is as bad as the worst");
    evidence_free(&ev);
    buf_free(&cb);
    buf_free(&bb);
}

/* Region rules on Better Stack sections and Cachet groups. */
static void test_group_rules(void)
{
    static const char body[] =
        "{\"data\":{\"attributes\":{\"aggregate_state\":\"downtime\"}},\"included\":["
        "{\"id\":\"1\",\"type\":\"status_page_section\",\"attributes\":{\"name\":\"Europe\"}},"
        "{\"id\":\"2\",\"type\":\"status_page_section\",\"attributes\":{\"name\":\"US East\"}},"
        "{\"id\":\"10\",\"type\":\"status_page_resource\",\"attributes\":{\"public_name\":\"API\","
        "\"status\":\"downtime\",\"status_page_section_id\":1}},"
        "{\"id\":\"20\",\"type\":\"status_page_resource\",\"attributes\":{\"public_name\":\"API\","
        "\"status\":\"operational\",\"status_page_section_id\":2}}]}";
    struct config cfg = {0};
    struct evidence ev = {0};
    struct model *m;
    struct snapshot *snap;
    char err[256], cells[128] = "";
    size_t used = 0;

    tu_config(&cfg, "[sitrep]\ncolumns = ALL EU US\n[service b]\nformat = betterstack\n"
                    "url = https://status.example/index.json\nregion = group \"^(.+)$\" => $1\n");
    ok(provider_find("betterstack")->parse(body, sizeof body - 1, &ev, err, sizeof err) == 0,
       "sections named after places parse");
    m = model_new(&cfg);
    model_source_success(m, 0, 0, &ev, NOW);
    snap = model_snapshot(m, NOW);
    for (size_t c = 0; c < snap->ncolumns; c++)
        used += (size_t)snprintf(cells + used, sizeof cells - used, "%s%s=%s", c ? " " : "",
                                 region_code(snap->columns[c]),
                                 level_name(snap->services[0].cells[c].level));
    is_str(cells, "ALL=major EU=major US=ok", "a section rule puts each resource in its place");
    snapshot_free(snap);
    model_free(m);
    config_free(&cfg);
}

int main(void)
{
    test_goldens();
    test_sniff();
    test_bad();
    test_spa_shell();
    test_large();
    test_group_rules();
    return tap_done();
}
