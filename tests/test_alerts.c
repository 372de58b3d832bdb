/* Alerts on change: one announcement per transition, none for the first
 * poll or while a level flaps inside the quiet interval, the net change
 * once it ends; cells and services changing together coalesce into one
 * bell and one notification with one command per service; hostile remote
 * text reaches the command's environment and the notification sanitized;
 * real commands run with /dev/null for output, are reaped and capped; the
 * change log reaches snapshots. Snapshots are built by hand (levels written
 * as level_letter()s) and, once, through the model from real captures. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sitrep/alerts.h"
#include "sitrep/model.h"
#include "sitrep/sanitize.h"
#include "sitrep/term.h"
#include "sitrep/xalloc.h"
#include "tap.h"
#include "testutil.h"

#define T0    1795348800 /* 2026-11-22T12:00:00Z */
#define QUIET 120
#define NCOLS 6

static const char *const columns[NCOLS] = {"ALL", "EU", "FR", "IT", "US", "JP"};

/* ---- what the alerts did ----------------------------------------------------- */

#define MAX_CALLS 16

struct capture {
    int bells, notes, hooks;
    char *title, *body; /* of the latest notification */
    char **env[MAX_CALLS];
};

static void cap_bell(void *ctx)
{
    ((struct capture *)ctx)->bells++;
}

static void cap_notify(void *ctx, const char *title, const char *body)
{
    struct capture *c = ctx;

    c->notes++;
    free(c->title);
    free(c->body);
    c->title = xstrdup(title);
    c->body = xstrdup(body);
}

static void cap_hook(void *ctx, const char *cmd, char *const *env)
{
    struct capture *c = ctx;
    size_t n = 0;

    (void)cmd;
    if (c->hooks == MAX_CALLS)
        return;
    while (env[n])
        n++;
    char **copy = xcalloc(n + 1, sizeof *copy);
    for (size_t i = 0; i < n; i++)
        copy[i] = xstrdup(env[i]);
    c->env[c->hooks++] = copy;
}

static void cap_free(struct capture *c)
{
    for (int i = 0; i < c->hooks; i++) {
        for (char **e = c->env[i]; *e; e++)
            free(*e);
        free(c->env[i]);
    }
    free(c->title);
    free(c->body);
    memset(c, 0, sizeof *c);
}

/* The value of a variable the index-th command got, NULL when missing. */
static const char *env_of(const struct capture *c, int index, const char *name)
{
    size_t n = strlen(name);

    if (index >= c->hooks)
        return NULL;
    for (char **e = c->env[index]; *e; e++) {
        if (strncmp(*e, name, n) == 0 && (*e)[n] == '=')
            return *e + n + 1;
    }
    return NULL;
}

static struct alerts *new_alerts(struct capture *c, struct alert_sink *sink, const char *cmd)
{
    struct alert_opts o = {.quiet_s = QUIET,
                           .gather_s = 2,
                           .bell = true,
                           .notify = NOTIFY_OSC777,
                           .on_change = cmd,
                           .sink = sink};

    memset(c, 0, sizeof *c);
    *sink = (struct alert_sink){cap_bell, cap_notify, cap_hook, c};
    return alerts_new(&o);
}

/* ---- snapshots by hand ----------------------------------------------------------- */

static enum level from_letter(char ch)
{
    for (int l = 0; l < LEVEL_COUNT; l++) {
        if (level_letter((enum level)l) == ch)
            return (enum level)l;
    }
    printf("Bail out! no level '%c'\n", ch);
    exit(1);
}

static struct snapshot *snap_new(size_t n)
{
    struct snapshot *snap = xcalloc(1, sizeof *snap);

    snap->ncolumns = NCOLS;
    snap->columns = xcalloc(NCOLS, sizeof *snap->columns);
    for (size_t c = 0; c < NCOLS; c++)
        snap->columns[c] = region_find(columns[c]);
    snap->nservices = n;
    snap->services = xcalloc(n, sizeof *snap->services);
    for (size_t i = 0; i < n; i++) {
        struct snap_service *s = &snap->services[i];
        s->id = xasprintf("svc%zu", i);
        s->name = xasprintf("Service %zu", i);
        s->cells = xcalloc(NCOLS, sizeof *s->cells);
        s->sources = xcalloc(1, sizeof *s->sources);
        s->nsources = 1;
        s->sources[0].id = xstrdup("status");
        s->sources[0].health = HEALTH_OK;
        s->sources[0].ok = true;
    }
    return snap;
}

/* Service i at level `level`, its cells as letters ("ooMMoo"), all
 * official. */
static void set(struct snapshot *snap, size_t i, char level, const char *cells)
{
    struct snap_service *s = &snap->services[i];

    s->level = from_letter(level);
    for (size_t c = 0; c < NCOLS; c++) {
        s->cells[c].level = from_letter(cells[c]);
        s->cells[c].evidence = s->cells[c].level == LEVEL_NONE ? 0 : EVIDENCE_OFFICIAL;
    }
}

/* A snapshot of n services, all at level `level` with cells `cells`. */
static struct snapshot *snap_all(size_t n, char level, const char *cells)
{
    struct snapshot *snap = snap_new(n);

    for (size_t i = 0; i < n; i++)
        set(snap, i, level, cells);
    return snap;
}

