/* Reading history back (see store.h), and the store's test hooks. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/xalloc.h"
#include "store_internal.h"

/* A level a newer sitrep may have written that this one does not know is
 * still something: unknown, never ok. */
static enum level level_from_db(sqlite3_int64 v)
{
    return v >= 0 && v < LEVEL_COUNT ? (enum level)v : LEVEL_UNKNOWN;
}

static long count_from_db(sqlite3_stmt *s, int col)
{
    return sqlite3_column_type(s, col) == SQLITE_NULL ? -1 : (long)sqlite3_column_int64(s, col);
}

/* ---- reading --------------------------------------------------------- */

/* The schema version of the file now: a reader behind another writer may
 * see it migrate, and a file from an older sitrep lacks later tables. */
static int schema_version(struct store *st)
{
    char text[32];

    if (!st->db) /* still waiting for room to open it */
        return 0;
    return store_query_text(st->db, "PRAGMA user_version", text, sizeof text) == SQLITE_OK
               ? atoi(text)
               : 0;
}

/* Prepares sql for a read, or says why not. */
static sqlite3_stmt *read_prepare(struct store *st, const char *sql, char *err, size_t errlen)
{
    sqlite3_stmt *s;

    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
        store_set_err(err, errlen, "reading %s: %s", st->path, sqlite3_errmsg(st->db));
        return NULL;
    }
    return s;
}

/* Steps s to its end (or until fn says stop) and finalizes it. */
static int read_finish(struct store *st, sqlite3_stmt *s, int rc, char *err, size_t errlen)
{
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        store_set_err(err, errlen, "reading %s: %s", st->path, sqlite3_errmsg(st->db));
        sqlite3_finalize(s);
        return -1;
    }
    sqlite3_finalize(s);
    return 0;
}

int store_read_samples(struct store *st, const char *service, const char *region, time_t from,
                       time_t to, store_sample_fn fn, void *ctx, char *err, size_t errlen)
{
    sqlite3_stmt *s;
    char *sql;
    int rc;

    if (schema_version(st) < 1)
        return 0;
    /* Only the filters asked for: "?3 IS NULL OR service = ?3" would keep
     * SQLite from using the primary key to read one service (a year of
     * one service out of fifty: 1 s that way). */
    sql = xasprintf("SELECT service, region, t, res, level, evidence, reports, baseline"
                    " FROM samples WHERE t >= ?1 AND t < ?2%s%s ORDER BY t, service, region, res",
                    service ? " AND service = ?3" : "", region ? " AND region = ?4" : "");
    s = read_prepare(st, sql, err, errlen);
    free(sql);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, from);
    sqlite3_bind_int64(s, 2, to);
    if (service)
        store_bind_text(s, 3, service);
    if (region)
        store_bind_text(s, 4, region);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct store_sample v = {
            .service = store_text_from_db(s, 0),
            .region = store_text_from_db(s, 1),
            .bucket = (time_t)sqlite3_column_int64(s, 2),
            .level = level_from_db(sqlite3_column_int64(s, 4)),
            .evidence = (unsigned)sqlite3_column_int64(s, 5),
            .reports = count_from_db(s, 6),
            .baseline = count_from_db(s, 7),
        };
        if (!fn(ctx, &v, sqlite3_column_int(s, 3)))
            break;
    }
    return read_finish(st, s, rc, err, errlen);
}

int store_read_levels(struct store *st, time_t from, time_t to, store_sample_fn fn, void *ctx,
                      char *err, size_t errlen)
{
    sqlite3_stmt *s;
    int rc;

    if (schema_version(st) < 1)
        return 0;
    s = read_prepare(st,
                     "SELECT service, region, t, res, level, evidence FROM samples"
                     " WHERE t >= ?1 AND t < ?2 ORDER BY t, service, region, res",
                     err, errlen);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, from);
    sqlite3_bind_int64(s, 2, to);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct store_sample v = {
            .service = store_text_from_db(s, 0),
            .region = store_text_from_db(s, 1),
            .bucket = (time_t)sqlite3_column_int64(s, 2),
            .level = level_from_db(sqlite3_column_int64(s, 4)),
            .evidence = (unsigned)sqlite3_column_int64(s, 5),
            .reports = -1,
            .baseline = -1,
        };
        if (!fn(ctx, &v, sqlite3_column_int(s, 3)))
            break;
    }
    return read_finish(st, s, rc, err, errlen);
}

