/* The config file (see config.h). inih does the INI syntax; this file gives
 * it a line-counting reader so every message can name its line, and turns
 * keys into services and sources through a key table. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "sitrep/buf.h"
#include "sitrep/config.h"
#include "sitrep/inilines.h"
#include "sitrep/redact.h"
#include "sitrep/safefile.h"
#include "sitrep/timefmt.h"
#include "sitrep/xalloc.h"

#define CONFIG_MAX_BYTES  (32 * 1024 * 1024) /* 100,000 sources take about 5 MiB */
#define CONFIG_MAX_ERRORS 20
#define CONFIG_MAX_URL    2048

static const char *const default_columns = "ALL NA LATAM EU MEA APAC";

enum section_kind { SEC_NONE, SEC_SITREP, SEC_SERVICE, SEC_SOURCE, SEC_BAD };

struct parser {
    struct config *cfg;
    /* reader state: the text, the line, the errors */
    const char *text;
    struct ini_lines in;
    int section_seq; /* bumped by the reader at every "[...]" line */
    int header_line; /* the line of the latest "[...]" */
    /* handler state */
    int handled_seq;
    enum section_kind kind;
    size_t service; /* index of the current service */
    size_t source;  /* index of the current source, or SIZE_MAX */
    int section_line;
    /* keys already given, to warn about a second one */
    struct seen_key *seen;
    size_t nseen, seen_cap;
    size_t *seen_index; /* open addressing over seen: entry + 1, 0 when empty */
    size_t seen_index_cap;
    /* the lines that set the two crowd ratios, for a message about both */
    int ratio_line, notice_ratio_line;
    struct buf warnings;
    size_t nwarnings;
    /* services by id, so a list of thousands loads in linear time */
    size_t services_cap;
    size_t *index; /* open addressing: service + 1, 0 when empty */
    size_t index_cap;
};

/* A key given once for an owner: "sitrep", "service ID" or "source ID NAME". */
struct seen_key {
    char *owner;
    const char *key;
    int line;
};

/* Errors go to the reader's list, with the file and line. */
#define parse_error(p, line, ...) ini_lines_error(&(p)->in, (line), __VA_ARGS__)

__attribute__((format(printf, 3, 4))) static void parse_warning(struct parser *p, int line,
                                                                const char *fmt, ...)
{
    va_list ap;

    p->nwarnings++;
    buf_printf(&p->warnings, "%s:%d: warning: ", p->in.name, line);
    va_start(ap, fmt);
    buf_vprintf(&p->warnings, fmt, ap);
    va_end(ap);
    buf_putc(&p->warnings, '\n');
}

/* ---- the reader: one line at a time, counting, refusing overlong lines */

static char *reader(char *str, int num, void *stream)
{
    struct parser *p = stream;
    const char *header;
    char *line = ini_lines_next(&p->in, str, num, &header);

    if (header) {
        p->section_seq++;
        p->header_line = p->in.line;
    }
    return line;
}

/* ---- small validators ------------------------------------------------ */

static bool valid_id(const char *s)
{
    size_t n = strlen(s);

    if (n == 0 || n > 32)
        return false;
    for (; *s; s++) {
        if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_' && *s != '.')
            return false;
    }
    return true;
}

static bool valid_url(const char *s, const char **why)
{
    if (strncmp(s, "https://", 8) != 0 && strncmp(s, "http://", 7) != 0) {
        *why = "must start with https:// or http://";
        return false;
    }
    if (strlen(s) > CONFIG_MAX_URL) {
        *why = "is too long";
        return false;
    }
    for (; *s; s++) {
        if ((unsigned char)*s <= ' ' || *s == 0x7f) {
            *why = "contains a space or control character";
            return false;
        }
    }
    return true;
}

/* A duration between lo and hi seconds into *out. */
static int parse_seconds(struct parser *p, const char *what, const char *value, long lo, long hi,
                         int *out)
{
    long secs;

    if (!time_parse_duration(value, &secs) || secs < lo || secs > hi) {
        parse_error(p, p->in.line, "bad %s '%s' (want a duration from %lds to %lds, like 60s, 5m)",
                    what, value, lo, hi);
        return -1;
    }
    *out = (int)secs;
    return 0;
}

/* The floor is checked once the whole file is read: it may come later. */
static int parse_interval(struct parser *p, const char *value, int *out, int *line)
{
    *line = p->in.line;
    return parse_seconds(p, "interval", value, CONFIG_MIN_FLOOR, 86400, out);
}

/* A whole number between lo and hi. */
static int parse_count(struct parser *p, const char *what, const char *value, long lo, long hi,
                       int *out)
{
    char *end;
    long v = strtol(value, &end, 10);

    if (end == value || *end || v < lo || v > hi) {
        parse_error(p, p->in.line, "bad %s '%s' (want a whole number from %ld to %ld)", what, value,
                    lo, hi);
        return -1;
    }
    *out = (int)v;
    return 0;
}

