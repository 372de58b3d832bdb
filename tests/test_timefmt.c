/* Timestamp parsing (the shapes status pages send) and formatting. */
#include "config.h"

#include <stdlib.h>

#include "sitrep/timefmt.h"
#include "tap.h"

static void parses(const char *s, time_t want)
{
    time_t t = 0;

    ok(time_parse_iso8601(s, &t) && t == want, "parses %s", s);
    if (t != want)
        tap_diag("got %lld want %lld", (long long)t, (long long)want);
}

static void rejects(const char *s)
{
    time_t t = 12345;

    ok(!time_parse_iso8601(s, &t) && t == 12345, "rejects '%s' and leaves the output alone", s);
}

static void test_parse(void)
{
    /* 2021-12-04T00:08:50Z = 1638576530 */
    parses("2021-12-04T00:08:50Z", 1638576530);
    parses("2021-12-03T19:08:50.524-05:00", 1638576530);
    parses("2021-12-04T00:08:50.3731332+00:00", 1638576530);
    parses("2021-12-04T01:08:50+0100", 1638576530);
    parses("2021-12-04T05:38:50+05:30", 1638576530);
    parses("2021-12-04 00:08:50Z", 1638576530);
    parses("2021-12-04", 1638576000);
    parses("2024-02-29T12:00:00Z", 1709208000);
    rejects("");
    rejects("2021-13-01T00:00:00Z");
    rejects("2021-02-30T00:00:00Z");
    rejects("2021-12-04T25:00:00Z");
    rejects("2021-12-04T00:08:50");
    rejects("2021-12-04T00:08:50Zjunk");
    rejects("2021-12-04T00:08:50.Z");
    rejects("yesterday");
    rejects("1638576530");
    ok(!time_parse_iso8601(NULL, &(time_t){0}), "rejects NULL");
}

static void test_format(void)
{
    char s[64];

    time_format_iso8601(1638576530, s, sizeof s);
    is_str(s, "2021-12-04T00:08:50Z", "formats ISO 8601 UTC");
    time_format_duration(45, s, sizeof s);
    is_str(s, "45s", "seconds");
    time_format_duration(37 * 60 + 5, s, sizeof s);
    is_str(s, "37m", "minutes");
    time_format_duration(3 * 3600 + 5 * 60, s, sizeof s);
    is_str(s, "3h05m", "hours and minutes");
    time_format_duration(2 * 86400 + 4 * 3600, s, sizeof s);
    is_str(s, "2d04h", "days and hours");
    time_format_duration(-5, s, sizeof s);
    is_str(s, "0s", "negative durations clamp to zero");
}

static void test_duration(void)
{
    long v = -1;

    ok(time_parse_duration("45m", &v) && v == 2700, "45m");
    ok(time_parse_duration("1h30m", &v) && v == 5400, "1h30m");
    ok(time_parse_duration("2d", &v) && v == 172800, "2d");
    ok(time_parse_duration("90", &v) && v == 90, "bare seconds");
    ok(!time_parse_duration("1h30", &v), "a bare number after a unit is ambiguous");
    ok(!time_parse_duration("", &v) && !time_parse_duration("m", &v), "empty and unit-only");
    ok(!time_parse_duration("5x", &v) && !time_parse_duration("-5m", &v), "junk and negatives");
    ok(!time_parse_duration("99999999999999999999d", &v), "overflow is refused");
}

/* RSS dates: the AWS guid's own epoch checks the PST reading. */
static void test_rfc822(void)
{
    static const struct {
        const char *s;
        time_t want;
    } good[] = {
        {"Fri, 10 Feb 2023 15:48:00 PST", 1676072880},
        {"Sat, 01 Aug 2026 00:05:42 Z", 1785542742},
        {"Thu, 23 Jul 2026 16:29:09 +0000", 1784824149},
        {"23 Jul 2026 16:29:09 GMT", 1784824149},
        {"Thu, 23 Jul 2026 18:29:09 +0200", 1784824149},
        {"Fri, 23 Aug 2019 04:18:35 PDT", 1566559115},
        {"  Fri, 31 Dec 99 23:00 UT ", 946681200},
        {"Thu, 23 July 2026 16:29:09 UTC", 1784824149},
    };
    static const char *const bad[] = {
        "",
        "Fri 10 Feb 2023 15:48:00 PST",
        "Fri, 10 Feb 2023 15:48:00 CEST",
        "Fri, 10 Foo 2023 15:48:00 GMT",
        "Fri, 32 Jan 2023 15:48:00 GMT",
        "Fri, 10 Feb 2023 25:48:00 GMT",
        "Fri, 10 Feb 2023 15:48:00 +2400",
        "Fri, 10 Feb 2023 15:48:00 GMT trailing",
        "2023-02-10T15:48:00Z",
    };
    time_t t;

    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        t = 0;
        ok(time_parse_rfc822(good[i].s, &t) && t == good[i].want, "rfc822 parses '%s'", good[i].s);
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ok(!time_parse_rfc822(bad[i], &t), "rfc822 rejects '%s'", bad[i]);
    ok(!time_parse_rfc822(NULL, &t), "rfc822 rejects NULL");
    ok(time_parse_epoch("1785519198", &t) && t == 1785519198, "epoch digits");
    ok(time_parse_epoch("1785519198.5", &t) && t == 1785519198, "epoch with a fraction");
    ok(!time_parse_epoch("-5", &t) && !time_parse_epoch("12a", &t) &&
           !time_parse_epoch("99999999999999999999999", &t) && !time_parse_epoch("", &t),
       "epoch rejects signs, letters, overflow, nothing");
}

/* Local time beside UTC: always with its zone, the date when it differs
 * from the UTC date. */
static void test_local(void)
{
    char out[64];
    time_t t;

    setenv("TZ", "Europe/Paris", 1);
    tzset();
    time_parse_iso8601("2026-11-23T17:54:12Z", &t);
    time_format_local(t, out, sizeof out);
    is_str(out, "18:54 CET", "17:54 UTC is 18:54 CET in Paris");
    time_parse_iso8601("2026-11-23T23:30:00Z", &t);
    time_format_local(t, out, sizeof out);
    is_str(out, "11-24 00:30 CET", "after midnight in Paris: the local date first");
    setenv("TZ", "UTC", 1);
    tzset();
    time_format_local(t, out, sizeof out);
    is_str(out, "23:30 UTC", "in UTC the zone is still said");
    time_format_local(0, out, sizeof out);
    is_str(out, "?", "no time: a question mark");
}

int main(void)
{
    test_rfc822();
    test_parse();
    test_format();
    test_duration();
    test_local();
    return tap_done();
}
