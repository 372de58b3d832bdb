/* The help screen: the key table by section, then what a cell says, both
 * drawn from the tables of keys.h. It replaces the grid and the detail
 * (title and status stay), so nothing half-hidden shows through; when it
 * is taller than the screen, j/k and PgUp/PgDn scroll it. */
#include "config.h"

#include <stdio.h>

#include "sitrep/dashboard.h"
#include "sitrep/keys.h"
#include "sitrep/sanitize.h"
#include "ui_internal.h"

#define HELP_W_MAX 100
#define CELL_W     9 /* as the grid's full cells */

enum line_kind { LINE_HEADING, LINE_KEYS, LINE_MARKER, LINE_BLANK };

struct help_line {
    enum line_kind kind;
    size_t index; /* into keys_table or markers_table */
    const char *heading;
};

/* The lines in order; returns how many (fills at most max). */
static int help_lines(struct help_line *out, int max)
{
    enum key_section section = KEY_SEC_COUNT;
    char keys[96];
    int n = 0;

    for (size_t i = 0, used; i < keys_count; i += used) {
        if (keys_table[i].section != section) {
            section = keys_table[i].section;
            if (n && n < max)
                out[n++] = (struct help_line){.kind = LINE_BLANK};
            if (n < max)
                out[n++] = (struct help_line){LINE_HEADING, 0, keys_section_name(section)};
        }
        used = keys_line(i, keys, sizeof keys);
        if (n < max)
            out[n++] = (struct help_line){LINE_KEYS, i, NULL};
    }
    if (n < max)
        out[n++] = (struct help_line){.kind = LINE_BLANK};
    if (n < max)
        out[n++] = (struct help_line){LINE_HEADING, 0, "What a cell says"};
    for (size_t i = 0; i < markers_count && n < max; i++)
        out[n++] = (struct help_line){LINE_MARKER, i, NULL};
    return n;
}

static int keys_width(void)
{
    char keys[96];
    int w = CELL_W;

    for (size_t i = 0, used; i < keys_count; i += used) {
        used = keys_line(i, keys, sizeof keys);
        int kw = sanitize_width(keys);
        w = kw > w ? kw : w;
    }
    return w;
}

static void draw_line(struct canvas *cv, int x, int y, int w, int keys_w, const struct help_line *l,
                      bool ascii)
{
    char keys[96];

    switch (l->kind) {
    case LINE_HEADING:
        canvas_put_text(cv, x + 1, y, w - 2, ROLE_HEADER, ATTR_BOLD | ATTR_UNDERLINE, l->heading);
        break;
    case LINE_KEYS:
        keys_line(l->index, keys, sizeof keys);
        canvas_put_text(cv, x + 3, y, keys_w, ROLE_HEADER, ATTR_BOLD, keys);
        canvas_put_text(cv, x + 5 + keys_w, y, w - 6 - keys_w, ROLE_TEXT, 0,
                        keys_table[l->index].help);
        break;
    case LINE_MARKER: {
        const struct marker_info *m = &markers_table[l->index];
        cell_look_draw(cv, x + 3, y, CELL_W, &m->example, ascii, false, 0);
        canvas_put_text(cv, x + 5 + keys_w, y, w - 6 - keys_w, ROLE_TEXT, 0, m->meaning);
        break;
    }
    case LINE_BLANK: break;
    }
}

void help_draw(struct canvas *cv, struct dash_view *v)
{
    struct help_line lines[128];
    int n = help_lines(lines, (int)(sizeof lines / sizeof lines[0]));
    int keys_w = keys_width();
    int w = cv->w - 2 < HELP_W_MAX ? cv->w - 2 : HELP_W_MAX;
    int h = n + 2 < cv->h - 2 ? n + 2 : cv->h - 2;
    int x = (cv->w - w) / 2, y = 1 + (cv->h - 2 - h) / 2, room = h - 2;
    const char *rule = v->ascii ? "=" : "\xe2\x95\x90"; /* ═ */

    if (w < 20 || h < 3)
        return;
    v->help_page = room > 1 ? room - 1 : 1;
    if (v->help_scroll > n - room)
        v->help_scroll = n - room > 0 ? n - room : 0;
    canvas_fill(cv, 0, 1, cv->w, cv->h - 2, " ", ROLE_TEXT, 0);
    canvas_fill(cv, x, y, w, 1, rule, ROLE_HEADER, ATTR_BOLD);
    canvas_fill(cv, x, y + h - 1, w, 1, rule, ROLE_HEADER, ATTR_BOLD);
    canvas_put_text(cv, x + 2, y, w - 4, ROLE_HEADER, ATTR_BOLD,
                    room < n ? " sitrep keys and marks (j/k scroll, any other key closes) "
                             : " sitrep keys and marks (any key closes this) ");
    if (room < n) {
        char where[48];
        snprintf(where, sizeof where, " %d-%d of %d ", v->help_scroll + 1, v->help_scroll + room,
                 n);
        int ww = sanitize_width(where);
        canvas_put_text(cv, x + w - ww - 2, y, ww, ROLE_HEADER, ATTR_BOLD, where);
    }
    if (v->about) /* what the screen is drawn with, and why */
        canvas_put_text(cv, x + 2, y + h - 1, w - 4, ROLE_HEADER, ATTR_BOLD, v->about);
    for (int i = 0; i < room && v->help_scroll + i < n; i++)
        draw_line(cv, x, y + 1 + i, w, keys_w, &lines[v->help_scroll + i], v->ascii);
}
