/* The history store (see store.h): SQLite behind an in-memory queue.
 *
 * Opening (lock, checks, migrations), writing and upkeep. Every write goes
 * through the queue (store_queue.c) and one transaction per flush, so a
 * commit is the only point where history becomes durable, and the ack
 * callback is told only after it. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sitrep/safefile.h"
#include "sitrep/xalloc.h"
#include "store_internal.h"

/* ---- the schema ------------------------------------------------------ */

/* migrations[i] takes a file from user_version i to i + 1. Counts that
 * are "none" (-1 in the API) are NULL in the file. */
static const char *const migrations[STORE_SCHEMA_VERSION] = {
    "CREATE TABLE samples (service TEXT NOT NULL, region TEXT NOT NULL, t INTEGER NOT NULL,"
    " res INTEGER NOT NULL, level INTEGER NOT NULL, evidence INTEGER NOT NULL DEFAULT 0,"
    " reports INTEGER, baseline INTEGER,"
    " PRIMARY KEY (service, region, res, t)) WITHOUT ROWID;"
    "CREATE TABLE crowd (service TEXT NOT NULL, source TEXT NOT NULL, key TEXT NOT NULL,"
    " t INTEGER NOT NULL, bucket_s INTEGER NOT NULL, count INTEGER NOT NULL, baseline INTEGER,"
    " PRIMARY KEY (service, source, key, t)) WITHOUT ROWID;",

    /* samples_t serves both the start-up read of every service's recent
     * past (already in (t, service, region, res) order) and upkeep. */
    "CREATE TABLE statements (service TEXT NOT NULL, source TEXT NOT NULL,"
    " incident TEXT NOT NULL, at INTEGER NOT NULL, status TEXT NOT NULL, title TEXT,"
    " body TEXT, level INTEGER NOT NULL,"
    " PRIMARY KEY (service, source, incident, at, status)) WITHOUT ROWID;"
    "CREATE INDEX samples_t ON samples (t);"
    "CREATE INDEX statements_at ON statements (at);",

    /* The levels of every service over a window (the sparklines at start,
     * the rest of the week after the first frame) read from the index
     * alone, in order: with samples_t each row was a lookup in the table,
     * and the small page cache read the same pages again and again. It
     * serves upkeep as samples_t did. */
    "DROP INDEX samples_t;"
    "CREATE INDEX samples_levels ON samples (t, service, region, res, level, evidence);",
};

/* How a sample merges into one already stored: the worst of the two, with
 * the evidence behind that level (both sides' when they are equal: a crowd
 * problem after an ok that both sides agreed on is crowd's alone). max()
 * of SQL returns NULL when either side is NULL, hence the -1 detour. */
#define SAMPLE_MERGE                                                                               \
    " ON CONFLICT (service, region, res, t) DO UPDATE SET"                                         \
    " level = max(level, excluded.level), evidence = CASE"                                         \
    " WHEN excluded.level > level THEN excluded.evidence"                                          \
    " WHEN excluded.level = level THEN evidence | excluded.evidence ELSE evidence END,"            \
    " reports = nullif(max(ifnull(reports, -1), ifnull(excluded.reports, -1)), -1),"               \
    " baseline = nullif(max(ifnull(baseline, -1), ifnull(excluded.baseline, -1)), -1)"

static const char *const put_sql[] = {
    [STORE_SAMPLE] = "INSERT INTO samples (service, region, t, res, level, evidence, reports,"
                     " baseline) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)" SAMPLE_MERGE,
    [STORE_CROWD] = "INSERT INTO crowd (service, source, key, t, bucket_s, count, baseline)"
                    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
                    " ON CONFLICT (service, source, key, t) DO UPDATE SET"
                    " bucket_s = excluded.bucket_s, count = excluded.count,"
                    " baseline = excluded.baseline",
    /* A page may edit an update's text after posting it: keep the last. */
    [STORE_STATEMENT] = "INSERT INTO statements (service, source, incident, at, status, title,"
                        " body, level) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                        " ON CONFLICT (service, source, incident, at, status) DO UPDATE SET"
                        " title = excluded.title, body = excluded.body, level = excluded.level",
};

/* Upkeep, in order, in one transaction. ?1 coarse width, ?2 the fine
 * cutoff, ?3 the coarse cutoff, ?4 the crowd cutoff. Anything narrower
 * than the coarse width folds, so rows from an older fine width do too. */
