/* Fusing crowd evidence across a snapshot: which services of one family
 * spike together (a likely shared cause). Works on the snapshot's plain
 * data only. (How far the crowd led the official side is the model's: it
 * belongs to the crowd episode, see model_cells.c.) */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model_internal.h"
#include "sitrep/buf.h"
#include "sitrep/xalloc.h"

/* Services of one family whose crowd problems began this close together
 * count as one event. */
#define SHARED_WINDOW_S (2 * 3600)

static bool crowd_problem(const struct snap_crowd *c)
{
    return level_is_problem(c->level) && c->level >= LEVEL_DEGRADED;
}

/* Appends r to the service's shared regions unless one already covers it. */
static void add_shared_region(struct snap_service *s, region_id r)
{
    for (size_t i = 0; i < s->nshared_regions; i++) {
        if (s->shared_regions[i] == r)
            return;
    }
    s->shared_regions =
        xreallocarray(s->shared_regions, s->nshared_regions + 1, sizeof *s->shared_regions);
    s->shared_regions[s->nshared_regions++] = r;
}

/* The regions where both a and b have crowd problems; returns how many. */
static size_t common_regions(struct snap_service *a, const struct snap_service *b)
{
    size_t found = 0;

    for (size_t i = 0; i < a->ncrowd; i++) {
        if (!crowd_problem(&a->crowd[i]))
            continue;
        for (size_t j = 0; j < b->ncrowd; j++) {
            if (crowd_problem(&b->crowd[j]) &&
                region_overlaps(a->crowd[i].region, b->crowd[j].region)) {
                add_shared_region(a, a->crowd[i].region);
                found++;
                break;
            }
        }
    }
    return found;
}

static bool same_window(const struct snap_service *a, const struct snap_service *b)
{
    time_t d = a->crowd_since > b->crowd_since ? a->crowd_since - b->crowd_since
                                               : b->crowd_since - a->crowd_since;

    return a->crowd_since && b->crowd_since && d <= SHARED_WINDOW_S;
}

static void shared_cause(struct snapshot *snap, struct snap_service *s)
{
    if (!s->family || !s->crowd_since)
        return;
    for (size_t i = 0; i < snap->nservices; i++) {
        struct snap_service *t = &snap->services[i];
        if (t == s || !t->family || strcmp(t->family, s->family) != 0 || !same_window(s, t))
            continue;
        if (common_regions(s, t) == 0)
            continue;
        s->shared_with = xreallocarray(s->shared_with, s->nshared_with + 1, sizeof *s->shared_with);
        s->shared_with[s->nshared_with++] = xstrdup(t->name);
    }
    if (s->nshared_with)
        s->shared_family = xstrdup(s->family);
}

/* A service that measures the network itself (its source reads IODA). */
static bool network_service(const struct snap_service *s)
{
    for (size_t i = 0; i < s->nsources; i++) {
        if (s->sources[i].format && strcmp(s->sources[i].format, "ioda") == 0)
            return true;
    }
    return false;
}

/* The regions of n's open incidents that overlap a crowd problem of s. */
static void network_overlap(struct snap_service *s, const struct snap_service *n, struct buf *b)
{
    for (size_t i = 0; i < n->nincidents; i++) {
        const struct snap_incident *inc = &n->incidents[i];
        if (!inc->open || !level_is_problem(inc->level))
            continue;
        for (size_t r = 0; r < inc->nregions; r++) {
            bool hit = false;
            for (size_t c = 0; c < s->ncrowd && !hit; c++)
                hit = crowd_problem(&s->crowd[c]) &&
                      region_overlaps(s->crowd[c].region, inc->regions[r]);
            if (hit && !strstr(buf_str(b), region_code(inc->regions[r])))
                buf_printf(b, " %s", region_code(inc->regions[r]));
        }
    }
}

/* So that a country that lost its connectivity is not taken for an app's
 * outage: the network row's trouble where the crowd sees trouble. */
static void network_cause(struct snapshot *snap, struct snap_service *s)
{
    if (!s->crowd_since || network_service(s))
        return;
    for (size_t i = 0; i < snap->nservices; i++) {
        struct snap_service *n = &snap->services[i];
        struct buf b = {0};
        if (n == s || !network_service(n))
            continue;
        network_overlap(s, n, &b);
        if (b.len && !s->network_hint)
            s->network_hint = xasprintf("%s shows a connectivity drop in%s at the same time: "
                                        "the network may explain it",
                                        n->name, buf_str(&b));
        buf_free(&b);
    }
}

void snapshot_fuse(struct snapshot *snap, const struct config *cfg)
{
    (void)cfg;
    for (size_t i = 0; i < snap->nservices; i++) {
        shared_cause(snap, &snap->services[i]);
        network_cause(snap, &snap->services[i]);
    }
}

/* Only a service with a crowd episode gets hints, and only from the others:
 * after some services of a live snapshot were built anew, the hints of
 * every such service are made again, and those of no other. */
void snapshot_fuse_again(struct snapshot *snap)
{
    for (size_t i = 0; i < snap->nservices; i++) {
        struct snap_service *s = &snap->services[i];
        if (!s->crowd_since && !s->shared_family && !s->network_hint && !s->nshared_with &&
            !s->nshared_regions)
            continue;
        free(s->shared_family);
        free(s->network_hint);
        for (size_t k = 0; k < s->nshared_with; k++)
            free(s->shared_with[k]);
        free(s->shared_with);
        free(s->shared_regions);
        s->shared_family = s->network_hint = NULL;
        s->shared_with = NULL;
        s->shared_regions = NULL;
        s->nshared_with = s->nshared_regions = 0;
        shared_cause(snap, s);
        network_cause(snap, s);
    }
}
