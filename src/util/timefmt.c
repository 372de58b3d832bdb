/* Timestamp parsing and formatting (see timefmt.h). */
#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <stdint.h>
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

/* ---- RFC 822 / 2822 (RSS pubDate) ---------------------------------------- */

static const char *const month_names[12] = {"jan", "feb", "mar", "apr", "may", "jun",
                                            "jul", "aug", "sep", "oct", "nov", "dec"};

/* Named zones RSS feeds use: RFC 822's own, and "Z" as Microsoft writes it. */
static const struct {
    const char *name;
    int hours;
} zone_names[] = {
    {"ut", 0},   {"utc", 0},  {"gmt", 0},  {"z", 0},    {"est", -5}, {"edt", -4},
    {"cst", -6}, {"cdt", -5}, {"mst", -7}, {"mdt", -6}, {"pst", -8}, {"pdt", -7},
};

static const char *skip_spaces(const char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

/* Reads a run of letters (at most cap-1) lower-cased into word. */
static const char *read_word(const char *p, char *word, size_t cap)
{
    size_t n = 0;

    while (isalpha((unsigned char)*p)) {
        if (n + 1 >= cap)
            return NULL;
        word[n++] = (char)tolower((unsigned char)*p++);
    }
    word[n] = '\0';
    return n ? p : NULL;
}

/* One or more digits, at most max of them. */
static bool read_number(const char **p, int max, int *out)
{
    int n = 0, v = 0;

    while (isdigit((unsigned char)**p) && n < max) {
        v = v * 10 + (**p - '0');
        (*p)++;
        n++;
    }
    *out = v;
    return n > 0 && !isdigit((unsigned char)**p);
}

static bool read_rfc822_zone(const char *p, long *offset)
{
    char word[8];

    p = skip_spaces(p);
    if (*p == '+' || *p == '-') {
        int sign = *p == '-' ? -1 : 1, hhmm;
        p++;
        if (!read_number(&p, 4, &hhmm) || hhmm % 100 > 59 || hhmm / 100 > 23)
            return false;
        *offset = sign * (hhmm / 100 * 3600L + hhmm % 100 * 60L);
        return *skip_spaces(p) == '\0';
    }
    if (!(p = read_word(p, word, sizeof word)) || *skip_spaces(p) != '\0')
        return false;
    for (size_t i = 0; i < sizeof zone_names / sizeof zone_names[0]; i++) {
        if (strcmp(word, zone_names[i].name) == 0) {
            *offset = zone_names[i].hours * 3600L;
            return true;
        }
    }
    return false; /* a zone we cannot place: better no time than a wrong one */
}

bool time_parse_rfc822(const char *s, time_t *out)
{
    struct tm tm = {0};
    char word[16];
    int d, mo = -1, y, h, mi, sec = 0;
    long offset;
    const char *p = s ? skip_spaces(s) : NULL;

    if (!p)
        return false;
    if (isalpha((unsigned char)*p)) { /* the day name is optional */
        if (!(p = read_word(p, word, sizeof word)) || *p++ != ',')
            return false;
        p = skip_spaces(p);
    }
    if (!read_number(&p, 2, &d) || !(p = read_word(skip_spaces(p), word, sizeof word)))
        return false;
    for (int i = 0; i < 12; i++) {
        if (strncmp(word, month_names[i], 3) == 0 && strlen(word) >= 3)
            mo = i;
    }
    p = skip_spaces(p);
    if (mo < 0 || !read_number(&p, 4, &y))
        return false;
    if (y < 100)
        y += y < 50 ? 2000 : 1900;
    p = skip_spaces(p);
    if (!read_number(&p, 2, &h) || *p++ != ':' || !read_number(&p, 2, &mi))
        return false;
    if (*p == ':' && (p++, !read_number(&p, 2, &sec)))
        return false;
    if (d < 1 || d > days_in_month[mo] || h > 23 || mi > 59 || sec > 60 ||
        !read_rfc822_zone(p, &offset))
        return false;
    tm.tm_year = y - 1900;
    tm.tm_mon = mo;
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

bool time_parse_epoch(const char *s, time_t *out)
{
    long long v = 0;
    const char *p = s;

    if (!s || !isdigit((unsigned char)*p))
        return false;
    for (; isdigit((unsigned char)*p); p++) {
        if (v > (LLONG_MAX - 9) / 10)
            return false;
        v = v * 10 + (*p - '0');
    }
    if (*p == '.') { /* fractions of a second are dropped */
        p++;
        while (isdigit((unsigned char)*p))
            p++;
    }
    if (*p != '\0' || v > (long long)INT64_MAX / 2)
        return false;
    *out = (time_t)v;
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

void time_format_local(time_t t, char *out, size_t outlen)
{
    struct tm utc, local;
    char l[32], zone[32];

    if (!t || !gmtime_r(&t, &utc) || !localtime_r(&t, &local)) {
        snprintf(out, outlen, "?");
        return;
    }
    bool same_day = utc.tm_year == local.tm_year && utc.tm_yday == local.tm_yday;
    strftime(l, sizeof l, same_day ? "%H:%M" : "%m-%d %H:%M", &local);
    if (!strftime(zone, sizeof zone, "%Z", &local) || !zone[0])
        strftime(zone, sizeof zone, "%z", &local);
    snprintf(out, outlen, "%s %s", l, zone);
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
