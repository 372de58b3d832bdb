/* The viewer's side of sitrep serve (see remote.h).
 *
 * Per server: one event stream, kept open, and at most one snapshot read
 * in flight with at most one more wanted after it, so a burst of a hundred
 * events costs two reads, not a hundred. The servers' snapshots are kept as
 * the JSON they sent (checked as it arrives) and read again into one merged
 * snapshot when the dashboard asks for it: nothing of one server's is
 * shared with another's or with the dashboard's copy. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sitrep/buf.h"
#include "sitrep/export.h"
#include "sitrep/remote.h"
#include "sitrep/sanitize.h"
#include "sitrep/sse.h"
#include "sitrep/timefmt.h"
#include "sitrep/xalloc.h"

#define BACKOFF_MIN_MS 500
#define BACKOFF_MAX_MS 30000
#define TOKEN_MAX      256

struct server;

/* One read of a snapshot: the live one, or one moment's for time travel. */
struct read {
    struct server *sv;
    bool past;
    time_t at;
};

struct server {
    struct remote *r;
    char *base;  /* without a trailing '/' */
    char *label; /* host[:port], for people */
    /* the event stream */
    bool streaming;
    struct sse_parser sse;
    int failures;
    int64_t retry_at; /* monotonic ms; 0: now */
    /* the live snapshot */
    bool reading, want;
    struct buf body; /* the last good one, NUL-terminated; empty: none yet */
    time_t generated_at;
    double speed;
    time_t oldest;
    int64_t got_at; /* monotonic ms it arrived */
    bool answered;  /* some answer or failure came */
    bool lost;      /* not reachable now, or its answer unreadable */
    int64_t lost_at;
    char error[420];
    /* time travel */
    struct buf past_body;
    bool past_reading, past_ok;
    time_t past_at;
    long past_window;
};

struct remote {
    struct fetcher *f;
    struct server *sv;
    size_t nsv;
    char token[TOKEN_MAX];
    bool has_token;
    long window_s;
    bool dirty;
    uint64_t rng;
};

static int64_t mono_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t wall_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* "http://host:port/" -> "host:port": the part a reader recognises. */
static char *label_of(const char *url)
{
    const char *p = strstr(url, "://"), *end;

    p = p ? p + 3 : url;
    end = p + strcspn(p, "/?#");
    const char *at = memchr(p, '@', (size_t)(end - p)); /* never show userinfo */
    if (at)
        p = at + 1;
    return xasprintf("%.*s", (int)(end - p), p);
}

struct remote *remote_new(struct fetcher *f, const char *const *urls, size_t nurls,
                          const char *token, char *err, size_t errlen)
{
    struct remote *r;

    for (size_t i = 0; i < nurls; i++) {
        if (strncasecmp(urls[i], "http://", 7) != 0 && strncasecmp(urls[i], "https://", 8) != 0) {
            snprintf(err, errlen, "--remote wants http:// or https:// URLs of sitrep serve");
            return NULL;
        }
    }
    if (nurls == 0) {
        snprintf(err, errlen, "--remote wants at least one URL");
        return NULL;
    }
    if (token && strlen(token) >= TOKEN_MAX) {
        snprintf(err, errlen, "the token is too long");
        return NULL;
    }
    r = xcalloc(1, sizeof *r);
    r->f = f;
    r->sv = xcalloc(nurls, sizeof *r->sv);
    r->nsv = nurls;
    r->rng = (uint64_t)mono_ms() * 6364136223846793005ULL + 1442695040888963407ULL;
    if (token) {
        snprintf(r->token, sizeof r->token, "%s", token);
        r->has_token = true;
    }
    for (size_t i = 0; i < nurls; i++) {
        struct server *sv = &r->sv[i];
        size_t n = strlen(urls[i]);
        while (n > 0 && urls[i][n - 1] == '/')
            n--;
        sv->r = r;
        sv->base = xasprintf("%.*s", (int)n, urls[i]);
        sv->label = label_of(urls[i]);
        sv->speed = 1;
    }
    return r;
}