/* "512K", "8M", "1G" or bytes. */
static int parse_size(struct parser *p, const char *value, long *out)
{
    char *end;
    long v = strtol(value, &end, 10), unit = 1;

    if (*end == 'K' || *end == 'k')
        unit = 1024L, end++;
    else if (*end == 'M' || *end == 'm')
        unit = 1024L * 1024, end++;
    else if (*end == 'G' || *end == 'g')
        unit = 1024L * 1024 * 1024, end++;
    if (end == value || *end || v < 1 || v > (4L << 30) / unit || v * unit < 1024) {
        parse_error(p, p->in.line, "bad max_size '%s' (want 1K to 4G, like 512K or 8M)", value);
        return -1;
    }
    *out = v * unit;
    return 0;
}

/* ---- services and sources -------------------------------------------- */

static struct service_conf *cur_service(struct parser *p)
{
    return &p->cfg->services[p->service];
}

static size_t id_hash(const char *s)
{
    size_t h = 5381;

    for (; *s; s++)
        h = h * 33 + (unsigned char)*s;
    return h;
}

/* The slot of id in the index: where it is, or the empty one it would take. */
static size_t index_slot(const struct parser *p, const char *id)
{
    size_t i = id_hash(id) & (p->index_cap - 1);

    while (p->index[i] && strcmp(p->cfg->services[p->index[i] - 1].id, id) != 0)
        i = (i + 1) & (p->index_cap - 1);
    return i;
}

static size_t find_service(const struct parser *p, const char *id)
{
    return p->index_cap && p->index[index_slot(p, id)] ? p->index[index_slot(p, id)] - 1 : SIZE_MAX;
}

/* Keeps the index at most half full. */
static void index_service(struct parser *p, size_t svc)
{
    if (2 * (p->cfg->nservices + 1) > p->index_cap) {
        free(p->index);
        p->index_cap = p->index_cap ? 2 * p->index_cap : 64;
        p->index = xcalloc(p->index_cap, sizeof *p->index);
        for (size_t i = 0; i < p->cfg->nservices; i++)
            if (i != svc)
                p->index[index_slot(p, p->cfg->services[i].id)] = i + 1;
    }
    p->index[index_slot(p, p->cfg->services[svc].id)] = svc + 1;
}

/* The id of a [service]'s own source: one string for all of them. */
static char implicit_id[] = "status";

static size_t add_source(struct service_conf *svc, const char *id, int line)
{
    svc->sources = xreallocarray(svc->sources, svc->nsources + 1, sizeof *svc->sources);
    struct source_conf *src = &svc->sources[svc->nsources];
    memset(src, 0, sizeof *src);
    src->id = id == implicit_id ? implicit_id : xstrdup(id);
    src->provider = provider_find("statuspage");
    src->format = src->provider->name;
    src->rules = region_rules_new();
    src->line = line;
    return svc->nsources++;
}

/* The source that source keys apply to: the [source] of this section, or the
 * implicit "status" source of a [service] section, created on first use. */
static struct source_conf *cur_source(struct parser *p)
{
    struct service_conf *svc = cur_service(p);

    if (p->source == SIZE_MAX)
        p->source = add_source(svc, implicit_id, p->section_line);
    return &svc->sources[p->source];
}

/* ---- key handlers ---------------------------------------------------- */

typedef int (*key_fn)(struct parser *p, const char *value);

static int key_columns(struct parser *p, const char *value)
{
    char err[256];

    if (config_set_columns(p->cfg, value, err, sizeof err) != 0) {
        parse_error(p, p->in.line, "%s", err);
        return -1;
    }
    return 0;
}

static int key_interval(struct parser *p, const char *value)
{
    return parse_interval(p, value, &p->cfg->interval_s, &p->cfg->interval_line);
}

static int key_floor(struct parser *p, const char *value)
{
    return parse_seconds(p, "floor", value, CONFIG_MIN_FLOOR, 3600, &p->cfg->floor_s);
}

static int key_timeout(struct parser *p, const char *value)
{
    return parse_seconds(p, "timeout", value, 1, 600, &p->cfg->timeout_s);
}

static int key_connect_timeout(struct parser *p, const char *value)
{
    return parse_seconds(p, "connect_timeout", value, 1, 300, &p->cfg->connect_timeout_s);
}

static int key_max_size(struct parser *p, const char *value)
{
    return parse_size(p, value, &p->cfg->max_size);
}

static int key_per_host(struct parser *p, const char *value)
{
    /* past what one sitrep runs at once, the engine cuts it down and says so */
    return parse_count(p, "per_host", value, 1, 1000000, &p->cfg->per_host);
}

static int key_connections(struct parser *p, const char *value)
{
    return parse_count(p, "connections", value, 1, 1000000, &p->cfg->connections);
}

static int key_expire_failures(struct parser *p, const char *value)
{
    return parse_count(p, "expire_failures", value, 1, 1000, &p->cfg->expire_failures);
}

static int key_expire_age(struct parser *p, const char *value)
{
    return parse_seconds(p, "expire_age", value, 10, 7 * 86400, &p->cfg->expire_age_s);
}

