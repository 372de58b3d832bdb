/* The history store: round trips, merging, restarts, the pragmas, the
 * instance lock, damaged and newer files, migration, a full disk, acks,
 * upkeep and the queue cap. Each test works on a fresh database in its own
 * temporary directory, removed at its end. Tests may look at the file
 * through a raw SQLite connection; the program may not. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "sitrep/buf.h"
#include "sitrep/store.h"
#include "sitrep/xalloc.h"
#include "tap.h"
#include "testutil.h"

/* 2023-11-14 00:00 UTC: midnight, so hours and days line up from it */
#define T0  ((time_t)1699920000)
#define FAR ((time_t)1 << 40)

/* ---- scaffolding ------------------------------------------------------ */

static char *tmp_dir(void)
{
    return tu_tmpdir("store");
}

static void tmp_done(char *dir)
{
    tu_rmtree(dir);
    free(dir);
}

static struct store *open_ok(const char *path, const struct store_opts *o, struct store_report *rep)
{
    char err[512];
    struct store *st = store_open(path, o, rep, err, sizeof err);

    if (!st) {
        printf("Bail out! store_open %s: %s\n", path, err);
        exit(1);
    }
    return st;
}

static long flush(struct store *st)
{
    char err[512];
    long n = store_flush(st, NULL, NULL, err, sizeof err);

    if (n < 0)
        tap_diag("flush: %s", err);
    return n;
}

static void put_sample(struct store *st, const char *service, const char *region, time_t t,
                       enum level level, unsigned evidence, long reports, long baseline)
{
    struct store_sample s = {service, region, t, level, evidence, reports, baseline};

    store_put_sample(st, &s);
}

static void put_crowd(struct store *st, const char *service, const char *source, const char *key,
                      time_t t, int bucket_s, long count, long baseline)
{
    struct store_crowd c = {service, source, key, t, bucket_s, count, baseline};

    store_put_crowd(st, &c);
}

static void put_statement(struct store *st, const char *service, const char *incident, time_t at,
                          const char *status, const char *body, enum level level)
{
    struct store_statement s = {
        .service = service,
        .source = "status",
        .incident = incident,
        .title = "Trouble",
        .at = at,
        .status = status,
        .body = body,
        .level = level,
    };

    store_put_statement(st, &s);
}