static const char *const maintain_sql[] = {
    "INSERT INTO samples (service, region, t, res, level, evidence, reports, baseline)"
    " SELECT service, region, t - t % ?1, ?1, max(level), sitrep_worst_evidence(level, evidence),"
    " max(reports), max(baseline) FROM samples WHERE res < ?1 AND t < ?2"
    " GROUP BY service, region, t - t % ?1" SAMPLE_MERGE,
    "DELETE FROM samples WHERE res < ?1 AND t < ?2",
    "DELETE FROM samples WHERE t < ?3",
    "DELETE FROM crowd WHERE t < ?4",
    "DELETE FROM statements WHERE at < ?3",
};

/* ---- small helpers --------------------------------------------------- */

/* The file is damaged or not a database at all: move it aside. */
static bool is_damage(int rc)
{
    rc &= 0xff;
    return rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB;
}

/* No room or a failing disk: worth trying again later. */
static bool is_transient(int rc)
{
    rc &= 0xff;
    return rc == SQLITE_FULL || rc == SQLITE_IOERR || rc == SQLITE_BUSY || rc == SQLITE_LOCKED;
}

static void bind_count(sqlite3_stmt *s, int col, long v)
{
    if (v < 0)
        sqlite3_bind_null(s, col);
    else
        sqlite3_bind_int64(s, col, v);
}

