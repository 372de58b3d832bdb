/* The sanitizer for remote text (see sanitize.h).
 *
 * sanitize_text() works in two passes over a scratch buffer:
 *   1. filter: decode UTF-8, replace each malformed sequence with one U+FFFD,
 *      map TAB/LF, drop every removed code point, cap combining marks. The
 *      result is valid UTF-8 whose only control character is LF (multiline).
 *   2. layout: per line, trim, truncate to max_cols, collapse blank lines.
 * Pass 2 only sees clean text, so it shares the measuring code with
 * sanitize_width() and sanitize_fit().
 *
 * Widths come from wcwidth() under a C.UTF-8 locale object created once
 * (pthread_once) and never freed: valgrind lists it as "still reachable".
 * Each public entry point switches the calling thread to it with uselocale()
 * once and switches back before returning, so neither the process locale nor
 * other threads are affected. If C.UTF-8 cannot be loaded (not expected on
 * Debian, where libc-bin ships it), every kept non-ASCII code point counts as
 * one column and combining marks cannot be recognised as such. */
#include "config.h"

#include <limits.h>
#include <locale.h>
#include <pthread.h>
#include <string.h>
#include <wchar.h>

#include "sitrep/buf.h"
#include "sitrep/sanitize.h"
#include "sitrep/xalloc.h"

#define CP_REPLACEMENT 0xFFFDu
#define CP_MAX         0x10FFFFu

struct cp_range {
    unsigned lo, hi;
};

/* Removed whatever wcwidth() says (glibc gives most of them width 0, so
 * ncurses would pass them to the terminal). Sorted and disjoint for the
 * binary search. */
/* clang-format off */
static const struct cp_range removed_ranges[] = {
    {0x0000, 0x001F},   /* C0 controls; TAB and LF are mapped before lookup */
    {0x007F, 0x009F},   /* DEL, C1 controls */
    {0x061C, 0x061C},   /* ARABIC LETTER MARK (Bidi_Control) */
    {0x200B, 0x200D},   /* zero width space, non-joiner, joiner */
    {0x200E, 0x200F},   /* LRM, RLM (Bidi_Control) */
    {0x2028, 0x2029},   /* line and paragraph separators */
    {0x202A, 0x202E},   /* LRE, RLE, PDF, LRO, RLO (Bidi_Control) */
    {0x2060, 0x2064},   /* word joiner, invisible operators */
    {0x2066, 0x2069},   /* LRI, RLI, FSI, PDI (Bidi_Control) */
    {0xD800, 0xDFFF},   /* surrogates, never valid in UTF-8 */
    {0xFDD0, 0xFDEF},   /* noncharacters */
    {0xFEFF, 0xFEFF},   /* BOM / zero width no-break space */
    {0xFFF9, 0xFFFB},   /* interlinear annotation controls */
    /* The last two code points of every plane are noncharacters. */
    {0x0FFFE, 0x0FFFF}, {0x1FFFE, 0x1FFFF}, {0x2FFFE, 0x2FFFF}, {0x3FFFE, 0x3FFFF},
    {0x4FFFE, 0x4FFFF}, {0x5FFFE, 0x5FFFF}, {0x6FFFE, 0x6FFFF}, {0x7FFFE, 0x7FFFF},
    {0x8FFFE, 0x8FFFF}, {0x9FFFE, 0x9FFFF}, {0xAFFFE, 0xAFFFF}, {0xBFFFE, 0xBFFFF},
    {0xCFFFE, 0xCFFFF}, {0xDFFFE, 0xDFFFF},
    {0xE0000, 0xE007F}, /* tag characters */
    {0xEFFFE, 0xEFFFF}, {0xFFFFE, 0xFFFFF}, {0x10FFFE, 0x10FFFF},
};
/* clang-format on */

#define N_REMOVED (sizeof removed_ranges / sizeof removed_ranges[0])

static bool cp_is_removed(unsigned cp)
{
    size_t lo = 0, hi = N_REMOVED;

    if (cp > CP_MAX)
        return true;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (cp < removed_ranges[mid].lo)
            hi = mid;
        else if (cp > removed_ranges[mid].hi)
            lo = mid + 1;
        else
            return true;
    }
    return false;
}

/* ---- width locale --------------------------------------------------------- */

static pthread_once_t utf8_locale_once = PTHREAD_ONCE_INIT;
static locale_t utf8_locale; /* (locale_t)0 when C.UTF-8 is unavailable */

static void utf8_locale_create(void)
{
    utf8_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    if (!utf8_locale)
        utf8_locale = newlocale(LC_CTYPE_MASK, "C.utf8", (locale_t)0);
}

/* Switches this thread to C.UTF-8; returns what width_end() must restore,
 * (locale_t)0 when nothing was switched. */
