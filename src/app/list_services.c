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
 * region columns without rules. Some formats only may (Google's: of its
 * dashboards only Google Cloud's incidents name locations; Cachet's tags and
 * status.io's containers are places on some pages only), so their services
 * are not counted as ones with region columns. */
enum placing { PLACES_NONE, PLACES_MAYBE, PLACES_NAMED };

static const struct {
    const char *format;
    enum placing places;
} placing_formats[] = {
    {"aws-health", PLACES_NAMED}, {"aws-rss", PLACES_NAMED},    {"azure-rss", PLACES_NAMED},
    {"oracle", PLACES_NAMED},     {"salesforce", PLACES_NAMED}, {"heroku", PLACES_NAMED},
    {"ioda", PLACES_NAMED},       {"google", PLACES_MAYBE},     {"cachet", PLACES_MAYBE},
    {"statusio", PLACES_MAYBE},
};

static enum placing format_places(const struct provider *p)
{
    for (size_t i = 0; p && i < sizeof placing_formats / sizeof *placing_formats; i++) {
        if (strcmp(p->name, placing_formats[i].format) == 0)
            return placing_formats[i].places;
    }
    return PLACES_NONE;
}

static bool official(const struct source_conf *src)
{
    return src->provider && !src->provider->crowd && !src->provider->mentions;
}

/* What one service's sources say about regions. */
struct region_sources {
    region_id pages[16]; /* the regions its regional pages speak for, each once */
    size_t npages;
    bool rules, official, mentions, reports;
    enum placing places;
};

static void add_page(struct region_sources *r, region_id id)
{
    for (size_t i = 0; i < r->npages; i++) {
        if (r->pages[i] == id)
            return;
    }
    if (r->npages < sizeof r->pages / sizeof r->pages[0])
        r->pages[r->npages++] = id;
}

static void collect_regions(const struct service_conf *svc, struct region_sources *r)
{
    memset(r, 0, sizeof *r);
    for (size_t i = 0; i < svc->nsources; i++) {
        const struct source_conf *src = &svc->sources[i];
        region_id dflt = region_rules_default(src->rules);
        enum placing places = format_places(src->provider);
        if (!official(src)) {
            r->mentions |= src->provider && src->provider->mentions;
            r->reports |= src->provider && src->provider->crowd && !src->provider->mentions;
            continue;
        }
        r->official = true;
        r->rules |= region_rules_count(src->rules) > 0;
        r->places = places > r->places ? places : r->places;
        if (dflt != region_all() && dflt != REGION_NONE)
            add_page(r, dflt);
    }
}

/* What a service's row says about regions; *regional tells whether its
 * official sources give region columns (rules, a page per region, or a
 * format that names places). */
static void describe_regions(const struct service_conf *svc, struct buf *out, bool *regional)
{
    struct region_sources r;

    collect_regions(svc, &r);
    *regional = r.rules || r.places == PLACES_NAMED || r.npages > 0;
    if (r.npages)
        buf_printf(out, "pages:");
    for (size_t i = 0; i < r.npages; i++)
        buf_printf(out, " %s", region_code(r.pages[i]));
    if (r.rules)
        buf_printf(out, "%srules", out->len ? ", " : "");
    if (r.places != PLACES_NONE)
        buf_printf(out, "%s%s by the page", out->len ? ", " : "",
                   r.places == PLACES_NAMED ? "named" : "may be named");
    if (r.official && out->len == 0)
        buf_printf(out, "whole service");
    if (r.reports)
        buf_printf(out, "%sreports", out->len ? ", " : "");
    if (r.mentions)
        buf_printf(out, "%smentions", out->len ? ", " : "");
}

/* The service's formats, each once, joined by '+'. */
static void describe_formats(const struct service_conf *svc, struct buf *out)
{
    for (size_t i = 0; i < svc->nsources; i++) {
        const struct provider *p = svc->sources[i].provider;
        bool seen = false;
        for (size_t j = 0; p && j < i && !seen; j++)
            seen = svc->sources[j].provider == p;
        if (p && !seen)
            buf_printf(out, "%s%s", out->len ? "+" : "", p->name);
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
