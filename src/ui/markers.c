/* The marker table (see keys.h): what a grid cell can say, how it says it,
 * and the legend of the help screen and the README drawn from the same
 * function that draws the cells. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "sitrep/keys.h"
#include "ui_internal.h"

#define PENDING_GLYPH  "\xe2\x80\xa6" /* … */
#define PENDING_ASCII  ":"
#define PENDING_LABEL  "wait"
#define PENDING_LETTER 'w'
#define RISING_LABEL   "RISE"

#define OFFICIAL EVIDENCE_OFFICIAL
#define CROWD    EVIDENCE_CROWD
#define BOTH     EVIDENCE_BOTH
#define MENTIONS EVIDENCE_MENTIONS

const struct marker_info markers_table[] = {
    {"ok", {LEVEL_OK, OFFICIAL, false, false, false}, "operational"},
    {"notice",
     {LEVEL_NOTICE, OFFICIAL, false, false, false},
     "an open incident the page rates as no impact"},
    {"maintenance",
     {LEVEL_MAINTENANCE, OFFICIAL, false, false, false},
     "maintenance in progress, inside its announced window"},
    {"degraded", {LEVEL_DEGRADED, OFFICIAL, false, false, false}, "degraded performance"},
    {"partial", {LEVEL_PARTIAL, OFFICIAL, false, false, false}, "partial outage"},
    {"major", {LEVEL_MAJOR, OFFICIAL, false, false, false}, "major outage"},
    {"unknown",
     {LEVEL_UNKNOWN, 0, false, false, false},
     "the source cannot be read: neither ok nor a problem"},
    {"none", {LEVEL_NONE, 0, false, false, false}, "no evidence about this region at all"},
    {"pending", {LEVEL_NONE, 0, false, false, true}, "no answer from the source yet"},
    {"official",
     {LEVEL_MAJOR, OFFICIAL, false, false, false},
     "said by the status page: filled, no mark"},
    {"crowd only",
     {LEVEL_MAJOR, CROWD, false, false, false},
     "only user reports say it: ~ before the label, unfilled"},
    {"reports rising",
     {LEVEL_NOTICE, CROWD, false, false, false},
     "user reports above normal, not yet for long enough"},
    {"official and crowd",
     {LEVEL_MAJOR, BOTH, false, false, false},
     "the page and the reports agree: + before the label"},
    {"mentions only",
     {LEVEL_MAJOR, MENTIONS, true, false, false},
     "only public posts say it (not reports): @ before the label, always possible"},
    {"possible",
     {LEVEL_PARTIAL, OFFICIAL, true, false, false},
     "about a wider region (an EU incident in FR): lowercase, ?"},
    {"stale",
     {LEVEL_PARTIAL, OFFICIAL, false, true, false},
     "kept from an earlier poll while the source fails: *"},
};

const size_t markers_count = sizeof markers_table / sizeof markers_table[0];

struct cell_look cell_look_of(const struct snap_cell *cell)
{
    struct cell_look look = {
        .level = cell->level,
        .evidence = cell->evidence,
        .possible = cell->possible,
        .stale = cell->stale,
        .pending = cell->pending && cell->level == LEVEL_NONE,
    };

    return look;
}

static bool crowd_only(const struct cell_look *look)
{
    /* reports, public posts or both, and no official word */
    return !(look->evidence & EVIDENCE_OFFICIAL) &&
           (look->evidence & (EVIDENCE_CROWD | EVIDENCE_MENTIONS)) && look->level != LEVEL_NONE &&
           look->level != LEVEL_UNKNOWN;
}

bool cell_look_outlined(const struct cell_look *look)
{
    return look->possible || crowd_only(look);
}

const char *cell_look_label(const struct cell_look *look)
{
    if (look->pending)
        return PENDING_LABEL;
    if (look->level == LEVEL_NOTICE && crowd_only(look))
        return RISING_LABEL;
    return level_label(look->level);
}

/* The mark before the label: where the evidence comes from. */
static const char *source_mark(const struct cell_look *look)
{
    if (look->level == LEVEL_NONE || look->level == LEVEL_UNKNOWN || look->pending)
        return "";
    switch (evidence_kind_flag(look->evidence)) {
    case '~': return "~";
    case '+': return "+";
    case '@': return "@";
    default: return "";
    }
}

/* The marks after the label: how sure and how fresh. */
static void qualifier(const struct cell_look *look, char out[3])
{
    int n = 0;

    if (look->possible)
        out[n++] = '?';
    if (look->stale)
        out[n++] = '*';
    out[n] = '\0';
}

void cell_look_text(const struct cell_look *look, bool ascii, bool compact, char *out,
                    size_t outlen)
{
    char glyph[8], label[12], qual[3];
    const char *src = source_mark(look);
    size_t i = 0;

    if (look->pending)
        snprintf(glyph, sizeof glyph, "%s", ascii ? PENDING_ASCII : PENDING_GLYPH);
    else if (ascii)
        snprintf(glyph, sizeof glyph, "%c", level_letter(look->level));
    else
        snprintf(glyph, sizeof glyph, "%s", level_glyph(look->level));
    qualifier(look, qual);
    if (compact) { /* glyph, letter, one mark: the most telling one */
        /* mentions are always possible: '@' says more than '?' */
        char mark = src[0] == '@' ? '@' : qual[0] ? qual[0] : src[0] ? src[0] : ' ';
        snprintf(out, outlen, "%s%c%c", glyph,
                 look->pending ? PENDING_LETTER : level_letter(look->level), mark);
        return;
    }
    for (const char *l = cell_look_label(look); l[i] && i < sizeof label - 1; i++)
        label[i] = look->possible ? (char)tolower((unsigned char)l[i]) : l[i];
    label[i] = '\0';
    snprintf(out, outlen, "%s %s%s%s", glyph, src, label, qual);
}

void cell_look_draw(struct canvas *cv, int x, int y, int w, const struct cell_look *look,
                    bool ascii, bool compact, unsigned attr)
{
    bool outlined = cell_look_outlined(look);
    enum style_role role = outlined ? style_mark_role(look->level) : style_cell_role(look->level);
    char text[32];

    attr |= look->possible ? ATTR_UNDERLINE : 0;
    attr |= look->stale ? ATTR_DIM : 0;
    cell_look_text(look, ascii, compact, text, sizeof text);
    canvas_fill(cv, x, y, w, 1, " ", role, attr);
    canvas_put_text(cv, x, y, w, role, attr, text);
}

void markers_markdown(struct buf *out)
{
    buf_puts(out, "| Cell | ASCII | Name | What it says |\n|---|---|---|---|\n");
    for (size_t i = 0; i < markers_count; i++) {
        const struct marker_info *m = &markers_table[i];
        char utf8[32], ascii[32];
        cell_look_text(&m->example, false, false, utf8, sizeof utf8);
        cell_look_text(&m->example, true, false, ascii, sizeof ascii);
        buf_printf(out, "| `%s` | `%s` | %s | %s |\n", utf8, ascii, m->name, m->meaning);
    }
}
