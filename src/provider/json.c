/* A strict JSON reader for the formats whose documents are big and read
 * sparsely (Google's 150-400 KB histories, AWS's 200 KB event lists,
 * Statuspage summaries of a megabyte and more), see provider_internal.h.
 *
 * jansson builds a hash table per object and a copy of every string; on
 * these documents that alone took three to four times as long as Python's
 * json.loads, over the budget for a whole parse. Here one pass validates
 * the document (RFC 8259: grammar, UTF-8, escapes, control characters,
 * nesting) into a flat array of nodes over one copy of the text; a string
 * ends where its closing quote was (a NUL is written there) and is
 * unescaped in place the first time it is read; numbers are converted when
 * read. Nothing else is built, so reading the few fields a parser wants
 * costs little more than finding them. */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "provider_internal.h"
#include "sitrep/buf.h"
#include "sitrep/sanitize.h"
#include "sitrep/xalloc.h"

#define JSON_MAX_DEPTH 2048 /* as jansson */

struct scan {
    struct jdoc *d;
    char *p, *end;
    char *err;
    size_t errlen;
};

static int scan_fail(struct scan *s, const char *what)
{
    snprintf(s->err, s->errlen, "%s at byte %zu", what, (size_t)(s->p - s->d->text));
    return -1;
}

static uint32_t new_node(struct jdoc *d, unsigned char type, const char *at)
{
    if (d->n == d->cap) {
        d->cap = d->cap ? 2 * d->cap : 256;
        d->nodes = xreallocarray(d->nodes, d->cap, sizeof *d->nodes);
    }
    d->nodes[d->n] = (struct jnode){type, 0, (uint32_t)(at - d->text), 0, 0};
    return (uint32_t)d->n++;
}

static void skip_blanks(struct scan *s)
{
    while (s->p < s->end && (*s->p == ' ' || *s->p == '\n' || *s->p == '\r' || *s->p == '\t'))
        s->p++;
}

static int hex4(const char *p, unsigned *out)
{
    unsigned v = 0;

    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
            v |= (unsigned)((c | 0x20) - 'a' + 10);
        else
            return -1;
    }
    *out = v;
    return 0;
}

/* Checks a \u escape at p (after the backslash); returns its length in the
 * text (5, or 11 for a surrogate pair), 0 when it is bad. */
static size_t check_unicode(const char *p, const char *end, unsigned *cp)
{
    unsigned hi, lo;

    if (end - p < 5 || hex4(p + 1, &hi) != 0)
        return 0;
    if (hi >= 0xdc00 && hi <= 0xdfff)
        return 0;
    if (hi < 0xd800 || hi > 0xdbff) {
        *cp = hi;
        return hi == 0 ? 0 : 5; /* NUL in a string: as jansson, refused */
    }
    if (end - p < 11 || p[5] != '\\' || p[6] != 'u' || hex4(p + 7, &lo) != 0 || lo < 0xdc00 ||
        lo > 0xdfff)
        return 0;
    *cp = 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00);
    return 11;
}

/* Whether the 8 bytes at p are all plain string bytes: ASCII, not a
 * control, a quote or a backslash. Tested a word at a time (each test is
 * exact as to whether any byte matches), as strings are most of a
 * document's bytes. */
#define ONES  UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

static bool plain8(const char *p)
{
    uint64_t w, quote, backslash;

    memcpy(&w, p, sizeof w);
    quote = w ^ (ONES * '"');
    backslash = w ^ (ONES * '\\');
    return !((w | ((w - ONES * 0x20) & ~w) | ((quote - ONES) & ~quote) |
              ((backslash - ONES) & ~backslash)) &
             HIGHS);
}

