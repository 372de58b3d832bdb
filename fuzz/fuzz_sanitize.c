/* Fuzz target for the sanitizer. Input layout: byte 0 = flags (low 3 bits),
 * byte 1 = max_cols (0-47, or -1..-8 from 0xF8 up: "no limit"), byte 2 =
 * columns for sanitize_fit (0-63), the rest is the text. Every property the
 * rest of sitrep relies on is checked with code written independently of
 * sanitize.c (its own UTF-8 decoder, its own list of banned code points, its
 * own C.UTF-8 wcwidth), and any violation abort()s after a hex dump.
 * Built with -fsanitize=fuzzer for fuzzing, and with replay.c for make check. */
#include "config.h"

#include <locale.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "sitrep/sanitize.h"
#include "sanitize_ref.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define ELLIPSIS "\xE2\x80\xA6"

static void dump(const char *label, const char *s, size_t n)
{
    fprintf(stderr, "  %s (%zu bytes):", label, n);
    for (size_t i = 0; i < n; i++)
        fprintf(stderr, " %02x", (unsigned char)s[i]);
    fprintf(stderr, "\n");
}

static void fail(const char *what, const char *s)
{
    fprintf(stderr, "fuzz_sanitize: invariant broken: %s\n", what);
    dump("string", s, strlen(s));
    abort();
}

/* Checks one line of output: characters, combining runs, width. */
static int check_line(const char *line, size_t n, int max_cols, unsigned flags)
{
    int col = 0, marks = -1;

    for (size_t i = 0; i < n;) {
        unsigned cp;
        size_t len = strict_decode((const unsigned char *)line + i, n - i, &cp);
        int w;

        if (len == 0)
            fail("output is not valid UTF-8", line);
        if (banned(cp, false))
            fail("banned code point in output", line);
        if ((flags & SAN_ASCII) && cp > 0x7E)
            fail("non-ASCII in SAN_ASCII output", line);
        w = ref_width(cp);
        if (w < 0)
            fail("code point wcwidth rejects in output", line);
        if (w == 0 && (marks < 0 || ++marks > SAN_MAX_COMBINING))
            fail("orphan combining mark or too many marks", line);
        if (w > 0)
            marks = 0;
        col += w;
        i += len;
    }
    if (max_cols > 0 && col > max_cols)
        fail("line wider than max_cols", line);
    return col;
}

static void check_shape(const char *out, unsigned flags)
{
    size_t n = strlen(out);

    if (n == 0)
        return;
    /* Multiline keeps each line's indentation. */
    if ((out[0] == ' ' && !(flags & SAN_MULTILINE)) || out[n - 1] == ' ' || out[0] == '\n' ||
        out[n - 1] == '\n')
        fail("leading or trailing blank", out);
    if (strstr(out, " \n") || strstr(out, "\n\n\n"))
        fail("trailing blank on a line or blank lines not collapsed", out);
    if (!(flags & SAN_MULTILINE) && strchr(out, '\n'))
        fail("line break in single-line output", out);
}

static void check_output(const char *out, int max_cols, unsigned flags)
{
    const char *p = out;
    int widest = 0;

    if (!out)
        abort();
    check_shape(out, flags);
    for (;;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        int w = check_line(p, n, max_cols, flags);

        widest = w > widest ? w : widest;
        if (!nl)
            break;
        p = nl + 1;
    }
    if (sanitize_width(out) != widest)
        fail("sanitize_width disagrees with wcwidth", out);
}

/* Sanitizing clean text changes nothing. */
static void check_idempotent(const char *out, int max_cols, unsigned flags)
{
    char *again = sanitize_text(out, strlen(out), max_cols, flags);

    if (strcmp(again, out) != 0) {
        dump("again", again, strlen(again));
        fail("sanitizing the output again changed it", out);
    }
    free(again);
}

/* Single-line truncation keeps the longest fitting prefix of the untruncated
 * result (minus trailing spaces), plus the ellipsis when asked for. */
