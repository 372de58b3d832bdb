/* sitrep --version: the release, the git revision it was built from, the
 * libraries it runs with (asked at run time, from the modules that own
 * them), what it can do, and its licence. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "revision.h"
#include "sitrep/app.h"
#include "sitrep/fetch.h"
#include "sitrep/http.h"
#include "sitrep/provider.h"
#include "sitrep/store.h"
#include "sitrep/term.h"

#define LICENCE "MIT"

static const char *curses_number(void)
{
    const char *v = term_library_version(), *space = strrchr(v, ' ');

    return space ? space + 1 : v; /* "ncurses 6.4.20221231" */
}

static const char *curl_number(void)
{
    struct fetch_library lib;

    fetch_library(&lib);
    return lib.version;
}

static const char *inih_number(void)
{
    return SITREP_INIH_VERSION " (at build time; inih has no run-time version)";
}

static const struct {
    const char *name;
    const char *(*version)(void);
} libraries[] = {
    {"ncursesw", curses_number},
    {"libcurl", curl_number},
    {"jansson", provider_library_version},
    {"SQLite", store_library_version},
    {"inih", inih_number},
    {"libmicrohttpd", http_library_version},
};

static void print_features(FILE *out)
{
    struct fetch_library lib;

    fetch_library(&lib);
    const struct {
        const char *name;
        bool on;
    } features[] = {
        {"http2", lib.http2},
        {"ipv6", lib.ipv6},
        {"gzip", lib.gzip},
        {"brotli", lib.brotli},
        {"zstd", lib.zstd},
        {"serve (HTTP)", true},
        {"ASan+UBSan", SITREP_SANITIZERS},
    };

    if (lib.tls[0])
        fprintf(out, "features: https (%s)", lib.tls);
    else
        fprintf(out, "features: no https");
    for (size_t i = 0; i < sizeof features / sizeof features[0]; i++)
        if (features[i].on)
            fprintf(out, ", %s", features[i].name);
    fprintf(out, "\n");
}

void app_print_version(FILE *out)
{
    fprintf(out, "%s %s (git %s)\n", PACKAGE_NAME, PACKAGE_VERSION, SITREP_REVISION);
    fprintf(out, "licence: %s (see the LICENSE file); no warranty\n", LICENCE);
    fprintf(out, "libraries:\n");
    for (size_t i = 0; i < sizeof libraries / sizeof libraries[0]; i++)
        fprintf(out, "  %-14s %s\n", libraries[i].name, libraries[i].version());
    print_features(out);
}
