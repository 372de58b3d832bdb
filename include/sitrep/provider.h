/* Providers: one per response format, each a pure function from a body to
 * evidence. They know jansson, not curl or curses. Adding a format is one
 * new file and one line in provider_table (src/provider/provider.c). */
#ifndef SITREP_PROVIDER_H
#define SITREP_PROVIDER_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "sitrep/evidence.h"

/* Parses body (len bytes, not NUL-terminated) into *out.
 * All or nothing: returns 0 and fills *out (which must be zeroed by the
 * caller) on success; returns -1 and leaves *out zeroed on failure, with a
 * short message in err that never quotes the body (it is hostile). */
typedef int (*provider_parse_fn)(const char *body, size_t len, struct evidence *out, char *err,
                                 size_t errlen);

struct provider {
    const char *name;        /* as written in the config: "statuspage" */
    const char *description; /* one line for --help and docs */
    provider_parse_fn parse;
    bool crowd; /* crowd reports rather than an official status page */
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

/* Shared by JSON providers: strips a UTF-8 BOM, rejects HTML and empty
 * bodies with a clear message, and loads JSON with jansson's length-aware
 * parser (integers that overflow become reals). Returns a new reference or
 * NULL with err set. */
json_t *provider_load_json(const char *body, size_t len, char *err, size_t errlen);

/* The providers. */
extern const struct provider provider_statuspage;
extern const struct provider provider_reportfeed;
extern const struct provider provider_downdetector;

/* The jansson library this process runs with ("2.14"), for --version. */
const char *provider_library_version(void);

#endif
