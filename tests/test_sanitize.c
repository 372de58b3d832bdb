/* Unit tests for the sanitizer: the hostile inputs of docs/architecture.md one by
 * one, width and truncation, multiline layout, ASCII mode, locale
 * independence, and a seeded property loop over random byte strings. */
#include "config.h"

#include <locale.h>
#include <stdint.h>
#include <wchar.h>

#include "sitrep/sanitize.h"
#include "../fuzz/sanitize_ref.h"
#include "tap.h"

#define REPL  "\xEF\xBF\xBD"           /* U+FFFD */
#define ELL   "\xE2\x80\xA6"           /* U+2026 */
#define ACUTE "\xCC\x81"               /* U+0301 */
#define RLO   "\xE2\x80\xAE"           /* U+202E */
#define NICHI "\xE6\x97\xA5"           /* 日 */
#define HON   "\xE6\x9C\xAC"           /* 本 */
#define JP    NICHI HON "\xE8\xAA\x9E" /* 日本語 */

/* Sanitizes a literal (embedded NULs included) and compares. */
#define SAN_IS(lit, cols, flags, want, name)                                                       \
    check_san((lit), sizeof(lit) - 1, (cols), (flags), (want), (name))

static void check_san(const char *in, size_t len, int cols, unsigned flags, const char *want,
                      const char *name)
{
    char *got = sanitize_text(in, len, cols, flags);

    is_str(got, want, "%s", name);
    free(got);
}

static size_t put_utf8(char *out, unsigned cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | cp >> 6);
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | cp >> 12);
        out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | cp >> 18);
    out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* "a" + cp + "b" must come out as "ab". */
static void check_removed_between(unsigned cp)
{
    char in[8] = "a", name[48];
    size_t n = 1 + put_utf8(in + 1, cp);

    in[n++] = 'b';
    snprintf(name, sizeof name, "U+%04X removed between letters", cp);
    check_san(in, n, 0, 0, "ab", name);
    is_int(sanitize_cp_width(cp), -1, "sanitize_cp_width(U+%04X) is -1", cp);
}

static void test_escapes(void)
{
    /* What jansson hands over for "\u001b[2J" (E9). */
    SAN_IS("x\x1b[2Jy", 0, 0, "xy", "a CSI from \\u001b goes whole, as a terminal would hide it");
    SAN_IS("x\x1b[38;5;196mred\x1b[0m", 0, 0, "xred", "SGR colour sequences go whole");
    SAN_IS("\x1b]52;c;ZWNobyBoaQ==\x07", 0, 0, "", "OSC 52 (clipboard) goes whole, BEL-terminated");
    SAN_IS("\x1b]0;title\x1b\\x", 0, 0, "x", "OSC 0 (window title) goes whole, ST-terminated");
    SAN_IS("a\x1bPq#0;2;0;0;0\x1b\\b", 0, 0, "ab", "a DCS (sixel) string goes whole");
    SAN_IS("a\x1b"
           "cb\x1b(Bc\x1b"
           "7d",
           0, 0, "abcd", "two- and three-byte escapes go whole");
    SAN_IS("x\x1b]52;c;abc", 0, 0, "x]52;c;abc",
           "an unterminated OSC loses only its ESC: it cannot swallow the text");
    SAN_IS("x\x1b[12", 0, 0, "x[12", "an unfinished CSI loses only its ESC");
    SAN_IS("x\x1b", 0, 0, "x", "a lone ESC at the end is dropped");
    SAN_IS("a\xC2\x9D"
           "8;;http://evil\xC2\x9C"
           "b",
           0, 0, "ab", "a C1 OSC (U+009D .. U+009C) goes whole");
    SAN_IS("tab\there\rCR", 0, 0, "tab hereCR", "CR dropped, TAB a space (E3)");
    SAN_IS("safe\b\b\b\bevil", 0, 0, "safeevil", "BS dropped");
    SAN_IS("a\tb\t\tc", 0, 0, "a b  c", "each TAB is one space");
    SAN_IS("de\x7fl", 0, 0, "del", "DEL dropped");
    SAN_IS("\x01\x02\x07\x0b\x0c\x0e\x1a\x1f|", 0, 0, "|", "other C0 dropped");
    SAN_IS("a\x9b;1m", 0, 0, "a" REPL ";1m", "raw 0x9B is invalid UTF-8 -> U+FFFD");
    SAN_IS("a\xC2\x9B;1m", 0, 0, "a", "an encoded C1 CSI (U+009B ; 1 m) goes whole");
    SAN_IS("a\xC2\x9B;1", 0, 0, "a;1", "an unfinished C1 CSI loses only U+009B");
    SAN_IS("a\xC2\x85z", 0, 0, "az", "encoded NEL U+0085 removed");
    SAN_IS("a\xC2\x80\xC2\x9Fz", 0, 0, "az", "C1 range ends removed");
    SAN_IS("a\0b\0\0c", 0, 0, "abc", "NUL bytes in the middle removed");
}

