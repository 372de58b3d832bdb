/* Webhook delivery on a fake sender and clock: in order, one at a time,
 * retried with backoff, given up after five attempts, each outcome said in
 * a line that names the host and never the URL's secrets. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/webhook.h"
#include "sitrep/xalloc.h"
#include "tap.h"

#define T0 1795348800

struct sender {
    int posts;
    char *last_url, *last_body;
    fetch_done_fn done;
    void *ctx;
    bool refuse;
};

static int fake_post(void *sender, const char *url, const char *body, size_t len,
                     fetch_done_fn done, void *ctx, char *err, size_t errlen)
{
    struct sender *s = sender;

    if (s->refuse) {
        snprintf(err, errlen, "refused");
        return -1;
    }
    s->posts++;
    free(s->last_url);
    free(s->last_body);
    s->last_url = xstrdup(url);
    s->last_body = xstrndup(body, len);
    s->done = done;
    s->ctx = ctx;
    return 0;
}

/* The fake transfer ends with an HTTP status (0: no answer). */
static void answer(struct sender *s, long status)
{
    struct fetch_result r = {.ok = status >= 200 && status < 300,
                             .http_status = status,
                             .error = status ? "HTTP 500" : "Connection refused"};
    fetch_done_fn done = s->done;

    s->done = NULL;
    if (done)
        done(s->ctx, &r);
}

static void test_retry(void)
{
    struct sender s = {0};
    struct webhook *w = webhook_new("https://user:pw@hooks.example/services/T0/B0/SECRETXYZ");
    char msg[700];
    time_t t = T0;

    webhook_queue(w, "{\"text\":\"a\"}", "Callr: major in EU (was ok)", t);
    webhook_queue(w, "{\"text\":\"b\"}", "Callr: ok in EU (was major)", t);
    webhook_pump(w, t, fake_post, &s);
    is_int(s.posts, 1, "the first is sent");
    webhook_pump(w, t, fake_post, &s);
    is_int(s.posts, 1, "one at a time: nothing more while it is in flight");
    answer(&s, 500);
    ok(webhook_take_message(w, msg, sizeof msg) &&
           strcmp(msg, "webhook to hooks.example: attempt 1 failed (HTTP 500), again in 10s: "
                       "Callr: major in EU (was ok)") == 0,
       "a failure is said, with the host only (%s)", msg);
    ok(!strstr(msg, "SECRETXYZ") && !strstr(msg, "pw"), "never the path or the userinfo");
    webhook_pump(w, t + 9, fake_post, &s);
    is_int(s.posts, 1, "not before its backoff (10 s)");
    webhook_pump(w, t + 10, fake_post, &s);
    ok(s.posts == 2 && strcmp(s.last_body, "{\"text\":\"a\"}") == 0,
       "then the same alert again, before the next one");
    answer(&s, 200);
    ok(webhook_take_message(w, msg, sizeof msg) &&
           strstr(msg, "delivered (HTTP 200): Callr: major in EU") != NULL,
       "its delivery is said (%s)", msg);
    webhook_pump(w, t + 10, fake_post, &s);
    ok(s.posts == 3 && strcmp(s.last_body, "{\"text\":\"b\"}") == 0, "then the next, in order");
    answer(&s, 200);
    is_int(webhook_pending(w), 0, "nothing left");
    webhook_free(w);
    free(s.last_url);
    free(s.last_body);
}

static void test_give_up(void)
{
    struct sender s = {0};
    struct webhook *w = webhook_new("http://127.0.0.1:9/hook");
    static const int waits[] = {10, 60, 300, 900};
    char msg[700];
    time_t t = T0;

    webhook_queue(w, "{}", "X: major (was ok)", t);
    webhook_pump(w, t, fake_post, &s);
    answer(&s, 0);
    for (int i = 0; i < 4; i++) {
        t += waits[i];
        webhook_pump(w, t - 1, fake_post, &s);
        webhook_pump(w, t, fake_post, &s);
        answer(&s, 0);
    }
    is_int(s.posts, 5, "five attempts, after 10 s, 1 min, 5 min and 15 min");
    ok(webhook_take_message(w, msg, sizeof msg) &&
           strstr(msg, "given up after 5 attempts (Connection refused)") != NULL,
       "then it is given up, and said (%s)", msg);
    is_int(webhook_pending(w), 0, "and dropped");
    s.refuse = true;
    webhook_queue(w, "{}", "Y", t);
    webhook_pump(w, t, fake_post, &s);
    ok(webhook_take_message(w, msg, sizeof msg) && strstr(msg, "attempt 1 failed (refused)"),
       "a sender that refuses counts as a failed attempt");
    webhook_free(w);
    free(s.last_url);
    free(s.last_body);
}

static void test_queue_bound(void)
{
    struct sender s = {0};
    struct webhook *w = webhook_new("http://h/");
    char body[32], msg[700];

    for (int i = 0; i < WEBHOOK_QUEUE + 3; i++) {
        snprintf(body, sizeof body, "{\"n\":%d}", i);
        webhook_queue(w, body, body, T0);
    }
    is_int(webhook_pending(w), WEBHOOK_QUEUE, "the queue is bounded");
    ok(webhook_take_message(w, msg, sizeof msg) && strstr(msg, "queue full"),
       "and says when it drops one");
    webhook_pump(w, T0, fake_post, &s);
    ok(s.last_body && strcmp(s.last_body, "{\"n\":3}") == 0, "the oldest went first");
    answer(&s, 200);
    webhook_free(w);
    free(s.last_url);
    free(s.last_body);
}

int main(void)
{
    test_retry();
    test_give_up();
    test_queue_bound();
    return tap_done();
}
