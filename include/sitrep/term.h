/* The terminal: the only module that calls curses. It opens the screen with
 * newterm (never initscr, which exits on failure), copies canvases to it,
 * reads keys, and always restores the terminal: at close, at exit, and on
 * fatal signals. When full-screen use is impossible (not a tty, TERM unset,
 * unknown or dumb, no cursor addressing) term_open() says why and the caller
 * falls back to line mode. */
#ifndef SITREP_TERM_H
#define SITREP_TERM_H

#include <stdbool.h>
#include <stddef.h>

#include "sitrep/canvas.h"

/* Keys beyond ASCII, as term_read_key() returns them. */
enum term_key {
    TKEY_NONE = -1,
    TKEY_UP = 0x1000,
    TKEY_DOWN,
    TKEY_LEFT,
    TKEY_RIGHT,
    TKEY_PGUP,
    TKEY_PGDN,
    TKEY_HOME,
    TKEY_END,
    TKEY_ENTER,
    TKEY_RESIZE,
    TKEY_OTHER,
};

struct term_opts {
    bool no_color; /* --no-color or NO_COLOR */
};

struct term;

/* Returns NULL with the reason in why when the terminal cannot be used
 * full-screen. */
struct term *term_open(const struct term_opts *opts, char *why, size_t whylen);
/* Restores the terminal and frees. Safe on NULL. */
void term_close(struct term *t);

void term_size(const struct term *t, int *w, int *h);
/* Re-reads the window size from the tty (after SIGWINCH) and tells curses;
 * curses then also queues a TKEY_RESIZE, which needs no further action. */
void term_update_size(struct term *t);
/* Shows the canvas. */
void term_draw(struct term *t, const struct canvas *cv);
/* Returns the next pending key without waiting, or TKEY_NONE. */
int term_read_key(struct term *t);
/* Rings the bell. */
void term_bell(struct term *t);

/* For fatal-signal handlers only: puts the tty back in its original mode
 * with async-signal-safe calls. */
void term_emergency_restore(void);

#endif