static void test_invisible(void)
{
    static const unsigned bidi[] = {0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C,
                                    0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069};
    static const unsigned zero[] = {0x200B, 0x200C, 0x200D,  0x2060,  0x2061,  0x2062,
                                    0x2063, 0x2064, 0xFEFF,  0x2028,  0x2029,  0xFFF9,
                                    0xFFFA, 0xFFFB, 0xE0000, 0xE0001, 0xE0041, 0xE007F};
    static const unsigned other[] = {0xFDD0,  0xFDEF,   0xFFFE, 0xFFFF,
                                     0x1FFFE, 0x10FFFF, 0x0378, 0x2065};

    for (size_t i = 0; i < sizeof bidi / sizeof *bidi; i++)
        check_removed_between(bidi[i]);
    for (size_t i = 0; i < sizeof zero / sizeof *zero; i++)
        check_removed_between(zero[i]);
    /* Noncharacters and unassigned code points (wcwidth < 0). */
    for (size_t i = 0; i < sizeof other / sizeof *other; i++)
        check_removed_between(other[i]);
    SAN_IS("Resolved " RLO "devlose", 0, 0, "Resolved devlose", "RLO cannot reorder");
    SAN_IS("\xEF\xBB\xBFtitle", 0, 0, "title", "leading BOM removed");
}

static void test_invalid_utf8(void)
{
    unsigned cp = 0;

    SAN_IS("\xff", 0, 0, REPL, "0xFF -> U+FFFD");
    SAN_IS("a\xC0\xAFz", 0, 0, "a" REPL "z", "overlong C0 AF -> one U+FFFD");
    SAN_IS("a\xE0\x80\xAFz", 0, 0, "a" REPL "z", "3-byte overlong -> one U+FFFD");
    SAN_IS("a\xED\xA0\x80z", 0, 0, "a" REPL "z", "surrogate ED A0 80 -> one U+FFFD");
    SAN_IS("ab\xC3", 0, 0, "ab" REPL, "truncated C3 at the end -> U+FFFD");
    SAN_IS("a\xE2\x82z", 0, 0, "a" REPL "z", "truncated sequence keeps the next ASCII");
    SAN_IS("a\xF8\x88\x80\x80\x80z", 0, 0, "a" REPL "z", "5-byte F8 sequence -> one U+FFFD");
    SAN_IS("a\xF4\x90\x80\x80z", 0, 0, "a" REPL "z", "> U+10FFFF -> one U+FFFD");
    SAN_IS("\x80\xbf", 0, 0, REPL REPL, "each stray continuation byte -> U+FFFD");
    SAN_IS("a\xffz", 0, SAN_ASCII, "a?z", "invalid -> '?' with SAN_ASCII");
    is_int(utf8_decode("\xC0\xAF", 2, &cp), 0, "utf8_decode rejects overlong");
    is_int(utf8_decode("\xED\xA0\x80", 3, &cp), 0, "utf8_decode rejects surrogate");
    is_int(utf8_decode("\xF4\x90\x80\x80", 4, &cp), 0, "utf8_decode rejects > U+10FFFF");
    is_int(utf8_decode(NICHI, 2, &cp), 0, "utf8_decode rejects a cut sequence");
    is_int(utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4, "utf8_decode takes a 4-byte emoji");
    is_int(cp, 0x1F600, "... and returns U+1F600");
    is_int(utf8_decode("\xF4\x8F\xBF\xBF", 4, &cp), 4, "utf8_decode takes U+10FFFF");
    is_int(utf8_decode("", 0, &cp), 0, "utf8_decode of nothing is 0");
}

