/* One table, many readers: the key table and the marker table (keys.h)
 * against the dispatcher's lookup, the help screen as drawn, the README's
 * tables and the KEYS section of sitrep(1). SITREP_UPDATE_GOLDEN=1
 * rewrites the README's tables and that section from the code, as it
 * rewrites golden files. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/canvas.h"
#include "sitrep/dashboard.h"
#include "sitrep/keys.h"
#include "sitrep/term.h"
#include "sitrep/xalloc.h"
#include "tap.h"

#define README        "README.md"
#define KEYS_HEADING  "### Keys\n"
#define MARKS_HEADING "### What a cell says\n"
#define MANPAGE       "man/sitrep.1.scd"
#define MAN_HEADING   "\n# KEYS\n\n"

static void test_bindings(void)
{
    bool bound[ACT_COUNT] = {false};
    bool twice = false, unsaid = false;

    for (size_t i = 0; i < keys_count; i++) {
        const struct key_binding *b = &keys_table[i];
        bound[b->action] = true;
        for (int k = 0; k < KEYS_PER_BINDING && b->keys[k]; k++)
            twice |= keys_action(b->keys[k]) != b->action; /* an earlier binding took it */
        unsaid |= i == 0 || b->section != keys_table[i - 1].section ? !b->help : false;
    }
    ok(!twice, "no key is bound to two actions");
    ok(!unsaid, "the first binding of each section has its help text");
    for (int a = ACT_NONE + 1; a < ACT_COUNT; a++)
        ok(bound[a], "action %d has a key", a);
    is_int(keys_action('j'), ACT_DOWN, "j moves down");
    is_int(keys_action(TKEY_DOWN), ACT_DOWN, "so does Down");
    is_int(keys_action(0x12), ACT_RELOAD, "Ctrl+R reloads");
    is_int(keys_action('x'), ACT_NONE, "x does nothing");
    is_int(keys_action(0), ACT_NONE, "the list's end is no key");

    char name[32];
    keys_name(0x12, name, sizeof name);
    is_str(name, "Ctrl+R", "control keys are named Ctrl+");
    keys_name(TKEY_PGDN, name, sizeof name);
    is_str(name, "PgDn", "PgDn");
    size_t n = keys_line(0, name, sizeof name);
    is_str(name, "j/Down k/Up", "a help line names its keys and its partner's");
    is_int((long)n, 2, "and covers both bindings");
}

/* The help drawn tall enough to hold everything, as text. */
static char *help_screen(int w, int h, bool ascii, int scroll)
{
    struct canvas *cv = canvas_new(w, h);
    struct snapshot snap = {0};
    struct dash_view v = {.help = true, .column = -1, .ascii = ascii, .help_scroll = scroll};
    struct buf out = {0};

    dash_draw(cv, &snap, &v, 0);
    canvas_dump(cv, &out);
    canvas_free(cv);
    dash_view_free(&v);
    return buf_detach(&out);
}

/* Whether some line of text has a, then (after blanks only) b. */
static bool line_has(const char *text, const char *a, const char *b)
{
    for (const char *p = strstr(text, a); p; p = strstr(p + 1, a)) {
        const char *q = p + strlen(a);
        while (*q == ' ')
            q++;
        if (strncmp(q, b, strlen(b)) == 0)
            return true;
    }
    return false;
}

static void test_help(void)
{
    char *text = help_screen(110, 80, false, 0);
    char *ascii = help_screen(110, 80, true, 0);
    char keys[96], cell[32];
    size_t missing = 0;

    for (size_t i = 0, n; i < keys_count; i += n) {
        n = keys_line(i, keys, sizeof keys);
        if (!line_has(text, keys, keys_table[i].help)) {
            tap_diag("help lacks: %s  %s", keys, keys_table[i].help);
            missing++;
        }
    }
    for (size_t s = 0; s < KEY_SEC_COUNT; s++)
        missing += !strstr(text, keys_section_name((enum key_section)s));
    is_int((long)missing, 0, "the help shows every key line of the table under its section");
    missing = 0;
    for (size_t i = 0; i < markers_count; i++) {
        cell_look_text(&markers_table[i].example, false, false, cell, sizeof cell);
        missing += !line_has(text, cell, markers_table[i].meaning);
        cell_look_text(&markers_table[i].example, true, false, cell, sizeof cell);
        missing += !line_has(ascii, cell, markers_table[i].meaning);
    }
    is_int((long)missing, 0, "the help shows every marker of the table, in UTF-8 and ASCII");
    free(text);
    free(ascii);

    /* At 80x24 it scrolls: the last marker is reached by scrolling. */
    text = help_screen(80, 24, false, 0);
    const char *last = markers_table[markers_count - 1].meaning;
    ok(strstr(text, "j/k scroll") && !strstr(text, last), "at 80x24 the help says it scrolls");
    free(text);
    text = help_screen(80, 24, false, 1000);
    ok(strstr(text, last) != NULL, "and scrolled to its end it shows the last marker");
    free(text);
}

