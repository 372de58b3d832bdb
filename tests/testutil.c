/* Helpers shared by the C tests (see testutil.h). */
#include "config.h"

#include <errno.h>
#include <ftw.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <curl/curl.h>

#include "sitrep/buf.h"
#include "sitrep/xalloc.h"

#include "sitrep/engine.h"
#include "sitrep/evidence.h"
#include "sitrep/provider.h"
#include "sitrep/recording.h"
#include "tap.h"
#include "testutil.h"

void tu_config(struct config *cfg, const char *text)
{
    char *errors = NULL;

    if (config_load_string(text, "test-config", cfg, &errors) != 0) {
        printf("Bail out! test config does not load:\n%s", errors);
        exit(1);
    }
}

int tu_feed(struct model *m, const struct config *cfg, size_t svc, size_t src, const char *fixture,
            time_t now)
{
    const struct source_conf *conf = &cfg->services[svc].sources[src];
    struct evidence ev = {0};
    char err[256];
    size_t len;
    char *body = tap_read_file(fixture, &len);
    int rc = conf->provider->parse(body, len, &ev, err, sizeof err);

    if (rc == 0)
        model_source_success(m, svc, src, &ev, now);
    else
        model_source_failure(m, svc, src, err, now);
    free(body);
    return rc;
}

struct report_series *tu_add_series(struct evidence *ev, const char *region, size_t n, int bucket_s,
                                    time_t end, int spike, const char *cat1, const char *cat2)
{
    struct report_series *r;

    ev->reports = xreallocarray(ev->reports, ev->nreports + 1, sizeof *ev->reports);
    r = &ev->reports[ev->nreports++];
    memset(r, 0, sizeof *r);
    r->region_text = xstrdup(region);
    r->region = region_find(region);
    r->bucket_s = bucket_s;
    r->start = end - (time_t)n * bucket_s;
    r->counts = xcalloc(n, sizeof *r->counts);
    r->ncounts = n;
    r->baseline_now = -1;
    r->status = LEVEL_NONE;
    for (size_t i = 0; i < n; i++)
        r->counts[i] = (long)(i >= n - (size_t)spike ? 200 : 18 + (i * 7) % 5);
    if (cat1) {
        r->categories = xcalloc(2, sizeof *r->categories);
        r->categories[0] = (struct report_category){xstrdup(cat1), 0.52};
        r->categories[1] = (struct report_category){xstrdup(cat2 ? cat2 : "Other"), 0.31};
        r->ncategories = 2;
    }
    return r;
}

char *tu_tmpdir(const char *what)
{
    const char *base = getenv("TMPDIR");
    char *dir = xasprintf("%s/sitrep-%s-XXXXXX", base && *base ? base : "/tmp", what);

    if (!mkdtemp(dir)) {
        printf("Bail out! mkdtemp %s: %s\n", dir, strerror(errno));
        exit(1);
    }
    return dir;
}

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path);
}

void tu_rmtree(const char *dir)
{
    nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

size_t tu_service(const struct config *cfg, const char *id)
{
    for (size_t i = 0; i < cfg->nservices; i++) {
        if (strcmp(cfg->services[i].id, id) == 0)
            return i;
    }
    printf("Bail out! no service %s\n", id);
    exit(1);
}

static void show_difference(const char *got, const char *want)
{
    int line = 1;

    while (*got && *got == *want) {
        if (*got == '\n')
            line++;
        got++;
        want++;
    }
    printf("#   first difference at line %d\n", line);
    printf("#   got:  %.*s\n", (int)strcspn(got, "\n"), got);
    printf("#   want: %.*s\n", (int)strcspn(want, "\n"), want);
}

int tu_golden(const char *text, const char *golden)
{
    char path[4096];
    FILE *f;

    snprintf(path, sizeof path, "%s/%s", SITREP_SRCDIR, golden);
    if (getenv("SITREP_UPDATE_GOLDEN")) {
        f = fopen(path, "w");
        if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
            printf("Bail out! cannot write %s\n", path);
            exit(1);
        }
        return 1;
    }
    size_t len;
    char *want = tap_read_file(golden, &len);
    int same = strcmp(text, want) == 0;
    if (!same)
        show_difference(text, want);
    free(want);
    return same;
}

extern char **environ;