static void test_width_and_truncation(void)
{
    is_int(sanitize_width(JP), 6, "日本語 is 6 columns");
    SAN_IS(JP, 5, 0, NICHI HON, "5 columns -> 日本, no half character");
    SAN_IS(JP, 5, SAN_ELLIPSIS, NICHI HON ELL, "5 columns with ellipsis -> 日本…");
    SAN_IS(JP, 4, SAN_ELLIPSIS, NICHI ELL, "4 columns with ellipsis -> 日… (column reserved)");
    SAN_IS(JP, 6, SAN_ELLIPSIS, JP, "exact fit is not truncated");
    SAN_IS(NICHI, 1, 0, "", "max_cols 1 with a wide char -> empty");
    SAN_IS(NICHI, 1, SAN_ELLIPSIS, ELL, "max_cols 1 with ellipsis -> just the ellipsis");
    SAN_IS("hello world", 6, 0, "hello", "truncation drops the trailing space");
    SAN_IS("hello world", 7, SAN_ELLIPSIS, "hello" ELL, "ellipsis follows the last word");
    SAN_IS("abcdef", 4, SAN_ASCII | SAN_ELLIPSIS, "abc~", "ASCII ellipsis is '~'");
    SAN_IS("abc", -3, 0, "abc", "negative max_cols means no limit");
    SAN_IS("  padded \t", 0, 0, "padded", "single line trimmed at both ends");
}

static void test_combining_and_emoji(void)
{
    SAN_IS("e" ACUTE ACUTE ACUTE ACUTE ACUTE ACUTE ACUTE, 0, 0, "e" ACUTE ACUTE,
           "e + 7 combining acutes keeps 2");
    SAN_IS("e" ACUTE ACUTE ACUTE "a" ACUTE, 0, 0, "e" ACUTE ACUTE "a" ACUTE,
           "the cap is per base character");
    SAN_IS(ACUTE "a", 0, 0, "a", "combining mark at the start dropped");
    SAN_IS("x\x1b" ACUTE "y", 0, 0, "xy", "combining mark after a removed char dropped");
    SAN_IS("e" ACUTE "x", 0, SAN_ASCII, "ex", "combining marks dropped in ASCII mode");
    is_int(sanitize_width("e" ACUTE ACUTE), 1, "base + marks is one column");
    SAN_IS("abe" ACUTE "cd", 3, 0, "abe" ACUTE, "truncation keeps marks with their base");
    SAN_IS("ok \xF0\x9F\x98\x80!", 0, 0, "ok \xF0\x9F\x98\x80!", "emoji kept");
    is_int(sanitize_width("ok \xF0\x9F\x98\x80!"), 6, "emoji is 2 columns");
    SAN_IS("\xE2\x9D\xA4\xEF\xB8\x8F", 0, 0, "\xE2\x9D\xA4\xEF\xB8\x8F", "variation selector kept");
}

static void test_multiline(void)
{
    SAN_IS("line1\r\nline2\n\n\n\nline3\n\n", 0, SAN_MULTILINE, "line1\nline2\n\nline3",
           "LF kept, CRLF -> LF, blank runs collapse to one, trailing blank lines dropped");
    SAN_IS("\n \n\t\n  indented  \nnext", 0, SAN_MULTILINE, "  indented\nnext",
           "leading blank lines dropped, indentation kept, trailing blanks trimmed");
    SAN_IS("abcdef\nxy\n\xD0\xB0\xD0\xB1\xD0\xB2\xD0\xB3", 3, SAN_MULTILINE,
           "abc\nxy\n\xD0\xB0\xD0\xB1\xD0\xB2", "max_cols applies per line");
    SAN_IS("abcdef\nxy", 3, SAN_MULTILINE | SAN_ELLIPSIS, "ab" ELL "\nxy", "ellipsis per line");
    SAN_IS("a\nb", 0, 0, "a b", "LF is a space in single-line mode");
    SAN_IS("a\n" ACUTE "b", 0, SAN_MULTILINE, "a\nb", "mark at a line start dropped");
    is_int(sanitize_width("ab\n" NICHI NICHI "\nc"), 4, "width of text is its widest line");
    is_int((int)sanitize_fit("abc\ndef", 10, NULL), 3, "sanitize_fit stops at a line break");
}

static void test_ascii(void)
{
    SAN_IS("caf\xC3\xA9 " NICHI HON " ok", 0, SAN_ASCII, "caf? ?? ok",
           "non-ASCII -> one '?' per character, wide ones too");
    SAN_IS("\xF0\x9F\x98\x80 " RLO "x", 0, SAN_ASCII, "? x", "emoji -> '?', RLO removed");
    SAN_IS(JP, 2, SAN_ASCII, "??", "ASCII widths are 1 each");
}