static int scan_string(struct scan *s, unsigned char type)
{
    uint32_t at = new_node(s->d, type, s->p + 1);
    bool escaped = false;
    char *p = s->p + 1;

    for (;;) {
        unsigned char c;
        /* the common case: plain ASCII */
        while (s->end - p >= 8 && plain8(p))
            p += 8;
        while (p < s->end && (c = (unsigned char)*p) >= 0x20 && c < 0x80 && c != '"' && c != '\\')
            p++;
        if (p >= s->end) {
            s->p = p;
            return scan_fail(s, "truncated JSON");
        }
        c = (unsigned char)*p;
        if (c == '"')
            break;
        if (c < 0x20) {
            s->p = p;
            return scan_fail(s, "control character in a string");
        }
        if (c == '\\') {
            unsigned cp;
            size_t n = 2;
            escaped = true;
            if (p + 1 >= s->end) {
                s->p = p;
                return scan_fail(s, "truncated JSON");
            }
            if (p[1] == 'u')
                n = 1 + check_unicode(p + 1, s->end, &cp);
            else if (!strchr("\"\\/bfnrt", p[1]) || !p[1])
                n = 1;
            if (n == 1) {
                s->p = p;
                return scan_fail(s, "invalid escape in a string");
            }
            p += n;
            continue;
        }
        {
            unsigned cp;
            size_t n = utf8_decode(p, (size_t)(s->end - p), &cp);
            if (n == 0) {
                s->p = p;
                return scan_fail(s, "invalid UTF-8");
            }
            p += n;
        }
    }
    s->d->nodes[at].len = (uint32_t)(p - (s->p + 1));
    s->d->nodes[at].escaped = escaped;
    *p = '\0'; /* the closing quote: the string is a C string now */
    s->p = p + 1;
    s->d->nodes[at].end = at + 1;
    return 0;
}

static bool digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Whether the number at p (len bytes) is too large for a double. Only one
 * with an exponent or more than 300 digits can be, so most are not read. */
static bool number_huge(const char *p, size_t len, bool exponent)
{
    if (!exponent && len <= 300)
        return false;
    return !isfinite(strtod(p, NULL));
}

static int scan_number(struct scan *s)
{
    char *p = s->p;
    uint32_t at = new_node(s->d, JT_NUMBER, p);
    bool exponent = false;

    if (p < s->end && *p == '-')
        p++;
    if (p < s->end && *p == '0')
        p++;
    else if (p < s->end && digit(*p))
        while (p < s->end && digit(*p))
            p++;
    else
        return scan_fail(s, "invalid JSON syntax");
    if (p < s->end && *p == '.') {
        if (++p >= s->end || !digit(*p))
            return scan_fail(s, "invalid JSON syntax");
        while (p < s->end && digit(*p))
            p++;
    }
    if (p < s->end && (*p == 'e' || *p == 'E')) {
        exponent = true;
        p++;
        if (p < s->end && (*p == '+' || *p == '-'))
            p++;
        if (p >= s->end || !digit(*p))
            return scan_fail(s, "invalid JSON syntax");
        while (p < s->end && digit(*p))
            p++;
    }
    s->d->nodes[at].len = (uint32_t)(p - s->p);
    s->d->nodes[at].end = at + 1;
    /* strtod stops at the byte after the number: a delimiter or the
     * document's closing NUL, never past the text */
    if (!s->d->huge_at && number_huge(s->p, (size_t)(p - s->p), exponent))
        s->d->huge_at = (uint32_t)(s->p - s->d->text) + 1;
    s->p = p;
    return 0;
}

static int scan_word(struct scan *s, const char *word, unsigned char type)
{
    size_t n = strlen(word);

    if ((size_t)(s->end - s->p) < n || memcmp(s->p, word, n) != 0)
        return scan_fail(s, (size_t)(s->end - s->p) < n &&
                                    memcmp(s->p, word, (size_t)(s->end - s->p)) == 0
                                ? "truncated JSON"
                                : "invalid JSON syntax");
    uint32_t at = new_node(s->d, type, s->p);
    s->d->nodes[at].end = at + 1;
    s->p += n;
    return 0;
}

static int scan_value(struct scan *s, int depth);

/* An array or an object: children follow their parent in the node array;
 * an object's children are key, value, key, value ... */
