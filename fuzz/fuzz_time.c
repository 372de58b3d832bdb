/* Fuzz target: bytes as the time arguments (--now, --since, export
 * --since: ISO 8601; --at and --since: durations). An accepted date is a
 * real one (no 2023-02-29) that formats and reads back the same; an
 * accepted duration is not negative and reads back the same when
 * formatted as seconds. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fuzz_check.h"
#include "sitrep/timefmt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool leap(int y)
{
    return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

/* The date written at the start of s is a day that exists. */
static void check_real_date(const char *s)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);

    CHECK(m >= 1 && m <= 12);
    CHECK(d >= 1 && d <= mdays[m - 1] + (m == 2 && leap(y)));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1), iso[32], secs[32];
    time_t t, back;
    long dur, dur2;

    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    if (time_parse_iso8601(s, &t)) {
        check_real_date(s);
        time_format_iso8601(t, iso, sizeof iso);
        if (t >= 0 && t <= (time_t)253402300799LL) { /* years 1970..9999 read back */
            CHECK(time_parse_iso8601(iso, &back));
            CHECK(back == t);
        }
    }
    if (time_parse_duration(s, &dur)) {
        CHECK(dur >= 0);
        snprintf(secs, sizeof secs, "%lds", dur);
        CHECK(time_parse_duration(secs, &dur2) && dur2 == dur);
    }
    free(s);
    return 0;
}