static void add_incident(struct snap_service *s, const char *title, enum level level)
{
    s->incidents = xreallocarray(s->incidents, s->nincidents + 1, sizeof *s->incidents);
    struct snap_incident *inc = &s->incidents[s->nincidents++];
    memset(inc, 0, sizeof *inc);
    inc->id = xstrdup("i1");
    inc->title = xstrdup(title);
    inc->level = level;
    inc->open = true;
}

/* A snapshot of services svc<first> ... svc<first + n - 1>, all ok, with
 * the columns codes[0..ncols): what a reload brings. */
static struct snapshot *snap_reload(size_t first, size_t n, const char *const *codes, size_t ncols)
{
    struct snapshot *snap = snap_new(n);

    snap->ncolumns = ncols;
    snap->columns = xreallocarray(snap->columns, ncols, sizeof *snap->columns);
    for (size_t c = 0; c < ncols; c++)
        snap->columns[c] = region_find(codes[c]);
    for (size_t i = 0; i < n; i++) {
        struct snap_service *s = &snap->services[i];
        free(s->id);
        free(s->name);
        s->id = xasprintf("svc%zu", first + i);
        s->name = xasprintf("Service %zu", first + i);
        s->level = LEVEL_OK;
        s->cells = xreallocarray(s->cells, ncols, sizeof *s->cells);
        memset(s->cells, 0, ncols * sizeof *s->cells);
        for (size_t c = 0; c < ncols; c++) {
            s->cells[c].level = LEVEL_OK;
            s->cells[c].evidence = EVIDENCE_OFFICIAL;
        }
    }
    return snap;
}

/* Service i's cell in column c at level l (and the service with it). */
static void set_cell(struct snapshot *snap, size_t i, size_t c, char l)
{
    struct snap_service *s = &snap->services[i];

    s->cells[c].level = from_letter(l);
    if (s->cells[c].level > s->level)
        s->level = s->cells[c].level;
}

/* Observes a snapshot (then frees it) and fires at the same moment. */
static size_t step(struct alerts *a, struct snapshot *snap, time_t now)
{
    alerts_observe(a, snap, now);
    snapshot_free(snap);
    return alerts_fire(a, NULL, now);
}

/* ---- tests --------------------------------------------------------------------------- */

static void test_first_poll(void)
{
    struct capture c;
    struct alert_sink sink;
    struct alerts *a = new_alerts(&c, &sink, "true");
    struct snapshot *snap = snap_all(1, '.', "......");

    snap->services[0].sources[0].health = HEALTH_PENDING;
    step(a, snap, T0);
    /* The first answer: a major outage already under way is the state we
     * start from, not a change. */
    size_t n = step(a, snap_all(1, 'M', "MMMooo"), T0 + 5);
    n += alerts_fire(a, NULL, T0 + 60);
    is_int(n, 0, "the first poll announces nothing, even a major outage");
    is_int(c.bells + c.notes + c.hooks, 0, "no bell, notification or command for it");
    step(a, snap_all(1, 'M', "MMM..."), T0 + 70);
    n = alerts_fire(a, NULL, T0 + 100);
    is_int(n, 0, "evidence vanishing from fine cells (ok -> none) is no news");
    alerts_free(a);
    cap_free(&c);
}

static void test_one_transition(void)
{
    struct capture c;
    struct alert_sink sink;
    struct alerts *a = new_alerts(&c, &sink, "true");
    char msg[512];

    step(a, snap_all(1, 'o', "oooooo"), T0);
    is_int(step(a, snap_all(1, 'M', "MMMooo"), T0 + 60), 0, "a change waits for the gather window");
    is_int(alerts_fire(a, NULL, T0 + 61), 0, "... still inside it one second later");
    is_int(alerts_fire(a, NULL, T0 + 62), 1, "then it is announced");
    is_int(c.bells, 1, "one bell");
    is_int(c.notes, 1, "one notification");
    is_int(c.hooks, 1, "one command run");
    is_str(env_of(&c, 0, "SITREP_SERVICE"), "svc0", "SITREP_SERVICE is the id");
    is_str(env_of(&c, 0, "SITREP_SERVICE_NAME"), "Service 0", "SITREP_SERVICE_NAME its name");
    is_str(env_of(&c, 0, "SITREP_OLD_LEVEL"), "ok", "SITREP_OLD_LEVEL");
    is_str(env_of(&c, 0, "SITREP_NEW_LEVEL"), "major", "SITREP_NEW_LEVEL");
    is_str(env_of(&c, 0, "SITREP_REGION"), "ALL EU FR", "SITREP_REGION lists the columns");
    is_str(env_of(&c, 0, "SITREP_CHANGES"), "ALL:ok>major EU:ok>major FR:ok>major",
           "SITREP_CHANGES says each");
    is_str(env_of(&c, 0, "SITREP_EVIDENCE"), "official", "SITREP_EVIDENCE");
    is_str(env_of(&c, 0, "SITREP_TIME"), "2026-11-22T12:01:00Z",
           "SITREP_TIME: when it was first seen, in UTC");
    is_str(env_of(&c, 0, "SITREP_SUMMARY"), "Service 0: major in ALL EU FR (was ok)",
           "SITREP_SUMMARY");
    is_str(env_of(&c, 0, "SITREP_TITLE"), "", "SITREP_TITLE empty without an incident");
    is_str(c.title, "sitrep: Service 0 major", "the notification's title");
    is_str(c.body, "Service 0: major in ALL EU FR (was ok)", "and its body");
    ok(alerts_take_message(a, msg, sizeof msg) &&
           strcmp(msg, "alert: Service 0: major in ALL EU FR (was ok)") == 0,
       "the status line is told (%s)", msg);
    ok(!alerts_take_message(a, msg, sizeof msg), "once");
    /* the same state again and again: nothing */
    for (int i = 1; i <= 10; i++)
        step(a, snap_all(1, 'M', "MMMooo"), T0 + 62 + i * 60);
    is_int(c.bells, 1, "polls that change nothing ring nothing");
    alerts_free(a);
    cap_free(&c);
}

