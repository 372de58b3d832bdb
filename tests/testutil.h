/* Helpers shared by the C tests that go from fixtures to snapshots. */
#ifndef SITREP_TESTUTIL_H
#define SITREP_TESTUTIL_H

#include <stddef.h>
#include <time.h>

#include "sitrep/config.h"
#include "sitrep/model.h"

/* Loads config text; exits the test program (Bail out!) when it fails. */
void tu_config(struct config *cfg, const char *text);

/* Parses the fixture file (path under the source tree) with the source's
 * provider and feeds it to the model at time now. Returns 0, or -1 when
 * the provider refused it (the failure is fed to the model instead). */
int tu_feed(struct model *m, const struct config *cfg, size_t svc, size_t src, const char *fixture,
            time_t now);

/* Appends to ev a crowd series for region: n buckets of bucket_s seconds
 * ending at end, steady at about 20 reports a bucket, the last spike buckets
 * at 200; with cat1 (and cat2), problem categories at 52% and 31%. Returns
 * the series. */
struct evidence;
struct report_series *tu_add_series(struct evidence *ev, const char *region, size_t n, int bucket_s,
                                    time_t end, int spike, const char *cat1, const char *cat2);

/* A fresh directory under $TMPDIR (or /tmp) named sitrep-<what>-XXXXXX;
 * the caller frees the path. tu_rmtree removes it with all it holds. */
char *tu_tmpdir(const char *what);
void tu_rmtree(const char *dir);

/* The index of a service by id; exits the test program when missing. */
size_t tu_service(const struct config *cfg, const char *id);

/* Compares text with the golden file (path under the source tree). When
 * SITREP_UPDATE_GOLDEN is set, rewrites the golden file instead. Returns
 * true when they match; prints a diff-like hint when not. */
int tu_golden(const char *text, const char *golden);

/* The bundled demo (data/demo) and its config; bails out when either
 * cannot be read. */
struct recording;
void tu_demo_load(struct recording **rec, struct config *cfg);
/* What --once --at shows: a fresh replay of the demo fed up to minutes
 * after its start, one snapshot (the caller frees it). */
struct snapshot *tu_demo_at(struct recording *rec, const struct config *cfg, double minutes);

/* The loopback test server (tests/server.py), started for one test program.
 * tu_server_start() bails out when it cannot start; stop closes its stdin,
 * which ends it. */
struct tu_server {
    int pid;
    int port;
    int stdin_fd;
};
void tu_server_start(struct tu_server *srv, int max_requests);
void tu_server_stop(struct tu_server *srv);
/* A URL on the server: "http://127.0.0.1:PORT/<path>"; the caller frees. */
char *tu_server_url(const struct tu_server *srv, const char *path);
/* GETs a control URL of the server (/set/..., /stats, /hits/...) and
 * returns its body (the caller frees), or NULL. */
char *tu_server_get(const struct tu_server *srv, const char *path);

#endif
