/* Azure status RSS (azure.status.microsoft/en-us/status/feed/): a channel
 * with no item when all is well, one item per current event otherwise.
 *
 * An item has no severity and no components. Its categories mix the
 * services hit ("Azure Front Door") and the regions ("West Europe",
 * "Public Non-Regional"); without region categories, the region is the
 * longest Azure region display name found in the title. Every event is a
 * problem (degraded) unless its title calls it guidance or an advisory (a
 * notice); a title that starts or ends with Resolved, Mitigated, PIR or
 * Post Incident Review tells of an ended one. Each service hit becomes a
 * component per region. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "provider_internal.h"
#include "sitrep/feed.h"
#include "sitrep/provider.h"
#include "sitrep/region.h"
#include "sitrep/xalloc.h"

/* Words at the start or the end (after " - ") of a title. */
static const char *const ended_words[] = {
    "Resolved", "Mitigated", "Post Incident Review", "PIR", NULL,
};

/* Words anywhere in a title that make it a notice. */
static const char *const notice_words[] = {"advisory", "guidance", NULL};

/* Categories that are about no region: the event is service-wide. */
static const char *const non_regional[] = {"Public Non-Regional", "Non-Regional", "Global", NULL};

/* Sovereign clouds named in titles. */
static const struct {
    const char *name;
    const char *region;
} clouds[] = {
    {"Azure China", "CN"},
    {"Azure Government", "US"},
    {"Azure US Government", "US"},
};

#define MAX_WORDS 5 /* the longest display name, "Germany West Central" and such */

static bool contains_word(const char *text, const char *word)
{
    size_t n = strlen(word);

    for (const char *p = text; *p; p++) {
        bool start = p == text || !((p[-1] | 0x20) >= 'a' && (p[-1] | 0x20) <= 'z');
        if (start && text_starts_with(p, word) && !((p[n] | 0x20) >= 'a' && (p[n] | 0x20) <= 'z'))
            return true;
    }
    return false;
}

static bool title_ended(const char *title)
{
    const char *dash = NULL;

    for (const char *p = strstr(title, " - "); p; p = strstr(p + 1, " - "))
        dash = p;
    for (size_t i = 0; ended_words[i]; i++) {
        size_t n = strlen(ended_words[i]);
        const char *after = title + n;
        if (text_starts_with(title, ended_words[i]) &&
            !((*after | 0x20) >= 'a' && (*after | 0x20) <= 'z'))
            return true;
        if (dash && text_starts_with(dash + 3, ended_words[i]) && !dash[3 + n])
            return true;
    }
    return false;
}

/* An Azure region by display name ("West US 2"), REGION_NONE if it is not
 * one: display names are the region codes with blanks, which "cloud:"
 * resolves. */
static region_id azure_region(const char *name)
{
    char text[96];
    region_id r;

    if (strlen(name) + 7 >= sizeof text)
        return REGION_NONE;
    memcpy(text, "cloud:", 6);
    strcpy(text + 6, name);
    r = region_resolve(text);
    /* AWS and Google codes have dashes; an Azure display name has none. */
    return r != REGION_NONE && !strchr(region_code(r), '-') ? r : REGION_NONE;
}

/* The longest run of up to MAX_WORDS words at a word start of title that
 * is an Azure region, scanning left to right; the words are copied into
 * found. */
static region_id title_region(const char *title, char *found, size_t cap)
{
    const char *p = title;

    for (size_t i = 0; i < sizeof clouds / sizeof clouds[0]; i++) {
        if (contains_word(title, clouds[i].name)) {
            snprintf(found, cap, "%s", clouds[i].name);
            return region_find(clouds[i].region);
        }
    }
    while (*p) {
        const char *ends[MAX_WORDS];
        size_t nw = 0;
        const char *q = p;
        while (nw < MAX_WORDS && *q && *q != ' ' && *q != '-') {
            while (*q && *q != ' ')
                q++;
            ends[nw++] = q;
            while (*q == ' ')
                q++;
        }
        for (size_t k = nw; k > 0; k--) {
            size_t n = (size_t)(ends[k - 1] - p);
            char words[96];
            region_id r;
            if (n >= sizeof words)
                continue;
            memcpy(words, p, n);
            words[n] = '\0';
            if ((r = azure_region(words)) != REGION_NONE) {
                snprintf(found, cap, "%s", words);
                return r;
            }
        }
        while (*p && *p != ' ')
            p++;
        while (*p == ' ')
            p++;
    }
    return REGION_NONE;
}