/* Evidence about a wider region (an EU incident) counted in the FR and IT
 * columns stays "possible" in every word the alerts say. */
static void test_possible(void)
{
    struct capture c;
    struct alert_sink sink;
    struct alerts *a = new_alerts(&c, &sink, "true");
    struct snapshot *snap;

    step(a, snap_all(1, 'o', "oooooo"), T0);
    snap = snap_all(1, 'M', "MMMMoo");
    for (size_t col = 2; col <= 3; col++) { /* FR, IT */
        snap->services[0].cells[col].possible = true;
        snap->services[0].cells[col].possible_region = region_find("EU");
    }
    step(a, snap, T0 + 60);
    alerts_fire(a, NULL, T0 + 62);
    is_str(env_of(&c, 0, "SITREP_SUMMARY"),
           "Service 0: major in ALL EU (was ok); possibly major in FR IT (reported for EU) "
           "(was ok)",
           "the summary keeps 'possibly' and the region the evidence named");
    is_str(env_of(&c, 0, "SITREP_CHANGES"), "ALL:ok>major EU:ok>major FR:ok>major? IT:ok>major?",
           "SITREP_CHANGES marks the possible columns");
    is_str(env_of(&c, 0, "SITREP_POSSIBLE"), "FR:EU IT:EU",
           "SITREP_POSSIBLE names the wider region behind each");
    ok(c.body && strstr(c.body, "possibly major in FR IT (reported for EU)"),
       "and so does the notification (%s)", c.body ? c.body : "");
    alerts_free(a);
    cap_free(&c);

    /* Only possible: the headline says so too. */
    a = new_alerts(&c, &sink, "true");
    step(a, snap_all(1, 'o', "oooooo"), T0);
    snap = snap_all(1, 'o', "ooMooo");
    snap->services[0].cells[2].possible = true;
    snap->services[0].cells[2].possible_region = region_find("EU");
    step(a, snap, T0 + 60);
    alerts_fire(a, NULL, T0 + 62);
    is_str(c.title, "sitrep: Service 0 possibly major", "a title with only a possible change");
    is_str(env_of(&c, 0, "SITREP_POSSIBLE"), "FR:EU", "and its variable");
    alerts_free(a);
    cap_free(&c);
}

/* Crowd reports rising are an early warning, never an alert; an official
 * notice is news. */
static void test_rising_is_no_alert(void)
{
    struct capture c;
    struct alert_sink sink;
    struct alerts *a = new_alerts(&c, &sink, "true");
    struct snapshot *snap;

    step(a, snap_all(1, 'o', "oooooo"), T0);
    snap = snap_all(1, 'n', "nnnooo");
    for (size_t col = 0; col < 3; col++)
        snap->services[0].cells[col].evidence = EVIDENCE_CROWD;
    snap->services[0].evidence = EVIDENCE_CROWD;
    step(a, snap, T0 + 60);
    is_int(alerts_fire(a, NULL, T0 + 120), 0, "crowd reports rising: no alert");
    step(a, snap_all(1, 'o', "oooooo"), T0 + 300);
    is_int(alerts_fire(a, NULL, T0 + 400) + (size_t)c.hooks, 0,
           "and fading before the duration rule: nothing at all");
    step(a, snap_all(1, 'n', "nnnooo"), T0 + 600); /* official evidence */
    is_int(alerts_fire(a, NULL, T0 + 700), 1, "an official notice is announced");
    alerts_free(a);
    cap_free(&c);
}

/* A change is dated as the grid dates it (the cell's since), not by when
 * the snapshot that showed it was taken: a replay at any speed, a slow
 * tick, give the same time. */
static void test_change_time(void)
{
    struct capture c;
    struct alert_sink sink;
    struct alerts *a = new_alerts(&c, &sink, "true");
    struct snapshot *snap;
    struct snapshot *log;

    step(a, snap_all(1, 'o', "oooooo"), T0);
    snap = snap_all(1, 'M', "MMMooo");
    for (size_t col = 0; col < 3; col++)
        snap->services[0].cells[col].since = T0 + 15 + (time_t)col;
    snap->services[0].since = T0 + 15;
    step(a, snap, T0 + 600); /* seen ten minutes late */
    alerts_fire(a, NULL, T0 + 602);
    is_str(env_of(&c, 0, "SITREP_TIME"), "2026-11-22T12:00:15Z",
           "SITREP_TIME is when the cells changed, not when it was noticed");
    log = snap_all(1, 'M', "MMMooo");
    alerts_annotate(a, log);
    ok(log->services[0].nchanges == 1 && log->services[0].changes[0].at == T0 + 15,
       "the change log says the same time");
    snapshot_free(log);
    alerts_free(a);
    cap_free(&c);
}

