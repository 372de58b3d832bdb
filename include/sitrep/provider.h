/* Providers: one per response format, each a pure function from a body to
 * evidence. They know jansson and libxml2, not curl or curses.
 *
 * The formats are one const table, provider_table (src/provider/provider.c):
 * the config reads a format's name, default interval and auth kind from it,
 * --help and the README list its names and descriptions, the tests walk it.
 * Adding a format is one new file under src/provider/ that defines its
 * struct provider, and one row in that table. */
#ifndef SITREP_PROVIDER_H
#define SITREP_PROVIDER_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "sitrep/evidence.h"

/* How a source proves who it is: nothing, or OAuth client credentials
 * exchanged for a Bearer token (Downdetector's API). */
enum source_auth { AUTH_NONE, AUTH_DOWNDETECTOR, AUTH_COUNT };

/* "none", "downdetector"; "?" for anything else. */
const char *provider_auth_name(enum source_auth auth);
/* The reverse; false for a name that is not an auth kind. */
bool provider_auth_parse(const char *name, enum source_auth *out);

/* Parses body (len bytes, not NUL-terminated) into *out.
 * All or nothing: returns 0 and fills *out (which must be zeroed by the
 * caller) on success; returns -1 and leaves *out zeroed on failure, with a
 * short message in err that never quotes the body (it is hostile). */
typedef int (*provider_parse_fn)(const char *body, size_t len, struct evidence *out, char *err,
                                 size_t errlen);

/* How sure a format is that body is one of its documents, from a quick look
 * at its first bytes: 0 (not it) to 100 (certainly it). Never parses it. */
typedef int (*provider_sniff_fn)(const char *body, size_t len);

struct provider {
    const char *name;        /* as written in the config: "statuspage" */
    const char *description; /* one line for --help and the README */
    /* What its bodies are, for errors: "a Slack status document" (as in
     * "expected a Slack status document, got HTML"). */
    const char *document;
    provider_parse_fn parse;
    provider_sniff_fn sniff;
    bool crowd;    /* crowd reports rather than an official status page */
    bool mentions; /* public posts (evidence.mentions) rather than counts */
    /* The least a source of this format is polled at when it does not set
     * its own interval (big or rarely changing documents); 0: none. */
    int default_interval_s;
    enum source_auth auth; /* what a source of this format needs unless it says */
    /* A query parameter ("fields=a,b") added to the source's URL when the
     * URL does not set that parameter itself; NULL for none. Keeps config
     * lines short. */
    const char *default_query;
};

/* The URL to request for a source: url, plus the provider's default query
 * when url does not have that parameter. The caller frees it. */
char *provider_request_url(const struct provider *p, const char *url);

/* NULL-terminated table of every provider. */
extern const struct provider *const provider_table[];

/* Finds a provider by name; NULL when unknown. */
const struct provider *provider_find(const char *name);

/* The provider whose sniff is surest about body (at least 50), or NULL. */
const struct provider *provider_sniff(const char *body, size_t len);

/* p->parse, with a precise error when the body is plainly not what p reads:
 * "expected a Slack status document, got HTML" (an error page, a login
 * page, a single-page app's shell), "... got an empty body", or "... got a
 * Google incidents.json" when another format knows the body. Otherwise the
 * parser's own message. */
int provider_parse(const struct provider *p, const char *body, size_t len, struct evidence *out,
                   char *err, size_t errlen);

/* Shared by JSON providers: decodes a body in UTF-16 (with a byte order
 * mark) to UTF-8, strips a UTF-8 BOM, rejects HTML, UTF-16 without a BOM
 * and empty bodies with a clear message, and loads JSON with jansson's
 * length-aware parser (integers that overflow become reals). Returns a new
 * reference or NULL with err set. */
json_t *provider_load_json(const char *body, size_t len, char *err, size_t errlen);

/* The first providers, which tests and fuzzers name directly; the others
 * are found with provider_find(). */
extern const struct provider provider_statuspage;
extern const struct provider provider_reportfeed;
extern const struct provider provider_downdetector;

/* The jansson library this process runs with ("2.14"), for --version. */
const char *provider_library_version(void);

#endif
