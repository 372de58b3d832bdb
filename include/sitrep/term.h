/* The terminal: the only module that calls curses. It opens the screen with
 * newterm (never initscr, which exits on failure), copies canvases to it,
 * reads keys, and always restores the terminal: at close, at exit, and on
 * fatal signals. When full-screen use is impossible (not a tty, TERM unset,
 * unknown or dumb, no cursor addressing) term_open() says why and the caller
 * falls back to line mode.
 *
 * When the terminal supports it, each frame is sent between the begin and end
 * of DEC private mode 2026 (synchronized output), so that a slow link never
 * shows half a frame; SITREP_SYNC=0 or 1 overrides the detection.
 *
 * Colours come from a theme (theme.h) applied at the depth decided at open:
 * truecolor, 256, 16, 8 or none (attributes only). */
#ifndef SITREP_TERM_H
#define SITREP_TERM_H

#include <stdbool.h>
#include <stddef.h>

#include "sitrep/canvas.h"
#include "sitrep/theme.h"

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
    const struct theme *theme; /* NULL: the built-in default; must outlive the term */
    enum color_mode color;     /* --color (--no-color is never); NO_COLOR counts for auto */
    bool mouse;                /* report clicks and the wheel; false with --no-mouse */
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
/* Ctrl+R: the roles in another theme's colours, at the depth decided at
 * start; th must outlive the term (NULL: the built-in default). */
void term_set_theme(struct term *t, const struct theme *th);
/* Shows the canvas. Curses sends only the cells that changed; a canvas
 * equal to the one last shown sends nothing at all. */
void term_draw(struct term *t, const struct canvas *cv);
/* Returns the next pending key without waiting, or TKEY_NONE. */
int term_read_key(struct term *t);
/* After term_read_key() returned TKEY_MOUSE: copies that event to *ev and
 * returns true. Returns false when there has been no mouse event yet. */
bool term_mouse(const struct term *t, struct term_mouse_event *ev);
/* The colour depth term_open() chose (theme_pick_depth with the terminal
 * description's colours), and why it is below what COLORTERM or --color
 * asked for ("" when it is not). */
enum color_depth term_color_depth(const struct term *t);
const char *term_color_note(const struct term *t);

/* Rings the bell. */
void term_bell(struct term *t);

/* For fatal-signal handlers only: puts the tty back in its original mode
 * (mouse reporting and synchronized output off too) with async-signal-safe
 * calls. */
void term_emergency_restore(void);

/* Desktop notifications through the terminal (alerts.h decides when). */
enum term_notify_kind {
    TERM_NOTIFY_OSC9 = 9,     /* OSC 9 ; title: body ST (iTerm2, WezTerm, kitty, Ghostty) */
    TERM_NOTIFY_OSC777 = 777, /* OSC 777 ; notify ; title ; body ST (foot, urxvt, VTE) */
};

/* The bytes that ask for one: in tmux (tmux true) wrapped in its passthrough,
 * ESC P tmux; ... ESC \ with every ESC inside doubled, which tmux 3.3 and
 * later forward only with allow-passthrough on. title and body are
 * sanitized once more here: one line, no control, bidi or invisible
 * characters, at most TERM_NOTIFY_TITLE_COLS and TERM_NOTIFY_BODY_COLS
 * columns, and no ';' (OSC 777's separator; ConEmu reads "9;N" in OSC 9 as
 * a command of its own, so OSC 9 text never starts with a digit). Returns a
 * malloc'd string, or NULL for an unknown kind. Pure: no terminal needed. */
#define TERM_NOTIFY_TITLE_COLS 80
#define TERM_NOTIFY_BODY_COLS  240
char *term_notify_sequence(const char *title, const char *body, int kind, bool tmux);
/* Writes that sequence straight to the terminal, between frames; in tmux
 * when $TMUX is set. */
void term_notify(struct term *t, const char *title, const char *body, int kind);

/* The curses library this process runs with ("ncurses 6.4.20221231"), for
 * --version. */
const char *term_library_version(void);

#endif
