/* Credentials and OAuth tokens (see credentials.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "sitrep/credentials.h"
#include "sitrep/redact.h"
#include "sitrep/xalloc.h"

#define CREDENTIALS_MAX 4096

static void wipe_free(char *s)
{
    if (s) {
        memset(s, 0, strlen(s));
        free(s);
    }
}

void credentials_free(struct credentials *c)
{
    wipe_free(c->client_id);
    wipe_free(c->client_secret);
    c->client_id = c->client_secret = NULL;
}

static int from_env(struct credentials *out, char *err, size_t errlen)
{
    const char *id = getenv("SITREP_DOWNDETECTOR_CLIENT_ID");
    const char *secret = getenv("SITREP_DOWNDETECTOR_CLIENT_SECRET");

    if (!id || !*id || !secret || !*secret) {
        snprintf(err, errlen,
                 "no credentials: set SITREP_DOWNDETECTOR_CLIENT_ID and "
                 "SITREP_DOWNDETECTOR_CLIENT_SECRET, or credentials = FILE");
        return -1;
    }
    out->client_id = xstrdup(id);
    out->client_secret = xstrdup(secret);
    return 0;
}

bool credentials_env_secret(const char *entry)
{
    static const char *const names[] = {"SITREP_DOWNDETECTOR_CLIENT_ID",
                                        "SITREP_DOWNDETECTOR_CLIENT_SECRET"};
    static const char *const suffixes[] = {"_SECRET", "_TOKEN", "_PASSWORD", "_KEY", "_CLIENT_ID"};
    size_t n = strcspn(entry, "=");

    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strlen(names[i]) == n && strncmp(entry, names[i], n) == 0)
            return true;
    }
    if (strncmp(entry, "SITREP_", 7) != 0)
        return false;
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        size_t k = strlen(suffixes[i]);
        if (n > k && strncmp(entry + n - k, suffixes[i], k) == 0)
            return true;
    }
    return false;
}

/* Opens path for reading only if it is a regular file only its owner can
 * read; returns the descriptor or -1 with a message. The path itself is a
 * credentials value: messages say "credentials file ***" (the config's
 * file:line says which one). O_NONBLOCK: a FIFO must not hang us. */
static int open_private(const char *path, char *err, size_t errlen)
{
    struct stat st;
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);

    if (fd < 0) {
        snprintf(err, errlen, "credentials file " REDACTED ": %s",
                 errno == ELOOP ? "is a symbolic link: refusing it" : strerror(errno));
        return -1;
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "credentials file " REDACTED " is not a regular file");
    } else if (st.st_mode & (S_IRWXG | S_IRWXO)) {
        snprintf(err, errlen,
                 "credentials file " REDACTED " is readable by others: refusing it "
                 "(chmod 600 it)");
    } else if (st.st_uid != geteuid()) {
        snprintf(err, errlen, "credentials file " REDACTED " belongs to another user: refusing it");
    } else {
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
        return fd;
    }
    close(fd);
    return -1;
}

int credentials_parse(char *text, struct credentials *out, char *err, size_t errlen)
{
    int line = 0;

    memset(out, 0, sizeof *out);
    /* Line by line, blank ones counted: messages name the right line. The
     * values are secrets, and so may be anything on a line that is not
     * "key = value": messages never quote the text. */
    for (char *l = text, *next; l && *l; l = next) {
        char key[32], *eq, *v;
        next = strchr(l, '\n');
        if (next)
            *next++ = '\0';
        line++;
        l += strspn(l, " \t\r");
        if (!*l || *l == '#' || *l == ';')
            continue;
        eq = strchr(l, '=');
        if (!eq || sscanf(l, "%31[A-Za-z_]", key) != 1) {
            snprintf(err, errlen, "line %d: want key = value", line);
            goto fail;
        }
        v = eq + 1 + strspn(eq + 1, " \t");
        v[strcspn(v, " \t\r")] = '\0';
        size_t klen = strlen(key);
        const char *after = l + klen;
        after += strspn(after, " \t");
        char **slot = after != eq                         ? NULL
                      : strcmp(key, "client_id") == 0     ? &out->client_id
                      : strcmp(key, "client_secret") == 0 ? &out->client_secret
                                                          : NULL;
        if (!slot) {
            snprintf(err, errlen, "line %d: unknown key (want client_id, client_secret)", line);
            goto fail;
        }
        if (*slot) {
            snprintf(err, errlen, "line %d: %s given twice", line, key);
            goto fail;
        }
        *slot = xstrdup(v);
    }
    if (!out->client_id || !*out->client_id || !out->client_secret || !*out->client_secret) {
        snprintf(err, errlen, "needs client_id and client_secret");
        goto fail;
    }
    return 0;
fail:
    credentials_free(out);
    return -1;
}

int credentials_load(const char *path, struct credentials *out, char *err, size_t errlen)
{
    char buf[CREDENTIALS_MAX + 1], why[200];
    ssize_t n;
    int fd, rc;

    memset(out, 0, sizeof *out);
    if (!path)
        return from_env(out, err, errlen);
    fd = open_private(path, err, errlen);
    if (fd < 0)
        return -1;
    n = read(fd, buf, CREDENTIALS_MAX);
    close(fd);
    if (n < 0 || n == CREDENTIALS_MAX) {
        snprintf(err, errlen, "credentials file " REDACTED ": %s",
                 n < 0 ? strerror(errno) : "too large");
        return -1;
    }
    buf[n] = '\0';
    rc = credentials_parse(buf, out, why, sizeof why);
    memset(buf, 0, sizeof buf);
    if (rc != 0)
        snprintf(err, errlen, "credentials file " REDACTED ": %s", why);
    return rc;
}

int oauth_parse_token(const char *body, size_t len, char **token, long *expires_s, char *err,
                      size_t errlen)
{
    json_error_t jerr;
    json_t *root = json_loadb(body, len, JSON_DECODE_INT_AS_REAL, &jerr);
    json_t *tok = json_object_get(root, "access_token");
    json_t *exp = json_object_get(root, "expires_in");
    int rc = -1;

    if (!json_is_object(root))
        snprintf(err, errlen, "token response is not a JSON object");
    else if (!json_is_string(tok) || json_string_length(tok) == 0 || json_string_length(tok) > 4096)
        snprintf(err, errlen, "token response has no usable access_token");
    else if (exp && !json_is_number(exp))
        snprintf(err, errlen, "token response has a non-numeric expires_in");
    else {
        double e = exp ? json_number_value(exp) : 3600;
        *token = xstrdup(json_string_value(tok));
        *expires_s = e < 10 ? 10 : e > 86400 ? 86400 : (long)e;
        rc = 0;
    }
    json_decref(root);
    return rc;
}
