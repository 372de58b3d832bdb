/* Recordings: what --record writes comes back the same through the reader,
 * and a hostile or broken recording is refused with file and line, never
 * read outside its directory. Also the sparkline history's ring. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sitrep/history.h"
#include "sitrep/recording.h"
#include "sitrep/xalloc.h"
#include "tap.h"

#define T0 1795348800000LL /* 2026-11-22T12:00:00Z */

static char base[256];

static char *path_in(const char *dir, const char *name)
{
    return xasprintf("%s/%s", dir, name);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");

    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static char *new_dir(const char *name)
{
    char *d = path_in(base, name);

    mkdir(d, 0755);
    return d;
}

static void test_round_trip(void)
{
    char err[512], *dir = path_in(base, "rec"), *cfg = path_in(base, "cfg.ini");
    static const char body[] = "{\"page\":{}}\n\0binary\xff";
    struct record_entry e1 = {
        .t_ms = T0 + 5000,
        .service = (char *)"parley",
        .source = (char *)"status",
        .url = (char *)"https://status.parley.example/api/v2/summary.json",
        .status = 200,
        .headers = (char *)"content-type: application/json\netag: \"abc\"\n",
        .elapsed_ms = 84,
        .next_poll_ms = T0 + 65000,
    };
    struct record_entry e2 = e1, e3 = e1;
    struct recorder *r;
    struct recording *rec;

    write_file(cfg, "[sitrep]\ncolumns = ALL EU\n");
    e2.t_ms = T0 + 65000;
    e2.status = 304;
    e2.headers = NULL;
    e3.t_ms = T0 + 125000;
    e3.status = 0;
    e3.error = (char *)"connect: Connection refused";
    e3.unreachable = true;
    e3.backoff_until_ms = T0 + 200000;
    r = recorder_open(dir, cfg, T0, NULL, err, sizeof err);
    ok(r != NULL, "a recorder opens a new directory");
    if (!r)
        return;
    ok(recorder_add(r, &e1, body, sizeof body - 1, true, err, sizeof err) == 0,
       "a 200 with its body");
    ok(recorder_add(r, &e2, NULL, 0, false, err, sizeof err) == 0, "a 304");
    ok(recorder_add(r, &e3, NULL, 0, false, err, sizeof err) == 0, "a failure");
    ok(recorder_close(r, T0 + 7200000, err, sizeof err) == 0, "closes with its end");

    rec = recording_load(dir, err, sizeof err);
    ok(rec != NULL, "it loads back");
    if (!rec)
        return;
    is_int(rec->nentries, 3, "three responses");
    is_int(rec->start_ms, T0, "start");
    is_int(rec->end_ms, T0 + 7200000, "end");
    ok(rec->speed == 1, "speed 1 by default");
    is_str(rec->entries[0].service, "parley", "service id");
    is_str(rec->entries[0].url, e1.url, "url");
    is_int(rec->entries[0].status, 200, "status");
    is_str(rec->entries[0].headers, e1.headers, "headers, line by line");
    is_int(rec->entries[0].elapsed_ms, 84, "elapsed");
    is_int(rec->entries[0].next_poll_ms, T0 + 65000, "what the poller planned");
    ok(rec->entries[1].body_file == NULL && rec->entries[1].status == 304, "the 304 has no body");
    is_str(rec->entries[2].error, e3.error, "the failure's reason");
    ok(rec->entries[2].unreachable, "unreachable kept");
    is_int(rec->entries[2].backoff_until_ms, T0 + 200000, "backoff kept");

    size_t len;
    char *got = recording_body(rec, &rec->entries[0], 1 << 20, &len, err, sizeof err);
    ok(got && len == sizeof body - 1 && memcmp(got, body, len) == 0,
       "the body comes back byte for byte, NUL and invalid UTF-8 included");
    free(got);
    got = recording_body(rec, &rec->entries[0], 8, &len, err, sizeof err);
    ok(!got && strstr(err, "too large"), "a body over the cap is refused");
    free(got);

    char *cfgcopy = recording_config_path(rec);
    FILE *f = fopen(cfgcopy, "r");
    char line[64] = "";
    ok(f && fgets(line, sizeof line, f) && strcmp(line, "[sitrep]\n") == 0,
       "the config travels with the recording");
    if (f)
        fclose(f);
    free(cfgcopy);
    recording_free(rec);

    ok(recorder_open(dir, cfg, T0, NULL, err, sizeof err) == NULL && strstr(err, "not an empty"),
       "a recorder never writes into a directory that holds something");
    free(dir);
    free(cfg);
}

static bool file_is(const char *path, const char *text)
{
    FILE *f = fopen(path, "r");
    char got[256] = "";
    size_t n = f ? fread(got, 1, sizeof got - 1, f) : 0;

    if (f)
        fclose(f);
    got[n] = '\0';
    return strcmp(got, text) == 0;
}

/* sitrep records as root on servers, maybe into a shared folder: it never
 * writes through a link, never into a directory others can write to or a
 * link to one, and what it creates is private. */
static void test_record_safety(void)
{
    static const char victim_text[] = "the victim's data\n";
    char err[512], *cfg = path_in(base, "safe.ini"), *victim = path_in(base, "victim");
    char *shared = path_in(base, "shared"), *target = path_in(base, "target");
    char *link = path_in(base, "linked"), *dir = path_in(base, "mine");
    struct record_entry e = {.t_ms = T0 + 1000,
                             .service = (char *)"s",
                             .source = (char *)"status",
                             .url = (char *)"https://x.example/"};
    struct recorder *r;
    struct stat sb;

    write_file(cfg, "[sitrep]\ncolumns = ALL\n");
    write_file(victim, victim_text);

    mkdir(shared, 0777);
    chmod(shared, 0777);
    r = recorder_open(shared, cfg, T0, NULL, err, sizeof err);
    ok(!r && strstr(err, "writable by group or others"),
       "safety: a directory others can write to is refused (%s)", err);
    recorder_close(r, 0, NULL, 0);

    mkdir(target, 0700);
    symlink(target, link);
    r = recorder_open(link, cfg, T0, NULL, err, sizeof err);
    ok(!r && strstr(err, "symbolic link"), "safety: a link to a directory is refused (%s)", err);
    recorder_close(r, 0, NULL, 0);
    char *in_target = path_in(target, "recording.json");
    ok(access(in_target, F_OK) != 0, "safety: nothing was written where the link pointed");
    free(in_target);

    r = recorder_open(dir, cfg, T0, NULL, err, sizeof err);
    ok(r != NULL, "safety: a new directory is fine (%s)", r ? "" : err);
    if (!r)
        goto out;
    ok(stat(dir, &sb) == 0 && (sb.st_mode & 0777) == 0700, "safety: it is created 0700 (%o)",
       (unsigned)(sb.st_mode & 0777));
    char *idx = path_in(dir, "responses.jsonl"), *meta = path_in(dir, "recording.json");
    ok(stat(idx, &sb) == 0 && (sb.st_mode & 0777) == 0600, "safety: its files are 0600 (%o)",
       (unsigned)(sb.st_mode & 0777));
    ok(stat(meta, &sb) == 0 && (sb.st_mode & 0777) == 0600, "safety: recording.json is 0600");
    /* A link planted where the next body and the next recording.json will go. */
    char *body = path_in(dir, "bodies/000001"), *tmp = path_in(dir, "recording.json.tmp");
    symlink(victim, body);
    symlink(victim, tmp);
    ok(recorder_add(r, &e, "{\"x\":1}", 7, true, err, sizeof err) != 0,
       "safety: a body is never written through a planted link (%s)", err);
    ok(recorder_close(r, T0 + 60000, err, sizeof err) == 0,
       "safety: recording.json is still replaced at the end (%s)", err);
    ok(file_is(victim, victim_text), "safety: the links' target is untouched");
    ok(lstat(meta, &sb) == 0 && S_ISREG(sb.st_mode) && (sb.st_mode & 0777) == 0600,
       "safety: recording.json is a private regular file");
    free(body);
    free(tmp);
    free(idx);
    free(meta);
out:
    free(cfg);
    free(victim);
    free(shared);
    free(target);
    free(link);
    free(dir);
}

/* The config travels with a recording, its secrets do not; nor do URLs'
 * userinfo, tokens in queries, or an Authorization header. */
static void test_record_secrets(void)
{
    char err[512], *cfg = path_in(base, "secret.ini"), *dir = path_in(base, "sec");
    struct record_entry e = {
        .t_ms = T0 + 1000,
        .service = (char *)"s",
        .source = (char *)"status",
        .url = (char *)"https://alice:hunter2@api.example/v2?api_key=SEKRIT&x=1",
        .headers = (char *)"Location: https://bob:pw2@other.example/\nAuthorization: Basic QUJD\n",
        .error = (char *)"redirect to https://carol:pw3@else.example/ refused",
    };
    struct recorder *r;

    write_file(cfg, "[service s]\nurl = https://alice:hunter2@api.example/v2\n"
                    "auth = downdetector\ncredentials = /root/.secret/dd-creds\n"
                    "on_change = curl -s https://hook.example/x?token=TOPSECRET\n");
    r = recorder_open(dir, cfg, T0, NULL, err, sizeof err);
    ok(r && recorder_add(r, &e, NULL, 0, false, err, sizeof err) == 0 &&
           recorder_close(r, T0 + 2000, err, sizeof err) == 0,
       "secrets: a recording is made (%s)", err);
    char *cmd =
        xasprintf("grep -r -l -E 'hunter2|SEKRIT|pw2|pw3|QUJD|TOPSECRET|dd-creds' '%s'", dir);
    ok(system(cmd) != 0, "secrets: no secret anywhere in the recording");
    free(cmd);
    cmd = xasprintf("grep -q 'https://\\*\\*\\*@api.example/v2' '%s/config.ini' && "
                    "grep -q 'credentials = \\*\\*\\*' '%s/config.ini' && "
                    "grep -q 'auth = downdetector' '%s/config.ini'",
                    dir, dir, dir);
    ok(system(cmd) == 0, "secrets: the config copy says *** where they were");
    free(cmd);
    free(cfg);
    free(dir);
}

/* A recording with the given meta and index; returns what loading says. */
static const char *load_bad(const char *name, const char *meta, const char *index, char *err,
                            size_t errlen)
{
    char *dir = new_dir(name), *p;
    struct recording *rec;

    p = path_in(dir, "recording.json");
    write_file(p, meta);
    free(p);
    p = path_in(dir, "responses.jsonl");
    write_file(p, index);
    free(p);
    rec = recording_load(dir, err, errlen);
    free(dir);
    if (rec) {
        recording_free(rec);
        return NULL;
    }
    return err;
}

#define META "{\"sitrep_recording\":1,\"start_ms\":1795348800000}"
#define LINE(extra)                                                                                \
    "{\"t_ms\":1795348805000,\"service\":\"a\",\"source\":\"s\",\"url\":\"https://x/\","           \
    "\"status\":200" extra "}\n"

static void test_hostile(void)
{
    char err[1200];
    const char *e;

    e = load_bad("b1", META, LINE(",\"body\":\"../../etc/passwd\""), err, sizeof err);
    ok(e && strstr(e, "responses.jsonl:1: body"), "a body outside bodies/ is refused");
    e = load_bad("b2", META, LINE("") LINE(",\"body\":\"bodies/.hidden\""), err, sizeof err);
    ok(e && strstr(e, "responses.jsonl:2: body"), "a hidden body name is refused, line 2");
    e = load_bad("b3", META, LINE("") "{\"service\":\"a\"}\n", err, sizeof err);
    ok(e && strstr(e, ":2: t_ms missing"), "a missing time names the field");
    e = load_bad("b4", META,
                 "{\"t_ms\":1,\"service\":\"a\",\"source\":\"s\",\"url\":\"u\","
                 "\"status\":1000}\n",
                 err, sizeof err);
    ok(e && strstr(e, "status out of range"), "an impossible status");
    e = load_bad("b5", META, "{\"t_ms\": \n", err, sizeof err);
    ok(e && strstr(e, "responses.jsonl:1:"), "broken JSON names the line");
    e = load_bad("b6", "{\"sitrep_recording\":7,\"start_ms\":1}", "", err, sizeof err);
    ok(e && strstr(e, "version"), "an unknown version is refused");
    e = load_bad("b7", "{\"sitrep_recording\":1,\"start_ms\":1795348800000,\"speed\":0}", "", err,
                 sizeof err);
    ok(e && strstr(e, "speed"), "speed 0 is refused");
    e = load_bad("b8", "{\"sitrep_recording\":1,\"start_ms\":100,\"end_ms\":50}", "", err,
                 sizeof err);
    ok(e && strstr(e, "before"), "an end before the start is refused");
    e = load_bad("b9", META, LINE(",\"headers\":[1]"), err, sizeof err);
    ok(e && strstr(e, "headers"), "headers must be strings");
    e = load_bad("b10", META, "[1]\n", err, sizeof err);
    ok(e && strstr(e, "not a JSON object"), "a line that is not an object");
    e = load_bad("b11", "not json", "", err, sizeof err);
    ok(e && strstr(e, "recording.json"), "a broken recording.json names the file");

    char *missing = new_dir("b12");
    struct recording *rec = recording_load(missing, err, sizeof err);
    ok(!rec && strstr(err, "recording.json"), "a directory that is no recording says so");
    recording_free(rec);
    free(missing);
}

static void test_order_and_cut_short(void)
{
    char err[512], *dir = new_dir("order"), *p;
    struct recording *rec;

    p = path_in(dir, "recording.json");
    write_file(p, META);
    free(p);
    p = path_in(dir, "responses.jsonl");
    write_file(p, "{\"t_ms\":1795348809000,\"service\":\"b\",\"source\":\"s\",\"url\":\"u\","
                  "\"status\":304}\n"
                  "\n"
                  "{\"t_ms\":1795348805000,\"service\":\"a\",\"source\":\"s\",\"url\":\"u\","
                  "\"status\":304}\n"
                  "{\"t_ms\":1795348809000,\"service\":\"c\",\"source\":\"s\",\"url\":\"u\","
                  "\"status\":304}\n");
    free(p);
    rec = recording_load(dir, err, sizeof err);
    ok(rec != NULL, "blank lines are fine");
    if (rec) {
        ok(rec->nentries == 3 && strcmp(rec->entries[0].service, "a") == 0 &&
               strcmp(rec->entries[1].service, "b") == 0 &&
               strcmp(rec->entries[2].service, "c") == 0,
           "sorted by time, ties in file order");
        is_int(rec->end_ms, 1795348809000LL, "cut short: the last response ends it");
    }
    recording_free(rec);
    free(dir);
}

static void test_history(void)
{
    struct history *h = history_new(2, 300, 12);
    unsigned char out[4];
    time_t t = 1795348800; /* a bucket start */

    history_note(h, 0, t + 10, LEVEL_OK);
    history_note(h, 0, t + 200, LEVEL_MAJOR);
    history_note(h, 0, t + 250, LEVEL_DEGRADED);
    history_note(h, 0, t + 310, LEVEL_PARTIAL);
    history_get(h, 0, t + 300, out, 3);
    ok(out[0] == LEVEL_NONE && out[1] == LEVEL_MAJOR && out[2] == LEVEL_PARTIAL,
       "a bucket keeps the worst it was told; unknown buckets are none");
    history_get(h, 1, t + 300, out, 2);
    ok(out[0] == LEVEL_NONE && out[1] == LEVEL_NONE, "services do not share buckets");
    /* twelve buckets later the ring has wrapped over t's slot */
    history_note(h, 0, t + 12 * 300, LEVEL_OK);
    history_get(h, 0, t + 12 * 300, out, 1);
    ok(out[0] == LEVEL_OK, "a wrapped slot holds the new bucket");
    history_get(h, 0, t, out, 1);
    ok(out[0] == LEVEL_NONE, "and the old bucket reads as unknown, not as the new one");
    history_note(h, 0, t, LEVEL_MAJOR);
    history_get(h, 0, t + 12 * 300, out, 1);
    ok(out[0] == LEVEL_OK, "a note older than the window does not overwrite a newer bucket");
    is_int(history_bucket(h, t + 299), t, "buckets are wall-clock aligned");
    history_free(h);
}

int main(void)
{
    const char *tmp = getenv("TMPDIR");

    snprintf(base, sizeof base, "%s/sitrep-rec-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(base)) {
        ok(0, "a temporary directory");
        return tap_done();
    }
    test_round_trip();
    test_record_safety();
    test_record_secrets();
    test_hostile();
    test_order_and_cut_short();
    test_history();
    char *cmd = xasprintf("rm -rf '%s'", base);
    int ignored = system(cmd);
    (void)ignored;
    free(cmd);
    return tap_done();
}
