/* The dashboard widget: draws a snapshot into a canvas — title bar, the heat
 * grid of services by columns, the selected service's open incidents and
 * sources, and a status line. Pure: no curses, no clock of its own. */
#ifndef SITREP_DASHBOARD_H
#define SITREP_DASHBOARD_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "sitrep/canvas.h"
#include "sitrep/snapshot.h"

struct dash_view {
    size_t selected;     /* index of the selected service */
    size_t top;          /* first service row shown (scrolling) */
    bool ascii;          /* ASCII glyphs only */
    const char *message; /* shown in the status line when not NULL */
    const char *banner;  /* beside the clock (a replay's position), or NULL */
};

/* The smallest canvas the dashboard can draw snap into; below it,
 * dash_draw() shows a "terminal too small" screen instead. */
void dash_min_size(const struct snapshot *snap, int *w, int *h);

/* Draws snap into cv (cleared first) as seen at time now. Keeps
 * view->selected in range and scrolls view->top so it stays visible. */
void dash_draw(struct canvas *cv, const struct snapshot *snap, struct dash_view *view, time_t now);

/* Moves the selection by delta rows, clamped. */
void dash_move(struct dash_view *view, const struct snapshot *snap, int delta);

#endif