static int scan_container(struct scan *s, int depth)
{
    bool object = *s->p == '{';
    char close = object ? '}' : ']';
    uint32_t at = new_node(s->d, object ? JT_OBJECT : JT_ARRAY, s->p), count = 0;

    if (depth >= JSON_MAX_DEPTH)
        return scan_fail(s, "nesting too deep");
    s->p++;
    skip_blanks(s);
    if (s->p < s->end && *s->p == close) {
        s->p++;
    } else {
        for (;;) {
            skip_blanks(s);
            if (object) {
                if (s->p >= s->end)
                    return scan_fail(s, "truncated JSON");
                if (*s->p != '"')
                    return scan_fail(s, "invalid JSON syntax");
                if (scan_string(s, JT_STRING) != 0)
                    return -1;
                skip_blanks(s);
                if (s->p >= s->end)
                    return scan_fail(s, "truncated JSON");
                if (*s->p++ != ':')
                    return (s->p--, scan_fail(s, "invalid JSON syntax"));
            }
            if (scan_value(s, depth + 1) != 0)
                return -1;
            count++;
            skip_blanks(s);
            if (s->p >= s->end)
                return scan_fail(s, "truncated JSON");
            if (*s->p == ',') {
                s->p++;
                continue;
            }
            if (*s->p != close)
                return scan_fail(s, "invalid JSON syntax");
            s->p++;
            break;
        }
    }
    s->d->nodes[at].len = count;
    s->d->nodes[at].end = (uint32_t)s->d->n;
    return 0;
}

static int scan_value(struct scan *s, int depth)
{
    skip_blanks(s);
    if (s->p >= s->end)
        return scan_fail(s, "truncated JSON");
    switch (*s->p) {
    case '{':
    case '[': return scan_container(s, depth);
    case '"': return scan_string(s, JT_STRING);
    case 't': return scan_word(s, "true", JT_TRUE);
    case 'f': return scan_word(s, "false", JT_FALSE);
    case 'n': return scan_word(s, "null", JT_NULL);
    default: return scan_number(s);
    }
}

int jdoc_parse(struct jdoc *d, const char *text, size_t len, char *err, size_t errlen)
{
    struct scan s;

    memset(d, 0, sizeof *d);
    if (len >= UINT32_MAX / 2)
        return provider_fail(err, errlen, "JSON too large");
    d->text = xmalloc(len + 1);
    memcpy(d->text, text, len);
    d->text[len] = '\0';
    d->cap = len / 8 + 16;
    d->nodes = xreallocarray(NULL, d->cap, sizeof *d->nodes);
    new_node(d, JT_NULL, d->text); /* node 0: "absent" */
    s = (struct scan){d, d->text, d->text + len, err, errlen};
    if (scan_value(&s, 0) != 0) {
        jdoc_free(d);
        return -1;
    }
    skip_blanks(&s);
    if (s.p != s.end) {
        scan_fail(&s, "trailing data after JSON");
        jdoc_free(d);
        return -1;
    }
    return 0;
}

void jdoc_free(struct jdoc *d)
{
    free(d->text);
    free(d->nodes);
    memset(d, 0, sizeof *d);
}

/* ---- reading ------------------------------------------------------------------ */

int jd_type(const struct jdoc *d, jref v)
{
    return v && v < d->n ? d->nodes[v].type : JT_NONE;
}

size_t jd_size(const struct jdoc *d, jref v)
{
    int t = jd_type(d, v);

    return t == JT_ARRAY || t == JT_OBJECT ? d->nodes[v].len : 0;
}

jref jd_first(const struct jdoc *d, jref v)
{
    return jd_size(d, v) ? v + 1 : 0;
}

jref jd_next(const struct jdoc *d, jref parent, jref child)
{
    jref next = d->nodes[child].end;

    if (jd_type(d, parent) == JT_OBJECT)
        next = d->nodes[next].end; /* past the value after this key */
    return next < d->nodes[parent].end ? next : 0;
}

/* Unescapes a string in place the first time it is read; never longer. */
static void unescape(struct jdoc *d, jref v)
{
    struct jnode *n = &d->nodes[v];
    char *in = d->text + n->start, *out = in, *end = in + n->len;

    while (in < end) {
        if (*in != '\\') {
            *out++ = *in++;
            continue;
        }
        switch (in[1]) {
        case 'b': *out++ = '\b'; break;
        case 'f': *out++ = '\f'; break;
        case 'n': *out++ = '\n'; break;
        case 'r': *out++ = '\r'; break;
        case 't': *out++ = '\t'; break;
        case 'u': {
            unsigned cp = 0;
            size_t k = check_unicode(in + 1, end, &cp);
            struct buf b = {0};
            text_put_utf8(&b, cp);
            memcpy(out, b.data, b.len);
            out += b.len;
            buf_free(&b);
            in += 1 + k;
            continue;
        }
        default: *out++ = in[1]; break; /* " \ / */
        }
        in += 2;
    }
    *out = '\0';
    n->len = (uint32_t)(out - (d->text + n->start));
    n->escaped = 0;
}

