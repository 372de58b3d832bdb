/* The provider table and what JSON providers share (see provider.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "sitrep/provider.h"
#include "sitrep/xalloc.h"

const struct provider *const provider_table[] = {
    &provider_statuspage,
    &provider_reportfeed,
    &provider_downdetector,
    NULL,
};

const struct provider *provider_find(const char *name)
{
    for (size_t i = 0; name && provider_table[i]; i++) {
        if (strcmp(provider_table[i]->name, name) == 0)
            return provider_table[i];
    }
    return NULL;
}

char *provider_request_url(const struct provider *p, const char *url)
{
    const char *q = p ? p->default_query : NULL;
    size_t keylen;
    const char *query;

    if (!q)
        return xstrdup(url);
    keylen = strcspn(q, "=") + 1; /* "fields=" */
    query = strchr(url, '?');
    for (const char *at = query; at; at = strchr(at + 1, '&')) {
        if (strncmp(at + 1, q, keylen) == 0)
            return xstrdup(url); /* the URL chose its own */
    }
    return xasprintf("%s%c%s", url, query ? '&' : '?', q);
}

/* Skips leading blanks; returns the first byte that is not one, or -1. */
static int first_significant(const char *body, size_t len, size_t *at)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)body[i];
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
            *at = i;
            return c;
        }
    }
    return -1;
}

static const char *json_error_name(enum json_error_code code)
{
    switch (code) {
    case json_error_out_of_memory: return "out of memory";
    case json_error_stack_overflow: return "nesting too deep";
    case json_error_cannot_open_file: return "cannot open";
    case json_error_invalid_argument: return "invalid argument";
    case json_error_invalid_utf8: return "invalid UTF-8";
    case json_error_premature_end_of_input: return "truncated JSON";
    case json_error_end_of_input_expected: return "trailing data after JSON";
    case json_error_invalid_syntax: return "invalid JSON syntax";
    case json_error_invalid_format: return "invalid format";
    case json_error_wrong_type: return "wrong type";
    case json_error_null_character: return "NUL character in string";
    case json_error_null_value: return "null value";
    case json_error_null_byte_in_key: return "NUL byte in key";
    case json_error_duplicate_key: return "duplicate key";
    case json_error_numeric_overflow: return "number out of range";
    case json_error_item_not_found: return "item not found";
    case json_error_index_out_of_range: return "index out of range";
    default: return "unknown JSON error";
    }
}

json_t *provider_load_json(const char *body, size_t len, char *err, size_t errlen)
{
    json_error_t jerr;
    json_t *root;
    size_t at = 0;
    int c;

    if (len >= 3 && memcmp(body, "\xef\xbb\xbf", 3) == 0) {
        body += 3;
        len -= 3;
    }
    if (len >= 2 && ((unsigned char)body[0] == 0xff || (unsigned char)body[0] == 0xfe) &&
        ((unsigned char)body[1] == 0xfe || (unsigned char)body[1] == 0xff)) {
        snprintf(err, errlen, "body is UTF-16, not UTF-8 JSON");
        return NULL;
    }
    c = first_significant(body, len, &at);
    if (c < 0) {
        snprintf(err, errlen, "empty body");
        return NULL;
    }
    if (c == '<') {
        snprintf(err, errlen, "not JSON: the body looks like HTML or XML");
        return NULL;
    }
    root = json_loadb(body, len, JSON_DECODE_INT_AS_REAL, &jerr);
    if (!root) {
        snprintf(err, errlen, "%s at byte %d", json_error_name(json_error_code(&jerr)),
                 jerr.position);
        return NULL;
    }
    return root;
}

const char *provider_library_version(void)
{
    return jansson_version_str();
}
