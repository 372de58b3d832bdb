/* Internal to src/store: the store's state and the helpers its files
 * share. store.c opens, checks, migrates, writes and keeps up the file;
 * store_queue.c holds writes in memory until a flush; store_files.c owns
 * the files beside the database (the lock, a damaged file moved aside);
 * store_read.c reads history back. Only src/store includes sqlite3.h. */
#ifndef SITREP_STORE_INTERNAL_H
#define SITREP_STORE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include <sqlite3.h>

#include "sitrep/store.h"

#define DEFAULT_FINE_S        300
#define DEFAULT_FINE_KEEP_S   (30L * 86400)
#define DEFAULT_COARSE_S      3600
#define DEFAULT_COARSE_KEEP_S (365L * 86400)
#define DEFAULT_CROWD_KEEP_S  (35L * 86400)
#define DEFAULT_QUEUE_MAX     200000
/* Short: a flush that waits longer than this had better keep its queue and
 * let the dashboard say so. */
#define BUSY_TIMEOUT_MS 2000
/* Small writes and range reads need little cache; SQLite's default (2 MB)
 * would be most of the idle dashboard's memory budget. */
#define CACHE_PRAGMA "PRAGMA cache_size = -128"
/* The largest max_page_count SQLite accepts: "no limit". */
#define NO_PAGE_LIMIT 4294967294LL
/* A flush commits this many writes per transaction at most, fewer (down to
 * one) while transactions fail: on a nearly full disk some of the queue
 * still gets in. */
#define CHUNK_MAX 1024

/* One queued write. Its strings are copies in one block it owns. */
struct item {
    enum store_kind kind;
    char *strings;
    union {
        struct store_sample sample;
        struct store_crowd crowd;
        struct store_statement statement;
    } u;
};

/* A ring: items[(head + i) % cap] for i < len, oldest first. */
struct queue {
    struct item *items;
    size_t head, len, cap;
};

struct store {
    char *path;
    struct store_opts opts; /* defaults filled in */
    sqlite3 *db;
    int lock_fd; /* -1 when we hold no instance lock */
    bool writable;
    sqlite3_stmt *put[3]; /* by enum store_kind */
    struct queue q;
    size_t dropped;
    bool unchecked; /* opened with check_later, quick_check not run yet */
    /* The file could not be opened for lack of room (disk full, I/O
     * error): writes are queued and every flush tries to open it again. */
    bool deferred;
    size_t chunk; /* writes per transaction; halved when one fails */
};

/* store.c */
__attribute__((format(printf, 3, 4))) void store_set_err(char *err, size_t errlen, const char *fmt,
                                                         ...);
/* A column's text, "" for NULL. */
const char *store_text_from_db(sqlite3_stmt *s, int col);
void store_bind_text(sqlite3_stmt *s, int col, const char *v);
/* Runs sql; copies the first column of its first row into out. */
int store_query_text(sqlite3 *db, const char *sql, char *out, size_t outlen);

/* store_queue.c */
void store_queue_free(struct queue *q);
/* Drops the n oldest writes (committed), calling ack for each first. */
void store_queue_commit(struct store *st, size_t n, store_ack_fn ack, void *ctx);

/* store_files.c */
int store_make_parent(const char *path, char *err, size_t errlen);
/* 0: locked; 1: another process holds it (rep says which); -1: error. */
int store_take_lock(struct store *st, struct store_report *rep, char *err, size_t errlen);
void store_release_lock(struct store *st);
int store_move_aside(struct store *st, struct store_report *rep, char *err, size_t errlen);

#endif
