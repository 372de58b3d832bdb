/* Internal to src/app: the application context shared by app.c (setup and
 * --once) and live.c (the dashboard loop). */
#ifndef SITREP_APP_INTERNAL_H
#define SITREP_APP_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "sitrep/cli.h"
#include "sitrep/config.h"
#include "sitrep/engine.h"

struct app {
    struct cli cli;
    struct config cfg;
    struct engine *engine;
    bool ascii; /* ASCII output: --ascii or a non-UTF-8 locale */
};

/* The injected clock: --now when given, else the system clock. */
time_t app_now(const struct app *app);
int64_t app_now_ms(const struct app *app);

/* The live dashboard (or line mode when there is no usable terminal). */
int app_live(struct app *app);

#endif
