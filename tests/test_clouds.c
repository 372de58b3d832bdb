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
#include "sitrep/sanitize.h"
#include "sitrep/snapshot.h"
#include "sitrep/timefmt.h"
#include "sitrep/xalloc.h"
#include "../src/provider/provider_internal.h"
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
    {"statuspage-feed/SheLuvDx-Prime-Sites__status-streamyard-com_history_2024-06-10.atom",
     "statuspage-feed"},
    {"statuspage-feed/SheLuvDx-Prime-Sites__status-streamyard-com_history_2024-06-10.rss",
     "statuspage-feed"},
    {"statuspage-feed/gabrielrinaldi-Status-iOS__status-parse-com_history_2014-01-09.rss",
     "statuspage-feed"},
    {"slack/amureki-statuscheck__slack_incident.json", "slack"},
    {"slack/cyanheads-devops-status-mcp-server__current_2026-06-26.json", "slack"},
    {"slack/cyanheads-devops-status-mcp-server__history_first3.json", "slack"},
    {"incidentio/bjgreenberg-vendor-dashboard__status-openai-com_api_v2_summary_statuspage-compat_"
     "2026-07.json",
     "statuspage"},
    {"incidentio/yash492-statusy__status-pleo-io_proxy_incidents_EDITED.json", "incidentio"},
    {"instatus/DevManfre-isitdown__gcore_summary_2-maintenances.json", "instatus"},
    {"instatus/DevManfre-isitdown__gcore_v3-components_first6.json", "instatus"},
    {"instatus/DevManfre-isitdown__instatus-demo_summary_2-open.json", "instatus"},
    {"statusio/amureki-statuscheck__docker_partial.json", "statusio"},
    {"statusio/amureki-statuscheck__gitlab_maintenance.json", "statusio"},
    {"statusio/amureki-statuscheck__gitlab_security.json", "statusio"},
    {"statusio/cyanheads-devops-status-mcp-server__gitlab_2026-07-01.json", "statusio"},
    {"heroku/amureki-statuscheck__heroku_incident.json", "heroku"},
    {"heroku/amureki-statuscheck__heroku_maintenance.json", "heroku"},
    {"apple/MikeManzo-AppleServiceStatus__developer_system_status_2020-02-17.json", "apple"},
    {"apple/bjgreenberg-vendor-dashboard__system_status_en_US_2026-07-31_bare-json.json", "apple"},
    {"apple/horothesun-AppleDeveloperSystemStatus__developer_system_status_2017-03-03.json",
     "apple"},
    {"apple/rch850-AppleSystemStatusNotifier__system_status_en_US_2012-12-19_legacy.json", "apple"},
    /* More real captures (see SOURCES.md, "More captures"). */
    {"slack/DevManfre-isitdown__current_2026-09-01_retention-incident.json", "slack"},
    {"aws-health/bjgreenberg-vendor-dashboard__currentevents_2026-03-01_me-central-1_power.json",
     "aws-health"},
    {"instatus/bjgreenberg-vendor-dashboard__coalition_v2-components.json", "instatus"},
    {"instatus/bjgreenberg-vendor-dashboard__perplexity_v2-components.json", "instatus"},
    {"statuspage/bjgreenberg-vendor-dashboard__discord_summary_2026-08-04_api-major-outage.json",
     "statuspage"},
    {"statuspage/bjgreenberg-vendor-dashboard__claude_summary_2026-07-29_major-outage.json",
     "statuspage"},
    {"statuspage/bjgreenberg-vendor-dashboard__twilio_summary_2026-08-12.json", "statuspage"},
    {"statuspage/amureki-statuscheck__twilio_summary_2020-06-16_incident.json", "statuspage"},
    {"statuspage/amureki-statuscheck__cloudamqp_summary_2020-07-16_maintenance.json", "statuspage"},
    {"statusio/dokuwiki-translate__gitlab_2023-06-29_upcoming-maintenance.json", "statusio"},
    {"statuspage/Linuxfabrik-monitoring-plugins__atlassian-statuspage__major-asana.json",
     "statuspage"},
    {"statuspage/Linuxfabrik-monitoring-plugins__atlassian-statuspage__minor-bexio.json",
     "statuspage"},
    {"statuspage/"
     "Linuxfabrik-monitoring-plugins__atlassian-statuspage__minor-cloudflare-with-maintenances."
     "json",
     "statuspage"},
    {"statuspage/Linuxfabrik-monitoring-plugins__atlassian-statuspage__minor-hashicorp.json",
     "statuspage"},
    {"statuspage/Linuxfabrik-monitoring-plugins__githubstatus__one-incident-eight-components.json",
     "statuspage"},
    /* Derived from the captures above (see the fixtures' SOURCES.md). */
    {"derived/DERIVED_statuspage_feed_open_update.atom", "statuspage-feed"},
    {"derived/DERIVED_gcp_incidents_europe-north1_open.json", "google"},
    {"derived/DERIVED_gcp_incidents_global_outage_open.json", "google"},
    {"derived/DERIVED_workspace_incidents_studio_open.json", "google"},
    {"derived/DERIVED_aws_currentevents_us-east-1_degraded.utf16le.json", "aws-health"},
    {"derived/DERIVED_azure_feed_west-europe_resolved.xml", "azure-rss"},
    {"derived/SYNTHETIC_oracle_components_frankfurt_disruption.json", "oracle"},
    {"derived/DERIVED_m365Consumer_outlook_degraded.json", "m365"},
    {"derived/DERIVED_incidentio_proxy_incidents_identified_open.json", "incidentio"},
    {"derived/DERIVED_heroku_incident_tagged_EMEA.json", "heroku"},
    {"derived/DERIVED_apple_developer_testflight_ongoing.jsonp", "apple"},
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
    return json_pack("{s:o, s:o, s:b, s:s, s:o, s:o, s:o, s:o, s:i, s:i}", "name", jstr(inc->name),
                     "status", jstr(inc->status), "open", inc->open, "level",
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
        json_t *regions;
        if (!s->incidents[i].open)
            continue;
        regions = json_array();
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

/* ---- bad input --------------------------------------------------------------- */

struct hostile {
    const char *file; /* under tests/fixtures/clouds/hostile/ */
    const char *format;
    const char *err_has; /* NULL: it parses */
    enum level level;    /* when it parses: the evidence's level */
};

static const struct hostile hostile_cases[] = {
    {"utf16-no-bom.json", "aws-health", "UTF-16 without a byte order mark", LEVEL_NONE},
    {"utf16-lone-surrogate.json", "aws-health", "lone high surrogate", LEVEL_NONE},
    {"utf16-reversed-surrogates.json", "google", "lone low surrogate", LEVEL_NONE},
    {"utf16-odd-length.json", "aws-health", "odd length", LEVEL_NONE},
    {"truncated.xml", "azure-rss", "truncated", LEVEL_NONE},
    {"billion-laughs.xml", "azure-rss", "entities", LEVEL_NONE},
    {"billion-laughs.xml", "aws-rss", "entities", LEVEL_NONE},
    {"billion-laughs-utf16.xml", "azure-rss", "entity expansion refused", LEVEL_NONE},
    {"external-entity.xml", "azure-rss", "entities", LEVEL_NONE},
    {"external-dtd.xml", "azure-rss", NULL, LEVEL_OK},
    {"html-error-page.json", "google", "HTML", LEVEL_NONE},
    {"html-error-page.json", "aws-health", "HTML", LEVEL_NONE},
    {"html-error-page.json", "azure-rss", "HTML", LEVEL_NONE},
    {"html-error-page.json", "m365", "HTML", LEVEL_NONE},
    {"html-error-page.json", "oracle", "HTML", LEVEL_NONE},
    {"atom-not-rss.xml", "azure-rss", "Atom", LEVEL_NONE},
    {"not-a-feed.xml", "aws-rss", "not an RSS or Atom feed", LEVEL_NONE},
    {"aws-event-no-region.json", "aws-health", NULL, LEVEL_DEGRADED},
    {"aws-status-unknown.json", "aws-health", NULL, LEVEL_UNKNOWN},
    {"aws-numbers-not-strings.json", "aws-health", NULL, LEVEL_MAJOR},
    {"aws-root-object.json", "aws-health", "expected an array", LEVEL_NONE},
    {"aws-event-not-object.json", "aws-health", "event 0 is a number", LEVEL_NONE},
    {"google-unknown-impact.json", "google", NULL, LEVEL_UNKNOWN},
    {"google-unknown-location.json", "google", NULL, LEVEL_DEGRADED},
    {"google-root-object.json", "google", "expected an array", LEVEL_NONE},
    {"m365-unknown-status.json", "m365", NULL, LEVEL_UNKNOWN},
    {"oracle-no-reports.json", "oracle", "'regionHealthReports' is missing", LEVEL_NONE},
};

/* Short, printable, and nothing of the body's own words. */
static bool err_is_clean(const char *e)
{
    for (const char *p = e; *p; p++) {
        if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
            return false;
    }
    return *e && !strstr(e, "lol") && !strstr(e, "passwd") && !strstr(e, "Service Unav");
}

/* The ALL cell of a one-source model fed this body. */
static enum level all_cell(const char *format, const char *path)
{
    struct config cfg = {0};
    char *conf = xasprintf("[service x]\nformat = %s\nurl = https://status.example/\n", format);
    struct model *m;
    struct snapshot *snap;
    enum level level;

    tu_config(&cfg, conf);
    m = model_new(&cfg);
    tu_feed(m, &cfg, 0, 0, path, NOW);
    snap = model_snapshot(m, NOW);
    level = snap->services[0].cells[0].level;
    snapshot_free(snap);
    model_free(m);
    config_free(&cfg);
    free(conf);
    return level;
}

static void test_hostile(void)
{
    static const struct evidence zero;

    for (size_t i = 0; i < NELEM(hostile_cases); i++) {
        const struct hostile *h = &hostile_cases[i];
        const struct provider *p = provider_find(h->format);
        char path[512], err[256] = "";
        struct evidence ev = {0};
        size_t len;
        char *body;
        int rc;

        snprintf(path, sizeof path, "tests/fixtures/clouds/hostile/%s", h->file);
        body = tap_read_file(path, &len);
        rc = p->parse(body, len, &ev, err, sizeof err);
        if (h->err_has) {
            ok(rc != 0, "%s as %s fails", h->file, h->format);
            ok(strstr(err, h->err_has) != NULL, "%s as %s: '%s' says '%s'", h->file, h->format, err,
               h->err_has);
            ok(err_is_clean(err), "%s as %s: the message quotes nothing", h->file, h->format);
            ok(memcmp(&ev, &zero, sizeof ev) == 0, "%s: evidence left zeroed", h->file);
            is_int(all_cell(h->format, path), LEVEL_UNKNOWN, "%s as %s: the cell is unknown",
                   h->file, h->format);
        } else {
            ok(rc == 0, "%s as %s parses (%s)", h->file, h->format, err);
            is_str(level_name(ev.level), level_name(h->level), "%s as %s: level", h->file,
                   h->format);
            ok(all_cell(h->format, path) != LEVEL_OK || h->level == LEVEL_OK,
               "%s as %s: a problem or an unknown is never shown ok", h->file, h->format);
        }
        evidence_free(&ev);
        free(body);
    }
}

/* Oracle's documentation spells its statuses with blanks and has one
 * above a disruption: Service Down. */
static void test_oracle_documented_words(void)
{
    static const char body[] =
        "{\"realm\": \"OC1\", \"regionHealthReports\": [{\"regionName\": \"US East (Ashburn)\","
        " \"regionCanonicalName\": \"us-ashburn-1\", \"serviceHealthReports\": ["
        "{\"serviceName\": \"Console\", \"serviceStatus\": \"Normal Performance\"},"
        "{\"serviceName\": \"Compute\", \"serviceStatus\": \"Informational\"},"
        "{\"serviceName\": \"Streaming\", \"serviceStatus\": \"Service Disruption\"},"
        "{\"serviceName\": \"Block Volume\", \"serviceStatus\": \"Service Down\"}]}]}";
    static const enum level want[] = {LEVEL_OK, LEVEL_NOTICE, LEVEL_PARTIAL, LEVEL_MAJOR};
    struct evidence ev = {0};
    char err[256] = "";

    ok(provider_find("oracle")->parse(body, sizeof body - 1, &ev, err, sizeof err) == 0,
       "oracle: the documented words parse (%s)", err);
    is_int(ev.ncomponents, 4, "oracle: four services");
    for (size_t i = 0; i < ev.ncomponents && i < NELEM(want); i++)
        is_str(level_name(ev.components[i].level), level_name(want[i]), "oracle: %s",
               ev.components[i].name);
    is_str(level_name(ev.level), "major", "oracle: Service Down is a major outage");
    evidence_free(&ev);
}

/* A Google array of 10,000 incidents, one open: it parses, keeps the open
 * one and the newest closed ones, and the open one's region. */
static void test_google_large(void)
{
    const struct provider *p = provider_find("google");
    struct buf b = {0};
    struct evidence ev = {0};
    char err[256] = "";

    buf_putc(&b, '[');
    for (int i = 0; i < 10000; i++) {
        bool open = i == 5000;
        buf_printf(&b,
                   "%s{\"id\":\"i%d\",\"begin\":\"2026-01-01T00:%02d:00+00:00\",\"end\":%s,"
                   "\"status_impact\":\"SERVICE_DISRUPTION\",\"external_desc\":\"n%d\","
                   "\"currently_affected_locations\":[{\"id\":\"%s\",\"title\":\"x\"}]}",
                   i ? "," : "", i, i % 60, open ? "null" : "\"2026-01-02T00:00:00+00:00\"", i,
                   open ? "asia-northeast1" : "us-east1");
    }
    buf_putc(&b, ']');
    ok(p->parse(b.data, b.len, &ev, err, sizeof err) == 0, "10,000 Google incidents parse (%s)",
       err);
    is_int(ev.nincidents, 1 + PROVIDER_MAX_CLOSED, "the open one and the newest closed ones kept");
    ok(ev.nincidents && ev.incidents[0].open && strcmp(ev.incidents[0].id, "i5000") == 0,
       "the open one first");
    ok(ev.nincidents && ev.incidents[0].nlocations == 1 &&
           ev.incidents[0].locations[0].region == region_find("asia-northeast1"),
       "at its location");
    is_int(ev.level, LEVEL_DEGRADED, "level degraded");
    evidence_free(&ev);
    buf_free(&b);
}

/* The same document in UTF-8, UTF-16LE and UTF-16BE says the same. */
static void test_utf16(void)
{
    const char *doc =
        "[{\"arn\":\"arn:aws:health:eu-west-3::event/E\",\"status\":\"2\","
        "\"date\":\"1785519198\",\"service_name\":\"Amazon S3 \\u00e9\\ud83d\\ude00\","
        "\"summary\":\"Paris \\u00e9t\\u00e9\",\"service\":\"s3-eu-west-3\"}]";
    const struct provider *p = provider_find("aws-health");
    struct evidence ev[3];
    char err[256];
    struct buf enc[2] = {{0}, {0}};
    json_t *root = json_loads(doc, 0, NULL);
    char *utf8 = json_dumps(root, JSON_COMPACT);

    json_decref(root);
    for (int big = 0; big < 2; big++) {
        buf_append(&enc[big], big ? "\xfe\xff" : "\xff\xfe", 2);
        for (const unsigned char *s = (const unsigned char *)utf8; *s;) {
            unsigned cp;
            size_t n = utf8_decode((const char *)s, strlen((const char *)s), &cp);
            unsigned units[2] = {cp, 0};
            int nu = 1;
            if (cp >= 0x10000) {
                units[0] = 0xd800 + ((cp - 0x10000) >> 10);
                units[1] = 0xdc00 + ((cp - 0x10000) & 0x3ff);
                nu = 2;
            }
            for (int k = 0; k < nu; k++) {
                char two[2] = {(char)(big ? units[k] >> 8 : units[k] & 0xff),
                               (char)(big ? units[k] & 0xff : units[k] >> 8)};
                buf_append(&enc[big], two, 2);
            }
            s += n;
        }
    }
    memset(ev, 0, sizeof ev);
    ok(p->parse(utf8, strlen(utf8), &ev[0], err, sizeof err) == 0, "UTF-8 parses");
    ok(p->parse(enc[0].data, enc[0].len, &ev[1], err, sizeof err) == 0, "UTF-16LE parses (%s)",
       err);
    ok(p->parse(enc[1].data, enc[1].len, &ev[2], err, sizeof err) == 0, "UTF-16BE parses (%s)",
       err);
    for (int k = 1; k < 3; k++) {
        is_int(ev[k].nincidents, 1, "UTF-16 #%d: one event", k);
        if (ev[k].nincidents && ev[0].nincidents)
            is_str(ev[k].incidents[0].name, ev[0].incidents[0].name,
                   "UTF-16 #%d: the same name, accents and astral characters included", k);
    }
    for (int k = 0; k < 3; k++)
        evidence_free(&ev[k]);
    buf_free(&enc[0]);
    buf_free(&enc[1]);
    free(utf8);
}

/* ---- the format table ------------------------------------------------------ */

static void test_table(void)
{
    size_t n = 0;

    for (size_t i = 0; provider_table[i]; i++, n++) {
        const struct provider *p = provider_table[i];
        ok(p->name && *p->name && p->description && *p->description && p->parse && p->sniff,
           "table: %s has a name, a description, a parser and a sniffer", p->name);
        ok(p->document && *p->document, "table: %s says what its documents are", p->name);
        ok(provider_find(p->name) == p, "table: %s is found by its name", p->name);
        for (size_t j = 0; j < i; j++)
            ok(strcmp(provider_table[j]->name, p->name) != 0, "table: %s and %s differ",
               provider_table[j]->name, p->name);
    }
    ok(n >= 9, "table: at least nine formats (%zu)", n);
    ok(provider_find("nonesuch") == NULL, "table: an unknown name is not found");
    /* Every fixture that parses is recognised as its own format. */
    for (size_t i = 0; i < NELEM(fixtures); i++) {
        size_t len;
        char *body = read_fixture(fixtures[i].path, &len);
        const struct provider *p = provider_sniff(body, len);
        is_str(p ? p->name : "(none)", fixtures[i].format, "sniff: %s", fixtures[i].path);
        free(body);
    }
    ok(provider_sniff("<html><body>503</body></html>", 29) == NULL, "sniff: HTML is no format");
    ok(provider_sniff("", 0) == NULL, "sniff: nothing is no format");
}

static void test_config_from_table(void)
{
    struct config cfg = {0};
    char *errors = NULL;

    tu_config(&cfg, "[service g]\nformat = google\nurl = https://status.example/g.json\n"
                    "[service g2]\nformat = google\ninterval = 45s\nurl = https://status.example/\n"
                    "[service s]\nurl = https://status.example/s.json\n"
                    "[service dd]\nformat = downdetector\nurl = https://dd.example/v2/companies\n"
                    "[service dd2]\nformat = downdetector\nauth = none\n"
                    "url = https://dd.example/v2/companies\n");
    is_int(config_source_interval(&cfg, &cfg.services[0].sources[0]),
           provider_find("google")->default_interval_s,
           "a google source is polled at its format's interval");
    is_int(config_source_interval(&cfg, &cfg.services[1].sources[0]), 45, "unless it sets its own");
    is_int(config_source_interval(&cfg, &cfg.services[2].sources[0]), cfg.interval_s,
           "a statuspage source at the global one");
    is_int(cfg.services[3].sources[0].auth, AUTH_DOWNDETECTOR,
           "a downdetector source needs its format's auth without saying so");
    is_int(cfg.services[4].sources[0].auth, AUTH_NONE, "auth = none overrides the format's");
    config_free(&cfg);
    memset(&cfg, 0, sizeof cfg);
    ok(config_load_string("[service x]\nauth = kerberos\nurl = https://a.example/\n", "t", &cfg,
                          &errors) != 0 &&
           errors && strstr(errors, "known: none, downdetector"),
       "an unknown auth lists the auth kinds of the table (%s)", errors ? errors : "");
    free(errors);
}

/* ---- shared helpers ---------------------------------------------------------- */

static void test_text(void)
{
    static const struct {
        const char *html, *text;
    } html[] = {
        {"<p><strong>Impact Statement:</strong> Starting at 16:10 UTC&nbsp;on 07 "
         "Sep</p><p>Next</p>",
         "Impact Statement: Starting at 16:10 UTC on 07 Sep\nNext"},
        {"a&amp;b &lt;c&gt; &#39;d&#x27; &rsquo; &bogus; &#0; &#x110000;",
         "a&b <c> 'd' \xe2\x80\x99 &bogus; \xef\xbf\xbd \xef\xbf\xbd"},
        {"<ul><li>one</li><li>two</li></ul>", "- one\n- two"},
        {"x<br>y<br/>z", "x\ny\nz"},
        {"  lots   of\n\n  space  ", "lots of space"},
        {"<script>alert(1)</script>kept", "kept"},
        {"cut <a href=\"", "cut"},
        {"", ""},
    };
    static const struct {
        const char *md, *text;
    } md[] = {
        {"**Summary:**\nMitigated.\n**Description:**\nDone.",
         "Summary:\nMitigated.\nDescription:\nDone."},
        {"## \\# Incident Report\n## \\#\\# Summary\nText", "# Incident Report\n## Summary\nText"},
        {"see [the page](https://x.example/a) now", "see the page (https://x.example/a) now"},
        {"* **\\[ETA Aug 2026\\].**", "* [ETA Aug 2026]."},
        {"[not a link", "[not a link"},
    };

    for (size_t i = 0; i < NELEM(html); i++) {
        char *t = text_from_html(html[i].html);
        is_str(t, html[i].text, "html: case %zu", i);
        free(t);
    }
    for (size_t i = 0; i < NELEM(md); i++) {
        char *t = text_from_markdown(md[i].md);
        is_str(t, md[i].text, "markdown: case %zu", i);
        free(t);
    }
}

static void test_aws_regions(void)
{
    static const struct {
        const char *key, *region;
    } cases[] = {
        {"ec2-us-west-2", "us-west-2"},
        {"neptune-db-me-central-1", "me-central-1"},
        {"acm-pca-me-south-1", "me-south-1"},
        {"ec2-us-gov-west-1", "us-gov-west-1"},
        {"multipleservices-ap-southeast-7", "ap-southeast-7"},
        {"amplify", NULL},
        {"billingconsole", NULL},
        {"management-console", NULL},
        {"s3-EU-west-3", NULL},
        {"", NULL},
    };

    for (size_t i = 0; i < NELEM(cases); i++)
        is_str(aws_region_suffix(cases[i].key), cases[i].region, "aws key '%s'", cases[i].key);
}

static void test_feed(void)
{
    static const char atom[] =
        "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title>"
        "<link href=\"https://status.example/\"/><updated>2024-06-10T12:00:00Z</updated>"
        "<entry><id>tag:status.example,1</id><title type=\"html\">Login &lt;b&gt;slow</title>"
        "<link rel=\"self\" href=\"https://self.example/\"/>"
        "<link rel=\"alternate\" href=\"https://status.example/i/1\"/>"
        "<published>2024-06-10T10:00:00Z</published><updated>2024-06-10T11:00:00Z</updated>"
        "<category term=\"EU\"/><content type=\"html\">&lt;p&gt;Fixed&lt;/p&gt;</content>"
        "<x:status xmlns:x=\"urn:x\">Investigating</x:status></entry></feed>";
    static const char rdf[] =
        "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
        "xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
        "<channel><title>R</title><link>https://r.example/</link></channel>"
        "<item><title>One</title><link>https://r.example/1</link>"
        "<dc:date>2024-01-02T03:04:05Z</dc:date><description><![CDATA[<b>x</b>]]></description>"
        "</item></rdf:RDF>";
    struct feed f = {0};
    char err[256];

    ok(feed_parse(atom, sizeof atom - 1, &f, err, sizeof err) == 0, "atom parses (%s)", err);
    is_int(f.kind, FEED_ATOM, "atom: kind");
    is_str(f.title, "T", "atom: title");
    is_int(f.updated, 1718020800, "atom: updated");
    is_int(f.nitems, 1, "atom: one entry");
    if (f.nitems) {
        const struct feed_item *it = &f.items[0];
        is_str(it->title, "Login <b>slow", "atom: entry title, references decoded");
        is_str(it->link, "https://status.example/i/1", "atom: the alternate link");
        is_str(it->id, "tag:status.example,1", "atom: id");
        is_str(it->description, "<p>Fixed</p>", "atom: content when there is no summary");
        is_int(it->published, 1718013600, "atom: published");
        is_int(it->updated, 1718017200, "atom: updated");
        ok(it->ncategories == 1 && strcmp(it->categories[0], "EU") == 0, "atom: category term");
        is_str(feed_item_field(it, "status"), "Investigating", "atom: other fields kept");
    }
    feed_free(&f);
    ok(feed_parse(rdf, sizeof rdf - 1, &f, err, sizeof err) == 0, "RSS 1.0 parses (%s)", err);
    is_int(f.nitems, 1, "RSS 1.0: its item");
    if (f.nitems) {
        is_str(f.items[0].description, "<b>x</b>", "RSS 1.0: CDATA kept as text");
        is_int(f.items[0].published, 1704164645, "RSS 1.0: dc:date");
    }
    is_str(f.title, "R", "RSS 1.0: channel title");
    feed_free(&f);
}

/* ---- the model: incidents with regions ------------------------------------- */

static struct incident *add_open(struct evidence *ev, const char *name, enum level level)
{
    struct incident *inc;

    ev->incidents = xreallocarray(ev->incidents, ev->nincidents + 1, sizeof *ev->incidents);
    inc = &ev->incidents[ev->nincidents++];
    memset(inc, 0, sizeof *inc);
    inc->name = xstrdup(name);
    inc->open = true;
    inc->level = level;
    inc->started_at = NOW - 3600;
    return inc;
}

static void add_location(struct incident *inc, const char *text, region_id r)
{
    inc->locations = xreallocarray(inc->locations, inc->nlocations + 1, sizeof *inc->locations);
    inc->locations[inc->nlocations++] = (struct incident_location){xstrdup(text), r};
}

/* The cells of columns "ALL EU FR DE US JP" for ev under config rules. */
static void cells_of(const char *rules, struct evidence *ev, char *out, size_t cap)
{
    struct config cfg = {0};
    char *conf = xasprintf("[sitrep]\ncolumns = ALL EU FR DE US JP\n[service x]\nformat = google\n"
                           "url = https://status.example/\n%s",
                           rules);
    struct model *m;
    struct snapshot *snap;
    size_t used = 0;

    tu_config(&cfg, conf);
    m = model_new(&cfg);
    ev->quiet_is_ok = true;
    evidence_update_level(ev);
    model_source_success(m, 0, 0, ev, NOW);
    snap = model_snapshot(m, NOW);
    out[0] = '\0';
    for (size_t c = 0; c < snap->ncolumns && used < cap; c++) {
        const struct snap_cell *cell = &snap->services[0].cells[c];
        used += (size_t)snprintf(out + used, cap - used, "%s%s=%s%s", c ? " " : "",
                                 region_code(snap->columns[c]), cell->possible ? "~" : "",
                                 level_name(cell->level));
    }
    snapshot_free(snap);
    model_free(m);
    config_free(&cfg);
    free(conf);
}

static void test_model_regions(void)
{
    struct evidence ev = {0};
    char cells[256];
    struct incident *inc;

    inc = add_open(&ev, "Paris down", LEVEL_MAJOR);
    add_location(inc, "europe-west9", region_find("europe-west9"));
    cells_of("", &ev, cells, sizeof cells);
    is_str(cells, "ALL=major EU=major FR=major DE=ok US=ok JP=ok",
           "an incident in europe-west9 is major in FR and EU, the rest ok");

    memset(&ev, 0, sizeof ev);
    inc = add_open(&ev, "Europe slow", LEVEL_DEGRADED);
    add_location(inc, "EU", region_find("EU"));
    cells_of("", &ev, cells, sizeof cells);
    is_str(cells, "ALL=degraded EU=degraded FR=~degraded DE=~degraded US=ok JP=ok",
           "an incident for EU is only possible in FR and DE");

    memset(&ev, 0, sizeof ev);
    inc = add_open(&ev, "Somewhere", LEVEL_DEGRADED);
    add_location(inc, "mars-north1", REGION_NONE);
    cells_of("", &ev, cells, sizeof cells);
    is_str(cells, "ALL=degraded EU=~degraded FR=~degraded DE=~degraded US=~degraded JP=~degraded",
           "a location nobody knows is service-wide");

    memset(&ev, 0, sizeof ev);
    inc = add_open(&ev, "Somewhere else", LEVEL_PARTIAL);
    add_location(inc, "mars-north1", REGION_NONE);
    add_location(inc, "europe-west9", region_find("europe-west9"));
    cells_of("map = mars-north1 => JP\nmap = europe-west9 => DE\n", &ev, cells, sizeof cells);
    is_str(cells, "ALL=partial EU=partial FR=ok DE=partial US=ok JP=partial",
           "the source's maps place locations before the provider does");

    memset(&ev, 0, sizeof ev);
    add_open(&ev, "No place said", LEVEL_NOTICE);
    cells_of("", &ev, cells, sizeof cells);
    is_str(cells, "ALL=notice EU=~notice FR=~notice DE=~notice US=~notice JP=~notice",
           "an incident without locations stays service-wide");

    memset(&ev, 0, sizeof ev);
    cells_of("", &ev, cells, sizeof cells);
    is_str(cells, "ALL=ok EU=ok FR=ok DE=ok US=ok JP=ok", "an event feed with nothing open is ok");
}

/* Region rules see names as they are shown: a bidi override or an escape
 * hidden in a name does not make a rule miss. */
static void test_sanitized_rules(void)
{
    static const char *const names[] = {
        "Eu\xe2\x80\xaerope",
        "Europe\x1b[2J",
        "\xe2\x80\x8b"
        "Europe",
        " Europe ",
    };
    struct config cfg = {0};
    struct model *m;
    struct snapshot *snap;
    struct evidence ev = {0};

    tu_config(&cfg, "[sitrep]\ncolumns = ALL EU US\n[service x]\n"
                    "url = https://status.example/\nregion = name \"^Europe$\" => EU\n"
                    "region = group \"^Paris$\" => FR\n");
    m = model_new(&cfg);
    ev.components = xcalloc(NELEM(names) + 1, sizeof *ev.components);
    for (size_t i = 0; i < NELEM(names); i++) {
        struct component *c = &ev.components[ev.ncomponents++];
        c->id = xasprintf("c%zu", i);
        c->name = xstrdup(names[i]);
        c->level = LEVEL_OK;
        c->region = REGION_NONE;
    }
    ev.components[ev.ncomponents] = (struct component){.id = xstrdup("p"),
                                                       .name = xstrdup("Login"),
                                                       .group_name = xstrdup("Pa\xe2\x80\x8fris"),
                                                       .level = LEVEL_OK,
                                                       .region = REGION_NONE};
    ev.ncomponents++;
    model_source_success(m, 0, 0, &ev, NOW);
    snap = model_snapshot(m, NOW);
    for (size_t i = 0; i < snap->services[0].ncomponents; i++) {
        const struct snap_component *c = &snap->services[0].components[i];
        is_str(region_code(c->region), strcmp(c->id, "p") == 0 ? "FR" : "EU",
               "rule matches the shown name of component %s", c->id);
    }
    snapshot_free(snap);
    model_free(m);
    config_free(&cfg);
}

/* Time travel copies evidence: locations must be deep-copied and sized. */
static void test_copy(void)
{
    struct evidence ev = {0}, copy;
    struct incident *inc = add_open(&ev, "x", LEVEL_MAJOR);
    size_t before;

    before = evidence_size(&ev);
    add_location(inc, "europe-west9", region_find("europe-west9"));
    add_location(inc, "us-east-1", region_find("us-east-1"));
    ok(evidence_size(&ev) > before, "size counts locations");
    evidence_copy(&copy, &ev);
    ok(copy.incidents[0].locations != ev.incidents[0].locations &&
           copy.incidents[0].locations[1].text != ev.incidents[0].locations[1].text,
       "copy owns its locations");
    is_str(copy.incidents[0].locations[1].text, "us-east-1", "copy keeps the text");
    is_int(copy.incidents[0].locations[0].region, region_find("europe-west9"),
           "copy keeps the region");
    evidence_free(&ev);
    evidence_free(&copy);
    ok(true, "both freed (ASan checks the rest)");
}

/* ---- the lazy JSON reader --------------------------------------------------- */

static void test_json(void)
{
    static const struct {
        const char *text, *err; /* NULL: valid */
    } cases[] = {
        {"{\"a\":[1,2,{\"b\":null}],\"c\":\"x\"}", NULL},
        {"  [ ]  ", NULL},
        {"\"root string\"", NULL},
        {"-0.5e+3", NULL},
        {"{\"a\":1", "truncated JSON"},
        {"[1,2", "truncated JSON"},
        {"\"abc", "truncated JSON"},
        {"tru", "truncated JSON"},
        {"[1,]", "invalid JSON syntax"},
        {"{\"a\" 1}", "invalid JSON syntax"},
        {"{a:1}", "invalid JSON syntax"},
        {"01", "trailing data"},
        {"1.", "invalid JSON syntax"},
        {".5", "invalid JSON syntax"},
        {"-", "invalid JSON syntax"},
        {"1e", "invalid JSON syntax"},
        {"[1] x", "trailing data"},
        {"\"\\x\"", "invalid escape"},
        {"\"\\u12\"", "invalid escape"},
        {"\"\\ud800\"", "invalid escape"},
        {"\"\\udc00\\ud800\"", "invalid escape"},
        {"\"\\u0000\"", "invalid escape"},
        {"\"a\tb\"", "control character"},
        {"\"\xc3\"", "invalid UTF-8"},
        {"\"\xed\xa0\x80\"", "invalid UTF-8"},
        {"\"\xc0\xaf\"", "invalid UTF-8"},
        {"", "truncated JSON"},
    };
    struct jdoc d;
    char err[128];
    bool ok_num;

    for (size_t i = 0; i < NELEM(cases); i++) {
        int rc = jdoc_parse(&d, cases[i].text, strlen(cases[i].text), err, sizeof err);
        if (!cases[i].err) {
            ok(rc == 0, "json: '%s' is valid (%s)", cases[i].text, rc ? err : "");
            if (rc == 0)
                jdoc_free(&d);
        } else {
            ok(rc != 0 && strstr(err, cases[i].err) && strstr(err, " at byte "),
               "json: case %zu refused: '%s' says '%s'", i, rc ? err : "(accepted)", cases[i].err);
        }
    }
    static const char doc[] = "{\"k\\u00e9y\":\"v\\u00e9\\n\\ud83d\\ude00\",\"n\":-12.5,\"n\":7,"
                              "\"a\":[true,false,null,\"s\"],\"big\":1e999}";
    ok(jdoc_parse(&d, doc, sizeof doc - 1, err, sizeof err) == 0, "json: escapes, duplicates (%s)",
       err);
    is_str(jf_str(&d, JD_ROOT, "k\xc3\xa9y"), "v\xc3\xa9\n\xf0\x9f\x98\x80",
           "json: escapes in keys and values are unescaped when read");
    is_int((int)jd_num(&d, jd_get(&d, JD_ROOT, "n"), &ok_num), 7, "json: the last duplicate wins");
    is_int(jd_size(&d, jd_get(&d, JD_ROOT, "a")), 4, "json: array size");
    is_int(
        jd_type(&d, jd_next(&d, jd_get(&d, JD_ROOT, "a"), jd_first(&d, jd_get(&d, JD_ROOT, "a")))),
        JT_FALSE, "json: the second element");
    jd_num(&d, jd_get(&d, JD_ROOT, "big"), &ok_num);
    ok(!ok_num, "json: a number past a double is no number");
    ok(jd_get(&d, JD_ROOT, "missing") == 0 && jf_str(&d, 0, "x") == NULL && jd_size(&d, 0) == 0,
       "json: absent things read as absent");
    is_int(d.huge_at, (int)(strstr(doc, "1e999") - doc) + 1,
           "json: the number past a double is marked");
    {
        static const char *const names[] = {"n", "missing", "a"};
        jref f[3];
        jd_get_each(&d, JD_ROOT, names, 3, f);
        ok(f[0] == jd_get(&d, JD_ROOT, "n") && f[1] == 0 && f[2] == jd_get(&d, JD_ROOT, "a") &&
               f[0] != 0 && f[2] != 0,
           "json: several fields in one pass, as jd_get finds them");
        jd_get_each(&d, jd_get(&d, JD_ROOT, "a"), names, 3, f);
        ok(f[0] == 0 && f[1] == 0 && f[2] == 0, "json: no fields in an array");
        const char *many[JD_GET_MAX + 1];
        jref g[JD_GET_MAX + 1];
        for (size_t i = 0; i < JD_GET_MAX; i++)
            many[i] = "n";
        many[JD_GET_MAX] = "a";
        jd_get_each(&d, JD_ROOT, many, JD_GET_MAX + 1, g);
        ok(g[0] != 0 && g[0] == jd_get(&d, JD_ROOT, "n"), "json: a name asked for many times");
        ok(g[JD_GET_MAX - 1] == jd_get(&d, JD_ROOT, "n") && g[JD_GET_MAX] == 0,
           "json: names past JD_GET_MAX read as absent");
    }
    jdoc_free(&d);
    {
        /* the reader takes plain bytes a word at a time: what ends that (a
         * control, a quote, a backslash, a non-ASCII byte) at every place
         * in the first words of a string */
        static const struct {
            const char *put, *want, *err;
        } specials[] = {
            {"\t", NULL, "control character"},
            {"\x7f", "\x7f", NULL},
            {"\\n", "\n", NULL},
            {"\\u00e9", "\xc3\xa9", NULL},
            {"\xc3\xa9", "\xc3\xa9", NULL},
            {"\xff", NULL, "invalid UTF-8"},
            {"\"", NULL, "invalid JSON syntax"},
        };
        size_t good = 0, total = 0;
        for (size_t k = 0; k < NELEM(specials); k++) {
            for (size_t at = 0; at < 20; at++) {
                char text[64], want[64];
                int rc;
                snprintf(text, sizeof text, "[\"%.*s%s%.*s\"]", (int)at, "abcdefghijklmnopqrstu",
                         specials[k].put, (int)(20 - at), "ABCDEFGHIJKLMNOPQRSTU");
                rc = jdoc_parse(&d, text, strlen(text), err, sizeof err);
                total++;
                if (specials[k].err) {
                    good += rc != 0 && strstr(err, specials[k].err) != NULL;
                    continue;
                }
                snprintf(want, sizeof want, "%.*s%s%.*s", (int)at, "abcdefghijklmnopqrstu",
                         specials[k].want, (int)(20 - at), "ABCDEFGHIJKLMNOPQRSTU");
                good += rc == 0 && strcmp(jd_str(&d, jd_first(&d, JD_ROOT)), want) == 0;
                if (rc == 0)
                    jdoc_free(&d);
            }
        }
        is_int(good, total, "json: controls, quotes, escapes and UTF-8 at every place of a string");
    }
    {
        static const struct {
            const char *text;
            unsigned huge_at;
        } huge[] = {
            {"[1e308, -2e308, 3e400]", 9},
            {"[1E-999, 0.5e-400, 123456789012345678901234567890]", 0},
            {"{\"x\":-1e+309}", 6},
        };
        for (size_t i = 0; i < NELEM(huge); i++) {
            ok(jdoc_parse(&d, huge[i].text, strlen(huge[i].text), err, sizeof err) == 0 &&
                   d.huge_at == huge[i].huge_at,
               "json: '%s' marks %u as too large", huge[i].text, huge[i].huge_at);
            jdoc_free(&d);
        }
    }
    {
        char deep[4200];
        size_t n = 0;
        for (int i = 0; i < 2049; i++)
            deep[n++] = '[';
        for (int i = 0; i < 2049; i++)
            deep[n++] = ']';
        ok(jdoc_parse(&d, deep, n, err, sizeof err) != 0 && strstr(err, "nesting too deep"),
           "json: 2049 levels are too deep");
        ok(jdoc_parse(&d, deep + 1, n - 2, err, sizeof err) == 0, "json: 2048 are not");
        jdoc_free(&d);
    }
}

/* ---- Slack ------------------------------------------------------------------ */

/* One incident in a current document, with this type and status. */
static enum level slack_one(const char *type, const char *status, bool *open, bool *maint)
{
    const struct provider *p = provider_find("slack");
    char *doc = xasprintf("{\"status\":\"active\",\"active_incidents\":[{\"id\":7,\"title\":\"t\","
                          "\"type\":\"%s\",\"status\":\"%s\",\"services\":[\"Huddles\"],"
                          "\"notes\":[{\"body\":\"<p>a&amp;b</p>\",\"date_created\":"
                          "\"2026-06-26T02:12:20-07:00\"}]}]}",
                          type, status);
    struct evidence ev = {0};
    char err[256] = "";
    enum level level = LEVEL_NONE;

    if (p->parse(doc, strlen(doc), &ev, err, sizeof err) == 0 && ev.nincidents == 1) {
        level = ev.incidents[0].level;
        *open = ev.incidents[0].open;
        *maint = ev.incidents[0].maintenance;
    }
    evidence_free(&ev);
    free(doc);
    return level;
}

static void test_slack(void)
{
    static const struct {
        const char *type, *status;
        enum level level;
        bool open, maint;
    } cases[] = {
        {"notice", "active", LEVEL_NOTICE, true, false},
        {"incident", "active", LEVEL_DEGRADED, true, false},
        {"outage", "active", LEVEL_MAJOR, true, false},
        {"outage", "resolved", LEVEL_MAJOR, false, false},
        {"incident", "cancelled", LEVEL_DEGRADED, false, false},
        {"notice", "scheduled", LEVEL_MAINTENANCE, true, true},
        {"meltdown", "active", LEVEL_UNKNOWN, true, false},
        {"outage", "smouldering", LEVEL_UNKNOWN, true, false},
    };
    const struct provider *p = provider_find("slack");
    struct evidence ev = {0};
    char err[256];
    int rc;

    for (size_t i = 0; i < NELEM(cases); i++) {
        bool open = false, maint = false;
        enum level level = slack_one(cases[i].type, cases[i].status, &open, &maint);
        ok(level == cases[i].level && open == cases[i].open && maint == cases[i].maint,
           "slack: type %s, status %s: %s, %s", cases[i].type, cases[i].status,
           level_name(cases[i].level), cases[i].open ? "open" : "ended");
    }
    /* The service named is a component at the incident's level; the rest
     * of Slack's list is there, ok; the note's HTML is text. */
    const char *doc = "{\"status\":\"active\",\"active_incidents\":[{\"id\":1,\"title\":\"t\","
                      "\"type\":\"outage\",\"status\":\"active\",\"services\":[\"Huddles\"],"
                      "\"notes\":[{\"body\":\"<p>a&amp;b</p>\"}]}]}";
    ok(p->parse(doc, strlen(doc), &ev, err, sizeof err) == 0, "slack: an outage parses");
    size_t not_ok = 0, huddles = 0;
    for (size_t i = 0; i < ev.ncomponents; i++) {
        not_ok += ev.components[i].level != LEVEL_OK;
        huddles +=
            strcmp(ev.components[i].id, "Huddles") == 0 && ev.components[i].level == LEVEL_MAJOR;
    }
    ok(ev.ncomponents == 14 && not_ok == 1 && huddles == 1,
       "slack: 14 services, Huddles major, the rest ok (%zu, %zu not ok)", ev.ncomponents, not_ok);
    ok(ev.nincidents == 1 && strcmp(ev.incidents[0].updates[0].body, "a&b") == 0 &&
           strcmp(ev.incidents[0].id, "1") == 0,
       "slack: the note is plain text, the numeric id a string");
    evidence_free(&ev);
    /* A status word it does not know, nothing open: unknown, not ok. */
    doc = "{\"status\":\"sideways\",\"active_incidents\":[]}";
    ok(p->parse(doc, strlen(doc), &ev, err, sizeof err) == 0 && ev.level == LEVEL_UNKNOWN,
       "slack: an unknown page status is unknown");
    evidence_free(&ev);
    doc = "{\"status\":\"ok\",\"active_incidents\":{}}";
    ok(p->parse(doc, strlen(doc), &ev, err, sizeof err) != 0 &&
           strstr(err, "'active_incidents' is an object"),
       "slack: active_incidents of the wrong type fails (%s)", err);
    doc = "{\"page\":{\"name\":\"x\"}}";
    ok(p->parse(doc, strlen(doc), &ev, err, sizeof err) != 0 &&
           strstr(err, "not a Slack status document"),
       "slack: another JSON shape fails (%s)", err);
    /* v1.0.0's current is its one incident, as Slack's documentation shows
     * it (a string id, a plain-text note): an open outage, not a quiet page. */
    doc = "{\"id\":\"546\",\"date_created\":\"2018-09-07T14:35:00-07:00\","
          "\"date_updated\":\"2018-09-07T18:34:15-07:00\",\"title\":\"Forwarding email fails\","
          "\"type\":\"outage\",\"status\":\"active\",\"url\":\"https://slack-status.com/x\","
          "\"services\":[\"Apps/Integrations/APIs\"],\"notes\":[{\"date_created\":"
          "\"2018-09-07T18:34:15-07:00\",\"body\":\"Technical Summary:\\r\\nOn September 7th\"}]}";
    err[0] = '\0';
    rc = p->parse(doc, strlen(doc), &ev, err, sizeof err);
    ok(rc == 0, "slack v1: parses (%s)", err);
    ok(ev.level == LEVEL_MAJOR && ev.nincidents == 1 && ev.incidents[0].open &&
           strcmp(ev.incidents[0].id, "546") == 0 && ev.incidents[0].nupdates == 1,
       "slack v1: the root is one open outage (%s, %zu)", level_name(ev.level), ev.nincidents);
    is_str(provider_sniff(doc, strlen(doc)) ? provider_sniff(doc, strlen(doc))->name : "(none)",
           "slack", "slack v1: sniffed as Slack");
    evidence_free(&ev);
    doc = "{\"id\":546,\"title\":\"t\",\"type\":\"incident\",\"status\":\"resolved\","
          "\"date_updated\":\"2018-09-07T18:34:15-07:00\",\"services\":[],\"notes\":[]}";
    rc = p->parse(doc, strlen(doc), &ev, err, sizeof err);
    ok(rc == 0 && ev.level == LEVEL_OK && ev.nincidents == 1 && !ev.incidents[0].open,
       "slack v1: a resolved incident within the hour is over: ok (%s)", level_name(ev.level));
    evidence_free(&ev);
    doc = "{\"status\":\"ok\",\"date_created\":\"2018-09-07T18:34:15-07:00\","
          "\"date_updated\":\"2018-09-07T18:34:15-07:00\"}";
    rc = p->parse(doc, strlen(doc), &ev, err, sizeof err);
    ok(rc == 0 && ev.level == LEVEL_OK, "slack v1: the terse ok is ok (%s)", level_name(ev.level));
    evidence_free(&ev);
}

/* ---- a body that is not what the format reads --------------------------------- */

static void test_wrong_body(void)
{
    static const char html[] = "<!DOCTYPE html><html><head><title>Sign in</title></head></html>";
    const struct provider *slack = provider_find("slack");
    struct evidence ev = {0};
    char err[256];
    size_t len;
    char *google;

    for (size_t i = 0; provider_table[i]; i++) {
        const struct provider *p = provider_table[i];
        char want[200];
        /* "got HTML", or the format's own more precise word for it */
        snprintf(want, sizeof want, "expected %s, got ", p->document);
        ok(provider_parse(p, html, sizeof html - 1, &ev, err, sizeof err) != 0 &&
               strncmp(err, want, strlen(want)) == 0 && strstr(err, "HTML"),
           "%s given a login page: '%s'", p->name, err);
    }
    ok(provider_parse(slack, " \n", 2, &ev, err, sizeof err) != 0 &&
           strcmp(err, "expected a Slack status document, got an empty body") == 0,
       "slack given nothing: '%s'", err);
    google = read_fixture(
        "gcp/cyanheads-devops-status-mcp-server__incidents_2026-07_4-records.json", &len);
    ok(provider_parse(slack, google, len, &ev, err, sizeof err) != 0 &&
           strcmp(err, "expected a Slack status document, got a Google incidents.json") == 0,
       "slack given Google's incidents: '%s'", err);
    free(google);
    /* A body of its own kind that is broken keeps the parser's message. */
    ok(provider_parse(slack, "{\"status\":", 10, &ev, err, sizeof err) != 0 &&
           strstr(err, "expected a Slack") == NULL && strstr(err, "JSON"),
       "slack given truncated JSON: the reader's message ('%s')", err);
}

/* ---- incident.io ---------------------------------------------------------------- */

/* A proxy summary that lays its page out only in structure.items (groups
 * of components, and lone ones), its affected components at their current
 * status: every component is named and grouped, the affected one degraded. */
static void test_incidentio_structure(void)
{
    const struct provider *p = provider_find("incidentio");
    struct evidence ev = {0};
    char err[256] = "";
    const char *doc =
        "{\"summary\":{\"name\":\"Acme\",\"public_url\":\"https://status.acme.example/eu\","
        "\"structure\":{\"items\":[{\"group\":{\"name\":\"Messenger\",\"components\":["
        "{\"component_id\":\"c1\",\"name\":\"Web Messenger\"},{\"component_id\":\"c2\","
        "\"name\":\"Mobile Messenger\"}]}},{\"component\":{\"component_id\":\"c3\","
        "\"name\":\"API\"}}]},\"affected_components\":[{\"component_id\":\"c2\","
        "\"current_status\":\"degraded_performance\"}],\"ongoing_incidents\":[],"
        "\"scheduled_maintenances\":[]}}";
    const struct component *c2 = NULL;

    ok(p->parse(doc, strlen(doc), &ev, err, sizeof err) == 0 && ev.ncomponents == 3,
       "incidentio: a summary laid out in structure gives its three components (%s)", err);
    for (size_t i = 0; i < ev.ncomponents; i++) {
        if (strcmp(ev.components[i].id, "c2") == 0)
            c2 = &ev.components[i];
    }
    ok(c2 && strcmp(c2->name, "Mobile Messenger") == 0 && c2->group_name &&
           strcmp(c2->group_name, "Messenger") == 0 && c2->level == LEVEL_DEGRADED,
       "incidentio: the affected one named, in its group, at its current status");
    ok(ev.ncomponents == 3 && strcmp(ev.components[2].name, "API") == 0 &&
           !ev.components[2].group_name && ev.components[2].level == LEVEL_OK,
       "incidentio: a lone component, ungrouped and operational");
    is_int(ev.level, LEVEL_DEGRADED, "incidentio: the page degraded");
    evidence_free(&ev);
}

static void test_incidentio(void)
{
    const struct provider *p = provider_find("incidentio");
    struct evidence ev = {0};
    char err[256] = "";
    /* The proxy summary: components, one affected, an ongoing incident. */
    const char *summary =
        "{\"summary\":{\"name\":\"Acme\",\"public_url\":\"https://status.acme.example\","
        "\"components\":[{\"id\":\"c1\",\"name\":\"API\"},{\"id\":\"c2\",\"name\":\"Web\"}],"
        "\"affected_components\":[{\"component_id\":\"c1\",\"status\":\"partial_outage\"}],"
        "\"ongoing_incidents\":[{\"id\":\"i1\",\"name\":\"API "
        "errors\",\"status\":\"investigating\","
        "\"affected_components\":[{\"component_id\":\"c1\",\"status\":\"partial_outage\"}],"
        "\"updates\":[{\"message_string\":\"Looking\",\"to_status\":\"investigating\"}]}],"
        "\"scheduled_maintenances\":null}}";
    /* The widget: an ongoing incident with its worst impact only. */
    const char *widget =
        "{\"page_title\":\"Acme\",\"ongoing_incidents\":[{\"id\":\"i2\",\"name\":\"Down\","
        "\"status\":\"identified\",\"current_worst_impact\":\"full_outage\","
        "\"last_update_message\":\"Fixing\",\"affected_components\":[{\"id\":\"c9\","
        "\"name\":\"Checkout\",\"current_status\":\"full_outage\"}]}],"
        "\"in_progress_maintenances\":[]}";
    const char *odd = "{\"incidents\":[{\"name\":\"x\",\"status\":\"smouldering\"}]}";

    ok(p->parse(summary, strlen(summary), &ev, err, sizeof err) == 0, "incidentio: summary (%s)",
       err);
    ok(ev.ncomponents == 2 && ev.components[0].level == LEVEL_PARTIAL &&
           ev.components[1].level == LEVEL_OK && strcmp(ev.components[0].name, "API") == 0,
       "incidentio: API partial, Web ok");
    ok(ev.nincidents == 1 && ev.incidents[0].open && ev.incidents[0].level == LEVEL_PARTIAL &&
           ev.level == LEVEL_PARTIAL && ev.page_name && strcmp(ev.page_name, "Acme") == 0,
       "incidentio: the ongoing incident, partial, and the page's name");
    evidence_free(&ev);
    ok(p->parse(widget, strlen(widget), &ev, err, sizeof err) == 0 && ev.nincidents == 1 &&
           ev.incidents[0].level == LEVEL_MAJOR && ev.ncomponents == 1 &&
           strcmp(ev.components[0].name, "Checkout") == 0 &&
           ev.components[0].level == LEVEL_MAJOR && ev.incidents[0].nupdates == 1 &&
           strcmp(ev.incidents[0].updates[0].body, "Fixing") == 0,
       "incidentio: the widget's incident, major, its component and its last message (%s)", err);
    evidence_free(&ev);
    ok(p->parse(odd, strlen(odd), &ev, err, sizeof err) == 0 && ev.nincidents == 1 &&
           ev.incidents[0].open && ev.level == LEVEL_UNKNOWN,
       "incidentio: a status it does not know leaves the incident open, unknown");
    evidence_free(&ev);
    ok(p->parse("[]", 2, &ev, err, sizeof err) != 0 && strstr(err, "not an incident.io"),
       "incidentio: an array is not its document (%s)", err);
    test_incidentio_structure();
}

/* ---- Instatus ---------------------------------------------------------------- */

static enum level instatus_level(const char *doc)
{
    const struct provider *p = provider_find("instatus");
    struct evidence ev = {0};
    char err[256] = "";
    enum level level =
        p->parse(doc, strlen(doc), &ev, err, sizeof err) == 0 ? ev.level : LEVEL_NONE;

    evidence_free(&ev);
    return level;
}

static void test_instatus(void)
{
    static const struct {
        const char *doc;
        enum level level;
        const char *what;
    } cases[] = {
        {"{\"page\":{\"status\":\"UP\"}}", LEVEL_OK, "UP and nothing listed: ok"},
        {"{\"page\":{\"status\":\"HASISSUES\"}}", LEVEL_DEGRADED,
         "HASISSUES without the incidents: degraded"},
        {"{\"page\":{\"status\":\"HASISSUES\"},\"activeIncidents\":[{\"name\":\"a\","
         "\"status\":\"IDENTIFIED\",\"impact\":\"MAJOROUTAGE\"}]}",
         LEVEL_MAJOR, "an identified major outage: major"},
        {"{\"page\":{\"status\":\"HASISSUES\"},\"activeIncidents\":[{\"name\":\"a\","
         "\"status\":\"MONITORING\",\"impact\":\"DEGRADEDPERFORMANCE\"}]}",
         LEVEL_DEGRADED, "monitoring a degradation: degraded (HASISSUES adds nothing)"},
        {"{\"page\":{\"status\":\"UNDERMAINTENANCE\"},\"activeMaintenances\":[{\"name\":\"m\","
         "\"status\":\"INPROGRESS\",\"start\":\"2026-09-10T08:00:00.000Z\",\"duration\":15}]}",
         LEVEL_MAINTENANCE, "a maintenance in progress: maintenance"},
        {"{\"page\":{\"status\":\"WOBBLY\"}}", LEVEL_UNKNOWN,
         "a page word it does not know: unknown"},
        {"{\"page\":{\"status\":\"UP\"},\"activeIncidents\":[{\"name\":\"a\","
         "\"status\":\"INVESTIGATING\",\"impact\":\"CATASTROPHIC\"}]}",
         LEVEL_UNKNOWN, "an impact it does not know: unknown"},
        {"[{\"id\":\"g\",\"name\":\"Europe\",\"status\":\"OPERATIONAL\",\"isParent\":true,"
         "\"children\":[{\"id\":\"c\",\"name\":\"Paris\",\"status\":\"PARTIALOUTAGE\"}]}]",
         LEVEL_PARTIAL, "documented components with children: the worst"},
        {"{\"components\":[{\"id\":\"c\",\"name\":\"API\",\"status\":\"SIDEWAYS\"}]}",
         LEVEL_UNKNOWN, "a component status it does not know: unknown"},
    };
    const struct provider *p = provider_find("instatus");
    struct evidence ev = {0};
    char err[256];

    for (size_t i = 0; i < NELEM(cases); i++)
        is_str(level_name(instatus_level(cases[i].doc)), level_name(cases[i].level), "instatus: %s",
               cases[i].what);
    const char *kids =
        "[{\"id\":\"g\",\"name\":\"Europe\",\"status\":\"OPERATIONAL\","
        "\"children\":[{\"id\":\"c\",\"name\":\"Paris\",\"status\":\"OPERATIONAL\"}]}]";
    ok(p->parse(kids, strlen(kids), &ev, err, sizeof err) == 0 && ev.ncomponents == 2 &&
           ev.components[0].is_group && ev.components[1].group_name &&
           strcmp(ev.components[1].group_name, "Europe") == 0,
       "instatus: a child knows its group, the group is one");
    evidence_free(&ev);
    ok(p->parse("{\"x\":1}", 7, &ev, err, sizeof err) != 0 && strstr(err, "not an Instatus"),
       "instatus: another object fails (%s)", err);
}

/* ---- status.io -------------------------------------------------------------- */

static void test_statusio(void)
{
    static const struct {
        const char *code;
        enum level level;
    } codes[] = {
        {"100", LEVEL_OK},       {"200", LEVEL_MAINTENANCE}, {"300", LEVEL_DEGRADED},
        {"400", LEVEL_PARTIAL},  {"500", LEVEL_MAJOR},       {"600", LEVEL_PARTIAL},
        {"700", LEVEL_UNKNOWN},  {"\"500\"", LEVEL_MAJOR},   {"450.5", LEVEL_UNKNOWN},
        {"null", LEVEL_UNKNOWN},
    };
    const struct provider *p = provider_find("statusio");
    struct evidence ev = {0};
    char err[256] = "";

    for (size_t i = 0; i < NELEM(codes); i++) {
        char *doc = xasprintf("{\"result\":{\"status_overall\":{\"status_code\":100},\"status\":"
                              "[{\"id\":\"s\",\"name\":\"API\",\"containers\":[{\"id\":\"k\","
                              "\"name\":\"Europe\",\"status_code\":%s}]}]}}",
                              codes[i].code);
        int rc = p->parse(doc, strlen(doc), &ev, err, sizeof err);
        ok(rc == 0 && ev.ncomponents == 1 && ev.components[0].level == codes[i].level &&
               strcmp(ev.components[0].group_name, "Europe") == 0,
           "statusio: status_code %s is %s, in its container", codes[i].code,
           level_name(codes[i].level));
        evidence_free(&ev);
        free(doc);
    }
    const char *upcoming = "{\"result\":{\"status_overall\":{\"status_code\":100},\"status\":[],"
                           "\"maintenance\":{\"active\":[],\"upcoming\":[{\"_id\":\"m\",\"name\":"
                           "\"Upgrade\",\"datetime_planned_start\":\"2026-10-02T00:00:00.000Z\","
                           "\"datetime_planned_end\":\"2026-10-02T02:00:00.000Z\"}]}}}";
    ok(p->parse(upcoming, strlen(upcoming), &ev, err, sizeof err) == 0 && ev.nincidents == 1 &&
           ev.incidents[0].maintenance && !ev.incidents[0].open && ev.incidents[0].scheduled &&
           ev.incidents[0].scheduled_until - ev.incidents[0].scheduled_for == 7200 &&
           ev.level == LEVEL_OK,
       "statusio: an upcoming maintenance is announced with its window, the page ok");
    evidence_free(&ev);
    ok(p->parse("{\"status\":[]}", 13, &ev, err, sizeof err) != 0 && strstr(err, "'result'"),
       "statusio: no result object fails (%s)", err);
}

/* ---- Heroku ------------------------------------------------------------------ */

static void test_heroku(void)
{
    const struct provider *p = provider_find("heroku");
    struct evidence ev = {0};
    char err[256] = "";
    const char *trap =
        "{\"status\":[{\"system\":\"Apps\",\"status\":\"green\"}],\"incidents\":[{\"id\":1,"
        "\"title\":\"t\",\"state\":\"resolved\",\"resolved\":false,\"updates\":[{\"status_prod\":"
        "\"red\",\"created_at\":\"2026-01-01T00:00:00Z\"}]}],\"scheduled\":[]}";
    const char *red =
        "{\"status\":[{\"system\":\"Apps\",\"status\":\"red\"},{\"system\":\"Data\",\"status\":"
        "\"purple\"}],\"incidents\":[{\"id\":2,\"title\":\"t\",\"state\":\"open\",\"tags\":"
        "[\"NA\",\"APAC\",\"Postgres\"],\"updates\":[{\"status_prod\":\"yellow\",\"created_at\":"
        "\"2026-01-01T00:00:00Z\"},{\"status_prod\":\"red\",\"created_at\":"
        "\"2026-01-01T01:00:00Z\"}]}],\"scheduled\":[{\"id\":3,\"title\":\"m\",\"upcoming\":true,"
        "\"resolved\":false}]}";

    ok(p->parse(trap, strlen(trap), &ev, err, sizeof err) == 0 && ev.nincidents == 1 &&
           !ev.incidents[0].open && ev.level == LEVEL_OK,
       "heroku: state resolved ends it though resolved is false");
    evidence_free(&ev);
    ok(p->parse(red, strlen(red), &ev, err, sizeof err) == 0, "heroku: a red day parses (%s)", err);
    ok(ev.nincidents == 2 && ev.incidents[0].open && ev.incidents[0].level == LEVEL_MAJOR &&
           ev.incidents[0].nlocations == 2 &&
           ev.incidents[0].locations[0].region == region_find("NA") &&
           ev.incidents[0].locations[1].region == region_find("APAC"),
       "heroku: the newest update's red is major, at its region tags only");
    ok(ev.nincidents == 2 && ev.incidents[1].maintenance && !ev.incidents[1].open &&
           ev.incidents[1].scheduled,
       "heroku: an upcoming maintenance is announced, not open");
    ok(ev.ncomponents == 2 && ev.components[0].level == LEVEL_MAJOR &&
           ev.components[1].level == LEVEL_UNKNOWN,
       "heroku: systems by colour, an unknown colour unknown");
    evidence_free(&ev);
    ok(p->parse("{\"incidents\":[]}", 16, &ev, err, sizeof err) != 0 && strstr(err, "Heroku"),
       "heroku: no status list fails (%s)", err);
}

/* ---- Apple ------------------------------------------------------------------ */

static void test_apple(void)
{
    const struct provider *p = provider_find("apple");
    struct evidence ev = {0};
    char err[256] = "";
    const char *doc =
        "jsonCallback({\"services\":[{\"serviceName\":\"iCloud Mail\",\"events\":[{\"messageId\":"
        "\"1\",\"statusType\":\"Meltdown\",\"eventStatus\":\"ongoing\",\"epochStartDate\":"
        "1785363840000}]},{\"serviceName\":\"Maps\",\"events\":[{\"messageId\":\"2\","
        "\"statusType\":\"Outage\",\"eventStatus\":\"sideways\"}]},{\"serviceName\":\"Siri\","
        "\"events\":[{\"messageId\":\"3\",\"statusType\":\"Maintenance\",\"eventStatus\":"
        "\"upcoming\",\"epochStartDate\":1785363840000,\"epochEndDate\":1785367440000}]}]});";

    ok(p->parse(doc, strlen(doc), &ev, err, sizeof err) == 0, "apple: the jsonCallback form (%s)",
       err);
    ok(ev.nincidents == 3, "apple: three events");
    for (size_t i = 0; i < ev.nincidents; i++) {
        const struct incident *inc = &ev.incidents[i];
        if (strcmp(inc->id, "1") == 0)
            ok(inc->open && inc->level == LEVEL_UNKNOWN, "apple: a type it does not know: unknown");
        else if (strcmp(inc->id, "2") == 0)
            ok(inc->open && inc->level == LEVEL_UNKNOWN,
               "apple: a status it does not know: open, unknown");
        else
            ok(inc->maintenance && inc->scheduled && !inc->open &&
                   inc->scheduled_until - inc->scheduled_for == 3600,
               "apple: an upcoming maintenance is announced with its window");
    }
    is_str(level_name(ev.level), "unknown", "apple: the page is unknown, not ok");
    evidence_free(&ev);
    ok(p->parse("callback(", 9, &ev, err, sizeof err) != 0, "apple: a cut jsonCallback fails");
    ok(p->parse("{\"x\":[]}", 8, &ev, err, sizeof err) != 0 && strstr(err, "not an Apple"),
       "apple: another object fails (%s)", err);
}

/* ---- 100,000 components ------------------------------------------------------ */

/* Each new format given (items: '@' stands for the item's number) 10^5 components (and Apple 10^5
 * events, status.io an incident naming them all) parses, keeps them all, and in time linear enough
 * for make check. */
static void test_many(void)
{
    static const struct {
        const char *format, *head, *item, *tail;
        size_t want;
    } cases[] = {
        {"slack",
         "{\"status\":\"active\",\"active_incidents\":[{\"title\":\"t\",\"type\":"
         "\"outage\",\"status\":\"active\",\"services\":[",
         "\"s@\"", "]}]}", 100000 + 14},
        {"incidentio", "{\"summary\":{\"components\":[", "{\"id\":\"c@\",\"name\":\"n\"}", "]}}",
         100000},
        {"instatus", "{\"components\":[",
         "{\"id\":\"c@\",\"name\":\"n\",\"status\":\"OPERATIONAL\"}", "]}", 100000},
        {"statusio", "{\"result\":{\"status_overall\":{\"status_code\":400},\"status\":[",
         "{\"id\":\"s@\",\"name\":\"n\",\"containers\":[{\"id\":\"k\",\"status_code\":400}]}",
         "],\"incidents\":[{\"_id\":\"i\",\"name\":\"all\",\"messages\":[{\"status\":400}],"
         "\"containers_affected\":[{\"_id\":\"k\",\"name\":\"k\"}],\"components_affected\":["
         "{\"_id\":\"s1\"},{\"_id\":\"s99999\"}]}]}}",
         100000},
        {"heroku", "{\"status\":[", "{\"system\":\"s@\",\"status\":\"green\"}",
         "],\"incidents\":[]}", 100000},
        {"apple", "{\"services\":[",
         "{\"serviceName\":\"s@\",\"events\":[{\"messageId\":\"@\","
         "\"statusType\":\"Issue\",\"eventStatus\":\"resolved\"}]}",
         "]}", 100000},
    };

    for (size_t i = 0; i < NELEM(cases); i++) {
        const struct provider *p = provider_find(cases[i].format);
        struct buf b = {0};
        struct evidence ev = {0};
        char err[256] = "";

        buf_puts(&b, cases[i].head);
        for (int k = 0; k < 100000; k++) {
            if (k)
                buf_putc(&b, ',');
            for (const char *t = cases[i].item; *t; t++) {
                if (*t == '@')
                    buf_printf(&b, "%d", k);
                else
                    buf_putc(&b, *t);
            }
        }
        buf_puts(&b, cases[i].tail);
        ok(p->parse(b.data, b.len, &ev, err, sizeof err) == 0 && ev.ncomponents == cases[i].want,
           "%s: 100,000 components parse (%zu, %s)", cases[i].format, ev.ncomponents, err);
        evidence_free(&ev);
        buf_free(&b);
    }
}

/* libxml2 is mapped only once a feed is read: a configuration without RSS
 * or Atom sources does not carry it (about 2 MB resident with ICU). */
static bool maps_libxml2(void)
{
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512];
    bool found = false;

    while (f && !found && fgets(line, sizeof line, f))
        found = strstr(line, "/libxml2.so") != NULL;
    if (f)
        fclose(f);
    return found;
}

static void test_xml_on_demand(void)
{
    char *body, err[256];
    size_t len;
    struct feed f = {0};

    ok(!feed_library_loaded() && !maps_libxml2(), "libxml2 is not loaded before a feed is read");
    body = read_fixture("azure/bjgreenberg-vendor-dashboard__feed_2026-08-01_empty.xml", &len);
    ok(body && feed_parse(body, len, &f, err, sizeof err) == 0, "a feed reads");
    ok(feed_library_loaded() && maps_libxml2(), "and libxml2 is loaded for it");
    feed_free(&f);
    free(body);
}

int main(void)
{
    test_xml_on_demand();
    test_goldens();
    test_oracle_documented_words();
    test_hostile();
    test_google_large();
    test_utf16();
    test_table();
    test_config_from_table();
    test_text();
    test_aws_regions();
    test_feed();
    test_model_regions();
    test_sanitized_rules();
    test_copy();
    test_json();
    test_slack();
    test_wrong_body();
    test_incidentio();
    test_instatus();
    test_statusio();
    test_heroku();
    test_apple();
    test_many();
    return tap_done();
}