/* ---- the README ---- */

/* The table that follows heading in doc: its lines from the first '|'
 * line to the first line that is not one. Returns a pointer into doc and
 * its length in *len; NULL when there is none. */
static const char *find_table(const char *doc, const char *heading, size_t *len)
{
    const char *p = strstr(doc, heading), *end;

    if (!p)
        return NULL;
    p += strlen(heading);
    while (*p == '\n')
        p++;
    if (*p != '|')
        return NULL;
    for (end = p; *end == '|';) {
        const char *nl = strchr(end, '\n');
        end = nl ? nl + 1 : end + strlen(end);
    }
    *len = (size_t)(end - p);
    return p;
}

/* One row's cells, trimmed, joined by a tab: a row as a reader sees it. */
static void row_cells(const char *line, size_t len, struct buf *out)
{
    const char *p = line + 1, *end = line + len;

    buf_reset(out);
    while (p < end) {
        const char *bar = memchr(p, '|', (size_t)(end - p));
        const char *a = p, *b = bar ? bar : end;
        while (a < b && *a == ' ')
            a++;
        while (b > a && (b[-1] == ' ' || b[-1] == '\n'))
            b--;
        if (!bar)
            break;
        buf_append(out, a, (size_t)(b - a));
        buf_putc(out, '\t');
        p = bar + 1;
    }
}

/* Compares the README's table with the generated one, row by row. */
static bool table_matches(const char *doc, const char *heading, const char *want)
{
    size_t len = 0;
    const char *have = find_table(doc, heading, &len);
    struct buf a = {0}, b = {0};
    size_t row = 0;
    bool same = have != NULL;

    if (!have)
        tap_diag("no table under %.*s", (int)strlen(heading) - 1, heading);
    for (const char *p = have, *q = want; same && (p < have + len || *q); row++) {
        const char *pn = memchr(p, '\n', (size_t)(have + len - p)), *qn = strchr(q, '\n');
        if (!pn || !qn) {
            same = !pn && !qn;
            break;
        }
        row_cells(p, (size_t)(pn - p), &a);
        row_cells(q, (size_t)(qn - q), &b);
        if (strcmp(buf_str(&a), buf_str(&b)) != 0) {
            tap_diag("row %zu: README has  %.*s", row, (int)(pn - p), p);
            tap_diag("row %zu: the table says %.*s", row, (int)(qn - q), q);
            same = false;
        }
        p = pn + 1;
        q = qn + 1;
    }
    buf_free(&a);
    buf_free(&b);
    return same;
}

/* Rewrites the README's tables from the code (SITREP_UPDATE_GOLDEN). */
static void update_readme(char *doc, const char *keys, const char *marks)
{
    const char *heads[2] = {KEYS_HEADING, MARKS_HEADING}, *tables[2] = {keys, marks};
    char path[4096];
    FILE *f;

    for (int i = 0; i < 2; i++) {
        size_t len = 0;
        const char *t = find_table(doc, heads[i], &len);
        if (!t)
            continue;
        struct buf next = {0};
        buf_append(&next, doc, (size_t)(t - doc));
        buf_puts(&next, tables[i]);
        buf_puts(&next, t + len);
        free(doc);
        doc = buf_detach(&next);
    }
    snprintf(path, sizeof path, "%s/%s", SITREP_SRCDIR, README);
    f = fopen(path, "w");
    if (!f || fputs(doc, f) < 0 || fclose(f) != 0) {
        printf("Bail out! cannot write %s\n", path);
        exit(1);
    }
    free(doc);
}

