/* Internal to src/ui: the pieces the dashboard is drawn from. Pure
 * functions of a snapshot into a canvas; no curses, no clock of their own. */
#ifndef SITREP_UI_INTERNAL_H
#define SITREP_UI_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "sitrep/canvas.h"
#include "sitrep/snapshot.h"

/* What the detail pane is about: a service, or one of its cells, or one of
 * its expanded rows (a component or a symptom). */
struct detail_target {
    size_t service;    /* index into snap->services */
    long column;       /* index into snap->columns, -1 for the whole service */
    const char *child; /* name of the expanded row (component or symptom), NULL */
};

/* Draws the detail pane into the rectangle (x, y, w, h) of cv, skipping the
 * first scroll lines of its content. now is the moment the view shows (the
 * snapshot's past_at when time travelling). san: sanitizer flags for remote
 * text (SAN_ASCII in ASCII mode). Returns the number of lines the whole
 * content takes at this width, so the caller can clamp scroll. */
int detail_draw(struct canvas *cv, int x, int y, int w, int h, const struct snapshot *snap,
                const struct detail_target *t, int scroll, time_t now, unsigned san);

/* detail.c: how many bytes of (sanitized) text go on a row of cols
 * columns: up to the last blank before the word that does not fit, else
 * inside the word; at least one character while text is not empty. */
size_t ui_wrap_cut(const char *text, int cols);

struct dash_view;
/* timeline_view.c: the merged timeline ('t') over the whole screen but the
 * title and status lines, filtered as view->timeline says; clamps its
 * scroll and sets its page. */
void timeline_view_draw(struct canvas *cv, const struct snapshot *snap, struct dash_view *v,
                        time_t now);

/* rows.c: the grid's rows. Names take DASH_NAME_MIN to DASH_NAME_MAX
 * columns; a child row is indented by DASH_CHILD_INDENT. */
#define DASH_NAME_MIN     8
#define DASH_NAME_MAX     22
#define DASH_CHILD_INDENT 2
/* The widest name among the rows (after dash_rows()), within those bounds. */
int dash_names_width(const struct dash_view *v);
/* Services at each level and the tally, worked out once a generation. */
struct snap_tally;
void dash_counts(struct dash_view *v, const struct snapshot *snap, size_t counts[LEVEL_COUNT],
                 struct snap_tally *tally);
/* Whether the whole grid is to be drawn again: key (what the grid's look
 * depends on: size, scroll, selection, layout) differs from the last
 * frame's, or the rows were worked out again. Remembers key. */
bool dash_grid_stale(struct dash_view *v, const void *key, size_t len);
/* Service svc's row shows something new since the last frame. */
bool dash_row_dirty(const struct dash_view *v, size_t svc);
/* The grid was drawn: nothing is dirty any more. */
void dash_grid_drawn(struct dash_view *v);
/* The next frame draws the whole grid (another screen was shown). */
void dash_grid_forget(struct dash_view *v);
bool dash_expanded(const struct dash_view *v, const char *id);
/* A component row's level in a column (possible: only from components
 * covering a wider region); LEVEL_NONE when none concerns the column. */
enum level dash_component_cell(const struct snap_service *s, const char *name, region_id column,
                               bool *possible);
/* A symptom's largest share in a column and that series' level; -1 when
 * no crowd series in the column reports it. */
double dash_symptom_cell(const struct snap_service *s, const char *category, region_id column,
                         enum level *level);

/* bigtext.c: large text in a 3×5 pixel font, two pixels to a terminal row
 * in half blocks ('#' in ASCII), each pixel scale × scale: a character
 * takes big_text_rows(scale) rows and 4 × scale columns. Letters, digits
 * and common punctuation; anything else is a blank. */
struct big_style {
    int scale; /* 1, 2, 3 ... */
    enum style_role role;
    unsigned attr;
    bool ascii;
};
int big_text_rows(int scale);
int big_text_width(const char *text, int scale);
/* Copies into out the longest part of text that fits max_cols at scale,
 * cut between words when it can be; returns its width. */
int big_text_fit(const char *text, int scale, int max_cols, char *out, size_t outlen);
/* Draws text at (x, y), at most max_cols columns (whole characters; <= 0:
 * no limit); returns the columns used. */
int big_text_draw(struct canvas *cv, int x, int y, int max_cols, const struct big_style *st,
                  const char *text);

/* markers.c: draws a cell as the marker table says (keys.h): filled with
 * the level's colour, or outlined (possible, crowd only), w columns. */
struct cell_look;
void cell_look_draw(struct canvas *cv, int x, int y, int w, const struct cell_look *look,
                    bool ascii, bool compact, unsigned attr);

/* help.c: the help screen over the whole screen but the title and status
 * lines; clamps view->help_scroll and sets view->help_page. */
void help_draw(struct canvas *cv, struct dash_view *v);

/* present.c: presentation mode, the whole screen but the status line. */
void present_draw(struct canvas *cv, const struct snapshot *snap, struct dash_view *v, time_t now);

#endif
