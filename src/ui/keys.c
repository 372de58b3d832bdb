/* The key table (see keys.h): the one place a key is bound, named and
 * explained. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "sitrep/keys.h"
#include "sitrep/term.h"

#define CTRL(c) ((c)&0x1f)
#define ESC     27

const struct key_binding keys_table[] = {
    {KEY_SEC_MOVE, {'j', TKEY_DOWN}, ACT_DOWN, "move between rows (presentation mode: cards)"},
    {KEY_SEC_MOVE, {'k', TKEY_UP}, ACT_UP, NULL},
    {KEY_SEC_MOVE, {'h', TKEY_LEFT}, ACT_LEFT, "move between columns; left of them: the service"},
    {KEY_SEC_MOVE, {'l', TKEY_RIGHT}, ACT_RIGHT, NULL},
    {KEY_SEC_MOVE, {TKEY_PGDN, ' '}, ACT_PAGE_DOWN, "a page down or up"},
    {KEY_SEC_MOVE, {TKEY_PGUP}, ACT_PAGE_UP, NULL},
    {KEY_SEC_MOVE, {'g', TKEY_HOME}, ACT_TOP, "the top or the bottom"},
    {KEY_SEC_MOVE, {'G', TKEY_END}, ACT_BOTTOM, NULL},
    {KEY_SEC_MOVE,
     {'\t', TKEY_BTAB},
     ACT_FOCUS,
     "grid or detail pane (there j/k, PgUp/PgDn scroll)"},
    {KEY_SEC_MOVE, {TKEY_MOUSE}, ACT_MOUSE, "click selects, the wheel scrolls (--no-mouse: off)"},
    {KEY_SEC_VIEW,
     {TKEY_ENTER},
     ACT_EXPAND,
     "expand a service into symptoms and components, or fold"},
    {KEY_SEC_VIEW, {'s'}, ACT_SORT, "sort: severity, name, most recent change, config order"},
    {KEY_SEC_VIEW, {'/'}, ACT_FILTER, "filter by name as you type (Enter keeps it, Esc clears)"},
    {KEY_SEC_VIEW, {'f'}, ACT_PROBLEMS, "only services with problems (or unknown), or all"},
    {KEY_SEC_VIEW, {'c'}, ACT_COLUMNS, "choose the columns (region codes: ALL EU FR JP)"},
    {KEY_SEC_VIEW,
     {'+', '='},
     ACT_ZOOM_IN,
     "zoom: sparklines 1h, 6h, 24h, 7d; the timeline's window"},
    {KEY_SEC_VIEW, {'-', '_'}, ACT_ZOOM_OUT, NULL},
    {KEY_SEC_VIEW, {'P'}, ACT_PRESENT, "presentation mode for screen shares (--present)"},
    {KEY_SEC_VIEW, {'t'}, ACT_TIMELINE, "the timeline (a: services, h/l: region, +/-: window)"},
    {KEY_SEC_VIEW, {'a'}, ACT_SCOPE, "timeline: every service, the selected one, its family"},
    {KEY_SEC_VIEW, {'?'}, ACT_HELP, "this help: the keys and what a cell says"},
    {KEY_SEC_TIME, {'['}, ACT_BACK, "step back or forward through history, one bucket"},
    {KEY_SEC_TIME, {']'}, ACT_FORWARD, NULL},
    {KEY_SEC_TIME, {'{'}, ACT_BACK10, "step back or forward ten buckets"},
    {KEY_SEC_TIME, {'}'}, ACT_FORWARD10, NULL},
    {KEY_SEC_TIME, {'\\'}, ACT_LIVE, "back to the live view"},
    {KEY_SEC_TIME, {ESC}, ACT_ESCAPE, "close the timeline, clear the filter, or go live"},
    {KEY_SEC_TIME, {'p'}, ACT_FREEZE, "freeze the view (polling goes on), or run it again"},
    {KEY_SEC_DO, {'r'}, ACT_POLL, "poll every source now (each host's floor holds)"},
    {KEY_SEC_DO, {CTRL('R')}, ACT_RELOAD, "reload the config (errors shown, the old one kept)"},
    {KEY_SEC_DO, {'e'}, ACT_EXPORT, "write the view to a file: Markdown, HTML, SVG chart"},
    {KEY_SEC_DO, {'q', 'Q', CTRL('C')}, ACT_QUIT, "quit"},
};

const size_t keys_count = sizeof keys_table / sizeof keys_table[0];

enum key_action keys_action(int key)
{
    for (size_t i = 0; key != 0 && i < keys_count; i++) {
        for (int k = 0; k < KEYS_PER_BINDING && keys_table[i].keys[k]; k++) {
            if (keys_table[i].keys[k] == key)
                return keys_table[i].action;
        }
    }
    return ACT_NONE;
}

void keys_name(int key, char *out, size_t outlen)
{
    static const struct {
        int key;
        const char *name;
    } names[] = {
        {TKEY_UP, "Up"},
        {TKEY_DOWN, "Down"},
        {TKEY_LEFT, "Left"},
        {TKEY_RIGHT, "Right"},
        {TKEY_PGUP, "PgUp"},
        {TKEY_PGDN, "PgDn"},
        {TKEY_HOME, "Home"},
        {TKEY_END, "End"},
        {TKEY_ENTER, "Enter"},
        {TKEY_BTAB, "Shift+Tab"},
        {TKEY_MOUSE, "mouse"},
        {'\t', "Tab"},
        {ESC, "Esc"},
        {' ', "Space"},
        {TKEY_BACKSPACE, "Backspace"},
    };

    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (names[i].key == key) {
            snprintf(out, outlen, "%s", names[i].name);
            return;
        }
    }
    if (key > 0 && key < 0x20)
        snprintf(out, outlen, "Ctrl+%c", 'A' + key - 1);
    else if (key > 0x20 && key < 0x7f)
        snprintf(out, outlen, "%c", key);
    else
        snprintf(out, outlen, "key %d", key);
}

const char *keys_section_name(enum key_section section)
{
    static const char *const names[KEY_SEC_COUNT] = {
        [KEY_SEC_MOVE] = "Move",
        [KEY_SEC_VIEW] = "View",
        [KEY_SEC_TIME] = "Time travel",
        [KEY_SEC_DO] = "Actions",
    };

    return (unsigned)section < KEY_SEC_COUNT ? names[section] : "";
}

size_t keys_line(size_t i, char *out, size_t outlen)
{
    size_t n = 0, used = 0;

    if (outlen)
        out[0] = '\0';
    for (; i + n < keys_count && (n == 0 || !keys_table[i + n].help); n++) {
        const struct key_binding *b = &keys_table[i + n];
        for (int k = 0; k < KEYS_PER_BINDING && b->keys[k]; k++) {
            char name[24];
            keys_name(b->keys[k], name, sizeof name);
            if (used < outlen)
                used += (size_t)snprintf(out + used, outlen - used, "%s%s",
                                         k   ? "/"
                                         : n ? " "
                                             : "",
                                         name);
        }
    }
    return n;
}

void keys_markdown(struct buf *out)
{
    enum key_section section = KEY_SEC_COUNT;
    char line[96];

    buf_puts(out, "| Keys | What they do |\n|---|---|\n");
    for (size_t i = 0, n; i < keys_count; i += n) {
        if (keys_table[i].section != section) {
            section = keys_table[i].section;
            buf_printf(out, "| **%s** | |\n", keys_section_name(section));
        }
        n = keys_line(i, line, sizeof line);
        buf_printf(out, "| `%s` | %s |\n", line, keys_table[i].help);
    }
}
