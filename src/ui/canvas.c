/* The cell canvas (see canvas.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sitrep/canvas.h"
#include "sitrep/sanitize.h"
#include "sitrep/xalloc.h"

static const struct canvas_cell blank = {" ", 1, ROLE_TEXT, 0};

struct canvas *canvas_new(int w, int h)
{
    struct canvas *cv = xcalloc(1, sizeof *cv);

    canvas_resize(cv, w, h);
    return cv;
}

void canvas_free(struct canvas *cv)
{
    if (cv) {
        free(cv->cells);
        free(cv);
    }
}

void canvas_resize(struct canvas *cv, int w, int h)
{
    if (w <= 0 || h <= 0)
        w = h = 0;
    free(cv->cells);
    cv->w = w;
    cv->h = h;
    cv->cells = xcalloc((size_t)w * (size_t)h + 1, sizeof *cv->cells);
    canvas_clear(cv);
}

void canvas_clear(struct canvas *cv)
{
    for (int i = 0; i < cv->w * cv->h; i++)
        cv->cells[i] = blank;
}

void canvas_clear_rows(struct canvas *cv, int y, int h)
{
    for (int r = y < 0 ? 0 : y; r < y + h && r < cv->h; r++) {
        for (int x = 0; x < cv->w; x++)
            cv->cells[r * cv->w + x] = blank;
    }
}

static struct canvas_cell *cell(struct canvas *cv, int x, int y)
{
    if (x < 0 || y < 0 || x >= cv->w || y >= cv->h)
        return NULL;
    return &cv->cells[y * cv->w + x];
}

const struct canvas_cell *canvas_at(const struct canvas *cv, int x, int y)
{
    return cell((struct canvas *)cv, x, y);
}

/* Clears whatever wide character straddles (x, y) so no half remains. */
static void unsplit(struct canvas *cv, int x, int y)
{
    struct canvas_cell *c = cell(cv, x, y), *left = cell(cv, x - 1, y), *right = cell(cv, x + 1, y);

    if (!c)
        return;
    if (c->width == 0 && left)
        *left = blank;
    if (c->width == 2 && right)
        *right = blank;
}

static void put_glyph(struct canvas *cv, int x, int y, const char *s, size_t len, int width,
                      enum style_role role, unsigned attr)
{
    struct canvas_cell *c = cell(cv, x, y), *r;

    if (!c)
        return;
    unsplit(cv, x, y);
    if (width == 2)
        unsplit(cv, x + 1, y);
    if (len >= sizeof c->text)
        len = sizeof c->text - 1;
    memcpy(c->text, s, len);
    c->text[len] = '\0';
    c->width = (uint8_t)width;
    c->role = (uint8_t)role;
    c->attr = (uint8_t)attr;
    if (width == 2 && (r = cell(cv, x + 1, y)) != NULL)
        *r = (struct canvas_cell){"", 0, (uint8_t)role, (uint8_t)attr};
}

/* Length of one character plus its combining marks at s, and its width. */
static size_t next_glyph(const char *s, size_t n, int *width)
{
    unsigned cp;
    size_t len = utf8_decode(s, n, &cp), more;
    int w = len ? sanitize_cp_width(cp) : -1;

    if (len == 0 || w <= 0) {
        *width = -1;
        return len ? len : 1;
    }
    while (len < n && (more = utf8_decode(s + len, n - len, &cp)) > 0 &&
           sanitize_cp_width(cp) == 0 && len + more < sizeof((struct canvas_cell *)0)->text)
        len += more;
    *width = w;
    return len;
}

int canvas_put_text(struct canvas *cv, int x, int y, int max_cols, enum style_role role,
                    unsigned attr, const char *text)
{
    size_t n = strlen(text);
    int used = 0, limit = cv->w - x;

    if (y < 0 || y >= cv->h || x >= cv->w)
        return 0;
    if (max_cols > 0 && max_cols < limit)
        limit = max_cols;
    while (n > 0 && used < limit) {
        int w;
        size_t len = next_glyph(text, n, &w);
        if (w < 0) {
            text += len;
            n -= len;
            w = 1;
            if (x + used >= 0)
                put_glyph(cv, x + used, y, "?", 1, 1, role, attr);
            used++;
            continue;
        }
        if (used + w > limit)
            break;
        if (x + used >= 0)
            put_glyph(cv, x + used, y, text, len, w, role, attr);
        used += w;
        text += len;
        n -= len;
    }
    return used;
}

void canvas_fill(struct canvas *cv, int x, int y, int w, int h, const char *glyph,
                 enum style_role role, unsigned attr)
{
    for (int row = y; row < y + h; row++) {
        for (int col = x; col < x + w; col++) {
            if (cell(cv, col, row))
                put_glyph(cv, col, row, glyph, strlen(glyph), 1, role, attr);
        }
    }
}

void canvas_dump(const struct canvas *cv, struct buf *out)
{
    for (int y = 0; y < cv->h; y++) {
        size_t start = out->len;
        for (int x = 0; x < cv->w; x++) {
            const struct canvas_cell *c = &cv->cells[y * cv->w + x];
            if (c->width > 0)
                buf_puts(out, c->text);
        }
        while (out->len > start && out->data[out->len - 1] == ' ')
            out->data[--out->len] = '\0';
        buf_putc(out, '\n');
    }
}