void remote_free(struct remote *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->nsv; i++) {
        free(r->sv[i].base);
        free(r->sv[i].label);
        sse_free(&r->sv[i].sse);
        buf_free(&r->sv[i].body);
        buf_free(&r->sv[i].past_body);
    }
    free(r->sv);
    memset(r->token, 0, sizeof r->token);
    free(r);
}

static void lose(struct server *sv, const char *why)
{
    if (!sv->lost) {
        sv->lost = true;
        sv->lost_at = mono_ms();
        sv->r->dirty = true;
    }
    snprintf(sv->error, sizeof sv->error, "%s", why);
    sv->answered = true;
}

static void backoff(struct server *sv)
{
    struct remote *r = sv->r;
    long ms = BACKOFF_MIN_MS;

    for (int i = 1; i < sv->failures && ms < BACKOFF_MAX_MS; i++)
        ms *= 2;
    if (ms > BACKOFF_MAX_MS)
        ms = BACKOFF_MAX_MS;
    r->rng = r->rng * 6364136223846793005ULL + 1442695040888963407ULL;
    ms = ms * 3 / 4 + (long)((r->rng >> 33) % (uint64_t)(ms / 2 + 1)); /* 75% to 125% */
    sv->retry_at = mono_ms() + ms;
}

/* ---- the live snapshot ------------------------------------------------ */

static void read_snapshot(struct server *sv);

static void on_snapshot(void *user, const struct fetch_result *res)
{
    struct read *rd = user;
    struct server *sv = rd->sv;
    char err[300], why[400];
    double speed = 1;
    struct snapshot *snap;

    free(rd);
    sv->reading = false;
    if (!res->ok) {
        snprintf(why, sizeof why, "%s", res->error ? res->error : "no answer");
        lose(sv, why);
    } else if (!(snap = snapshot_from_json(res->body, res->len, &speed, err, sizeof err))) {
        snprintf(why, sizeof why, "its snapshot cannot be read: %s", err);
        lose(sv, why);
    } else {
        buf_reset(&sv->body);
        buf_append(&sv->body, res->body, res->len);
        sv->generated_at = snap->generated_at;
        sv->oldest = snap->history_oldest;
        sv->speed = speed;
        sv->got_at = mono_ms();
        sv->answered = true;
        if (sv->streaming) { /* found again only with its events flowing */
            sv->lost = false;
            sv->error[0] = '\0';
        }
        sv->r->dirty = true;
        snapshot_free(snap);
    }
}

static char *snapshot_url(const struct server *sv, bool past, time_t at)
{
    char iso[32];

    if (!past)
        return xasprintf("%s/api/v1/snapshot?full=1&window=%ld", sv->base, sv->r->window_s);
    time_format_iso8601(at, iso, sizeof iso);
    return xasprintf("%s/api/v1/snapshot?full=1&window=%ld&at=%s", sv->base, sv->r->window_s, iso);
}

static int start_read(struct server *sv, bool past, time_t at, fetch_done_fn done)
{
    struct read *rd = xcalloc(1, sizeof *rd);
    char *url = snapshot_url(sv, past, at), err[300];
    struct fetch_request req = {.url = url, .accept = "application/json"};
    int rc;

    rd->sv = sv;
    rd->past = past;
    rd->at = at;
    req.bearer = sv->r->has_token ? sv->r->token : NULL;
    rc = fetcher_add(sv->r->f, &req, done, rd, err, sizeof err);
    free(url);
    if (rc != 0) {
        free(rd);
        lose(sv, err);
    }
    return rc;
}

/* Asks for the live snapshot: now when nothing is in flight, else once the
 * read in flight is answered (remote_pump starts it). Never from inside a
 * transfer's callback: libcurl refuses new transfers there. */
static void read_snapshot(struct server *sv)
{
    sv->want = false;
    if (start_read(sv, false, 0, on_snapshot) == 0)
        sv->reading = true;
}

/* ---- the event stream -------------------------------------------------- */

