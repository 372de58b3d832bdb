/* Webhook delivery (see webhook.h): a queue sent in order, one delivery in
 * flight at a time, the head retried with backoff. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/sanitize.h"
#include "sitrep/webhook.h"
#include "sitrep/xalloc.h"

/* Waits before the 2nd .. 5th attempt. */
static const int backoff_s[WEBHOOK_ATTEMPTS - 1] = {10, 60, 300, 900};

/* A delivery the sender never answered (the engine was replaced): after
 * this long it is tried again. */
#define LOST_S 120

struct item {
    char *body, *summary;
    int attempts;
    time_t next_at;
};

struct webhook {
    char *url;
    char host[128];
    struct item q[WEBHOOK_QUEUE];
    size_t n;
    bool in_flight;
    time_t flight_since, now;
    char message[600];
    bool has_message;
};

/* The URL's host, the only part of it ever shown. */
static void url_host(const char *url, char *out, size_t outlen)
{
    const char *h = strstr(url, "://");
    size_t n;

    h = h ? h + 3 : url;
    if (strchr(h, '@') && strchr(h, '@') < h + strcspn(h, "/?#"))
        h = strchr(h, '@') + 1; /* userinfo is a secret too */
    n = strcspn(h, "/?#");
    snprintf(out, outlen, "%.*s", (int)(n < outlen ? n : outlen - 1), h);
}

struct webhook *webhook_new(const char *url)
{
    struct webhook *w = xcalloc(1, sizeof *w);

    w->url = xstrdup(url);
    url_host(url, w->host, sizeof w->host);
    return w;
}

static void item_free(struct item *it)
{
    free(it->body);
    free(it->summary);
}

static void drop_head(struct webhook *w)
{
    item_free(&w->q[0]);
    memmove(&w->q[0], &w->q[1], (w->n - 1) * sizeof w->q[0]);
    w->n--;
}

void webhook_free(struct webhook *w)
{
    if (!w)
        return;
    for (size_t i = 0; i < w->n; i++)
        item_free(&w->q[i]);
    free(w->url);
    free(w);
}

static void say(struct webhook *w, const char *what, const char *summary)
{
    char *clean = sanitize_str(summary ? summary : "", 200, SAN_ELLIPSIS);

    snprintf(w->message, sizeof w->message, "webhook to %s: %s: %s", w->host, what, clean);
    w->has_message = true;
    free(clean);
}

void webhook_set_url(struct webhook *w, const char *url)
{
    free(w->url);
    w->url = xstrdup(url);
    url_host(url, w->host, sizeof w->host);
}

void webhook_queue(struct webhook *w, const char *body, const char *summary, time_t now)
{
    if (w->n == WEBHOOK_QUEUE) {
        /* the oldest that is not on its way goes */
        size_t k = w->in_flight ? 1 : 0;
        say(w, "queue full, an older alert dropped", w->q[k].summary);
        item_free(&w->q[k]);
        memmove(&w->q[k], &w->q[k + 1], (w->n - k - 1) * sizeof w->q[0]);
        w->n--;
    }
    w->q[w->n++] =
        (struct item){.body = xstrdup(body), .summary = xstrdup(summary), .next_at = now};
}

static void on_done(void *user, const struct fetch_result *res)
{
    struct webhook *w = user;
    struct item *it = &w->q[0];
    char what[200];

    w->in_flight = false;
    if (w->n == 0)
        return;
    it->attempts++;
    if (res->ok) {
        snprintf(what, sizeof what, "delivered (HTTP %ld)", res->http_status);
        say(w, what, it->summary);
        drop_head(w);
    } else if (it->attempts >= WEBHOOK_ATTEMPTS) {
        snprintf(what, sizeof what, "given up after %d attempts (%s)", it->attempts,
                 res->error ? res->error : "failed");
        say(w, what, it->summary);
        drop_head(w);
    } else {
        int wait = backoff_s[it->attempts - 1];
        snprintf(what, sizeof what, "attempt %d failed (%s), again in %ds", it->attempts,
                 res->error ? res->error : "failed", wait);
        say(w, what, it->summary);
        it->next_at = w->now + wait;
    }
}

void webhook_pump(struct webhook *w, time_t now, webhook_post_fn post, void *sender)
{
    char err[256];

    w->now = now;
    if (w->in_flight && now - w->flight_since < LOST_S)
        return;
    w->in_flight = false;
    if (w->n == 0 || w->q[0].next_at > now)
        return;
    if (post(sender, w->url, w->q[0].body, strlen(w->q[0].body), on_done, w, err, sizeof err) !=
        0) {
        struct fetch_result res = {.ok = false, .error = err};
        on_done(w, &res);
        return;
    }
    w->in_flight = true;
    w->flight_since = now;
}

size_t webhook_pending(const struct webhook *w)
{
    return w->n;
}

bool webhook_take_message(struct webhook *w, char *out, size_t outlen)
{
    if (!w->has_message)
        return false;
    snprintf(out, outlen, "%s", w->message);
    w->has_message = false;
    return true;
}