static int key_history_fine(struct parser *p, const char *value)
{
    return parse_seconds(p, "history_fine", value, 86400, 366 * 86400, &p->cfg->history_fine_s);
}

static int key_history_keep(struct parser *p, const char *value)
{
    return parse_seconds(p, "history_keep", value, 86400, 10 * 366 * 86400,
                         &p->cfg->history_keep_s);
}

/* A decimal number between lo and hi. */
static int parse_ratio(struct parser *p, const char *what, const char *value, double lo, double hi,
                       double *out)
{
    char *end;
    double v = strtod(value, &end);

    if (end == value || *end || !(v >= lo && v <= hi)) {
        parse_error(p, p->in.line, "bad %s '%s' (want a number from %g to %g)", what, value, lo,
                    hi);
        return -1;
    }
    *out = v;
    return 0;
}

static int key_crowd_ratio(struct parser *p, const char *value)
{
    p->ratio_line = p->in.line;
    return parse_ratio(p, "crowd_ratio", value, 1.1, 100, &p->cfg->crowd.ratio);
}

static int key_crowd_notice_ratio(struct parser *p, const char *value)
{
    p->notice_ratio_line = p->in.line;
    return parse_ratio(p, "crowd_notice_ratio", value, 1.05, 100, &p->cfg->crowd.notice_ratio);
}

static int key_crowd_sigmas(struct parser *p, const char *value)
{
    return parse_ratio(p, "crowd_sigmas", value, 1, 20, &p->cfg->crowd.sigmas);
}

static int key_crowd_min_reports(struct parser *p, const char *value)
{
    int n;

    if (parse_count(p, "crowd_min_reports", value, 1, 1000000, &n) != 0)
        return -1;
    p->cfg->crowd.min_reports = n;
    return 0;
}

static int key_crowd_duration(struct parser *p, const char *value)
{
    return parse_seconds(p, "crowd_duration", value, 60, 86400, &p->cfg->crowd.duration_s);
}

static int key_crowd_clear(struct parser *p, const char *value)
{
    return parse_seconds(p, "crowd_clear", value, 60, 86400, &p->cfg->crowd.clear_s);
}

static int key_auth(struct parser *p, const char *value)
{
    struct source_conf *src = cur_source(p);
    struct buf known = {0};

    if (provider_auth_parse(value, &src->auth)) {
        src->auth_given = true;
        return 0;
    }
    for (int i = 0; i < AUTH_COUNT; i++)
        buf_printf(&known, "%s%s", i ? ", " : "", provider_auth_name((enum source_auth)i));
    parse_error(p, p->in.line, "unknown auth '%s' (known: %s)", value, buf_str(&known));
    buf_free(&known);
    return -1;
}

static int key_credentials(struct parser *p, const char *value)
{
    struct source_conf *src = cur_source(p);

    free(src->credentials);
    src->credentials = xstrdup(value);
    src->credentials_line = p->in.line;
    return 0;
}

static int key_token_url(struct parser *p, const char *value)
{
    const char *why = "";

    if (!valid_url(value, &why)) {
        parse_error(p, p->in.line, "token_url %s", why);
        return -1;
    }
    if (redact_has_secret(value)) {
        parse_error(p, p->in.line,
                    "token_url must not carry credentials (the client id and secret go in "
                    "credentials = FILE)");
        return -1;
    }
    struct source_conf *src = cur_source(p);
    free(src->token_url);
    src->token_url = xstrdup(value);
    return 0;
}

static int key_keyword(struct parser *p, const char *value)
{
    char err[128];

    if (mention_rules_add(&cur_source(p)->match, value, err, sizeof err) != 0) {
        parse_error(p, p->in.line, "%s", err);
        return -1;
    }
    return 0;
}

static int key_stop(struct parser *p, const char *value)
{
    char err[128];

    if (mention_rules_add_stop(&cur_source(p)->match, value, err, sizeof err) != 0) {
        parse_error(p, p->in.line, "%s", err);
        return -1;
    }
    return 0;
}

static int key_ca_file(struct parser *p, const char *value)
{
    free(p->cfg->ca_file);
    p->cfg->ca_file = xstrdup(value);
    return 0;
}

static int key_theme(struct parser *p, const char *value)
{
    free(p->cfg->theme);
    p->cfg->theme = xstrdup(value);
    return 0;
}

static int key_alert_quiet(struct parser *p, const char *value)
{
    return parse_seconds(p, "alert_quiet", value, 0, 86400, &p->cfg->alert_quiet_s);
}

static int key_bell(struct parser *p, const char *value)
{
    static const struct {
        const char *name;
        bool on;
    } words[] = {{"on", true},   {"yes", true}, {"true", true},   {"1", true},
                 {"off", false}, {"no", false}, {"false", false}, {"0", false}};

    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        if (strcmp(value, words[i].name) == 0) {
            p->cfg->bell = words[i].on;
            return 0;
        }
    }
    parse_error(p, p->in.line, "bad bell '%s' (want on or off)", value);
    return -1;
}

