/* Timestamp parsing and formatting (see timefmt.h). */
#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "sitrep/timefmt.h"

/* Reads exactly n digits at *p into *out and advances *p. */
static bool read_digits(const char **p, int n, int *out)
{
    int v = 0;

    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)(*p)[i]))
            return false;
        v = v * 10 + ((*p)[i] - '0');
    }
    *p += n;
    *out = v;
    return true;
}

/* Parses "Z", "+HH:MM", "+HHMM", "+HH" into seconds east of UTC. */
static bool read_offset(const char **p, long *offset)
{
    int sign, hh, mm = 0;

    if (**p == 'Z' || **p == 'z') {
        (*p)++;
        *offset = 0;
        return true;
    }
    if (**p != '+' && **p != '-')
        return false;
    sign = **p == '-' ? -1 : 1;
    (*p)++;
    if (!read_digits(p, 2, &hh))
        return false;
    if (**p == ':')
        (*p)++;
    if (isdigit((unsigned char)**p) && !read_digits(p, 2, &mm))
        return false;
    if (hh > 23 || mm > 59)
        return false;
    *offset = sign * (hh * 3600L + mm * 60L);
    return true;
}

static const int days_in_month[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

bool time_parse_iso8601(const char *s, time_t *out)
{
    struct tm tm = {0};
    int y, mo, d, h = 0, mi = 0, sec = 0;
    long offset = 0;
    const char *p = s;

    if (!s || !read_digits(&p, 4, &y) || *p++ != '-' || !read_digits(&p, 2, &mo) || *p++ != '-' ||
        !read_digits(&p, 2, &d))
        return false;
    if (mo < 1 || mo > 12 || d < 1 || d > days_in_month[mo - 1])
        return false;
    if (mo == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
        return false; /* 2023-02-29 does not exist; timegm would make it March 1st */
    if (*p == 'T' || *p == 't' || *p == ' ') {
        p++;
        if (!read_digits(&p, 2, &h) || *p++ != ':' || !read_digits(&p, 2, &mi))
            return false;
        if (*p == ':') {
            p++;
            if (!read_digits(&p, 2, &sec))
                return false;
        }
        if (*p == '.' || *p == ',') {
            p++;
            if (!isdigit((unsigned char)*p))
                return false;
            while (isdigit((unsigned char)*p))
                p++;
        }
        if (h > 23 || mi > 59 || sec > 60)
            return false;
        if (!read_offset(&p, &offset))
            return false;
    }
    if (*p != '\0')
        return false;
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = sec;
    time_t t = timegm(&tm);
    if (t == (time_t)-1)
        return false;
    *out = t - offset;
    return true;
}

void time_format_iso8601(time_t t, char *out, size_t outlen)
{
    struct tm tm;

    if (!gmtime_r(&t, &tm) || strftime(out, outlen, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0) {
        if (outlen)
            out[0] = '\0';
    }
}

void time_format_duration(long seconds, char *out, size_t outlen)
{
    long s = seconds < 0 ? 0 : seconds;

    if (s < 60)
        snprintf(out, outlen, "%lds", s);
    else if (s < 3600)
        snprintf(out, outlen, "%ldm", s / 60);
    else if (s < 86400)
        snprintf(out, outlen, "%ldh%02ldm", s / 3600, (s % 3600) / 60);
    else
        snprintf(out, outlen, "%ldd%02ldh", s / 86400, (s % 86400) / 3600);
}

bool time_parse_duration(const char *s, long *out)
{
    long total = 0;
    bool any = false;

    if (!s || !*s)
        return false;
    while (*s) {
        long v = 0;
        if (!isdigit((unsigned char)*s))
            return false;
        while (isdigit((unsigned char)*s)) {
            if (v > (LONG_MAX - 9) / 10)
                return false;
            v = v * 10 + (*s++ - '0');
        }
        long unit;
        switch (*s) {
        case 'd':
            unit = 86400;
            s++;
            break;
        case 'h':
            unit = 3600;
            s++;
            break;
        case 'm':
            unit = 60;
            s++;
            break;
        case 's':
            unit = 1;
            s++;
            break;
        case '\0':
            if (any)
                return false; /* "1h30" is ambiguous */
            unit = 1;
            break;
        default: return false;
        }
        if (v > (LONG_MAX - total) / unit)
            return false;
        total += v * unit;
        any = true;
    }
    *out = total;
    return true;
}

void time_format_clock(time_t t, time_t now, char *out, size_t outlen)
{
    struct tm utc, local, today;
    char u[32], l[32], zone[32];

    if (!t || !gmtime_r(&t, &utc) || !localtime_r(&t, &local) || !gmtime_r(&now, &today)) {
        snprintf(out, outlen, "an unknown time");
        return;
    }
    bool same_day = utc.tm_year == today.tm_year && utc.tm_yday == today.tm_yday;
    strftime(u, sizeof u, same_day ? "%H:%M" : "%Y-%m-%d %H:%M", &utc);
    if (utc.tm_year == local.tm_year && utc.tm_yday == local.tm_yday &&
        utc.tm_hour == local.tm_hour && utc.tm_min == local.tm_min) {
        snprintf(out, outlen, "%s UTC", u);
        return;
    }
    bool local_same_day = utc.tm_year == local.tm_year && utc.tm_yday == local.tm_yday;
    strftime(l, sizeof l, local_same_day ? "%H:%M" : "%Y-%m-%d %H:%M", &local);
    /* Some zones have no abbreviation; the offset names them instead. */
    if (!strftime(zone, sizeof zone, "%Z", &local) || !zone[0])
        strftime(zone, sizeof zone, "%z", &local);
    snprintf(out, outlen, "%s UTC (%s %s)", u, l, zone);
}

void time_format_ago(long seconds, char *out, size_t outlen)
{
    bool future = seconds < 0;
    long s = future ? (seconds == LONG_MIN ? LONG_MAX : -seconds) : seconds;
    char d[40];

    if (s < 60)
        snprintf(d, sizeof d, "%ld s", s);
    else if (s < 3600)
        snprintf(d, sizeof d, "%ld min", s / 60);
    else if (s < 86400 && (s % 3600) / 60 == 0)
        snprintf(d, sizeof d, "%ld h", s / 3600);
    else if (s < 86400)
        snprintf(d, sizeof d, "%ld h %02ld min", s / 3600, (s % 3600) / 60);
    else
        snprintf(d, sizeof d, "%ld d %02ld h", s / 86400, (s % 86400) / 3600);
    snprintf(out, outlen, future ? "in %s" : "%s ago", d);
}
