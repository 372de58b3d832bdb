/* Themes (see theme.h): the built-in default and the file parser (inih
 * does the INI syntax; a line-counting reader lets every message name its
 * line). Lookup is in theme_dirs.c, colours in theme_color.c. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <ini.h>

#include "sitrep/inilines.h"
#include "sitrep/safefile.h"
#include "sitrep/theme.h"
#include "sitrep/xalloc.h"
#include "theme_internal.h"

#define THEME_MAX_BYTES  (64 * 1024)
#define THEME_MAX_ERRORS 20

/* ---- the built-in default -------------------------------------------- */

#define DF                                                                                         \
    {                                                                                              \
        TCOLOR_DEFAULT, 0, THEME_LOW_DEFAULT                                                       \
    }
#define IX(i, low)                                                                                 \
    {                                                                                              \
        TCOLOR_INDEX, (i), (low)                                                                   \
    }
enum { BLACK, RED, GREEN, YELLOW, BLUE, MAGENTA, CYAN, WHITE };
#define B ATTR_BOLD
#define R ATTR_REVERSE
#define D ATTR_DIM

/* The colours sitrep always had: a 256-colour palette with a hand-picked
 * 8-colour fallback (orange has no basic colour: partial is magenta there). */
static const struct theme builtin =
    {
        .name = "default",
        .description = "Dark background: green to red (the built-in colours)",
        .roles =
            {
                [ROLE_TEXT] = {DF, DF, 0, 0},
                [ROLE_TITLE] = {IX(231, WHITE), IX(24, BLUE), B, R},
                [ROLE_HEADER] = {DF, DF, B, B},
                [ROLE_STATUS] = {IX(16, BLACK), IX(250, WHITE), 0, R},
                [ROLE_DIM] = {IX(245, THEME_LOW_DEFAULT), DF, 0, D},
                [ROLE_STALE] = {IX(245, THEME_LOW_DEFAULT), DF, 0, D},
                [ROLE_ERROR] = {IX(203, RED), DF, 0, B},
                [ROLE_SELECTED] = {DF, DF, 0, 0},
                [ROLE_CELL_NONE] = {IX(242, THEME_LOW_DEFAULT), DF, 0, D},
                [ROLE_CELL_OK] = {IX(16, BLACK), IX(71, GREEN), 0, 0},
                [ROLE_CELL_UNKNOWN] = {IX(231, WHITE), IX(240, BLACK), 0, D},
                [ROLE_CELL_NOTICE] = {IX(16, BLACK), IX(80, CYAN), 0, 0},
                [ROLE_CELL_MAINTENANCE] = {IX(231, WHITE), IX(68, BLUE), 0, B},
                [ROLE_CELL_DEGRADED] = {IX(16, BLACK), IX(220, YELLOW), 0, B},
                [ROLE_CELL_PARTIAL] = {IX(16, BLACK), IX(208, MAGENTA), B, R},
                [ROLE_CELL_MAJOR] = {IX(231, WHITE), IX(160, RED), B, R | B},
                [ROLE_MARK_NONE] = {IX(242, THEME_LOW_DEFAULT), DF, 0, D},
                [ROLE_MARK_OK] = {IX(71, GREEN), DF, 0, 0},
                [ROLE_MARK_UNKNOWN] = {IX(245, THEME_LOW_DEFAULT), DF, 0, D},
                [ROLE_MARK_NOTICE] = {IX(80, CYAN), DF, 0, 0},
                [ROLE_MARK_MAINTENANCE] = {IX(68, BLUE), DF, 0, 0},
                [ROLE_MARK_DEGRADED] = {IX(220, YELLOW), DF, 0, B},
                [ROLE_MARK_PARTIAL] = {IX(208, MAGENTA), DF, B, B},
                [ROLE_MARK_MAJOR] = {IX(196, RED), DF, B, B},
                /* Sparklines: the marks' colours; without colour the glyph's
                 * height says the level, so only the worst are bold. */
                [ROLE_SPARK_NONE] = {IX(242, THEME_LOW_DEFAULT), DF, 0, 0},
                [ROLE_SPARK_OK] = {IX(71, GREEN), DF, 0, 0},
                [ROLE_SPARK_UNKNOWN] = {IX(245, THEME_LOW_DEFAULT), DF, 0, D},
                [ROLE_SPARK_NOTICE] = {IX(80, CYAN), DF, 0, 0},
                [ROLE_SPARK_MAINTENANCE] = {IX(68, BLUE), DF, 0, 0},
                [ROLE_SPARK_DEGRADED] = {IX(220, YELLOW), DF, 0, 0},
                [ROLE_SPARK_PARTIAL] = {IX(208, MAGENTA), DF, 0, B},
                [ROLE_SPARK_MAJOR] = {IX(196, RED), DF, 0, B},
                [ROLE_CROWD] = {IX(183, MAGENTA), DF, B, B},
            },
};