void tu_server_start(struct tu_server *srv, int max_requests)
{
    const char *python = getenv("SITREP_PYTHON");
    char script[4096], root[4096], maxreq[32], line[64], dashroot[] = "--root",
                                                         dashmax[] = "--max-requests";
    int in[2], out[2];
    posix_spawn_file_actions_t fa;
    pid_t pid;

    snprintf(script, sizeof script, "%s/tests/server.py", SITREP_SRCDIR);
    snprintf(root, sizeof root, "%s/tests/fixtures", SITREP_SRCDIR);
    snprintf(maxreq, sizeof maxreq, "%d", max_requests);
    if (!python || !*python)
        python = "python3";
    char *py = xstrdup(python);
    char *argv[] = {py, script, dashroot, root, dashmax, maxreq, NULL};
    if (pipe(in) != 0 || pipe(out) != 0) {
        printf("Bail out! pipe failed\n");
        exit(1);
    }
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, in[0], 0);
    posix_spawn_file_actions_adddup2(&fa, out[1], 1);
    posix_spawn_file_actions_addclose(&fa, in[1]);
    posix_spawn_file_actions_addclose(&fa, out[0]);
    if (posix_spawnp(&pid, python, &fa, NULL, argv, environ) != 0) {
        printf("Bail out! cannot start %s\n", python);
        exit(1);
    }
    posix_spawn_file_actions_destroy(&fa);
    free(py);
    close(in[0]);
    close(out[1]);
    FILE *f = fdopen(out[0], "r");
    if (!f || !fgets(line, sizeof line, f) || sscanf(line, "PORT %d", &srv->port) != 1) {
        printf("Bail out! the test server did not start\n");
        exit(1);
    }
    fclose(f);
    srv->pid = (int)pid;
    srv->stdin_fd = in[1];
}

void tu_server_stop(struct tu_server *srv)
{
    int status;

    if (srv->pid <= 0)
        return;
    close(srv->stdin_fd);
    for (int i = 0; i < 50 && waitpid(srv->pid, &status, WNOHANG) == 0; i++)
        usleep(100000);
    if (waitpid(srv->pid, &status, WNOHANG) == 0) {
        kill(srv->pid, SIGKILL);
        waitpid(srv->pid, &status, 0);
    }
    srv->pid = 0;
}

char *tu_server_url(const struct tu_server *srv, const char *path)
{
    return xasprintf("http://127.0.0.1:%d/%s", srv->port, path);
}

static size_t collect(char *data, size_t size, size_t n, void *user)
{
    buf_append(user, data, size * n);
    return size * n;
}

char *tu_server_get(const struct tu_server *srv, const char *path)
{
    char *url = tu_server_url(srv, path);
    struct buf body = {0};
    CURL *c = curl_easy_init();
    CURLcode rc;

    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_PROXY, "");
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 10L);
    rc = curl_easy_perform(c);
    curl_easy_cleanup(c);
    free(url);
    if (rc != CURLE_OK) {
        buf_free(&body);
        return NULL;
    }
    return buf_detach(&body);
}

/* ---- the bundled demo ---- */

static int64_t demo_now(void *ctx)
{
    return *(const int64_t *)ctx;
}

void tu_demo_load(struct recording **rec, struct config *cfg)
{
    char err[512], *errors = NULL, *path;

    *rec = recording_load(SITREP_SRCDIR "/data/demo", err, sizeof err);
    if (!*rec) {
        printf("Bail out! demo: %s\n", err);
        exit(1);
    }
    path = recording_config_path(*rec);
    if (config_load_file(path, cfg, &errors) != 0) {
        printf("Bail out! demo config: %s\n", errors ? errors : "?");
        exit(1);
    }
    free(path);
    free(errors);
}

struct snapshot *tu_demo_at(struct recording *rec, const struct config *cfg, double minutes)
{
    int64_t now = rec->start_ms + (int64_t)(minutes * 60000);
    struct engine_opts eo = {.clock = demo_now, .clock_ctx = &now, .speed = 1, .replay = rec};
    char err[256];
    struct engine *e = engine_new(cfg, &eo, err, sizeof err);
    struct snapshot *snap;

    if (!e) {
        printf("Bail out! engine: %s\n", err);
        exit(1);
    }
    engine_round(e, 0);
    snap = engine_snapshot(e);
    engine_free(e);
    return snap;
}
