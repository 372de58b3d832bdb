/* Themes: parsing with file:line errors, fallback to the default, colour
 * conversion, lookup order, the colour-depth decision, and golden screens
 * of every shipped theme at 256, 16 and no colour (and in ASCII) with the
 * assertion that every level stays distinguishable. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sitrep/canvas.h"
#include "sitrep/keys.h"
#include "sitrep/level.h"
#include "sitrep/theme.h"
#include "sitrep/xalloc.h"
#include "tap.h"
#include "testutil.h"
#include "../src/ui/ui_internal.h"

static const char *const shipped[] = {"default", "light", "high-contrast", "colorblind",
                                      "monochrome"};
#define NSHIPPED (sizeof shipped / sizeof shipped[0])

static const enum color_depth all_depths[] = {DEPTH_NONE, DEPTH_8, DEPTH_16, DEPTH_256,
                                              DEPTH_TRUECOLOR};
#define NDEPTHS (sizeof all_depths / sizeof all_depths[0])

static void load_shipped(const char *name, struct theme *th)
{
    char path[4096], *errors = NULL;

    snprintf(path, sizeof path, "%s/themes/%s.theme", SITREP_SRCDIR, name);
    if (theme_load_file(path, th, &errors) != 0) {
        printf("Bail out! %s", errors ? errors : "cannot load\n");
        exit(1);
    }
}

static bool same_color(const struct theme_color *a, const struct theme_color *b)
{
    if (a->kind != b->kind)
        return false;
    return a->kind == TCOLOR_DEFAULT || (a->value == b->value && a->low == b->low);
}

static bool same_style(const struct theme_style *a, const struct theme_style *b)
{
    return same_color(&a->fg, &b->fg) && same_color(&a->bg, &b->bg) && a->attrs == b->attrs &&
           a->mono == b->mono;
}

/* ---- parsing --------------------------------------------------------- */

static void test_shipped_load(void)
{
    const struct theme *bi = theme_builtin();
    struct theme th;
    int differ = 0;

    for (size_t i = 0; i < NSHIPPED; i++) {
        load_shipped(shipped[i], &th);
        ok(strcmp(th.name, shipped[i]) == 0, "%s.theme names itself so", shipped[i]);
        ok(th.description[0] != '\0', "%s.theme has a description", shipped[i]);
    }
    load_shipped("default", &th);
    for (int r = 0; r < ROLE_COUNT; r++) {
        if (!same_style(&th.roles[r], &bi->roles[r])) {
            differ++;
            tap_diag("default.theme and the built-in differ at role %d", r);
        }
    }
    is_int(differ, 0, "themes/default.theme holds the built-in default's values");
    is_str(th.description, bi->description, "and its description");
}

static void fails_with(const char *text, const char *want)
{
    struct theme th;
    char *errors = NULL;
    int rc;

    memset(&th, 0x5a, sizeof th);
    rc = theme_parse(text, "themes/x.theme", &th, &errors);
    ok(rc == -1 && errors && strstr(errors, want), "error: %s", want);
    if (!(rc == -1 && errors && strstr(errors, want)))
        tap_diag("got: %s", errors ? errors : "(no error)");
    ok(((unsigned char *)&th)[0] == 0x5a, "all or nothing: the theme is untouched");
    free(errors);
}

static void test_errors(void)
{
    fails_with("[roles]\nok = fg black\nmajor = fg purplish bg red\n",
               "themes/x.theme:3: unknown colour 'purplish'");
    fails_with("# a comment\n[roles]\nmajors = bold\n", "themes/x.theme:3: unknown role 'majors'");
    fails_with("[theme]\nname = x\n\n[colours]\nok = bold\n",
               "themes/x.theme:4: unknown section [colours]");
    fails_with("[roles]\nok = fg 256\n", "themes/x.theme:2: unknown colour '256'");
    fails_with("[roles]\nok = fg #12345\n", "themes/x.theme:2: unknown colour '#12345'");
    fails_with("[roles]\nok = bg\n", "themes/x.theme:2: 'bg' needs a colour");
    fails_with("[roles]\nok = fg red blink\n", "themes/x.theme:2: unknown word 'blink'");
    fails_with("[roles]\nok = fg 208/orange\n", "themes/x.theme:2: unknown basic colour 'orange'");
    fails_with("[roles]\nok = fg 208/200\n", "themes/x.theme:2: unknown basic colour '200'");
    fails_with("[mono]\nok = fg red\n", "themes/x.theme:2: unknown word 'fg'");
    fails_with("[roles]\nok = bold\nok = dim\n", "themes/x.theme:3: 'ok' is already set on line 2");
    fails_with("ok = bold\n", "themes/x.theme:1: this is not a theme file");
    fails_with("[theme]\ncolour = red\n", "themes/x.theme:2: unknown key 'colour' in [theme]");
    fails_with("[roles]\nok\n", "themes/x.theme:2: syntax error");
    fails_with("[roles]\nok = \n", "themes/x.theme:2: no style given");
    /* Every error, not just the first. */
    fails_with("[roles]\nok = fg nope\nmajor = fg nada\n",
               "themes/x.theme:3: unknown colour 'nada'");
}

