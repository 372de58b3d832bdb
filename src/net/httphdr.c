/* HTTP header values (see httphdr.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "sitrep/httphdr.h"

#define ETAG_MAX    256
#define CHARSET_MAX 40

bool http_etag_valid(const char *etag)
{
    size_t n = strlen(etag);

    if (n == 0 || n > ETAG_MAX)
        return false;
    for (const unsigned char *p = (const unsigned char *)etag; *p; p++) {
        if (*p <= 0x20 || *p >= 0x7f)
            return false;
    }
    return true;
}

static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
static const char *const long_days[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                        "Thursday", "Friday", "Saturday"};

static int month_index(const char *m)
{
    for (int i = 0; i < 12; i++) {
        if (strncmp(m, months[i], 3) == 0)
            return i;
    }
    return -1;
}

static bool known_day(const char *d, size_t n)
{
    for (int i = 0; i < 7; i++) {
        if ((strlen(days[i]) == n && strncmp(d, days[i], n) == 0) ||
            (strlen(long_days[i]) == n && strncmp(d, long_days[i], n) == 0))
            return true;
    }
    return false;
}

static bool leap(int y)
{
    return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

/* A real moment: no February 30th, no 25th hour. */
static bool valid_tm(int y, int mon, int d, int h, int mi, int s)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int max = mon >= 0 && mon < 12 ? mdays[mon] + (mon == 1 && leap(y)) : 0;

    return y >= 1970 && y <= 9999 && d >= 1 && d <= max && h >= 0 && h <= 23 && mi >= 0 &&
           mi <= 59 && s >= 0 && s <= 60;
}

bool http_date_parse(const char *value, time_t *out)
{
    char day[12], mon[4], zone[4], tail;
    int d, y, h, mi, s, m, n = 0;
    struct tm tm = {0};
    size_t daylen = strcspn(value, ", ");

    if (daylen == 0 || daylen > 9 || !known_day(value, daylen))
        return false;
    if (sscanf(value, "%3s, %2d %3s %4d %2d:%2d:%2d %3s%n%c", day, &d, mon, &y, &h, &mi, &s, zone,
               &n, &tail) == 8 &&
        n > 0 && value[n] == '\0' && strcmp(zone, "GMT") == 0) {
        /* IMF-fixdate */
    } else if (sscanf(value, "%11[A-Za-z], %2d-%3s-%2d %2d:%2d:%2d %3s%n%c", day, &d, mon, &y, &h,
                      &mi, &s, zone, &n, &tail) == 8 &&
               n > 0 && value[n] == '\0' && strcmp(zone, "GMT") == 0) {
        y += y < 70 ? 2000 : 1900; /* RFC 850's two-digit year, as RFC 9110 reads it */
    } else if (sscanf(value, "%3s %3s %2d %2d:%2d:%2d %4d%n%c", day, mon, &d, &h, &mi, &s, &y, &n,
                      &tail) == 7 &&
               n > 0 && value[n] == '\0') {
        /* asctime */
    } else {
        return false;
    }
    m = month_index(mon);
    if (m < 0 || strlen(mon) != 3 || !valid_tm(y, m, d, h, mi, s))
        return false;
    tm.tm_year = y - 1900;
    tm.tm_mon = m;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = s;
    *out = timegm(&tm);
    return *out != (time_t)-1;
}

bool http_retry_after(const char *value, time_t now, long *seconds)
{
    size_t n = strspn(value, "0123456789");
    time_t at;

    *seconds = 0;
    if (n > 0 && value[n] == '\0') {
        long v = 0;
        for (size_t i = 0; i < n && v <= HTTP_RETRY_AFTER_MAX; i++)
            v = v * 10 + (value[i] - '0');
        *seconds = v > HTTP_RETRY_AFTER_MAX ? HTTP_RETRY_AFTER_MAX : v;
        return true;
    }
    if (!http_date_parse(value, &at))
        return false;
    if (at > now)
        *seconds = at - now > HTTP_RETRY_AFTER_MAX ? HTTP_RETRY_AFTER_MAX : (long)(at - now);
    return true;
}

static bool token_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c && strchr("!#$%&'*+-.^_`|~", c));
}

bool http_content_charset(const char *ct, char *out, size_t outlen)
{
    const char *p = strchr(ct, ';');

    while (p) {
        const char *name = p + 1 + strspn(p + 1, " \t");
        size_t n = strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_");
        const char *v = name + n + strspn(name + n, " \t");
        bool quoted;
        size_t len = 0;

        if (n == 7 && strncasecmp(name, "charset", 7) == 0 && *v == '=') {
            v++;
            v += strspn(v, " \t");
            quoted = *v == '"';
            v += quoted;
            while (token_char(v[len]))
                len++;
            if (len == 0 || len > CHARSET_MAX || len >= outlen || (quoted && v[len] != '"'))
                return false;
            for (size_t i = 0; i < len; i++)
                out[i] = (char)(v[i] >= 'A' && v[i] <= 'Z' ? v[i] + 32 : v[i]);
            out[len] = '\0';
            return true;
        }
        p = strchr(name, ';'); /* a quoted value with ';' in it is not a charset anyway */
    }
    return false;
}
