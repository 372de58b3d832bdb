/* A Statuspage's history feeds (https://<page>/history.rss and
 * /history.atom), for pages whose JSON API is closed or behind a wall.
 *
 * Each item is one incident or maintenance, newest first; its description
 * is the page's HTML for the updates, newest first:
 *   <p><small>Feb <var>8</var>, <var>09:00</var> UTC</small><br>
 *   <strong>Resolved</strong> - This incident has been resolved.</p>
 * The first status word tells where it stands ("Update" repeats the one
 * before it). A feed has no impact: an open incident is a problem of a size
 * it does not tell (degraded), an open maintenance a maintenance. Update
 * times carry no year: they take the year that puts them nearest the item's
 * own date. No places: what a feed says is page-wide. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "provider_internal.h"
#include "sitrep/feed.h"
#include "sitrep/provider.h"
#include "sitrep/xalloc.h"

static const struct level_map status_levels[] = {
    {"resolved", LEVEL_OK},           {"completed", LEVEL_OK},
    {"postmortem", LEVEL_OK},         {"investigating", LEVEL_DEGRADED},
    {"identified", LEVEL_DEGRADED},   {"monitoring", LEVEL_DEGRADED},
    {"scheduled", LEVEL_MAINTENANCE}, {"inprogress", LEVEL_MAINTENANCE},
    {"verifying", LEVEL_MAINTENANCE}, {NULL, LEVEL_NONE},
};

static const char *const month_names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* "Feb 8, 09:00 UTC" in the year nearest to near. */
static time_t update_time(const char *text, time_t near)
{
    char mon[4];
    int day, h, m;
    struct tm ref, tm = {0};
    time_t best = 0;

    if (!near || sscanf(text, "%3s %d, %d:%d", mon, &day, &h, &m) != 4 || !gmtime_r(&near, &ref))
        return 0;
    for (int i = 0; i < 12; i++) {
        if (strcmp(mon, month_names[i]) != 0)
            continue;
        for (int y = ref.tm_year - 1; y <= ref.tm_year + 1; y++) {
            tm = (struct tm){.tm_year = y, .tm_mon = i, .tm_mday = day, .tm_hour = h, .tm_min = m};
            time_t t = timegm(&tm);
            if (t != (time_t)-1 &&
                (!best || llabs((long long)(t - near)) < llabs((long long)(best - near))))
                best = t;
        }
    }
    return best;
}

/* The text between open and close after *p, advancing *p past close. */
static char *between(const char **p, const char *open, const char *close)
{
    const char *a = strstr(*p, open), *b;

    if (!a || !(b = strstr(a + strlen(open), close)))
        return NULL;
    *p = b + strlen(close);
    return xstrndup(a + strlen(open), (size_t)(b - a - strlen(open)));
}

/* One update per <strong>: its status, its words, its time. */
static void read_updates(struct incident *inc, const char *html, time_t near)
{
    const char *p = html ? html : "";
    char *small;

    while ((small = between(&p, "<small>", "</small>"))) {
        char *when = text_from_html(small), *status = between(&p, "<strong>", "</strong>");
        const char *end = strstr(p, "</p>");
        char *rest = xstrndup(p, end ? (size_t)(end - p) : strlen(p)), *body = text_from_html(rest);
        const char *words = body;

        while (*words == ' ' || *words == '-')
            words++;
        incident_add_update(inc, status, xstrdup(words), update_time(when, near));
        free(when);
        free(status);
        free(rest);
        free(body);
        free(small);
    }
}

/* Where the incident stands: its newest status that is not "Update". */
static const char *latest_status(const struct incident *inc)
{
    for (size_t i = 0; i < inc->nupdates; i++) {
        const char *s = inc->updates[i].status;
        if (s && level_map_find_loose(status_levels, s, LEVEL_NONE) != LEVEL_NONE)
            return s;
    }
    return NULL;
}

static void read_item(struct evb *b, const struct feed_item *it)
{
    struct incident *inc = evb_incident(b);
    time_t near = it->updated ? it->updated : it->published;
    const char *status;
    enum level level;

    inc->id = xstrdup_or_null(it->id ? it->id : it->link);
    inc->name = xstrdup(it->title ? it->title : "(untitled)");
    inc->url = xstrdup_or_null(it->link);
    inc->created_at = inc->started_at = it->published;
    inc->updated_at = near;
    read_updates(inc, it->description, near);
    status = latest_status(inc);
    level = level_map_find_loose(status_levels, status, LEVEL_UNKNOWN);
    inc->status = xstrdup_or_null(status);
    inc->open = level != LEVEL_OK;
    inc->maintenance = level == LEVEL_MAINTENANCE;
    inc->level = level == LEVEL_OK ? LEVEL_NOTICE : level;
    if (!inc->open)
        inc->resolved_at = inc->nupdates ? inc->updates[0].at : near;
}

static int statuspage_feed_parse(const char *body, size_t len, struct evidence *out, char *err,
                                 size_t errlen)
{
    struct feed f = {0};
    struct evb b = {0};

    if (feed_parse(body, len, &f, err, errlen) != 0)
        return -1;
    for (size_t i = 0; i < f.nitems; i++)
        read_item(&b, &f.items[i]);
    evb_take_feed(&b, &f);
    b.ev.quiet_is_ok = true;
    evb_finish(&b, PROVIDER_MAX_CLOSED, out);
    return 0;
}

static int statuspage_feed_sniff(const char *body, size_t len)
{
    if (sniff_first(body, len) != '<')
        return 0;
    return sniff_has(body, len, "Incident History</title>") ? 90 : 0;
}

const struct provider provider_spfeed = {
    .name = "statuspage-feed",
    .description = "Statuspage history.rss or history.atom (for pages without the JSON API)",
    .document = "a Statuspage history feed",
    .parse = statuspage_feed_parse,
    .sniff = statuspage_feed_sniff,
    .crowd = false,
    .default_interval_s = 0,
    .auth = AUTH_NONE,
};
