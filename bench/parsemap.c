/* Times what sitrep does with one Statuspage answer: the provider's parse
 * into evidence, its component strings interned (as the engine does) and
 * the model's update (components mapped to regions, levels and cells
 * worked out), ROUNDS times over the same bytes, for
 * bench/parse_statuspage.py. The first round maps every component afresh;
 * later rounds see the same page again, as a poll usually does. Prints one
 * line: "first MS median MS min MS bytes N components N".
 *
 * Usage: bench/parsemap FILE ROUNDS */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sitrep/config.h"
#include "sitrep/evidence.h"
#include "sitrep/intern.h"
#include "sitrep/model.h"
#include "sitrep/provider.h"
#include "sitrep/safefile.h"

static double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

/* The region rules the catalogue gives its Statuspage sources with
 * regional components (Cloudflare, Linode, New Relic, Twilio, Qualys), so
 * that the model maps the page as a poll of such a source does. */
static const char bench_config[] =
    "[service page]\n"
    "url = http://127.0.0.1:9/summary.json\n"
    "region = name \"([^,]+) - \\(([A-Z]{3})\\)$\" => $1\n"
    "region = name \"\\(([A-Z]{3})\\)$\" => iata:$1\n"
    "region = name \"\\(([A-Za-z .'-]+)( [0-9]+)?\\)\" => city:$1\n"
    "region = group \" : (US|EU|Europe)$\" => $1\n"
    "region = name \" : (US|EU|Europe)$\" => $1\n"
    "region = name \", (North America|Latin America|Europe|APAC|Middle East & Africa)$\" => $1\n"
    "region = group \"^(US|EU|IN|CA|AE|AU|UK) Platform\" => $1\n"
    "region = group \"(?i)^(.*)$\" => $1\n";

/* One poll's work: parse, intern the component strings in the engine's
 * pool, then hand the evidence to the model. */
static int one_round(struct model *m, struct intern *pool, const char *body, size_t len,
                     size_t *ncomp)
{
    struct evidence ev = {0};
    char err[256];

    if (provider_statuspage.parse(body, len, &ev, err, sizeof err) != 0) {
        fprintf(stderr, "parsemap: %s\n", err);
        return -1;
    }
    *ncomp = ev.ncomponents;
    evidence_intern(&ev, pool);
    model_source_success(m, 0, 0, &ev, time(NULL));
    return 0;
}

int main(int argc, char **argv)
{
    struct config cfg;
    struct model *m;
    struct intern *pool;
    char *body, *errors = NULL, err[600];
    size_t len, ncomp = 0;
    int rounds;
    double *t;

    if (argc != 3 || (rounds = atoi(argv[2])) <= 0) {
        fprintf(stderr, "usage: parsemap FILE ROUNDS\n");
        return 2;
    }
    if (safefile_read(argv[1], 64u << 20, &body, &len, err, sizeof err) != 0) {
        fprintf(stderr, "parsemap: %s\n", err);
        return 1;
    }
    if (config_load_string(bench_config, "bench", &cfg, &errors) != 0) {
        fprintf(stderr, "parsemap: %s", errors ? errors : "config\n");
        return 1;
    }
    pool = intern_new();
    m = model_new(&cfg);
    t = calloc((size_t)rounds, sizeof *t);
    for (int i = 0; i < rounds; i++) {
        double t0 = now_ms();
        if (one_round(m, pool, body, len, &ncomp) != 0)
            return 1;
        t[i] = now_ms() - t0;
    }
    double first = t[0];
    qsort(t, (size_t)rounds, sizeof *t, cmp_double);
    printf("first %.3f median %.3f min %.3f bytes %zu components %zu\n", first, t[rounds / 2], t[0],
           len, ncomp);
    free(t);
    model_free(m);
    intern_free(pool); /* after the model, which holds its strings */
    config_free(&cfg);
    free(body);
    free(errors);
    return 0;
}
