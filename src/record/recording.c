/* Recordings (see recording.h and docs/recording.md). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "sitrep/buf.h"
#include "sitrep/recording.h"
#include "sitrep/redact.h"
#include "sitrep/safefile.h"
#include "sitrep/timefmt.h"
#include "sitrep/xalloc.h"

#define INDEX_NAME       "responses.jsonl"
#define META_NAME        "recording.json"
#define CONFIG_NAME      "config.ini"
#define BODIES_DIR       "bodies"
#define MAX_SPEED        100000.0
#define CONFIG_MAX_BYTES (1024 * 1024)
#define META_MAX_BYTES   (64 * 1024)

struct recorder {
    char *dir;
    int dirfd, bodiesfd; /* checked directories; every file is created in them */
    FILE *index;
    unsigned long nbodies;
    int64_t start_ms;
    char *title;
};

/* ---- writing --------------------------------------------------------- */

/* Every file of a recording is new: created in a checked directory with
 * O_EXCL, O_NOFOLLOW and mode 0600 (safefile.h), so a link planted in the
 * directory is never written through. */
static int write_new(int dirfd, const char *dir, const char *name, const char *data, size_t len,
                     char *err, size_t errlen)
{
    int fd = safefile_create_at(dirfd, name);
    size_t done = 0;

    if (fd < 0) {
        snprintf(err, errlen, "%s/%s: %s", dir, name, strerror(errno));
        return -1;
    }
    while (done < len) {
        ssize_t w = write(fd, data + done, len - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            break;
        done += (size_t)w;
    }
    if (close(fd) != 0 || done < len) {
        snprintf(err, errlen, "%s/%s: %s", dir, name, done < len ? "short write" : strerror(errno));
        return -1;
    }
    return 0;
}

/* A key whose value is a secret in a config file. */
static bool secret_key(const char *line)
{
    static const char *const keys[] = {"credentials"};
    const char *p = line + strspn(line, " \t");

    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        size_t n = strlen(keys[i]);
        if (strncmp(p, keys[i], n) == 0 && (p[n] == ' ' || p[n] == '\t' || p[n] == '='))
            return true;
    }
    return false;
}

/* The config goes into the recording without its secrets: userinfo and
 * secret parameters of URLs, and the credentials key's value (a path that
 * may say too much). A replay never uses them. */
static char *config_without_secrets(const char *text)
{
    struct buf out = {0};

    for (const char *p = text; *p;) {
        size_t n = strcspn(p, "\n");
        char *line = xstrndup(p, n), *clean;
        if (secret_key(line)) {
            char *eq = strchr(line, '=');
            if (eq)
                eq[1] = '\0';
            clean = eq ? xasprintf("%s " REDACTED, line) : xstrdup(line);
        } else {
            clean = redact_text(line);
        }
        buf_puts(&out, clean);
        if (p[n] == '\n')
            buf_putc(&out, '\n');
        free(clean);
        free(line);
        p += n + (p[n] == '\n');
    }
    return out.data ? buf_detach(&out) : xstrdup("");
}

static int copy_config(const struct recorder *r, const char *from, char *err, size_t errlen)
{
    char *text, *clean;
    size_t len;
    int rc;

    if (safefile_read(from, CONFIG_MAX_BYTES, &text, &len, err, errlen) != 0)
        return -1;
    clean = config_without_secrets(text);
    rc = write_new(r->dirfd, r->dir, CONFIG_NAME, clean, strlen(clean), err, errlen);
    free(clean);
    free(text);
    return rc;
}

static void iso_ms(int64_t ms, char *out, size_t outlen)
{
    time_format_iso8601((time_t)(ms / 1000), out, outlen);
}

/* recording.json, replaced atomically so a reader never sees half: a new
 * temporary file (any stale one of ours removed first), then renamed. */