static void test_fallback(void)
{
    const struct theme *bi = theme_builtin();
    struct theme th;
    char *errors = NULL;
    int same = 0;

    ok(theme_parse("[roles]\nmajor = fg #ff0000 bg default underline\n[mono]\nok = bold\n",
                   "/home/u/.config/sitrep/themes/mine.theme", &th, &errors) == 0,
       "a theme giving two roles parses");
    free(errors);
    is_str(th.name, "mine", "its name is the file's stem when [theme] gives none");
    for (int r = 0; r < ROLE_COUNT; r++)
        same += same_style(&th.roles[r], &bi->roles[r]);
    is_int(same, ROLE_COUNT - 2, "every other role is the default theme's");
    ok(th.roles[ROLE_CELL_MAJOR].fg.kind == TCOLOR_RGB &&
           th.roles[ROLE_CELL_MAJOR].fg.value == 0xff0000,
       "major's fg is #ff0000");
    is_int(th.roles[ROLE_CELL_MAJOR].bg.kind, TCOLOR_DEFAULT, "bg default");
    is_int(th.roles[ROLE_CELL_MAJOR].attrs, ATTR_UNDERLINE, "its attributes replace the default's");
    is_int(th.roles[ROLE_CELL_MAJOR].mono, bi->roles[ROLE_CELL_MAJOR].mono,
           "without [mono] major, its mono attributes stay the default's");
    is_int(th.roles[ROLE_CELL_OK].mono, ATTR_BOLD, "[mono] ok = bold");
    ok(same_color(&th.roles[ROLE_CELL_OK].bg, &bi->roles[ROLE_CELL_OK].bg),
       "[mono] changes no colour");

    ok(theme_parse("[theme]\nname = Fancy\n[roles]\nok = fg 2 bg Bright-Blue/default bold dim\n",
                   "f.theme", &th, &errors) == 0,
       "names, indexes, case and a default fallback parse");
    free(errors);
    is_str(th.name, "Fancy", "[theme] name wins over the stem");
    ok(th.roles[ROLE_CELL_OK].fg.kind == TCOLOR_INDEX && th.roles[ROLE_CELL_OK].fg.value == 2,
       "fg 2 is index 2");
    ok(th.roles[ROLE_CELL_OK].bg.value == 12 && th.roles[ROLE_CELL_OK].bg.low == THEME_LOW_DEFAULT,
       "bright-blue/default");
    is_int(th.roles[ROLE_CELL_OK].attrs, ATTR_BOLD | ATTR_DIM, "bold dim");
}

/* ---- colours --------------------------------------------------------- */

