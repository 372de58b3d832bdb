/* Fuzz target: bytes -> feed_parse (the RSS/Atom reader every feed format
 * shares), and the same bytes through the HTML and Markdown to text helpers.
 * A feed that parses has whole strings; a failure leaves nothing and
 * explains itself without the body; text out of the helpers is never
 * longer than what went in, give or take the decoding of references. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/provider/provider_internal.h"
#include "sitrep/feed.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "invariant failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__);          \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

static void check_feed(const struct feed *f)
{
    CHECK(f->kind == FEED_RSS || f->kind == FEED_ATOM);
    CHECK(f->nitems == 0 || f->items != NULL);
    for (size_t i = 0; i < f->nitems; i++) {
        const struct feed_item *it = &f->items[i];
        CHECK(!it->title || *it->title);
        for (size_t k = 0; k < it->ncategories; k++)
            CHECK(it->categories[k] != NULL);
        for (size_t k = 0; k < it->nextra; k++)
            CHECK(it->extra[k].name && it->extra[k].value && *it->extra[k].value);
    }
}

/* At most four bytes of UTF-8 come out of each input byte (a reference of
 * three or more bytes gives one character, U+FFFD at worst), plus "- "
 * for a list item's tag. */
static void check_text(const char *in)
{
    char *html = text_from_html(in), *md = text_from_markdown(in);
    size_t n = strlen(in);

    CHECK(html && strlen(html) <= 2 * n + 4);
    CHECK(md && strlen(md) <= n);
    free(html);
    free(md);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const struct feed zero;
    struct feed f;
    char err[256] = "";
    char *text = malloc(size + 1);

    memset(&f, 0, sizeof f);
    if (feed_parse((const char *)data, size, &f, err, sizeof err) == 0) {
        check_feed(&f);
        feed_free(&f);
    } else {
        CHECK(memcmp(&f, &zero, sizeof f) == 0);
        CHECK(err[0] != '\0');
        for (const char *p = err; *p; p++)
            CHECK((unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7f);
    }
    CHECK(text != NULL);
    memcpy(text, data, size);
    text[size] = '\0';
    check_text(text);
    free(text);
    return 0;
}
