/* Hardening (issue 19): each finding of the hostile run, and the helpers
 * that fix them, tested on purpose. Findings whose test needs the whole
 * program are in tests/e2e_harden.py; the store's and the recorder's are in
 * tests/test_store.c and tests/test_recording.c. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../src/app/alerts_internal.h"
#include "sitrep/buf.h"
#include "sitrep/config.h"
#include "sitrep/credentials.h"
#include "sitrep/export.h"
#include "sitrep/httphdr.h"
#include "sitrep/model.h"
#include "sitrep/redact.h"
#include "sitrep/region.h"
#include "sitrep/safefile.h"
#include "sitrep/theme.h"
#include "sitrep/timefmt.h"
#include "sitrep/xalloc.h"
#include "tap.h"
#include "testutil.h"

#define NOW 1795348800 /* 2026-11-22T12:00:00Z */

static double seconds_since(const struct timespec *t0)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static void write_text(const char *path, const char *text, mode_t mode)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

    if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text) || close(fd) != 0) {
        printf("Bail out! cannot write %s\n", path);
        exit(1);
    }
    chmod(path, mode);
}

/* ---- 4: catastrophic regexes are refused at load ---------------------- */

static void test_regex_rules(void)
{
    static const char *const refused[] = {
        "name \"(a*)\\1b\" => EU",                 /* a back-reference: 37 s of CPU */
        "name \"^(.+)\\2$\" => EU",                /* one that names no group */
        "name \"(a+)+b\" => EU",                   /* a repetition repeated */
        "name \"(.{1,20}){1,20}x\" => EU",         /* counted, nested */
        "name \"((a|b)*c)*d\" => EU",              /* nested through a group */
        "name \"[a-z]{0,200}[a-y]{0,200}\" => EU", /* counts over 32 */
        "name \"\\w+\" => EU",                     /* a GNU escape */
        "name \"x{1,}{2}\" => EU",                 /* stacked */
    };
    static const char *const accepted[] = {
        "name \"([^,]+) - \\(([A-Z]{3})\\)$\" => $1",
        "name \"\\(([A-Za-z .'-]+)( [0-9]+)?\\)\" => city:$1", /* '?' on a repeating group */
        "group \"(?i)^(.*)$\" => $1",
        "name \"^[A-Z]{3}[0-9]{1,32}\\.x$\" => EU",
    };
    char err[256];

    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        struct region_rules *r = region_rules_new();
        err[0] = '\0';
        ok(region_rules_add_spec(r, refused[i], err, sizeof err) == -1,
           "regex: refused at load: %s (%s)", refused[i], err);
        region_rules_free(r);
    }
    for (size_t i = 0; i < sizeof accepted / sizeof accepted[0]; i++) {
        struct region_rules *r = region_rules_new();
        err[0] = '\0';
        ok(region_rules_add_spec(r, accepted[i], err, sizeof err) == 0,
           "regex: ordinary rule accepted: %s (%s)", accepted[i], err);
        region_rules_free(r);
    }

    /* The config says where: the rule's file and line, exit status 2. */
    struct config cfg;
    char *errors = NULL;
    ok(config_load_string("[service a]\nurl = https://x/\n\nregion = name \"(a*)\\1\" => EU\n",
                          "rules.ini", &cfg, &errors) == -1 &&
           errors && strstr(errors, "rules.ini:4: region rule: regex has a back-reference"),
       "regex: the config names the rule's file:line (%s)", errors ? errors : "");
    free(errors);

    /* The worst a rule may still be, on the longest name it looks at. */
    struct region_rules *r = region_rules_new();
    char name[4096];
    struct timespec t0;
    region_rules_add_spec(r, "name \".{0,32}.{0,32}.{0,32}.{0,32}.{0,32}.{0,32}.{0,32}x\" => EU",
                          err, sizeof err);
    memset(name, 'a', sizeof name - 1);
    name[sizeof name - 1] = '\0';
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int i = 0; i < 20; i++) {
        name[256] = '\0';
        region_rules_apply(r, NULL, name, NULL);
        name[256] = 'a';
        region_rules_apply(r, NULL, name, NULL); /* 4095 bytes: not matched at all */
    }
    double s = seconds_since(&t0);
    ok(s < 5, "regex: 40 matches of the heaviest allowed rule take %.3f s", s);
    name[20] = 'x';
    name[21] = '\0';
    is_str(region_code(region_rules_apply(r, NULL, name, NULL)), "EU", "regex: and it still works");
    name[21] = 'a';
    name[300] = 'x';
    name[301] = '\0';
    is_str(region_code(region_rules_apply(r, NULL, name, NULL)), "ALL",
           "regex: a name over 256 bytes is not matched by regex rules");
    region_rules_free(r);
}