int store_read_crowd(struct store *st, const char *service, const char *source, time_t from,
                     store_crowd_fn fn, void *ctx, char *err, size_t errlen)
{
    sqlite3_stmt *s;
    int rc;

    if (schema_version(st) < 1)
        return 0;
    s = read_prepare(st,
                     "SELECT key, t, bucket_s, count, baseline, source FROM crowd"
                     " WHERE service = ?1 AND (?2 IS NULL OR source = ?2) AND t >= ?3"
                     " ORDER BY t, source, key",
                     err, errlen);
    if (!s)
        return -1;
    store_bind_text(s, 1, service);
    if (source)
        store_bind_text(s, 2, source);
    else
        sqlite3_bind_null(s, 2);
    sqlite3_bind_int64(s, 3, from);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct store_crowd v = {
            .service = service,
            .source = store_text_from_db(s, 5),
            .key = store_text_from_db(s, 0),
            .bucket = (time_t)sqlite3_column_int64(s, 1),
            .bucket_s = sqlite3_column_int(s, 2),
            .count = (long)sqlite3_column_int64(s, 3),
            .baseline = count_from_db(s, 4),
        };
        if (!fn(ctx, &v))
            break;
    }
    return read_finish(st, s, rc, err, errlen);
}

int store_read_statements(struct store *st, const char *service, time_t from, time_t to,
                          store_statement_fn fn, void *ctx, char *err, size_t errlen)
{
    sqlite3_stmt *s;
    char *sql;
    int rc;

    if (schema_version(st) < 2)
        return 0;
    sql = xasprintf("SELECT service, source, incident, title, at, status, body, level"
                    " FROM statements WHERE at >= ?1 AND at < ?2%s"
                    " ORDER BY at, service, source, incident, status",
                    service ? " AND service = ?3" : "");
    s = read_prepare(st, sql, err, errlen);
    free(sql);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, from);
    sqlite3_bind_int64(s, 2, to);
    if (service)
        store_bind_text(s, 3, service);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct store_statement v = {
            .service = store_text_from_db(s, 0),
            .source = store_text_from_db(s, 1),
            .incident = store_text_from_db(s, 2),
            .title = store_text_from_db(s, 3),
            .at = (time_t)sqlite3_column_int64(s, 4),
            .status = store_text_from_db(s, 5),
            .body = store_text_from_db(s, 6),
            .level = level_from_db(sqlite3_column_int64(s, 7)),
        };
        if (!fn(ctx, &v))
            break;
    }
    return read_finish(st, s, rc, err, errlen);
}

/* ---- test hooks ------------------------------------------------------ */

int store_set_max_pages(struct store *st, long pages)
{
    char *sql, text[32];
    int rc;

    st->opts.max_pages = pages; /* kept for a file opened later */
    if (!st->db)
        return 0;
    /* A pragma takes no parameters: the number goes into the text. */
    sql = xasprintf("PRAGMA max_page_count = %lld", pages > 0 ? (long long)pages : NO_PAGE_LIMIT);
    rc = store_query_text(st->db, sql, text, sizeof text);

    free(sql);
    return rc == SQLITE_OK ? 0 : -1;
}

int store_pragma(struct store *st, const char *name, char *out, size_t outlen)
{
    char *sql;
    int rc;

    if (!st->db || !*name || strspn(name, "abcdefghijklmnopqrstuvwxyz_") != strlen(name))
        return -1;
    sql = xasprintf("PRAGMA %s", name);
    rc = store_query_text(st->db, sql, out, outlen);
    free(sql);
    return rc == SQLITE_OK ? 0 : -1;
}
