/* sitrep --list-services [PATTERN]: the catalogue (or --config's file) as
 * a table a user reads to find what to copy into their own config: each
 * service's id, formats, family, where its regions come from, and name;
 * then the totals the catalogue is judged by. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_internal.h"
#include "sitrep/app.h"
#include "sitrep/buf.h"
#include "sitrep/config.h"
#include "sitrep/region.h"
#include "sitrep/sanitize.h"
#include "sitrep/xalloc.h"

/* Formats whose documents name the places themselves (cloud regions,
 * instance locations, region tags, countries), so their services have
 * region columns without rules. Google's format may: of its dashboards
 * only Google Cloud's incidents name locations, so a google service is not
 * counted as one with region columns. */
static const struct {
    const char *format;
    bool counted;
} placing_formats[] = {
    {"aws-health", true}, {"aws-rss", true}, {"azure-rss", true}, {"oracle", true},
    {"salesforce", true}, {"heroku", true},  {"ioda", true},      {"google", false},
};

/* 0: the format's pages name no places; 1: they do; -1: they may. */
static int format_places(const char *format)
{
    for (size_t i = 0; i < sizeof placing_formats / sizeof *placing_formats; i++) {
        if (format && strcmp(format, placing_formats[i].format) == 0)
            return placing_formats[i].counted ? 1 : -1;
    }
    return 0;
}

static bool official(const struct source_conf *src)
{
    return src->provider && !src->provider->crowd && !src->provider->mentions;
}

/* What a service's row says about regions; *regional tells whether its
 * official sources give region columns (rules, a page per region, or a
 * format that names places). */
static void describe_regions(const struct service_conf *svc, struct buf *out, bool *regional)
{
    bool rules = false, mentions = false, reports = false, any_official = false;
    int places = 0;
    struct buf pages = {0};

    for (size_t i = 0; i < svc->nsources; i++) {
        const struct source_conf *src = &svc->sources[i];
        region_id dflt = region_rules_default(src->rules);
        if (!official(src)) {
            mentions |= src->provider && src->provider->mentions;
            reports |= src->provider && src->provider->crowd && !src->provider->mentions;
            continue;
        }
        any_official = true;
        rules |= region_rules_count(src->rules) > 0;
        if (format_places(src->format) > places || (places == 0 && format_places(src->format)))
            places = format_places(src->format);
        if (dflt != region_all() && dflt != REGION_NONE &&
            !strstr(buf_str(&pages), region_code(dflt)))
            buf_printf(&pages, " %s", region_code(dflt));
    }
    *regional = rules || places > 0 || pages.len;
    if (pages.len)
        buf_printf(out, "pages:%s", buf_str(&pages));
    if (rules)
        buf_printf(out, "%srules", out->len ? ", " : "");
    if (places)
        buf_printf(out, "%s%s by the page", out->len ? ", " : "",
                   places > 0 ? "named" : "may be named");
    if (!*regional && !places && any_official)
        buf_printf(out, "whole service");
    if (reports)
        buf_printf(out, "%sreports", out->len ? ", " : "");
    if (mentions)
        buf_printf(out, "%smentions", out->len ? ", " : "");
    buf_free(&pages);
}

/* The service's formats, each once, joined by '+'. */
static void describe_formats(const struct service_conf *svc, struct buf *out)
{
    for (size_t i = 0; i < svc->nsources; i++) {
        const char *f = svc->sources[i].format ? svc->sources[i].format : "statuspage";
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++)
            seen = svc->sources[j].format && strcmp(svc->sources[j].format, f) == 0;
        if (!seen)
            buf_printf(out, "%s%s", out->len ? "+" : "", f);
    }
}

/* Case-insensitive substring; an empty or NULL needle matches. */
static bool contains_nocase(const char *hay, const char *needle)
{
    size_t n = needle ? strlen(needle) : 0;

    if (n == 0)
        return true;
    for (; hay && *hay; hay++) {
        size_t i = 0;
        while (i < n && hay[i] &&
               tolower((unsigned char)hay[i]) == tolower((unsigned char)needle[i]))
            i++;
        if (i == n)
            return true;
    }
    return false;
}

struct totals {
    size_t services, sources, regional, official_services;
    const char *formats[64];
    size_t nformats;
};

static void count_formats(struct totals *t, const struct service_conf *svc)
{
    for (size_t i = 0; i < svc->nsources; i++) {
        const char *f = svc->sources[i].provider ? svc->sources[i].provider->name : NULL;
        size_t j = 0;
        while (f && j < t->nformats && strcmp(t->formats[j], f) != 0)
            j++;
        if (f && j == t->nformats && t->nformats < sizeof t->formats / sizeof t->formats[0])
            t->formats[t->nformats++] = f;
    }
}

static void print_service(const struct service_conf *svc, unsigned san, struct totals *t)
{
    struct buf regions = {0}, formats = {0};
    bool regional, has_official = false;
    char *name = sanitize_str(svc->name ? svc->name : svc->id, 200, san);

    describe_regions(svc, &regions, &regional);
    describe_formats(svc, &formats);
    for (size_t i = 0; i < svc->nsources; i++)
        has_official |= official(&svc->sources[i]);
    printf("%-18s %-24s %-11s %-34s %s\n", svc->id, buf_str(&formats),
           svc->family ? svc->family : "-", buf_str(&regions), name);
    t->services++;
    t->sources += svc->nsources;
    t->regional += regional;
    t->official_services += has_official;
    count_formats(t, svc);
    free(name);
    buf_free(&regions);
    buf_free(&formats);
}

int app_list_services(const struct app *app)
{
    const struct config *cfg = app->cfg;
    const char *pat = app->cli.list_pattern;
    unsigned san = app->ascii ? SAN_ASCII : 0;
    struct totals t = {0};

    printf("%-18s %-24s %-11s %-34s %s\n", "ID", "FORMAT", "FAMILY", "REGIONS", "NAME");
    for (size_t i = 0; i < cfg->nservices; i++) {
        const struct service_conf *svc = &cfg->services[i];
        struct buf formats = {0};
        describe_formats(svc, &formats);
        bool match = contains_nocase(svc->id, pat) || contains_nocase(svc->name, pat) ||
                     contains_nocase(svc->family, pat) || contains_nocase(buf_str(&formats), pat);
        buf_free(&formats);
        if (match)
            print_service(svc, san, &t);
    }
    printf("\n%zu service%s (%zu with an official source), %zu source%s, %zu format%s in use, "
           "%zu with region columns (from %s)\n",
           t.services, t.services == 1 ? "" : "s", t.official_services, t.sources,
           t.sources == 1 ? "" : "s", t.nformats, t.nformats == 1 ? "" : "s", t.regional,
           cfg->path);
    if (t.services == 0 && pat) {
        char *clean = sanitize_str(pat, 100, san);
        fprintf(stderr, "sitrep: no service matches '%s'\n", clean);
        free(clean);
        return EXIT_USAGE;
    }
    return fflush(stdout) == 0 ? EXIT_OK : EXIT_RUNTIME;
}