static void test_flap_and_net_change(void)
{
    struct capture c;
    struct alert_sink sink;
    struct alerts *a = new_alerts(&c, &sink, "true");
    size_t n = 0;

    step(a, snap_all(1, 'o', "oooooo"), T0);
    step(a, snap_all(1, 'M', "MMMMMM"), T0 + 10);
    is_int(alerts_fire(a, NULL, T0 + 12), 1, "ok -> major announced at once");
    /* flapping inside the quiet interval */
    for (int i = 1; i <= 8; i++)
        n += step(a, snap_all(1, i % 2 ? 'o' : 'M', i % 2 ? "oooooo" : "MMMMMM"), T0 + 12 + i * 10);
    for (time_t t = T0 + 100; t < T0 + 400; t += 5)
        n += alerts_fire(a, NULL, t);
    is_int(n, 0, "major -> ok -> major ... inside the quiet interval: nothing, then or later");
    is_int(c.bells, 1, "still one bell");
    is_int(c.hooks, 1, "still one command");
    /* a real change inside the quiet interval waits for its end */
    step(a, snap_all(1, 'M', "MMMMMM"), T0 + 400);
    step(a, snap_all(1, 'o', "oooooo"), T0 + 410);
    is_int(alerts_fire(a, NULL, T0 + 415), 1, "after a long calm a change goes out at once");
    step(a, snap_all(1, 'P', "PPoooo"), T0 + 430);
    step(a, snap_all(1, 'M', "MMoooo"), T0 + 440);
    is_int(alerts_fire(a, NULL, T0 + 500), 0, "a change inside the quiet interval is held");
    is_int(alerts_fire(a, NULL, T0 + 415 + QUIET), 1, "and announced when it ends");
    is_str(env_of(&c, 2, "SITREP_SUMMARY"), "Service 0: major in ALL EU (was ok)",
           "as the net change since the last announcement");
    is_int(c.bells, 3, "three transitions, three bells");
    alerts_free(a);
    cap_free(&c);
}

static void test_coalescing(void)
{
    struct capture c;
    struct alert_sink sink;
    struct alerts *a = new_alerts(&c, &sink, "true");
    struct snapshot *snap;

    step(a, snap_all(4, 'o', "oooooo"), T0);
    /* six cells of one service at once */
    snap = snap_all(4, 'o', "oooooo");
    set(snap, 0, 'M', "MMMMMM");
    is_int(step(a, snap, T0 + 10) + alerts_fire(a, NULL, T0 + 12), 1,
           "six cells of one service: one announcement");
    is_str(env_of(&c, 0, "SITREP_SUMMARY"), "Service 0: major in ALL EU FR IT US JP (was ok)",
           "listing them all");
    /* three services at once, cells going different ways */
    snap = snap_all(4, 'o', "oooooo");
    set(snap, 0, 'M', "MMMMMM");
    set(snap, 1, 'P', "PoPooo");
    set(snap, 2, 'd', "dddooo");
    set(snap, 3, 'M', "MoodoM");
    step(a, snap, T0 + 20);
    is_int(alerts_fire(a, NULL, T0 + 22), 3, "three services at once: three announcements");
    is_int(c.bells, 2, "with one bell");
    is_int(c.notes, 2, "and one notification");
    is_str(c.title, "sitrep: 3 services changed", "that says how many");
    is_int(c.hooks, 4, "but one command per service");
    is_str(env_of(&c, 1, "SITREP_SERVICE"), "svc1", "each with its own service");
    is_str(env_of(&c, 3, "SITREP_SERVICE"), "svc3", "...");
    is_str(env_of(&c, 3, "SITREP_SUMMARY"),
           "Service 3: major in ALL JP (was ok); degraded in IT (was ok)",
           "one service's cells going different ways: worst first");
    is_str(env_of(&c, 3, "SITREP_REGION"), "ALL JP IT", "its regions in the same order");
    is_str(env_of(&c, 3, "SITREP_OLD_LEVEL"), "ok", "its old level is the service's");
    ok(c.body && strstr(c.body, "Service 1: partial in ALL FR (was ok)") &&
           strstr(c.body, "Service 2: degraded in ALL EU FR (was ok)"),
       "the notification sums them up (%s)", c.body ? c.body : "");
    /* changes a second apart, as polls of one burst come back, coalesce */
    for (size_t k = 0; k < 3; k++) {
        snap = snap_all(4, 'o', "oooooo");
        for (size_t i = k + 1; i < 4; i++)
            set(
                snap, i, "MPdM" [i], (const char *[]) { "", "PoPooo", "dddooo", "MoodoM" }[i]);
        is_int(step(a, snap, T0 + 500 + (time_t)k), k < 2 ? 0 : 3,
               k < 2 ? "services recover a second apart: held for the gather window"
                     : "changes seen within the gather window: one batch");
    }
    is_int(c.bells, 3, "one bell for it");
    alerts_free(a);
    cap_free(&c);
}

