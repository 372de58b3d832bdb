/* The format table and what every format shares at the edges: finding one
 * by name or by the look of a body, and turning a body into JSON (see
 * provider.h). */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "provider_internal.h"
#include "sitrep/buf.h"
#include "sitrep/provider.h"
#include "sitrep/xalloc.h"

/* The formats whose struct provider only this table names. */
extern const struct provider provider_cachet;
extern const struct provider provider_betterstack;
extern const struct provider provider_metastatus;
extern const struct provider provider_salesforce;
extern const struct provider provider_google;
extern const struct provider provider_mastodon;
extern const struct provider provider_hn_algolia;
extern const struct provider provider_ioda;
extern const struct provider provider_aws_health;
extern const struct provider provider_aws_rss;
extern const struct provider provider_azure_rss;
extern const struct provider provider_oracle;
extern const struct provider provider_m365;
extern const struct provider provider_spfeed;
extern const struct provider provider_slack;
extern const struct provider provider_apple;
extern const struct provider provider_heroku;
extern const struct provider provider_statusio;
extern const struct provider provider_instatus;
extern const struct provider provider_incidentio;
extern const struct provider provider_psn;
extern const struct provider provider_statuspal;
extern const struct provider provider_paypal;
extern const struct provider provider_zendesk;

/* One row per format; the config, --help, the README and the tests read
 * it. The order is the order --help lists them in. */
const struct provider *const provider_table[] = {
    &provider_statuspage,   /* statuspage.c */
    &provider_google,       /* google.c */
    &provider_aws_health,   /* aws_health.c */
    &provider_aws_rss,      /* aws_rss.c */
    &provider_azure_rss,    /* azure_rss.c */
    &provider_oracle,       /* oracle.c */
    &provider_m365,         /* m365.c */
    &provider_spfeed,       /* statuspage_feed.c */
    &provider_slack,        /* slack.c */
    &provider_incidentio,   /* incidentio.c */
    &provider_instatus,     /* instatus.c */
    &provider_statusio,     /* statusio.c */
    &provider_heroku,       /* heroku.c */
    &provider_apple,        /* apple.c */
    &provider_psn,          /* psn.c */
    &provider_statuspal,    /* statuspal.c */
    &provider_paypal,       /* paypal.c */
    &provider_zendesk,      /* zendesk.c */
    &provider_reportfeed,   /* reportfeed.c */
    &provider_downdetector, /* downdetector.c */
    &provider_cachet,       /* cachet.c */
    &provider_betterstack,  /* betterstack.c */
    &provider_metastatus,   /* metastatus.c */
    &provider_salesforce,   /* salesforce.c */
    &provider_mastodon,     /* mastodon.c */
    &provider_hn_algolia,   /* hn_algolia.c */
    &provider_ioda,         /* ioda.c */
    NULL,
};

static const char *const auth_names[AUTH_COUNT] = {
    [AUTH_NONE] = "none",
    [AUTH_DOWNDETECTOR] = "downdetector",
};

const char *provider_auth_name(enum source_auth auth)
{
    return (unsigned)auth < AUTH_COUNT ? auth_names[auth] : "?";
}

bool provider_auth_parse(const char *name, enum source_auth *out)
{
    for (int i = 0; name && i < AUTH_COUNT; i++) {
        if (strcmp(auth_names[i], name) == 0) {
            *out = (enum source_auth)i;
            return true;
        }
    }
    return false;
}

const struct provider *provider_find(const char *name)
{
    for (size_t i = 0; name && provider_table[i]; i++) {
        if (strcmp(provider_table[i]->name, name) == 0)
            return provider_table[i];
    }
    return NULL;
}

const struct provider *provider_sniff(const char *body, size_t len)
{
    const struct provider *best = NULL;
    int best_score = 49;

    for (size_t i = 0; body && provider_table[i]; i++) {
        int score = provider_table[i]->sniff ? provider_table[i]->sniff(body, len) : 0;
        if (score > best_score) {
            best = provider_table[i];
            best_score = score;
        }
    }
    return best;
}

/* What a body plainly is when it is not the document a format wanted, or
 * NULL when it may well be one gone wrong (the parser's message says more
 * then). No format reads HTML: an error page, a login page or a
 * single-page app's shell answered with 200. */
static const char *body_kind(const struct provider *p, const char *body, size_t len)
{
    const struct provider *like;

    if (sniff_first(body, len) < 0)
        return "an empty body";
    if (sniff_first(body, len) == '<' &&
        (sniff_has(body, len, "<html") || sniff_has(body, len, "<HTML") ||
         sniff_has(body, len, "<!DOCTYPE html") || sniff_has(body, len, "<!doctype html")))
        return "HTML";
    like = provider_sniff(body, len);
    return like && like != p && like->document ? like->document : NULL;
}