/* ---- 3: a 304 when nothing was held is no success -------------------- */

static void test_304_from_nothing(void)
{
    struct config cfg;
    struct model *m;
    struct snapshot *snap;

    tu_config(&cfg, "[service x]\nname = X\nurl = https://x.example/\n");
    m = model_new(&cfg);
    model_source_unchanged(m, 0, 0, NOW);
    snap = model_snapshot(m, NOW);
    ok(snap->services[0].level == LEVEL_UNKNOWN, "304: from nothing the service is unknown (%s)",
       level_name(snap->services[0].level));
    ok(snap->sources_failing == 1 && snap->sources_ok == 0,
       "304: and its source counts as failing, not ok");
    ok(snap->services[0].nsources && snap->services[0].sources[0].error &&
           strstr(snap->services[0].sources[0].error, "304"),
       "304: the source says why");
    snapshot_free(snap);
    tu_feed(m, &cfg, 0, 0, "tests/fixtures/e2e/calls-summary.json", NOW + 60);
    model_source_unchanged(m, 0, 0, NOW + 120);
    snap = model_snapshot(m, NOW + 120);
    ok(snap->sources_ok == 1 && snap->sources_failing == 0,
       "304: after a real answer it means unchanged again");
    snapshot_free(snap);
    model_free(m);
    config_free(&cfg);
}

/* ---- 5: a FIFO is no config (nor theme, nor credentials) ------------- */

static void on_alarm(int sig)
{
    (void)sig;
    static const char msg[] = "not ok - a FIFO hung the loader (killed after 10 s)\n";
    ssize_t ignored = write(1, msg, sizeof msg - 1);
    (void)ignored;
    _exit(1);
}

static void test_fifo(void)
{
    char *dir = tu_tmpdir("harden"), *fifo = xasprintf("%s/fifo", dir), *errors = NULL, err[512];
    struct config cfg;
    struct theme th;
    struct credentials c;

    if (mkfifo(fifo, 0600) != 0) {
        ok(0, "mkfifo: %s", strerror(errno));
        return;
    }
    signal(SIGALRM, on_alarm);
    alarm(10);
    ok(config_load_file(fifo, &cfg, &errors) == -1 && errors &&
           strstr(errors, "not a regular file"),
       "fifo: a FIFO as the config is refused at once (%s)", errors ? errors : "");
    free(errors);
    errors = NULL;
    ok(theme_load_file(fifo, &th, &errors) == -1 && errors && strstr(errors, "not a regular file"),
       "fifo: and as a theme (%s)", errors ? errors : "");
    free(errors);
    ok(credentials_load(fifo, &c, err, sizeof err) == -1 && strstr(err, "not a regular file"),
       "fifo: and as a credentials file (%s)", err);
    alarm(0);
    signal(SIGALRM, SIG_DFL);
    tu_rmtree(dir);
    free(fifo);
    free(dir);
}

/* ---- 10: config problems with the right line ------------------------- */