static void test_conversion(void)
{
    struct theme th = *theme_builtin();
    struct theme_resolved rs;
    char desc[96];

    is_int(theme_rgb_to_256(0xff0000), 196, "#ff0000 is 196");
    is_int(theme_rgb_to_256(0x000000), 16, "#000000 is 16");
    is_int(theme_rgb_to_256(0xffffff), 231, "#ffffff is 231");
    is_int(theme_rgb_to_256(0x808080), 244, "#808080 is grey 244");
    is_int(theme_rgb_to_256(0x5f87af), 67, "#5f87af is cube 67 exactly");
    is_int(theme_rgb_to_256(0xd55e00), 166, "Okabe-Ito vermillion is 166");
    is_int(theme_rgb_to_256(0x0072b2), 25, "Okabe-Ito blue is 25");
    is_int(theme_rgb_to_basic(0xff0000, 16), 9, "#ff0000 at 16 colours is bright red");
    is_int(theme_rgb_to_basic(0xff0000, 8), 1, "#ff0000 at 8 colours is red");
    is_int(theme_rgb_to_basic(0xe69f00, 16), 3, "orange at 16 colours is yellow");
    is_int((int)theme_index_rgb(196), 0xff0000, "196 is #ff0000");
    is_int((int)theme_index_rgb(244), 0x808080, "244 is #808080");
    is_int((int)theme_index_rgb(9), 0xff0000, "9 is xterm's bright red");

    th.roles[ROLE_TEXT] = (struct theme_style){
        {TCOLOR_RGB, 0xff0000, THEME_LOW_AUTO}, {TCOLOR_INDEX, 1, THEME_LOW_AUTO}, ATTR_BOLD, 0};
    theme_resolve(&th, DEPTH_256, ROLE_TEXT, 0, &rs);
    ok(rs.fg == 196 && rs.bg == 1 && rs.attrs == ATTR_BOLD, "at 256: fg 196 bg 1 bold");
    theme_resolve(&th, DEPTH_16, ROLE_TEXT, ATTR_UNDERLINE, &rs);
    ok(rs.fg == 9 && rs.bg == 1 && rs.attrs == (ATTR_BOLD | ATTR_UNDERLINE),
       "at 16: bright red on red, the cell's underline added");
    theme_describe(&rs, DEPTH_16, desc, sizeof desc);
    is_str(desc, "fg bright-red bg red bold underline", "described with names");
    theme_resolve(&th, DEPTH_8, ROLE_TEXT, 0, &rs);
    ok(rs.fg == 1 && rs.bg == 1, "at 8: red on red");
    theme_resolve(&th, DEPTH_TRUECOLOR, ROLE_TEXT, 0, &rs);
    ok(rs.fg == (THEME_RGB_FLAG | 0xff0000) && rs.bg == 1,
       "at truecolor: RGB, and basic colours stay the user's palette");
    theme_describe(&rs, DEPTH_TRUECOLOR, desc, sizeof desc);
    is_str(desc, "fg #ff0000 bg red bold", "described as #rrggbb");
    theme_resolve(&th, DEPTH_NONE, ROLE_TEXT, ATTR_REVERSE, &rs);
    ok(rs.fg == -1 && rs.bg == -1 && rs.attrs == ATTR_REVERSE, "no colour: mono attributes only");
    theme_describe(&rs, DEPTH_NONE, desc, sizeof desc);
    is_str(desc, "reverse", "described as attributes");

    theme_resolve(theme_builtin(), DEPTH_16, ROLE_CELL_PARTIAL, 0, &rs);
    ok(rs.fg == 0 && rs.bg == 5, "208/magenta: the explicit basic colour at 16");
    theme_resolve(theme_builtin(), DEPTH_256, ROLE_CELL_PARTIAL, 0, &rs);
    ok(rs.fg == 16 && rs.bg == 208, "and 208 at 256");
    theme_resolve(theme_builtin(), DEPTH_16, ROLE_DIM, 0, &rs);
    is_int(rs.fg, -1, "245/default is the terminal's default at 16");
}

/* ---- the depth decision ---------------------------------------------- */