static int key_notify(struct parser *p, const char *value)
{
    if (!notify_mode_parse(value, &p->cfg->notify)) {
        parse_error(p, p->in.line, "bad notify '%s' (want auto, osc9, osc777 or off)", value);
        return -1;
    }
    return 0;
}

/* Where alerts are POSTed; the URL may hold a token (Slack's do), so a
 * message about it never quotes it. */
static int key_webhook(struct parser *p, const char *value)
{
    if (*value && strncmp(value, "https://", 8) != 0 && strncmp(value, "http://", 7) != 0) {
        parse_error(p, p->in.line, "webhook must be an https:// or http:// URL");
        return -1;
    }
    free(p->cfg->webhook);
    p->cfg->webhook = *value ? xstrdup(value) : NULL;
    return 0;
}

/* The user's own command line, run by sh -c; what changed reaches it only
 * through the environment, never spliced into this text. */
static int key_on_change(struct parser *p, const char *value)
{
    free(p->cfg->on_change);
    p->cfg->on_change = *value ? xstrdup(value) : NULL;
    return 0;
}

static int key_name(struct parser *p, const char *value)
{
    free(cur_service(p)->name);
    cur_service(p)->name = xstrdup(value);
    return 0;
}

static int key_family(struct parser *p, const char *value)
{
    if (!valid_id(value)) {
        parse_error(p, p->in.line, "bad family '%s' (letters, digits, - _ . only)", value);
        return -1;
    }
    free(cur_service(p)->family);
    cur_service(p)->family = xstrdup(value);
    return 0;
}

static int key_format(struct parser *p, const char *value)
{
    const struct provider *prov = provider_find(value);
    struct buf known = {0};

    if (!prov) {
        for (size_t i = 0; provider_table[i]; i++)
            buf_printf(&known, "%s%s", i ? ", " : "", provider_table[i]->name);
        parse_error(p, p->in.line, "unknown format '%s' (known: %s)", value, buf_str(&known));
        buf_free(&known);
        return -1;
    }
    struct source_conf *src = cur_source(p);
    src->format = prov->name;
    src->provider = prov;
    return 0;
}

static int key_url(struct parser *p, const char *value)
{
    const char *why = "";

    char *clean, *user, *password;

    if (!valid_url(value, &why)) {
        parse_error(p, p->in.line, "url %s", why);
        return -1;
    }
    /* The userinfo is a secret: it leaves the URL here, so nothing that
     * shows, records or exports the URL can carry it; the fetcher sends it
     * as HTTP Basic credentials. */
    if (redact_split_userinfo(value, &clean, &user, &password) != 0) {
        parse_error(p, p->in.line, "url: its user:password part has a bad %%-escape");
        return -1;
    }
    struct source_conf *src = cur_source(p);
    free(src->url);
    src->url = clean;
    config_wipe_free(src->url_user);
    config_wipe_free(src->url_password);
    src->url_user = user;
    src->url_password = password;
    return 0;
}

static int key_source_interval(struct parser *p, const char *value)
{
    struct source_conf *src = cur_source(p);

    return parse_interval(p, value, &src->interval_s, &src->interval_line);
}

static int key_source_timeout(struct parser *p, const char *value)
{
    return parse_seconds(p, "timeout", value, 1, 600, &cur_source(p)->timeout_s);
}

static int key_default_region(struct parser *p, const char *value)
{
    region_id r = region_find(value);

    if (r == REGION_NONE)
        r = region_resolve(value);
    if (r == REGION_NONE) {
        parse_error(p, p->in.line, "unknown region '%s'", value);
        return -1;
    }
    region_rules_set_default(cur_source(p)->rules, r);
    return 0;
}

static int key_region(struct parser *p, const char *value)
{
    char err[256];

    if (region_rules_add_spec(cur_source(p)->rules, value, err, sizeof err) != 0) {
        parse_error(p, p->in.line, "region rule: %s", err);
        return -1;
    }
    return 0;
}

static int key_map(struct parser *p, const char *value)
{
    const char *arrow = strstr(value, "=>");
    char err[256];

    if (!arrow) {
        parse_error(p, p->in.line, "map wants KEY => REGION");
        return -1;
    }
    char *key = xstrndup(value, (size_t)(arrow - value));
    const char *target = arrow + 2;
    size_t klen = strlen(key);
    while (klen && isspace((unsigned char)key[klen - 1]))
        key[--klen] = '\0';
    while (isspace((unsigned char)*target))
        target++;
    int rc = 0;
    if (!*key || !*target) {
        parse_error(p, p->in.line, "map wants KEY => REGION");
        rc = -1;
    } else if (region_rules_add_map(cur_source(p)->rules, key, target, err, sizeof err) != 0) {
        parse_error(p, p->in.line, "map: %s", err);
        rc = -1;
    }
    free(key);
    return rc;
}

struct key_entry {
    const char *name;
    unsigned sections; /* bit per enum section_kind */
    key_fn fn;
};

#define IN(k)      (1u << (k))
#define SOURCE_KEY (IN(SEC_SERVICE) | IN(SEC_SOURCE))