const struct theme *theme_builtin(void)
{
    return &builtin;
}

/* ---- names ----------------------------------------------------------- */

static const char *const role_keys[ROLE_COUNT] = {
    [ROLE_TEXT] = "text",
    [ROLE_TITLE] = "title",
    [ROLE_HEADER] = "header",
    [ROLE_STATUS] = "status",
    [ROLE_DIM] = "dim",
    [ROLE_STALE] = "stale",
    [ROLE_ERROR] = "error",
    [ROLE_SELECTED] = "selected",
    [ROLE_CELL_NONE] = "none",
    [ROLE_CELL_OK] = "ok",
    [ROLE_CELL_UNKNOWN] = "unknown",
    [ROLE_CELL_NOTICE] = "notice",
    [ROLE_CELL_MAINTENANCE] = "maintenance",
    [ROLE_CELL_DEGRADED] = "degraded",
    [ROLE_CELL_PARTIAL] = "partial",
    [ROLE_CELL_MAJOR] = "major",
    [ROLE_MARK_NONE] = "mark.none",
    [ROLE_MARK_OK] = "mark.ok",
    [ROLE_MARK_UNKNOWN] = "mark.unknown",
    [ROLE_MARK_NOTICE] = "mark.notice",
    [ROLE_MARK_MAINTENANCE] = "mark.maintenance",
    [ROLE_MARK_DEGRADED] = "mark.degraded",
    [ROLE_MARK_PARTIAL] = "mark.partial",
    [ROLE_MARK_MAJOR] = "mark.major",
    [ROLE_SPARK_NONE] = "spark.none",
    [ROLE_SPARK_OK] = "spark.ok",
    [ROLE_SPARK_UNKNOWN] = "spark.unknown",
    [ROLE_SPARK_NOTICE] = "spark.notice",
    [ROLE_SPARK_MAINTENANCE] = "spark.maintenance",
    [ROLE_SPARK_DEGRADED] = "spark.degraded",
    [ROLE_SPARK_PARTIAL] = "spark.partial",
    [ROLE_SPARK_MAJOR] = "spark.major",
    [ROLE_CROWD] = "crowd",
};

/* ---- the parser ------------------------------------------------------ */

enum section { SEC_NONE, SEC_THEME, SEC_ROLES, SEC_MONO, SEC_BAD };

struct parser {
    struct theme *th;
    struct ini_lines in;
    enum section section;
    int seen[2][ROLE_COUNT]; /* the line each role was set on in [roles], [mono] */
    bool have_name;
    bool started; /* a section or a key was seen */
    /* It does not start like a theme: said once, and nothing of it is
     * quoted (a path in a shared config may point at any file). */
    bool foreign;
};

/* Errors go to the reader's list, with the file and line. */
#define parse_error(p, line, ...) ini_lines_error(&(p)->in, (line), __VA_ARGS__)

static void not_a_theme(struct parser *p)
{
    if (!p->foreign)
        parse_error(p, p->in.line,
                    "this is not a theme file (a theme starts with [theme], [roles] or [mono]); "
                    "nothing of it is shown");
    p->foreign = true;
    p->section = SEC_BAD;
}

/* The section a "[...]" line opens: checked here, at its own line, so that
 * an unknown section is reported even when it holds no keys. */
static void section_line(struct parser *p, const char *s)
{
    static const char *const names[] = {
        [SEC_THEME] = "theme", [SEC_ROLES] = "roles", [SEC_MONO] = "mono"};
    const char *end = strchr(s, ']');
    size_t len;

    bool first = !p->started;

    p->started = true;
    if (p->foreign)
        return;
    while (*++s == ' ' || *s == '\t')
        ;
    if (!end || end < s)
        return; /* inih reports the syntax error */
    len = (size_t)(end - s);
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    for (int i = SEC_THEME; i <= SEC_MONO; i++) {
        if (strlen(names[i]) == len && strncmp(s, names[i], len) == 0) {
            p->section = (enum section)i;
            return;
        }
    }
    if (first) {
        not_a_theme(p);
        return;
    }
    parse_error(p, p->in.line, "unknown section [%.*s] (want [theme], [roles] or [mono])", (int)len,
                s);
    p->section = SEC_BAD;
}

static char *reader(char *str, int num, void *stream)
{
    struct parser *p = stream;
    const char *header;
    char *line = ini_lines_next(&p->in, str, num, &header);

    if (header)
        section_line(p, header);
    return line;
}

