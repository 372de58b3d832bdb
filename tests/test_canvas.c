/* The canvas: clipping, wide characters, combining marks, unprintable
 * input, and the text dump that golden screens rely on. */
#include "config.h"

#include "sitrep/canvas.h"
#include "tap.h"

static char *dump(const struct canvas *cv)
{
    struct buf out = {0};

    canvas_dump(cv, &out);
    return buf_detach(&out);
}

static void test_text_and_clipping(void)
{
    struct canvas *cv = canvas_new(10, 2);
    char *s;

    is_int(canvas_put_text(cv, 0, 0, 0, ROLE_TEXT, 0, "hello"), 5, "five columns written");
    is_int(canvas_put_text(cv, 7, 0, 0, ROLE_TEXT, 0, "world"), 3, "clipped at the right edge");
    is_int(canvas_put_text(cv, 0, 5, 0, ROLE_TEXT, 0, "x"), 0, "a row below the canvas is ignored");
    is_int(canvas_put_text(cv, 0, 1, 2, ROLE_TEXT, 0, "abc"), 2, "max_cols limits the run");
    s = dump(cv);
    is_str(s, "hello  wor\nab\n", "the dump trims trailing blanks");
    free(s);
    canvas_free(cv);
}

static void test_wide(void)
{
    struct canvas *cv = canvas_new(5, 1);
    char *s;

    is_int(canvas_put_text(cv, 0, 0, 0, ROLE_TEXT, 0, "日本語"), 4,
           "two wide characters fit in five columns, the third is not split");
    ok(canvas_at(cv, 1, 0)->width == 0 && canvas_at(cv, 0, 0)->width == 2,
       "a wide character owns its cell and the next");
    s = dump(cv);
    is_str(s, "日本\n", "the dump shows whole characters only");
    free(s);
    canvas_put_text(cv, 1, 0, 0, ROLE_TEXT, 0, "x");
    s = dump(cv);
    is_str(s, " x本\n", "overwriting half a wide character blanks its other half");
    free(s);
    canvas_free(cv);
}

static void test_combining_and_junk(void)
{
    struct canvas *cv = canvas_new(6, 1);
    char *s;

    is_int(canvas_put_text(cv, 0, 0, 0, ROLE_TEXT, 0, "e\xcc\x81te"), 3,
           "a combining mark stays with its base in one cell");
    is_str(canvas_at(cv, 0, 0)->text, "e\xcc\x81", "the cell holds e + U+0301");
    canvas_clear(cv);
    canvas_put_text(cv, 0, 0, 0, ROLE_TEXT, 0, "a\x1b[1mb\xff");
    s = dump(cv);
    ok(!strchr(s, '\x1b') && strstr(s, "a?") == s, "unprintable input becomes '?': %s", s);
    free(s);
    canvas_free(cv);
}

static void test_style_and_resize(void)
{
    struct canvas *cv = canvas_new(4, 1);

    canvas_fill(cv, 0, 0, 4, 1, "#", ROLE_CELL_MAJOR, ATTR_BOLD);
    canvas_fill(cv, 1, 0, 2, 1, ".", ROLE_SELECTED, ATTR_REVERSE);
    ok(canvas_at(cv, 0, 0)->role == ROLE_CELL_MAJOR && canvas_at(cv, 0, 0)->attr == ATTR_BOLD &&
           strcmp(canvas_at(cv, 3, 0)->text, "#") == 0 &&
           canvas_at(cv, 1, 0)->role == ROLE_SELECTED &&
           canvas_at(cv, 2, 0)->attr == ATTR_REVERSE && strcmp(canvas_at(cv, 2, 0)->text, ".") == 0,
       "fill sets text, role and attributes inside its rectangle only");
    canvas_resize(cv, 0, 3);
    ok(cv->w == 0 && cv->h == 0 && canvas_at(cv, 0, 0) == NULL, "a zero size is an empty canvas");
    canvas_put_text(cv, 0, 0, 0, ROLE_TEXT, 0, "safe");
    canvas_fill(cv, -5, -5, 10, 10, "x", ROLE_TEXT, 0);
    canvas_resize(cv, 3, 2);
    ok(cv->w == 3 && cv->h == 2 && strcmp(canvas_at(cv, 2, 1)->text, " ") == 0,
       "drawing on an empty canvas is harmless; resizing blanks it");
    canvas_free(cv);
}

int main(void)
{
    test_text_and_clipping();
    test_wide();
    test_combining_and_junk();
    test_style_and_resize();
    return tap_done();
}
