/* Parsers for the HTTP response headers sitrep acts on: ETag (echoed back
 * in If-None-Match), Retry-After (how long to stay away) and the charset
 * of Content-Type. Pure functions on header values, no curl: the fetcher
 * calls them and the fuzz targets feed them anything. */
#ifndef SITREP_HTTPHDR_H
#define SITREP_HTTPHDR_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* True when etag may be sent back verbatim: 1 to 256 bytes of RFC 9110
 * etagc (printable ASCII but no blank, no DEL), so a hostile ETag cannot
 * inject request headers. */
bool http_etag_valid(const char *etag);

/* Retry-After: delta-seconds ("120") or an HTTP-date (IMF-fixdate "Sun, 06
 * Nov 1994 08:49:37 GMT", RFC 850 "Sunday, 06-Nov-94 08:49:37 GMT" or
 * asctime "Sun Nov  6 08:49:37 1994"), as seconds from now: a date in the
 * past is 0, anything is at most HTTP_RETRY_AFTER_MAX. Returns false (and
 * *seconds 0) for anything else. */
#define HTTP_RETRY_AFTER_MAX (7L * 86400)
bool http_retry_after(const char *value, time_t now, long *seconds);

/* Parses an HTTP-date (the three forms above) into *out. */
bool http_date_parse(const char *value, time_t *out);

/* The charset parameter of a Content-Type value ("application/json;
 * charset=UTF-8" gives "utf-8"), lowercased, quotes removed, into out.
 * Returns false when there is none or it is not a token of at most 40
 * characters. */
bool http_content_charset(const char *content_type, char *out, size_t outlen);

#endif
