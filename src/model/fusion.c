/* Fusing crowd evidence across a snapshot: which services of one family
 * spike together (a likely shared cause). Works on the snapshot's plain
 * data only. (How far the crowd led the official side is the model's: it
 * belongs to the crowd episode, see model_cells.c.) */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model_internal.h"
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

void snapshot_fuse(struct snapshot *snap, const struct config *cfg)
{
    (void)cfg;
    for (size_t i = 0; i < snap->nservices; i++)
        shared_cause(snap, &snap->services[i]);
}