static void on_event(void *user, const struct sse_event *ev)
{
    struct server *sv = user;

    if (strcmp(ev->type, "resync") == 0)
        sv->sse.id[0] = '\0'; /* too far behind: start from the present */
    sv->want = true;
}

static bool on_stream_data(void *user, const char *data, size_t len)
{
    struct server *sv = user;

    if (sv->failures) { /* bytes are flowing: the server is back */
        sv->failures = 0;
        sv->want = true;
    }
    sse_feed(&sv->sse, data, len);
    return true;
}

static void on_stream_end(void *user, const struct fetch_result *res)
{
    struct server *sv = user;
    char why[400];

    sv->streaming = false;
    sse_reset(&sv->sse);
    if (res->ok) /* the server ended it (stopping, or a resync) */
        snprintf(why, sizeof why, "it closed its event stream");
    else
        snprintf(why, sizeof why, "%s", res->error ? res->error : "no answer");
    sv->failures++;
    lose(sv, why);
    backoff(sv);
}

static void connect_server(struct server *sv)
{
    char *url = xasprintf("%s/api/v1/events", sv->base), err[300], header[200] = "";
    struct fetch_request req = {.url = url, .accept = "text/event-stream"};

    if (sv->sse.on_event == NULL)
        sse_init(&sv->sse, on_event, sv);
    if (sv->sse.id[0]) {
        snprintf(header, sizeof header, "Last-Event-ID: %s", sv->sse.id);
        req.header = header;
    }
    req.on_data = on_stream_data;
    req.bearer = sv->r->has_token ? sv->r->token : NULL;
    if (fetcher_add(sv->r->f, &req, on_stream_end, sv, err, sizeof err) != 0) {
        sv->failures++;
        lose(sv, err);
        backoff(sv);
    } else {
        sv->streaming = true;
        if (sv->reading) /* what it shows now; the events tell what changes */
            sv->want = true;
        else
            read_snapshot(sv);
    }
    free(url);
}

long remote_pump(struct remote *r)
{
    int64_t now = mono_ms();
    long next = -1;

    for (size_t i = 0; i < r->nsv; i++) {
        struct server *sv = &r->sv[i];
        if (sv->streaming) {
            if (sv->want && !sv->reading)
                read_snapshot(sv);
            continue;
        }
        if (sv->retry_at <= now)
            connect_server(sv);
        if (!sv->streaming) {
            long in = (long)(sv->retry_at - now);
            if (in < 0)
                in = 0;
            if (next < 0 || in < next)
                next = in;
        }
    }
    return next;
}

bool remote_take_dirty(struct remote *r)
{
    bool d = r->dirty;

    r->dirty = false;
    return d;
}

bool remote_settled(const struct remote *r)
{
    for (size_t i = 0; i < r->nsv; i++) {
        if (!r->sv[i].answered || r->sv[i].reading)
            return false;
    }
    return true;
}

size_t remote_refresh(struct remote *r)
{
    size_t n = 0;

    for (size_t i = 0; i < r->nsv; i++) {
        struct server *sv = &r->sv[i];
        if (sv->streaming) {
            sv->want = true;
            n++;
        } else {
            sv->retry_at = 0; /* try it again now */
            n++;
        }
    }
    return n;
}

void remote_set_window(struct remote *r, long window_s)
{
    r->window_s = window_s;
    for (size_t i = 0; i < r->nsv; i++)
        r->sv[i].want = r->sv[i].streaming;
}

long remote_window(const struct remote *r)
{
    return r->window_s;
}

int64_t remote_now_ms(const struct remote *r)
{
    int64_t best = -1, now = mono_ms();

    for (size_t i = 0; i < r->nsv; i++) {
        const struct server *sv = &r->sv[i];
        if (!sv->body.len)
            continue;
        int64_t t =
            (int64_t)sv->generated_at * 1000 + (int64_t)((double)(now - sv->got_at) * sv->speed);
        if (t > best)
            best = t;
    }
    return best >= 0 ? best : wall_ms();
}

