/* The config format: the bundled catalog loads, and every kind of mistake
 * gets a message naming the file and the line. */
#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include "sitrep/config.h"
#include "tap.h"

static const struct service_conf *service(const struct config *cfg, const char *id)
{
    for (size_t i = 0; i < cfg->nservices; i++) {
        if (strcmp(cfg->services[i].id, id) == 0)
            return &cfg->services[i];
    }
    return NULL;
}

static void test_catalog(void)
{
    struct config cfg;
    char *errors = NULL, path[4096];
    const struct service_conf *dd, *cf;

    snprintf(path, sizeof path, "%s/data/catalog.ini", SITREP_SRCDIR);
    if (!ok(config_load_file(path, &cfg, &errors) == 0, "the bundled catalog loads")) {
        tap_diag("%s", errors ? errors : "");
        free(errors);
        return;
    }
    ok(cfg.nservices >= 15, "it has at least 15 services (%zu)", cfg.nservices);
    is_int(cfg.ncolumns, 6, "six default columns");
    is_str(region_code(cfg.columns[0]), "ALL", "first column ALL");
    is_str(region_code(cfg.columns[3]), "EU", "fourth column EU");
    is_int(cfg.interval_s, 60, "interval 60s");
    /* One row per company, one source per regional page, each page
     * speaking for its own region. */
    static const struct {
        const char *svc, *src, *region;
    } pages[] = {
        {"datadog", "status", "US"}, {"datadog", "us3", "US"},    {"datadog", "us5", "US"},
        {"datadog", "eu1", "DE"},    {"datadog", "ap1", "JP"},    {"datadog", "ap2", "AU"},
        {"datadog", "us1fed", "US"}, {"datadog", "us2fed", "US"}, {"intercom", "status", "US"},
        {"intercom", "eu", "EU"},    {"intercom", "au", "AU"},
    };
    for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
        const struct service_conf *svc = service(&cfg, pages[i].svc);
        const struct source_conf *src = NULL;
        for (size_t j = 0; svc && j < svc->nsources; j++) {
            if (strcmp(svc->sources[j].id, pages[i].src) == 0)
                src = &svc->sources[j];
        }
        is_str(src ? region_code(region_rules_default(src->rules)) : "(none)", pages[i].region,
               "%s %s speaks for %s", pages[i].svc, pages[i].src, pages[i].region);
    }
    dd = service(&cfg, "datadog");
    ok(dd && strcmp(dd->sources[0].url, "https://status.datadoghq.com/api/v2/summary.json") == 0,
       "datadog's first page is US1's");
    cf = service(&cfg, "cloudflare");
    /* its status page first; Hacker News mentions beside it */
    ok(cf && cf->nsources >= 1 && strcmp(cf->sources[0].id, "status") == 0,
       "cloudflare has its implicit source first");
    if (cf) {
        const struct region_rules *r = cf->sources[0].rules;
        is_str(region_code(region_rules_apply(r, "x", "Amsterdam, Netherlands - (AMS)", "Europe")),
               "NL", "the catalog's Cloudflare rules tag Amsterdam as NL");
        is_str(
            region_code(region_rules_apply(r, "x", "Dashboard", "Cloudflare Sites and Services")),
            "ALL", "a global Cloudflare service stays ALL");
    }
    for (size_t i = 0; i < cfg.nservices; i++) {
        for (size_t j = 0; j < cfg.services[i].nsources; j++) {
            const struct source_conf *s = &cfg.services[i].sources[j];
            if (strncmp(s->url, "https://", 8) != 0 || !s->provider)
                ok(0, "source %s/%s is https with a provider", cfg.services[i].id, s->id);
        }
    }
    ok(strcmp(service(&cfg, "jira")->family, "atlassian") == 0, "jira is in the atlassian family");
    config_free(&cfg);
}

/* Loads text and checks that loading fails with want in the messages. */
static void fails_with(const char *text, const char *want, const char *what)
{
    struct config cfg;
    char *errors = NULL;
    int rc = config_load_string(text, "test.ini", &cfg, &errors);

    ok(rc == -1 && errors && strstr(errors, want), "%s", what);
    if (!(errors && strstr(errors, want)))
        tap_diag("errors were: %s (wanted '%s')", errors ? errors : "(none)", want);
    ok(cfg.nservices == 0 && cfg.services == NULL, "nothing is kept after: %s", what);
    free(errors);
}

static const char ok_service[] = "[service a]\nurl = https://example.com/api/v2/summary.json\n";