/* Regions from the categories, else from the title; services are the
 * categories that are not regions. */
static void read_places(struct incident *inc, const struct feed_item *it, bool *service_wide)
{
    char found[96];
    region_id r;

    *service_wide = false;
    for (size_t i = 0; i < it->ncategories; i++) {
        const char *cat = it->categories[i];
        if (str_in_list(non_regional, cat))
            *service_wide = true;
        else if ((r = azure_region(cat)) != REGION_NONE)
            incident_add_location(inc, cat, r);
    }
    if (inc->nlocations || *service_wide)
        return;
    if ((r = title_region(inc->name, found, sizeof found)) != REGION_NONE)
        incident_add_location(inc, found, r);
}

static void add_components(struct evb *b, size_t at, const struct feed_item *it)
{
    for (size_t i = 0; i < it->ncategories; i++) {
        const char *svc = it->categories[i];
        size_t nloc = b->ev.incidents[at].nlocations;
        if (str_in_list(non_regional, svc) || azure_region(svc) != REGION_NONE)
            continue;
        for (size_t j = 0; j < (nloc ? nloc : 1); j++) {
            const struct incident_location *loc = nloc ? &b->ev.incidents[at].locations[j] : NULL;
            char *id = loc ? xasprintf("%s@%s", svc, loc->text) : xstrdup(svc);
            struct component *c = evb_component(b, id, svc, b->ev.incidents[at].level);
            if (loc && !c->group_id) {
                c->group_id = xstrdup(loc->text);
                c->group_name = xstrdup(loc->text);
                c->region = loc->region;
            }
            incident_add_component(&b->ev.incidents[at], id);
            free(id);
        }
    }
}

static void read_item(struct evb *b, const struct feed_item *it)
{
    struct incident *inc = evb_incident(b);
    size_t at = b->ev.nincidents - 1;
    bool service_wide;

    inc->id = xstrdup_or_null(it->id ? it->id : it->title);
    inc->name = xstrdup(it->title ? it->title : "(untitled)");
    inc->url = xstrdup_or_null(it->link);
    inc->started_at = inc->created_at = inc->updated_at = it->published;
    inc->open = !title_ended(inc->name);
    inc->status = xstrdup(inc->open ? "active" : "resolved");
    inc->level = LEVEL_DEGRADED;
    for (size_t i = 0; notice_words[i]; i++) {
        if (contains_word(inc->name, notice_words[i]))
            inc->level = LEVEL_NOTICE;
    }
    if (!inc->open)
        inc->resolved_at = it->published;
    incident_add_update(inc, inc->status, text_from_html(it->description), it->published);
    read_places(inc, it, &service_wide);
    if (service_wide && inc->nlocations)
        incident_add_location(inc, "Public Non-Regional", REGION_NONE);
    if (inc->open)
        add_components(b, at, it);
}

static int azure_rss_parse(const char *body, size_t len, struct evidence *out, char *err,
                           size_t errlen)
{
    struct feed f = {0};
    struct evb b = {0};

    if (feed_parse(body, len, &f, err, errlen) != 0)
        return -1;
    if (f.kind != FEED_RSS) {
        feed_free(&f);
        return provider_fail(err, errlen, "an Atom feed, not the Azure status RSS");
    }
    for (size_t i = 0; i < f.nitems; i++)
        read_item(&b, &f.items[i]);
    evb_take_feed(&b, &f);
    b.ev.quiet_is_ok = true;
    evb_finish(&b, PROVIDER_MAX_CLOSED, out);
    return 0;
}

static int azure_rss_sniff(const char *body, size_t len)
{
    if (sniff_first(body, len) != '<' || !sniff_has(body, len, "<rss"))
        return 0;
    return sniff_has(body, len, "<title>Azure Status</title>") ? 90 : 0;
}

const struct provider provider_azure_rss = {
    .name = "azure-rss",
    .description = "Azure status RSS (regions from categories or titles)",
    .document = "an Azure status feed",
    .parse = azure_rss_parse,
    .sniff = azure_rss_sniff,
    .crowd = false,
    .default_interval_s = 120,
    .auth = AUTH_NONE,
};
