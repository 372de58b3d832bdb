/* The legacy AWS Service Health Dashboard RSS (status.aws.amazon.com/rss/
 * all.rss and the per-service feeds, such as ec2-ap-northeast-1.rss).
 *
 * Each item is one message about one event; its guid ends in
 * "#<service>[-<region>]_<epoch>" (a global service has no region) and its
 * title starts with what the message says: "Informational message:",
 * "Performance issue:", "Service degradation:", "Service disruption:", or
 * "Service is operating normally:", which ends the event, as does
 * "[RESOLVED]" in the title. The messages of one service and region, oldest
 * first, make its events: an event runs until a message ends it. An event
 * still running speaks for its region at the level of its latest message. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "provider_internal.h"
#include "sitrep/feed.h"
#include "sitrep/provider.h"
#include "sitrep/region.h"
#include "sitrep/timefmt.h"
#include "sitrep/xalloc.h"

static const struct {
    const char *prefix;
    const char *status;
    enum level level;
} prefixes[] = {
    {"Service is operating normally", "resolved", LEVEL_OK},
    {"Informational message", "informational", LEVEL_NOTICE},
    {"Performance issue", "performance issue", LEVEL_DEGRADED},
    {"Service degradation", "degraded", LEVEL_DEGRADED},
    {"Service disruption", "disruption", LEVEL_MAJOR},
};

#define NPREFIXES (sizeof prefixes / sizeof prefixes[0])

/* One item, read. */
struct message {
    const struct feed_item *item;
    char *key;   /* "rds-us-east-1", "billingconsole"; "" when the guid has none */
    char *title; /* without the prefix and the [RESOLVED] mark */
    int kind;    /* index into prefixes, -1 when the title has none of them */
    bool ends;   /* the message ends its event */
    time_t at;
    size_t pos;
};

static void read_guid(const char *guid, struct message *m)
{
    const char *hash = guid ? strrchr(guid, '#') : NULL;
    const char *key = hash ? hash + 1 : "";
    const char *under = strrchr(key, '_');

    time_t t;

    m->key = under ? xstrndup(key, (size_t)(under - key)) : xstrdup(key);
    if (!m->at && under && time_parse_epoch(under + 1, &t))
        m->at = t;
}

/* Drops "[RESOLVED]" wherever it is, and the blanks around the rest. */
static char *clean_title(const char *s)
{
    char *out = xstrdup(s ? s : ""), *mark, *start = out;
    size_t n;

    while ((mark = strstr(out, "[RESOLVED]")))
        memmove(mark, mark + 10, strlen(mark + 10) + 1);
    while (*start == ' ' || *start == ':')
        start++;
    n = strlen(start);
    while (n && start[n - 1] == ' ')
        n--;
    memmove(out, start, n);
    out[n] = '\0';
    return out;
}

static void read_message(const struct feed_item *it, size_t pos, struct message *m)
{
    const char *title = it->title ? it->title : "";

    memset(m, 0, sizeof *m);
    m->item = it;
    m->pos = pos;
    m->at = it->published;
    m->kind = -1;
    for (size_t k = 0; k < NPREFIXES; k++) {
        if (text_starts_with(title, prefixes[k].prefix)) {
            m->kind = (int)k;
            title += strlen(prefixes[k].prefix);
            break;
        }
    }
    m->ends = m->kind == 0 || (it->title && strstr(it->title, "[RESOLVED]"));
    m->title = clean_title(title);
    read_guid(it->id, m);
}

/* By key, then oldest first, then document order (the newest first in
 * the feed, so a tie keeps the later message last). */
static int message_cmp(const void *a, const void *b)
{
    const struct message *x = a, *y = b;
    int c = strcmp(x->key, y->key);

    if (c)
        return c;
    if (x->at != y->at)
        return x->at < y->at ? -1 : 1;
    return (x->pos < y->pos) - (x->pos > y->pos);
}

static enum level message_level(const struct message *m)
{
    return m->kind < 0 ? LEVEL_UNKNOWN : prefixes[m->kind].level;
}

/* Starts the event that m opens (or ends alone). */
static struct incident *start_event(struct evb *b, const struct message *m)
{
    struct incident *inc = evb_incident(b);
    const char *region = aws_region_suffix(m->key);

    inc->id = xasprintf("%s_%lld", m->key, (long long)m->at);
    inc->started_at = inc->created_at = m->at;
    inc->level = LEVEL_NONE;
    if (region)
        incident_add_location(inc, region, region_find(region));
    return inc;
}

/* An ended event keeps the worst level its messages gave (at least a
 * notice: it was news). */
static enum level worst_reached(const struct incident *inc)
{
    enum level worst = LEVEL_NOTICE;