/* The whole file, or NULL when it is missing. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    struct buf b = {0};
    char block[8192];
    size_t n;

    if (!f)
        return NULL;
    while ((n = fread(block, 1, sizeof block, f)) > 0)
        buf_append(&b, block, n);
    fclose(f);
    *len = b.len;
    return buf_detach(&b);
}

static void spit(const char *path, const void *data, size_t len, long offset)
{
    int fd = open(path, O_WRONLY | O_CREAT, 0600);

    if (fd < 0 || pwrite(fd, data, len, offset) != (ssize_t)len || close(fd) != 0) {
        printf("Bail out! cannot write %s\n", path);
        exit(1);
    }
}

static bool file_has(const char *path, const char *data, size_t len)
{
    size_t got;
    char *text = slurp(path, &got);
    bool same = text && got == len && memcmp(text, data, len) == 0;

    free(text);
    return same;
}

static sqlite3 *raw_open(const char *path)
{
    sqlite3 *db;

    if (sqlite3_open(path, &db) != SQLITE_OK) {
        printf("Bail out! sqlite3_open %s\n", path);
        exit(1);
    }
    sqlite3_busy_timeout(db, 2000);
    return db;
}

static void raw_exec(sqlite3 *db, const char *sql)
{
    char *msg = NULL;

    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        printf("Bail out! %s: %s\n", sql, msg ? msg : "?");
        exit(1);
    }
}

/* The first column of the first row of sql as text, in a static buffer. */
static const char *raw_text(sqlite3 *db, const char *sql)
{
    static char out[256];
    sqlite3_stmt *s;

    snprintf(out, sizeof out, "(error)");
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
        return out;
    if (sqlite3_step(s) == SQLITE_ROW)
        snprintf(out, sizeof out, "%s", (const char *)sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    return out;
}

/* A pragma or query of the file at path, through a connection of its own. */
static const char *raw_query(const char *path, const char *sql)
{
    sqlite3 *db = raw_open(path);
    const char *out = raw_text(db, sql);

    sqlite3_close(db);
    return out;
}

static bool lock_is_free(const char *path)
{
    char *lockpath = xasprintf("%s.lock", path);
    int fd = open(lockpath, O_RDWR);
    bool free_ = fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0;

    if (fd >= 0)
        close(fd);
    free(lockpath);
    return free_;
}

/* ---- reading back as text --------------------------------------------- */

/* Rows as lines, times relative to base; stop_after > 0 ends the read
 * after that many rows. */
struct rows {
    struct buf b;
    time_t base;
    int stop_after;
    int n;
};

static bool on_sample(void *ctx, const struct store_sample *s, int bucket_s)
{
    struct rows *r = ctx;

    buf_printf(&r->b, "%s %s %+lld/%d %s %u %ld %ld\n", s->service, s->region,
               (long long)(s->bucket - r->base), bucket_s, level_name(s->level), s->evidence,
               s->reports, s->baseline);
    return ++r->n != r->stop_after;
}

static bool on_crowd(void *ctx, const struct store_crowd *c)
{
    struct rows *r = ctx;

    buf_printf(&r->b, "%s %s %s %+lld/%d %ld %ld\n", c->service, c->source, c->key,
               (long long)(c->bucket - r->base), c->bucket_s, c->count, c->baseline);
    return ++r->n != r->stop_after;
}

static bool on_statement(void *ctx, const struct store_statement *s)
{
    struct rows *r = ctx;

    buf_printf(&r->b, "%s %s %s %+lld %s %s %s: %s\n", s->service, s->source, s->incident,
               (long long)(s->at - r->base), s->status, level_name(s->level), s->title, s->body);
    return ++r->n != r->stop_after;
}

/* What store_read_samples() gives, as a string the caller frees. */
static char *samples(struct store *st, const char *service, const char *region, time_t from,
                     time_t to, time_t base, int stop_after)
{
    struct rows r = {.base = base, .stop_after = stop_after};
    char err[512];

    if (store_read_samples(st, service, region, from, to, on_sample, &r, err, sizeof err) != 0)
        buf_printf(&r.b, "error: %s\n", err);
    return buf_detach(&r.b);
}

static char *levels(struct store *st, time_t from, time_t to, time_t base)
{
    struct rows r = {.base = base};
    char err[512];

    if (store_read_levels(st, from, to, on_sample, &r, err, sizeof err) != 0)
        buf_printf(&r.b, "error: %s\n", err);
    return buf_detach(&r.b);
}

/* How SQLite plans sql on the file: every row of EXPLAIN QUERY PLAN. */
static char *plan_of(const char *path, const char *sql)
{
    sqlite3 *db = raw_open(path);
    char *q = xasprintf("EXPLAIN QUERY PLAN %s", sql);
    sqlite3_stmt *s;
    struct buf b = {0};

    if (sqlite3_prepare_v2(db, q, -1, &s, NULL) == SQLITE_OK) {
        while (sqlite3_step(s) == SQLITE_ROW)
            buf_printf(&b, "%s\n", (const char *)sqlite3_column_text(s, 3));
        sqlite3_finalize(s);
    }
    sqlite3_close(db);
    free(q);
    return buf_detach(&b);
}

static char *crowd(struct store *st, const char *service, const char *source, time_t from,
                   time_t base)
{
    struct rows r = {.base = base};
    char err[512];

    if (store_read_crowd(st, service, source, from, on_crowd, &r, err, sizeof err) != 0)
        buf_printf(&r.b, "error: %s\n", err);
    return buf_detach(&r.b);
}

static char *statements(struct store *st, const char *service, time_t from, time_t to, time_t base)
{
    struct rows r = {.base = base};
    char err[512];

    if (store_read_statements(st, service, from, to, on_statement, &r, err, sizeof err) != 0)
        buf_printf(&r.b, "error: %s\n", err);
    return buf_detach(&r.b);
}

static bool count_sample(void *ctx, const struct store_sample *s, int bucket_s)
{
    (void)s;
    (void)bucket_s;
    ++*(long *)ctx;
    return true;
}

static long count_samples(struct store *st)
{
    long n = 0;
    char err[512];

    if (store_read_samples(st, NULL, NULL, 0, FAR, count_sample, &n, err, sizeof err) != 0)
        return -1;
    return n;
}

#define is_text(got, want, ...)                                                                    \
    do {                                                                                           \
        char *text_ = (got);                                                                       \
        is_str(text_, want, __VA_ARGS__);                                                          \
        free(text_);                                                                               \
    } while (0)

/* ---- the tests -------------------------------------------------------- */

static void test_round_trip(void)
{
    char *dir = tmp_dir(), *path = xasprintf("%s/history.db", dir);
    struct store_report rep;
    struct store *st = open_ok(path, NULL, &rep);
    char svc[16] = "mail";

    ok(store_writable(st) && !rep.read_only && !rep.locked && !rep.recovered && !rep.too_new,
       "round trip: a new file opens writable, nothing to report");
    is_int(rep.migrated_from, 0, "round trip: a new file migrates from version 0");
    is_int(store_fine_s(st), 300, "round trip: fine buckets default to 5 minutes");

    put_sample(st, svc, "*", T0 + 300, LEVEL_OK, 1, -1, -1);
    put_sample(st, svc, "FR", T0 + 300, LEVEL_MAJOR, 3, 120, 10);
    put_sample(st, "chat", "*", T0 + 317, LEVEL_DEGRADED, 2, 0, 0); /* rounds down */
    put_sample(st, "chat", "*", T0, LEVEL_PARTIAL, 2, 9, -1);
    put_sample(st, svc, "*", T0 + 600, LEVEL_NOTICE, 1, -1, -1);
    put_crowd(st, svc, "dd", "FR\x1fMail", T0, 900, 42, -1);
    put_crowd(st, svc, "dd", "FR\x1fMail", T0 + 900, 900, 7, 5);
    put_crowd(st, svc, "other", "x", T0 + 900, 900, 1, 1);
    put_statement(st, svc, "inc1", T0 + 120, "identified", "Found it", LEVEL_MAJOR);
    put_statement(st, svc, "inc1", T0 + 60, "investigating", "Looking\r\ninto it", LEVEL_MAJOR);
    put_statement(st, "chat", "inc9", T0 + 30, "", "", LEVEL_DEGRADED);
    strcpy(svc, "XXXX"); /* the store kept copies */
    is_int(store_pending(st), 11, "round trip: 11 writes queued");
    is_int(flush(st), 11, "round trip: the flush commits 11");
    is_int(store_pending(st), 0, "round trip: nothing left queued");
    is_int(flush(st), 0, "round trip: an empty flush commits 0");

    is_text(samples(st, NULL, NULL, T0, T0 + 600, T0, 0),
            "chat * +0/300 partial 2 9 -1\n"
            "chat * +300/300 degraded 2 0 0\n"
            "mail * +300/300 ok 1 -1 -1\n"
            "mail FR +300/300 major 3 120 10\n",
            "round trip: samples in [from, to), by time, service, region");
    is_text(levels(st, T0, T0 + 600, T0),
            "chat * +0/300 partial 2 -1 -1\n"
            "chat * +300/300 degraded 2 -1 -1\n"
            "mail * +300/300 ok 1 -1 -1\n"
            "mail FR +300/300 major 3 -1 -1\n",
            "round trip: levels alone, in the same order");
    char *plan = plan_of(path, "SELECT service, region, t, res, level, evidence FROM samples"
                               " WHERE t >= 0 AND t < 9 ORDER BY t, service, region, res");
    ok(strstr(plan, "COVERING INDEX samples_levels") && !strstr(plan, "ORDER BY"),
       "round trip: the levels are read from an index that holds them, in its order (%s)", plan);
    free(plan);
    is_text(samples(st, "mail", NULL, 0, FAR, T0, 0),
            "mail * +300/300 ok 1 -1 -1\n"
            "mail FR +300/300 major 3 120 10\n"
            "mail * +600/300 notice 1 -1 -1\n",
            "round trip: one service");
    is_text(samples(st, NULL, "*", T0 + 1, FAR, T0, 0),
            "chat * +300/300 degraded 2 0 0\n"
            "mail * +300/300 ok 1 -1 -1\n"
            "mail * +600/300 notice 1 -1 -1\n",
            "round trip: one column");
    is_text(samples(st, NULL, NULL, 0, FAR, T0, 2),
            "chat * +0/300 partial 2 9 -1\n"
            "chat * +300/300 degraded 2 0 0\n",
            "round trip: a reader that says stop stops");
    is_text(crowd(st, "mail", "dd", T0, T0),
            "mail dd FR\x1fMail +0/900 42 -1\n"
            "mail dd FR\x1fMail +900/900 7 5\n",
            "round trip: crowd counts of one source");
    is_text(crowd(st, "mail", "dd", T0 + 1, T0), "mail dd FR\x1fMail +900/900 7 5\n",
            "round trip: crowd counts from a time on");
    is_text(statements(st, NULL, 0, FAR, T0),
            "chat status inc9 +30  degraded Trouble: \n"
            "mail status inc1 +60 investigating major Trouble: Looking\r\ninto it\n"
            "mail status inc1 +120 identified major Trouble: Found it\n",
            "round trip: statements, oldest first");
    is_text(statements(st, "mail", T0 + 60, T0 + 120, T0),
            "mail status inc1 +60 investigating major Trouble: Looking\r\ninto it\n",
            "round trip: statements of one service in [from, to)");
    store_close(st);
    free(path);
    tmp_done(dir);
}

static void test_upsert(void)
{
    char *dir = tmp_dir(), *path = xasprintf("%s/history.db", dir);
    struct store *st = open_ok(path, NULL, NULL);

    put_sample(st, "mail", "*", T0, LEVEL_DEGRADED, 1, 10, -1);
    flush(st);
    put_sample(st, "mail", "*", T0, LEVEL_OK, 2, 5, 3);
    flush(st);
    is_text(samples(st, NULL, NULL, 0, FAR, T0, 0), "mail * +0/300 degraded 1 10 3\n",
            "upsert: a later, better sample keeps the worst level, the evidence behind it (not "
            "the better sample's) and the largest counts");
    put_sample(st, "mail", "*", T0, LEVEL_MAJOR, 0, -1, 2);
    put_sample(st, "mail", "*", T0, LEVEL_NOTICE, 0, 11, -1);
    flush(st);
    is_text(samples(st, NULL, NULL, 0, FAR, T0, 0), "mail * +0/300 major 0 11 3\n",
            "upsert: within one flush too, and none (-1) never wins");
    put_sample(st, "mail", "*", T0, LEVEL_MAJOR, 2, -1, -1);
    flush(st);
    is_text(samples(st, NULL, NULL, 0, FAR, T0, 0), "mail * +0/300 major 2 11 3\n",
            "upsert: at the same level the evidence adds up");

    put_crowd(st, "mail", "dd", "k", T0, 900, 40, 8);
    flush(st);
    put_crowd(st, "mail", "dd", "k", T0, 900, 12, -1);
    flush(st);
    is_text(crowd(st, "mail", "dd", 0, T0), "mail dd k +0/900 12 -1\n",
            "upsert: a crowd count is replaced by the newer one");

    put_statement(st, "mail", "inc", T0, "identified", "first words", LEVEL_PARTIAL);
    flush(st);
    put_statement(st, "mail", "inc", T0, "identified", "edited words", LEVEL_MAJOR);
    flush(st);
    is_text(statements(st, NULL, 0, FAR, T0),
            "mail status inc +0 identified major Trouble: edited words\n",
            "upsert: a statement edited by the page keeps one row, the last text");
    store_close(st);
    free(path);
    tmp_done(dir);
}

static void test_restart(void)
{
    char *dir = tmp_dir(), *path = xasprintf("%s/history.db", dir);
    struct store_report rep;
    struct store *st = open_ok(path, NULL, NULL);

    put_sample(st, "mail", "*", T0, LEVEL_PARTIAL, 1, -1, -1);
    put_crowd(st, "mail", "dd", "k", T0, 900, 4, 2);
    put_statement(st, "mail", "inc", T0, "resolved", "fixed", LEVEL_OK);
    store_close(st); /* flushes */
    st = open_ok(path, NULL, &rep);
    ok(store_writable(st), "restart: the file reopens writable");
    is_int(rep.migrated_from, -1, "restart: a current file needs no migration");
    is_text(samples(st, NULL, NULL, 0, FAR, T0, 0), "mail * +0/300 partial 1 -1 -1\n",
            "restart: the samples written before close are there");
    is_text(crowd(st, "mail", "dd", 0, T0), "mail dd k +0/900 4 2\n",
            "restart: the crowd counts are there");
    is_text(statements(st, NULL, 0, FAR, T0), "mail status inc +0 resolved ok Trouble: fixed\n",
            "restart: the statements are there");
    store_close(st);
    free(path);
    tmp_done(dir);
}

static void test_pragmas_and_files(void)
{
    char *dir = tmp_dir(), *sub = xasprintf("%s/state", dir);
    char *path = xasprintf("%s/sitrep/history.db", sub), *lockpath = xasprintf("%s.lock", path);
    struct store *st = open_ok(path, NULL, NULL);
    char text[64] = "";
    struct stat sb;

    is_str(raw_query(path, "PRAGMA journal_mode"), "wal", "pragmas: the file is in WAL mode");
    ok(store_pragma(st, "synchronous", text, sizeof text) == 0 && strcmp(text, "2") == 0,
       "pragmas: the store's connection runs synchronous=FULL (got %s)", text);
    if (strcmp(raw_query(path, "SELECT count(*) FROM pragma_compile_options"
                               " WHERE compile_options = 'DEFAULT_WAL_SYNCHRONOUS=2'"),
               "1") == 0)
        tap_diag("this SQLite defaults to FULL in WAL mode: the test above guards other builds");
    ok(store_pragma(st, "busy_timeout", text, sizeof text) == 0 && atoi(text) > 0,
       "pragmas: with a busy timeout (got %s)", text);
    ok(store_pragma(st, "user_version; DROP TABLE samples", text, sizeof text) == -1,
       "pragmas: the test hook takes a name only");
    is_str(raw_query(path, "PRAGMA user_version"), "3", "pragmas: schema version 3");
    ok(stat(sub, &sb) == 0 && (sb.st_mode & 0777) == 0700,
       "files: missing directories are created 0700");
    ok(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0600, "files: the database is 0600");
    ok(stat(lockpath, &sb) == 0 && (sb.st_mode & 0777) == 0600, "files: the lock file is 0600");
    store_close(st);
    ok(stat(lockpath, &sb) == 0, "files: the lock file stays after close");
    free(lockpath);
    free(path);
    free(sub);
    tmp_done(dir);
}

static void test_lock(void)
{
    char *dir = tmp_dir(), *path = xasprintf("%s/history.db", dir), err[256];
    struct store_report rep;
    struct store *st = open_ok(path, NULL, NULL), *second;

    ok(!lock_is_free(path), "lock: the writer holds PATH.lock");
    put_sample(st, "mail", "*", T0, LEVEL_MAJOR, 1, -1, -1);
    flush(st);
    second = open_ok(path, NULL, &rep);
    ok(rep.locked && rep.read_only && !store_writable(second),
       "lock: a second open is read-only and says it is locked");
    is_int(rep.lock_pid, getpid(), "lock: it names the writer's pid");
    is_text(samples(second, NULL, NULL, 0, FAR, T0, 0), "mail * +0/300 major 1 -1 -1\n",
            "lock: the reader sees what the writer committed");
    put_sample(second, "chat", "*", T0, LEVEL_MAJOR, 1, -1, -1);
    put_crowd(second, "chat", "dd", "k", T0, 900, 1, 1);
    is_int(store_pending(second), 0, "lock: its puts are not queued");
    is_int(store_dropped(second), 0, "lock: nor counted as dropped");
    is_int(store_flush(second, NULL, NULL, err, sizeof err), 0, "lock: its flush writes nothing");
    is_int(store_maintain(second, T0 + 400 * 86400L, err, sizeof err), 0,
           "lock: its upkeep is a no-op");
    store_close(second);
    is_text(samples(st, NULL, NULL, 0, FAR, T0, 0), "mail * +0/300 major 1 -1 -1\n",
            "lock: the reader's puts did not land, nor did its upkeep delete anything");
    store_close(st);
    ok(lock_is_free(path), "lock: close releases it");
    st = open_ok(path, NULL, &rep);
    ok(store_writable(st) && !rep.locked, "lock: the next open writes again");
    store_close(st);
    free(path);
    tmp_done(dir);
}

static void test_read_only_opt(void)
{
    char *dir = tmp_dir(), *path = xasprintf("%s/history.db", dir), err[512] = "";
    struct store_opts ro = {.read_only = true};
    struct store_report rep;
    struct store *st = store_open(path, &ro, &rep, err, sizeof err);

    ok(!st && strstr(err, path), "read-only: a missing file is an error naming it (%s)", err);
    ok(access(path, F_OK) != 0, "read-only: and it is not created");
    st = open_ok(path, NULL, NULL);
    put_sample(st, "mail", "*", T0, LEVEL_OK, 1, -1, -1);
    store_close(st);
    st = open_ok(path, &ro, &rep);
    ok(rep.read_only && !rep.locked && !store_writable(st), "read-only: asked for, it is");
    ok(lock_is_free(path), "read-only: it takes no lock");
    is_text(samples(st, NULL, NULL, 0, FAR, T0, 0), "mail * +0/300 ok 1 -1 -1\n",
            "read-only: it reads");
    store_close(st);
    free(path);
    tmp_done(dir);
}

/* A file that is not a database at all is someone else's: refused, left
 * exactly as it was, never moved. */
static void test_foreign_file(void)
{
    static const char junk[] = "this is a shopping list, not a database\n";
    char *dir = tmp_dir(), *path = xasprintf("%s/history.db", dir), err[512];
    struct store_report rep;
    struct store *st;
    struct stat sb;

    spit(path, junk, sizeof junk - 1, 0);
    st = store_open(path, NULL, &rep, err, sizeof err);
    ok(!st, "foreign: a text file at the path is refused");
    ok(strstr(err, "not an SQLite database") && strstr(err, path),
       "foreign: the message names the file and why (%s)", err);
    ok(file_has(path, junk, sizeof junk - 1) && stat(path, &sb) == 0 &&
           sb.st_size == (off_t)sizeof junk - 1,
       "foreign: the file is left as it was");
    ok(!rep.recovered && !rep.moved_to[0], "foreign: nothing was moved aside");
    store_close(st);
    free(path);
    tmp_done(dir);
}

static void clear_names(const char *dir, const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char *p = xasprintf("%s/%s", dir, names[i]);
        unlink(p);
        free(p);
    }
}