static int write_meta(const struct recorder *r, int64_t end_ms, char *err, size_t errlen)
{
    char iso[32], *text;
    json_t *meta = json_object();
    int rc = -1;

    json_object_set_new(meta, "sitrep_recording", json_integer(RECORDING_VERSION));
    json_object_set_new(meta, "title", json_string(r->title));
    json_object_set_new(meta, "start_ms", json_integer(r->start_ms));
    iso_ms(r->start_ms, iso, sizeof iso);
    json_object_set_new(meta, "started_at", json_string(iso));
    if (end_ms) {
        json_object_set_new(meta, "end_ms", json_integer(end_ms));
        iso_ms(end_ms, iso, sizeof iso);
        json_object_set_new(meta, "ended_at", json_string(iso));
    }
    json_object_set_new(meta, "speed", json_integer(1));
    text = json_dumps(meta, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(meta);
    if (!text) {
        snprintf(err, errlen, "%s/" META_NAME ": cannot encode", r->dir);
        return -1;
    }
    unlinkat(r->dirfd, META_NAME ".tmp", 0); /* removes a link itself, never its target */
    if (write_new(r->dirfd, r->dir, META_NAME ".tmp", text, strlen(text), err, errlen) == 0) {
        rc = renameat(r->dirfd, META_NAME ".tmp", r->dirfd, META_NAME);
        if (rc != 0)
            snprintf(err, errlen, "%s/" META_NAME ": cannot write: %s", r->dir, strerror(errno));
    }
    free(text);
    return rc;
}

struct recorder *recorder_open(const char *dir, const char *config_path, int64_t start_ms,
                               const char *title, char *err, size_t errlen)
{
    struct recorder *r = xcalloc(1, sizeof *r);
    int fd;

    r->dirfd = r->bodiesfd = -1;
    r->dir = xstrdup(dir);
    r->start_ms = start_ms;
    r->title = xstrdup(title ? title : "Recorded by " PACKAGE_NAME " " PACKAGE_VERSION);
    /* Ours, private, and empty: nothing in it can have been planted. */
    r->dirfd = safefile_open_dir(dir, true, err, errlen);
    if (r->dirfd < 0)
        goto fail;
    if (mkdirat(r->dirfd, BODIES_DIR, 0700) != 0) {
        snprintf(err, errlen, "%s/" BODIES_DIR ": %s", dir, strerror(errno));
        goto fail;
    }
    r->bodiesfd = openat(r->dirfd, BODIES_DIR, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (r->bodiesfd < 0) {
        snprintf(err, errlen, "%s/" BODIES_DIR ": %s", dir, strerror(errno));
        goto fail;
    }
    if (copy_config(r, config_path, err, errlen) != 0)
        goto fail;
    fd = safefile_create_at(r->dirfd, INDEX_NAME);
    r->index = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!r->index) {
        snprintf(err, errlen, "%s/" INDEX_NAME ": %s", dir, strerror(errno));
        if (fd >= 0)
            close(fd);
        goto fail;
    }
    if (write_meta(r, 0, err, errlen) != 0)
        goto fail;
    return r;
fail:
    recorder_close(r, 0, NULL, 0);
    return NULL;
}

/* A string of ours that may carry a secret (a redirect's userinfo, a
 * token in a query): redacted on its way into the recording. */
static json_t *clean_string(const char *s)
{
    char *clean = redact_text(s);
    json_t *v = json_string(clean);

    free(clean);
    return v;
}

static json_t *headers_json(const char *headers)
{
    json_t *a = json_array();

    for (const char *p = headers; p && *p;) {
        size_t n = strcspn(p, "\r\n");
        if (n) {
            char *line = xstrndup(p, n), *clean = redact_text(line);
            json_array_append_new(a, json_string(clean));
            free(clean);
            free(line);
        }
        p += n;
        p += strspn(p, "\r\n");
    }
    return a;
}

static json_t *entry_json(const struct record_entry *e, const char *body_file)
{
    json_t *o = json_object();

    json_object_set_new(o, "t_ms", json_integer(e->t_ms));
    json_object_set_new(o, "service", json_string(e->service));
    json_object_set_new(o, "source", json_string(e->source));
    json_object_set_new(o, "url", clean_string(e->url));
    json_object_set_new(o, "status", json_integer(e->status));
    if (e->headers && *e->headers)
        json_object_set_new(o, "headers", headers_json(e->headers));
    if (body_file)
        json_object_set_new(o, "body", json_string(body_file));
    if (e->error)
        json_object_set_new(o, "error", clean_string(e->error));
    if (e->unreachable)
        json_object_set_new(o, "unreachable", json_true());
    json_object_set_new(o, "elapsed_ms", json_integer(e->elapsed_ms));
    if (e->next_poll_ms)
        json_object_set_new(o, "next_poll_ms", json_integer(e->next_poll_ms));
    if (e->backoff_until_ms)
        json_object_set_new(o, "backoff_until_ms", json_integer(e->backoff_until_ms));
    return o;
}

static int write_body(struct recorder *r, const char *body, size_t len, char *name, size_t namelen,
                      char *err, size_t errlen)
{
    char *dir = xasprintf("%s/" BODIES_DIR, r->dir);
    int rc;

    snprintf(name, namelen, BODIES_DIR "/%06lu", ++r->nbodies);
    rc = write_new(r->bodiesfd, dir, name + sizeof BODIES_DIR, body, len, err, errlen);
    free(dir);
    return rc;
}

int recorder_add(struct recorder *r, const struct record_entry *e, const char *body, size_t len,
                 bool has_body, char *err, size_t errlen)
{
    char name[64];
    char *line;
    json_t *o;
    int rc = 0;

    if (has_body && write_body(r, body, len, name, sizeof name, err, errlen) != 0)
        return -1;
    o = entry_json(e, has_body ? name : NULL);
    /* Remote text need not be UTF-8; jansson refuses such strings, and the
     * line then goes without them rather than not at all. */
    line = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    if (!line) {
        snprintf(err, errlen, "cannot encode the response of %s/%s", e->service, e->source);
        return -1;
    }
    if (fprintf(r->index, "%s\n", line) < 0 || fflush(r->index) != 0) {
        snprintf(err, errlen, "%s/" INDEX_NAME ": %s", r->dir, strerror(errno));
        rc = -1;
    }
    free(line);
    return rc;
}

int recorder_close(struct recorder *r, int64_t end_ms, char *err, size_t errlen)
{
    int rc = 0;
    char ignored[8];

    if (!r)
        return 0;
    if (!err) {
        err = ignored;
        errlen = sizeof ignored;
    }
    if (r->index && fclose(r->index) != 0) {
        snprintf(err, errlen, "%s/" INDEX_NAME ": %s", r->dir, strerror(errno));
        rc = -1;
    }
    if (end_ms && r->dirfd >= 0 && write_meta(r, end_ms, err, errlen) != 0)
        rc = -1;
    if (r->bodiesfd >= 0)
        close(r->bodiesfd);
    if (r->dirfd >= 0)
        close(r->dirfd);
    free(r->dir);
    free(r->title);
    free(r);
    return rc;
}

/* ---- reading --------------------------------------------------------- */

void record_entry_free(struct record_entry *e)
{
    free(e->service);
    free(e->source);
    free(e->url);
    free(e->headers);
    free(e->body_file);
    free(e->error);
    memset(e, 0, sizeof *e);
}

void recording_free(struct recording *rec)
{
    if (!rec)
        return;
    for (size_t i = 0; i < rec->nentries; i++)
        record_entry_free(&rec->entries[i]);
    free(rec->entries);
    free(rec->dir);
    free(rec->title);
    free(rec);
}

/* A body name may only point into bodies/, never out of the directory. */
static bool body_name_ok(const char *name)
{
    const char *base;

    if (strncmp(name, BODIES_DIR "/", sizeof BODIES_DIR) != 0)
        return false;
    base = name + sizeof BODIES_DIR;
    if (!*base || *base == '.')
        return false;
    for (const char *p = base; *p; p++) {
        if (!(*p >= 'a' && *p <= 'z') && !(*p >= 'A' && *p <= 'Z') && !(*p >= '0' && *p <= '9') &&
            *p != '.' && *p != '_' && *p != '-')
            return false;
    }
    return true;
}

static const char *get_string(json_t *o, const char *key, bool required, char **out)
{
    json_t *v = json_object_get(o, key);

    *out = NULL;
    if (!v)
        return required ? "missing" : NULL;
    if (!json_is_string(v))
        return "not a string";
    *out = xstrndup(json_string_value(v), json_string_length(v));
    if (strlen(*out) != json_string_length(v)) {
        free(*out);
        *out = NULL;
        return "contains a NUL byte";
    }
    return NULL;
}

static const char *get_int(json_t *o, const char *key, bool required, int64_t lo, int64_t hi,
                           int64_t *out)
{
    json_t *v = json_object_get(o, key);

    *out = 0;
    if (!v)
        return required ? "missing" : NULL;
    if (!json_is_integer(v))
        return "not an integer";
    *out = json_integer_value(v);
    return *out < lo || *out > hi ? "out of range" : NULL;
}

static const char *get_headers(json_t *o, char **out)
{
    json_t *v = json_object_get(o, "headers"), *h;
    struct buf b = {0};
    size_t i;

    *out = NULL;
    if (!v)
        return NULL;
    if (!json_is_array(v))
        return "not an array";
    json_array_foreach(v, i, h)
    {
        if (!json_is_string(h)) {
            buf_free(&b);
            return "holds something other than strings";
        }
        buf_puts(&b, json_string_value(h));
        buf_putc(&b, '\n');
    }
    *out = b.data ? buf_detach(&b) : xstrdup("");
    return NULL;
}

#define MS_MAX ((int64_t)4102444800000) /* 2100-01-01 */

/* Fills e from one line's object; returns what is wrong and sets *field. */
static const char *parse_entry(json_t *o, struct record_entry *e, const char **field)
{
    const char *why;
    int64_t v;
    json_t *u;

#define TRY(name, expr)                                                                            \
    do {                                                                                           \
        *field = name;                                                                             \
        if ((why = (expr)))                                                                        \
            return why;                                                                            \
    } while (0)
    TRY("t_ms", get_int(o, "t_ms", true, 1, MS_MAX, &e->t_ms));
    TRY("service", get_string(o, "service", true, &e->service));
    TRY("source", get_string(o, "source", true, &e->source));
    TRY("url", get_string(o, "url", true, &e->url));
    TRY("status", get_int(o, "status", true, 0, 999, &v));
    e->status = (long)v;
    TRY("headers", get_headers(o, &e->headers));
    TRY("body", get_string(o, "body", false, &e->body_file));
    if (e->body_file && !body_name_ok(e->body_file))
        return "must name a file in bodies/";
    TRY("error", get_string(o, "error", false, &e->error));
    *field = "unreachable";
    u = json_object_get(o, "unreachable");
    if (u && !json_is_boolean(u))
        return "not true or false";
    e->unreachable = json_is_true(u);
    TRY("elapsed_ms", get_int(o, "elapsed_ms", false, 0, 86400000, &v));
    e->elapsed_ms = (long)v;
    TRY("next_poll_ms", get_int(o, "next_poll_ms", false, 0, MS_MAX, &e->next_poll_ms));
    TRY("backoff_until_ms", get_int(o, "backoff_until_ms", false, 0, MS_MAX, &e->backoff_until_ms));
#undef TRY
    return NULL;
}

int recording_parse_meta(const char *text, size_t len, const char *name, struct recording *rec,
                         char *err, size_t errlen)
{
    json_error_t jerr;
    json_t *meta = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr), *v;
    const char *why = NULL, *field = "";
    int64_t version = 0;

    if (!meta) {
        if (jerr.line <= 0)
            snprintf(err, errlen, "%s: cannot read it (is this a sitrep recording?)", name);
        else /* jansson's own words, never the text it quotes */
            snprintf(err, errlen, "%s:%d: not valid JSON (is this a sitrep recording?)", name,
                     jerr.line);
        return -1;
    }
    if (!json_is_object(meta))
        why = "is not a JSON object";
    else if ((field = "sitrep_recording", why = get_int(meta, field, true, 1, 1000, &version)))
        ;
    else if (version != RECORDING_VERSION)
        why = "is a version this sitrep does not know";
    else if ((field = "start_ms", why = get_int(meta, field, true, 1, MS_MAX, &rec->start_ms)))
        ;
    else if ((field = "end_ms", why = get_int(meta, field, false, 0, MS_MAX, &rec->end_ms)))
        ;
    else if ((field = "title", why = get_string(meta, field, false, &rec->title)))
        ;
    else if ((v = json_object_get(meta, "speed")) &&
             (field = "speed",
              !json_is_number(v) || json_number_value(v) <= 0 || json_number_value(v) > MAX_SPEED))
        why = "must be a number above 0 and at most 100000";
    else
        rec->speed = v ? json_number_value(v) : 1;
    if (why)
        snprintf(err, errlen, "%s: %s%s%s", name, field, *field ? " " : "", why);
    json_decref(meta);
    return why ? -1 : 0;
}

