/* Helpers shared by the C tests (see testutil.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/provider.h"
#include "tap.h"
#include "testutil.h"

void tu_config(struct config *cfg, const char *text)
{
    char *errors = NULL;

    if (config_load_string(text, "test-config", cfg, &errors) != 0) {
        printf("Bail out! test config does not load:\n%s", errors);
        exit(1);
    }
}

int tu_feed(struct model *m, const struct config *cfg, size_t svc, size_t src, const char *fixture,
            time_t now)
{
    const struct source_conf *conf = &cfg->services[svc].sources[src];
    struct evidence ev = {0};
    char err[256];
    size_t len;
    char *body = tap_read_file(fixture, &len);
    int rc = conf->provider->parse(body, len, &ev, err, sizeof err);

    if (rc == 0)
        model_source_success(m, svc, src, &ev, now);
    else
        model_source_failure(m, svc, src, err, now);
    free(body);
    return rc;
}

size_t tu_service(const struct config *cfg, const char *id)
{
    for (size_t i = 0; i < cfg->nservices; i++) {
        if (strcmp(cfg->services[i].id, id) == 0)
            return i;
    }
    printf("Bail out! no service %s\n", id);
    exit(1);
}

static void show_difference(const char *got, const char *want)
{
    int line = 1;

    while (*got && *got == *want) {
        if (*got == '\n')
            line++;
        got++;
        want++;
    }
    printf("#   first difference at line %d\n", line);
    printf("#   got:  %.*s\n", (int)strcspn(got, "\n"), got);
    printf("#   want: %.*s\n", (int)strcspn(want, "\n"), want);
}

int tu_golden(const char *text, const char *golden)
{
    char path[4096];
    FILE *f;

    snprintf(path, sizeof path, "%s/%s", SITREP_SRCDIR, golden);
    if (getenv("SITREP_UPDATE_GOLDEN")) {
        f = fopen(path, "w");
        if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
            printf("Bail out! cannot write %s\n", path);
            exit(1);
        }
        return 1;
    }
    size_t len;
    char *want = tap_read_file(golden, &len);
    int same = strcmp(text, want) == 0;
    if (!same)
        show_difference(text, want);
    free(want);
    return same;
}
