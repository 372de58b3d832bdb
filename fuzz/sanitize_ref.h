/* Reference checks for the sanitizer's output, written independently of
 * sanitize.c: a strict UTF-8 decoder, the banned code points spelled out as
 * comparisons, and wcwidth() under its own C.UTF-8 locale. Shared by the
 * fuzz target and the property test so the two cannot drift apart. */
#ifndef SITREP_SANITIZE_REF_H
#define SITREP_SANITIZE_REF_H

#include <locale.h>
#include <stdbool.h>
#include <stdlib.h>
#include <wchar.h>

/* Well-formed UTF-8 per Unicode table 3-7: the second byte's range depends
 * on the lead byte, which excludes overlongs, surrogates and > U+10FFFF. */
__attribute__((unused)) static size_t strict_decode(const unsigned char *p, size_t n, unsigned *cp)
{
    unsigned char lo = 0x80, hi = 0xBF;
    size_t len;

    if (n == 0)
        return 0;
    if (p[0] < 0x80) {
        *cp = p[0];
        return 1;
    }
    if (p[0] < 0xC2 || p[0] > 0xF4)
        return 0;
    len = p[0] < 0xE0 ? 2 : p[0] < 0xF0 ? 3 : 4;
    if (p[0] == 0xE0)
        lo = 0xA0;
    else if (p[0] == 0xED)
        hi = 0x9F;
    else if (p[0] == 0xF0)
        lo = 0x90;
    else if (p[0] == 0xF4)
        hi = 0x8F;
    if (n < len || p[1] < lo || p[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++)
        if (p[i] < 0x80 || p[i] > 0xBF)
            return 0;
    *cp = p[0] & (len == 2 ? 0x1Fu : len == 3 ? 0x0Fu : 0x07u);
    for (size_t i = 1; i < len; i++)
        *cp = (*cp << 6) | (p[i] & 0x3Fu);
    return len;
}

/* The header's list, spelled out as comparisons rather than a table. */
__attribute__((unused)) static bool banned(unsigned cp, bool multiline)
{
    if (cp == '\n')
        return !multiline;
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
        return true;
    if (cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
        (cp >= 0x2066 && cp <= 0x2069))
        return true;
    if ((cp >= 0x200B && cp <= 0x200D) || (cp >= 0x2060 && cp <= 0x2064) || cp == 0xFEFF ||
        cp == 0x2028 || cp == 0x2029 || (cp >= 0xFFF9 && cp <= 0xFFFB) ||
        (cp >= 0xE0000 && cp <= 0xE007F))
        return true;
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
        return true;
    return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
}

__attribute__((unused)) static int ref_width(unsigned cp)
{
    static locale_t loc;
    locale_t prev;
    int w;

    if (!loc)
        loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    if (!loc)
        abort();
    prev = uselocale(loc);
    w = wcwidth((wchar_t)cp);
    uselocale(prev);
    return w;
}

#endif
