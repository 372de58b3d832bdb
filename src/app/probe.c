/* sitrep probe URL: discovery for a status page not in the catalogue. It
 * asks the page's address and each known format's well-known path once (a
 * bounded number of requests, each with a bounded time), reads every answer
 * with its format's own parser, and prints a config section for the first
 * format that reads, with region rules suggested from the names the page
 * uses. Nothing is written: the user pastes what they want. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_internal.h"
#include "sitrep/app.h"
#include "sitrep/buf.h"
#include "sitrep/evidence.h"
#include "sitrep/fetch.h"
#include "sitrep/provider.h"
#include "sitrep/region.h"
#include "sitrep/sanitize.h"
#include "sitrep/xalloc.h"

#define PROBE_TIMEOUT_MS  10000
#define PROBE_DEADLINE_MS 15000
#define PROBE_MAX_RULES   48
#define PROBE_NAME_MAX    64

/* The paths each format's documents live at under a page's address, in the
 * order a match is preferred: a format's own richer document before the
 * Statuspage-compatible summary another vendor also serves. With host set,
 * the page's host name ends the path. NULL format: the address itself, read by whichever format
 * knows its look. */
static const struct probe_path {
    const char *format;
    const char *path;
    bool host;
} probe_paths[] = {
    {NULL, "", false},
    {"incidentio", "/proxy/", true},
    {"statuspage", "/api/v2/summary.json", false},
    {"instatus", "/summary.json", false},
    {"instatus", "/v3/summary.json", false},
    {"betterstack", "/index.json", false},
    {"cachet", "/api/v1/components", false},
    {"slack", "/api/v2.0.0/current", false},
    {"heroku", "/api/v4/current-status", false},
    {"statuspage-feed", "/history.atom", false},
    {"statuspage-feed", "/history.rss", false},
};

#define NPATHS (sizeof probe_paths / sizeof probe_paths[0])

struct probe_try {
    char *url;
    const struct provider *p; /* NULL until known (the address itself) */
    bool done;
    struct evidence ev;
    bool parsed;
    char why[200]; /* when not parsed */
};

struct probe {
    struct probe_try tries[NPATHS];
    size_t pending;
};

/* Region-rule shapes that status pages name their places in, tried on
 * every component; one is suggested when it places at least two. */
static const char *const rule_shapes[] = {
    "name \"^([A-Za-z]{3})[0-9]+$\" => iata:$1",      /* AMS3, NYC1: a data centre by airport */
    "name \"\\(([A-Z]{3})\\)$\" => iata:$1",          /* "Amsterdam, Netherlands - (AMS)" */
    "name \"\\(([^()0-9]+)[ 0-9]*\\)$\" => $1",       /* "EU-West (London)", "(Tokyo 2)" */
    "name \"^([a-z]{2}-[a-z]+-[0-9])$\" => cloud:$1", /* us-east-1 */
};

#define NSHAPES (sizeof rule_shapes / sizeof rule_shapes[0])

static void probe_done(void *user, const struct fetch_result *res)
{
    struct probe_try *t = user;
    char err[160];

    t->done = true;
    if (!res->ok) {
        if (res->http_status)
            snprintf(t->why, sizeof t->why, "HTTP status %ld", res->http_status);
        else
            snprintf(t->why, sizeof t->why, "%s", res->error ? res->error : "no answer");
        return;
    }
    if (!t->p)
        t->p = provider_sniff(res->body, res->len);
    if (!t->p) {
        snprintf(t->why, sizeof t->why, "no format knows this document");
        return;
    }
    if (provider_parse(t->p, res->body, res->len, &t->ev, err, sizeof err) != 0) {
        snprintf(t->why, sizeof t->why, "%s", err);
        return;
    }
    /* A parser may accept a document that says nothing ({}): that is no
     * evidence that this is the page's format. */
    if (!t->ev.ncomponents && !t->ev.nincidents && !t->ev.page_name && !t->ev.indicator) {
        snprintf(t->why, sizeof t->why, "read as %s, but it names no status", t->p->name);
        evidence_free(&t->ev);
        return;
    }
    t->parsed = true;
}