static const struct key_entry key_table[] = {
    {"columns", IN(SEC_SITREP), key_columns},
    {"interval", IN(SEC_SITREP), key_interval},
    {"floor", IN(SEC_SITREP), key_floor},
    {"timeout", IN(SEC_SITREP), key_timeout},
    {"connect_timeout", IN(SEC_SITREP), key_connect_timeout},
    {"max_size", IN(SEC_SITREP), key_max_size},
    {"per_host", IN(SEC_SITREP), key_per_host},
    {"connections", IN(SEC_SITREP), key_connections},
    {"expire_failures", IN(SEC_SITREP), key_expire_failures},
    {"expire_age", IN(SEC_SITREP), key_expire_age},
    {"ca_file", IN(SEC_SITREP), key_ca_file},
    {"history_fine", IN(SEC_SITREP), key_history_fine},
    {"history_keep", IN(SEC_SITREP), key_history_keep},
    {"crowd_ratio", IN(SEC_SITREP), key_crowd_ratio},
    {"crowd_notice_ratio", IN(SEC_SITREP), key_crowd_notice_ratio},
    {"crowd_min_reports", IN(SEC_SITREP), key_crowd_min_reports},
    {"crowd_sigmas", IN(SEC_SITREP), key_crowd_sigmas},
    {"crowd_duration", IN(SEC_SITREP), key_crowd_duration},
    {"crowd_clear", IN(SEC_SITREP), key_crowd_clear},
    {"theme", IN(SEC_SITREP), key_theme},
    {"alert_quiet", IN(SEC_SITREP), key_alert_quiet},
    {"bell", IN(SEC_SITREP), key_bell},
    {"notify", IN(SEC_SITREP), key_notify},
    {"on_change", IN(SEC_SITREP), key_on_change},
    {"webhook", IN(SEC_SITREP), key_webhook},
    {"name", IN(SEC_SERVICE), key_name},
    {"family", IN(SEC_SERVICE), key_family},
    {"format", SOURCE_KEY, key_format},
    {"url", SOURCE_KEY, key_url},
    {"interval", SOURCE_KEY, key_source_interval},
    {"timeout", SOURCE_KEY, key_source_timeout},
    {"auth", SOURCE_KEY, key_auth},
    {"credentials", SOURCE_KEY, key_credentials},
    {"token_url", SOURCE_KEY, key_token_url},
    {"default_region", SOURCE_KEY, key_default_region},
    {"region", SOURCE_KEY, key_region},
    {"map", SOURCE_KEY, key_map},
    {"keyword", SOURCE_KEY, key_keyword},
    {"stop", SOURCE_KEY, key_stop},
};

/* ---- keys given twice ------------------------------------------------- */

/* Who a key of the current section belongs to: a second [sitrep] section
 * is the same owner as the first. */
static char *key_owner(struct parser *p)
{
    if (p->kind == SEC_SITREP)
        return xstrdup("[sitrep]");
    const struct service_conf *svc = cur_service(p);
    if (p->source == SIZE_MAX || p->kind == SEC_SERVICE)
        return xasprintf("[service %s]", svc->id);
    return xasprintf("[source %s %s]", svc->id, svc->sources[p->source].id);
}

/* The last one counts (as inih gives them), but a key given twice is
 * almost always a mistake: say so, with both lines. */
/* The slot of (owner, key) in the index of keys given: where it is, or
 * the empty one it would take. Key names are the key table's own strings. */
static size_t seen_slot(const struct parser *p, const char *owner, const char *key)
{
    size_t i = (id_hash(owner) ^ (size_t)(uintptr_t)key) & (p->seen_index_cap - 1);

    for (const struct seen_key *s; p->seen_index[i]; i = (i + 1) & (p->seen_index_cap - 1)) {
        s = &p->seen[p->seen_index[i] - 1];
        if (s->key == key && strcmp(s->owner, owner) == 0)
            break;
    }
    return i;
}

/* Appends (owner, key) to seen and its index, both grown by doubling:
 * a list of ten thousand services gives tens of thousands of keys. */
static void add_seen(struct parser *p, char *owner, const char *key)
{
    if (p->nseen == p->seen_cap) {
        p->seen_cap = p->seen_cap ? 2 * p->seen_cap : 64;
        p->seen = xreallocarray(p->seen, p->seen_cap, sizeof *p->seen);
    }
    p->seen[p->nseen++] = (struct seen_key){owner, key, p->in.line};
    if (2 * p->nseen > p->seen_index_cap) {
        free(p->seen_index);
        p->seen_index_cap = p->seen_index_cap ? 2 * p->seen_index_cap : 128;
        p->seen_index = xcalloc(p->seen_index_cap, sizeof *p->seen_index);
        for (size_t i = 0; i + 1 < p->nseen; i++)
            p->seen_index[seen_slot(p, p->seen[i].owner, p->seen[i].key)] = i + 1;
    }
    p->seen_index[seen_slot(p, owner, key)] = p->nseen;
}

