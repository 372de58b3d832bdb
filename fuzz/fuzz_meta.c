/* Fuzz target: bytes as a recording's recording.json. A recording is
 * shared after an incident by whoever made it: a refusal says what is
 * wrong in one line without quoting the text; a success has sane times
 * and speed. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"
#include "sitrep/recording.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct recording rec;
    char err[512] = "";

    memset(&rec, 0, sizeof rec);
    if (recording_parse_meta((const char *)data, size, "recording.json", &rec, err, sizeof err) ==
        0) {
        CHECK(rec.start_ms > 0);
        CHECK(rec.end_ms >= 0);
        CHECK(rec.speed > 0 && rec.speed <= 100000);
        CHECK(!rec.title || strlen(rec.title) < (size_t)size);
    } else {
        CHECK(err[0] && !strchr(err, '\n'));
        CHECK(strncmp(err, "recording.json", 14) == 0);
    }
    free(rec.title);
    return 0;
}
