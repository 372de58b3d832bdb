/* Query strings (see query.h). */
#include "config.h"

#include <string.h>

#include "sitrep/query.h"

static int hex(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decodes v (n bytes) into out; false on a bad escape, a control
 * character or no room. */
static bool decode(const char *v, size_t n, char *out, size_t outlen)
{
    size_t k = 0;

    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)v[i];
        if (c == '+') {
            c = ' ';
        } else if (c == '%') {
            int hi, lo;
            if (i + 2 >= n)
                return false; /* "%" or "%4" at the end */
            hi = hex(v[i + 1]);
            lo = hex(v[i + 2]);
            if (hi < 0 || lo < 0)
                return false;
            c = (unsigned char)(hi * 16 + lo);
            i += 2;
        }
        if (c < 0x20 || c == 0x7f || k + 1 >= outlen)
            return false;
        out[k++] = (char)c;
    }
    out[k] = '\0';
    return true;
}

enum query_result query_get(const char *query, size_t len, const char *key, char *out,
                            size_t outlen)
{
    size_t klen = strlen(key);

    if (!outlen)
        return QUERY_INVALID;
    for (size_t at = 0; at <= len;) {
        size_t end = at;
        while (end < len && query[end] != '&')
            end++;
        if (end - at > klen && memcmp(query + at, key, klen) == 0 && query[at + klen] == '=')
            return decode(query + at + klen + 1, end - at - klen - 1, out, outlen) ? QUERY_OK
                                                                                   : QUERY_INVALID;
        if (end - at == klen && memcmp(query + at, key, klen) == 0) {
            out[0] = '\0'; /* "key" alone: an empty value */
            return QUERY_OK;
        }
        at = end + 1;
    }
    return QUERY_ABSENT;
}