/* The page's base (scheme, host, path without a trailing slash, no query)
 * and its host name; -1 when url is not http(s). */
static int split_url(const char *url, char **base, char **host)
{
    const char *rest, *end, *at, *colon;
    size_t blen;

    if (strncmp(url, "https://", 8) == 0)
        rest = url + 8;
    else if (strncmp(url, "http://", 7) == 0)
        rest = url + 7;
    else
        return -1;
    end = rest + strcspn(rest, "/?#");
    at = memchr(rest, '@', (size_t)(end - rest));
    if (at)
        return -1; /* credentials never go into a printed config */
    colon = memchr(rest, ':', (size_t)(end - rest));
    if (end == rest || colon == rest)
        return -1;
    *host = xstrndup(rest, (size_t)((colon ? colon : end) - rest));
    blen = strcspn(url, "?#");
    while (blen > (size_t)(end - url) && url[blen - 1] == '/')
        blen--;
    *base = xstrndup(url, blen);
    return 0;
}

static int probe_fetch(struct probe *pr, const char *url)
{
    struct fetch_opts opts = {.total_timeout_ms = PROBE_TIMEOUT_MS, .max_redirects = 3};
    char err[256], *base, *host;
    struct fetcher *f;
    int64_t deadline;

    if (split_url(url, &base, &host) != 0) {
        fprintf(stderr, "sitrep probe: %s: not an http(s) address without credentials\n", url);
        return EXIT_USAGE;
    }
    f = fetcher_new(&opts, err, sizeof err);
    if (!f) {
        fprintf(stderr, "sitrep probe: %s\n", err);
        free(base);
        free(host);
        return EXIT_RUNTIME;
    }
    for (size_t i = 0; i < NPATHS; i++) {
        struct probe_try *t = &pr->tries[i];

        t->url = i == 0 ? xstrdup(url)
                        : xasprintf("%s%s%s", base, probe_paths[i].path,
                                    probe_paths[i].host ? host : "");
        t->p = probe_paths[i].format ? provider_find(probe_paths[i].format) : NULL;
        struct fetch_request req = {.url = t->url, .timeout_ms = PROBE_TIMEOUT_MS};
        if (fetcher_add(f, &req, probe_done, t, t->why, sizeof t->why) == 0)
            pr->pending++;
        else
            t->done = true;
    }
    deadline = app_mono_ms() + PROBE_DEADLINE_MS;
    for (;;) {
        size_t left = 0;
        for (size_t i = 0; i < NPATHS; i++)
            left += !pr->tries[i].done;
        if (!left || app_mono_ms() >= deadline)
            break;
        if (fetcher_wait(f, NULL, 0, NULL, 200) != 0)
            break;
    }
    for (size_t i = 0; i < NPATHS; i++) {
        if (!pr->tries[i].done)
            snprintf(pr->tries[i].why, sizeof pr->tries[i].why, "no answer in time");
    }
    fetcher_free(f);
    free(base);
    free(host);
    return EXIT_OK;
}

/* Remote text made safe for one config value: sanitized, one line, without
 * the characters the config reads as syntax; NULL when nothing is left. */
static char *config_text(const char *in)
{
    char *s;
    size_t n;

    if (!in)
        return NULL;
    s = sanitize_str(in, PROBE_NAME_MAX, SAN_ASCII);
    for (char *c = s; *c; c++) {
        if (strchr(";#\"\\=>", *c))
            *c = ' ';
    }
    n = strlen(s);
    while (n && s[n - 1] == ' ')
        s[--n] = '\0';
    if (!n || s[0] == ' ') {
        free(s);
        return NULL;
    }
    return s;
}