static void test_empty_and_null(void)
{
    char *s = sanitize_str(NULL, 0, 0);

    is_str(s, "", "sanitize_str(NULL) -> \"\"");
    free(s);
    s = sanitize_str("", 10, SAN_ELLIPSIS);
    is_str(s, "", "empty input -> \"\"");
    free(s);
    SAN_IS(" \t\r\n\x1b", 0, SAN_MULTILINE, "", "only blanks and controls -> \"\"");
    is_int(sanitize_width(""), 0, "width of \"\" is 0");
}

static void test_fit(void)
{
    /* "ab日本é x": columns a1 b2 日4 本6 é7 space8 x9 */
    const char *s = "ab" NICHI HON "e" ACUTE " x";
    int used = -1;

    is_int((int)sanitize_fit(s, 3, &used), 2, "fit 3: a wide char is not split");
    is_int(used, 2, "fit 3 uses 2 columns");
    is_int((int)sanitize_fit(s, 4, &used), 5, "fit 4 takes 日");
    is_int(used, 4, "fit 4 uses 4 columns");
    is_int((int)sanitize_fit(s, 7, &used), 11, "fit 7 takes é with its mark");
    is_int(used, 7, "fit 7 uses 7 columns");
    is_int((int)sanitize_fit(s, 100, &used), (int)strlen(s), "fit 100 takes everything");
    is_int(used, 9, "whole string is 9 columns");
    is_int((int)sanitize_fit(s, 0, &used), 0, "fit 0 takes nothing");
    is_int((int)sanitize_fit("\xff\xfez", 2, &used), 2, "invalid bytes count one column");
    is_int(sanitize_width("\xff\xE6\x97"), 3, "width of malformed bytes is 1 per byte");
}

static void test_cp_width(void)
{
    is_int(sanitize_cp_width('A'), 1, "cp width of 'A'");
    is_int(sanitize_cp_width(0x0301), 0, "cp width of a combining mark");
    is_int(sanitize_cp_width(0x65E5), 2, "cp width of 日");
    is_int(sanitize_cp_width(0x1F600), 2, "cp width of an emoji");
    is_int(sanitize_cp_width(0x2026), 1, "cp width of the ellipsis");
    is_int(sanitize_cp_width(0x1B), -1, "cp width of ESC");
    is_int(sanitize_cp_width('\t'), -1, "cp width of TAB (mapped, not kept)");
    is_int(sanitize_cp_width(0xD800), -1, "cp width of a surrogate");
    is_int(sanitize_cp_width(0x110000), -1, "cp width beyond U+10FFFF");
}

/* Results must not depend on the process locale, and it must be restored. */
static void test_locale_independence(void)
{
    static const char *const locales[] = {"C", "C.UTF-8"};
    const char *in = "x" JP "e" ACUTE ACUTE ACUTE RLO;

    for (size_t i = 0; i < 2; i++) {
        bool set = setlocale(LC_ALL, locales[i]) != NULL;
        char *s = sanitize_str(in, 6, SAN_ELLIPSIS);

        ok(set, "setlocale(LC_ALL, \"%s\")", locales[i]);
        is_str(s, "x" NICHI HON ELL, "same truncation under %s", locales[i]);
        free(s);
        /* x + 日本語 + e (marks 0) + RLO, which unsanitized text counts as 1 */
        is_int(sanitize_width(in), 9, "same width under %s", locales[i]);
        is_int(sanitize_cp_width(0x65E5), 2, "same cp width under %s", locales[i]);
        is_str(setlocale(LC_CTYPE, NULL), locales[i], "process locale %s left alone", locales[i]);
        ok(uselocale((locale_t)0) == LC_GLOBAL_LOCALE, "thread locale restored under %s",
           locales[i]);
    }
    setlocale(LC_ALL, "C");
}

/* ---- property loop ---------------------------------------------------------- */

static uint32_t rng_state = 0x5eed1234u;