const char *jd_str(struct jdoc *d, jref v)
{
    if (jd_type(d, v) != JT_STRING)
        return NULL;
    if (d->nodes[v].escaped)
        unescape(d, v);
    return d->text + d->nodes[v].start;
}

/* A key equals name: keys with escapes are unescaped first. */
static bool key_is(struct jdoc *d, jref key, const char *name, size_t n)
{
    if (d->nodes[key].escaped)
        unescape(d, key);
    return d->nodes[key].len == n && memcmp(d->text + d->nodes[key].start, name, n) == 0;
}

jref jd_get(struct jdoc *d, jref obj, const char *name)
{
    size_t n = strlen(name);
    jref found = 0;

    if (jd_type(d, obj) != JT_OBJECT)
        return 0;
    /* The last of duplicate keys wins, as with jansson and Python. */
    for (jref k = jd_first(d, obj); k; k = jd_next(d, obj, k)) {
        if (key_is(d, k, name, n))
            found = k + 1;
    }
    return found;
}

void jd_get_each(struct jdoc *d, jref obj, const char *const *names, size_t n, jref *out)
{
    size_t lens[JD_GET_MAX];
    uint16_t by_first[256] = {0}; /* the names that start with each byte */
    jref end;

    for (size_t i = 0; i < n; i++)
        out[i] = 0; /* names past JD_GET_MAX too: never found */
    if (n > JD_GET_MAX)
        n = JD_GET_MAX;
    for (size_t i = 0; i < n; i++) {
        lens[i] = strlen(names[i]);
        by_first[(unsigned char)names[i][0]] |= (uint16_t)(1u << i);
    }
    if (jd_type(d, obj) != JT_OBJECT)
        return;
    end = d->nodes[obj].end;
    /* keys and values alternate up to the object's end */
    for (jref k = obj + 1; k < end; k = d->nodes[k + 1].end) {
        const char *text = d->text + d->nodes[k].start;
        if (d->nodes[k].escaped)
            unescape(d, k);
        for (unsigned m = by_first[(unsigned char)text[0]], i = 0; m; m >>= 1, i++) {
            if ((m & 1) && d->nodes[k].len == lens[i] && memcmp(text, names[i], lens[i]) == 0)
                out[i] = k + 1; /* later duplicates overwrite: the last wins */
        }
    }
}

/* A number of at most 15 digits and nothing else (the usual position or
 * count) read without strtod: every such value is exact in a double. */
static bool small_integer(const char *p, size_t len, double *out)
{
    bool minus = len && *p == '-';
    long long v = 0;

    if (len - minus == 0 || len - minus > 15)
        return false;
    for (size_t i = minus; i < len; i++) {
        if (!digit(p[i]))
            return false;
        v = v * 10 + (p[i] - '0');
    }
    *out = minus ? -(double)v : (double)v;
    return true;
}

double jd_num(const struct jdoc *d, jref v, bool *okp)
{
    double x;

    if (jd_type(d, v) != JT_NUMBER) {
        *okp = false;
        return 0;
    }
    if (small_integer(d->text + d->nodes[v].start, d->nodes[v].len, &x)) {
        *okp = true;
        return x;
    }
    x = strtod(d->text + d->nodes[v].start, NULL);
    *okp = isfinite(x);
    return *okp ? x : 0;
}

const char *jd_type_name(const struct jdoc *d, jref v)
{
    static const char *const names[] = {
        [JT_NONE] = "missing",   [JT_NULL] = "null",        [JT_FALSE] = "a boolean",
        [JT_TRUE] = "a boolean", [JT_NUMBER] = "a number",  [JT_STRING] = "a string",
        [JT_ARRAY] = "an array", [JT_OBJECT] = "an object",
    };

    return names[jd_type(d, v)];
}