int provider_parse(const struct provider *p, const char *body, size_t len, struct evidence *out,
                   char *err, size_t errlen)
{
    const char *kind;

    if (p->parse(body, len, out, err, errlen) == 0)
        return 0;
    /* A parser that already said what it expected knows best. */
    if (strncmp(err, "expected ", 9) == 0)
        return -1;
    kind = p->document ? body_kind(p, body, len) : NULL;
    if (kind)
        snprintf(err, errlen, "expected %s, got %s", p->document, kind);
    return -1;
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

/* ---- UTF-16 ------------------------------------------------------------ */

static unsigned utf16_unit(const unsigned char *p, bool big_endian)
{
    return big_endian ? (unsigned)p[0] << 8 | p[1] : (unsigned)p[1] << 8 | p[0];
}

/* Writes cp as UTF-8 at out; returns the bytes written (1-4). */
static size_t put_utf8(char *out, unsigned cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xc0 | cp >> 6);
        out[1] = (char)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xe0 | cp >> 12);
        out[1] = (char)(0x80 | (cp >> 6 & 0x3f));
        out[2] = (char)(0x80 | (cp & 0x3f));
        return 3;
    }
    out[0] = (char)(0xf0 | cp >> 18);
    out[1] = (char)(0x80 | (cp >> 12 & 0x3f));
    out[2] = (char)(0x80 | (cp >> 6 & 0x3f));
    out[3] = (char)(0x80 | (cp & 0x3f));
    return 4;
}

/* Decodes UTF-16 after its byte order mark into a new buffer (*out, *outlen;
 * a unit gives at most three bytes). A lone or reversed surrogate, a NUL
 * or an odd length is an error, not a replacement character: a body that
 * is not the UTF-16 it claims is not a document to trust. */
static int utf16_decode(const unsigned char *p, size_t len, char **out, size_t *outlen, char *err,
                        size_t errlen)
{
    bool big = p[0] == 0xfe;
    char *o;
    size_t n = 0;

    if (len % 2) {
        snprintf(err, errlen, "UTF-16 body has an odd length (%zu bytes)", len);
        return -1;
    }
    o = xmalloc(len / 2 * 3 + 1);
    for (size_t i = 2; i < len; i += 2) {
        unsigned u = utf16_unit(p + i, big), cp = u;
        if (u >= 0xdc00 && u <= 0xdfff) {
            snprintf(err, errlen, "invalid UTF-16: lone low surrogate at byte %zu", i);
            free(o);
            return -1;
        }
        if (u >= 0xd800 && u <= 0xdbff) {
            unsigned lo = i + 3 < len ? utf16_unit(p + i + 2, big) : 0;
            if (lo < 0xdc00 || lo > 0xdfff) {
                snprintf(err, errlen, "invalid UTF-16: lone high surrogate at byte %zu", i);
                free(o);
                return -1;
            }
            cp = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
            i += 2;
        }
        n += put_utf8(o + n, cp == 0 ? 0xfffd : cp);
    }
    o[n] = '\0';
    *out = o;
    *outlen = n;
    return 0;
}

/* ---- JSON bodies --------------------------------------------------------- */

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

/* UTF-16 without a byte order mark: JSON text starts with an ASCII
 * character, so one of its first two bytes is NUL. */
static bool bomless_utf16(const unsigned char *p, size_t len)
{
    return len >= 2 && (p[0] == 0) != (p[1] == 0);
}

/* The body as UTF-8 JSON text: BOMs dealt with, UTF-16 decoded (into
 * *copy, which the caller frees), HTML and empty bodies refused. Returns
 * the text or NULL with err set. */
static const char *json_text(const char *body, size_t *len, char **copy, char *err, size_t errlen)
{
    const unsigned char *p = (const unsigned char *)body;
    size_t at = 0;
    int c;

    *copy = NULL;
    /* AWS serves its currentevents as UTF-16 with a BOM, either order. */
    if (*len >= 2 && ((p[0] == 0xff && p[1] == 0xfe) || (p[0] == 0xfe && p[1] == 0xff))) {
        if (utf16_decode(p, *len, copy, len, err, errlen) != 0)
            return NULL;
        body = *copy;
    } else if (*len >= 3 && memcmp(body, "\xef\xbb\xbf", 3) == 0) {
        body += 3;
        *len -= 3;
    }
    if (bomless_utf16((const unsigned char *)body, *len)) {
        snprintf(err, errlen, "body looks like UTF-16 without a byte order mark");
        return NULL;
    }
    c = first_significant(body, *len, &at);
    if (c < 0) {
        snprintf(err, errlen, "empty body");
        return NULL;
    }
    if (c == '<') {
        snprintf(err, errlen, "not JSON: the body looks like HTML or XML");
        return NULL;
    }
    return body;
}

json_t *provider_load_json(const char *body, size_t len, char *err, size_t errlen)
{
    char *copy;
    const char *text = json_text(body, &len, &copy, err, errlen);
    json_error_t jerr;
    json_t *root = NULL;

    if (text) {
        root = json_loadb(text, len, JSON_DECODE_INT_AS_REAL, &jerr);
        if (!root)
            snprintf(err, errlen, "%s at byte %d", json_error_name(json_error_code(&jerr)),
                     jerr.position);
    }
    free(copy);
    return root;
}

int provider_load_jdoc(const char *body, size_t len, struct jdoc *d, char *err, size_t errlen)
{
    char *copy;
    const char *text = json_text(body, &len, &copy, err, errlen);
    int rc = text ? jdoc_parse(d, text, len, err, errlen) : -1;

    free(copy);
    return rc;
}

const char *provider_library_version(void)
{
    return jansson_version_str();
}
