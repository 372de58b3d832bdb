/* The cloud formats (Google, AWS Health, AWS RSS, Azure RSS, Oracle,
 * Microsoft 365) on real captures: each fixture parses, and what it says
 * (levels, incidents, their regions, and the grid's cells once a model has
 * it) matches a golden JSON file that was checked against the capture by
 * reading it. Then the rules behind them, case by case. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "sitrep/buf.h"
#include "sitrep/evidence.h"
#include "sitrep/feed.h"
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

static const char columns[] = "ALL NA LATAM EU MEA APAC US GB DE JP IN AE";

struct fixture {
    const char *path; /* under tests/fixtures/clouds/ */
    const char *format;
};

static const struct fixture fixtures[] = {
    {"aws/checkmk__test_agent_aws_status__all_rss_empty.xml", "aws-rss"},
    {"aws/checkmk__test_aws_status__all_rss_two_items.xml", "aws-rss"},
    {"aws/rafty-AWSServiceHealthNotification__rss_ec2-ap-northeast-1_2019-09-07.rss", "aws-rss"},
    {"aws-health/bjgreenberg-vendor-dashboard__currentevents_2026-08-01_1-resolved-2-open_TRIMMED"
     ".json",
     "aws-health"},
    {"aws-health/cyanheads-devops-status-mcp-server__currentevents_2026-04-30_me-central-1_me-"
     "south-1_open.utf16be.json",
     "aws-health"},
    {"azure/bjgreenberg-vendor-dashboard__feed_2026-08-01_empty.xml", "azure-rss"},
    {"azure/checkmk__test_agent_azure_status__feed_EDITED.xml", "azure-rss"},
    {"azure/cyanheads-devops-status-mcp-server__feed_2022-09-07_afd_35-categories.xml",
     "azure-rss"},
    {"azure/cyanheads-devops-status-mcp-server__feed_2024-07-21_crowdstrike.xml", "azure-rss"},
    {"azure/cyanheads-devops-status-mcp-server__feed_2025-10-29_afd.xml", "azure-rss"},
    {"azure/cyanheads-devops-status-mcp-server__feed_2026-07-23_west-us_open.xml", "azure-rss"},
    {"azure/cyanheads-devops-status-mcp-server__feed_2026-09-25_empty.xml", "azure-rss"},
    {"gcp/cyanheads-devops-status-mcp-server__incidents_2026-07_4-records.json", "google"},
    {"gcp/moritalous-cloud-status-history__incidents_2022-07-03_first13.json", "google"},
    {"google/bjgreenberg-vendor-dashboard__workspace_incidents_2026-07-31_8-records.json",
     "google"},
    {"google/danielhagever-status-feeds__workspace_incidents_first_entry.json", "google"},
    {"m365/bjgreenberg-vendor-dashboard__portal-office-com_api_servicestatus_index_2026-07.json",
     "m365"},
    {"m365/bjgreenberg-vendor-dashboard__status-cloud-microsoft_api_feed_mac_2026-08-01.xml",
     "m365"},
    {"m365/bjgreenberg-vendor-dashboard__status-cloud-microsoft_api_posts_azure_2026-08-01.json",
     "m365"},
    {"m365/bjgreenberg-vendor-dashboard__status-cloud-microsoft_api_posts_m365Consumer_2026-08-01"
     ".json",
     "m365"},
    {"m365/bjgreenberg-vendor-dashboard__status-cloud-microsoft_api_posts_mac_2026-08-01.json",
     "m365"},
    {"microsoft365/danielhagever-status-feeds__microsoft.json", "m365"},
    /* Derived from the captures above (see the fixtures' SOURCES.md). */
    {"derived/DERIVED_gcp_incidents_europe-north1_open.json", "google"},
    {"derived/DERIVED_gcp_incidents_global_outage_open.json", "google"},
    {"derived/DERIVED_workspace_incidents_studio_open.json", "google"},
    {"derived/DERIVED_aws_currentevents_us-east-1_degraded.utf16le.json", "aws-health"},
    {"derived/DERIVED_azure_feed_west-europe_resolved.xml", "azure-rss"},
    {"derived/SYNTHETIC_oracle_components_frankfurt_disruption.json", "oracle"},
    {"derived/DERIVED_m365Consumer_outlook_degraded.json", "m365"},
};

/* ---- the golden dump ------------------------------------------------------ */

static char *read_fixture(const char *path, size_t *len)
{
    char rel[512];

    snprintf(rel, sizeof rel, "tests/fixtures/clouds/%s", path);
    return tap_read_file(rel, len);
}

static const char *code_or_null(region_id r)
{
    return r == REGION_NONE ? NULL : region_code(r);
}

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