static void test_config_lines(void)
{
    struct config cfg;
    char *errors = NULL;

    ok(config_load_string("[sitrep]\ncrowd_ratio = 2\n\ncrowd_notice_ratio = 3\n"
                          "[service a]\nurl = https://x/\n",
                          "lines.ini", &cfg, &errors) == -1 &&
           errors && strstr(errors, "lines.ini:4: crowd_notice_ratio") && !strstr(errors, ":0:"),
       "config: the crowd ratios' conflict names a real line (%s)", errors ? errors : "");
    free(errors);
    errors = NULL;
    ok(config_load_string("[sitrep]\ninterval = 60s\n[service a]\nurl = https://x/\nname = A\n"
                          "url = https://y/\n[sitrep]\ninterval = 90s\n",
                          "dup.ini", &cfg, &errors) == 0,
       "config: keys given twice still load (the last one counts)");
    ok(cfg.nwarnings == 2 && cfg.warnings &&
           strstr(cfg.warnings,
                  "dup.ini:6: warning: 'url' given again in [service a] (first at line 4)") &&
           strstr(cfg.warnings,
                  "dup.ini:8: warning: 'interval' given again in [sitrep] (first at line 2)"),
       "config: each is a warning with both lines (%s)", cfg.warnings ? cfg.warnings : "");
    is_str(cfg.services[0].sources[0].url, "https://y/", "config: the last url counts");
    config_free(&cfg);
    ok(config_load_string("[service a]\nurl = https://x/\nregion = name \"a\" => EU\n"
                          "region = name \"b\" => FR\n",
                          "list.ini", &cfg, &errors) == 0 &&
           !cfg.warnings,
       "config: region and map lines are lists, not duplicates");
    config_free(&cfg);

    /* Hundreds of sections, each with the same keys: only the one given
     * twice in its own section is a warning (the index of keys grows). */
    struct buf many = {0};
    buf_printf(&many, "[sitrep]\ninterval = 60s\n");
    for (int i = 0; i < 300; i++)
        buf_printf(&many, "[service s%d]\nname = S%d\nurl = https://x/%d\n", i, i, i);
    buf_printf(&many, "name = again\n[sitrep]\ninterval = 90s\n");
    ok(config_load_string(buf_str(&many), "many.ini", &cfg, &errors) == 0 && cfg.nwarnings == 2 &&
           strstr(cfg.warnings, "many.ini:903: warning: 'name' given again in [service s299] "
                                "(first at line 901)") &&
           strstr(cfg.warnings, "many.ini:905: warning: 'interval' given again in [sitrep] "
                                "(first at line 2)"),
       "config: among 300 sections, a key given twice is found, in its own section (%s)",
       cfg.warnings ? cfg.warnings : "");
    config_free(&cfg);
    buf_free(&many);
}

/* ---- 9: userinfo never stays in a URL ------------------------------- */

static void test_userinfo(void)
{
    struct config cfg;

    tu_config(&cfg, "[service a]\nurl = https://alice:p%40ss@api.example/v2/summary.json\n");
    is_str(cfg.services[0].sources[0].url, "https://api.example/v2/summary.json",
           "userinfo: the URL keeps no user:password");
    is_str(cfg.services[0].sources[0].url_user, "alice", "userinfo: the user is kept apart");
    is_str(cfg.services[0].sources[0].url_password, "p@ss", "userinfo: the password, decoded");
    config_free(&cfg);

    struct model *m;
    struct snapshot *snap;
    struct buf out = {0};
    struct export_opts eo = {0};
    static const enum export_format formats[] = {EXPORT_TEXT, EXPORT_JSON, EXPORT_CSV,
                                                 EXPORT_MARKDOWN, EXPORT_NAGIOS};
    tu_config(&cfg, "[service a]\nurl = https://alice:s3cr3t-pw@api.example/x.json\n");
    m = model_new(&cfg);
    model_source_failure(m, 0, 0, "Could not connect", NOW);
    snap = model_snapshot(m, NOW);
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        export_snapshot(snap, formats[i], &eo, &out);
    ok(!strstr(buf_str(&out), "s3cr3t-pw") && !strstr(buf_str(&out), "alice"),
       "userinfo: no export format shows it");
    buf_free(&out);
    snapshot_free(snap);
    model_free(m);
    config_free(&cfg);
}

