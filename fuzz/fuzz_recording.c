/* Fuzz target: bytes -> recording_parse_line() on every line -> invariants
 * on the entries. A recording is shared after an incident by whoever made
 * it: its index is hostile input like a status page. Built with
 * -fsanitize=fuzzer for fuzzing and with replay.c for make check. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/recording.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "invariant failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__);          \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

/* What a parsed entry promises: the required fields, sane numbers, and a
 * body that can only name a file inside bodies/. */
static void check_entry(const struct record_entry *e)
{
    CHECK(e->t_ms > 0);
    CHECK(e->service && e->source && e->url);
    CHECK(e->status >= 0 && e->status <= 999);
    CHECK(e->elapsed_ms >= 0);
    CHECK(e->next_poll_ms >= 0 && e->backoff_until_ms >= 0);
    if (e->body_file) {
        CHECK(strncmp(e->body_file, "bodies/", 7) == 0);
        CHECK(!strchr(e->body_file + 7, '/')); /* "a..b" is a name; "../x" cannot be */
        CHECK(e->body_file[7] != '\0' && e->body_file[7] != '.');
    }
    if (e->headers) {
        size_t n = strlen(e->headers);
        CHECK(n == 0 || e->headers[n - 1] == '\n');
    }
}

/* A refusal explains itself in one printable line. */
static void check_error(const struct record_entry *e, const char *err)
{
    static const struct record_entry zero;

    CHECK(memcmp(e, &zero, sizeof zero) == 0);
    CHECK(err[0] != '\0');
    CHECK(!strchr(err, '\n'));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *p = (const char *)data, *end = p + size;

    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        struct record_entry e;
        char err[300] = "";

        if (recording_parse_line(p, len, &e, err, sizeof err) == 0) {
            check_entry(&e);
            record_entry_free(&e);
        } else {
            check_error(&e, err);
        }
        p += len + 1;
    }
    return 0;
}