static void test_depth(void)
{
    static const struct {
        enum color_mode mode;
        const char *no_color, *colorterm;
        int colors;
        bool direct;
        enum color_depth want;
        bool note;
        const char *what;
    } rows[] = {
        {COLOR_MODE_AUTO, NULL, NULL, 256, false, DEPTH_256, false, "xterm-256color: 256"},
        {COLOR_MODE_AUTO, NULL, NULL, 8, false, DEPTH_8, false, "xterm, screen, linux: 8"},
        {COLOR_MODE_AUTO, NULL, NULL, 16, false, DEPTH_16, false, "16-colour terminfo: 16"},
        {COLOR_MODE_AUTO, NULL, NULL, 88, false, DEPTH_16, false, "88 colours: 16"},
        {COLOR_MODE_AUTO, NULL, NULL, 0x1000000, true, DEPTH_TRUECOLOR, false,
         "xterm-direct: truecolor"},
        {COLOR_MODE_AUTO, NULL, "truecolor", 256, false, DEPTH_256, true,
         "COLORTERM=truecolor on a 256-colour terminfo: 256, with a note"},
        {COLOR_MODE_AUTO, NULL, "24bit", 0x1000000, true, DEPTH_TRUECOLOR, false,
         "COLORTERM=24bit on xterm-direct: truecolor"},
        {COLOR_MODE_AUTO, NULL, NULL, -1, false, DEPTH_NONE, false, "vt100 (no colours): none"},
        {COLOR_MODE_AUTO, "1", NULL, 256, false, DEPTH_NONE, false, "NO_COLOR=1: none"},
        {COLOR_MODE_AUTO, "", NULL, 256, false, DEPTH_256, false, "NO_COLOR empty: ignored"},
        {COLOR_MODE_NEVER, NULL, NULL, 0x1000000, true, DEPTH_NONE, false, "--color=never"},
        {COLOR_MODE_16, NULL, NULL, 256, false, DEPTH_16, false, "--color=16 on 256: 16"},
        {COLOR_MODE_16, NULL, NULL, 8, false, DEPTH_8, true, "--color=16 on 8: 8, noted"},
        {COLOR_MODE_256, "1", NULL, 256, false, DEPTH_256, false,
         "--color=256 beats NO_COLOR (no-color.org: options override it)"},
        {COLOR_MODE_256, NULL, NULL, 0x1000000, true, DEPTH_256, false,
         "--color=256 on a direct terminal"},
        {COLOR_MODE_TRUECOLOR, NULL, "truecolor", 256, false, DEPTH_256, true,
         "--color=truecolor without direct colour: 256, noted"},
        {COLOR_MODE_TRUECOLOR, NULL, NULL, -1, false, DEPTH_NONE, true,
         "--color=truecolor on a terminal without colours: none, noted"},
    };

    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char note[200] = "x";
        enum color_depth d = theme_pick_depth(rows[i].mode, rows[i].no_color, rows[i].colorterm,
                                              rows[i].colors, rows[i].direct, note, sizeof note);
        is_int(d, rows[i].want, "%s", rows[i].what);
        ok((note[0] != '\0') == rows[i].note, "  note %s: '%s'", rows[i].note ? "given" : "none",
           note);
    }
    enum color_mode m;
    ok(color_mode_parse("24bit", &m) && m == COLOR_MODE_TRUECOLOR, "--color=24bit is truecolor");
    ok(!color_mode_parse("yes", &m), "--color=yes is not a mode");
}

/* ---- lookup ---------------------------------------------------------- */

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");

    if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
        printf("Bail out! cannot write %s\n", path);
        exit(1);
    }
}