/* Links planted where the database or its lock will be: sitrep, often
 * root, must neither follow them nor write through them. */
static void test_planted_links(void)
{
    static const char victim_text[] = "the victim's own data\n";
    static const char *const names[] = {"history.db", "history.db.lock"};
    char *dir = tmp_dir(), *path = xasprintf("%s/history.db", dir), err[512];
    char *victim = xasprintf("%s/victim", dir);

    for (size_t i = 0; i < 2; i++) {
        char *link = xasprintf("%s/%s", dir, names[i]);
        struct store *st;

        clear_names(dir, names, 2);
        spit(victim, victim_text, sizeof victim_text - 1, 0);
        if (symlink(victim, link) != 0)
            tap_diag("symlink: %s", strerror(errno));
        st = store_open(path, NULL, NULL, err, sizeof err);
        ok(!st, "planted link: a symbolic link as %s is refused", names[i]);
        ok(strstr(err, "symbolic link") != NULL, "planted link: the message says why (%s)", err);
        ok(file_has(victim, victim_text, sizeof victim_text - 1),
           "planted link: its target (%s) is untouched", names[i]);
        store_close(st);
        unlink(link);
        unlink(path);
        free(link);
    }

    /* A hard link to someone's file is as bad as a symbolic one. */
    clear_names(dir, names, 2);
    spit(victim, victim_text, sizeof victim_text - 1, 0);
    char *lock = xasprintf("%s.lock", path);
    if (link(victim, lock) != 0)
        tap_diag("link: %s", strerror(errno));
    struct store *st = store_open(path, NULL, NULL, err, sizeof err);
    ok(!st && strstr(err, "hard link"), "planted link: a hard-linked lock is refused (%s)", err);
    ok(file_has(victim, victim_text, sizeof victim_text - 1),
       "planted link: the hard link's other name is untouched");
    store_close(st);
    unlink(lock);

    /* A read-only opener (export) does not follow one either. */
    clear_names(dir, names, 2);
    if (symlink(victim, path) != 0)
        tap_diag("symlink: %s", strerror(errno));
    struct store_opts ro = {.read_only = true};
    st = store_open(path, &ro, NULL, err, sizeof err);
    ok(!st && strstr(err, "symbolic link"), "planted link: read-only, refused too (%s)", err);
    store_close(st);
    free(lock);
    free(victim);
    free(path);
    tmp_done(dir);
}