static locale_t width_begin(void)
{
    pthread_once(&utf8_locale_once, utf8_locale_create);
    return utf8_locale ? uselocale(utf8_locale) : (locale_t)0;
}

static void width_end(locale_t prev)
{
    if (prev)
        uselocale(prev);
}

/* sanitize_cp_width() without the locale switch: callers are between
 * width_begin() and width_end(). */
static int cp_width(unsigned cp)
{
    int w;

    if (cp >= 0x20 && cp < 0x7F)
        return 1;
    if (cp_is_removed(cp))
        return -1;
    if (!utf8_locale)
        return 1;
    w = wcwidth((wchar_t)cp);
    return w < 0 ? -1 : w;
}

int sanitize_cp_width(unsigned cp)
{
    locale_t prev = width_begin();
    int w = cp_width(cp);

    width_end(prev);
    return w;
}

/* ---- UTF-8 ------------------------------------------------------------------ */

/* Sequence length announced by a valid lead byte, 0 for bytes that cannot
 * start a well-formed sequence (continuations, C0, C1, F5-FF). */
static size_t lead_len(unsigned char b)
{
    if (b < 0x80)
        return 1;
    if (b >= 0xC2 && b <= 0xDF)
        return 2;
    if (b >= 0xE0 && b <= 0xEF)
        return 3;
    if (b >= 0xF0 && b <= 0xF4)
        return 4;
    return 0;
}

static bool is_print_ascii(char c)
{
    return c >= 0x20 && c < 0x7F;
}

static bool is_cont(unsigned char b)
{
    return (b & 0xC0) == 0x80;
}

