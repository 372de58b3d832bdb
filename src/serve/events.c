/* Change events for live viewers (see events.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "sitrep/events.h"
#include "sitrep/sanitize.h"
#include "sitrep/timefmt.h"
#include "sitrep/xalloc.h"

struct event {
    uint64_t id;
    char *type; /* "cell", "service", "incident", "resync" */
    char *data; /* one line of JSON */
};

/* What the previous snapshot showed of one service. */
struct seen_incident {
    char *key; /* source and id */
    char *status;
    size_t nupdates;
};

struct seen {
    char *id;
    enum level level;
    enum level *cells; /* per column */
    struct seen_incident *inc;
    size_t ninc;
};

struct events {
    struct event *ring;
    size_t cap, n, head; /* ring[head] is the oldest of n */
    uint64_t next_id;
    struct seen *seen;
    size_t nseen;
    region_id *columns;
    size_t ncolumns;
    bool primed;
};

struct events *events_new(size_t cap)
{
    struct events *ev = xcalloc(1, sizeof *ev);

    ev->cap = cap ? cap : 1;
    ev->ring = xcalloc(ev->cap, sizeof *ev->ring);
    ev->next_id = 1;
    return ev;
}

static void seen_free(struct seen *s)
{
    free(s->id);
    free(s->cells);
    for (size_t i = 0; i < s->ninc; i++) {
        free(s->inc[i].key);
        free(s->inc[i].status);
    }
    free(s->inc);
}

static void forget_seen(struct events *ev)
{
    for (size_t i = 0; i < ev->nseen; i++)
        seen_free(&ev->seen[i]);
    free(ev->seen);
    ev->seen = NULL;
    ev->nseen = 0;
}

void events_free(struct events *ev)
{
    if (!ev)
        return;
    for (size_t i = 0; i < ev->n; i++) {
        struct event *e = &ev->ring[(ev->head + i) % ev->cap];
        free(e->type);
        free(e->data);
    }
    free(ev->ring);
    forget_seen(ev);
    free(ev->columns);
    free(ev);
}

static void push(struct events *ev, const char *type, json_t *data)
{
    struct event *e;
    char *text = json_dumps(data, JSON_COMPACT);

    json_decref(data);
    if (!text)
        return;
    if (ev->n == ev->cap) {
        e = &ev->ring[ev->head];
        free(e->type);
        free(e->data);
        ev->head = (ev->head + 1) % ev->cap;
        ev->n--;
    }
    e = &ev->ring[(ev->head + ev->n++) % ev->cap];
    e->id = ev->next_id++;
    e->type = xstrdup(type);
    e->data = text;
}

static json_t *jtime(time_t t)
{
    char iso[32];

    if (!t)
        return json_null();
    time_format_iso8601(t, iso, sizeof iso);
    return json_string(iso);
}

static json_t *jclean(const char *raw, int cols)
{
    char *clean = sanitize_str(raw ? raw : "", cols, SAN_ELLIPSIS);
    json_t *j = json_string(clean);

    free(clean);
    return j ? j : json_string("");
}

static char *incident_key(const struct snap_incident *inc)
{
    return xasprintf("%s\x1f%s", inc->source ? inc->source : "",
                     inc->id ? inc->id : (inc->title ? inc->title : ""));
}

static const struct seen_incident *find_incident(const struct seen *s, const char *key)
{
    for (size_t i = 0; s && i < s->ninc; i++) {
        if (strcmp(s->inc[i].key, key) == 0)
            return &s->inc[i];
    }
    return NULL;
}

static const struct seen *find_seen(const struct events *ev, const char *id)
{
    for (size_t i = 0; i < ev->nseen; i++) {
        if (strcmp(ev->seen[i].id, id) == 0)
            return &ev->seen[i];
    }
    return NULL;
}

/* none <-> ok is evidence appearing or vanishing while all is fine. */
static bool news(enum level from, enum level to)
{
    return from != to && (from > LEVEL_OK || to > LEVEL_OK);
}

static size_t cell_events(struct events *ev, const struct snapshot *snap,
                          const struct snap_service *s, const struct seen *was)
{
    size_t added = 0;

    if (news(was->level, s->level)) {
        push(ev, "service",
             json_pack("{s:s, s:s, s:s, s:o}", "service", s->id, "from", level_name(was->level),
                       "to", level_name(s->level), "since", jtime(s->since)));
        added++;
    }
    for (size_t c = 0; c < snap->ncolumns; c++) {
        const struct snap_cell *cell = &s->cells[c];
        if (!news(was->cells[c], cell->level))
            continue;
        push(ev, "cell",
             json_pack("{s:s, s:s, s:s, s:s, s:b, s:s?, s:s, s:o}", "service", s->id, "region",
                       region_code(snap->columns[c]), "from", level_name(was->cells[c]), "to",
                       level_name(cell->level), "possible", cell->possible, "reported_for",
                       cell->possible && cell->possible_region != REGION_NONE
                           ? region_code(cell->possible_region)
                           : NULL,
                       "evidence", evidence_kind_name(cell->evidence), "since",
                       jtime(cell->since)));
        added++;
    }
    return added;
}