/* ---- the redactor ------------------------------------------------------ */

static void test_redact(void)
{
    static const struct {
        const char *in, *want;
    } cases[] = {
        {"https://user:pw@host.example/x", "https://***@host.example/x"},
        {"see http://a@b.example and ftp://c:d@e/", "see http://***@b.example and ftp://***@e/"},
        {"https://host.example/x?api_key=K&y=1&token=T#f",
         "https://host.example/x?api_key=***&y=1&token=***#f"},
        {"GET /?client_secret=abc", "GET /?client_secret=***"},
        {"Authorization: Bearer eyJhbGciOi\nX: y", "Authorization: ***\nX: y"},
        {"mail a@b.example at 11:40", "mail a@b.example at 11:40"},
        {"https://host.example/@handle", "https://host.example/@handle"},
        {"https://***@host/", "https://***@host/"},
        {"u://x:y@h", "u://***@h"},
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = redact_text(cases[i].in);
        is_str(got, cases[i].want, "redact: %s", cases[i].in);
        free(got);
    }
    char argv_like[] = "--on-change=curl https://bob:hunter2@hooks.example/x";
    size_t n = sizeof argv_like;
    ok(redact_in_place(argv_like), "redact in place: something was replaced");
    is_str(argv_like, "--on-change=curl https://***@hooks.example/x", "redact in place: the text");
    bool zeroed = true;
    for (size_t i = strlen(argv_like); i < n; i++)
        zeroed &= argv_like[i] == '\0';
    ok(zeroed && !memmem(argv_like, n, "hunter2", 7), "redact in place: no trace left");
    char shortpw[] = "https://a@h/";
    redact_in_place(shortpw);
    is_str(shortpw, "https://*@h/", "redact in place: never longer than before");
}

/* ---- credentials -------------------------------------------------------- */

static void test_credentials(void)
{
    char *dir = tu_tmpdir("harden"), *path = xasprintf("%s/dd.cred", dir), err[512];
    struct credentials c;

    /* blank lines count: the error is on line 5, not on line 2 */
    write_text(path, "# Downdetector\n\nclient_id = abc\n\ndGhpcyBpcyBzZWNyZXQ=\n", 0600);
    ok(credentials_load(path, &c, err, sizeof err) == -1 && strstr(err, "line 5:"),
       "credentials: the bad line's number counts blank lines (%s)", err);
    ok(!strstr(err, path) && !strstr(err, "dGhp") && !strstr(err, "abc"),
       "credentials: the message names neither the file nor any of its text");
    write_text(path, "client_id = id\nclient_secret = hunter2\n", 0644);
    ok(credentials_load(path, &c, err, sizeof err) == -1 && strstr(err, "readable by others"),
       "credentials: a file others can read is refused (%s)", err);
    ok(!strstr(err, path), "credentials: without saying its path");
    chmod(path, 0600);
    ok(credentials_load(path, &c, err, sizeof err) == 0 && strcmp(c.client_secret, "hunter2") == 0,
       "credentials: the same file, private, loads");
    credentials_free(&c);
    char *link = xasprintf("%s/link", dir);
    symlink(path, link);
    ok(credentials_load(link, &c, err, sizeof err) == -1 && strstr(err, "symbolic link"),
       "credentials: never through a link (%s)", err);
    free(link);

    /* the command run at a change does not inherit them */
    struct alert_cmd cmd = {0};
    char *out = xasprintf("%s/env.txt", dir), *sh = xasprintf("env > '%s'", out), *vars[] = {NULL};
    setenv("SITREP_DOWNDETECTOR_CLIENT_SECRET", "env-secret-value", 1);
    setenv("SITREP_DOWNDETECTOR_CLIENT_ID", "env-id-value", 1);
    ok(alert_cmd_start(&cmd, sh, vars, "svc") == 0, "hook: the command starts");
    int status = 0;
    waitpid(cmd.pid, &status, 0);
    char *text = NULL;
    size_t len = 0;
    safefile_read(out, 1 << 20, &text, &len, err, sizeof err);
    ok(text && strstr(text, "PATH=") && !strstr(text, "env-secret-value") &&
           !strstr(text, "env-id-value"),
       "hook: its environment has PATH but not the API credentials");
    free(text);
    free(cmd.service);
    unsetenv("SITREP_DOWNDETECTOR_CLIENT_SECRET");
    unsetenv("SITREP_DOWNDETECTOR_CLIENT_ID");
    free(out);
    free(sh);
    tu_rmtree(dir);
    free(path);
    free(dir);
}