static json_t *dump_incident(const struct incident *inc)
{
    json_t *locs = json_array();

    for (size_t i = 0; i < inc->nlocations; i++)
        json_array_append_new(locs, json_pack("[s, o]", inc->locations[i].text,
                                              jstr(code_or_null(inc->locations[i].region))));
    return json_pack("{s:o, s:o, s:b, s:s, s:o, s:o, s:o, s:o, s:i, s:i}", "name",
                     jstr(inc->name), "status", jstr(inc->status), "open", inc->open, "level",
                     level_name(inc->level), "started", jtime(inc->started_at), "resolved",
                     jtime(inc->resolved_at), "locations", locs, "first_update",
                     jstr(inc->nupdates ? inc->updates[0].body : NULL), "updates",
                     (int)inc->nupdates, "components", (int)inc->ncomponent_ids);
}

/* Components counted by level and region, in first-seen order. */
static json_t *dump_components(const struct evidence *ev)
{
    json_t *count = json_object();

    for (size_t i = 0; i < ev->ncomponents; i++) {
        const struct component *c = &ev->components[i];
        const char *r = code_or_null(c->region);
        char key[96];
        json_t *n;

        snprintf(key, sizeof key, "%s in %s", level_name(c->level), r ? r : "(none)");
        n = json_object_get(count, key);
        json_object_set_new(count, key, json_integer(n ? json_integer_value(n) + 1 : 1));
    }
    return count;
}

static json_t *dump_cells(const struct snapshot *snap)
{
    json_t *cells = json_object();
    const struct snap_service *s = &snap->services[0];

    for (size_t c = 0; c < snap->ncolumns; c++) {
        const struct snap_cell *cell = &s->cells[c];
        char text[96], since[32] = "";
        if (level_is_notable(cell->level) && cell->since) {
            memcpy(since, " since ", 8);
            time_format_iso8601(cell->since, since + 7, sizeof since - 7);
        }
        snprintf(text, sizeof text, "%s%s%s%s", cell->possible ? "possibly " : "",
                 level_name(cell->level), since,
                 cell->evidence & EVIDENCE_OFFICIAL ? ", official" : "");
        json_object_set_new(cells, region_code(snap->columns[c]), json_string(text));
    }
    return cells;
}

/* The regions the snapshot gives each open incident, for exports. */
static json_t *dump_snap_regions(const struct snapshot *snap)
{
    json_t *all = json_array();
    const struct snap_service *s = &snap->services[0];

    for (size_t i = 0; i < s->nincidents; i++) {
        json_t *regions = json_array();
        if (!s->incidents[i].open)
            continue;
        for (size_t j = 0; j < s->incidents[i].nregions; j++)
            json_array_append_new(regions, json_string(region_code(s->incidents[i].regions[j])));
        json_array_append_new(all, regions);
    }
    return all;
}

/* Parses the fixture, feeds it to a one-service model and describes both. */
static char *describe(const struct fixture *fx)
{
    const struct provider *p = provider_find(fx->format);
    struct config cfg = {0};
    struct evidence ev = {0};
    struct model *m;
    struct snapshot *snap;
    json_t *out, *incidents = json_array();
    char err[256] = "", *text, *conf;
    size_t len;
    char *body = read_fixture(fx->path, &len);
    int rc = p->parse(body, len, &ev, err, sizeof err);

    out = json_pack("{s:s, s:b}", "format", fx->format, "parsed", rc == 0);
    if (rc != 0) {
        json_object_set_new(out, "error", json_string(err));
    } else {
        json_object_set_new(out, "level", json_string(level_name(ev.level)));
        json_object_set_new(out, "page", jstr(ev.page_name));
        for (size_t i = 0; i < ev.nincidents; i++)
            json_array_append_new(incidents, dump_incident(&ev.incidents[i]));
        json_object_set_new(out, "incidents", incidents);
        incidents = NULL;
        json_object_set_new(out, "components", dump_components(&ev));
        evidence_free(&ev);
    }
    json_decref(incidents);
    conf = xasprintf("[sitrep]\ncolumns = %s\n[service cloud]\nformat = %s\n"
                     "url = https://status.example/feed\n",
                     columns, fx->format);
    tu_config(&cfg, conf);
    m = model_new(&cfg);
    snprintf(err, sizeof err, "tests/fixtures/clouds/%s", fx->path);
    tu_feed(m, &cfg, 0, 0, err, NOW);
    snap = model_snapshot(m, NOW);
    json_object_set_new(out, "cells", dump_cells(snap));
    json_object_set_new(out, "open_incident_regions", dump_snap_regions(snap));
    snapshot_free(snap);
    model_free(m);
    config_free(&cfg);
    free(conf);
    free(body);
    text = json_dumps(out, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
    json_decref(out);
    return text;
}

static void test_goldens(void)
{
    for (size_t i = 0; i < NELEM(fixtures); i++) {
        char golden[512], *text = describe(&fixtures[i]), *with_nl;

        snprintf(golden, sizeof golden, "tests/golden/clouds/%s.json", fixtures[i].path);
        with_nl = xasprintf("%s\n", text);
        ok(tu_golden(with_nl, golden), "golden: %s", fixtures[i].path);
        free(with_nl);
        free(text);
    }
}

int main(void)
{
    test_goldens();
    return tap_done();
}