/* ESC ] 52 (clipboard), BEL, BS, CR LF, a bidi override, C1 CSI, and 10 KB. */
static char *hostile_title(void)
{
    struct buf b = {0};

    buf_puts(&b, "Login down \x1b]52;c;ZWNobyBwd25lZA==\x07 in \xe2\x80\xae"
                 "EU\xe2\x80\xac\r\nrm -rf ~\x08\x08\xc2\x9b"
                 "2J");
    buf_repeat(&b, 'A', 10000);
    return buf_detach(&b);
}

static bool clean_text(const char *s, size_t max_bytes)
{
    if (!s || strlen(s) > max_bytes)
        return false;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20 || *p == 0x7f || (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) ||
            (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0xae || p[2] == 0xac)))
            return false;
    }
    return true;
}

static void test_hostile_title(void)
{
    struct capture c;
    struct alert_sink sink;
    struct alerts *a = new_alerts(&c, &sink, "true");
    char *title = hostile_title();
    struct snapshot *snap;

    step(a, snap_all(1, 'o', "oooooo"), T0);
    snap = snap_all(1, 'M', "MMMooo");
    add_incident(&snap->services[0], title, LEVEL_MAJOR);
    free(snap->services[0].name);
    snap->services[0].name = xstrdup("Evil\x1b[2J\x07Name");
    step(a, snap, T0 + 10);
    alerts_fire(a, NULL, T0 + 12);
    const char *v = env_of(&c, 0, "SITREP_TITLE");
    ok(v && strncmp(v, "Login down ", 11) == 0 && strstr(v, "EU") && strstr(v, "rm -rf"),
       "the hostile title reaches SITREP_TITLE (%.60s...)", v ? v : "(none)");
    ok(clean_text(v, 1024), "without control, C1 or bidi characters, under 1 KB");
    ok(clean_text(env_of(&c, 0, "SITREP_SERVICE_NAME"), 256) &&
           clean_text(env_of(&c, 0, "SITREP_SUMMARY"), 2048),
       "the name and the summary are clean too");
    ok(c.body && strstr(c.body, "Login down") && clean_text(c.body, TERM_NOTIFY_BODY_COLS * 4),
       "the notification carries it, clean and bounded");
    ok(clean_text(c.title, TERM_NOTIFY_TITLE_COLS * 4), "its title is clean");

    /* the bytes the terminal gets: only the framing escapes */
    for (int tmux = 0; tmux < 2; tmux++) {
        for (int kind = 0; kind < 2; kind++) {
            char *seq = term_notify_sequence(title, title,
                                             kind ? TERM_NOTIFY_OSC777 : TERM_NOTIFY_OSC9, tmux);
            const char *head = kind ? (tmux ? "\x1bPtmux;\x1b\x1b]777;notify;" : "\x1b]777;notify;")
                                    : (tmux ? "\x1bPtmux;\x1b\x1b]9;" : "\x1b]9;");
            const char *tail = tmux ? "\x1b\x1b\\\x1b\\" : "\x1b\\";
            size_t n = seq ? strlen(seq) : 0, h = strlen(head), t = strlen(tail);
            bool framed =
                seq && n > h + t && strncmp(seq, head, h) == 0 && strcmp(seq + n - t, tail) == 0;
            char *inner = framed ? xstrndup(seq + h, n - h - t) : NULL;
            const char *semi = inner ? strchr(inner, ';') : NULL;
            ok(framed, "OSC %s%s: framed as it should be", kind ? "777" : "9",
               tmux ? " in tmux" : "");
            ok(inner && clean_text(inner, 2048) && (kind ? semi && !strchr(semi + 1, ';') : !semi),
               "OSC %s%s: nothing inside but clean text (and OSC 777's one separator)",
               kind ? "777" : "9", tmux ? " in tmux" : "");
            free(inner);
            free(seq);
        }
    }
    char *digit = term_notify_sequence("4;1", "x", TERM_NOTIFY_OSC9, false);
    is_str(digit, "\x1b]9;sitrep: 4,1: x\x1b\\", "OSC 9 text never starts with a digit and ';'");
    free(digit);
    free(title);
    alerts_free(a);
    cap_free(&c);
}

static void test_unknown(void)
{
    struct capture c;
    struct alert_sink sink;
    struct alerts *a = new_alerts(&c, &sink, "true");
    struct snapshot *snap;

    step(a, snap_all(1, 'o', "oooooo"), T0);
    snap = snap_all(1, '?', "??????");
    snap->services[0].sources[0].health = HEALTH_FAILING;
    snap->services[0].sources[0].error = xstrdup("HTTP 503 \x1b[31mdown\x1b[0m");
    step(a, snap, T0 + 10);
    alerts_fire(a, NULL, T0 + 12);
    is_str(env_of(&c, 0, "SITREP_NEW_LEVEL"), "unknown", "a source failing for too long: unknown");
    is_str(env_of(&c, 0, "SITREP_SUMMARY"),
           "Service 0: unknown in ALL EU FR IT US JP (was ok), source failing: HTTP 503 down",
           "the summary says why, sanitized");
    alerts_free(a);
    cap_free(&c);
}

