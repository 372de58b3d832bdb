/* The history store: the only module that knows SQLite.
 *
 * One database file, WAL, synchronous=FULL, one writer connection. An
 * instance lock (a FILE.lock beside the database, held with flock) makes a
 * second sitrep on the same file open it read-only and say so. Neither the
 * database nor its lock is ever opened through a symbolic link, and both
 * must be the user's own regular files without other hard links
 * (safefile.h); SQLite opens the file with SQLITE_OPEN_NOFOLLOW. A file
 * that is not an SQLite database at all is refused and left alone. At open
 * the writer runs quick_check; a corrupt database is moved aside to
 * FILE.corrupt-YYYYMMDDTHHMMSSZ (with its -wal and -shm) and a fresh one
 * started, and the report says where it went. The schema is versioned
 * (PRAGMA user_version) and migrated step by step; a file from a newer
 * sitrep is opened read-only. When the disk is full (or failing) at start
 * the store opens "deferred": writes are queued and each flush tries to
 * open the file again.
 *
 * Writes are queued in memory by store_put_*() and written by
 * store_flush() in transactions of up to 1024 writes. A transaction that
 * fails (disk full, I/O error, busy) rolls back and is tried again in
 * halves, down to single writes, so a nearly full disk takes what it has
 * room for; the rest stays queued for the next flush: nothing is lost
 * while the process lives, and nothing a flush acknowledged is lost when
 * it dies (kill -9 included).
 *
 * History is kept in wall-clock buckets: fine ones (5 minutes by default)
 * for a month, then folded into coarse ones (an hour) kept for a year.
 * Times are seconds since the epoch, UTC. */
#ifndef SITREP_STORE_H
#define SITREP_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "sitrep/level.h"

/* The schema version this build writes. */
#define STORE_SCHEMA_VERSION 3

struct store_opts {
    bool read_only;     /* never write (sitrep export); no lock taken */
    int fine_s;         /* fine bucket width; 0: 300 */
    long fine_keep_s;   /* fine buckets older than this fold into coarse; 0: 30 days */
    int coarse_s;       /* coarse bucket width; 0: 3600 */
    long coarse_keep_s; /* coarse buckets, crowd counts and statements older
                           than this are deleted; 0: 365 days */
    long crowd_keep_s;  /* crowd counts older than this are deleted; 0: 35 days */
    size_t queue_max;   /* queued writes kept while flushes fail; 0: 200000.
                           Beyond it the oldest are dropped and counted. */
    long max_pages;     /* tests: PRAGMA max_page_count, to provoke a full disk; 0: none */
    /* Leave quick_check to store_check(), so a dashboard can draw its first
     * frame before the check reads the whole file (it reads every page:
     * about 130 ms for a month of 50 services). */
    bool check_later;
};

/* What store_open() found, for the user. */
struct store_report {
    bool read_only;      /* opened read-only (asked for, locked, or too new) */
    bool locked;         /* another process holds the instance lock */
    long lock_pid;       /* its pid when it wrote one, else 0 */
    bool too_new;        /* the file's schema is newer than this build */
    bool recovered;      /* the file was corrupt: moved aside, fresh one started */
    bool deferred;       /* no room to open it yet: writes wait in memory (why says why) */
    char moved_to[1024]; /* where the corrupt file went */
    char why[256];       /* what quick_check or SQLite said about it */
    int migrated_from;   /* schema version before migrating, -1 when none ran */
};

/* One cell of history: the worst level of a service in one column (region
 * code, or "*" for the whole service) during one bucket, with the crowd
 * counts behind it. */
struct store_sample {
    const char *service; /* service id */
    const char *region;  /* column region code, "*" for the service's level */
    time_t bucket;       /* bucket start, a multiple of the fine width */
    enum level level;
    unsigned evidence; /* enum evidence_kind bits */
    long reports;      /* -1 when none */
    long baseline;     /* -1 when none */
};

/* One crowd report count of one series of a source, so baselines survive
 * a restart. */
struct store_crowd {
    const char *service, *source;
    const char *key; /* the series key (region text and label) */
    time_t bucket;   /* bucket start */
    int bucket_s;
    long count;
    long baseline; /* the source's own baseline, -1 when none */
};

/* One official statement: an incident update as the page posted it. */
struct store_statement {
    const char *service, *source;
    const char *incident; /* incident id, or its title when it has none */
    const char *title;
    time_t at; /* when it was posted */
    const char *status;
    const char *body;
    enum level level;
};

