/* Themes: the colours and attributes each semantic role of style.h gets,
 * read from small INI files (format: docs/themes.md), and how a colour comes
 * down to what the terminal can show (truecolor > 256 > 16 > 8 > none).
 * Pure: no curses. term.c turns a resolved style into curses calls; tests
 * dump a canvas with its styles resolved (theme_dump_canvas). */
#ifndef SITREP_THEME_H
#define SITREP_THEME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sitrep/buf.h"
#include "sitrep/canvas.h"
#include "sitrep/style.h"

/* --color=auto|truecolor|256|16|never (--no-color is never). */
enum color_mode {
    COLOR_MODE_AUTO = 0,
    COLOR_MODE_TRUECOLOR,
    COLOR_MODE_256,
    COLOR_MODE_16,
    COLOR_MODE_NEVER,
};

/* What the screen gets, decided once at start. */
enum color_depth {
    DEPTH_NONE = 0, /* attributes only: each role's mono attributes */
    DEPTH_8,
    DEPTH_16,
    DEPTH_256,
    DEPTH_TRUECOLOR,
};

/* "auto", "truecolor" (or "24bit"), "256", "16", "never"; false otherwise. */
bool color_mode_parse(const char *s, enum color_mode *out);
/* "none", "8", "16", "256", "truecolor". */
const char *color_depth_name(enum color_depth depth);

/* The depth for this run. mode is the option; no_color and colorterm are
 * the NO_COLOR and COLORTERM variables (NULL when unset); colors is the
 * terminfo "colors" number (negative when absent) and direct whether the
 * terminfo is direct-colour (RGB colour numbers, as xterm-direct). NO_COLOR
 * applies to auto only: an explicit --color wins, as no-color.org asks.
 * COLORTERM=truecolor is a hint only: curses cannot send RGB through a
 * 256-colour terminfo. A forced depth above what the terminfo offers comes
 * down to it. When the result differs from what COLORTERM or the option
 * asked for, note (when not NULL) says why; else it is set to "". */
enum color_depth theme_pick_depth(enum color_mode mode, const char *no_color, const char *colorterm,
                                  int colors, bool direct, char *note, size_t notelen);

/* ---- colours --------------------------------------------------------- */

enum theme_color_kind {
    TCOLOR_DEFAULT = 0, /* the terminal's own foreground or background */
    TCOLOR_INDEX,       /* a palette index 0..255 (0..15 the basic and bright colours) */
    TCOLOR_RGB,         /* 0xRRGGBB */
};

/* The colour used at 16 and 8 colours when a theme gives one after a
 * slash ("bg 208/magenta"): 0..15, THEME_LOW_DEFAULT, or THEME_LOW_AUTO for
 * the nearest basic colour. */
#define THEME_LOW_AUTO    (-2)
#define THEME_LOW_DEFAULT (-1)

struct theme_color {
    enum theme_color_kind kind;
    uint32_t value; /* the index or 0xRRGGBB */
    int low;
};

struct theme_style {
    struct theme_color fg, bg;
    unsigned attrs; /* enum style_attr bits, added at every colour depth */
    unsigned mono;  /* enum style_attr bits used instead at DEPTH_NONE */
};

struct theme {
    char name[64];
    char description[160];
    char path[1024]; /* the file it came from; "" for the built-in default */
    struct theme_style roles[ROLE_COUNT];
};

/* The built-in default theme (dark background). themes/default.theme holds
 * the same values; a missing key in any theme file falls back to these. */
const struct theme *theme_builtin(void);

/* Parses theme text; name is used in messages ("name:LINE: ..."). All or
 * nothing: returns 0 with *out filled (path left ""), or -1 with every
 * error (up to 20), one per line, in *errors (malloc'd; the caller frees).
 * The theme's name defaults to name's file stem. */
int theme_parse(const char *text, const char *name, struct theme *out, char **errors);
/* Reads and parses the file at path; out->path is set. Same contract. */
int theme_load_file(const char *path, struct theme *out, char **errors);

/* ---- where themes are ------------------------------------------------ */

/* The directories searched, in order: the user's
 * ($XDG_CONFIG_HOME/sitrep/themes, else ~/.config/sitrep/themes), then the
 * shipped ones ($SITREP_DATADIR/themes, else $(pkgdatadir)/themes). */
struct theme_dirs {
    char *dir[2];
    size_t n;
};

/* Arguments are the variables' values (NULL or "" when unset). */
void theme_dirs_init(struct theme_dirs *d, const char *xdg_config_home, const char *home,
                     const char *datadir);
void theme_dirs_free(struct theme_dirs *d);

/* The first DIR/NAME.theme that exists, malloc'd; NULL when none. */
char *theme_find(const struct theme_dirs *d, const char *name);

/* --theme and the config's theme key: a value with a '/' is a file, else a
 * name looked up in d; "default" with no file found is the built-in one.
 * Same contract as theme_parse. */
int theme_load(const struct theme_dirs *d, const char *name_or_path, struct theme *out,
               char **errors);

struct theme_entry {
    char *name;        /* the file stem: what --theme takes */
    char *path;        /* "(built in)" for the compiled-in default */
    char *description; /* the file's, or why it does not load */
    bool shadowed;     /* an earlier directory has a theme of that name */
};

/* Every theme in d's directories, the user's first, each directory's sorted
 * by name; the built-in default last when no directory has a default.
 * Returns the count; *out is malloc'd (free with theme_entries_free). */
size_t theme_list(const struct theme_dirs *d, struct theme_entry **out);
void theme_entries_free(struct theme_entry *e, size_t n);

/* ---- down to the terminal -------------------------------------------- */

/* Resolved colours: -1 is the terminal's default, 0..255 a palette index,
 * THEME_RGB_FLAG | 0xRRGGBB an RGB colour (at DEPTH_TRUECOLOR only). */
#define THEME_RGB_FLAG 0x1000000

struct theme_resolved {
    int32_t fg, bg;
    unsigned attrs; /* enum style_attr bits */
};

/* The nearest xterm-256 colour: the 6x6x6 cube or the grey ramp (16..255). */
int theme_rgb_to_256(uint32_t rgb);
/* The nearest of the first ncolors (16 or 8) xterm colours. */
int theme_rgb_to_basic(uint32_t rgb, int ncolors);
/* The RGB value of an xterm palette index (xterm's defaults for 0..15). */
uint32_t theme_index_rgb(int index);

/* The role's style at depth, with attrs (enum style_attr, the canvas
 * cell's own) added. At truecolor, indexes 0..7 stay indexes (the user's
 * palette) and the rest become RGB. */
void theme_resolve(const struct theme *th, enum color_depth depth, enum style_role role,
                   unsigned attrs, struct theme_resolved *out);

/* "fg 231 bg 160 bold", "fg white bg red", "fg #ffffff", "reverse bold";
 * "plain" when nothing is set. */
void theme_describe(const struct theme_resolved *rs, enum color_depth depth, char *out,
                    size_t outlen);

/* Appends the canvas as text, each row followed by a row of letters naming
 * each cell's resolved style (blank: the terminal's default style), then
 * the legend of the letters. For golden screens of themes. */
void theme_dump_canvas(const struct theme *th, enum color_depth depth, const struct canvas *cv,
                       struct buf *out);

#endif