static void test_settings(void)
{
    struct capture c;
    struct alert_sink sink;
    struct alerts *a = new_alerts(&c, &sink, NULL);
    struct alert_opts o = {
        .quiet_s = 0, .gather_s = 0, .bell = false, .notify = NOTIFY_OFF, .sink = &sink};
    struct snapshot *snap;

    alerts_configure(a, &o);
    step(a, snap_all(1, 'o', "oooooo"), T0);
    is_int(step(a, snap_all(1, 'M', "MMMMMM"), T0 + 1), 1, "gather 0: announced at once");
    is_int(step(a, snap_all(1, 'o', "oooooo"), T0 + 2), 1, "quiet 0: the next change too");
    is_int(c.bells + c.notes + c.hooks, 0, "bell off, notify off, no command: none of them");
    /* other columns: the cells are new, not changed */
    snap = snap_all(1, 'M', "MMMMMM");
    snap->columns[5] = region_find("NA");
    is_int(step(a, snap, T0 + 3), 0, "changing the columns announces nothing");
    is_int(step(a, snap_all(1, 'o', "oooooo"), T0 + 4), 0, "and starts afresh");
    alerts_free(a);
    cap_free(&c);
}

/* A reload that drops a service, then one with fewer columns, then one
 * with more: each track keeps its own columns while the tracks move up,
 * new columns announce nothing, and changes after them name the right
 * column with the right old level. */
static void test_reload_columns(void)
{
    static const char *const three[] = {"ALL", "NA", "EU"};
    static const char *const eight[] = {"ALL", "EU", "FR", "IT", "US", "JP", "DE", "BR"};
    struct capture c;
    struct alert_sink sink;
    struct alerts *a = new_alerts(&c, &sink, "true");
    struct snapshot *snap;

    ok(region_find("DE") != REGION_NONE && region_find("BR") != REGION_NONE &&
           region_find("NA") != REGION_NONE,
       "the columns of this test are regions");
    step(a, snap_reload(0, 3, columns, NCOLS), T0);
    /* svc0 leaves: svc1 and svc2 move up a place; svc2's US goes major */
    snap = snap_reload(1, 2, columns, NCOLS);
    set_cell(snap, 1, 4, 'M');
    is_int(step(a, snap, T0 + 10), 0, "a service gone: the change waits its gather window");
    is_int(alerts_fire(a, NULL, T0 + 12), 1, "then one announcement");
    is_str(env_of(&c, 0, "SITREP_SERVICE"), "svc2", "for the service that changed");
    is_str(env_of(&c, 0, "SITREP_CHANGES"), "US:ok>major",
           "its own columns moved with it: only US changed, from ok");
    /* three columns, a new service */
    snap = snap_reload(1, 3, three, 3);
    set_cell(snap, 1, 1, 'M'); /* svc2 major in NA: a new cell, no news */
    is_int(step(a, snap, T0 + 200), 0, "fewer columns: nothing announced");
    is_int(alerts_fire(a, NULL, T0 + 300), 0, "nor later");
    snap = snap_reload(1, 3, three, 3);
    set_cell(snap, 1, 1, 'M');
    set_cell(snap, 0, 2, 'P'); /* svc1 partial in EU */
    step(a, snap, T0 + 400);
    is_int(alerts_fire(a, NULL, T0 + 402), 1, "a change after it is announced");
    is_str(env_of(&c, 1, "SITREP_SUMMARY"), "Service 1: partial in EU (was ok)",
           "in the new column, from the level it had there");
    /* eight columns */
    snap = snap_reload(1, 3, eight, 8);
    is_int(step(a, snap, T0 + 600), 0, "more columns: nothing announced");
    snap = snap_reload(1, 3, eight, 8);
    set_cell(snap, 2, 7, 'M'); /* svc3 major in BR */
    set_cell(snap, 0, 6, 'd'); /* svc1 degraded in DE */
    step(a, snap, T0 + 800);
    is_int(alerts_fire(a, NULL, T0 + 802), 2, "changes in the added columns are announced");
    is_str(env_of(&c, 2, "SITREP_SUMMARY"), "Service 1: degraded in DE (was ok)",
           "the seventh column");
    is_str(env_of(&c, 3, "SITREP_SUMMARY"), "Service 3: major in BR (was ok)", "the eighth column");
    alerts_free(a);
    cap_free(&c);
}