/* Runs sql once with integer parameters ?1..?n. Returns an SQLite code. */
static int run_ints(sqlite3 *db, const char *sql, const sqlite3_int64 *args, int n)
{
    sqlite3_stmt *s;
    int rc = sqlite3_prepare_v2(db, sql, -1, &s, NULL);

    if (rc != SQLITE_OK)
        return rc;
    for (int i = 0; i < n && i < sqlite3_bind_parameter_count(s); i++)
        sqlite3_bind_int64(s, i + 1, args[i]);
    rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

static void rollback(sqlite3 *db)
{
    if (!sqlite3_get_autocommit(db))
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

/* Upkeep folds samples into coarser ones: the evidence behind the worst
 * level among them (OR of the rows at that level). SQLite has no such
 * aggregate. */
struct worst_evidence {
    sqlite3_int64 level, evidence;
    bool any;
};

static void worst_evidence_step(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    struct worst_evidence *acc = sqlite3_aggregate_context(ctx, sizeof *acc);
    sqlite3_int64 level, evidence;

    (void)argc;
    if (!acc) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL)
        return;
    level = sqlite3_value_int64(argv[0]);
    evidence = sqlite3_value_int64(argv[1]);
    if (!acc->any || level > acc->level) {
        acc->level = level;
        acc->evidence = evidence;
        acc->any = true;
    } else if (level == acc->level) {
        acc->evidence |= evidence;
    }
}

static void worst_evidence_final(sqlite3_context *ctx)
{
    struct worst_evidence *acc = sqlite3_aggregate_context(ctx, 0);

    sqlite3_result_int64(ctx, acc ? acc->evidence : 0);
}

__attribute__((format(printf, 3, 4))) void store_set_err(char *err, size_t errlen, const char *fmt,
                                                         ...)
{
    va_list ap;

    if (!err || !errlen)
        return;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

const char *store_text_from_db(sqlite3_stmt *s, int col)
{
    const unsigned char *t = sqlite3_column_text(s, col);

    return t ? (const char *)t : "";
}

void store_bind_text(sqlite3_stmt *s, int col, const char *v)
{
    sqlite3_bind_text(s, col, v, -1, SQLITE_STATIC);
}

/* Runs sql and copies the first column of its first row (a pragma's
 * answer) into out, "" when there is none. Returns an SQLite code. */
int store_query_text(sqlite3 *db, const char *sql, char *out, size_t outlen)
{
    sqlite3_stmt *s;
    int rc = sqlite3_prepare_v2(db, sql, -1, &s, NULL);

    if (outlen)
        out[0] = '\0';
    if (rc != SQLITE_OK)
        return rc;
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        snprintf(out, outlen, "%s", store_text_from_db(s, 0));
        rc = SQLITE_OK;
    } else if (rc == SQLITE_DONE) {
        rc = SQLITE_OK;
    }
    sqlite3_finalize(s);
    return rc;
}

/* ---- opening --------------------------------------------------------- */

static int fill_opts(struct store *st, const struct store_opts *in, char *err, size_t errlen)
{
    struct store_opts o = in ? *in : (struct store_opts){0};

    o.fine_s = o.fine_s ? o.fine_s : DEFAULT_FINE_S;
    o.fine_keep_s = o.fine_keep_s ? o.fine_keep_s : DEFAULT_FINE_KEEP_S;
    o.coarse_s = o.coarse_s ? o.coarse_s : DEFAULT_COARSE_S;
    o.coarse_keep_s = o.coarse_keep_s ? o.coarse_keep_s : DEFAULT_COARSE_KEEP_S;
    o.crowd_keep_s = o.crowd_keep_s ? o.crowd_keep_s : DEFAULT_CROWD_KEEP_S;
    o.queue_max = o.queue_max ? o.queue_max : DEFAULT_QUEUE_MAX;
    if (o.fine_s < 0 || o.coarse_s < o.fine_s || o.coarse_s % o.fine_s != 0 || o.fine_keep_s < 0 ||
        o.coarse_keep_s < 0 || o.crowd_keep_s < 0) {
        store_set_err(err, errlen, "bad history settings: buckets of %d s and %d s", o.fine_s,
                      o.coarse_s);
        return -1;
    }
    st->opts = o;
    return 0;
}

static void close_db(struct store *st)
{
    for (size_t i = 0; i < sizeof st->put / sizeof st->put[0]; i++) {
        sqlite3_finalize(st->put[i]);
        st->put[i] = NULL;
    }
    sqlite3_close_v2(st->db);
    st->db = NULL;
}

/* Opens read-only: for export, behind another writer, or a newer file. */
static int open_reader(struct store *st, char *err, size_t errlen)
{
    struct stat sb;
    char version[32];
    int rc;

    if (lstat(st->path, &sb) != 0) {
        store_set_err(err, errlen, "%s: %s", st->path, strerror(errno));
        return -1;
    }
    if (!S_ISREG(sb.st_mode)) {
        store_set_err(err, errlen, "%s: %s", st->path,
                      S_ISLNK(sb.st_mode) ? "is a symbolic link: refusing to follow it"
                                          : "is not a regular file");
        return -1;
    }
    rc = sqlite3_open_v2(st->path, &st->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_busy_timeout(st->db, BUSY_TIMEOUT_MS);
        sqlite3_exec(st->db, CACHE_PRAGMA, NULL, NULL, NULL);
        /* SQLite opens lazily: read now so a damaged file fails here. */
        rc = store_query_text(st->db, "PRAGMA user_version", version, sizeof version);
    }
    if (rc != SQLITE_OK) {
        store_set_err(err, errlen, "%s: %s", st->path,
                      st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
        close_db(st);
        return -1;
    }
    return 0;
}

enum opened { OPENED, OPEN_DAMAGED, OPEN_TOO_NEW, OPEN_FAILED, OPEN_FOREIGN, OPEN_NO_ROOM };

#define SQLITE_MAGIC "SQLite format 3"

/* Creates the file 0600 when it is missing (SQLite would make it 0644 less
 * the umask; history is private, and the -wal and -shm take its mode) and
 * checks what is there: our own regular file, no link of any kind, empty or
 * an SQLite database. Anything else is someone's data: refused, never
 * moved or overwritten. *id gets its device and inode. */
static enum opened open_file(struct store *st, struct stat *id, char *why, size_t whylen)
{
    char head[sizeof SQLITE_MAGIC];
    ssize_t n;
    int fd = safefile_open_own(st->path, id, why, whylen);

    if (fd < 0)
        return errno == ENOSPC || errno == EDQUOT || errno == EIO ? OPEN_NO_ROOM : OPEN_FOREIGN;
    n = pread(fd, head, sizeof head, 0);
    close(fd);
    if (n > 0 && (n < (ssize_t)sizeof head || memcmp(head, SQLITE_MAGIC, sizeof head) != 0)) {
        store_set_err(why, whylen,
                      "%s is not an SQLite database: refusing to use it (it is left as it is; "
                      "give --db another file)",
                      st->path);
        return OPEN_FOREIGN;
    }
    return OPENED;
}

/* After SQLite opened the path: still the file open_file() checked. */
static bool same_file(const char *path, const struct stat *id)
{
    struct stat now;

    return lstat(path, &now) == 0 && S_ISREG(now.st_mode) && now.st_dev == id->st_dev &&
           now.st_ino == id->st_ino;
}

/* Applies the migrations past version, each in its own transaction. */
static int migrate(sqlite3 *db, int version, struct store_report *rep)
{
    for (int v = version; v < STORE_SCHEMA_VERSION; v++) {
        char *sql = xasprintf("BEGIN IMMEDIATE; %s PRAGMA user_version = %d; COMMIT;",
                              migrations[v], v + 1);
        int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);

        free(sql);
        if (rc != SQLITE_OK) {
            rollback(db);
            return rc;
        }
        if (rep->migrated_from < 0)
            rep->migrated_from = version;
    }
    return SQLITE_OK;
}

/* Opens the file as its writer, checks it, migrates it. On OPEN_DAMAGED
 * and OPEN_FAILED why says what was wrong. Whatever the outcome, the
 * connection (when there is one) is the caller's to close. */
static enum opened open_writer(struct store *st, struct store_report *rep, char *why, size_t whylen)
{
    char text[256];
    struct stat id;
    enum opened checked = open_file(st, &id, why, whylen);
    int rc, version;

    if (checked != OPENED)
        return checked;
    /* NOFOLLOW: a link swapped in after the check is refused by SQLite. */
    rc = sqlite3_open_v2(st->path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
    if (rc == SQLITE_OK && !same_file(st->path, &id)) {
        store_set_err(why, whylen, "%s changed while it was being opened: refusing it", st->path);
        return OPEN_FOREIGN;
    }
    if (rc == SQLITE_OK) {
        sqlite3_extended_result_codes(st->db, 1);
        sqlite3_busy_timeout(st->db, BUSY_TIMEOUT_MS);
        sqlite3_exec(st->db, CACHE_PRAGMA, NULL, NULL, NULL);
        rc = sqlite3_create_function(st->db, "sitrep_worst_evidence", 2,
                                     SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, NULL,
                                     worst_evidence_step, worst_evidence_final);
    }
    /* user_version first: a newer sitrep's file is left alone even if
     * this SQLite cannot make sense of all of it. */
    if (rc == SQLITE_OK)
        rc = store_query_text(st->db, "PRAGMA user_version", text, sizeof text);
    if (rc != SQLITE_OK)
        goto fail;
    version = atoi(text);
    if (version > STORE_SCHEMA_VERSION)
        return OPEN_TOO_NEW;
    st->unchecked = st->opts.check_later;
    if (!st->unchecked) {
        rc = store_query_text(st->db, "PRAGMA quick_check", text, sizeof text);
        if (rc != SQLITE_OK)
            goto fail;
        if (strcmp(text, "ok") != 0) {
            store_set_err(why, whylen, "quick_check: %s", text);
            return OPEN_DAMAGED;
        }
    }
    /* Where WAL is impossible (no shared memory on the file system) SQLite
     * stays in rollback mode, still durable with synchronous=FULL: better
     * than no history at all. */
    rc = store_query_text(st->db, "PRAGMA journal_mode = WAL", text, sizeof text);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(st->db, "PRAGMA synchronous = FULL", NULL, NULL, NULL);
    if (rc == SQLITE_OK && st->opts.max_pages > 0 && store_set_max_pages(st, st->opts.max_pages))
        rc = sqlite3_errcode(st->db);
    if (rc == SQLITE_OK)
        rc = migrate(st->db, version, rep);
    if (rc == SQLITE_OK)
        return OPENED;
fail:
    /* A rollback resets the connection's message: the code says it then. */
    store_set_err(why, whylen, "%s",
                  st->db && sqlite3_errcode(st->db) != SQLITE_OK ? sqlite3_errmsg(st->db)
                                                                 : sqlite3_errstr(rc));
    return is_damage(rc) ? OPEN_DAMAGED : is_transient(rc) ? OPEN_NO_ROOM : OPEN_FAILED;
}

static int prepare_puts(struct store *st)
{
    for (size_t i = 0; i < sizeof st->put / sizeof st->put[0]; i++) {
        int rc = sqlite3_prepare_v3(st->db, put_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &st->put[i],
                                    NULL);
        if (rc != SQLITE_OK)
            return rc;
    }
    return SQLITE_OK;
}

static void store_free(struct store *st)
{
    close_db(st);
    /* Only once the database is closed (and checkpointed): another sitrep
     * may start writing as soon as the lock is free. */
    store_release_lock(st);
    store_queue_free(&st->q);
    free(st->path);
    free(st);
}

/* Past the instance lock: open as writer, recover a damaged file once,
 * fall back to reading a newer one. */
static int open_locked(struct store *st, struct store_report *rep, char *err, size_t errlen)
{
    char why[sizeof rep->why];
    enum opened r = open_writer(st, rep, why, sizeof why);

    if (r == OPEN_DAMAGED) {
        /* Nothing of a damaged file may be written back on close. */
        if (st->db)
            sqlite3_db_config(st->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
        close_db(st);
        if (store_move_aside(st, rep, err, errlen) != 0)
            return -1;
        rep->recovered = true;
        snprintf(rep->why, sizeof rep->why, "%s", why);
        rep->migrated_from = -1;
        r = open_writer(st, rep, why, sizeof why);
    }
    if (r == OPEN_TOO_NEW) {
        close_db(st);
        store_release_lock(st); /* a newer sitrep may write it */
        rep->too_new = rep->read_only = true;
        return open_reader(st, err, errlen);
    }
    if (r == OPEN_FOREIGN) {
        store_set_err(err, errlen, "%s", why);
        return -1;
    }
    if (r == OPEN_NO_ROOM) {
        /* Disk full or failing at start: keep the writes and try again at
         * each flush, rather than give up on history for the whole run. */
        close_db(st);
        st->deferred = st->writable = true;
        rep->deferred = true;
        snprintf(rep->why, sizeof rep->why, "%s", why);
        return 0;
    }
    if (r != OPENED || prepare_puts(st) != SQLITE_OK) {
        store_set_err(err, errlen, "%s: %s", st->path, r != OPENED ? why : sqlite3_errmsg(st->db));
        return -1;
    }
    st->writable = true;
    return 0;
}

struct store *store_open(const char *path, const struct store_opts *opts, struct store_report *rep,
                         char *err, size_t errlen)
{
    struct store_report ignored;
    struct store *st = xcalloc(1, sizeof *st);
    int rc;

    if (!rep)
        rep = &ignored;
    memset(rep, 0, sizeof *rep);
    rep->migrated_from = -1;
    st->path = xstrdup(path);
    st->lock_fd = -1;
    st->chunk = CHUNK_MAX;
    rc = fill_opts(st, opts, err, errlen);
    if (rc == 0 && st->opts.read_only) {
        rep->read_only = true;
        rc = open_reader(st, err, errlen);
    } else if (rc == 0) {
        rc = store_make_parent(path, err, errlen);
        if (rc == 0)
            rc = store_take_lock(st, rep, err, errlen);
        if (rc == 1) {
            rep->read_only = true;
            rc = open_reader(st, err, errlen);
        } else if (rc == 0) {
            rc = open_locked(st, rep, err, errlen);
        }
    }
    if (rc != 0) {
        store_free(st);
        return NULL;
    }
    return st;
}

int store_check(struct store *st, struct store_report *rep, char *err, size_t errlen)
{
    char text[200], why[sizeof rep->why];
    int rc;

    if (!st->writable || !st->unchecked || st->deferred)
        return 0;
    st->unchecked = false;
    rc = store_query_text(st->db, "PRAGMA quick_check", text, sizeof text);
    if (rc == SQLITE_OK && strcmp(text, "ok") == 0)
        return 0;
    snprintf(why, sizeof why, "%s%s", rc == SQLITE_OK ? "quick_check: " : "",
             rc == SQLITE_OK ? text : sqlite3_errmsg(st->db));
    if (rc != SQLITE_OK && !is_damage(rc)) {
        store_set_err(err, errlen, "%s: %s", st->path, why);
        return -1;
    }
    /* Damaged: the same recovery as at open; the queue is kept, so what
     * was put meanwhile goes into the fresh file. */
    memset(rep, 0, sizeof *rep);
    rep->migrated_from = -1;
    sqlite3_db_config(st->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
    close_db(st);
    st->writable = false;
    if (store_move_aside(st, rep, err, errlen) != 0)
        return -1;
    rep->recovered = true;
    snprintf(rep->why, sizeof rep->why, "%s", why);
    st->opts.check_later = false;
    if (open_writer(st, rep, why, sizeof why) != OPENED || prepare_puts(st) != SQLITE_OK) {
        store_set_err(err, errlen, "%s: %s", st->path, why);
        close_db(st);
        return -1;
    }
    st->writable = true;
    return 1;
}

void store_close(struct store *st)
{
    if (!st)
        return;
    if (st->writable)
        store_flush(st, NULL, NULL, NULL, 0);
    store_free(st);
}

/* ---- writing --------------------------------------------------------- */

static int write_item(struct store *st, const struct item *it)
{
    sqlite3_stmt *s = st->put[it->kind];
    int rc;

    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    if (it->kind == STORE_SAMPLE) {
        const struct store_sample *v = &it->u.sample;
        store_bind_text(s, 1, v->service);
        store_bind_text(s, 2, v->region);
        sqlite3_bind_int64(s, 3, v->bucket);
        sqlite3_bind_int(s, 4, st->opts.fine_s);
        sqlite3_bind_int(s, 5, (int)v->level);
        sqlite3_bind_int64(s, 6, v->evidence);
        bind_count(s, 7, v->reports);
        bind_count(s, 8, v->baseline);
    } else if (it->kind == STORE_CROWD) {
        const struct store_crowd *v = &it->u.crowd;
        store_bind_text(s, 1, v->service);
        store_bind_text(s, 2, v->source);
        store_bind_text(s, 3, v->key);
        sqlite3_bind_int64(s, 4, v->bucket);
        sqlite3_bind_int(s, 5, v->bucket_s);
        sqlite3_bind_int64(s, 6, v->count);
        bind_count(s, 7, v->baseline);
    } else {
        const struct store_statement *v = &it->u.statement;
        store_bind_text(s, 1, v->service);
        store_bind_text(s, 2, v->source);
        store_bind_text(s, 3, v->incident);
        sqlite3_bind_int64(s, 4, v->at);
        store_bind_text(s, 5, v->status);
        store_bind_text(s, 6, v->title);
        store_bind_text(s, 7, v->body);
        sqlite3_bind_int(s, 8, (int)v->level);
    }
    rc = sqlite3_step(s);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Opens the file a full disk kept closed at start. */
static int open_deferred(struct store *st, char *err, size_t errlen)
{
    struct store_report rep = {.migrated_from = -1};
    char why[sizeof rep.why];
    enum opened r = open_writer(st, &rep, why, sizeof why);

    if (r == OPENED && prepare_puts(st) == SQLITE_OK) {
        st->deferred = false;
        return 0;
    }
    close_db(st);
    if (r != OPEN_NO_ROOM && r != OPENED)
        st->writable = false; /* damaged, foreign or too new now: stop writing */
    store_set_err(err, errlen, "opening %s: %s", st->path, why);
    return -1;
}

/* Writes the n oldest queued writes in one transaction. Returns an SQLite
 * code; on failure nothing of them is kept in the file. */
static int write_chunk(struct store *st, size_t n)
{
    int rc = sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);

    for (size_t i = 0; rc == SQLITE_OK && i < n; i++)
        rc = write_item(st, &st->q.items[(st->q.head + i) % st->q.cap]);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        for (size_t i = 0; i < sizeof st->put / sizeof st->put[0]; i++)
            sqlite3_reset(st->put[i]);
        rollback(st->db);
    }
    return rc;
}

long store_flush(struct store *st, store_ack_fn ack, void *ctx, char *err, size_t errlen)
{
    long committed = 0;

    if (!st->writable || st->q.len == 0)
        return 0;
    if (st->deferred && open_deferred(st, err, errlen) != 0)
        return -1;
    /* In chunks: a disk with room for some of the queue takes that much,
     * and the chunk shrinks (down to one write) while transactions fail. */
    while (st->q.len) {
        size_t n = st->q.len < st->chunk ? st->q.len : st->chunk;
        int rc = write_chunk(st, n);

        if (rc == SQLITE_OK) {
            store_queue_commit(st, n, ack, ctx);
            committed += (long)n;
            if (st->chunk < CHUNK_MAX)
                st->chunk *= 2;
            continue;
        }
        if (st->chunk > 1) {
            st->chunk /= 2;
            continue;
        }
        store_set_err(err, errlen, "writing %s: %s", st->path, sqlite3_errmsg(st->db));
        return -1;
    }
    return committed;
}

int store_maintain(struct store *st, time_t now, char *err, size_t errlen)
{
    const struct store_opts *o = &st->opts;
    sqlite3_int64 args[] = {o->coarse_s, (sqlite3_int64)now - o->fine_keep_s,
                            (sqlite3_int64)now - o->coarse_keep_s,
                            (sqlite3_int64)now - o->crowd_keep_s};
    int rc;

    if (!st->writable || st->deferred)
        return 0;
    rc = sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    for (size_t i = 0; rc == SQLITE_OK && i < sizeof maintain_sql / sizeof maintain_sql[0]; i++)
        rc = run_ints(st->db, maintain_sql[i], args, 4);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        store_set_err(err, errlen, "upkeep of %s: %s", st->path, sqlite3_errmsg(st->db));
        rollback(st->db);
        return -1;
    }
    return 0;
}

const char *store_library_version(void)
{
    return sqlite3_libversion();
}