time_t remote_history_oldest(const struct remote *r)
{
    time_t oldest = 0;

    for (size_t i = 0; i < r->nsv; i++) {
        if (r->sv[i].body.len && r->sv[i].oldest > oldest)
            oldest = r->sv[i].oldest;
    }
    return oldest;
}

/* ---- merging ----------------------------------------------------------- */

static size_t column_of(struct snapshot *dst, region_id id)
{
    for (size_t c = 0; c < dst->ncolumns; c++) {
        if (dst->columns[c] == id)
            return c;
    }
    return (size_t)-1;
}

/* A column the merged snapshot did not have: every service so far gets a
 * cell without evidence there. */
static size_t add_column(struct snapshot *dst, region_id id)
{
    size_t c = dst->ncolumns;

    dst->columns = xreallocarray(dst->columns, c + 1, sizeof *dst->columns);
    dst->columns[c] = id;
    dst->ncolumns = c + 1;
    for (size_t i = 0; i < dst->nservices; i++) {
        struct snap_service *s = &dst->services[i];
        s->cells = xreallocarray(s->cells, c + 1, sizeof *s->cells);
        s->cells[c] = (struct snap_cell){.reports = -1,
                                         .baseline = -1,
                                         .mentions = -1,
                                         .mentions_baseline = -1,
                                         .age_s = -1,
                                         .unknown_src = -1,
                                         .possible_region = REGION_NONE};
    }
    return c;
}

/* The service ids merged so far: open addressing on an FNV-1a hash, so
 * that merging shards of ten thousand services stays linear. */
struct idset {
    const char **slot;
    size_t cap; /* a power of two */
    size_t n;
};

static uint32_t hash_id(const char *s)
{
    uint32_t h = 2166136261u;

    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 16777619u;
    }
    return h;
}

static void idset_grow(struct idset *set)
{
    struct idset bigger = {.cap = set->cap ? set->cap * 2 : 64};

    bigger.slot = xcalloc(bigger.cap, sizeof *bigger.slot);
    for (size_t i = 0; i < set->cap; i++) {
        if (!set->slot[i])
            continue;
        size_t k = hash_id(set->slot[i]) & (bigger.cap - 1);
        while (bigger.slot[k])
            k = (k + 1) & (bigger.cap - 1);
        bigger.slot[k] = set->slot[i];
    }
    bigger.n = set->n;
    free(set->slot);
    *set = bigger;
}

/* Adds id (not copied: it must outlive the set); false when it was there. */
static bool idset_add(struct idset *set, const char *id)
{
    size_t k;

    if ((set->n + 1) * 2 > set->cap)
        idset_grow(set);
    for (k = hash_id(id) & (set->cap - 1); set->slot[k]; k = (k + 1) & (set->cap - 1)) {
        if (strcmp(set->slot[k], id) == 0)
            return false;
    }
    set->slot[k] = id;
    set->n++;
    return true;
}

static void drop_hist(struct snapshot *part)
{
    for (size_t i = 0; i < part->nservices; i++)
        snap_service_drop_hist(&part->services[i], part->ncolumns);
}

/* Moves part's services into dst (a service dst has already stays dst's),
 * its cells into dst's columns. part is freed. */
