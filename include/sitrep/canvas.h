/* The canvas: a plain grid of character cells that widgets draw into. Only
 * the terminal module copies it to a screen; tests and snapshots dump it as
 * text. Coordinates outside the canvas are clipped, never an error. */
#ifndef SITREP_CANVAS_H
#define SITREP_CANVAS_H

#include <stdint.h>

#include "sitrep/buf.h"
#include "sitrep/style.h"

/* One screen cell: a character with its combining marks, as UTF-8.
 * A width-2 character occupies its cell and the next, which has width 0. */
struct canvas_cell {
    char text[16];
    uint8_t width; /* 1 or 2; 0 for the right half of a wide character */
    uint8_t role;  /* enum style_role */
    uint8_t attr;  /* enum style_attr bits */
};

struct canvas {
    int w, h;
    struct canvas_cell *cells; /* h rows of w cells */
};

/* Allocates a blank canvas; w or h <= 0 gives an empty one. */
struct canvas *canvas_new(int w, int h);
void canvas_free(struct canvas *cv);
/* Resizes and blanks. */
void canvas_resize(struct canvas *cv, int w, int h);
/* Blanks every cell (space, ROLE_TEXT, no attributes). */
void canvas_clear(struct canvas *cv);
/* Clears rows [y, y + h) only (what canvas_clear() leaves). */
void canvas_clear_rows(struct canvas *cv, int y, int h);

/* Writes text (UTF-8, expected sanitized; anything unprintable becomes '?')
 * at (x, y), at most max_cols columns (<= 0: to the right edge). A wide
 * character that does not fit is not split. Returns the columns used. */
int canvas_put_text(struct canvas *cv, int x, int y, int max_cols, enum style_role role,
                    unsigned attr, const char *text);
/* Fills a rectangle with a character (ASCII or one UTF-8 glyph). */
void canvas_fill(struct canvas *cv, int x, int y, int w, int h, const char *glyph,
                 enum style_role role, unsigned attr);

const struct canvas_cell *canvas_at(const struct canvas *cv, int x, int y);

/* Appends the canvas as text: one line per row, trailing blanks trimmed. */
void canvas_dump(const struct canvas *cv, struct buf *out);

#endif
