/* Snapshot lifetime and small queries (see snapshot.h). */
#include "config.h"

#include <stdlib.h>

#include "sitrep/snapshot.h"

const char *evidence_kind_name(unsigned kinds)
{
    static const char *const names[] = {"none", "official", "crowd", "both"};

    return names[kinds & EVIDENCE_BOTH];
}

static void free_strings(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

static void free_incident(struct snap_incident *inc)
{
    free(inc->source);
    free(inc->id);
    free(inc->title);
    free(inc->status);
    free(inc->impact);
    free(inc->url);
    free_strings(inc->components, inc->ncomponents);
    free(inc->regions);
    for (size_t i = 0; i < inc->nupdates; i++) {
        free(inc->updates[i].status);
        free(inc->updates[i].body);
    }
    free(inc->updates);
}

static void free_service(struct snap_service *s)
{
    free(s->id);
    free(s->name);
    free(s->family);
    free(s->cells);
    for (size_t i = 0; i < s->nincidents; i++)
        free_incident(&s->incidents[i]);
    free(s->incidents);
    for (size_t i = 0; i < s->nsources; i++) {
        free(s->sources[i].id);
        free(s->sources[i].format);
        free(s->sources[i].url);
        free(s->sources[i].host);
        free(s->sources[i].page_name);
        free(s->sources[i].error);
    }
    free(s->sources);
    for (size_t i = 0; i < s->ncomponents; i++) {
        free(s->components[i].source);
        free(s->components[i].id);
        free(s->components[i].name);
        free(s->components[i].group);
    }
    free(s->components);
}

void snapshot_free(struct snapshot *snap)
{
    if (!snap)
        return;
    for (size_t i = 0; i < snap->nservices; i++)
        free_service(&snap->services[i]);
    free(snap->services);
    free(snap->columns);
    free(snap);
}

enum level snapshot_worst(const struct snapshot *snap)
{
    enum level worst = LEVEL_NONE;

    for (size_t i = 0; i < snap->nservices; i++)
        worst = level_worst(worst, snap->services[i].level);
    return worst;
}