/* A service id (1-32 of [a-z0-9_.-]) from the page's name, else its host. */
static void service_id(const char *name, const char *url, char *out, size_t outlen)
{
    const char *src = name;
    size_t n = 0;
    char *base = NULL, *host = NULL;

    if (!src && split_url(url, &base, &host) == 0) {
        src = host;
        if (strncmp(src, "status.", 7) == 0 || strncmp(src, "www.", 4) == 0)
            src = strchr(src, '.') + 1;
    }
    for (const char *c = src ? src : ""; *c && n + 1 < outlen && n < 32; c++) {
        if (isalnum((unsigned char)*c))
            out[n++] = (char)tolower((unsigned char)*c);
        else if ((*c == '-' || *c == ' ' || *c == '.') && n && out[n - 1] != '-')
            out[n++] = '-';
    }
    while (n && out[n - 1] == '-')
        n--;
    if (!n)
        out[n++] = 'x';
    out[n] = '\0';
    free(base);
    free(host);
}

/* How many of ev's components rules places that taken has not; *first is
 * the first of them. */
static size_t newly_placed(const struct region_rules *rules, const struct region_rules *taken,
                           const struct evidence *ev, size_t *first)
{
    size_t n = 0;

    for (size_t i = 0; i < ev->ncomponents; i++) {
        const struct component *c = &ev->components[i];
        region_id r = region_rules_match(rules, c->id, c->name, c->group_name);
        if (r != REGION_NONE && r != region_all() &&
            region_rules_match(taken, c->id, c->name, c->group_name) == REGION_NONE) {
            if (!n++)
                *first = i;
        }
    }
    return n;
}

/* Tries one suggestion ("map = ..." or "region = ...") against what is
 * taken; prints and keeps it when it places at least least components,
 * after a comment saying how many and one of them, for the user to judge. */
static bool suggest(struct region_rules *taken, const struct evidence *ev, const char *key,
                    const char *spec, size_t least)
{
    struct region_rules *one = region_rules_new();
    const char *arrow = strstr(spec, " => ");
    char err[256], *k = NULL;
    size_t n = 0, first = 0;
    int rc;

    if (strcmp(key, "map") == 0) {
        k = xstrndup(spec, (size_t)(arrow - spec));
        rc = region_rules_add_map(one, k, arrow + 4, err, sizeof err);
    } else {
        rc = region_rules_add_spec(one, spec, err, sizeof err);
    }
    if (rc == 0)
        n = newly_placed(one, taken, ev, &first);
    if (n >= least) {
        const struct component *c = &ev->components[first];
        char *example = config_text(c->name);
        printf("; %zu name%s, as \"%s\" => %s\n", n, n == 1 ? "" : "s", example ? example : "?",
               region_code(region_rules_match(one, c->id, c->name, c->group_name)));
        printf("%-6s = %s\n", key, spec);
        rc = k ? region_rules_add_map(taken, k, arrow + 4, err, sizeof err)
               : region_rules_add_spec(taken, spec, err, sizeof err);
        free(example);
    }
    free(k);
    region_rules_free(one);
    return n >= least && rc == 0;
}

/* A name region_resolve() places by itself: not the whole world (the
 * default anyway) and not a bare three-letter word, which is as often an
 * acronym ("API", "DNS") as an airport. */
static region_id plain_region(const char *name)
{
    size_t n = strlen(name);
    region_id r;

    if (n == 3 && isalpha((unsigned char)name[0]) && isalpha((unsigned char)name[1]) &&
        isalpha((unsigned char)name[2]))
        return REGION_NONE;
    r = region_resolve(name);
    return r == region_all() ? REGION_NONE : r;
}

/* A regex matching exactly text: punctuation escaped; NULL when text has
 * anything but printable ASCII. */
