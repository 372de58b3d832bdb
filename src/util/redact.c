/* Secrets out of text (see redact.h). */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sitrep/buf.h"
#include "sitrep/redact.h"
#include "sitrep/xalloc.h"

/* Query parameters whose value is a secret, matched whole and without
 * regard to case; a name ending in one of the suffixes counts too
 * ("x_api_key", "client_secret", "session_token"). */
static const char *const secret_params[] = {
    "key",     "apikey", "token", "secret",     "password",    "passwd",
    "pass",    "pwd",    "auth",  "signature",  "sig",         "code",
    "session", "sid",    "jwt",   "credential", "credentials",
};
static const char *const secret_suffixes[] = {"_key",    "-key",    "_token",    "-token",
                                              "_secret", "-secret", "_password", "_auth"};

static bool is_secret_param(const char *name, size_t n)
{
    for (size_t i = 0; i < sizeof secret_params / sizeof secret_params[0]; i++) {
        if (strlen(secret_params[i]) == n && strncasecmp(name, secret_params[i], n) == 0)
            return true;
    }
    for (size_t i = 0; i < sizeof secret_suffixes / sizeof secret_suffixes[0]; i++) {
        size_t k = strlen(secret_suffixes[i]);
        if (n > k && strncasecmp(name + n - k, secret_suffixes[i], k) == 0)
            return true;
    }
    return false;
}

/* Characters that end a URL in running text. */
static bool ends_url(char c)
{
    return c == '\0' || isspace((unsigned char)c) || c == '"' || c == '\'' || c == '<' ||
           c == '>' || c == '`';
}

/* Where the secret starts and how long it is, for the first one at or after
 * p; false when there is none. */
struct span {
    size_t at, len;
};

/* "scheme://userinfo@host": the userinfo. The authority ends at the first
 * '/', '?', '#' or the end of the URL; its last '@' ends the userinfo. */
static bool find_userinfo(const char *s, size_t from, struct span *out)
{
    for (const char *p = strstr(s + from, "://"); p; p = strstr(p + 1, "://")) {
        const char *auth = p + 3, *at = NULL, *q = auth;
        for (; !ends_url(*q) && *q != '/' && *q != '?' && *q != '#'; q++) {
            if (*q == '@')
                at = q;
        }
        if (at && at > auth && !(at - auth == 3 && strncmp(auth, REDACTED, 3) == 0)) {
            *out = (struct span){(size_t)(auth - s), (size_t)(at - auth)};
            return true;
        }
    }
    return false;
}

/* "?name=value" or "&name=value" with a secret name: the value. */
static bool find_param(const char *s, size_t from, struct span *out)
{
    for (const char *p = s + from; *p; p++) {
        if (*p != '?' && *p != '&' && *p != ';')
            continue;
        const char *name = p + 1, *eq = name;
        while (isalnum((unsigned char)*eq) || *eq == '_' || *eq == '-' || *eq == '.')
            eq++;
        if (*eq != '=' || !is_secret_param(name, (size_t)(eq - name)))
            continue;
        const char *v = eq + 1, *end = v;
        while (!ends_url(*end) && *end != '&' && *end != '#' && *end != ';')
            end++;
        if (end > v && !(end - v == 3 && strncmp(v, REDACTED, 3) == 0)) {
            *out = (struct span){(size_t)(v - s), (size_t)(end - v)};
            return true;
        }
    }
    return false;
}

/* "Authorization: Basic abc", "Proxy-Authorization: Bearer xyz": the
 * value, to the end of the line. */
static bool find_authorization(const char *s, size_t from, struct span *out)
{
    static const char key[] = "authorization:";
    const size_t klen = sizeof key - 1;

    for (const char *p = s + from; *p; p++) {
        if (strncasecmp(p, key, klen) != 0)
            continue;
        const char *v = p + klen;
        v += strspn(v, " \t");
        size_t n = strcspn(v, "\r\n");
        if (n && !(n == 3 && strncmp(v, REDACTED, 3) == 0)) {
            *out = (struct span){(size_t)(v - s), n};
            return true;
        }
    }
    return false;
}

/* The earliest secret at or after from. */
static bool next_secret(const char *s, size_t from, struct span *out)
{
    bool (*const finders[])(const char *, size_t, struct span *) = {find_userinfo, find_param,
                                                                    find_authorization};
    bool found = false;

    for (size_t i = 0; i < sizeof finders / sizeof finders[0]; i++) {
        struct span sp;
        if (finders[i](s, from, &sp) && (!found || sp.at < out->at)) {
            *out = sp;
            found = true;
        }
    }
    return found;
}

/* shrink: a secret shorter than "***" becomes as many stars, so the text
 * never grows (for redact_in_place). */
static char *redact(const char *s, bool shrink)
{
    struct buf b = {0};
    struct span sp;
    size_t from = 0;

    while (next_secret(s, from, &sp)) {
        buf_append(&b, s + from, sp.at - from);
        buf_append(&b, REDACTED, shrink && sp.len < 3 ? sp.len : 3);
        from = sp.at + sp.len;
    }
    if (!b.data) /* no secret: a copy of its own size (a snapshot keeps one a source) */
        return xstrdup(s);
    buf_puts(&b, s + from);
    return buf_detach(&b);
}

char *redact_text(const char *s)
{
    return s ? redact(s, false) : NULL;
}

bool redact_in_place(char *s)
{
    char *clean;
    size_t n, m;

    if (!s || !redact_has_secret(s))
        return false;
    clean = redact(s, true);
    n = strlen(s);
    m = strlen(clean);
    memcpy(s, clean, m);
    memset(s + m, 0, n - m);
    free(clean);
    return true;
}

bool redact_has_secret(const char *s)
{
    struct span sp;

    return s && next_secret(s, 0, &sp);
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)tolower((unsigned char)c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Percent-decodes n bytes; NULL on a bad escape or a NUL. */
static char *pct_decode(const char *s, size_t n)
{
    char *out = xmalloc(n + 1), *o = out;

    for (size_t i = 0; i < n; i++) {
        if (s[i] != '%') {
            *o++ = s[i];
            continue;
        }
        if (i + 2 >= n) {
            free(out);
            return NULL;
        }
        int a = hexval(s[i + 1]), b = hexval(s[i + 2]);
        if (a < 0 || b < 0 || (a == 0 && b == 0)) {
            free(out);
            return NULL;
        }
        *o++ = (char)(a * 16 + b);
        i += 2;
    }
    *o = '\0';
    return out;
}

int redact_split_userinfo(const char *url, char **clean, char **user, char **password)
{
    struct span sp;
    const char *colon;

    *clean = *user = *password = NULL;
    if (!find_userinfo(url, 0, &sp) || sp.at != (size_t)(strstr(url, "://") + 3 - url)) {
        *clean = xstrdup(url);
        return 0;
    }
    colon = memchr(url + sp.at, ':', sp.len);
    *user = pct_decode(url + sp.at, colon ? (size_t)(colon - url - sp.at) : sp.len);
    if (colon)
        *password = pct_decode(colon + 1, sp.len - (size_t)(colon + 1 - url - sp.at));
    if (!*user || (colon && !*password)) {
        free(*user);
        free(*password);
        *user = *password = NULL;
        return -1;
    }
    *clean = xasprintf("%.*s%s", (int)sp.at, url, url + sp.at + sp.len + 1);
    return 0;
}
