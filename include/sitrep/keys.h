/* The dashboard's two tables, one source each for what several readers say:
 *
 * - The key table: every key, the action it runs, its section and its help
 *   text. The live loop dispatches on it (keys_action), the help screen is
 *   drawn from it, and the README's key table is generated from it
 *   (keys_markdown); tests/test_keys compares all three.
 * - The marker table: what a grid cell can show (levels, where the evidence
 *   comes from, how sure and how fresh it is, pending and none). The cells
 *   take their marks from it, and the help screen's legend and the README's
 *   marker table are drawn from it.
 *
 * Plain data and pure functions: no curses, no clock. */
#ifndef SITREP_KEYS_H
#define SITREP_KEYS_H

#include <stdbool.h>
#include <stddef.h>

#include "sitrep/buf.h"
#include "sitrep/level.h"
#include "sitrep/snapshot.h"

enum key_action {
    ACT_NONE,
    ACT_DOWN,
    ACT_UP,
    ACT_LEFT,
    ACT_RIGHT,
    ACT_PAGE_DOWN,
    ACT_PAGE_UP,
    ACT_TOP,
    ACT_BOTTOM,
    ACT_FOCUS,
    ACT_MOUSE,
    ACT_EXPAND,
    ACT_SORT,
    ACT_FILTER,
    ACT_PROBLEMS,
    ACT_COLUMNS,
    ACT_ZOOM_IN,
    ACT_ZOOM_OUT,
    ACT_PRESENT,
    ACT_TIMELINE,
    ACT_SCOPE,
    ACT_HELP,
    ACT_BACK,
    ACT_FORWARD,
    ACT_BACK10,
    ACT_FORWARD10,
    ACT_LIVE,
    ACT_ESCAPE,
    ACT_FREEZE,
    ACT_POLL,
    ACT_RELOAD,
    ACT_EXPORT,
    ACT_QUIT,
    ACT_COUNT,
};

enum key_section { KEY_SEC_MOVE, KEY_SEC_VIEW, KEY_SEC_TIME, KEY_SEC_DO, KEY_SEC_COUNT };

#define KEYS_PER_BINDING 4

struct key_binding {
    enum key_section section;
    int keys[KEYS_PER_BINDING]; /* characters or TKEY_* codes; 0 ends the list */
    enum key_action action;
    /* What it does, for the help and the README; NULL when the binding
     * above says it for both ("j/Down k/Up  move between rows"). */
    const char *help;
};

extern const struct key_binding keys_table[];
extern const size_t keys_count;

/* The action bound to key; ACT_NONE when none is. */
enum key_action keys_action(int key);
/* A key's name as the help writes it: "j", "Down", "Space", "Ctrl+R". */
void keys_name(int key, char *out, size_t outlen);
/* "Move", "View", "Time travel", "Actions". */
const char *keys_section_name(enum key_section section);
/* The keys of the help line that starts at binding i (it and the bindings
 * after it without help of their own) as "j/Down k/Up"; returns how many
 * bindings the line covers (0 when i is past the end). */
size_t keys_line(size_t i, char *out, size_t outlen);
/* Appends the README's key table (Markdown), one row per help line and a
 * bold row per section. */
void keys_markdown(struct buf *out);

/* ---- cell markers ---------------------------------------------------- */

/* How a cell looks, in the terms its marks speak: the level, where the
 * evidence comes from, how sure and how fresh it is. */
struct cell_look {
    enum level level;
    unsigned evidence; /* enum evidence_kind bits */
    bool possible;     /* only evidence about a wider region */
    bool stale;        /* kept from an earlier poll while the source fails */
    bool pending;      /* none because no source has answered yet */
};

/* The look of a snapshot cell. */
struct cell_look cell_look_of(const struct snap_cell *cell);
/* Whether the cell is drawn unfilled (the level's mark colour on the
 * background) rather than filled: possible and crowd-only cells. */
bool cell_look_outlined(const struct cell_look *look);
/* Writes the cell's text as the grid draws it: compact (3 columns: glyph,
 * letter, mark) or full ("M MAJOR", "M ~MAJOR", "P part?" in ASCII). The
 * source's mark leads the label (~ crowd only, + official and crowd), the
 * qualifier follows it (? possible, * stale). */
void cell_look_text(const struct cell_look *look, bool ascii, bool compact, char *out,
                    size_t outlen);
/* The label a level shows from this evidence: "RISE" for crowd reports
 * rising (a crowd-only notice), else level_label(level). */
const char *cell_look_label(const struct cell_look *look);

struct marker_info {
    const char *name; /* what it is called: "major", "crowd only" */
    struct cell_look example;
    const char *meaning;
};

extern const struct marker_info markers_table[];
extern const size_t markers_count;

/* Appends the README's marker table (Markdown): the example cell in UTF-8
 * and in ASCII, its name and what it means. */
void markers_markdown(struct buf *out);

#endif