static int basic_index(const char *s)
{
    for (int i = 0; i < 16; i++) {
        if (strcasecmp(s, theme_basic_names[i]) == 0)
            return i;
    }
    return -1;
}

/* A palette index 0..255 in decimal; -1 when s is not one. */
static int palette_index(const char *s)
{
    size_t n = strlen(s);

    if (n == 0 || n > 3 || strspn(s, "0123456789") != n)
        return -1;
    int v = atoi(s);
    return v <= 255 ? v : -1;
}

static bool parse_rgb(const char *s, uint32_t *rgb)
{
    if (s[0] != '#' || strlen(s) != 7 || strspn(s + 1, "0123456789abcdefABCDEF") != 6)
        return false;
    *rgb = (uint32_t)strtoul(s + 1, NULL, 16);
    return true;
}

/* COLOUR or COLOUR/BASIC. */
static bool parse_color(struct parser *p, const char *tok, struct theme_color *c)
{
    char colour[32];
    const char *slash = strchr(tok, '/');
    size_t n = slash ? (size_t)(slash - tok) : strlen(tok);
    int i;

    if (n >= sizeof colour)
        n = sizeof colour - 1;
    memcpy(colour, tok, n);
    colour[n] = '\0';
    c->low = THEME_LOW_AUTO;
    if (strcasecmp(colour, "default") == 0) {
        *c = (struct theme_color){TCOLOR_DEFAULT, 0, THEME_LOW_DEFAULT};
    } else if (parse_rgb(colour, &c->value)) {
        c->kind = TCOLOR_RGB;
    } else if ((i = basic_index(colour)) >= 0 || (i = palette_index(colour)) >= 0) {
        c->kind = TCOLOR_INDEX;
        c->value = (uint32_t)i;
    } else {
        parse_error(p, p->in.line,
                    "unknown colour '%s' (want #RRGGBB, 0-255, a colour name such as red or "
                    "bright-blue, or default)",
                    colour);
        return false;
    }
    if (!slash)
        return true;
    if (strcasecmp(slash + 1, "default") == 0) {
        c->low = THEME_LOW_DEFAULT;
    } else if ((i = basic_index(slash + 1)) >= 0 ||
               ((i = palette_index(slash + 1)) >= 0 && i < 16)) {
        c->low = i;
    } else {
        parse_error(p, p->in.line,
                    "unknown basic colour '%s' after '/' (want black ... white, bright-black "
                    "... bright-white, 0-15 or default)",
                    slash + 1);
        return false;
    }
    return true;
}

/* "fg COLOUR bg COLOUR bold reverse dim underline", or "plain". In [mono],
 * attributes only. */
