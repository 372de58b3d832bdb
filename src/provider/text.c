/* Plain text out of the HTML and Markdown that status pages write their
 * updates in (see provider_internal.h). Only what a reader needs survives:
 * the words, line breaks where blocks end, links as their text. What comes
 * out is still remote text, for the sanitizer. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "provider_internal.h"
#include "sitrep/buf.h"
#include "sitrep/xalloc.h"

static char ascii_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

bool text_starts_with(const char *text, const char *prefix)
{
    for (; *prefix; text++, prefix++) {
        if (!*text || ascii_lower(*text) != ascii_lower(*prefix))
            return false;
    }
    return true;
}

void text_put_utf8(struct buf *out, unsigned cp)
{
    char b[4];
    size_t n;

    if (cp == 0 || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
        cp = 0xfffd;
    if (cp < 0x80) {
        b[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        b[0] = (char)(0xc0 | cp >> 6);
        b[1] = (char)(0x80 | (cp & 0x3f));
        n = 2;
    } else if (cp < 0x10000) {
        b[0] = (char)(0xe0 | cp >> 12);
        b[1] = (char)(0x80 | (cp >> 6 & 0x3f));
        b[2] = (char)(0x80 | (cp & 0x3f));
        n = 3;
    } else {
        b[0] = (char)(0xf0 | cp >> 18);
        b[1] = (char)(0x80 | (cp >> 12 & 0x3f));
        b[2] = (char)(0x80 | (cp >> 6 & 0x3f));
        b[3] = (char)(0x80 | (cp & 0x3f));
        n = 4;
    }
    buf_append(out, b, n);
}

/* ---- HTML ----------------------------------------------------------------- */

static const struct {
    const char *name;
    unsigned cp;
} entities[] = {
    {"amp", '&'},       {"lt", '<'},       {"gt", '>'},       {"quot", '"'},
    {"apos", '\''},     {"nbsp", ' '},     {"ndash", 0x2013}, {"mdash", 0x2014},
    {"hellip", 0x2026}, {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"ldquo", 0x201c},
    {"rdquo", 0x201d},  {"bull", 0x2022},  {"deg", 0xb0},     {"copy", 0xa9},
};

/* Tags whose start or end is a line break (br is one of its own). */
static const char *const block_tags[] = {
    "p",  "div", "li", "ul",         "ol",  "tr", "table",   "h1",      "h2", "h3",
    "h4", "h5",  "h6", "blockquote", "pre", "hr", "section", "article", NULL,
};

/* Decodes the reference at s ('&'); returns its length, 0 if it is none. */
static size_t decode_entity(const char *s, struct buf *out)
{
    const char *semi = strchr(s, ';');
    size_t n = semi ? (size_t)(semi - s) : 0;

    if (!semi || n < 2 || n > 10)
        return 0;
    if (s[1] == '#') {
        char *end;
        bool hex = s[2] == 'x' || s[2] == 'X';
        unsigned long cp = strtoul(s + (hex ? 3 : 2), &end, hex ? 16 : 10);
        if (end != semi || end == s + (hex ? 3 : 2))
            return 0;
        text_put_utf8(out, cp > 0x10ffff ? 0xfffd : (unsigned)cp);
        return n + 1;
    }
    for (size_t i = 0; i < sizeof entities / sizeof entities[0]; i++) {
        if (strlen(entities[i].name) == n - 1 && strncmp(s + 1, entities[i].name, n - 1) == 0) {
            text_put_utf8(out, entities[i].cp);
            return n + 1;
        }
    }
    return 0;
}

/* The tag at s ('<') ends where? Returns the byte after '>', and its name
 * (lower case) in name; NULL when it does not end. */