    for (size_t i = 0; i < inc->nupdates; i++) {
        for (size_t k = 1; inc->updates[i].status && k < NPREFIXES; k++) {
            if (strcmp(inc->updates[i].status, prefixes[k].status) == 0)
                worst = level_worst(worst, prefixes[k].level);
        }
    }
    return worst;
}

/* Adds m to the event inc: its latest word sets the status and title. */
static void add_message(struct incident *inc, const struct message *m)
{
    enum level level = message_level(m);

    incident_add_update(inc, m->kind < 0 ? NULL : prefixes[m->kind].status,
                        text_from_html(m->item->description), m->at);
    free(inc->name);
    inc->name = xstrdup(*m->title ? m->title : m->key);
    free(inc->status);
    inc->status = xstrdup(m->ends       ? "resolved"
                          : m->kind < 0 ? "unknown"
                                        : prefixes[m->kind].status);
    inc->updated_at = m->at;
    inc->open = !m->ends;
    inc->level = level;
    if (m->ends) {
        inc->resolved_at = m->at;
        inc->level = worst_reached(inc);
    }
}

static void add_open_component(struct evb *b, size_t at, const char *key)
{
    const char *region = aws_region_suffix(key);
    char *service = region ? xstrndup(key, (size_t)(region - key - 1)) : xstrdup(key);
    struct component *c = evb_component(b, key, service, b->ev.incidents[at].level);

    if (region && !c->group_id) {
        c->group_id = xstrdup(region);
        c->group_name = xstrdup(region);
        c->region = region_find(region);
    }
    incident_add_component(&b->ev.incidents[at], key);
    free(service);
}

/* Walks the messages of each key, oldest first, into events. A message
 * that ends an event nobody opened joins the event before it when it
 * repeats its title ("operating normally" twice), else stands alone. */
static void build_events(struct evb *b, struct message *msgs, size_t n)
{
    size_t current = SIZE_MAX, last = SIZE_MAX;

    for (size_t i = 0; i < n; i++) {
        const struct message *m = &msgs[i];
        if (i > 0 && strcmp(m->key, msgs[i - 1].key) != 0)
            current = last = SIZE_MAX;
        if (current == SIZE_MAX && m->ends && last != SIZE_MAX &&
            strcmp(b->ev.incidents[last].name, *m->title ? m->title : m->key) == 0)
            current = last;
        if (current == SIZE_MAX) {
            start_event(b, m);
            current = b->ev.nincidents - 1;
        }
        add_message(&b->ev.incidents[current], m);
        last = current;
        if (m->ends)
            current = SIZE_MAX;
    }
    for (size_t i = 0; i < b->ev.nincidents; i++) {
        if (b->ev.incidents[i].open) {
            char *key = xstrdup(b->ev.incidents[i].id);
            *strrchr(key, '_') = '\0';
            if (*key)
                add_open_component(b, i, key);
            free(key);
        }
    }
}

static int aws_rss_parse(const char *body, size_t len, struct evidence *out, char *err,
                         size_t errlen)
{
    struct feed f = {0};
    struct message *msgs;
    struct evb b = {0};

    if (feed_parse(body, len, &f, err, errlen) != 0)
        return -1;
    if (f.kind != FEED_RSS) {
        feed_free(&f);
        return provider_fail(err, errlen, "an Atom feed, not the AWS RSS");
    }
    msgs = xcalloc(f.nitems ? f.nitems : 1, sizeof *msgs);
    for (size_t i = 0; i < f.nitems; i++)
        read_message(&f.items[i], i, &msgs[i]);
    qsort(msgs, f.nitems, sizeof *msgs, message_cmp);
    build_events(&b, msgs, f.nitems);
    for (size_t i = 0; i < f.nitems; i++) {
        free(msgs[i].key);
        free(msgs[i].title);
    }
    free(msgs);
    evb_take_feed(&b, &f);
    b.ev.quiet_is_ok = true;
    evb_finish(&b, PROVIDER_MAX_CLOSED, out);
    return 0;
}

static int aws_rss_sniff(const char *body, size_t len)
{
    if (sniff_first(body, len) != '<' || !sniff_has(body, len, "<rss"))
        return 0;
    if (sniff_has(body, len, "AWS Service Health Dashboard") ||
        sniff_has(body, len, "status.aws.amazon.com"))
        return 90;
    return 0;
}

const struct provider provider_aws_rss = {
    .name = "aws-rss",
    .description = "AWS Service Health Dashboard RSS, the legacy feeds (regions from guids)",
    .document = "an AWS status RSS feed",
    .parse = aws_rss_parse,
    .sniff = aws_rss_sniff,
    .crowd = false,
    .default_interval_s = 120,
    .auth = AUTH_NONE,
};