static int load_meta(struct recording *rec, char *err, size_t errlen)
{
    char *path = xasprintf("%s/" META_NAME, rec->dir), *text;
    size_t len;
    int rc = safefile_read(path, META_MAX_BYTES, &text, &len, err, errlen);

    if (rc == 0) {
        rc = recording_parse_meta(text, len, path, rec, err, errlen);
        free(text);
    }
    free(path);
    return rc;
}

int recording_parse_line(const char *line, size_t len, struct record_entry *e, char *err,
                         size_t errlen)
{
    json_error_t jerr;
    json_t *o = json_loadb(line, len, JSON_REJECT_DUPLICATES, &jerr);
    const char *why, *field = "";

    memset(e, 0, sizeof *e);
    if (!o) {
        snprintf(err, errlen, "%s", jerr.text);
        return -1;
    }
    why = json_is_object(o) ? parse_entry(o, e, &field) : "is not a JSON object";
    json_decref(o);
    if (why) {
        snprintf(err, errlen, "%s%s%s", field, *field ? " " : "", why);
        record_entry_free(e);
        return -1;
    }
    return 0;
}

static int cmp_entries(const void *a, const void *b)
{
    const struct record_entry *x = a, *y = b;

    if (x->t_ms != y->t_ms)
        return x->t_ms < y->t_ms ? -1 : 1;
    return x->line - y->line; /* stable: the file's order */
}