static void test_errors(void)
{
    fails_with("[sitrep]\ncolums = ALL\n", "test.ini:2: unknown key 'colums'", "a typo in a key");
    fails_with("[service a]\nurl = ftp://x/\n", "test.ini:2: url must start with https://",
               "a non-http URL");
    fails_with("[service a]\nurl = file:///etc/passwd\n", "test.ini:2: url", "a file URL");
    fails_with("[service a]\nformat = rss2\nurl = https://x/\n",
               "test.ini:2: unknown format 'rss2' (known: statuspage", "an unknown format");
    fails_with("[service a]\nurl = https://x/\n[service a]\nurl = https://y/\n",
               "test.ini:3: service 'a' is defined twice", "a duplicate service");
    fails_with("[service a]\nurl = https://x/\n\n[service a]\n# nothing\nname = A\n",
               "test.ini:4: service 'a' is defined twice",
               "a duplicate section is found even "
               "with the same name in a row");
    fails_with("[source b eu]\nurl = https://x/\n", "test.ini:1: source for unknown service 'b'",
               "a source for an unknown service");
    fails_with("[service a]\nname = A\n", "test.ini:1: service 'a' has no source",
               "a service without a url");
    fails_with("[sitrep]\ninterval = 20s\n[service a]\nurl = https://x/\n",
               "test.ini:2: interval 20s is below the 30s floor", "a too-short interval");
    fails_with("[service a]\nurl = https://x/\ninterval = 5s\n[sitrep]\nfloor = 10s\n",
               "test.ini:3: interval 5s is below the 10s floor",
               "a source's interval is held to the floor, wherever the floor is set");
    fails_with("[sitrep]\nmax_size = 12Q\n", "test.ini:2: bad max_size '12Q'", "a bad size");
    fails_with("[sitrep]\nper_host = 0\n", "test.ini:2: bad per_host '0'", "a zero per-host cap");
    fails_with("[sitrep]\ntimeout = forever\n", "test.ini:2: bad timeout 'forever'",
               "a bad timeout");
    fails_with("[sitrep]\nexpire_failures = many\n", "test.ini:2: bad expire_failures",
               "a bad failure count");
    fails_with("[sitrep]\ninterval = soon\n", "test.ini:2: bad interval 'soon'", "a bad interval");
    fails_with("columns = ALL\n", "test.ini:1: 'columns' outside any section",
               "a key before any section");
    fails_with("[services]\nx = 1\n", "test.ini:1: unknown section [services]",
               "an unknown section");
    fails_with("[sitrep]\ncolumns = ALL EU NARNIA\n", "test.ini:2: unknown region 'NARNIA'",
               "an unknown column");
    fails_with("[sitrep]\ncolumns = EU EU\n", "test.ini:2: column 'EU' given twice",
               "a duplicate column");
    fails_with("[service a]\nurl = https://x/\nregion = name \"([\" => $1\n",
               "test.ini:3: region rule: ", "a broken regex");
    fails_with("[service a]\nurl = https://x/\nregion = nmae \"x\" => EU\n",
               "test.ini:3: region rule: ", "a rule on an unknown field");
    fails_with("[service a]\nurl = https://x/\nregion = name \"(.+++++++++++++++*)\" => $1\n",
               "test.ini:3: region rule: regex has stacked repetitions",
               "stacked repetitions (the fuzzer's 2 GB regex) are refused before regcomp");
    fails_with(
        "[service a]\nurl = https://x/\nregion = name \"((((((((((.+)+)+)+)+)+)+)+)+)+)+\" => "
        "$1\n",
        "test.ini:3: region rule: regex repeats too much",
        "nested repetitions that would explode are refused");
    fails_with("[service a]\nurl = https://x/\nregion = name \"(.{1,20}){1,20}\" => $1\n",
               "test.ini:3: region rule: regex repeats too much", "nested intervals are refused");
    fails_with("[service a]\nurl = https://x/\nmap = FRA1\n", "test.ini:3: map wants KEY => REGION",
               "a map without a target");
    fails_with("[service a]\nurl = https://x/\ndefault_region = Atlantis\n",
               "test.ini:3: unknown region 'Atlantis'", "an unknown default region");
    fails_with("[service a b]\nurl = https://x/\n", "test.ini:1: bad service id 'a b'",
               "a service id with a blank");
    fails_with("[sitrep]\ntheme = x\nname = y\n", "test.ini:3: 'name' does not belong in [sitrep]",
               "a service key in [sitrep]");
    fails_with("", "no services defined", "an empty file");
    fails_with("[service a]\nurl = https://x/\nthis line has no equals sign\n",
               "test.ini:3:", "a line that is not key = value");
}

