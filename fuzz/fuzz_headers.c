/* Fuzz target: bytes as HTTP header values (the first byte picks ETag,
 * Retry-After or Content-Type). A valid ETag is safe to echo in a request
 * header, Retry-After is a bounded non-negative wait that agrees with a
 * plain reading of its digits, a charset is a short lowercase token. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"
#include "sitrep/httphdr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NOW ((time_t)1795348800) /* 2026-11-22T12:00:00Z */

static void check_etag(const char *v)
{
    if (!http_etag_valid(v))
        return;
    CHECK(*v && strlen(v) <= 256);
    for (const unsigned char *p = (const unsigned char *)v; *p; p++)
        CHECK(*p > 0x20 && *p < 0x7f); /* no CR, LF, blank: no header injection */
}

static void check_retry_after(const char *v)
{
    long s = -1;
    size_t digits = strspn(v, "0123456789");
    time_t at;

    if (!http_retry_after(v, NOW, &s)) {
        CHECK(s == 0);
        CHECK(!(digits && !v[digits]));
        return;
    }
    CHECK(s >= 0 && s <= HTTP_RETRY_AFTER_MAX);
    if (digits && !v[digits]) {
        const char *sig = v + strspn(v, "0"); /* leading zeros say nothing */
        long plain = strlen(sig) > 7 ? HTTP_RETRY_AFTER_MAX : strtol(sig, NULL, 10);
        CHECK(s == (plain > HTTP_RETRY_AFTER_MAX ? HTTP_RETRY_AFTER_MAX : plain));
    } else {
        CHECK(http_date_parse(v, &at));
        CHECK(at >= 0);
    }
}

static void check_charset(const char *v)
{
    char cs[48];

    memset(cs, 'x', sizeof cs);
    if (!http_content_charset(v, cs, sizeof cs))
        return;
    CHECK(cs[0] && strlen(cs) <= 40);
    for (const char *p = cs; *p; p++)
        CHECK(!(*p >= 'A' && *p <= 'Z') && (unsigned char)*p > 0x20 && (unsigned char)*p < 0x7f &&
              *p != '"' && *p != ';');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *v;

    if (size < 1)
        return 0;
    v = malloc(size);
    if (!v)
        return 0;
    memcpy(v, data + 1, size - 1);
    v[size - 1] = '\0';
    switch (data[0] % 3) {
    case 0: check_etag(v); break;
    case 1: check_retry_after(v); break;
    default: check_charset(v); break;
    }
    free(v);
    return 0;
}