static void test_lookup(void)
{
    char *root = tu_tmpdir("theme"), *user, *shipdir, *p, *errors = NULL;
    struct theme_dirs d;
    struct theme_entry *e;
    struct theme th;
    size_t n;

    theme_dirs_init(&d, "/x/cfg", "/home/u", "/data");
    ok(d.n == 2 && strcmp(d.dir[0], "/x/cfg/sitrep/themes") == 0 &&
           strcmp(d.dir[1], "/data/themes") == 0,
       "dirs: $XDG_CONFIG_HOME/sitrep/themes, then $SITREP_DATADIR/themes");
    theme_dirs_free(&d);
    theme_dirs_init(&d, "", "/home/u", NULL);
    ok(d.n == 2 && strcmp(d.dir[0], "/home/u/.config/sitrep/themes") == 0 &&
           strcmp(d.dir[1], SITREP_PKGDATADIR "/themes") == 0,
       "dirs: ~/.config/sitrep/themes, then $(pkgdatadir)/themes");
    theme_dirs_free(&d);

    user = xasprintf("%s/cfg", root);
    mkdir(user, 0700);
    p = xasprintf("%s/cfg/sitrep", root);
    mkdir(p, 0700);
    free(p);
    p = xasprintf("%s/cfg/sitrep/themes", root);
    mkdir(p, 0700);
    free(p);
    shipdir = xasprintf("%s/data/themes", root);
    p = xasprintf("%s/data", root);
    mkdir(p, 0700);
    free(p);
    mkdir(shipdir, 0700);
    p = xasprintf("%s/cfg/sitrep/themes/light.theme", root);
    write_file(p, "[theme]\ndescription = my own light\n[roles]\nok = fg red\n");
    free(p);
    p = xasprintf("%s/light.theme", shipdir);
    write_file(p, "[theme]\ndescription = shipped light\n");
    free(p);
    p = xasprintf("%s/zebra.theme", shipdir);
    write_file(p, "[theme]\ndescription = stripes\n[roles]\nok = fg purplish\n");
    free(p);
    p = xasprintf("%s/notes.txt", shipdir);
    write_file(p, "not a theme\n");
    free(p);
    p = xasprintf("%s/data", root);
    theme_dirs_init(&d, user, NULL, p);
    free(p);

    p = theme_find(&d, "light");
    ok(p && strstr(p, "/cfg/sitrep/themes/light.theme"), "the user's light beats the shipped one");
    free(p);
    ok(theme_load(&d, "light", &th, &errors) == 0 && strcmp(th.description, "my own light") == 0,
       "--theme light loads the user's");
    ok(strstr(th.path, "/cfg/sitrep/themes/light.theme") != NULL, "and says where it came from");
    free(errors);
    ok(theme_load(&d, "default", &th, &errors) == 0 && th.path[0] == '\0' &&
           strcmp(th.name, "default") == 0,
       "default with no file anywhere is the built-in one");
    free(errors);
    ok(theme_load(&d, "nope", &th, &errors) == -1 && strstr(errors, "no theme 'nope'") &&
           strstr(errors, shipdir),
       "a missing name says where it looked");
    free(errors);
    ok(theme_load(&d, "zebra", &th, &errors) == -1 &&
           strstr(errors, "zebra.theme:4: unknown colour 'purplish'"),
       "a broken theme names its file and line");
    free(errors);
    p = xasprintf("%s/light.theme", shipdir);
    ok(theme_load(&d, p, &th, &errors) == 0 && strcmp(th.description, "shipped light") == 0,
       "a value with a '/' is a path");
    free(errors);
    free(p);

    n = theme_list(&d, &e);
    is_int(n, 4, "listed: the user's light, the shipped light and zebra, the built-in default");
    if (n == 4) {
        ok(strcmp(e[0].name, "light") == 0 && strstr(e[0].path, "/cfg/") && !e[0].shadowed,
           "the user's first");
        ok(strcmp(e[1].name, "light") == 0 && e[1].shadowed, "the shipped light, shadowed");
        ok(strcmp(e[2].name, "zebra") == 0 && strstr(e[2].description, "does not load"),
           "a broken one says so");
        ok(strcmp(e[3].name, "default") == 0 && strcmp(e[3].path, "(built in)") == 0,
           "the built-in default last");
    }
    theme_entries_free(e, n);
    theme_dirs_free(&d);
    tu_rmtree(root);
    free(root);
    free(user);
    free(shipdir);
}

/* ---- golden screens -------------------------------------------------- */

#define CELL_W 8

static const char *spark_glyph(enum level l, bool ascii)
{
    static const char *const blocks[LEVEL_COUNT] = {
        " ",
        "\xe2\x96\x81",
        "\xe2\x96\x91",
        "\xe2\x96\x82",
        "\xe2\x96\x83",
        "\xe2\x96\x84",
        "\xe2\x96\x86",
        "\xe2\x96\x88",
    };
    static const char *const plain[LEVEL_COUNT] = {" ", "_", "?", ".", "m", "-", "=", "#"};

    return ascii ? plain[l] : blocks[l];
}

static void cell_text(enum level l, bool ascii, bool possible, char flag, char *out, size_t len)
{
    char label[8];
    size_t i = 0;

    for (const char *s = level_label(l); *s && i < sizeof label - 1; s++)
        label[i++] = possible ? (char)(*s | 0x20) : *s;
    label[i] = '\0';
    if (ascii)
        snprintf(out, len, "%c %s%c", level_letter(l), label, flag);
    else
        snprintf(out, len, "%s %s%c", level_glyph(l), label, flag);
}

static void put_cell(struct canvas *cv, int x, int y, enum style_role role, unsigned attr,
                     const char *text)
{
    canvas_fill(cv, x, y, CELL_W, 1, " ", role, attr);
    canvas_put_text(cv, x, y, CELL_W, role, attr, text);
}

/* One row per level: the filled cell, possible, stale and crowd variants,
 * the mark in text and a sparkline; then selection, crowd marker, the
 * text roles and the status line. */
