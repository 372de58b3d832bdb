/* The one sanitizer for remote text. Every string that came from the network
 * (names, titles, update bodies, error text quoting a server) passes through
 * here before it is drawn, printed or exported.
 *
 * The output never contains C0 controls (U+0000-U+001F), DEL, C1 controls
 * (U+0080-U+009F), bidi controls (U+061C, U+200E, U+200F, U+202A-U+202E,
 * U+2066-U+2069), zero-width and other invisible format characters
 * (U+200B-U+200D, U+2060-U+2064, U+FEFF, U+2028, U+2029, U+FFF9-U+FFFB,
 * U+E0000-U+E007F), surrogates, noncharacters or unassigned code points
 * that wcwidth() rejects. TAB becomes a space; CR is dropped; LF becomes a
 * space unless SAN_MULTILINE keeps it (runs of blank lines collapse to one).
 * Invalid UTF-8 (overlong, surrogate, > U+10FFFF, truncated) becomes U+FFFD.
 * At most SAN_MAX_COMBINING combining marks follow one base character.
 * Width is measured with wcwidth() under a C.UTF-8 locale, whatever the
 * process locale is, so results do not depend on the environment. */
#ifndef SITREP_SANITIZE_H
#define SITREP_SANITIZE_H

#include <stdbool.h>
#include <stddef.h>

#define SAN_MAX_COMBINING 2

enum san_flags {
    SAN_MULTILINE = 1 << 0, /* keep LF as a line break */
    SAN_ASCII = 1 << 1,     /* emit ASCII only: non-ASCII becomes '?' */
    SAN_ELLIPSIS = 1 << 2,  /* when truncating, end with "…" ("~" in ASCII) */
};

/* Sanitizes len bytes of in (NUL bytes are removed, not a terminator).
 * max_cols > 0 truncates the result to that many display columns (per line
 * in SAN_MULTILINE mode, wrapping is the caller's job); 0 or less means no
 * limit. Single-line results are trimmed; multiline ones keep indentation,
 * lose trailing blanks per line and keep at most one blank line in a row.
 * Each malformed UTF-8 sequence becomes one U+FFFD; with SAN_ASCII every
 * non-ASCII character becomes one '?'. When a line is cut, trailing blanks
 * go before the ellipsis. Returns a new NUL-terminated string the caller
 * frees; never NULL. */
char *sanitize_text(const char *in, size_t len, int max_cols, unsigned flags);

/* Convenience for NUL-terminated input; NULL gives "". */
char *sanitize_str(const char *in, int max_cols, unsigned flags);

/* Display width in columns of an already sanitized UTF-8 string (of its
 * widest line when it has several). On unsanitized input each malformed
 * byte or removed code point counts as one column. */
int sanitize_width(const char *s);

/* Byte length of the longest prefix of sanitized s that fits in cols columns
 * without splitting a character or its combining marks; sets *used_cols to
 * the columns that prefix takes when used_cols is not NULL. Stops at the
 * first LF. */
size_t sanitize_fit(const char *s, int cols, int *used_cols);

/* Decodes one UTF-8 character at s (n bytes available). Returns its length
 * (1-4) and sets *cp, or returns 0 for an invalid or truncated sequence. */
size_t utf8_decode(const char *s, size_t n, unsigned *cp);

/* Width of one code point in columns (0, 1 or 2), C.UTF-8 rules; -1 for
 * code points the sanitizer removes. */
int sanitize_cp_width(unsigned cp);

#endif
