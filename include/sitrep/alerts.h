/* Alerts on change: the bell, a desktop notification and the user's
 * on-change command when a service's level, or the level of one of its
 * cells, changes — once per transition, never once per poll.
 *
 * A transition is a change of a level the dashboard shows, so crowd levels
 * come with the crowd detector's own hysteresis (crowd.h). The first state
 * of a service (until every one of its sources has answered once) is not
 * news, nor is evidence appearing or vanishing while all is fine (none <->
 * ok). Everything else is: a problem starting, growing, shrinking or
 * ending, and unknown (a source failing for too long) coming or going.
 *
 * Quiet interval: after an alert, a service stays quiet for quiet_s. What
 * changes in that time is held; when it ends, one alert says the net change
 * since the last one, and none when the level went back to what was last
 * announced (a flap). Coalescing: changes seen within gather_s of each
 * other make one batch — one bell and one notification for the batch, one
 * command run per service in it, each with that service's change.
 *
 * The command is the user's own text, run as /bin/sh -c CMD; what changed,
 * remote text included, reaches it only through environment variables,
 * each one line, sanitized and bounded (sanitize.h):
 *   SITREP_SERVICE        the service id         SITREP_SERVICE_NAME  its name
 *   SITREP_OLD_LEVEL      level before            SITREP_NEW_LEVEL     level now
 *   SITREP_REGION         the columns that changed, space-separated ("ALL EU FR")
 *   SITREP_CHANGES        each of them as CODE:OLD>NEW ("ALL:ok>major EU:ok>major"),
 *                         NEW followed by "?" where it only possibly holds
 *   SITREP_POSSIBLE       those columns as CODE:NAMED ("FR:EU"): the wider region the
 *                         evidence named; empty when every change is certain
 *   SITREP_EVIDENCE       official, crowd, both or none, behind the new level
 *   SITREP_TIME           when the change happened, as the grid dates it (the earliest
 *                         "since" of what changed), ISO 8601 UTC
 *   SITREP_TITLE          the worst open incident's title, or empty
 *   SITREP_SUMMARY        the alert in words ("Callr: major in ALL EU (was ok); possibly
 *                         major in FR (reported for EU) (was ok)")
 * OLD and NEW are the service's level when it changed, else those of the
 * worst change among its cells. Its standard input, output and error are
 * /dev/null (nothing it prints can reach the dashboard); it runs in a
 * process group of its own, at most ALERTS_MAX_HOOKS at once (more are
 * skipped, and said), and is killed after ALERTS_HOOK_TIMEOUT seconds.
 * Nothing waits for it: alerts_fire() reaps what has finished.
 *
 * With a webhook, each announcement is also POSTed as JSON (webhook.h):
 * {"text", "title", "message", "service", "service_name", "old_level",
 * "new_level", "evidence", "time", "incident_title", "changes": [{"column",
 * "from", "to", "possible", "reported_for"}]}.
 *
 * Every time is the caller's clock (the injected one). */
#ifndef SITREP_ALERTS_H
#define SITREP_ALERTS_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "sitrep/config.h"
#include "sitrep/snapshot.h"

#define ALERTS_LOG_MAX      20 /* changes kept per service for the detail pane */
#define ALERTS_MAX_HOOKS    4  /* on-change commands running at once */
#define ALERTS_HOOK_TIMEOUT 60 /* seconds a command may run */
#define ALERTS_GATHER_S     2  /* the program's gather_s */

/* What the tests put in place of the terminal and of posix_spawn. Any
 * member may be NULL: that action then goes to the terminal (bell,
 * notify) or runs for real (hook). */
struct alert_sink {
    void (*bell)(void *ctx);
    /* title and body sanitized already */
    void (*notify)(void *ctx, const char *title, const char *body);
    /* env: the SITREP_* variables only, "NAME=value", NULL-terminated */
    void (*hook)(void *ctx, const char *cmd, char *const *env);
    void *ctx;
};

struct alert_opts {
    int quiet_s;                   /* a service stays quiet this long after an alert */
    int gather_s;                  /* changes this close together make one batch */
    bool bell;                     /* ring the bell once per batch */
    enum notify_mode notify;       /* NOTIFY_AUTO: alerts_notify_auto(NULL) decides */
    const char *on_change;         /* the command (copied); NULL or "": none */
    const char *webhook;           /* URL each announcement is POSTed to; NULL: none */
    bool ascii;                    /* notifications and variables in ASCII only */
    const struct alert_sink *sink; /* NULL: the terminal and posix_spawn */
};

struct alerts;
struct term;

struct alerts *alerts_new(const struct alert_opts *opts);
/* New settings (after the config was read again); what was announced, the
 * quiet intervals and the log stay. */
void alerts_configure(struct alerts *a, const struct alert_opts *opts);
/* Forgets the state and leaves running commands alone. Safe on NULL. */
void alerts_free(struct alerts *a);

/* Compares a live snapshot (never a past one) with what was last
 * announced. A change of the grid's columns is not news: every service
 * then starts afresh, silently. Returns how many services have a change
 * waiting to be announced. */
size_t alerts_observe(struct alerts *a, const struct snapshot *snap, time_t now);

/* Announces the batch that is due, if any: the bell, the notification
 * (both to t, which may be NULL in line mode: then only the sink gets
 * them) and a command per service. Reaps finished commands and kills
 * overdue ones. Call it after each alerts_observe() and on every tick, so
 * held changes go out when their quiet interval ends. Returns how many
 * services it announced. */
size_t alerts_fire(struct alerts *a, struct term *t, time_t now);

/* Webhook deliveries: starts the one that is due through post (the
 * engine's sender); its outcome comes back as a message. Call it on every
 * tick. */
#include "sitrep/webhook.h"
void alerts_deliver(struct alerts *a, time_t now, webhook_post_fn post, void *sender);

/* On-change commands still running. */
size_t alerts_running(const struct alerts *a);

/* The latest thing to tell the user ("alert: Callr: major in ALL EU (was
 * ok)", "on-change command for Callr exited with status 2"), once: copies
 * it to out and returns true when there is a new one. Sanitized. */
bool alerts_take_message(struct alerts *a, char *out, size_t outlen);

/* Copies each service's change log (newest first) into the snapshot's
 * snap_service.changes, replacing what was there; a past snapshot
 * (past_at) gets only the changes announced by then. */
void alerts_annotate(const struct alerts *a, struct snapshot *snap);
/* The same for the n services svc of snap only (those an in-place update
 * copied anew: the others keep the log they were given). */
void alerts_annotate_some(const struct alerts *a, struct snapshot *snap, const size_t *svc,
                          size_t n);

/* NOTIFY_OSC9, NOTIFY_OSC777 or NOTIFY_OFF for the terminal the
 * environment names (get is getenv, or a stand-in for tests; NULL:
 * getenv): OSC 777 for foot, urxvt and VTE terminals, OSC 9 for iTerm2,
 * WezTerm, kitty and Ghostty, nothing for the rest, whose handling of
 * either is unknown. Inside tmux the variables the tmux server was started
 * with still name the terminal outside. */
enum notify_mode alerts_notify_auto(char *(*get)(const char *name));

#endif