/* ---- 10: a theme path in a shared config echoes nothing --------------- */

static void test_theme_not_echoed(void)
{
    struct theme th;
    char *errors = NULL;

    ok(theme_parse("root:x:0:0:root:/root:/bin/bash\nbin:x:2:2::/bin:/usr/sbin/nologin\n",
                   "/etc/passwd", &th, &errors) == -1,
       "theme: a file that is not a theme is refused");
    ok(errors && strstr(errors, "not a theme file") && !strstr(errors, "root") &&
           !strstr(errors, "bin:") && !strstr(errors, "nologin"),
       "theme: and nothing of it is quoted (%s)", errors ? errors : "");
    free(errors);
    errors = NULL;
    int rc =
        theme_parse("[default]\naws_secret_access_key = wJalrXUtnFEMI\n", "creds", &th, &errors);
    ok(rc == -1 && errors && !strstr(errors, "aws_secret") && !strstr(errors, "wJalr"),
       "theme: nor an INI file of someone else's (%s)", errors ? errors : "");
    free(errors);
}

/* ---- impossible dates -------------------------------------------------- */

static void test_dates(void)
{
    static const char *const impossible[] = {"2023-02-29",           "2023-02-29T12:00:00Z",
                                             "2100-02-29T00:00:00Z", "2026-04-31T00:00:00Z",
                                             "2026-13-01T00:00:00Z", "2026-11-23T24:00:00Z"};
    time_t t;

    for (size_t i = 0; i < sizeof impossible / sizeof impossible[0]; i++)
        ok(!time_parse_iso8601(impossible[i], &t), "dates: %s is refused", impossible[i]);
    ok(time_parse_iso8601("2024-02-29", &t) && time_parse_iso8601("2000-02-29T00:00:00Z", &t),
       "dates: real leap days are fine");
}

/* ---- 11: Markdown makes no links out of remote text ------------------- */

static void test_markdown_autolinks(void)
{
    struct config cfg;
    struct model *m;
    struct snapshot *snap;
    struct export_opts eo = {0};
    struct buf out = {0};

    tu_config(&cfg, "[service calls]\nname = Callr\nurl = https://x/\n");
    m = model_new(&cfg);
    tu_feed(m, &cfg, 0, 0, "tests/fixtures/hostile/autolinks.json", NOW - 60);
    snap = model_snapshot(m, NOW);
    export_snapshot(snap, EXPORT_MARKDOWN, &eo, &out);
    const char *md = buf_str(&out);
    ok(strstr(md, "evil.example") != NULL, "markdown: the hostile text is there");
    ok(!strstr(md, "<https://evil") && !strstr(md, "https://evil"),
       "markdown: no <https://...> or bare https://... survives (an autolink)");
    ok(!strstr(md, "javascript:") && strstr(md, "javascript\\:alert"),
       "markdown: javascript: is broken with a backslash");
    ok(!strstr(md, "www.evil") && strstr(md, "www\\.evil"), "markdown: www. is broken too");
    ok(!strstr(md, "a@evil") && strstr(md, "a\\@evil"), "markdown: and an e-mail address");
    ok(strstr(md, "11:40") != NULL, "markdown: an ordinary time keeps its colon");
    buf_free(&out);
    snapshot_free(snap);
    model_free(m);
    config_free(&cfg);
}