/* A database whose header is damaged (SQLite's magic, then garbage). */
static void test_corrupt_text(void)
{
    static const char junk[] = "SQLite format 3\0 and then pages of nothing at all ..........";
    char *dir = tmp_dir(), *path = xasprintf("%s/history.db", dir), *first;
    struct store_report rep;
    struct store *st;

    spit(path, junk, sizeof junk - 1, 0);
    st = open_ok(path, NULL, &rep);
    ok(rep.recovered && store_writable(st), "corrupt: a damaged header is replaced, writable");
    ok(strncmp(rep.moved_to, path, strlen(path)) == 0 &&
           strncmp(rep.moved_to + strlen(path), ".corrupt-", 9) == 0 &&
           strlen(rep.moved_to) == strlen(path) + 9 + 16 &&
           rep.moved_to[strlen(rep.moved_to) - 1] == 'Z',
       "corrupt: moved to PATH.corrupt-YYYYMMDDTHHMMSSZ (%s)", rep.moved_to);
    ok(strstr(rep.why, "not a database") != NULL, "corrupt: the report says why (%s)", rep.why);
    ok(file_has(rep.moved_to, junk, sizeof junk - 1), "corrupt: the moved file is intact");
    put_sample(st, "mail", "*", T0, LEVEL_OK, 1, -1, -1);
    is_int(flush(st), 1, "corrupt: the fresh file takes writes");
    is_text(samples(st, NULL, NULL, 0, FAR, T0, 0), "mail * +0/300 ok 1 -1 -1\n",
            "corrupt: and gives them back");
    store_close(st);

    /* Twice in the same second: the first one moved aside must survive. */
    first = xstrdup(rep.moved_to);
    spit(path, junk, 20, 0);
    if (truncate(path, 20) != 0)
        tap_diag("truncate: %s", strerror(errno));
    st = open_ok(path, NULL, &rep);
    ok(rep.recovered && strcmp(rep.moved_to, first) != 0,
       "corrupt: a second one goes elsewhere (%s)", rep.moved_to);
    ok(file_has(first, junk, sizeof junk - 1) && file_has(rep.moved_to, junk, 20),
       "corrupt: both moved files are intact");
    store_close(st);
    free(first);
    free(path);
    tmp_done(dir);
}

