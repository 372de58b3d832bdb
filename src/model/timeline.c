/* The merged timeline (see timeline.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sitrep/buf.h"
#include "sitrep/sanitize.h"
#include "sitrep/timefmt.h"
#include "sitrep/timeline.h"
#include "sitrep/xalloc.h"

const char *timeline_kind_name(enum timeline_kind kind)
{
    static const char *const names[] = {"statement", "crowd", "maintenance"};

    return (unsigned)kind < sizeof names / sizeof names[0] ? names[kind] : "?";
}

struct events {
    struct timeline_event *v;
    size_t n, cap;
    const struct timeline_filter *f;
    time_t now;
};

static bool regions_pass(const struct timeline_filter *f, const region_id *r, size_t n)
{
    if (!f || f->region == REGION_NONE || n == 0)
        return true; /* an event that names no region may be anywhere */
    for (size_t i = 0; i < n; i++) {
        if (region_overlaps(f->region, r[i]))
            return true;
    }
    return false;
}

static void add(struct events *ev, const struct timeline_event *e, const region_id *r, size_t nr)
{
    const struct timeline_filter *f = ev->f;

    if (!e->at || !regions_pass(f, r, nr))
        return;
    if (f && ((f->from && e->at < f->from) || (f->to && e->at > f->to)))
        return;
    if (ev->n == ev->cap) {
        ev->cap = ev->cap ? ev->cap * 2 : 32;
        ev->v = xreallocarray(ev->v, ev->cap, sizeof *ev->v);
    }
    ev->v[ev->n++] = *e;
}

static void incident_events(struct events *ev, const struct snap_service *s,
                            const struct snap_incident *inc)
{
    struct timeline_event e = {.service = s, .incident = inc, .level = inc->level};

    if (inc->maintenance) {
        if (!inc->open && !inc->upcoming && inc->scheduled_for > ev->now)
            return; /* further off than the coming week */
        e.kind = TIMELINE_MAINTENANCE;
        e.at = inc->scheduled_for ? inc->scheduled_for : inc->started_at;
        e.until = inc->scheduled_until;
        e.level = LEVEL_MAINTENANCE;
        add(ev, &e, inc->regions, inc->nregions);
        return;
    }
    e.kind = TIMELINE_STATEMENT;
    if (inc->nupdates == 0) {
        e.at = inc->started_at;
        add(ev, &e, inc->regions, inc->nregions);
    }
    for (size_t i = 0; i < inc->nupdates; i++) {
        e.update = &inc->updates[i];
        e.at = inc->updates[i].at;
        add(ev, &e, inc->regions, inc->nregions);
    }
}

static void crowd_events(struct events *ev, const struct snap_service *s)
{
    for (size_t i = 0; i < s->nepisodes; i++) {
        const struct snap_episode *ep = &s->episodes[i];
        struct timeline_event e = {.kind = TIMELINE_CROWD,
                                   .service = s,
                                   .at = ep->start,
                                   .until = ep->end,
                                   .level = LEVEL_MAJOR,
                                   .peak = ep->peak,
                                   .evidence = ep->evidence,
                                   .nregions = ep->nregions};
        memcpy(e.regions, ep->regions, ep->nregions * sizeof *e.regions);
        add(ev, &e, e.regions, e.nregions);
    }
}

static bool service_pass(const struct timeline_filter *f, const struct snap_service *s)
{
    if (!f)
        return true;
    if (f->service && *f->service && strcmp(f->service, s->id) != 0)
        return false;
    return !(f->family && *f->family && (!s->family || strcmp(f->family, s->family) != 0));
}

static int by_time(const void *a, const void *b)
{
    const struct timeline_event *x = a, *y = b;

    if (x->at != y->at)
        return x->at < y->at ? -1 : 1;
    if (x->service != y->service)
        return strcmp(x->service->id, y->service->id);
    return (int)x->kind - (int)y->kind;
}

struct timeline_event *timeline_build(const struct snapshot *snap,
                                      const struct timeline_filter *filter, size_t *n)
{
    struct events ev = {.f = filter, .now = snap->generated_at};

    for (size_t i = 0; i < snap->nservices; i++) {
        const struct snap_service *s = &snap->services[i];
        if (!service_pass(filter, s))
            continue;
        for (size_t k = 0; k < s->nincidents; k++)
            incident_events(&ev, s, &s->incidents[k]);
        crowd_events(&ev, s);
    }
    /* qsort is not stable: ties are ordered by service and kind above,
     * and an incident's updates by their own times. */
    if (ev.n)
        qsort(ev.v, ev.n, sizeof *ev.v, by_time);
    *n = ev.n;
    return ev.v ? ev.v : xcalloc(1, sizeof *ev.v);
}

void timeline_describe(const struct timeline_event *e, unsigned san_flags, struct buf *out)
{
    char when[96];
    char *text;
    bool mentions;

    switch (e->kind) {
    case TIMELINE_STATEMENT:
        text = sanitize_str(e->incident->title, 120, san_flags | SAN_ELLIPSIS);
        buf_printf(out, "official: %s", text);
        free(text);
        if (e->update) {
            buf_puts(out, " - ");
            snap_status_describe(e->update->status, false, san_flags, out);
            text = sanitize_str(e->update->body, 240, san_flags | SAN_ELLIPSIS);
            buf_printf(out, ": %s", text);
            free(text);
        }
        break;
    case TIMELINE_CROWD:
        /* mentions alone are posts, not reports, and only possible */
        mentions = (e->evidence & EVIDENCE_MENTIONS) && !(e->evidence & EVIDENCE_CROWD);
        buf_puts(out, mentions ? "crowd mentions: possible problems" : "crowd reports: problems");
        for (size_t i = 0; i < e->nregions; i++)
            buf_printf(out, "%s%s", i ? " " : " in ", region_code(e->regions[i]));
        if (e->peak >= 0)
            buf_printf(out, ", peak %ld %s in a bucket", e->peak, mentions ? "authors" : "reports");
        if (e->until) {
            time_format_clock(e->until, e->at, when, sizeof when);
            buf_printf(out, "; clear again at %s", when);
        }
        break;
    case TIMELINE_MAINTENANCE:
        text = sanitize_str(e->incident->title, 120, san_flags | SAN_ELLIPSIS);
        buf_printf(out, "maintenance%s: %s", e->incident->upcoming ? " (upcoming)" : "", text);
        free(text);
        if (e->until) {
            time_format_clock(e->until, e->at, when, sizeof when);
            buf_printf(out, ", until %s", when);
        }
        break;
    }
}