static int load_index(struct recording *rec, char *err, size_t errlen)
{
    char *path = xasprintf("%s/" INDEX_NAME, rec->dir), *line = NULL;
    int fd = safefile_open_read(path, true, err, errlen);
    FILE *f = fd >= 0 ? fdopen(fd, "r") : NULL;
    size_t cap = 0, ncap = 0;
    ssize_t n;
    int lineno = 0, rc = 0;

    if (!f) {
        if (fd >= 0) {
            snprintf(err, errlen, "%s: %s", path, strerror(errno));
            close(fd);
        }
        free(path);
        return -1;
    }
    while (rc == 0 && (n = getline(&line, &cap, f)) >= 0) {
        struct record_entry e;
        char why[300];

        lineno++;
        if (strspn(line, " \t\r\n") == (size_t)n)
            continue;
        if (recording_parse_line(line, (size_t)n, &e, why, sizeof why) != 0) {
            snprintf(err, errlen, "%s:%d: %s", path, lineno, why);
            rc = -1;
            break;
        }
        e.line = lineno;
        if (rec->nentries == ncap) {
            ncap = ncap ? ncap * 2 : 256;
            rec->entries = xreallocarray(rec->entries, ncap, sizeof *rec->entries);
        }
        rec->entries[rec->nentries++] = e;
    }
    free(line);
    fclose(f);
    free(path);
    if (rc == 0 && rec->nentries)
        qsort(rec->entries, rec->nentries, sizeof *rec->entries, cmp_entries);
    return rc;
}