static void merge(struct snapshot *dst, struct snapshot *part, struct idset *ids)
{
    size_t *map = xcalloc(part->ncolumns ? part->ncolumns : 1, sizeof *map);

    for (size_t c = 0; c < part->ncolumns; c++) {
        map[c] = column_of(dst, part->columns[c]);
        if (map[c] == (size_t)-1)
            map[c] = add_column(dst, part->columns[c]);
    }
    if (dst->nhist == 0 && dst->nservices == 0) {
        dst->nhist = part->nhist;
        dst->hist_bucket_s = part->hist_bucket_s;
        dst->hist_end = part->hist_end;
    } else if (part->nhist != dst->nhist || part->hist_bucket_s != dst->hist_bucket_s ||
               part->hist_end != dst->hist_end) {
        drop_hist(part); /* another time axis: its sparklines would lie here */
    }
    dst->services =
        xreallocarray(dst->services, dst->nservices + part->nservices + 1, sizeof *dst->services);
    for (size_t i = 0; i < part->nservices; i++) {
        struct snap_service *s = &part->services[i];
        struct snap_cell *cells;
        if (!idset_add(ids, s->id))
            continue; /* another server gave it first; freed with part */
        cells = xcalloc(dst->ncolumns, sizeof *cells);
        for (size_t c = 0; c < dst->ncolumns; c++)
            cells[c] = (struct snap_cell){.reports = -1,
                                          .baseline = -1,
                                          .mentions = -1,
                                          .mentions_baseline = -1,
                                          .age_s = -1,
                                          .unknown_src = -1,
                                          .possible_region = REGION_NONE};
        for (size_t c = 0; c < part->ncolumns; c++)
            cells[map[c]] = s->cells[c];
        free(s->cells);
        s->cells = cells;
        dst->services[dst->nservices++] = *s; /* dst owns it now */
        memset(s, 0, sizeof *s);
    }
    free(map);
    if (part->generated_at > dst->generated_at)
        dst->generated_at = part->generated_at;
    if (part->last_poll > dst->last_poll)
        dst->last_poll = part->last_poll;
    dst->sources_ok += part->sources_ok;
    dst->sources_stale += part->sources_stale;
    dst->sources_failing += part->sources_failing;
    if (part->history_oldest > dst->history_oldest)
        dst->history_oldest = part->history_oldest;
    if (!dst->past_at)
        dst->past_at = part->past_at;
    dst->past_partial |= part->past_partial;
    if (!dst->history_problem && part->history_problem) {
        dst->history_problem = part->history_problem;
        part->history_problem = NULL;
    }
    snapshot_free(part);
}

/* Ages as of now: the server computed them when it made the snapshot. */
static void age_by(struct snapshot *part, long by)
{
    if (by <= 0)
        return;
    for (size_t i = 0; i < part->nservices; i++) {
        struct snap_service *s = &part->services[i];
        for (size_t k = 0; k < s->nsources; k++) {
            if (s->sources[k].age_s >= 0)
                s->sources[k].age_s += by;
        }
        for (size_t c = 0; c < part->ncolumns; c++) {
            if (s->cells[c].age_s >= 0)
                s->cells[c].age_s += by;
        }
    }
}

/* A server that is gone: what it said last stays, as stale data whose
 * every source fails for the reason the server cannot be read. */
static void mark_lost(struct snapshot *part, const struct server *sv, time_t now)
{
    time_t since = now - (time_t)((mono_ms() - sv->lost_at) / 1000);

    for (size_t i = 0; i < part->nservices; i++) {
        struct snap_service *s = &part->services[i];
        for (size_t k = 0; k < s->nsources; k++) {
            struct snap_source *src = &s->sources[k];
            if (src->ok)
                part->sources_ok--;
            else if (src->stale)
                part->sources_stale--;
            else
                part->sources_failing--;
            part->sources_stale++;
            free(src->error);
            src->error = xasprintf("sitrep serve at %s is lost: %s", sv->label, sv->error);
            src->ok = false;
            src->stale = src->has_data;
            src->health = HEALTH_FAILING;
            if (!src->failing_since)
                src->failing_since = since;
            src->next_poll = 0;
            src->backoff_until = 0;
        }
        for (size_t c = 0; c < part->ncolumns; c++) {
            if (s->cells[c].level != LEVEL_NONE)
                s->cells[c].stale = true;
        }
    }
}

static void add_problem(struct buf *problems, const struct server *sv, const char *what)
{
    if (problems->len)
        buf_puts(problems, "; ");
    buf_printf(problems, "%s %s (%s)", sv->label, what, sv->error[0] ? sv->error : "no answer");
}

static int by_order(const void *a, const void *b)
{
    const struct snap_service *x = a, *y = b;

    if (x->order != y->order)
        return x->order < y->order ? -1 : 1;
    return strcmp(x->id, y->id);
}

static struct snapshot *merged(struct remote *r, bool past, time_t at)
{
    struct snapshot *dst = xcalloc(1, sizeof *dst);
    struct idset ids = {0};
    struct buf problems = {0};
    time_t now = (time_t)(remote_now_ms(r) / 1000);
    size_t bad = 0;