static void test_annotate(void)
{
    struct capture c;
    struct alert_sink sink;
    struct alerts *a = new_alerts(&c, &sink, NULL);
    struct snapshot *snap;

    step(a, snap_all(2, 'o', "oooooo"), T0);
    step(a, snap_all(2, 'M', "MMoooo"), T0 + 10);
    alerts_fire(a, NULL, T0 + 12);
    snap = snap_all(2, 'o', "oooooo");
    set(snap, 0, 'M', "MoPooo");
    step(a, snap, T0 + 200);
    alerts_fire(a, NULL, T0 + 202);
    for (int i = 0; i < 30; i++) { /* more than the log keeps */
        step(a, snap_all(2, i % 2 ? 'M' : 'o', i % 2 ? "MMoooo" : "oooooo"), T0 + 1000 + i * 200);
        alerts_fire(a, NULL, T0 + 1002 + i * 200);
    }
    snap = snap_all(2, 'o', "oooooo");
    alerts_annotate(a, snap);
    alerts_annotate(a, snap); /* again: replaces, does not leak */
    const struct snap_service *s = &snap->services[0];
    is_int(s->nchanges, ALERTS_LOG_MAX, "the log keeps the last %d changes", ALERTS_LOG_MAX);
    ok(s->nchanges && s->changes[0].at > s->changes[s->nchanges - 1].at, "newest first");
    snapshot_free(snap);

    struct capture c2;
    struct alerts *b = new_alerts(&c2, &sink, NULL);
    step(b, snap_all(1, 'o', "oooooo"), T0);
    snap = snap_all(1, 'M', "MoPooo");
    step(b, snap, T0 + 10);
    alerts_fire(b, NULL, T0 + 12);
    snap = snap_all(1, 'M', "MoPooo");
    alerts_annotate(b, snap);
    s = &snap->services[0];
    is_int(s->nchanges, 2, "one change per kind of change");
    if (s->nchanges == 2) {
        is_int(s->changes[0].to, LEVEL_MAJOR, "the worst on top");
        is_int(s->changes[0].nregions, 1, "major in one column");
        is_str(region_code(s->changes[0].regions[0]), "ALL", "ALL");
        is_int(s->changes[1].to, LEVEL_PARTIAL, "then partial");
        is_str(region_code(s->changes[1].regions[0]), "FR", "in FR");
        is_int(s->changes[1].from, LEVEL_OK, "from ok");
        is_int(s->changes[1].at, T0 + 10, "when it was first seen");
        is_int(s->changes[1].evidence, EVIDENCE_OFFICIAL, "with its evidence");
    }
    snapshot_free(snap);
    snap = snap_all(1, 'M', "MoPooo");
    snap->past_at = T0 + 5;
    alerts_annotate(b, snap);
    is_int(snap->services[0].nchanges, 0, "a past snapshot has only what was announced by then");
    snapshot_free(snap);
    alerts_free(a);
    alerts_free(b);
    cap_free(&c);
    cap_free(&c2);
}

/* ---- real commands ------------------------------------------------------------------- */

static void wait_hooks(struct alerts *a, time_t now)
{
    for (int i = 0; i < 500 && alerts_running(a) > 0; i++) {
        usleep(10000);
        alerts_fire(a, NULL, now);
    }
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    struct buf b = {0};
    char chunk[4096];
    size_t n;

    if (!f)
        return NULL;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(&b, chunk, n);
    fclose(f);
    return buf_detach(&b);
}

static void test_real_commands(void)
{
    char *dir = tu_tmpdir("alerts");
    char *out = xasprintf("%s/out", dir), msg[512];
    /* The test's own command; what changed only comes through the
     * environment. Its output must not reach ours (TAP would see it). */
    char *cmd = xasprintf("echo 'not ok 999 - the command wrote to our output'; "
                          "printf '%%s|%%s|%%s|%%s\\n' \"$SITREP_SERVICE\" \"$SITREP_OLD_LEVEL\" "
                          "\"$SITREP_NEW_LEVEL\" \"$SITREP_TITLE\" >> '%s'; exit 3",
                          out);
    struct alert_sink sink = {0};
    struct alert_opts o = {.quiet_s = QUIET, .gather_s = 0, .on_change = cmd, .sink = &sink};
    struct alerts *a = alerts_new(&o);
    char *title = hostile_title();
    struct snapshot *snap;

    step(a, snap_all(1, 'o', "oooooo"), T0);
    snap = snap_all(1, 'M', "MMMooo");
    add_incident(&snap->services[0], title, LEVEL_MAJOR);
    step(a, snap, T0 + 10);
    ok(alerts_running(a) == 1, "the command runs without being waited for");
    wait_hooks(a, T0 + 10);
    is_int(alerts_running(a), 0, "and is reaped once done");
    char *got = slurp(out);
    ok(got && strncmp(got, "svc0|ok|major|Login down ", 25) == 0,
       "it got the change in its environment (%.40s)", got ? got : "(nothing)");
    char *nl = got ? strchr(got, '\n') : NULL;
    ok(nl && nl[1] == '\0' && (*nl = '\0', clean_text(got, 1024)),
       "the hostile title arrived as one clean line");
    ok(alerts_take_message(a, msg, sizeof msg) && strstr(msg, "exited with status 3"),
       "a failing command is said (%s)", msg);
    free(got);

    /* more at once than may run: the rest are skipped, and said */
    free(cmd);
    cmd = xstrdup("sleep 1");
    o.on_change = cmd;
    alerts_configure(a, &o);
    step(a, snap_all(6, 'o', "oooooo"), T0 + 1000);
    step(a, snap_all(6, 'M', "MMMMMM"), T0 + 1001);
    is_int(alerts_running(a), ALERTS_MAX_HOOKS, "at most %d commands run at once",
           ALERTS_MAX_HOOKS);
    ok(alerts_take_message(a, msg, sizeof msg) && strstr(msg, "not run for svc5"),
       "the others are skipped, and said (%s)", msg);
    wait_hooks(a, T0 + 1001);
    is_int(alerts_running(a), 0, "all reaped");

    free(title);
    free(cmd);
    free(out);
    alerts_free(a);
    tu_rmtree(dir);
    free(dir);
}

/* ---- through the model ---------------------------------------------------------------- */