/* ---- headers --------------------------------------------------------- */

static void test_headers(void)
{
    char cs[48];
    long s;

    ok(http_etag_valid("\"33a64df5\"") && http_etag_valid("W/\"x\""), "etag: ordinary ones pass");
    ok(!http_etag_valid("\"x\"\r\nX-Injected: 1") && !http_etag_valid("\"a b\"") &&
           !http_etag_valid(""),
       "etag: CR, LF, blanks and empty are refused");
    ok(http_retry_after("120", NOW, &s) && s == 120, "retry-after: seconds");
    ok(http_retry_after("Sun, 22 Nov 2026 12:02:00 GMT", NOW, &s) && s == 120,
       "retry-after: an IMF date (%ld)", s);
    ok(http_retry_after("Sunday, 22-Nov-26 12:01:00 GMT", NOW, &s) && s == 60,
       "retry-after: an RFC 850 date (%ld)", s);
    ok(http_retry_after("Sun Nov 22 12:00:30 2026", NOW, &s) && s == 30,
       "retry-after: an asctime date (%ld)", s);
    ok(http_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", NOW, &s) && s == 0,
       "retry-after: a date in the past is now");
    ok(http_retry_after("999999999999", NOW, &s) && s == HTTP_RETRY_AFTER_MAX,
       "retry-after: capped");
    ok(!http_retry_after("-5", NOW, &s) && !http_retry_after("1.5", NOW, &s) &&
           !http_retry_after("Wed, 29 Feb 2023 08:49:37 GMT", NOW, &s),
       "retry-after: negative, fractional and impossible dates are refused");
    ok(http_content_charset("application/json; charset=UTF-8", cs, sizeof cs) &&
           strcmp(cs, "utf-8") == 0,
       "charset: lowercased");
    ok(http_content_charset("text/html;charset=\"ISO-8859-1\"", cs, sizeof cs) &&
           strcmp(cs, "iso-8859-1") == 0,
       "charset: quoted");
    ok(!http_content_charset("application/json", cs, sizeof cs) &&
           !http_content_charset("a; charset=", cs, sizeof cs) &&
           !http_content_charset("a; charset=\"x", cs, sizeof cs),
       "charset: none, empty or unterminated");
}

/* ---- safe files ---------------------------------------------------- */

static void test_safefile(void)
{
    char *dir = tu_tmpdir("harden"), *sub = xasprintf("%s/rec", dir), err[512];
    struct stat st;
    int fd = safefile_open_dir(sub, true, err, sizeof err);

    ok(fd >= 0 && fstat(fd, &st) == 0 && (st.st_mode & 0777) == 0700,
       "safefile: a new directory is 0700");
    int f = safefile_create_at(fd, "a");
    ok(f >= 0 && fstat(f, &st) == 0 && (st.st_mode & 0777) == 0600, "safefile: a new file is 0600");
    close(f);
    ok(safefile_create_at(fd, "a") < 0 && errno == EEXIST, "safefile: never over an existing one");
    close(fd);
    chmod(sub, 0770);
    ok(safefile_open_dir(sub, false, err, sizeof err) < 0 && strstr(err, "writable by group"),
       "safefile: a group-writable directory is refused (%s)", err);
    tu_rmtree(dir);
    free(sub);
    free(dir);
}

int main(void)
{
    test_regex_rules();
    test_304_from_nothing();
    test_fifo();
    test_config_lines();
    test_userinfo();
    test_redact();
    test_credentials();
    test_theme_not_echoed();
    test_dates();
    test_markdown_autolinks();
    test_headers();
    test_safefile();
    return tap_done();
}
