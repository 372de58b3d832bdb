/* Internal to src/app: the application context shared by app.c (setup and
 * --once) and live.c (the dashboard loop). */
#ifndef SITREP_APP_INTERNAL_H
#define SITREP_APP_INTERNAL_H

#include <stdbool.h>
#include <time.h>

#include "sitrep/cli.h"
#include "sitrep/config.h"
#include "sitrep/fetch.h"
#include "sitrep/model.h"
#include "sitrep/poller.h"

struct app {
    struct cli cli;
    struct config cfg;
    struct model *model;
    struct fetcher *fetcher;
    struct poller *poller;
    bool dirty; /* the model changed since the last snapshot */
    bool ascii; /* ASCII output: --ascii or a non-UTF-8 locale */
};

/* The injected clock: --now when given, else the system clock. */
time_t app_now(const struct app *app);

/* Sets up fetcher, poller and model for app->cfg. Returns 0, or -1 after
 * printing why. */
int app_start_engine(struct app *app);
void app_stop_engine(struct app *app);

/* The live dashboard (or line mode when there is no usable terminal). */
int app_live(struct app *app);

#endif