static void test_readme(void)
{
    size_t len;
    char *doc = tap_read_file(README, &len);
    struct buf keys = {0}, marks = {0};

    keys_markdown(&keys);
    markers_markdown(&marks);
    if (getenv("SITREP_UPDATE_GOLDEN")) {
        update_readme(doc, buf_str(&keys), buf_str(&marks));
        doc = tap_read_file(README, &len);
    }
    ok(table_matches(doc, KEYS_HEADING, buf_str(&keys)),
       "the README's key table says what the key table says");
    ok(table_matches(doc, MARKS_HEADING, buf_str(&marks)),
       "the README's marker table says what the marker table says");
    /* and a README that says otherwise is caught */
    char *edited = xstrdup(doc);
    char *row = strstr(edited, "| `q/Q/Ctrl+C` | quit |");
    ok(row != NULL, "the README has the quit row");
    if (row)
        row[2] = 'x';
    ok(!table_matches(edited, KEYS_HEADING, buf_str(&keys)), "an edited key row is caught");
    free(edited);
    buf_free(&keys);
    buf_free(&marks);
    free(doc);
}

/* ---- sitrep(1) ---- */

/* scdoc text: its markup characters escaped. */
static void scdoc_text(struct buf *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '\\' || *s == '*' || *s == '_')
            buf_putc(out, '\\');
        buf_putc(out, *s);
    }
}

/* The body of sitrep(1)'s KEYS section, drawn from the key table: a
 * subsection per group, each help line's keys in bold, its text below. */
static void keys_scdoc(struct buf *out)
{
    enum key_section section = KEY_SEC_COUNT;
    char line[96];

    buf_puts(out, "The dashboard's keys, as its *?* screen lists them.\n");
    for (size_t i = 0, n; i < keys_count; i += n) {
        if (keys_table[i].section != section) {
            section = keys_table[i].section;
            buf_printf(out, "\n## %s\n", keys_section_name(section));
        }
        n = keys_line(i, line, sizeof line);
        buf_puts(out, "\n*");
        scdoc_text(out, line);
        buf_puts(out, "*\n\t");
        scdoc_text(out, keys_table[i].help);
        buf_putc(out, '\n');
    }
}

/* The KEYS section's body in the man page's text (up to the next section),
 * its length in *len; NULL when there is none. */
static const char *find_man_keys(const char *doc, size_t *len)
{
    const char *p = strstr(doc, MAN_HEADING), *end;

    if (!p)
        return NULL;
    p += strlen(MAN_HEADING);
    end = strstr(p, "\n\n# ");
    end = end ? end + 1 : p + strlen(p);
    *len = (size_t)(end - p);
    return p;
}

static void update_man(const char *doc, const char *keys)
{
    size_t len = 0;
    const char *at = find_man_keys(doc, &len);
    char path[4096];
    FILE *f;

    if (!at)
        return;
    snprintf(path, sizeof path, "%s/%s", SITREP_SRCDIR, MANPAGE);
    f = fopen(path, "w");
    if (!f || fwrite(doc, 1, (size_t)(at - doc), f) != (size_t)(at - doc) || fputs(keys, f) < 0 ||
        fputs(at + len, f) < 0 || fclose(f) != 0) {
        printf("Bail out! cannot write %s\n", path);
        exit(1);
    }
}

static bool man_matches(const char *doc, const char *want)
{
    size_t len = 0;
    const char *have = find_man_keys(doc, &len);

    return have && len == strlen(want) && memcmp(have, want, len) == 0;
}

static void test_man(void)
{
    size_t len;
    char *doc = tap_read_file(MANPAGE, &len);
    struct buf keys = {0};

    keys_scdoc(&keys);
    if (getenv("SITREP_UPDATE_GOLDEN")) {
        update_man(doc, buf_str(&keys));
        free(doc);
        doc = tap_read_file(MANPAGE, &len);
    }
    if (!ok(man_matches(doc, buf_str(&keys)),
            "sitrep(1)'s KEYS section says what the key table says"))
        tap_diag("%s's KEYS section should be (SITREP_UPDATE_GOLDEN=1 rewrites it):\n%s", MANPAGE,
                 buf_str(&keys));
    /* and a page that says otherwise is caught */
    char *edited = xstrdup(doc);
    char *quit = strstr(edited, "\tquit\n");
    ok(quit != NULL, "sitrep(1) has the quit line");
    if (quit)
        quit[1] = 'x';
    ok(!man_matches(edited, buf_str(&keys)), "an edited key line is caught");
    free(edited);
    buf_free(&keys);
    free(doc);
}

int main(void)
{
    test_bindings();
    test_help();
    test_readme();
    test_man();
    return tap_done();
}
