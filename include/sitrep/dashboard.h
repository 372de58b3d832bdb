/* The dashboard widget: draws a snapshot into a canvas — title bar, the heat
 * grid of services (and their expanded components and symptoms) by columns
 * with sparklines on one time axis, the detail pane of the selection, the
 * help screen and a status line. Pure: no curses, no clock of its own. The
 * view holds what the user chose (selection, sort, filter, expansion, focus)
 * and survives new snapshots: the selection follows its service, not its
 * row number. */
#ifndef SITREP_DASHBOARD_H
#define SITREP_DASHBOARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "sitrep/canvas.h"
#include "sitrep/snapshot.h"

enum dash_sort {
    DASH_SORT_SEVERITY, /* worst first, then as configured */
    DASH_SORT_NAME,
    DASH_SORT_RECENT, /* the latest change of level first */
    DASH_SORT_CONFIG, /* as the config lists them */
    DASH_SORT_COUNT,
};

/* "severity", "name", "recent", "config". */
const char *dash_sort_name(enum dash_sort sort);

enum dash_row_kind {
    DASH_ROW_SERVICE,
    DASH_ROW_COMPONENT, /* an official component of an expanded service */
    DASH_ROW_SYMPTOM,   /* a crowd problem category (Login, Calls ...) */
};

/* 24 bytes: a grid of ten thousand services keeps a row for each. */
struct dash_row {
    enum dash_row_kind kind;
    uint32_t service; /* index into snap->services */
    uint32_t index;   /* component index (DASH_ROW_COMPONENT) */
    const char *name; /* the snapshot's text (service, component or category) */
};

enum dash_focus { DASH_FOCUS_GRID, DASH_FOCUS_DETAIL };

/* What the dashboard worked through, added up until the caller zeroes it:
 * tests and benches read it to see that a frame costs what changed and
 * what is shown, not what the snapshot holds. */
struct dash_work {
    size_t visited; /* services looked at: to sort, filter, count, measure names */
    size_t drawn;   /* grid rows drawn */
};

/* What the rows were worked out from, kept between frames (rows.c). */
struct dash_cache;

/* Sparkline glyphs: eighth blocks, one bucket a column (default); braille,
 * two buckets a column at five heights; ASCII (also whenever ascii is set). */
enum dash_graph { DASH_GRAPH_BLOCKS, DASH_GRAPH_BRAILLE, DASH_GRAPH_ASCII };

/* The timeline view ('t'): the merged timeline of what the snapshot knows,
 * for every service, the selected one or its family, in the cursor's
 * column's region (every region left of the columns), within a window
 * before the moment shown. */
enum dash_tl_scope { DASH_TL_ALL, DASH_TL_SERVICE, DASH_TL_FAMILY, DASH_TL_SCOPE_COUNT };

struct dash_timeline {
    bool on;
    enum dash_tl_scope scope;
    size_t service; /* the service of the scope (index into the snapshot) */
    int window;     /* index into the windows: 0 is everything known */
    int scroll;     /* lines scrolled away; INT_MAX shows the newest */
    int page;       /* lines shown at once (set by dash_draw) */
};

struct dash_view {
    size_t selected; /* index into rows */
    size_t top;      /* first row shown (scrolling) */
    int column;      /* the cursor's column; -1: the service as a whole */
    bool ascii;      /* ASCII glyphs only */
    enum dash_graph graph;
    enum dash_sort sort; /* DASH_SORT_SEVERITY by default (zero) */
    bool problems_only;  /* hide rows whose level is not a problem */
    char filter[64];     /* case-insensitive part of a name; "" for all */
    char **expanded;     /* ids of the services shown with their rows */
    size_t nexpanded;
    enum dash_focus focus;
    int detail_scroll; /* lines of the detail pane scrolled away */
    bool help;         /* the help screen is up */
    int help_scroll;   /* its lines scrolled away */
    int help_page;     /* its lines shown at once (set by dash_draw) */
    struct dash_timeline timeline;
    bool present;        /* presentation mode: big cards of the problems only */
    size_t present_top;  /* its first card shown */
    const char *message; /* shown in the status line when not NULL */
    const char *banner;  /* beside the clock (replay, past, paused), or NULL */
    const char *prompt;  /* an input line ("/ callr_") replacing the key hints */
    const char *about;   /* the help screen's last line (colours, theme), or NULL */

