/* Colours (see theme.h): the depth decision, conversion from RGB and the
 * 256-colour palette down to 16 and 8, resolving a role at a depth, and
 * the styled canvas dump for golden screens. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "sitrep/theme.h"
#include "theme_internal.h"

/* ---- names ----------------------------------------------------------- */

const char *const theme_basic_names[16] = {
    "black",        "red",           "green",       "yellow",         "blue",
    "magenta",      "cyan",          "white",       "bright-black",   "bright-red",
    "bright-green", "bright-yellow", "bright-blue", "bright-magenta", "bright-cyan",
    "bright-white",
};

const struct theme_attr_name theme_attr_names[THEME_NATTRS] = {
    {"bold", ATTR_BOLD},
    {"reverse", ATTR_REVERSE},
    {"dim", ATTR_DIM},
    {"underline", ATTR_UNDERLINE},
};

bool color_mode_parse(const char *s, enum color_mode *out)
{
    static const struct {
        const char *name;
        enum color_mode mode;
    } modes[] = {
        {"auto", COLOR_MODE_AUTO},       {"truecolor", COLOR_MODE_TRUECOLOR},
        {"24bit", COLOR_MODE_TRUECOLOR}, {"256", COLOR_MODE_256},
        {"16", COLOR_MODE_16},           {"never", COLOR_MODE_NEVER},
    };

    for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++) {
        if (strcmp(s, modes[i].name) == 0) {
            *out = modes[i].mode;
            return true;
        }
    }
    return false;
}

const char *color_depth_name(enum color_depth depth)
{
    static const char *const names[] = {"none", "8", "16", "256", "truecolor"};

    return (unsigned)depth < sizeof names / sizeof names[0] ? names[depth] : "?";
}
/* ---- colour depth ---------------------------------------------------- */

enum color_depth theme_pick_depth(enum color_mode mode, const char *no_color, const char *colorterm,
                                  int colors, bool direct, char *note, size_t notelen)
{
    enum color_depth cap, want;
    char dummy[1];

    if (!note || !notelen) {
        note = dummy;
        notelen = sizeof dummy;
    }
    note[0] = '\0';
    if (mode == COLOR_MODE_NEVER || (mode == COLOR_MODE_AUTO && no_color && *no_color))
        return DEPTH_NONE;
    cap = direct          ? DEPTH_TRUECOLOR
          : colors >= 256 ? DEPTH_256
          : colors >= 16  ? DEPTH_16
          : colors >= 8   ? DEPTH_8
                          : DEPTH_NONE;
    if (mode == COLOR_MODE_AUTO) {
        bool hint =
            colorterm && (strcmp(colorterm, "truecolor") == 0 || strcmp(colorterm, "24bit") == 0);
        if (hint && cap != DEPTH_NONE && cap < DEPTH_TRUECOLOR)
            snprintf(note, notelen,
                     "COLORTERM=%s, but the terminal description has no direct colour: %s "
                     "colours (a TERM such as xterm-direct gives 24-bit)",
                     colorterm, color_depth_name(cap));
        return cap;
    }
    want = mode == COLOR_MODE_TRUECOLOR ? DEPTH_TRUECOLOR
           : mode == COLOR_MODE_256     ? DEPTH_256
                                        : DEPTH_16;
    if (cap >= want)
        return want;
    if (cap == DEPTH_NONE)
        snprintf(note, notelen, "--color=%s: the terminal description has no colours",
                 want == DEPTH_TRUECOLOR ? "truecolor" : color_depth_name(want));
    else
        snprintf(note, notelen, "--color=%s: the terminal description allows %s colours",
                 want == DEPTH_TRUECOLOR ? "truecolor" : color_depth_name(want),
                 color_depth_name(cap));
    return cap;
}

/* ---- colour conversion ----------------------------------------------- */

/* xterm's default palette for 0..15. */
static const uint32_t xterm16[16] = {
    0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd, 0x00cdcd, 0xe5e5e5,
    0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00, 0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff,
};
static const int cube_levels[6] = {0x00, 0x5f, 0x87, 0xaf, 0xd7, 0xff};