static uint32_t rng(void)
{
    /* xorshift32: fixed seed, same strings on every run. */
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

/* Fragments that exercise every branch, mixed with raw random bytes. */
/* clang-format off */
static const char *const fragments[] = {
    "\x1b", "[2J", "\x07", "\r", "\n", "\t", " ", "\b", "\x7f", "\xC2\x9B", "\x9b",
    "\xE2\x80\xAE", "\xE2\x80\x8B", "\xEF\xBB\xBF", "\xF3\xA0\x80\x81", NICHI, ACUTE,
    "\xF0\x9F\x98\x80", "\xC3", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xC0\xAF", "abc",
    "\xEF\xB7\x90", "\xE2\x80\xA6", "\xEF\xBC\xA1", "\xE1\x85\xA0", "\xCD\xB8", "~", "?",
};
/* clang-format on */

static size_t random_text(char *buf, size_t cap)
{
    size_t n = 0, parts = rng() % 24;

    for (size_t i = 0; i < parts; i++) {
        if (rng() % 4 == 0) {
            if (n < cap)
                buf[n++] = (char)(rng() & 0xFF);
            continue;
        }
        const char *f = fragments[rng() % (sizeof fragments / sizeof *fragments)];
        size_t len = strlen(f);

        if (n + len > cap)
            break;
        memcpy(buf + n, f, len);
        n += len;
    }
    return n;
}

/* Returns what is wrong with out, NULL when every invariant holds. */
static const char *invariant_failure(const char *out, int max_cols, unsigned flags)
{
    const unsigned char *p = (const unsigned char *)out;
    int col = 0, marks = -1;

    for (size_t i = 0, n = strlen(out); i < n;) {
        unsigned cp;
        size_t len = strict_decode(p + i, n - i, &cp);

        if (len == 0)
            return "invalid UTF-8";
        i += len;
        if (cp == '\n' && (flags & SAN_MULTILINE)) {
            col = 0;
            marks = -1;
            continue;
        }
        if (banned(cp, false))
            return "banned code point";
        if ((flags & SAN_ASCII) && cp > 0x7E)
            return "non-ASCII in ASCII mode";
        int w = ref_width(cp);
        if (w < 0)
            return "unprintable code point";
        if (w == 0 && (marks < 0 || ++marks > SAN_MAX_COMBINING))
            return "orphan or excess combining mark";
        if (w > 0)
            marks = 0;
        col += w;
        if (max_cols > 0 && col > max_cols)
            return "line wider than max_cols";
    }
    return NULL;
}

static void test_properties(void)
{
    static const int widths[] = {0, 0, 1, 2, 3, 5, 8, 13, 40, -1};
    char text[256];
    int failures = 0;

    for (int i = 0; i < 20000; i++) {
        size_t n = random_text(text, sizeof text);
        unsigned flags = rng() & 7u;
        int cols = widths[rng() % (sizeof widths / sizeof *widths)];
        char *out = sanitize_text(text, n, cols, flags);
        const char *why = invariant_failure(out, cols, flags);

        if (why && failures++ < 5)
            tap_diag("case %d (flags %u, cols %d): %s", i, flags, cols, why);
        free(out);
    }
    is_int(failures, 0, "20000 random strings keep every invariant");
}

/* The checker itself must notice broken output. */
static void test_checker_catches(void)
{
    ok(invariant_failure("a\x1bz", 0, 0) != NULL, "checker flags ESC");
    ok(invariant_failure("\xC2\x9B", 0, 0) != NULL, "checker flags encoded C1");
    ok(invariant_failure("\xE2\x80\xAE", 0, 0) != NULL, "checker flags RLO");
    ok(invariant_failure("\xC3", 0, 0) != NULL, "checker flags truncated UTF-8");
    ok(invariant_failure("abcd", 3, 0) != NULL, "checker flags width overflow");
    ok(invariant_failure("a\n", 0, 0) != NULL, "checker flags LF in single-line mode");
    ok(invariant_failure("e" ACUTE ACUTE ACUTE, 0, 0) != NULL, "checker flags 3 marks");
    ok(invariant_failure("\xC3\xA9", 0, SAN_ASCII) != NULL, "checker flags non-ASCII");
    ok(invariant_failure("ok " NICHI, 5, 0) == NULL, "checker passes clean text");
}

int main(void)
{
    test_escapes();
    test_invisible();
    test_invalid_utf8();
    test_width_and_truncation();
    test_combining_and_emoji();
    test_multiline();
    test_ascii();
    test_empty_and_null();
    test_fit();
    test_cp_width();
    test_locale_independence();
    test_checker_catches();
    test_properties();
    return tap_done();
}
