/* Timestamps: parsing what status pages send, formatting what we show.
 * All times are seconds since the epoch, UTC; 0 means "absent". */
#ifndef SITREP_TIMEFMT_H
#define SITREP_TIMEFMT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* Parses ISO 8601 / RFC 3339 date-times as seen in the wild:
 * "2021-12-03T19:08:50.524-05:00", "2020-07-16T21:10:37Z", "...+0000",
 * fractional seconds of any length, and a bare "YYYY-MM-DD" (midnight UTC).
 * Returns true and sets *out on success; false on anything else. */
bool time_parse_iso8601(const char *s, time_t *out);

/* Formats t as "2026-11-22T14:05:00Z" into out (at least 21 bytes). */
void time_format_iso8601(time_t t, char *out, size_t outlen);

/* Formats a duration in seconds compactly: "45s", "12m", "3h05m", "2d04h". */
void time_format_duration(long seconds, char *out, size_t outlen);

/* Parses a duration like "45m", "1h30m", "90s", "2d", "1h", "600" (seconds).
 * Returns true and sets *out (seconds) on success. */
bool time_parse_duration(const char *s, long *out);

#endif