    /* Filled by dash_draw (and dash_rows): the rows as shown, and where
     * things were drawn, for the mouse. */
    struct dash_row *rows;
    size_t nrows;
    char sel_key[160];       /* the selection's identity across snapshots */
    int grid_y, grid_h;      /* screen rows of the grid's first row, how many */
    int cells_x, cell_pitch; /* x of the first cell column, cell width + gap */
    int detail_y, detail_h;  /* the detail pane (detail_h 0 when not shown) */
    int detail_lines;        /* content lines of the detail pane */

    struct dash_cache *cache; /* NULL until the first dash_rows() */
    struct dash_work work;
};

/* After engine_snapshot_update() changed snap in place (d): the rows of
 * the services it copied take their new names, the rows that show
 * something new are drawn again at the next dash_draw(), and the order
 * and filter are worked out again only when one of them moved. Without
 * this call, a snapshot of a new generation is taken as all new. */
void dash_note_delta(struct dash_view *view, const struct snapshot *snap,
                     const struct snap_delta *d);

/* Frees what the view holds (rows, expanded ids); the view stays usable. */
void dash_view_free(struct dash_view *view);

/* The smallest canvas the dashboard can draw snap into; below it,
 * dash_draw() shows a "terminal too small" screen instead. */
void dash_min_size(const struct snapshot *snap, int *w, int *h);

/* Rebuilds view->rows from snap (sort, filter, expansion) and puts the
 * selection back on its row. dash_draw calls it; the keys may too. */
void dash_rows(struct dash_view *view, const struct snapshot *snap);

/* Draws snap into cv (cleared first) as seen at time now. Keeps the
 * selection in range and visible. */
void dash_draw(struct canvas *cv, const struct snapshot *snap, struct dash_view *view, time_t now);

/* Moves the selection by delta rows, clamped (the detail pane's scroll when
 * it has the focus). */
void dash_move(struct dash_view *view, const struct snapshot *snap, int delta);
/* Moves the cursor by delta columns; left of the first column is the
 * service as a whole. */
void dash_move_column(struct dash_view *view, const struct snapshot *snap, int delta);
/* Expands the selected service into its rows, or folds it (from any of its
 * rows). Returns false when it has nothing to expand. */
bool dash_toggle_expand(struct dash_view *view, const struct snapshot *snap);

/* The timeline view: opens it on the selection (the scope stays as it
 * was: every service at first) scrolled to the newest events, or closes it. */
void dash_timeline_toggle(struct dash_view *view, const struct snapshot *snap);
/* Every service, the selected one, its family (skipped when it has
 * none), and round again. */
void dash_timeline_scope(struct dash_view *view, const struct snapshot *snap);
/* Narrows (dir > 0) or widens the window: everything known, 7d, 24h, 6h,
 * 1h. */
void dash_timeline_window(struct dash_view *view, int dir);
/* The window's length in seconds, 0 for everything known. */
long dash_timeline_window_s(const struct dash_view *view);
/* The filter the view's timeline is drawn with (strings are snap's). */
struct timeline_filter;
void dash_timeline_filter(const struct dash_view *view, const struct snapshot *snap, time_t now,
                          struct timeline_filter *f);

/* Frame pacing. Changes from polls are shown at most every DASH_FRAME_MS,
 * and no more often than DASH_FRAME_COST_X times what the last frame took
 * (up to DASH_FRAME_MAX_MS): thousands of sources finish a poll tens of
 * times a second, so the share of a core spent on frames stays near
 * 1 / DASH_FRAME_COST_X. A key (or a resize, a signal) is answered at once;
 * with nothing to show, the next frame is the clock's tick. */
#define DASH_TICK_MS      1000
#define DASH_FRAME_MS     250
#define DASH_FRAME_MAX_MS 2000
#define DASH_FRAME_COST_X 40
struct dash_pace {
    int64_t since_ms; /* since the last frame began */
    int64_t cost_ms;  /* what the last frame took */
    bool acted;       /* input since then (or nothing drawn yet) */
    bool pending;     /* the engine changed since then */
};
/* Milliseconds until the next frame is due; 0 when it is due now. */
int dash_frame_wait(const struct dash_pace *p);

/* What a mouse click at (x, y) of the last drawn screen hit. */
enum dash_hit { DASH_HIT_NONE, DASH_HIT_ROW, DASH_HIT_DETAIL };
/* Selects the row (and cell) under (x, y), or focuses the detail pane. */
enum dash_hit dash_click(struct dash_view *view, const struct snapshot *snap, int x, int y);

#endif
