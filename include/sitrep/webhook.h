/* Webhook delivery of alerts: each announcement as a JSON POST to the URL
 * the config names (`webhook = URL`), retried with backoff (10 s, 1 min,
 * 5 min, 15 min) until the receiver answers 2xx or five attempts failed,
 * each outcome said in one line. The body carries "text" (what Slack's and
 * Matrix bridges' incoming webhooks show), "title" and "message" (ntfy's
 * JSON fields) and the change in fields (docs/alerts.md).
 *
 * The URL is a secret (Slack's are): lines name only its host. Sending
 * goes through a function the caller gives (the engine's fetcher), so this
 * module stays plain data and time. */
#ifndef SITREP_WEBHOOK_H
#define SITREP_WEBHOOK_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "sitrep/fetch.h"

#define WEBHOOK_ATTEMPTS 5
#define WEBHOOK_QUEUE    64 /* deliveries waiting at most; the oldest goes */

struct webhook;

/* A sender: starts a POST of body to url and calls done(ctx, result) once
 * it ends. Returns 0, or -1 with err set (then done is never called). */
typedef int (*webhook_post_fn)(void *sender, const char *url, const char *body, size_t len,
                               fetch_done_fn done, void *ctx, char *err, size_t errlen);

struct webhook *webhook_new(const char *url);
/* Frees it and what is queued. A delivery in flight must not end after
 * this: free the sender (which drops its transfers unanswered) first. */
void webhook_free(struct webhook *w);

/* Delivers to url from now on (what is queued included). */
void webhook_set_url(struct webhook *w, const char *url);

/* Queues body (copied) for delivery now; summary (copied) names it in the
 * lines said about it. */
void webhook_queue(struct webhook *w, const char *body, const char *summary, time_t now);

/* Starts the delivery that is due, one at a time. */
void webhook_pump(struct webhook *w, time_t now, webhook_post_fn post, void *sender);

/* Deliveries waiting or in flight. */
size_t webhook_pending(const struct webhook *w);

/* The latest outcome to tell the user, once ("webhook to hooks.slack.com:
 * delivered (HTTP 200): Callr: major in EU (was ok)"). */
bool webhook_take_message(struct webhook *w, char *out, size_t outlen);

#endif