static const char *read_tag(const char *s, char *name, size_t cap)
{
    const char *p = s + 1, *end = strchr(s, '>');
    size_t n = 0;

    if (!end)
        return NULL;
    if (*p == '/')
        p++;
    while (p < end && n + 1 < cap &&
           ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
        name[n++] = ascii_lower(*p++);
    name[n] = '\0';
    return end + 1;
}

/* Appends c, making blank runs one space and keeping at most one blank
 * line; a space never starts a line. */
static void put_text(struct buf *out, char c)
{
    char last = out->len ? out->data[out->len - 1] : '\n';

    if (c == ' ' || c == '\t' || c == '\r') {
        if (last != ' ' && last != '\n')
            buf_putc(out, ' ');
        return;
    }
    if (c == '\n') {
        while (out->len && out->data[out->len - 1] == ' ')
            out->len--;
        if (out->len >= 2 && out->data[out->len - 1] == '\n' && out->data[out->len - 2] == '\n')
            return;
        if (out->len)
            buf_putc(out, '\n');
        return;
    }
    buf_putc(out, c);
}

static char *finish(struct buf *out)
{
    while (out->len && (out->data[out->len - 1] == ' ' || out->data[out->len - 1] == '\n'))
        out->len--;
    buf_putc(out, '\0');
    out->len--;
    return buf_detach(out);
}

char *text_from_html(const char *html)
{
    struct buf out = {0};
    char name[16];

    for (const char *p = html ? html : ""; *p;) {
        if (*p == '<') {
            const char *next = read_tag(p, name, sizeof name);
            if (!next)
                break; /* a tag cut off: the rest is not text */
            if ((strcmp(name, "script") == 0 || strcmp(name, "style") == 0) && p[1] != '/') {
                const char *close = strstr(next, "</");
                const char *gt = close ? strchr(close, '>') : NULL;
                next = gt ? gt + 1 : next + strlen(next);
            }
            if (strcmp(name, "br") == 0) {
                put_text(&out, '\n');
            } else if (str_in_list(block_tags, name)) {
                if (out.len && out.data[out.len - 1] != '\n')
                    put_text(&out, '\n');
                if (strcmp(name, "li") == 0 && p[1] != '/')
                    buf_puts(&out, "- ");
            }
            p = next;
            continue;
        }
        if (*p == '&') {
            size_t n = decode_entity(p, &out);
            if (n) {
                p += n;
                continue;
            }
        }
        put_text(&out, *p == '\n' ? ' ' : *p);
        p++;
    }
    return finish(&out);
}

/* ---- Markdown ---------------------------------------------------------- */

/* "[text](url)" at s: appends "text (url)" and returns its length, 0 if s
 * is not a link. */
static size_t markdown_link(const char *s, struct buf *out)
{
    const char *close = strchr(s, ']'), *nl = strchr(s, '\n');
    const char *end;

    if (!close || (nl && nl < close) || close[1] != '(' || !(end = strchr(close, ')')) ||
        (nl && nl < end))
        return 0;
    buf_append(out, s + 1, (size_t)(close - s - 1));
    buf_puts(out, " (");
    buf_append(out, close + 2, (size_t)(end - close - 2));
    buf_putc(out, ')');
    return (size_t)(end - s + 1);
}

/* Heading marks at a line start ("## ") are dropped, so is emphasis
 * ("**", "__"); a backslash escape keeps its character. */
char *text_from_markdown(const char *md)
{
    struct buf out = {0};
    bool line_start = true;

    for (const char *p = md ? md : ""; *p;) {
        if (line_start && *p == '#') {
            while (*p == '#')
                p++;
            while (*p == ' ')
                p++;
            line_start = false;
            continue;
        }
        line_start = *p == '\n';
        if ((p[0] == '*' && p[1] == '*') || (p[0] == '_' && p[1] == '_')) {
            p += 2;
            continue;
        }
        if (p[0] == '\\' && p[1] && strchr("\\`*_{}[]()#+-.!|<>", p[1])) {
            buf_putc(&out, p[1]);
            p += 2;
            continue;
        }
        if (*p == '[') {
            size_t n = markdown_link(p, &out);
            if (n) {
                p += n;
                continue;
            }
        }
        if (*p == '\r') {
            p++;
            continue;
        }
        buf_putc(&out, *p++);
    }
    return finish(&out);
}