size_t utf8_decode(const char *s, size_t n, unsigned *cp)
{
    static const unsigned min_cp[5] = {0, 0, 0x80, 0x800, 0x10000};
    const unsigned char *p = (const unsigned char *)s;
    size_t len;
    unsigned v;

    if (n == 0)
        return 0;
    len = lead_len(p[0]);
    if (len == 0 || len > n)
        return 0;
    v = len == 1 ? p[0] : p[0] & (0x7Fu >> len);
    for (size_t i = 1; i < len; i++) {
        if (!is_cont(p[i]))
            return 0;
        v = v << 6 | (p[i] & 0x3Fu);
    }
    if (v < min_cp[len] || v > CP_MAX || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

/* Bytes covered by the malformed sequence at p (n > 0 available), replaced
 * by a single U+FFFD. The lead byte's high bits say how long the sequence
 * claims to be (up to 6, as in the original UTF-8); its continuation bytes
 * are consumed up to that length, so an overlong, surrogate, out-of-range or
 * 5-byte form is one U+FFFD, a truncated one ends at the first byte that is
 * not a continuation (never swallowing ASCII), and each stray continuation,
 * 0xFE or 0xFF byte is one U+FFFD on its own. */
static size_t invalid_len(const unsigned char *p, size_t n)
{
    size_t claim, i;

    if (p[0] >= 0xC0 && p[0] <= 0xDF)
        claim = 2;
    else if (p[0] >= 0xE0 && p[0] <= 0xEF)
        claim = 3;
    else if (p[0] >= 0xF0 && p[0] <= 0xF7)
        claim = 4;
    else if (p[0] >= 0xF8 && p[0] <= 0xFB)
        claim = 5;
    else if (p[0] >= 0xFC && p[0] <= 0xFD)
        claim = 6;
    else
        claim = 1;
    for (i = 1; i < claim && i < n && is_cont(p[i]); i++)
        ;
    return i;
}

static void put_cp(struct buf *b, unsigned cp)
{
    char u[4];
    size_t n;

    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | cp >> 6);
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | cp >> 12);
        u[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | cp >> 18);
        u[1] = (char)(0x80 | (cp >> 12 & 0x3F));
        u[2] = (char)(0x80 | (cp >> 6 & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    buf_append(b, u, n);
}

/* ---- measuring ---------------------------------------------------------------- */

/* Length of the character at s (n > 0) and its width. Anything a sanitized
 * string cannot contain (malformed bytes, removed code points) counts one
 * column per byte or code point, so unsanitized input is over- rather than
 * under-measured. */
static size_t char_at(const char *s, size_t n, int *width)
{
    unsigned cp;
    size_t len;

    if (is_print_ascii(s[0])) {
        *width = 1;
        return 1;
    }
    len = utf8_decode(s, n, &cp);
    if (len == 0) {
        *width = 1;
        return 1;
    }
    *width = cp_width(cp);
    if (*width < 0)
        *width = 1;
    return len;
}

/* Longest prefix of s[0..n) ending before any LF that fits in cols. A
 * zero-width character never stops the scan, so combining marks stay with
 * the base they follow. */
static size_t fit_len(const char *s, size_t n, int cols, int *used)
{
    size_t i = 0;
    int col = 0, w;

    while (i < n && s[i] != '\n') {
        size_t len = char_at(s + i, n - i, &w);

        if (w > 0 && (long long)col + w > cols)
            break;
        col += w;
        i += len;
    }
    if (used)
        *used = col;
    return i;
}

/* Width of the widest line of s[0..n), saturating at INT_MAX. */
static int measure(const char *s, size_t n)
{
    int col = 0, widest = 0, w;

    for (size_t i = 0; i < n;) {
        if (s[i] == '\n') {
            col = 0;
            i++;
            continue;
        }
        i += char_at(s + i, n - i, &w);
        col = col > INT_MAX - w ? INT_MAX : col + w;
        if (col > widest)
            widest = col;
    }
    return widest;
}

int sanitize_width(const char *s)
{
    locale_t prev;
    int w;

    if (!s)
        return 0;
    prev = width_begin();
    w = measure(s, strlen(s));
    width_end(prev);
    return w;
}

size_t sanitize_fit(const char *s, int cols, int *used_cols)
{
    locale_t prev;
    size_t n;

    if (!s) {
        if (used_cols)
            *used_cols = 0;
        return 0;
    }
    prev = width_begin();
    n = fit_len(s, strlen(s), cols, used_cols);
    width_end(prev);
    return n;
}

/* ---- pass 1: filter ------------------------------------------------------------ */

struct filter {
    struct buf out;
    unsigned flags;
    int marks; /* combining marks kept after the current base; -1: no base */
};

static void filter_mark(struct filter *f, unsigned cp)
{
    /* ASCII output has no way to show a mark; an orphan has nothing to sit on. */
    if ((f->flags & SAN_ASCII) || f->marks < 0 || f->marks >= SAN_MAX_COMBINING)
        return;
    f->marks++;
    put_cp(&f->out, cp);
}

static void filter_cp(struct filter *f, unsigned cp)
{
    int w;

    if (cp == '\n' && (f->flags & SAN_MULTILINE)) {
        buf_putc(&f->out, '\n');
        f->marks = -1;
        return;
    }
    if (cp == '\t' || cp == '\n')
        cp = ' ';
    w = cp_width(cp);
    if (w < 0) {
        f->marks = -1;
        return;
    }
    if (w == 0) {
        filter_mark(f, cp);
        return;
    }
    f->marks = 0;
    /* One '?' per character, even a wide one: it then takes one column. */
    put_cp(&f->out, ((f->flags & SAN_ASCII) && cp >= 0x80) ? '?' : cp);
}

/* ---- escape sequences ------------------------------------------------ */

/* A terminal would swallow a complete escape sequence and show nothing of
 * it, so the whole sequence goes, not just its ESC: an OSC 52 payload in an
 * incident title must not be left as "]52;c;..." noise. Incomplete ones lose
 * only their introducer (the removed-code-point rule), so a stray ESC cannot
 * eat the rest of a title. */
enum esc_kind { ESC_NONE, ESC_CSI, ESC_STRING, ESC_OSC };

/* The kind of sequence at p and the length of its introducer. */
static enum esc_kind esc_intro(const unsigned char *p, size_t n, size_t *intro)
{
    unsigned char c;

    *intro = 2;
    if (n >= 2 && p[0] == 0xC2) { /* a C1 introducer, UTF-8 encoded */
        c = p[1];
        return c == 0x9B                                            ? ESC_CSI
               : c == 0x9D                                          ? ESC_OSC
               : (c == 0x90 || c == 0x98 || c == 0x9E || c == 0x9F) ? ESC_STRING
                                                                    : ESC_NONE;
    }
    if (n < 2 || p[0] != 0x1B)
        return ESC_NONE;
    c = p[1];
    return c == '['                                         ? ESC_CSI
           : c == ']'                                       ? ESC_OSC
           : (c == 'P' || c == 'X' || c == '^' || c == '_') ? ESC_STRING
                                                            : ESC_NONE;
}

/* CSI: parameter bytes, intermediate bytes, one final byte. */
static size_t csi_len(const unsigned char *p, size_t n, size_t i)
{
    while (i < n && p[i] >= 0x30 && p[i] <= 0x3F)
        i++;
    while (i < n && p[i] >= 0x20 && p[i] <= 0x2F)
        i++;
    return i < n && p[i] >= 0x40 && p[i] <= 0x7E ? i + 1 : 0;
}

/* OSC, DCS, SOS, PM, APC: up to ST (ESC \ or U+009C); OSC also ends at BEL. */
static size_t string_len(const unsigned char *p, size_t n, size_t i, bool osc)
{
    for (; i < n; i++) {
        if (osc && p[i] == 0x07)
            return i + 1;
        if (i + 1 < n && ((p[i] == 0x1B && p[i + 1] == '\\') || (p[i] == 0xC2 && p[i + 1] == 0x9C)))
            return i + 2;
    }
    return 0;
}

/* Bytes of the complete escape sequence at p, or 0 when there is none. */
static size_t escape_len(const unsigned char *p, size_t n)
{
    size_t intro, i;

    switch (esc_intro(p, n, &intro)) {
    case ESC_CSI: return csi_len(p, n, intro);
    case ESC_OSC: return string_len(p, n, intro, true);
    case ESC_STRING: return string_len(p, n, intro, false);
    case ESC_NONE: break;
    }
    if (n < 2 || p[0] != 0x1B)
        return 0;
    /* ESC, intermediates, a final byte: "ESC c", "ESC 7", "ESC ( B". */
    for (i = 1; i < n && p[i] >= 0x20 && p[i] <= 0x2F; i++)
        ;
    return i < n && p[i] >= 0x30 && p[i] <= 0x7E ? i + 1 : 0;
}

static void filter_run(struct filter *f, const char *in, size_t len)
{
    size_t i = 0;

    while (i < len) {
        unsigned cp;
        size_t n = 0;

        /* Printable ASCII, most of any text, is copied in runs untouched. */
        while (i + n < len && is_print_ascii(in[i + n]))
            n++;
        if (n > 0) {
            buf_append(&f->out, in + i, n);
            f->marks = 0;
            i += n;
            continue;
        }
        n = escape_len((const unsigned char *)in + i, len - i);
        if (n > 0) {
            f->marks = -1;
            i += n;
            continue;
        }
        n = utf8_decode(in + i, len - i, &cp);
        if (n == 0) {
            n = invalid_len((const unsigned char *)in + i, len - i);
            cp = CP_REPLACEMENT;
        }
        filter_cp(f, cp);
        i += n;
    }
}

/* ---- pass 2: layout -------------------------------------------------------------- */

/* Skips leading spaces together with any marks sitting on them. */
static const char *skip_leading_blanks(const char *p, const char *end)
{
    int w;

    while (p < end) {
        size_t len = char_at(p, (size_t)(end - p), &w);

        if (*p != ' ' && w != 0)
            break;
        p += len;
    }
    return p;
}

static size_t trim_trailing_spaces(const char *p, size_t n)
{
    while (n > 0 && p[n - 1] == ' ')
        n--;
    return n;
}

/* Appends line p[0..n) (no LF) cut to max_cols columns to out. */
static void emit_line(struct buf *out, const char *p, size_t n, int max_cols, unsigned flags)
{
    bool ellipsis = flags & SAN_ELLIPSIS;

    /* Only the first max_cols columns are ever scanned, however long the line. */
    if (max_cols <= 0 || fit_len(p, n, max_cols, NULL) == n) {
        buf_append(out, p, n);
        return;
    }
    n = trim_trailing_spaces(p, fit_len(p, n, ellipsis ? max_cols - 1 : max_cols, NULL));
    buf_append(out, p, n);
    if (ellipsis)
        buf_puts(out, flags & SAN_ASCII ? "~" : "\xE2\x80\xA6");
}

/* Lays out the filtered text: lines are trimmed at the end (and at the start
 * too in single-line mode), then truncated; lines left empty count as blank,
 * and blank lines are dropped at both ends and collapse to one in between. */
static char *layout(const char *s, size_t len, int max_cols, unsigned flags)
{
    struct buf out = {0}, line = {0};
    const char *end = s + len;
    bool pending_blank = false;

    for (const char *p = s; p <= end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        const char *start = flags & SAN_MULTILINE ? p : skip_leading_blanks(p, le);

        buf_reset(&line);
        emit_line(&line, start, trim_trailing_spaces(start, (size_t)(le - start)), max_cols, flags);
        if (line.len == 0) {
            pending_blank = out.len > 0;
        } else {
            if (out.len > 0)
                buf_puts(&out, pending_blank ? "\n\n" : "\n");
            buf_append(&out, line.data, line.len);
            pending_blank = false;
        }
        if (!nl)
            break;
        p = nl + 1;
    }
    buf_free(&line);
    return buf_detach(&out);
}

char *sanitize_text(const char *in, size_t len, int max_cols, unsigned flags)
{
    struct filter f = {.flags = flags, .marks = -1};
    locale_t prev;
    char *out;

    if (!in)
        len = 0;
    prev = width_begin();
    filter_run(&f, in, len);
    out = layout(buf_str(&f.out), f.out.len, max_cols, flags);
    width_end(prev);
    buf_free(&f.out);
    return out;
}

char *sanitize_str(const char *in, int max_cols, unsigned flags)
{
    return sanitize_text(in, in ? strlen(in) : 0, max_cols, flags);
}