static void note_key(struct parser *p, const struct key_entry *k)
{
    char *owner;
    size_t at;

    if (k->fn == key_region || k->fn == key_map || k->fn == key_keyword ||
        k->fn == key_stop) /* lists: each line adds one */
        return;
    owner = key_owner(p);
    at = p->seen_index_cap ? p->seen_index[seen_slot(p, owner, k->name)] : 0;
    if (at) {
        struct seen_key *s = &p->seen[at - 1];
        parse_warning(p, p->in.line, "'%s' given again in %s (first at line %d); this one counts",
                      k->name, owner, s->line);
        s->line = p->in.line;
        free(owner);
        return;
    }
    add_seen(p, owner, k->name);
}

static void free_seen(struct parser *p)
{
    free(p->seen_index);
    for (size_t i = 0; i < p->nseen; i++)
        free(p->seen[i].owner);
    free(p->seen);
    p->seen = NULL;
    p->nseen = p->seen_cap = 0;
    p->seen_index = NULL;
    p->seen_index_cap = 0;
}

bool config_key_info(size_t i, struct config_key *out)
{
    if (i >= sizeof key_table / sizeof key_table[0])
        return false;
    out->name = key_table[i].name;
    out->in_sitrep = key_table[i].sections & IN(SEC_SITREP);
    out->in_service = key_table[i].sections & IN(SEC_SERVICE);
    out->in_source = key_table[i].sections & IN(SEC_SOURCE);
    return true;
}

/* ---- sections -------------------------------------------------------- */

static void begin_service(struct parser *p, const char *id)
{
    struct config *cfg = p->cfg;

    if (!valid_id(id)) {
        parse_error(p, p->section_line, "bad service id '%s' (1-32 letters, digits, - _ .)", id);
        p->kind = SEC_BAD;
        return;
    }
    if (find_service(p, id) != SIZE_MAX) {
        parse_error(p, p->section_line, "service '%s' is defined twice", id);
        p->kind = SEC_BAD;
        return;
    }
    if (cfg->nservices == p->services_cap) {
        p->services_cap = p->services_cap ? 2 * p->services_cap : 16;
        cfg->services = xreallocarray(cfg->services, p->services_cap, sizeof *cfg->services);
    }
    struct service_conf *svc = &cfg->services[cfg->nservices];
    memset(svc, 0, sizeof *svc);
    svc->id = xstrdup(id);
    svc->line = p->section_line;
    svc->order = cfg->nservices;
    p->service = cfg->nservices;
    index_service(p, cfg->nservices);
    cfg->nservices++;
    p->source = SIZE_MAX;
}

static void begin_source(struct parser *p, const char *args)
{
    char svc_id[64], src_id[64], extra;
    size_t svc;

    if (sscanf(args, "%63s %63s %c", svc_id, src_id, &extra) != 2) {
        parse_error(p, p->section_line, "want [source SERVICE NAME]");
        p->kind = SEC_BAD;
        return;
    }
    svc = find_service(p, svc_id);
    if (svc == SIZE_MAX) {
        parse_error(p, p->section_line,
                    "source for unknown service '%s' (declare [service %s] first)", svc_id, svc_id);
        p->kind = SEC_BAD;
        return;
    }
    struct service_conf *s = &p->cfg->services[svc];
    for (size_t i = 0; i < s->nsources; i++) {
        if (strcmp(s->sources[i].id, src_id) == 0) {
            parse_error(p, p->section_line, "service '%s' already has a source '%s'", svc_id,
                        src_id);
            p->kind = SEC_BAD;
            return;
        }
    }
    if (!valid_id(src_id)) {
        parse_error(p, p->section_line, "bad source name '%s'", src_id);
        p->kind = SEC_BAD;
        return;
    }
    p->service = svc;
    p->source = add_source(s, src_id, p->section_line);
}

static void begin_section(struct parser *p, const char *section)
{
    p->handled_seq = p->section_seq;
    p->section_line = p->header_line;
    p->source = SIZE_MAX;
    if (strcmp(section, "sitrep") == 0) {
        p->kind = SEC_SITREP;
    } else if (strncmp(section, "service ", 8) == 0) {
        p->kind = SEC_SERVICE;
        const char *id = section + 8;
        while (*id == ' ')
            id++;
        begin_service(p, id);
    } else if (strncmp(section, "source ", 7) == 0) {
        p->kind = SEC_SOURCE;
        begin_source(p, section + 7);
    } else {
        parse_error(p, p->section_line,
                    "unknown section [%s] (want [sitrep], [service ID], [source ID NAME])",
                    section);
        p->kind = SEC_BAD;
    }
}