uint32_t theme_index_rgb(int index)
{
    if (index < 0 || index > 255)
        return 0;
    if (index < 16)
        return xterm16[index];
    if (index >= 232) {
        uint32_t g = (uint32_t)(8 + 10 * (index - 232));
        return g << 16 | g << 8 | g;
    }
    index -= 16;
    return (uint32_t)cube_levels[index / 36] << 16 | (uint32_t)cube_levels[index / 6 % 6] << 8 |
           (uint32_t)cube_levels[index % 6];
}

static long dist2(uint32_t a, uint32_t b)
{
    long dr = (long)(a >> 16 & 0xff) - (long)(b >> 16 & 0xff);
    long dg = (long)(a >> 8 & 0xff) - (long)(b >> 8 & 0xff);
    long db = (long)(a & 0xff) - (long)(b & 0xff);

    return dr * dr + dg * dg + db * db;
}

static int cube_step(int v)
{
    if (v < 48)
        return 0;
    if (v < 114)
        return 1;
    return (v - 35) / 40;
}

/* The nearest of the 6x6x6 cube and of the grey ramp, whichever is closer
 * (tmux's way of bringing RGB down to 256 colours). */
int theme_rgb_to_256(uint32_t rgb)
{
    int r = (int)(rgb >> 16 & 0xff), g = (int)(rgb >> 8 & 0xff), b = (int)(rgb & 0xff);
    int qr = cube_step(r), qg = cube_step(g), qb = cube_step(b);
    int cube = 16 + 36 * qr + 6 * qg + qb;
    int avg = (r + g + b) / 3, grey_i = avg > 238 ? 23 : (avg - 3) / 10;

    if (grey_i < 0)
        grey_i = 0;
    if (theme_index_rgb(cube) == rgb)
        return cube;
    return dist2(theme_index_rgb(232 + grey_i), rgb) < dist2(theme_index_rgb(cube), rgb)
               ? 232 + grey_i
               : cube;
}

int theme_rgb_to_basic(uint32_t rgb, int ncolors)
{
    int best = 0;

    for (int i = 1; i < ncolors && i < 16; i++) {
        if (dist2(xterm16[i], rgb) < dist2(xterm16[best], rgb))
            best = i;
    }
    return best;
}

static int32_t resolve_color(const struct theme_color *c, enum color_depth depth)
{
    int n = depth == DEPTH_8 ? 8 : 16;
    uint32_t rgb;

    if (c->kind == TCOLOR_DEFAULT)
        return -1;
    switch (depth) {
    case DEPTH_NONE: return -1;
    case DEPTH_TRUECOLOR:
        if (c->kind == TCOLOR_INDEX && c->value < 8)
            return (int32_t)c->value;
        rgb = c->kind == TCOLOR_RGB ? c->value : theme_index_rgb((int)c->value);
        return THEME_RGB_FLAG | (int32_t)rgb;
    case DEPTH_256: return c->kind == TCOLOR_RGB ? theme_rgb_to_256(c->value) : (int32_t)c->value;
    case DEPTH_16:
    case DEPTH_8: break;
    }
    if (c->low == THEME_LOW_DEFAULT)
        return -1;
    if (c->low >= 0)
        return c->low < n ? c->low : theme_rgb_to_basic(xterm16[c->low], n);
    if (c->kind == TCOLOR_INDEX && c->value < (uint32_t)n)
        return (int32_t)c->value;
    /* #RRGGBB goes through its 256-colour neighbour, so 16 colours agree
     * with what 256 showed. */
    rgb = theme_index_rgb(c->kind == TCOLOR_RGB ? theme_rgb_to_256(c->value) : (int)c->value);
    return theme_rgb_to_basic(rgb, n);
}

void theme_resolve(const struct theme *th, enum color_depth depth, enum style_role role,
                   unsigned attrs, struct theme_resolved *out)
{
    const struct theme_style *st = &th->roles[(unsigned)role < ROLE_COUNT ? role : ROLE_TEXT];

    out->fg = resolve_color(&st->fg, depth);
    out->bg = resolve_color(&st->bg, depth);
    out->attrs = (depth == DEPTH_NONE ? st->mono : st->attrs) | attrs;
}