static void draw_levels(struct canvas *cv, const struct theme *th, bool ascii)
{
    char text[96];

    canvas_clear(cv);
    canvas_fill(cv, 0, 0, cv->w, 1, " ", ROLE_TITLE, 0);
    snprintf(text, sizeof text, "sitrep  theme %s", th->name);
    canvas_put_text(cv, 0, 0, 0, ROLE_TITLE, ATTR_BOLD, text);
    canvas_put_text(cv, 0, 1, 0, ROLE_HEADER, ATTR_BOLD,
                    "LEVEL       CELL     POSSIBLE STALE    CROWD    MARK          SPARK");
    for (int l = 0; l < LEVEL_COUNT; l++) {
        int y = 2 + l;
        canvas_put_text(cv, 0, y, 12, ROLE_TEXT, 0, level_name((enum level)l));
        /* the cells as the grid draws them (markers.c) */
        struct cell_look looks[4] = {
            {.level = (enum level)l, .evidence = EVIDENCE_OFFICIAL},
            {.level = (enum level)l, .evidence = EVIDENCE_OFFICIAL, .possible = true},
            {.level = (enum level)l, .evidence = EVIDENCE_OFFICIAL, .stale = true},
            {.level = (enum level)l, .evidence = EVIDENCE_CROWD},
        };
        for (int k = 0; k < 4; k++)
            cell_look_draw(cv, 12 + 9 * k, y, CELL_W, &looks[k], ascii, false, 0);
        snprintf(text, sizeof text, "%s %s",
                 ascii ? (char[2]){level_letter((enum level)l), 0} : level_glyph((enum level)l),
                 level_name((enum level)l));
        canvas_put_text(cv, 48, y, 13, style_mark_role((enum level)l), ATTR_BOLD, text);
        for (int i = 0; i < 4; i++)
            canvas_put_text(cv, 62 + i, y, 1, style_spark_role((enum level)l), 0,
                            spark_glyph((enum level)l, ascii));
    }
    canvas_put_text(cv, 0, 10, 12, ROLE_SELECTED, ATTR_REVERSE | ATTR_BOLD, "callr");
    cell_text(LEVEL_MAJOR, ascii, false, ' ', text, sizeof text);
    put_cell(cv, 12, 10, ROLE_CELL_MAJOR, ATTR_REVERSE | ATTR_BOLD, text);
    canvas_put_text(cv, 21, 10, 0, ROLE_DIM, 0, "selected row, cursor on a cell");
    canvas_put_text(cv, 0, 11, 1, ROLE_CROWD, 0, "~");
    canvas_put_text(cv, 2, 11, 0, ROLE_TEXT, 0, "crowd reports");
    canvas_put_text(cv, 17, 11, 0, ROLE_STALE, 0, "* stale 12m");
    canvas_put_text(cv, 30, 11, 0, ROLE_ERROR, ATTR_BOLD, "error: fetch failed");
    canvas_fill(cv, 0, 12, cv->w, 1, " ", ROLE_STATUS, 0);
    canvas_put_text(cv, 0, 12, 0, ROLE_STATUS, 0, "q quit  ? help");
}

static const char *depth_title(enum color_depth d)
{
    return d == DEPTH_NONE ? "no colour" : d == DEPTH_16 ? "16 colours" : "256 colours";
}

static void test_goldens(void)
{
    static const enum color_depth depths[] = {DEPTH_256, DEPTH_16, DEPTH_NONE};
    struct canvas *cv = canvas_new(72, 13);
    struct theme th;

    for (size_t i = 0; i < NSHIPPED; i++) {
        struct buf ascii = {0};
        char file[256];
        load_shipped(shipped[i], &th);
        for (size_t j = 0; j < sizeof depths / sizeof depths[0]; j++) {
            struct buf out = {0};
            buf_printf(&out, "theme %s at %s: %s\n\n", th.name, depth_title(depths[j]),
                       th.description);
            draw_levels(cv, &th, false);
            theme_dump_canvas(&th, depths[j], cv, &out);
            snprintf(file, sizeof file, "tests/golden/theme-%s-%s.txt", shipped[i],
                     depths[j] == DEPTH_NONE ? "none" : color_depth_name(depths[j]));
            ok(tu_golden(buf_str(&out), file), "%s at %s matches %s", shipped[i],
               depth_title(depths[j]), file);
            buf_free(&out);
        }
        /* ASCII glyphs (a non-UTF-8 locale, --ascii) at 16 colours and none. */
        for (size_t j = 1; j < sizeof depths / sizeof depths[0]; j++) {
            buf_printf(&ascii, "%stheme %s in ASCII at %s: %s\n\n", j > 1 ? "\n" : "", th.name,
                       depth_title(depths[j]), th.description);
            draw_levels(cv, &th, true);
            theme_dump_canvas(&th, depths[j], cv, &ascii);
        }
        snprintf(file, sizeof file, "tests/golden/theme-%s-ascii.txt", shipped[i]);
        ok(tu_golden(buf_str(&ascii), file), "%s in ASCII matches %s", shipped[i], file);
        buf_free(&ascii);
    }
    canvas_free(cv);
}

