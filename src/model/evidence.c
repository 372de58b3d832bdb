/* Evidence lifetime and derived values (see evidence.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sitrep/evidence.h"

static void component_free(struct component *c)
{
    free(c->id);
    free(c->name);
    free(c->group_id);
    free(c->group_name);
    free(c->status);
}

void incident_free(struct incident *inc)
{
    free(inc->id);
    free(inc->name);
    free(inc->status);
    free(inc->impact);
    free(inc->url);
    for (size_t i = 0; i < inc->ncomponent_ids; i++)
        free(inc->component_ids[i]);
    free(inc->component_ids);
    for (size_t i = 0; i < inc->nupdates; i++) {
        free(inc->updates[i].status);
        free(inc->updates[i].body);
    }
    free(inc->updates);
    memset(inc, 0, sizeof *inc);
}

void report_series_free(struct report_series *r)
{
    free(r->region_text);
    free(r->label);
    free(r->counts);
    free(r->baseline);
    for (size_t i = 0; i < r->ncategories; i++)
        free(r->categories[i].name);
    free(r->categories);
    memset(r, 0, sizeof *r);
}

void evidence_free(struct evidence *ev)
{
    if (!ev)
        return;
    free(ev->page_name);
    free(ev->page_url);
    free(ev->indicator);
    free(ev->description);
    for (size_t i = 0; i < ev->ncomponents; i++)
        component_free(&ev->components[i]);
    free(ev->components);
    for (size_t i = 0; i < ev->nincidents; i++)
        incident_free(&ev->incidents[i]);
    free(ev->incidents);
    for (size_t i = 0; i < ev->nreports; i++)
        report_series_free(&ev->reports[i]);
    free(ev->reports);
    memset(ev, 0, sizeof *ev);
}

const struct component *evidence_component(const struct evidence *ev, const char *id)
{
    for (size_t i = 0; id && i < ev->ncomponents; i++) {
        if (ev->components[i].id && strcmp(ev->components[i].id, id) == 0)
            return &ev->components[i];
    }
    return NULL;
}

void evidence_update_level(struct evidence *ev)
{
    enum level level = ev->indicator_level;

    for (size_t i = 0; i < ev->nincidents; i++) {
        if (ev->incidents[i].open)
            level = level_worst(level, ev->incidents[i].level);
    }
    for (size_t i = 0; i < ev->ncomponents; i++)
        level = level_worst(level, ev->components[i].level);
    ev->level = level;
}