    for (size_t i = 0; i < r->nsv; i++) {
        struct server *sv = &r->sv[i];
        const struct buf *body = past ? &sv->past_body : &sv->body;
        struct snapshot *part;
        char err[300];
        if (past && !sv->past_ok) {
            bad++;
            add_problem(&problems, sv, "did not answer for that moment");
            continue;
        }
        if (!body->len) {
            bad++;
            add_problem(&problems, sv, sv->answered ? "not answering" : "not answered yet");
            continue;
        }
        part = snapshot_from_json(body->data, body->len, NULL, err, sizeof err);
        if (!part) /* cannot happen: it was read when it came */
            continue;
        if (!past) {
            age_by(part, (long)(now - part->generated_at));
            if (sv->lost) {
                bad++;
                char what[80], ago[32];
                mark_lost(part, sv, now);
                time_format_duration((long)((mono_ms() - sv->got_at) / 1000), ago, sizeof ago);
                snprintf(what, sizeof what, "lost, showing what it said %s ago", ago);
                add_problem(&problems, sv, what);
            }
        }
        merge(dst, part, &ids);
    }
    free(ids.slot);
    if (r->nsv > 1 && dst->nservices > 1) /* shards of one config: in its order */
        qsort(dst->services, dst->nservices, sizeof *dst->services, by_order);
    if (!dst->columns) { /* nothing yet: the world, so the grid has a column */
        dst->columns = xcalloc(1, sizeof *dst->columns);
        dst->columns[0] = region_all();
        dst->ncolumns = 1;
    }
    dst->generated_at = past ? at : now;
    if (past)
        dst->past_at = at;
    if (bad) { /* curl's words may name what the server sent: sanitized */
        char *clean = sanitize_str(problems.data, 0, 0);
        dst->remote_problem =
            xasprintf("%zu of %zu server%s: %s", bad, r->nsv, r->nsv == 1 ? "" : "s", clean);
        free(clean);
    }
    buf_free(&problems);
    return dst;
}

struct snapshot *remote_snapshot(struct remote *r)
{
    return merged(r, false, 0);
}

/* ---- time travel --------------------------------------------------------- */

static void on_past(void *user, const struct fetch_result *res)
{
    struct read *rd = user;
    struct server *sv = rd->sv;
    char err[300];
    struct snapshot *snap;

    sv->past_reading = false;
    if (res->ok && (snap = snapshot_from_json(res->body, res->len, NULL, err, sizeof err))) {
        buf_reset(&sv->past_body);
        buf_append(&sv->past_body, res->body, res->len);
        sv->past_ok = rd->at == sv->past_at;
        snapshot_free(snap);
    }
    free(rd);
}

struct snapshot *remote_snapshot_at(struct remote *r, time_t at, int timeout_ms)
{
    int64_t end = mono_ms() + timeout_ms;
    bool *asked = xcalloc(r->nsv, sizeof *asked), waiting;

    for (size_t i = 0; i < r->nsv; i++) {
        struct server *sv = &r->sv[i];
        if (!sv->past_ok || sv->past_at != at || sv->past_window != r->window_s) {
            sv->past_ok = false; /* a moment's snapshot does not change: else kept */
            sv->past_at = at;
            sv->past_window = r->window_s;
        }
    }
    do {
        waiting = false;
        for (size_t i = 0; i < r->nsv; i++) {
            struct server *sv = &r->sv[i];
            /* an older question may still be out: ask once it is answered */
            if (!sv->past_ok && !sv->past_reading && !asked[i]) {
                asked[i] = true;
                if (start_read(sv, true, at, on_past) == 0)
                    sv->past_reading = true;
            }
            waiting |= sv->past_reading || (!sv->past_ok && !asked[i]);
        }
        if (waiting && fetcher_wait(r->f, NULL, 0, NULL, 50) != 0)
            break;
    } while (waiting && mono_ms() < end);
    free(asked);
    return merged(r, true, at);
}