static void test_corrupt_pages(void)
{
    static const char wal[] = "a stale write-ahead log";
    char *dir = tmp_dir(), *path = xasprintf("%s/history.db", dir), *walpath, *bytes, *moved;
    struct store_report rep;
    struct store *st = open_ok(path, NULL, NULL);
    size_t len;

    for (int i = 0; i < 3000; i++)
        put_sample(st, "mail", "*", T0 + 300 * i, LEVEL_OK, 1, i, -1);
    flush(st);
    store_close(st);
    bytes = slurp(path, &len);
    ok(bytes && len > 16 * 4096, "corrupt pages: a database of %zu bytes", len);
    /* Page 1 (header and schema) intact, every other page garbage. */
    for (size_t i = 4096; i < len; i++)
        bytes[i] = (char)(0xa5 ^ (i * 7));
    spit(path, bytes + 4096, len - 4096, 4096);
    walpath = xasprintf("%s-wal", path);
    spit(walpath, wal, sizeof wal - 1, 0);

    st = open_ok(path, NULL, &rep);
    ok(rep.recovered && store_writable(st), "corrupt pages: quick_check finds it, recovered");
    ok(rep.why[0] != '\0', "corrupt pages: why: %s", rep.why);
    ok(file_has(rep.moved_to, bytes, len), "corrupt pages: the moved file has the same bytes");
    moved = xasprintf("%s-wal", rep.moved_to);
    ok(file_has(moved, wal, sizeof wal - 1), "corrupt pages: its -wal moved with it");
    is_int(count_samples(st), 0, "corrupt pages: the fresh file starts empty");
    put_sample(st, "mail", "*", T0, LEVEL_OK, 1, -1, -1);
    is_int(flush(st), 1, "corrupt pages: and takes writes");
    store_close(st);
    is_str(raw_query(path, "PRAGMA integrity_check"), "ok", "corrupt pages: the new file is ok");
    free(moved);
    free(walpath);
    free(bytes);
    free(path);
    tmp_done(dir);
}

/* The dashboard's way: open without the check, draw, then check. The
 * damage is found then, the file moved aside, and what was queued in the
 * meantime lands in the fresh file. */
static void test_check_later(void)
{
    char *dir = tmp_dir(), *path = xasprintf("%s/history.db", dir), *bytes, err[512];
    struct store_opts later = {.check_later = true};
    struct store_report rep;
    struct store *st = open_ok(path, NULL, NULL);
    size_t len;

    for (int i = 0; i < 3000; i++)
        put_sample(st, "mail", "*", T0 + 300 * i, LEVEL_OK, 1, i, -1);
    flush(st);
    store_close(st);
    st = open_ok(path, &later, &rep);
    is_int(store_check(st, &rep, err, sizeof err), 0, "check later: a sound file passes");
    store_close(st);
    bytes = slurp(path, &len);
    for (size_t i = 4096; i < len; i++)
        bytes[i] = (char)(0x5a ^ (i * 13));
    spit(path, bytes + 4096, len - 4096, 4096);

    st = open_ok(path, &later, &rep);
    ok(!rep.recovered && store_writable(st), "check later: the damage is not looked for at open");
    put_sample(st, "mail", "*", T0, LEVEL_MAJOR, 1, -1, -1);
    is_int(store_check(st, &rep, err, sizeof err), 1, "check later: store_check finds it");
    ok(rep.recovered && file_has(rep.moved_to, bytes, len),
       "check later: the damaged file is moved aside whole");
    ok(store_writable(st), "check later: the store writes on, into a fresh file");
    is_int(flush(st), 1, "check later: the write queued before the check lands");
    is_int(count_samples(st), 1, "check later: and only it");
    is_int(store_check(st, &rep, err, sizeof err), 0, "check later: once is enough");
    store_close(st);
    is_str(raw_query(path, "PRAGMA integrity_check"), "ok", "check later: the new file is ok");
    free(bytes);
    free(path);
    tmp_done(dir);
}