static void test_long_line(void)
{
    char text[1024];

    snprintf(text, sizeof text, "%s# ok\nname = %0300d\n", ok_service, 7);
    fails_with(text, "test.ini:4: line too long", "an overlong line is refused, not split");
}

static void test_many_errors(void)
{
    struct config cfg;
    char *errors = NULL;
    const char *text = "[sitrep]\nfoo = 1\nbar = 2\n[service a]\nurl = https://x/\nbaz = 3\n";

    ok(config_load_string(text, "m.ini", &cfg, &errors) == -1 && errors &&
           strstr(errors, "m.ini:2:") && strstr(errors, "m.ini:3:") && strstr(errors, "m.ini:6:"),
       "every error is reported, not just the first");
    free(errors);
}

static void test_good(void)
{
    struct config cfg;
    char *errors = NULL;
    const char *text = "; a comment\n# another\n[sitrep]\ncolumns = ALL, EU ,FR,JP  ; inline\n"
                       "interval = 2m\n\n[service skype]\nname = Skype ; the app\n"
                       "family = microsoft\nurl = https://example.com/s.json\n"
                       "region = name \"(?i)^(.*) region$\" => $1\n"
                       "[source skype eu]\nurl = https://example.eu/s.json\ninterval = 5m\n"
                       "default_region = EU\nmap = Paris => FR\n";

    if (!ok(config_load_string(text, "good.ini", &cfg, &errors) == 0, "a config with comments, "
                                                                      "inline comments and a "
                                                                      "second source loads")) {
        tap_diag("%s", errors);
        free(errors);
        return;
    }
    is_int(cfg.ncolumns, 4, "four columns, commas and blanks both separate");
    is_str(region_code(cfg.columns[2]), "FR", "third column FR");
    is_int(cfg.interval_s, 120, "interval 2m");
    is_str(cfg.services[0].name, "Skype", "inline comment stripped from the name");
    is_int(cfg.services[0].nsources, 2, "two sources");
    is_int(config_source_interval(&cfg, &cfg.services[0].sources[0]), 120, "inherits interval");
    is_int(config_source_interval(&cfg, &cfg.services[0].sources[1]), 300, "own interval");
    is_str(region_code(
               region_rules_apply(cfg.services[0].sources[0].rules, "i", "Japan region", NULL)),
           "JP", "the rule applies with (?i)");
    is_str(region_code(region_rules_apply(cfg.services[0].sources[1].rules, "i", "Paris", NULL)),
           "FR", "the map applies");
    is_str(region_code(region_rules_apply(cfg.services[0].sources[1].rules, "i", "Lyon", NULL)),
           "EU", "the default region applies");
    config_free(&cfg);
}

static void test_engine_settings(void)
{
    struct config cfg;
    char *errors = NULL;
    const char *text = "[sitrep]\nfloor = 5s\ninterval = 10s\ntimeout = 3s\nconnect_timeout = 2s\n"
                       "max_size = 512K\nper_host = 50\nconnections = 60\nexpire_failures = 3\n"
                       "expire_age = 10m\nca_file = /etc/ssl/certs/ca-certificates.crt\n"
                       "history_fine = 7d\nhistory_keep = 90d\n"
                       "[service a]\nurl = https://x/\ninterval = 5s\ntimeout = 9s\n"
                       "[service b]\nurl = https://y/\n";

    if (!ok(config_load_string(text, "engine.ini", &cfg, &errors) == 0,
            "engine settings load, with the floor lowered on purpose")) {
        tap_diag("%s", errors);
        free(errors);
        return;
    }
    ok(cfg.floor_s == 5 && cfg.interval_s == 10 && cfg.timeout_s == 3 && cfg.connect_timeout_s == 2,
       "floor, interval and timeouts");
    ok(cfg.max_size == 512 * 1024 && cfg.per_host == 50 && cfg.connections == 60,
       "size and connection caps");
    ok(cfg.expire_failures == 3 && cfg.expire_age_s == 600, "expiry settings");
    is_str(cfg.ca_file, "/etc/ssl/certs/ca-certificates.crt", "ca_file");
    ok(cfg.history_fine_s == 7 * 86400 && cfg.history_keep_s == 90 * 86400, "history retention");
    is_int(config_source_interval(&cfg, &cfg.services[0].sources[0]), 5, "a source's own interval");
    is_int(config_source_timeout(&cfg, &cfg.services[0].sources[0]), 9, "a source's own timeout");
    is_int(config_source_timeout(&cfg, &cfg.services[1].sources[0]), 3, "the global timeout");
    config_free(&cfg);
    errors = NULL;
    ok(config_load_string("[service a]\nurl = https://x/\n", "d.ini", &cfg, &errors) == 0 &&
           cfg.floor_s == 30 && cfg.timeout_s == 30 && cfg.max_size == 8L * 1024 * 1024 &&
           cfg.per_host == 4 && cfg.expire_failures == 5 && cfg.ca_file == NULL &&
           cfg.history_fine_s == 30 * 86400 && cfg.history_keep_s == 365 * 86400,
       "defaults: floor 30s, timeout 30s, 8M, 4 per host, 5 failures, history 30d then a year");
    config_free(&cfg);
    free(errors);
    errors = NULL;
    ok(config_load_string("[sitrep]\nhistory_fine = 1h\n", "h.ini", &cfg, &errors) == -1 &&
           errors && strstr(errors, "h.ini:2:") && strstr(errors, "history_fine"),
       "history kept less than a day is refused, with file and line");
    free(errors);
}