static int handler(void *user, const char *section, const char *name, const char *value)
{
    struct parser *p = user;

    if (p->handled_seq != p->section_seq || p->kind == SEC_NONE) {
        if (!*section) {
            parse_error(p, p->in.line, "'%s' outside any section (put it under [sitrep])", name);
            return 1;
        }
        begin_section(p, section);
    }
    if (p->kind == SEC_BAD)
        return 1; /* already reported once for the section */
    bool known = false;
    for (size_t i = 0; i < sizeof key_table / sizeof key_table[0]; i++) {
        const struct key_entry *k = &key_table[i];
        if (strcmp(k->name, name) != 0)
            continue;
        known = true;
        if (k->sections & IN(p->kind)) {
            note_key(p, k);
            k->fn(p, value);
            return 1; /* errors are collected; keep going to report them all */
        }
    }
    if (known)
        parse_error(p, p->in.line, "'%s' does not belong in [%s]", name, section);
    else
        parse_error(p, p->in.line, "unknown key '%s' in [%s]", name, section);
    return 1;
}

/* ---- whole-file checks ----------------------------------------------- */

static void check_floor(struct parser *p, int interval, int line)
{
    if (interval > 0 && interval < p->cfg->floor_s)
        parse_error(p, line,
                    "interval %ds is below the %ds floor (set floor in [sitrep] to go lower on "
                    "purpose)",
                    interval, p->cfg->floor_s);
}

static void check_config(struct parser *p)
{
    struct config *cfg = p->cfg;

    if (cfg->interval_line)
        check_floor(p, cfg->interval_s, cfg->interval_line);
    if (cfg->crowd.notice_ratio >= cfg->crowd.ratio)
        parse_error(p, p->ratio_line > p->notice_ratio_line ? p->ratio_line : p->notice_ratio_line,
                    "crowd_notice_ratio (%g) must be below crowd_ratio (%g)",
                    cfg->crowd.notice_ratio, cfg->crowd.ratio);

    if (cfg->nservices == 0)
        parse_error(p, p->in.line, "no services defined (add a [service ID] section)");
    for (size_t i = 0; i < cfg->nservices; i++) {
        struct service_conf *svc = &cfg->services[i];
        if (!svc->name) /* the id, not a copy: service_conf_free() knows */
            svc->name = svc->id;
        if (svc->nsources == 0)
            parse_error(p, svc->line, "service '%s' has no source (give it a url)", svc->id);
        for (size_t j = 0; j < svc->nsources; j++) {
            check_floor(p, svc->sources[j].interval_s, svc->sources[j].interval_line);
            /* The format says what a source needs, unless the source says. */
            if (!svc->sources[j].auth_given)
                svc->sources[j].auth = svc->sources[j].provider->auth;
            if (!svc->sources[j].url)
                parse_error(p, svc->sources[j].line, "source '%s' of service '%s' has no url",
                            svc->sources[j].id, svc->id);
        }
    }
}

static void set_defaults(struct config *cfg, const char *name)
{
    char err[128];

    cfg->path = xstrdup(name);
    cfg->interval_s = CONFIG_DEFAULT_INTERVAL;
    cfg->floor_s = CONFIG_DEFAULT_FLOOR;
    cfg->timeout_s = 30;
    cfg->connect_timeout_s = 10;
    cfg->max_size = 8L * 1024 * 1024;
    cfg->per_host = 4;
    cfg->connections = 32;
    cfg->expire_failures = 5;
    cfg->expire_age_s = 30 * 60;
    cfg->history_fine_s = 30 * 86400;
    cfg->history_keep_s = 365 * 86400;
    crowd_default_params(&cfg->crowd);
    cfg->theme = xstrdup("default");
    cfg->alert_quiet_s = 120;
    cfg->bell = true;
    cfg->notify = NOTIFY_AUTO;
    config_set_columns(cfg, default_columns, err, sizeof err);
}

int config_load_string(const char *text, const char *name, struct config *cfg, char **errors)
{
    struct parser p = {.cfg = cfg,
                       .text = text,
                       .in = {.pos = text, .name = name, .max_errors = CONFIG_MAX_ERRORS}};
    int rc;

    *errors = NULL;
    memset(cfg, 0, sizeof *cfg);
    set_defaults(cfg, name);
    rc = ini_parse_stream(reader, &p, handler, &p);
    if (rc < 0)
        parse_error(&p, p.in.line, "cannot parse (out of memory)");
    else if (rc > 0) /* inih reports its own syntax errors by line; ours return 1 */
        parse_error(&p, rc, "syntax error (want key = value or [section])");
    if (p.in.nerrors == 0)
        check_config(&p);
    free_seen(&p);
    free(p.index);
    /* The array grew by doubling: up to half of it is room nobody uses. */
    if (cfg->nservices && cfg->nservices < p.services_cap)
        cfg->services = xreallocarray(cfg->services, cfg->nservices, sizeof *cfg->services);
    if (p.in.nerrors) {
        config_free(cfg);
        *errors = ini_lines_take_errors(&p.in);
        if (p.nwarnings) { /* the warnings too: one look shows everything */
            struct buf all = {0};
            buf_puts(&all, *errors);
            buf_puts(&all, buf_str(&p.warnings));
            free(*errors);
            *errors = buf_detach(&all);
        }
        buf_free(&p.warnings);
        return -1;
    }
    cfg->nwarnings = p.nwarnings;
    cfg->warnings = p.nwarnings ? buf_detach(&p.warnings) : NULL;
    return 0;
}