static size_t incident_events(struct events *ev, const struct snap_service *s,
                              const struct seen *was)
{
    size_t added = 0;

    for (size_t i = 0; i < s->nincidents; i++) {
        const struct snap_incident *inc = &s->incidents[i];
        char *key = incident_key(inc);
        const struct seen_incident *old = find_incident(was, key);
        bool news = !old || strcmp(old->status, inc->status ? inc->status : "") != 0 ||
                    old->nupdates != inc->nupdates;
        free(key);
        if (!news)
            continue;
        const struct snap_update *u = inc->nupdates ? &inc->updates[0] : NULL;
        json_t *j = json_pack("{s:s, s:o, s:o, s:o, s:s, s:b, s:o}", "service", s->id, "incident",
                              jclean(inc->id, 80), "title", jclean(inc->title, 200), "status",
                              jclean(inc->status, 40), "level", level_name(inc->level), "open",
                              inc->open, "url", inc->url ? jclean(inc->url, 0) : json_null());
        if (u) {
            json_object_set_new(j, "update_at", jtime(u->at));
            json_object_set_new(j, "update", jclean(u->body, 1000));
        }
        push(ev, "incident", j);
        added++;
    }
    return added;
}

/* What snap shows, remembered for the next comparison. */
static void remember(struct events *ev, const struct snapshot *snap)
{
    forget_seen(ev);
    ev->seen = xcalloc(snap->nservices + 1, sizeof *ev->seen);
    ev->nseen = snap->nservices;
    for (size_t i = 0; i < snap->nservices; i++) {
        const struct snap_service *s = &snap->services[i];
        struct seen *w = &ev->seen[i];
        w->id = xstrdup(s->id);
        w->level = s->level;
        w->cells = xcalloc(snap->ncolumns + 1, sizeof *w->cells);
        for (size_t c = 0; c < snap->ncolumns; c++)
            w->cells[c] = s->cells[c].level;
        w->inc = xcalloc(s->nincidents + 1, sizeof *w->inc);
        w->ninc = s->nincidents;
        for (size_t k = 0; k < s->nincidents; k++) {
            w->inc[k].key = incident_key(&s->incidents[k]);
            w->inc[k].status = xstrdup(s->incidents[k].status ? s->incidents[k].status : "");
            w->inc[k].nupdates = s->incidents[k].nupdates;
        }
    }
    free(ev->columns);
    ev->columns = xcalloc(snap->ncolumns + 1, sizeof *ev->columns);
    memcpy(ev->columns, snap->columns, snap->ncolumns * sizeof *ev->columns);
    ev->ncolumns = snap->ncolumns;
}

size_t events_observe(struct events *ev, const struct snapshot *snap)
{
    size_t added = 0;
    bool same_columns =
        ev->ncolumns == snap->ncolumns &&
        memcmp(ev->columns, snap->columns, snap->ncolumns * sizeof *ev->columns) == 0;

    if (ev->primed && !same_columns) {
        /* other columns: the old cells say nothing of the new ones */
        push(ev, "resync", json_pack("{s:s}", "reason", "columns changed"));
        added++;
    } else if (ev->primed) {
        for (size_t i = 0; i < snap->nservices; i++) {
            const struct snap_service *s = &snap->services[i];
            const struct seen *was = find_seen(ev, s->id);
            if (!was)
                continue; /* a new service: its state is the start, as at first */
            added += cell_events(ev, snap, s, was);
            added += incident_events(ev, s, was);
        }
    }
    remember(ev, snap);
    ev->primed = true;
    return added;
}

uint64_t events_last_id(const struct events *ev)
{
    return ev->next_id - 1;
}

bool events_parse_id(const char *s, size_t len, uint64_t *id)
{
    uint64_t v = 0;

    if (!s || len == 0 || len > 19)
        return false;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (uint64_t)(s[i] - '0');
    }
    *id = v;
    return true;
}

static void put_event(struct buf *out, uint64_t id, const char *type, const char *data)
{
    buf_printf(out, "id: %llu\nevent: %s\ndata: %s\n\n", (unsigned long long)id, type, data);
}

uint64_t events_write_since(const struct events *ev, uint64_t after, struct buf *out)
{
    uint64_t oldest = ev->n ? ev->ring[ev->head].id : ev->next_id;
    uint64_t last = after;

    if (after >= ev->next_id || (after + 1 < oldest)) {
        put_event(out, events_last_id(ev), "resync",
                  after >= ev->next_id ? "{\"reason\":\"unknown event id\"}"
                                       : "{\"reason\":\"events missed are gone from the ring\"}");
        return events_last_id(ev);
    }
    for (size_t i = 0; i < ev->n; i++) {
        const struct event *e = &ev->ring[(ev->head + i) % ev->cap];
        if (e->id <= after)
            continue;
        put_event(out, e->id, e->type, e->data);
        last = e->id;
    }
    return last;
}