static void test_model(void)
{
    struct config cfg;
    struct model *m;
    struct capture c;
    struct alert_sink sink;
    struct alerts *a = new_alerts(&c, &sink, "true");

    tu_config(&cfg,
              "[sitrep]\ncolumns = ALL NA EU\n"
              "[service gh]\nname = GitHub\nurl = https://www.githubstatus.com/api/v2/s.json\n"
              "[service li]\nname = Linode\nurl = https://status.linode.com/api/v2/s.json\n"
              "region = name \"\\(([A-Za-z .'-]+)( [0-9]+)?\\)\" => city:$1\n");
    m = model_new(&cfg);
    step(a, model_snapshot(m, T0), T0);
    tu_feed(m, &cfg, 0, 0,
            "tests/fixtures/statuspage/atc0005-check-statuspage__github-components.json", T0 + 5);
    step(a, model_snapshot(m, T0 + 5), T0 + 5);
    tu_feed(m, &cfg, 1, 0,
            "tests/fixtures/statuspage/atc0005-check-statuspage__linode-components.json", T0 + 6);
    step(a, model_snapshot(m, T0 + 6), T0 + 6);
    is_int(alerts_fire(a, NULL, T0 + 60), 0, "the first polls through the model: nothing");
    tu_feed(
        m, &cfg, 0, 0,
        "tests/fixtures/statuspage/atc0005-check-statuspage__github-components-with-problem.json",
        T0 + 100);
    tu_feed(m, &cfg, 1, 0,
            "tests/fixtures/statuspage/atc0005-check-statuspage__linode-components-problems.json",
            T0 + 100);
    step(a, model_snapshot(m, T0 + 100), T0 + 100);
    is_int(alerts_fire(a, NULL, T0 + 102), 2, "two real pages turn partial: two announcements");
    is_int(c.bells, 1, "one bell");
    is_str(env_of(&c, 0, "SITREP_SUMMARY"),
           "GitHub: partial in ALL (was ok); possibly partial in NA EU (reported for ALL) (was ok)",
           "GitHub's partial outage is global: in each region only possibly");
    ok(env_of(&c, 1, "SITREP_SUMMARY") &&
           strncmp(env_of(&c, 1, "SITREP_SUMMARY"), "Linode: partial in ALL", 22) == 0,
       "Linode's is regional");
    /* and back, quickly, inside the quiet interval */
    tu_feed(m, &cfg, 0, 0,
            "tests/fixtures/statuspage/atc0005-check-statuspage__github-components.json", T0 + 130);
    step(a, model_snapshot(m, T0 + 130), T0 + 130);
    tu_feed(
        m, &cfg, 0, 0,
        "tests/fixtures/statuspage/atc0005-check-statuspage__github-components-with-problem.json",
        T0 + 160);
    step(a, model_snapshot(m, T0 + 160), T0 + 160);
    size_t n = 0;
    for (time_t t = T0 + 160; t < T0 + 600; t += 10)
        n += alerts_fire(a, NULL, t);
    is_int(n, 0, "flapping back and forth inside the quiet interval: nothing");
    model_free(m);
    config_free(&cfg);
    alerts_free(a);
    cap_free(&c);
}

/* ---- the terminal's name ------------------------------------------------------------ */

static const char *const *fake_env;

static char *fake_getenv(const char *name)
{
    size_t n = strlen(name);

    for (const char *const *e = fake_env; *e; e++) {
        if (strncmp(*e, name, n) == 0 && (*e)[n] == '=')
            return (char *)*e + n + 1;
    }
    return NULL;
}

static void test_notify_auto(void)
{
    static const struct {
        const char *env[3];
        enum notify_mode want;
    } cases[] = {
        {{"TERM=foot", NULL}, NOTIFY_OSC777},
        {{"TERM=rxvt-unicode-256color", NULL}, NOTIFY_OSC777},
        {{"TERM=xterm-kitty", NULL}, NOTIFY_OSC9},
        {{"TERM=xterm-256color", "TERM_PROGRAM=iTerm.app", NULL}, NOTIFY_OSC9},
        {{"TERM=tmux-256color", "LC_TERMINAL=iTerm2", NULL}, NOTIFY_OSC9},
        {{"TERM=tmux-256color", "KITTY_WINDOW_ID=3", NULL}, NOTIFY_OSC9},
        {{"TERM=xterm-256color", "VTE_VERSION=7600", NULL}, NOTIFY_OSC777},
        {{"TERM=xterm-256color", "VTE_VERSION=4200", NULL}, NOTIFY_OFF},
        {{"TERM=xterm-256color", NULL}, NOTIFY_OFF},
        {{"TERM=linux", NULL}, NOTIFY_OFF},
        {{NULL}, NOTIFY_OFF},
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fake_env = cases[i].env;
        is_int(alerts_notify_auto(fake_getenv), cases[i].want, "auto for %s %s",
               cases[i].env[0] ? cases[i].env[0] : "(nothing)",
               cases[i].env[0] && cases[i].env[1] ? cases[i].env[1] : "");
    }
}

int main(void)
{
    test_first_poll();
    test_one_transition();
    test_possible();
    test_change_time();
    test_rising_is_no_alert();
    test_flap_and_net_change();
    test_coalescing();
    test_hostile_title();
    test_unknown();
    test_settings();
    test_reload_columns();
    test_annotate();
    test_real_commands();
    test_model();
    test_notify_auto();
    return tap_done();
}