int config_load_file(const char *path, struct config *cfg, char **errors)
{
    char err[1200], *text;
    size_t len;
    int rc;

    memset(cfg, 0, sizeof *cfg);
    /* A FIFO, a device or a directory is refused without blocking. */
    if (safefile_read(path, CONFIG_MAX_BYTES, &text, &len, err, sizeof err) != 0) {
        *errors = xasprintf("%s\n", err);
        return -1;
    }
    if (memchr(text, '\0', len)) {
        *errors = xasprintf("%s: contains NUL bytes: not a text file\n", path);
        free(text);
        return -1;
    }
    rc = config_load_string(text, path, cfg, errors);
    free(text);
    return rc;
}

int config_set_columns(struct config *cfg, const char *list, char *err, size_t errlen)
{
    region_id cols[CONFIG_MAX_COLUMNS];
    size_t n = 0;
    char *copy = xstrdup(list), *save = NULL;
    int rc = 0;

    for (char *tok = strtok_r(copy, " ,\t", &save); tok; tok = strtok_r(NULL, " ,\t", &save)) {
        region_id r = region_find(tok);
        if (r == REGION_NONE)
            r = region_resolve(tok);
        if (r == REGION_NONE) {
            snprintf(err, errlen, "unknown region '%s' in columns", tok);
            rc = -1;
            break;
        }
        for (size_t i = 0; i < n; i++) {
            if (cols[i] == r) {
                snprintf(err, errlen, "column '%s' given twice", tok);
                rc = -1;
            }
        }
        if (rc)
            break;
        if (n == CONFIG_MAX_COLUMNS) {
            snprintf(err, errlen, "too many columns (at most %d)", CONFIG_MAX_COLUMNS);
            rc = -1;
            break;
        }
        cols[n++] = r;
    }
    if (rc == 0 && n == 0) {
        snprintf(err, errlen, "no columns given");
        rc = -1;
    }
    if (rc == 0) {
        memcpy(cfg->columns, cols, n * sizeof cols[0]);
        cfg->ncolumns = n;
    }
    free(copy);
    return rc;
}

static const char *const notify_names[] = {
    [NOTIFY_AUTO] = "auto",
    [NOTIFY_OFF] = "off",
    [NOTIFY_OSC9] = "osc9",
    [NOTIFY_OSC777] = "osc777",
};

bool notify_mode_parse(const char *s, enum notify_mode *out)
{
    for (size_t i = 0; s && i < sizeof notify_names / sizeof notify_names[0]; i++) {
        if (strcmp(s, notify_names[i]) == 0) {
            *out = (enum notify_mode)i;
            return true;
        }
    }
    return false;
}

int config_source_interval(const struct config *cfg, const struct source_conf *src)
{
    int least = src->provider ? src->provider->default_interval_s : 0;

    if (src->interval_s > 0)
        return src->interval_s;
    return cfg->interval_s > least ? cfg->interval_s : least;
}

int config_source_timeout(const struct config *cfg, const struct source_conf *src)
{
    return src->timeout_s > 0 ? src->timeout_s : cfg->timeout_s;
}

static void service_conf_free(struct service_conf *svc)
{
    for (size_t j = 0; j < svc->nsources; j++) {
        if (svc->sources[j].id != implicit_id)
            free(svc->sources[j].id);
        free(svc->sources[j].url);
        free(svc->sources[j].credentials);
        free(svc->sources[j].token_url);
        config_wipe_free(svc->sources[j].url_user);
        config_wipe_free(svc->sources[j].url_password);
        mention_rules_free(&svc->sources[j].match);
        region_rules_free(svc->sources[j].rules);
    }
    free(svc->sources);
    if (svc->name != svc->id)
        free(svc->name);
    free(svc->id);
    free(svc->family);
}

unsigned config_shard_of(const char *key, unsigned n)
{
    uint32_t h = 2166136261u;

    for (const char *p = key; *p; p++) {
        h ^= (unsigned char)*p;
        h *= 16777619u;
    }
    return n ? h % n + 1 : 1;
}

size_t config_keep_shard(struct config *cfg, unsigned k, unsigned n)
{
    size_t keep = 0;

    for (size_t i = 0; i < cfg->nservices; i++) {
        const struct service_conf *s = &cfg->services[i];
        if (config_shard_of(s->family ? s->family : s->id, n) == k)
            cfg->services[keep++] = cfg->services[i];
        else
            service_conf_free(&cfg->services[i]);
    }
    cfg->nservices = keep;
    return keep;
}

void config_free(struct config *cfg)
{
    for (size_t i = 0; i < cfg->nservices; i++)
        service_conf_free(&cfg->services[i]);
    free(cfg->services);
    free(cfg->path);
    free(cfg->theme);
    free(cfg->on_change);
    free(cfg->webhook);
    free(cfg->ca_file);
    free(cfg->warnings);
    memset(cfg, 0, sizeof *cfg);
}

void config_wipe_free(char *secret)
{
    if (secret) {
        memset(secret, 0, strlen(secret));
        free(secret);
    }
}