static void test_alert_settings(void)
{
    struct config cfg;
    char *errors = NULL;

    ok(config_load_string("[sitrep]\nalert_quiet = 5m\nbell = off\nnotify = osc777\n"
                          "on_change = notify-send \"$SITREP_SUMMARY\"\n"
                          "[service a]\nurl = https://x/\n",
                          "alerts.ini", &cfg, &errors) == 0,
       "alert settings load");
    is_int(cfg.alert_quiet_s, 300, "alert_quiet");
    ok(!cfg.bell, "bell = off");
    is_int(cfg.notify, NOTIFY_OSC777, "notify = osc777");
    is_str(cfg.on_change, "notify-send \"$SITREP_SUMMARY\"", "on_change is kept as written");
    config_free(&cfg);
    free(errors);
    errors = NULL;
    ok(config_load_string("[service a]\nurl = https://x/\n", "d.ini", &cfg, &errors) == 0 &&
           cfg.alert_quiet_s == 120 && cfg.bell && cfg.notify == NOTIFY_AUTO && !cfg.on_change,
       "defaults: quiet 2m, bell on, notify auto, no command");
    config_free(&cfg);
    ok(config_load_string("[sitrep]\nbell = yes\nnotify = off\non_change =\nalert_quiet = 0\n"
                          "[service a]\nurl = https://x/\n",
                          "e.ini", &cfg, &errors) == 0 &&
           cfg.bell && cfg.notify == NOTIFY_OFF && !cfg.on_change && cfg.alert_quiet_s == 0,
       "bell = yes, notify = off, an empty on_change is none, quiet 0");
    config_free(&cfg);
    fails_with("[sitrep]\nbell = loud\n", "test.ini:2: bad bell 'loud' (want on or off)",
               "a bad bell");
    fails_with("[sitrep]\nnotify = growl\n",
               "test.ini:2: bad notify 'growl' (want auto, osc9, osc777 or off)", "a bad notify");
    fails_with("[sitrep]\nalert_quiet = 2 days\n", "test.ini:2: bad alert_quiet '2 days'",
               "a bad quiet interval");
    fails_with("[sitrep]\nalert_quiet = 30d\n", "test.ini:2: bad alert_quiet '30d'",
               "a quiet interval over a day");
    fails_with("[service a]\nurl = https://x/\non_change = true\n",
               "test.ini:3: 'on_change' does not belong in [service a]",
               "on_change belongs in [sitrep]");
    enum notify_mode m;
    ok(notify_mode_parse("osc9", &m) && m == NOTIFY_OSC9 && !notify_mode_parse("OSC9", &m),
       "notify modes by name");
}

static void test_files(void)
{
    struct config cfg;
    char *errors = NULL;
    char path[] = "/tmp/sitrep-test-XXXXXX";
    int fd;

    ok(config_load_file("/nonexistent/sitrep.ini", &cfg, &errors) == -1 && errors &&
           strstr(errors, "/nonexistent/sitrep.ini: cannot open"),
       "a missing file names itself");
    free(errors);
    fd = mkstemp(path);
    ok(fd >= 0 && write(fd, "[sitrep]\0\n", 10) == 10, "wrote a file with a NUL byte");
    close(fd);
    errors = NULL;
    ok(config_load_file(path, &cfg, &errors) == -1 && errors && strstr(errors, "NUL"),
       "a binary file is refused");
    free(errors);
    unlink(path);
}

int main(void)
{
    test_catalog();
    test_errors();
    test_long_line();
    test_many_errors();
    test_good();
    test_engine_settings();
    test_alert_settings();
    test_files();
    return tap_done();
}