struct recording *recording_load(const char *dir, char *err, size_t errlen)
{
    struct recording *rec = xcalloc(1, sizeof *rec);

    rec->dir = xstrdup(dir);
    if (load_meta(rec, err, errlen) != 0 || load_index(rec, err, errlen) != 0) {
        recording_free(rec);
        return NULL;
    }
    /* Cut short (no end written): the last response ends it. */
    if (!rec->end_ms)
        rec->end_ms = rec->nentries ? rec->entries[rec->nentries - 1].t_ms : rec->start_ms;
    if (rec->end_ms < rec->start_ms) {
        snprintf(err, errlen, "%s/" META_NAME ": end_ms is before start_ms", dir);
        recording_free(rec);
        return NULL;
    }
    return rec;
}

char *recording_config_path(const struct recording *rec)
{
    return xasprintf("%s/" CONFIG_NAME, rec->dir);
}

char *recording_body(const struct recording *rec, const struct record_entry *e, size_t max_bytes,
                     size_t *len, char *err, size_t errlen)
{
    char *path = xasprintf("%s/%s", rec->dir, e->body_file);
    /* A body is a file the recorder made: never a link out of the
     * recording, never a FIFO that would hang the replay. */
    int fd = safefile_open_read(path, false, err, errlen);
    FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
    struct buf b = {0};
    char block[16384];
    size_t n;

    *len = 0;
    if (!f) {
        if (fd >= 0) {
            snprintf(err, errlen, "%s: %s", path, strerror(errno));
            close(fd);
        }
        free(path);
        return NULL;
    }
    while ((n = fread(block, 1, sizeof block, f)) > 0) {
        if (b.len + n > max_bytes) {
            snprintf(err, errlen, "body too large (over %zu bytes)", max_bytes);
            fclose(f);
            free(path);
            buf_free(&b);
            return NULL;
        }
        buf_append(&b, block, n);
    }
    fclose(f);
    free(path);
    *len = b.len;
    if (!b.data)
        return xstrdup("");
    return buf_detach(&b);
}
