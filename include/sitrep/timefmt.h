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

/* Parses RFC 822 / RFC 2822 date-times as RSS feeds write them:
 * "Fri, 10 Feb 2023 15:48:00 PST", "Sat, 01 Aug 2026 00:05:42 Z",
 * "23 Jul 2026 16:29:09 +0000" (day name and seconds optional; two-digit
 * years are 19xx from 50). Zones: numeric, UT, UTC, GMT, Z and the US ones
 * of RFC 822 (EST ... PDT). Any other named zone fails: no time is better
 * than one off by hours. */
bool time_parse_rfc822(const char *s, time_t *out);

/* Parses seconds since the epoch written as digits ("1785519198", a
 * fraction after '.' dropped). */
bool time_parse_epoch(const char *s, time_t *out);

/* Formats t as "2026-11-22T14:05:00Z" into out (at least 21 bytes). */
void time_format_iso8601(time_t t, char *out, size_t outlen);

/* Formats a duration in seconds compactly: "45s", "12m", "3h05m", "2d04h". */
void time_format_duration(long seconds, char *out, size_t outlen);

/* A moment for people, in UTC and in local time (TZ, as of the last
 * tzset()): "11:40 UTC (12:40 CET)". The UTC date comes first when t is
 * not on now's UTC day ("2026-11-21 10:50 UTC (11:50 CET)"), the local
 * date when it differs from t's UTC date ("23:30 UTC (2026-11-23 00:30
 * CET)"); the local part is left out when it reads the same as UTC. t = 0
 * gives "an unknown time". out should hold 96 bytes. */
void time_format_clock(time_t t, time_t now, char *out, size_t outlen);

/* t in local time (TZ, as of the last tzset()) with its zone, always:
 * "18:54 CET", the local date first when it is not t's UTC date ("11-24
 * 00:30 CET"); "?" for t = 0. For tables that give UTC beside it. */
void time_format_local(time_t t, char *out, size_t outlen);

/* How long ago seconds was, for people: "30 s ago", "37 min ago", "1 h ago",
 * "2 h 05 min ago", "3 d 04 h ago"; a negative value is in the future:
 * "in 20 min". */
void time_format_ago(long seconds, char *out, size_t outlen);

/* Parses a duration like "45m", "1h30m", "90s", "2d", "1h", "600" (seconds).
 * Returns true and sets *out (seconds) on success. */
bool time_parse_duration(const char *s, long *out);

#endif
