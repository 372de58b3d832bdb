/* Large text for presentation mode (see ui_internal.h): a 3×5 pixel font,
 * two pixel rows to a terminal row with half blocks (▀ ▄ █), so a letter
 * takes 3 rows by 4 columns and a 100-column screen shared at 1280×720
 * still reads from across a room; larger screens draw each pixel as a
 * square of scale × scale. ASCII terminals get '#' for any pixel. */
#include "config.h"

#include <ctype.h>
#include <string.h>

#include "ui_internal.h"

/* Each glyph: five rows of three pixels, the top row first, bit 2 the
 * leftmost pixel. */
struct big_glyph {
    char c;
    unsigned char rows[5];
};

static const struct big_glyph font[] = {
    {'0', {7, 5, 5, 5, 7}},  {'1', {2, 6, 2, 2, 7}}, {'2', {7, 1, 7, 4, 7}}, {'3', {7, 1, 3, 1, 7}},
    {'4', {5, 5, 7, 1, 1}},  {'5', {7, 4, 7, 1, 7}}, {'6', {7, 4, 7, 5, 7}}, {'7', {7, 1, 1, 2, 2}},
    {'8', {7, 5, 7, 5, 7}},  {'9', {7, 5, 7, 1, 7}}, {'A', {2, 5, 7, 5, 5}}, {'B', {6, 5, 6, 5, 6}},
    {'C', {3, 4, 4, 4, 3}},  {'D', {6, 5, 5, 5, 6}}, {'E', {7, 4, 6, 4, 7}}, {'F', {7, 4, 6, 4, 4}},
    {'G', {3, 4, 5, 5, 3}},  {'H', {5, 5, 7, 5, 5}}, {'I', {7, 2, 2, 2, 7}}, {'J', {1, 1, 1, 5, 2}},
    {'K', {5, 5, 6, 5, 5}},  {'L', {4, 4, 4, 4, 7}}, {'M', {5, 7, 7, 5, 5}}, {'N', {6, 5, 5, 5, 5}},
    {'O', {2, 5, 5, 5, 2}},  {'P', {6, 5, 6, 4, 4}}, {'Q', {2, 5, 5, 6, 3}}, {'R', {6, 5, 6, 5, 5}},
    {'S', {3, 4, 2, 1, 6}},  {'T', {7, 2, 2, 2, 2}}, {'U', {5, 5, 5, 5, 7}}, {'V', {5, 5, 5, 5, 2}},
    {'W', {5, 5, 7, 7, 5}},  {'X', {5, 5, 2, 5, 5}}, {'Y', {5, 5, 2, 2, 2}}, {'Z', {7, 1, 2, 4, 7}},
    {'.', {0, 0, 0, 0, 2}},  {',', {0, 0, 0, 2, 4}}, {':', {0, 2, 0, 2, 0}}, {'-', {0, 0, 7, 0, 0}},
    {'\'', {2, 2, 0, 0, 0}}, {'!', {2, 2, 2, 0, 2}}, {'?', {6, 1, 2, 0, 2}}, {'/', {1, 1, 2, 4, 4}},
    {'%', {5, 1, 2, 4, 5}},  {'(', {1, 2, 2, 2, 1}}, {')', {4, 2, 2, 2, 4}}, {'+', {0, 2, 7, 2, 0}},
    {'&', {2, 5, 2, 5, 3}},  {'"', {5, 5, 0, 0, 0}}, {' ', {0, 0, 0, 0, 0}},
};

static const unsigned char *glyph_rows(char c)
{
    c = (char)toupper((unsigned char)c);
    for (size_t i = 0; i < sizeof font / sizeof font[0]; i++) {
        if (font[i].c == c)
            return font[i].rows;
    }
    return NULL; /* not in the font: drawn as a blank */
}

int big_text_rows(int scale)
{
    return (5 * scale + 1) / 2;
}

int big_text_width(const char *text, int scale)
{
    size_t n = strlen(text);

    return n ? (int)n * 4 * scale - scale : 0;
}

int big_text_fit(const char *text, int scale, int max_cols, char *out, size_t outlen)
{
    size_t room = max_cols > 0 ? (size_t)((max_cols + scale) / (4 * scale)) : 0;
    size_t n = strlen(text), cut = n;

    if (n > room) {
        cut = room;
        while (cut > 0 && text[cut] != ' ') /* whole words only */
            cut--;
        if (cut == 0)
            cut = room;
    }
    while (cut > 0 && text[cut - 1] == ' ')
        cut--;
    if (cut >= outlen)
        cut = outlen - 1;
    memcpy(out, text, cut);
    out[cut] = '\0';
    return big_text_width(out, scale);
}

static const char *half_block(bool top, bool bottom, bool ascii)
{
    if (ascii)
        return top || bottom ? "#" : " ";
    if (top && bottom)
        return "\xe2\x96\x88"; /* █ */
    if (top)
        return "\xe2\x96\x80"; /* ▀ */
    if (bottom)
        return "\xe2\x96\x84"; /* ▄ */
    return " ";
}

/* Whether pixel (px, py) of a glyph drawn at scale is set; rows beyond
 * the fifth (the half row of an odd scale) are blank. */
static bool pixel(const unsigned char *rows, int px, int py, int scale)
{
    int fx = px / scale, fy = py / scale;

    return rows && fy < 5 && (rows[fy] & (4u >> fx));
}

int big_text_draw(struct canvas *cv, int x, int y, int max_cols, const struct big_style *st,
                  const char *text)
{
    int used = 0, s = st->scale > 0 ? st->scale : 1, rows = big_text_rows(s);

    for (const char *p = text; *p; p++) {
        const unsigned char *g = glyph_rows(*p);
        if (max_cols > 0 && used + 3 * s > max_cols)
            break;
        for (int r = 0; r < rows; r++) {
            for (int px = 0; px < 3 * s; px++)
                canvas_put_text(
                    cv, x + used + px, y + r, 1, st->role, st->attr,
                    half_block(pixel(g, px, 2 * r, s), pixel(g, px, 2 * r + 1, s), st->ascii));
        }
        used += 4 * s;
    }
    return used > 0 ? used - s : 0;
}