static void check_truncation(const char *text, size_t len, const char *out, int max_cols,
                             unsigned flags)
{
    char *full = sanitize_text(text, len, 0, flags);
    const char *ell = flags & SAN_ASCII ? "~" : ELLIPSIS;
    size_t n = strlen(out), keep;

    if (strcmp(full, out) == 0 || (flags & SAN_MULTILINE)) {
        free(full);
        return;
    }
    if (max_cols <= 0 || sanitize_width(full) <= max_cols)
        fail("truncated although the text fits", out);
    if (flags & SAN_ELLIPSIS) {
        if (n < strlen(ell) || strcmp(out + n - strlen(ell), ell) != 0)
            fail("truncated without the ellipsis", out);
        n -= strlen(ell);
    }
    keep = sanitize_fit(full, max_cols - (flags & SAN_ELLIPSIS ? 1 : 0), NULL);
    while (keep > 0 && full[keep - 1] == ' ')
        keep--;
    if (n != keep || memcmp(out, full, n) != 0) {
        dump("untruncated", full, strlen(full));
        fail("truncation is not the longest fitting prefix", out);
    }
    free(full);
}

/* sanitize_fit() returns whole characters with their marks, fits, and stops
 * only where the next character would not fit (or at a line break). */
static void check_fit(const char *s, int cols)
{
    int used = -1, col = 0;
    size_t n = sanitize_fit(s, cols, &used), i = 0;
    unsigned cp;

    if (n > strlen(s))
        fail("sanitize_fit past the end", s);
    while (i < n) {
        size_t len = strict_decode((const unsigned char *)s + i, n - i, &cp);

        if (len == 0 || cp == '\n')
            fail("sanitize_fit split a character or crossed a line break", s);
        col += ref_width(cp);
        i += len;
    }
    if (col != used || used > (cols > 0 ? cols : 0))
        fail("sanitize_fit used_cols wrong or too wide", s);
    if (s[n] == '\0' || s[n] == '\n')
        return;
    if (strict_decode((const unsigned char *)s + n, strlen(s + n), &cp) == 0)
        fail("sanitize_fit stopped on a malformed character", s);
    if (ref_width(cp) <= 0 || used + ref_width(cp) <= cols)
        fail("sanitize_fit left out a mark or a character that fits", s);
}

/* The helpers must also survive raw input, and agree with the reference
 * decoder and wcwidth on every code point in it. */
static void check_raw(const char *text, size_t len, int cols)
{
    char *raw = malloc(len + 1);
    int used;

    if (!raw)
        abort();
    memcpy(raw, text, len);
    raw[len] = '\0';
    if (sanitize_width(raw) < 0 || sanitize_fit(raw, cols, &used) > strlen(raw) || used > cols)
        fail("width/fit misbehave on raw input", raw);
    for (size_t i = 0; i < len;) {
        unsigned a = 0, b = 0;
        size_t la = utf8_decode(text + i, len - i, &a);
        size_t lb = strict_decode((const unsigned char *)text + i, len - i, &b);
        int w = la ? sanitize_cp_width(a) : 0;

        if (la != lb || a != b)
            fail("utf8_decode disagrees with the reference decoder", raw);
        if (la && w != (banned(a, false) || ref_width(a) < 0 ? -1 : ref_width(a)))
            fail("sanitize_cp_width disagrees with the reference", raw);
        i += la ? la : 1;
    }
    free(raw);
}

static int cols_from_byte(uint8_t b)
{
    return b >= 0xF8 ? -1 - (b & 7) : b % 48;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned flags = size > 0 ? data[0] & 7u : 0;
    int max_cols = size > 1 ? cols_from_byte(data[1]) : 0;
    int fit_cols = size > 2 ? data[2] % 64 : 8;
    const char *text = size > 3 ? (const char *)data + 3 : "";
    size_t len = size > 3 ? size - 3 : 0;
    char *out = sanitize_text(text, len, max_cols, flags);

    check_output(out, max_cols, flags);
    check_idempotent(out, max_cols, flags);
    check_truncation(text, len, out, max_cols, flags);
    check_fit(out, fit_cols);
    check_fit(out, max_cols);
    check_raw(text, len, fit_cols);
    free(out);
    return 0;
}
