/* The terminal: the only module that calls curses. It opens the screen with
 * newterm (never initscr, which exits on failure), copies canvases to it,
 * reads keys, and always restores the terminal: at close, at exit, and on
 * fatal signals. When full-screen use is impossible (not a tty, TERM unset,
 * unknown or dumb, no cursor addressing) term_open() says why and the caller
 * falls back to line mode.
 *
 * When the terminal supports it, each frame is sent between the begin and end
 * of DEC private mode 2026 (synchronized output), so that a slow link never
 * shows half a frame; SITREP_SYNC=0 or 1 overrides the detection. */
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
    TKEY_ENTER, /* Enter, Return, keypad Enter */
    TKEY_RESIZE,
    TKEY_OTHER,     /* a key or mouse event sitrep has no use for */
    TKEY_BTAB,      /* Shift+Tab (Tab itself is '\t') */
    TKEY_BACKSPACE, /* Backspace, DEL (127) or Ctrl+H */
    TKEY_DELETE,    /* the Delete key */
    TKEY_MOUSE,     /* a click or a wheel step: see term_mouse() */
};
/* Other keys come as their ASCII code: printable characters, '\t', Esc as 27
 * (alone, after 25 ms without a following byte), Ctrl+R as 18. Ctrl+C is not
 * a key: it stays SIGINT. */

struct term_opts {
    bool no_color; /* --no-color or NO_COLOR */
    bool mouse;    /* report clicks and the wheel; false with --no-mouse */
};

enum term_mouse_kind {
    TERM_MOUSE_CLICK, /* button 1 pressed */
    TERM_MOUSE_WHEEL_UP,
    TERM_MOUSE_WHEEL_DOWN,
};

struct term_mouse_event {
    int x, y; /* the cell, 0-based from the top left */
    enum term_mouse_kind kind;
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
/* Shows the canvas. Curses sends only the cells that changed; a canvas
 * equal to the one last shown sends nothing at all. */
void term_draw(struct term *t, const struct canvas *cv);
/* Returns the next pending key without waiting, or TKEY_NONE. */
int term_read_key(struct term *t);
/* After term_read_key() returned TKEY_MOUSE: copies that event to *ev and
 * returns true. Returns false when there has been no mouse event yet. */
bool term_mouse(const struct term *t, struct term_mouse_event *ev);
/* Rings the bell. */
void term_bell(struct term *t);

/* For fatal-signal handlers only: puts the tty back in its original mode
 * (mouse reporting and synchronized output off too) with async-signal-safe
 * calls. */
void term_emergency_restore(void);

#endif