/* ---- every level distinguishable ------------------------------------- */

struct look {
    const char *glyph, *label;
    struct theme_resolved rs;
};

static bool same_look(const struct look *a, const struct look *b, bool with_text)
{
    return (!with_text || (strcmp(a->glyph, b->glyph) == 0 && strcmp(a->label, b->label) == 0)) &&
           a->rs.fg == b->rs.fg && a->rs.bg == b->rs.bg && a->rs.attrs == b->rs.attrs;
}

/* The number of level pairs among the given ones that look the same. */
static int clashes(const struct look *looks, const enum level *levels, size_t n, bool with_text)
{
    int k = 0;

    for (size_t a = 0; a < n; a++) {
        for (size_t b = a + 1; b < n; b++)
            k += same_look(&looks[levels[a]], &looks[levels[b]], with_text);
    }
    return k;
}

static void test_distinct(void)
{
    static const enum level every[] = {LEVEL_NONE,    LEVEL_OK,          LEVEL_UNKNOWN,
                                       LEVEL_NOTICE,  LEVEL_MAINTENANCE, LEVEL_DEGRADED,
                                       LEVEL_PARTIAL, LEVEL_MAJOR};
    static const enum level worst[] = {LEVEL_OK, LEVEL_DEGRADED, LEVEL_PARTIAL, LEVEL_MAJOR};
    static const struct {
        const char *what;
        enum style_role (*role)(enum level);
        unsigned attr;
    } kinds[] = {
        {"cells", style_cell_role, 0},
        {"possible cells", style_mark_role, ATTR_UNDERLINE},
        {"stale cells", style_cell_role, ATTR_DIM},
        {"marks", style_mark_role, ATTR_BOLD},
        {"sparklines", style_spark_role, 0},
    };
    struct theme th;

    for (size_t i = 0; i < NSHIPPED; i++) {
        load_shipped(shipped[i], &th);
        for (size_t j = 0; j < NDEPTHS; j++) {
            enum color_depth d = all_depths[j];
            int text_clash = 0, style_clash = 0, own_clash = 0;
            for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
                struct look looks[LEVEL_COUNT];
                for (bool ascii = false;; ascii = true) {
                    static char letters[LEVEL_COUNT][2];
                    for (int l = 0; l < LEVEL_COUNT; l++) {
                        letters[l][0] = level_letter((enum level)l);
                        looks[l].glyph = ascii ? letters[l] : level_glyph((enum level)l);
                        looks[l].label = level_label((enum level)l);
                        theme_resolve(&th, d, kinds[k].role((enum level)l), kinds[k].attr,
                                      &looks[l].rs);
                    }
                    text_clash += clashes(looks, every, LEVEL_COUNT, true);
                    if (ascii)
                        break;
                }
                if (k != 0)
                    continue;
                /* Stronger: the filled cells by style alone. With colour,
                 * all eight levels (monochrome: the problems against ok);
                 * without, attributes still set the worst apart. */
                if (d != DEPTH_NONE && strcmp(shipped[i], "monochrome") != 0)
                    style_clash += clashes(looks, every, LEVEL_COUNT, false);
                else
                    style_clash += clashes(looks, worst, 4, false);
                for (int l = 0; l < LEVEL_COUNT; l++) {
                    struct theme_resolved pos;
                    theme_resolve(&th, d, style_mark_role((enum level)l), ATTR_UNDERLINE, &pos);
                    own_clash += pos.fg == looks[l].rs.fg && pos.bg == looks[l].rs.bg &&
                                 pos.attrs == looks[l].rs.attrs;
                }
            }
            is_int(text_clash, 0, "%s at %s: (glyph, label, fg, bg, attrs) distinct per level",
                   shipped[i], color_depth_name(d));
            is_int(style_clash, 0, "%s at %s: cells distinct by style alone", shipped[i],
                   color_depth_name(d));
            is_int(own_clash, 0, "%s at %s: a possible cell never looks like a certain one",
                   shipped[i], color_depth_name(d));
        }
    }
}

int main(void)
{
    test_shipped_load();
    test_errors();
    test_fallback();
    test_conversion();
    test_depth();
    test_lookup();
    test_goldens();
    test_distinct();
    return tap_done();
}
