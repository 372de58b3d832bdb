/* Fuzz target for what sitrep serve parses of a request: query strings
 * (each parameter it reads, into a small and a large buffer) and the
 * Last-Event-ID header. Invariants: a decoded value is NUL-terminated,
 * fits, and holds no control character; an accepted id is digits only. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/events.h"
#include "sitrep/query.h"

#define CHECK(x)                                                                                   \
    do {                                                                                           \
        if (!(x))                                                                                  \
            abort();                                                                               \
    } while (0)

static void check_value(const char *v, size_t cap)
{
    size_t n = strnlen(v, cap);

    CHECK(n < cap);
    for (size_t i = 0; i < n; i++)
        CHECK((unsigned char)v[i] >= 0x20 && v[i] != 0x7f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const keys[] = {"service", "since", "format", "x"};
    char small[8], big[256];
    uint64_t id;

    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        if (query_get((const char *)data, size, keys[i], small, sizeof small) == QUERY_OK)
            check_value(small, sizeof small);
        if (query_get((const char *)data, size, keys[i], big, sizeof big) == QUERY_OK)
            check_value(big, sizeof big);
    }
    if (events_parse_id((const char *)data, size, &id)) {
        CHECK(size > 0 && size <= 19);
        for (size_t i = 0; i < size; i++)
            CHECK(data[i] >= '0' && data[i] <= '9');
    }
    return 0;
}