static void test_migration(void)
{
    char *dir = tmp_dir(), *path = xasprintf("%s/history.db", dir);
    struct store_opts ro = {.read_only = true};
    struct store_report rep;
    struct store *st;
    sqlite3 *db = raw_open(path);

    /* Version 1 as an earlier sitrep wrote it. */
    raw_exec(db, "CREATE TABLE samples (service TEXT NOT NULL, region TEXT NOT NULL,"
                 " t INTEGER NOT NULL, res INTEGER NOT NULL, level INTEGER NOT NULL,"
                 " evidence INTEGER NOT NULL DEFAULT 0, reports INTEGER, baseline INTEGER,"
                 " PRIMARY KEY (service, region, res, t)) WITHOUT ROWID;"
                 "CREATE TABLE crowd (service TEXT NOT NULL, source TEXT NOT NULL,"
                 " key TEXT NOT NULL, t INTEGER NOT NULL, bucket_s INTEGER NOT NULL,"
                 " count INTEGER NOT NULL, baseline INTEGER,"
                 " PRIMARY KEY (service, source, key, t)) WITHOUT ROWID;"
                 "INSERT INTO samples VALUES ('mail', '*', 1699920000, 300, 5, 1, NULL, NULL);"
                 "INSERT INTO crowd VALUES ('mail', 'dd', 'k', 1699920000, 900, 6, 3);"
                 "PRAGMA user_version = 1;");
    sqlite3_close(db);

    /* sitrep export on a file an older sitrep still writes */
    st = open_ok(path, &ro, &rep);
    is_text(statements(st, NULL, 0, FAR, T0), "",
            "migration: a read-only version 1 file has no statements, and that is no error");
    is_text(samples(st, NULL, NULL, 0, FAR, T0, 0), "mail * +0/300 degraded 1 -1 -1\n",
            "migration: but its samples read");
    store_close(st);
    is_str(raw_query(path, "PRAGMA user_version"), "1", "migration: a reader migrates nothing");

    st = open_ok(path, NULL, &rep);
    is_int(rep.migrated_from, 1, "migration: from version 1");
    ok(store_writable(st), "migration: writable after it");
    is_str(raw_query(path, "PRAGMA user_version"), "3", "migration: the file is version 3");
    is_str(raw_query(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'samples_levels'"), "1",
           "migration: with the index the levels are read from");
    is_str(raw_query(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'samples_t'"), "0",
           "migration: in place of the one it replaces");
    is_text(samples(st, NULL, NULL, 0, FAR, T0, 0), "mail * +0/300 degraded 1 -1 -1\n",
            "migration: the old sample is still there");
    is_text(crowd(st, "mail", "dd", 0, T0), "mail dd k +0/900 6 3\n",
            "migration: the old crowd count is still there");
    put_statement(st, "mail", "inc", T0, "investigating", "new table", LEVEL_MAJOR);
    is_int(flush(st), 1, "migration: statements can be written");
    is_text(statements(st, NULL, 0, FAR, T0),
            "mail status inc +0 investigating major Trouble: new table\n", "migration: and read");
    store_close(st);
    st = open_ok(path, NULL, &rep);
    is_int(rep.migrated_from, -1, "migration: none the second time");
    store_close(st);
    free(path);
    tmp_done(dir);
}

static void test_too_new(void)
{
    char *dir = tmp_dir(), *path = xasprintf("%s/history.db", dir), err[256];
    struct store_report rep;
    struct store *st;
    sqlite3 *db = raw_open(path);

    raw_exec(db, "CREATE TABLE samples (service TEXT, region TEXT, t INTEGER, res INTEGER,"
                 " level INTEGER, evidence INTEGER, reports INTEGER, baseline INTEGER,"
                 " future TEXT);"
                 "INSERT INTO samples VALUES ('mail', '*', 1699920000, 300, 7, 1, 4, NULL, 'x');"
                 "PRAGMA user_version = 99;");
    sqlite3_close(db);

    st = open_ok(path, NULL, &rep);
    ok(rep.too_new && rep.read_only && !rep.locked && !rep.recovered && !store_writable(st),
       "too new: a version 99 file opens read-only and says why");
    is_int(rep.migrated_from, -1, "too new: nothing migrated");
    ok(lock_is_free(path), "too new: the lock is left for a newer sitrep");
    is_text(samples(st, NULL, NULL, 0, FAR, T0, 0), "mail * +0/300 major 1 4 -1\n",
            "too new: what it can read, it reads");
    put_sample(st, "chat", "*", T0, LEVEL_MAJOR, 1, -1, -1);
    is_int(store_flush(st, NULL, NULL, err, sizeof err), 0, "too new: writes are dropped");
    store_close(st);
    is_str(raw_query(path, "PRAGMA user_version"), "99", "too new: the version is untouched");
    is_str(raw_query(path, "PRAGMA journal_mode"), "delete", "too new: so is the journal mode");
    is_str(raw_query(path, "SELECT count(*) FROM samples"), "1", "too new: and the rows");
    free(path);
    tmp_done(dir);
}

struct acks {
    long n, samples, crowd, statements;
    const char *path; /* when set, each ack checks a second connection sees its row */
    long unseen;
    struct buf b;
};

static void on_ack(void *ctx, enum store_kind kind, const void *item)
{
    struct acks *a = ctx;

    a->n++;
    if (kind == STORE_SAMPLE) {
        const struct store_sample *s = item;
        a->samples++;
        buf_printf(&a->b, "sample %s %s %+lld %s\n", s->service, s->region,
                   (long long)(s->bucket - T0), level_name(s->level));
        if (a->path) {
            char *sql = xasprintf("SELECT count(*) FROM samples WHERE service = '%s'"
                                  " AND region = '%s' AND t = %lld",
                                  s->service, s->region, (long long)s->bucket);
            if (strcmp(raw_query(a->path, sql), "1") != 0)
                a->unseen++;
            free(sql);
        }
    } else if (kind == STORE_CROWD) {
        const struct store_crowd *c = item;
        a->crowd++;
        buf_printf(&a->b, "crowd %s %s %s %ld\n", c->service, c->source, c->key, c->count);
    } else {
        const struct store_statement *s = item;
        a->statements++;
        buf_printf(&a->b, "statement %s %s %s\n", s->service, s->incident, s->status);
    }
}

static void test_ack(void)
{
    char *dir = tmp_dir(), *path = xasprintf("%s/history.db", dir), err[256];
    struct store *st = open_ok(path, NULL, NULL);
    struct acks a = {.path = path};
    char region[8] = "FR";

    is_int(store_flush(st, on_ack, &a, err, sizeof err), 0, "ack: an empty flush");
    is_int(a.n, 0, "ack: acknowledges nothing");
    put_sample(st, "mail", region, T0 + 299, LEVEL_MAJOR, 1, -1, -1);
    strcpy(region, "DE");
    put_crowd(st, "mail", "dd", "k", T0, 900, 3, -1);
    put_sample(st, "mail", region, T0, LEVEL_OK, 1, -1, -1);
    put_statement(st, "mail", "inc", T0, "resolved", "", LEVEL_OK);
    is_int(store_flush(st, on_ack, &a, err, sizeof err), 4, "ack: a flush of 4");
    ok(a.n == 4 && a.samples == 2 && a.crowd == 1 && a.statements == 1,
       "ack: each write acknowledged once, by kind");
    is_str(buf_str(&a.b),
           "sample mail FR +0 major\n"
           "crowd mail dd k 3\n"
           "sample mail DE +0 ok\n"
           "statement mail inc resolved\n",
           "ack: in put order, as stored (the bucket rounded down)");
    is_int(a.unseen, 0, "ack: only after the commit (another connection sees each row)");
    store_close(st);
    buf_free(&a.b);
    free(path);
    tmp_done(dir);
}

static void test_full_disk(void)
{
    char *dir = tmp_dir(), *path = xasprintf("%s/history.db", dir), err[512] = "", region[16];
    struct store_opts o = {.max_pages = 24};
    struct store *st = open_ok(path, &o, NULL);
    struct acks a = {0};
    long total = 0, acked_before = 0, n = 0;
    int round;

    for (round = 0; round < 200 && n >= 0; round++) {
        for (int i = 0; i < 200; i++) {
            snprintf(region, sizeof region, "R%03d", i);
            put_sample(st, "mail", region, T0 + 300 * round, LEVEL_DEGRADED, 2, i, round);
        }
        total += 200;
        acked_before = a.n;
        n = store_flush(st, on_ack, &a, err, sizeof err);
    }
    ok(n == -1, "full disk: a flush fails after %d rounds", round);
    ok(strstr(err, "full") != NULL, "full disk: the message says so (%s)", err);
    ok(a.n >= acked_before && a.n < total, "full disk: the failed flush acknowledged %ld of 200",
       a.n - acked_before);
    is_int(store_pending(st) + (size_t)a.n, total, "full disk: what it did not commit, it kept");
    is_int(count_samples(st), a.n, "full disk: the file has exactly what was acknowledged");

    size_t pending = store_pending(st);
    put_sample(st, "mail", "late", T0, LEVEL_MAJOR, 1, -1, -1);
    total++;
    is_int(store_flush(st, on_ack, &a, err, sizeof err), -1, "full disk: it stays full");
    is_int(store_pending(st), pending + 1, "full disk: the queue keeps growing meanwhile");

    ok(store_set_max_pages(st, 0) == 0, "full disk: room is made");
    is_int(store_flush(st, on_ack, &a, err, sizeof err), (long)pending + 1,
           "full disk: the next flush commits all");
    is_int(a.n, total, "full disk: every write acknowledged in the end");
    is_int(count_samples(st), total, "full disk: every sample present");
    is_int(store_dropped(st), 0, "full disk: none dropped");
    store_close(st);
    is_str(raw_query(path, "PRAGMA integrity_check"), "ok", "full disk: the file is sound");
    buf_free(&a.b);
    free(path);
    tmp_done(dir);
}

/* A nearly full disk: a queue far bigger than the room left. A flush of
 * all or nothing would never get anywhere; in chunks, what fits goes in. */
static void test_nearly_full(void)
{
    char *dir = tmp_dir(), *path = xasprintf("%s/history.db", dir), err[512] = "", region[16];
    char pages[32];
    struct store_opts o = {.max_pages = 400};
    struct store *st = open_ok(path, &o, NULL);
    struct acks a = {0};
    long n;

    store_pragma(st, "page_count", pages, sizeof pages);
    store_set_max_pages(st, atol(pages) + 6); /* a few pages of room */
    for (int i = 0; i < 3000; i++) {
        snprintf(region, sizeof region, "R%04d", i);
        put_sample(st, "mail", region, T0, LEVEL_DEGRADED, 2, i, -1);
    }
    n = store_flush(st, on_ack, &a, err, sizeof err);
    ok(n == -1 && strstr(err, "full"), "nearly full: the queue does not fit (%s)", err);
    ok(a.n > 0, "nearly full: yet %ld writes went in and were acknowledged", a.n);
    is_int(store_pending(st) + (size_t)a.n, 3000, "nearly full: the rest is kept");
    is_int(count_samples(st), a.n, "nearly full: the file holds exactly the acknowledged ones");
    long before = a.n;
    n = store_flush(st, on_ack, &a, err, sizeof err);
    is_int(a.n, before, "nearly full: with no more room, the next flush adds nothing");
    store_set_max_pages(st, 0);
    is_int(store_flush(st, on_ack, &a, err, sizeof err), 3000 - before,
           "nearly full: with room, the rest goes in");
    is_int(count_samples(st), 3000, "nearly full: all 3000 in the end");
    store_close(st);
    buf_free(&a.b);
    free(path);
    tmp_done(dir);
}

/* No room at all at start: the file cannot even take its tables. The store
 * opens deferred, keeps the writes, and opens the file once there is room. */
static void test_full_at_start(void)
{
    char *dir = tmp_dir(), *path = xasprintf("%s/history.db", dir), err[512] = "";
    struct store_opts o = {.max_pages = 1};
    struct store_report rep;
    struct store *st = store_open(path, &o, &rep, err, sizeof err);
    struct acks a = {0};

    ok(st != NULL, "full at start: the store still opens (%s)", st ? rep.why : err);
    if (!st) {
        free(path);
        tmp_done(dir);
        return;
    }
    ok(rep.deferred && strstr(rep.why, "full"), "full at start: it says why (%s)", rep.why);
    ok(store_writable(st), "full at start: it takes writes");
    put_sample(st, "mail", "*", T0, LEVEL_MAJOR, 1, -1, -1);
    is_int(store_flush(st, on_ack, &a, err, sizeof err), -1, "full at start: still full (%s)", err);
    is_int(store_pending(st), 1, "full at start: the write waits in memory");
    store_set_max_pages(st, 0);
    put_sample(st, "mail", "*", T0 + 300, LEVEL_OK, 1, -1, -1);
    is_int(store_flush(st, on_ack, &a, err, sizeof err), 2,
           "full at start: once there is room, the file opens and takes both");
    is_int(count_samples(st), 2, "full at start: both are in the file");
    store_close(st);
    is_str(raw_query(path, "PRAGMA integrity_check"), "ok", "full at start: the file is sound");
    buf_free(&a.b);
    free(path);
    tmp_done(dir);
}

static void test_maintain(void)
{
    char *dir = tmp_dir(), *path = xasprintf("%s/history.db", dir), err[256];
    struct store_opts o = {.fine_keep_s = 9000, .coarse_keep_s = 86400, .crowd_keep_s = 43200};
    struct store *st = open_ok(path, &o, NULL);
    time_t now = T0 + 2 * 86400, h = now - 3 * 3600, c0 = now - 86400;

    /* Fine rows before h + 1800 fold; coarse rows before c0 go. */
    put_sample(st, "svc", "*", h, LEVEL_OK, 1, 3, -1);
    put_sample(st, "svc", "*", h + 600, LEVEL_PARTIAL, 2, 1, 7);
    put_sample(st, "svc", "*", h + 1500, LEVEL_DEGRADED, 0, -1, -1);
    put_sample(st, "svc", "FR", h + 300, LEVEL_NOTICE, 2, 9, -1);
    put_sample(st, "svc", "*", h + 1800, LEVEL_MAJOR, 1, 99, 99); /* at the cutoff */
    put_sample(st, "svc", "*", h + 2100, LEVEL_NOTICE, 0, -1, -1);
    put_sample(st, "svc", "*", c0, LEVEL_DEGRADED, 1, -1, -1);
    put_sample(st, "svc", "*", c0 - 300, LEVEL_MAJOR, 1, -1, -1);
    put_crowd(st, "svc", "dd", "k", now - 43200, 900, 5, -1);
    put_crowd(st, "svc", "dd", "k", now - 43201, 900, 6, -1);
    put_statement(st, "svc", "kept", now - 86400, "resolved", "", LEVEL_OK);
    put_statement(st, "svc", "gone", now - 86401, "resolved", "", LEVEL_OK);
    flush(st);

    is_int(store_maintain(st, now, err, sizeof err), 0, "maintain: runs");
    is_text(samples(st, NULL, NULL, 0, FAR, h, 0),
            "svc * -75600/3600 degraded 1 -1 -1\n"
            "svc * +0/3600 partial 2 3 7\n"
            "svc FR +0/3600 notice 2 9 -1\n"
            "svc * +1800/300 major 1 99 99\n"
            "svc * +2100/300 notice 0 -1 -1\n",
            "maintain: old fine rows fold into hours (worst level, the evidence behind it, largest "
            "counts); fine rows at the cutoff stay; coarse rows before a year-equivalent go");
    is_text(crowd(st, "svc", "dd", 0, now), "svc dd k -43200/900 5 -1\n",
            "maintain: crowd counts older than their keep go, the one at the cutoff stays");
    is_text(statements(st, NULL, 0, FAR, now), "svc status kept -86400 resolved ok Trouble: \n",
            "maintain: statements older than the coarse keep go");

    put_sample(st, "svc", "*", h + 1200, LEVEL_UNKNOWN, 0, 50, -1);
    flush(st);
    is_int(store_maintain(st, now, err, sizeof err), 0, "maintain: runs again");
    is_text(samples(st, NULL, NULL, 0, FAR, h, 0),
            "svc * -75600/3600 degraded 1 -1 -1\n"
            "svc * +0/3600 partial 2 50 7\n"
            "svc FR +0/3600 notice 2 9 -1\n"
            "svc * +1800/300 major 1 99 99\n"
            "svc * +2100/300 notice 0 -1 -1\n",
            "maintain: a late fine row merges into the existing hour the same way");
    store_close(st);
    free(path);
    tmp_done(dir);
}

static void test_queue_max(void)
{
    char *dir = tmp_dir(), *path = xasprintf("%s/history.db", dir);
    struct store_opts o = {.queue_max = 5};
    struct store *st = open_ok(path, &o, NULL);

    for (int i = 0; i < 8; i++)
        put_sample(st, "mail", "*", T0 + 300 * i, LEVEL_OK, 1, i, -1);
    is_int(store_pending(st), 5, "queue cap: 5 kept");
    is_int(store_dropped(st), 3, "queue cap: 3 dropped and counted");
    is_int(flush(st), 5, "queue cap: the flush writes 5");
    is_text(samples(st, NULL, NULL, 0, FAR, T0, 0),
            "mail * +900/300 ok 1 3 -1\n"
            "mail * +1200/300 ok 1 4 -1\n"
            "mail * +1500/300 ok 1 5 -1\n"
            "mail * +1800/300 ok 1 6 -1\n"
            "mail * +2100/300 ok 1 7 -1\n",
            "queue cap: the oldest were the ones dropped");
    is_int(store_dropped(st), 3, "queue cap: the count stays");
    store_close(st);
    free(path);
    tmp_done(dir);
}

int main(void)
{
    umask(022); /* the modes tested are the store's doing, not the umask's */
    test_round_trip();
    test_upsert();
    test_restart();
    test_pragmas_and_files();
    test_lock();
    test_read_only_opt();
    test_foreign_file();
    test_planted_links();
    test_corrupt_text();
    test_corrupt_pages();
    test_check_later();
    test_migration();
    test_too_new();
    test_ack();
    test_full_disk();
    test_nearly_full();
    test_full_at_start();
    test_maintain();
    test_queue_max();
    return tap_done();
}