struct store;

/* Opens (creating when missing, with its directory) the database at path.
 * Returns NULL with a message in err when it cannot be opened at all. rep
 * may be NULL. */
struct store *store_open(const char *path, const struct store_opts *opts, struct store_report *rep,
                         char *err, size_t errlen);
/* With check_later: runs quick_check now. Returns 0 when the file is
 * sound (or was checked at open, or is read-only), 1 when it was damaged and
 * has been moved aside for a fresh one (rep says where; queued writes are
 * kept and go into the fresh file), -1 with a message when it could not be
 * checked or replaced (the store then writes nothing). */
int store_check(struct store *st, struct store_report *rep, char *err, size_t errlen);

/* Flushes what it can, releases the lock, closes. */
void store_close(struct store *st);

bool store_writable(const struct store *st);
int store_fine_s(const struct store *st);

/* Queue writes (copied; nothing is kept of the caller's strings). In a
 * read-only store they are dropped. A sample for a bucket already stored
 * keeps the worst level and the largest counts of the two. */
void store_put_sample(struct store *st, const struct store_sample *s);
void store_put_crowd(struct store *st, const struct store_crowd *c);
void store_put_statement(struct store *st, const struct store_statement *s);

/* Called for each write a flush committed, after the commit. */
enum store_kind { STORE_SAMPLE, STORE_CROWD, STORE_STATEMENT };
typedef void (*store_ack_fn)(void *ctx, enum store_kind kind, const void *item);

/* Writes the queue, oldest first, in transactions (see above). Returns the
 * number of writes committed (0 when the queue was empty), or -1 with a
 * message in err when not all of it could be written: what was committed
 * before the failure has been acknowledged and left the queue, the rest is
 * kept for the next flush. ack may be NULL. */
long store_flush(struct store *st, store_ack_fn ack, void *ctx, char *err, size_t errlen);
/* Writes waiting in the queue, and writes dropped because it was full. */
size_t store_pending(const struct store *st);
size_t store_dropped(const struct store *st);

/* Folds fine buckets older than fine_keep into coarse ones and deletes
 * what is past its keep, as of now. Returns 0, or -1 with a message. */
int store_maintain(struct store *st, time_t now, char *err, size_t errlen);

/* Reading. Each calls fn for every row, in time order, and stops early
 * when fn returns false. Returns 0, or -1 with a message in err. Strings
 * given to fn are valid during the call only. */
typedef bool (*store_sample_fn)(void *ctx, const struct store_sample *s, int bucket_s);
typedef bool (*store_crowd_fn)(void *ctx, const struct store_crowd *c);
typedef bool (*store_statement_fn)(void *ctx, const struct store_statement *s);

/* Samples with bucket in [from, to); service or region NULL means all. Fine
 * and coarse rows both come out, each with its width. */
int store_read_samples(struct store *st, const char *service, const char *region, time_t from,
                       time_t to, store_sample_fn fn, void *ctx, char *err, size_t errlen);
/* The same for every service, levels and evidence only (reports and
 * baseline -1), in (bucket, service, region) order: what the sparklines
 * need, read from an index that holds it all. */
int store_read_levels(struct store *st, time_t from, time_t to, store_sample_fn fn, void *ctx,
                      char *err, size_t errlen);
/* Crowd counts of one source of one service (source NULL: of all its
 * sources) with bucket >= from. */
int store_read_crowd(struct store *st, const char *service, const char *source, time_t from,
                     store_crowd_fn fn, void *ctx, char *err, size_t errlen);
/* Statements posted in [from, to), oldest first; service NULL means all. */
int store_read_statements(struct store *st, const char *service, time_t from, time_t to,
                          store_statement_fn fn, void *ctx, char *err, size_t errlen);

/* Test hooks. store_set_max_pages() changes PRAGMA max_page_count of a
 * writable store (pages <= 0: no limit), so a test can fill the disk and
 * then make room without losing the in-memory queue. store_pragma() reads
 * PRAGMA name (letters and '_' only) on the store's own connection into
 * out: synchronous is per connection, so another connection cannot see it.
 * Both return 0, or -1. */
int store_set_max_pages(struct store *st, long pages);
int store_pragma(struct store *st, const char *name, char *out, size_t outlen);

/* The SQLite library this process runs with ("3.40.1"), for --version. */
const char *store_library_version(void);

#endif