static char *exact_regex(const char *text)
{
    struct buf b = {0};

    buf_puts(&b, "^");
    for (const char *c = text; *c; c++) {
        if ((unsigned char)*c < 0x20 || (unsigned char)*c >= 0x7f) {
            buf_free(&b);
            return NULL;
        }
        if (ispunct((unsigned char)*c))
            buf_putc(&b, '\\');
        buf_putc(&b, *c);
    }
    buf_puts(&b, "$");
    return buf_detach(&b);
}

static void suggest_regions(const struct evidence *ev)
{
    struct region_rules *taken = region_rules_new();
    size_t n = 0;

    for (size_t i = 0; i < NSHAPES && n < PROBE_MAX_RULES; i++)
        n += suggest(taken, ev, "region", rule_shapes[i], 2);
    for (size_t i = 0; i < ev->ncomponents && n < PROBE_MAX_RULES; i++) {
        const struct component *c = &ev->components[i];
        char *name = config_text(c->name), *re, spec[300];
        region_id r = name && strcmp(name, c->name) == 0 ? plain_region(name) : REGION_NONE;

        if (r != REGION_NONE && !c->is_group) {
            snprintf(spec, sizeof spec, "%s => %s", name, region_code(r));
            n += suggest(taken, ev, "map", spec, 1);
        } else if (r != REGION_NONE && (re = exact_regex(name)) != NULL) {
            snprintf(spec, sizeof spec, "group \"%s\" => %s", re, region_code(r));
            n += suggest(taken, ev, "region", spec, 1);
            free(re);
        }
        free(name);
    }
    if (!n)
        printf("; no component or group name here names a region\n");
    region_rules_free(taken);
}

static void print_section(const struct probe *pr, const struct probe_try *t)
{
    const char *page = NULL;
    char id[40], *name;

    /* The name may come from another document the page answered. */
    page = t->ev.page_name;
    for (size_t i = 0; !page && i < NPATHS; i++)
        page = pr->tries[i].parsed ? pr->tries[i].ev.page_name : NULL;
    name = config_text(page);
    service_id(name, t->url, id, sizeof id);
    printf("[service %s]\n", id);
    printf("name   = %s\n", name ? name : id);
    printf("format = %s\n", t->p->name);
    printf("url    = %s\n", t->url);
    suggest_regions(&t->ev);
    free(name);
}

static void probe_usage(FILE *out)
{
    fprintf(out,
            "Usage: sitrep probe URL\n"
            "Asks a status page's address and the well-known paths of the formats sitrep\n"
            "reads (one request each, %d s at most), and prints a config section for the\n"
            "first that reads, with region rules for the places its names give.\n"
            "Exit status: 0 found, 1 runtime failure, 2 nothing read or usage error.\n",
            PROBE_TIMEOUT_MS / 1000);
}

int app_probe(int argc, char **argv)
{
    struct probe pr = {0};
    const struct probe_try *found = NULL;
    int rc;

    if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        probe_usage(stdout);
        return EXIT_OK;
    }
    if (argc != 2 || argv[1][0] == '-') {
        probe_usage(stderr);
        return EXIT_USAGE;
    }
    rc = probe_fetch(&pr, argv[1]);
    for (size_t i = 0; rc == EXIT_OK && !found && i < NPATHS; i++)
        found = pr.tries[i].parsed ? &pr.tries[i] : NULL;
    if (found) {
        print_section(&pr, found);
    } else if (rc == EXIT_OK) {
        fprintf(stderr, "sitrep probe: no format reads %s:\n", argv[1]);
        for (size_t i = 0; i < NPATHS; i++) {
            const struct probe_try *t = &pr.tries[i];
            char *why = sanitize_str(t->why, 160, 0);
            fprintf(stderr, "  %-16s %s: %s\n",
                    probe_paths[i].format ? probe_paths[i].format : "(address)", t->url, why);
            free(why);
        }
        rc = EXIT_USAGE;
    }
    for (size_t i = 0; i < NPATHS; i++) {
        free(pr.tries[i].url);
        evidence_free(&pr.tries[i].ev);
    }
    return rc;
}
