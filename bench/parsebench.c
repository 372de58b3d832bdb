/* Parse + map one body, over and over, for bench/parse.py. MODE "map":
 * the format's parser turns it into evidence and the source's region rules
 * place its components and incidents (evidence_tag_regions), which is what
 * turns the bytes into evidence the grid can use. MODE "model": a
 * one-service model takes the evidence instead (tagging, then the cells of
 * the default columns), as the engine does with every answer. Prints the
 * best time of ROUNDS rounds of N runs, in microseconds per run, so the
 * script can set it beside Python on the same bytes.
 *
 * Usage: bench/parsebench map|model FORMAT FILE N ROUNDS */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sitrep/config.h"
#include "sitrep/model.h"
#include "sitrep/provider.h"
#include "sitrep/xalloc.h"

static double now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, got;

    *len = 0;
    if (!f)
        return NULL;
    do {
        if (cap - *len < 65536)
            buf = xrealloc(buf, cap = cap ? 2 * cap : 65536);
        got = fread(buf + *len, 1, cap - *len, f);
        *len += got;
    } while (got > 0);
    fclose(f);
    return buf;
}

int main(int argc, char **argv)
{
    struct config cfg = {0};
    char *errors = NULL, err[256], *conf, *body;
    size_t len;
    long n = argc == 6 ? atol(argv[4]) : 0, rounds = argc == 6 ? atol(argv[5]) : 0;
    double best = 0;
    struct model *m;
    bool model;

    if (argc != 6 || n < 1 || rounds < 1 || !provider_find(argv[2]) ||
        (strcmp(argv[1], "map") != 0 && strcmp(argv[1], "model") != 0) ||
        !(body = read_all(argv[3], &len))) {
        fprintf(stderr, "usage: parsebench map|model FORMAT FILE N ROUNDS\n");
        return 2;
    }
    model = strcmp(argv[1], "model") == 0;
    argv += 1;
    conf = xasprintf("[service x]\nformat = %s\nurl = https://status.example/\n", argv[1]);
    if (config_load_string(conf, "bench", &cfg, &errors) != 0) {
        fprintf(stderr, "%s", errors);
        return 1;
    }
    m = model_new(&cfg);
    for (long r = 0; r < rounds; r++) {
        double t0 = now_s(), dt;
        for (long i = 0; i < n; i++) {
            struct evidence ev = {0};
            if (cfg.services[0].sources[0].provider->parse(body, len, &ev, err, sizeof err) != 0) {
                fprintf(stderr, "%s does not parse as %s: %s\n", argv[2], argv[1], err);
                return 1;
            }
            if (model) {
                model_source_success(m, 0, 0, &ev, (time_t)1790812800 + i);
            } else {
                evidence_tag_regions(&ev, NULL, cfg.services[0].sources[0].rules);
                evidence_free(&ev);
            }
        }
        dt = (now_s() - t0) / (double)n;
        if (r == 0 || dt < best)
            best = dt;
    }
    printf("%.3f\n", best * 1e6);
    model_free(m);
    config_free(&cfg);
    free(conf);
    free(body);
    return 0;
}
