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

/* The index of a service by id; exits the test program when missing. */
size_t tu_service(const struct config *cfg, const char *id);

/* Compares text with the golden file (path under the source tree). When
 * SITREP_UPDATE_GOLDEN is set, rewrites the golden file instead. Returns
 * true when they match; prints a diff-like hint when not. */
int tu_golden(const char *text, const char *golden);

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