static bool parse_style(struct parser *p, const char *value, bool mono, struct theme_style *st)
{
    char copy[256], *save = NULL, *tok;
    bool ok = true, any = false;

    snprintf(copy, sizeof copy, "%s", value);
    for (tok = strtok_r(copy, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
        size_t a;
        any = true;
        for (a = 0; a < THEME_NATTRS && strcasecmp(tok, theme_attr_names[a].name) != 0; a++)
            ;
        if (a < THEME_NATTRS) {
            *(mono ? &st->mono : &st->attrs) |= theme_attr_names[a].bit;
        } else if (strcasecmp(tok, "plain") == 0) {
            continue;
        } else if (!mono && (strcmp(tok, "fg") == 0 || strcmp(tok, "bg") == 0)) {
            struct theme_color *c = tok[0] == 'f' ? &st->fg : &st->bg;
            const char *arg = strtok_r(NULL, " \t", &save);
            if (!arg) {
                parse_error(p, p->in.line, "'%s' needs a colour", tok);
                return false;
            }
            ok = parse_color(p, arg, c) && ok;
        } else {
            parse_error(p, p->in.line, "unknown word '%s' (want %sbold, reverse, dim, underline%s)",
                        tok, mono ? "" : "fg COLOUR, bg COLOUR, ",
                        mono ? " or plain: [mono] takes attributes only" : " or plain");
            ok = false;
        }
    }
    if (!any) {
        parse_error(p, p->in.line, "no style given (want %sattributes, or plain)",
                    mono ? "" : "fg COLOUR, bg COLOUR, ");
        return false;
    }
    return ok;
}

static int find_role(const char *key)
{
    for (int r = 0; r < ROLE_COUNT; r++) {
        if (strcmp(role_keys[r], key) == 0)
            return r;
    }
    return -1;
}

static void theme_key(struct parser *p, const char *name, const char *value)
{
    char *field = strcmp(name, "name") == 0          ? p->th->name
                  : strcmp(name, "description") == 0 ? p->th->description
                                                     : NULL;
    size_t size = field == p->th->name ? sizeof p->th->name : sizeof p->th->description;

    if (!field) {
        parse_error(p, p->in.line, "unknown key '%s' in [theme] (want name or description)", name);
        return;
    }
    if (strlen(value) >= size) {
        parse_error(p, p->in.line, "%s is too long (at most %zu characters)", name, size - 1);
        return;
    }
    if (field == p->th->name && !*value) { /* found by fuzz_theme: a theme named "" */
        parse_error(p, p->in.line, "name is empty");
        return;
    }
    for (const char *s = value; *s; s++) {
        if ((unsigned char)*s < ' ' || *s == 0x7f) {
            parse_error(p, p->in.line, "%s has a control character", name);
            return;
        }
    }
    memcpy(field, value, strlen(value) + 1);
    if (field == p->th->name)
        p->have_name = true;
}

static void role_key(struct parser *p, const char *name, const char *value)
{
    bool mono = p->section == SEC_MONO;
    int r = find_role(name), *seen;
    struct theme_style st = {0};

    if (r < 0) {
        parse_error(p, p->in.line, "unknown role '%s' (the roles are listed in docs/themes.md)",
                    name);
        return;
    }
    seen = &p->seen[mono][r];
    if (*seen) {
        parse_error(p, p->in.line, "'%s' is already set on line %d", name, *seen);
        return;
    }
    *seen = p->in.line;
    if (!parse_style(p, value, mono, &st))
        return;
    /* A role given replaces the default's colours and attributes whole: fg
     * and bg not named are the terminal's own. */
    if (mono) {
        p->th->roles[r].mono = st.mono;
    } else {
        p->th->roles[r].fg = st.fg;
        p->th->roles[r].bg = st.bg;
        p->th->roles[r].attrs = st.attrs;
    }
}

static int handler(void *user, const char *section, const char *name, const char *value)
{
    struct parser *p = user;

    (void)section; /* the reader tracks it, with its line */
    p->started = true;
    switch (p->section) {
    case SEC_NONE: not_a_theme(p); break;
    case SEC_THEME: theme_key(p, name, value); break;
    case SEC_ROLES:
    case SEC_MONO: role_key(p, name, value); break;
    case SEC_BAD: break; /* reported once at the section's line */
    }
    return 1;
}

/* "themes/dark.theme" -> "dark". */
static void file_stem(const char *path, char *out, size_t outlen)
{
    const char *base = strrchr(path, '/');
    size_t n;

    base = base ? base + 1 : path;
    n = strlen(base);
    if (n > 6 && strcmp(base + n - 6, ".theme") == 0)
        n -= 6;
    if (n >= outlen)
        n = outlen - 1;
    memcpy(out, base, n);
    out[n] = '\0';
}

int theme_parse(const char *text, const char *name, struct theme *out, char **errors)
{
    struct parser p = {.in = {.pos = text, .name = name, .max_errors = THEME_MAX_ERRORS}};
    struct theme *th = xmalloc(sizeof *th);
    int rc;

    *errors = NULL;
    *th = builtin;
    th->description[0] = '\0';
    p.th = th;
    rc = ini_parse_stream(reader, &p, handler, &p);
    if (rc < 0)
        parse_error(&p, p.in.line, "cannot parse (out of memory)");
    else if (rc > 0 && !p.started)
        not_a_theme(&p);
    else if (rc > 0 && !p.foreign)
        parse_error(&p, rc, "syntax error (want role = style, or [section])");
    if (p.in.nerrors) {
        *errors = ini_lines_take_errors(&p.in);
        free(th);
        return -1;
    }
    if (!p.have_name)
        file_stem(name, th->name, sizeof th->name);
    th->path[0] = '\0';
    *out = *th;
    free(th);
    return 0;
}

int theme_load_file(const char *path, struct theme *out, char **errors)
{
    char err[1200], *text;
    size_t n;
    int rc;

    *errors = NULL;
    /* A FIFO or a device is refused without blocking. */
    if (safefile_read(path, THEME_MAX_BYTES, &text, &n, err, sizeof err) != 0) {
        *errors = xasprintf("%s\n", err);
        return -1;
    }
    if (memchr(text, '\0', n)) {
        *errors = xasprintf("%s: not a text file (it holds a NUL byte)\n", path);
        free(text);
        return -1;
    }
    rc = theme_parse(text, path, out, errors);
    free(text);
    if (rc == 0)
        snprintf(out->path, sizeof out->path, "%s", path);
    return rc;
}