static void describe_color(struct buf *b, const char *what, int32_t c)
{
    if (c < 0)
        return;
    if (c & THEME_RGB_FLAG)
        buf_printf(b, " %s #%06x", what, (unsigned)(c & 0xffffff));
    else if (c < 16)
        buf_printf(b, " %s %s", what, theme_basic_names[c]);
    else
        buf_printf(b, " %s %d", what, (int)c);
}

void theme_describe(const struct theme_resolved *rs, enum color_depth depth, char *out,
                    size_t outlen)
{
    struct buf b = {0};

    /* At 256 colours every index is a number, as in the theme files. */
    if (depth == DEPTH_256) {
        if (rs->fg >= 0)
            buf_printf(&b, " fg %d", (int)rs->fg);
        if (rs->bg >= 0)
            buf_printf(&b, " bg %d", (int)rs->bg);
    } else {
        describe_color(&b, "fg", rs->fg);
        describe_color(&b, "bg", rs->bg);
    }
    for (size_t a = 0; a < THEME_NATTRS; a++) {
        if (rs->attrs & theme_attr_names[a].bit)
            buf_printf(&b, " %s", theme_attr_names[a].name);
    }
    snprintf(out, outlen, "%s", b.len ? buf_str(&b) + 1 : "plain");
    buf_free(&b);
}

/* ---- styled dump ----------------------------------------------------- */

#define DUMP_MAX_STYLES 62

static char style_letter(int i)
{
    return (char)(i < 26 ? 'A' + i : i < 52 ? 'a' + i - 26 : '0' + i - 52);
}

void theme_dump_canvas(const struct theme *th, enum color_depth depth, const struct canvas *cv,
                       struct buf *out)
{
    struct theme_resolved seen[DUMP_MAX_STYLES];
    int nseen = 0;
    struct buf marks = {0};

    for (int y = 0; y < cv->h; y++) {
        size_t line = out->len, keep = out->len, mkeep = 0;
        buf_reset(&marks);
        buf_puts(out, "| ");
        keep = out->len;
        for (int x = 0; x < cv->w; x++) {
            const struct canvas_cell *c = canvas_at(cv, x, y);
            struct theme_resolved rs;
            char letter = ' ';
            if (c->width == 0)
                continue;
            theme_resolve(th, depth, (enum style_role)c->role, c->attr, &rs);
            if (rs.fg >= 0 || rs.bg >= 0 || rs.attrs) {
                int i = 0;
                while (i < nseen &&
                       (seen[i].fg != rs.fg || seen[i].bg != rs.bg || seen[i].attrs != rs.attrs))
                    i++;
                if (i == nseen && nseen < DUMP_MAX_STYLES)
                    seen[nseen++] = rs;
                letter = i < DUMP_MAX_STYLES ? style_letter(i) : '!';
            }
            buf_puts(out, c->text);
            if (strcmp(c->text, " ") != 0)
                keep = out->len;
            buf_repeat(&marks, letter, c->width);
            if (letter != ' ')
                mkeep = marks.len;
        }
        out->len = keep;
        out->data[keep] = '\0';
        if (keep == line + 2) /* "| " alone */
            out->len = keep - 1;
        buf_putc(out, '\n');
        if (mkeep) {
            buf_puts(out, ": ");
            buf_append(out, marks.data, mkeep);
            buf_putc(out, '\n');
        }
    }
    buf_free(&marks);
    if (depth == DEPTH_NONE)
        buf_puts(out, "\nstyles without colour (attributes only):\n");
    else if (depth == DEPTH_TRUECOLOR)
        buf_puts(out, "\nstyles at 24-bit colour:\n");
    else
        buf_printf(out, "\nstyles at %s colours:\n", color_depth_name(depth));
    for (int i = 0; i < nseen; i++) {
        char desc[96];
        theme_describe(&seen[i], depth, desc, sizeof desc);
        buf_printf(out, "%c  %s\n", style_letter(i), desc);
    }
}
