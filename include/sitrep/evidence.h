/* Evidence: what one response of one source says, in plain data.
 * Providers produce it (pure: body in, evidence out), region rules tag it,
 * the model turns it into cells. Strings are raw remote text: they go
 * through the sanitizer before anything shows or exports them. */
#ifndef SITREP_EVIDENCE_H
#define SITREP_EVIDENCE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "sitrep/level.h"
#include "sitrep/region.h"

struct component {
    char *id;         /* stable key; names are not unique */
    char *name;       /* never NULL: the id when the page gives no name */
    char *group_id;   /* parent group id, or NULL */
    char *group_name; /* parent group name, resolved by id, or NULL */
    char *status;     /* the raw status string, e.g. "partial_outage" */
    enum level level;
    bool is_group;     /* a container; its level is the worst of its children */
    size_t nchildren;  /* components in this document whose parent it is */
    int position;      /* clamped to the int range */
    time_t updated_at; /* last status change, 0 when absent */
    region_id region;  /* set by region rules; REGION_NONE before */
};

struct incident_update {
    char *status; /* "investigating", "identified", ...; NULL when absent */
    char *body;   /* plain text, may contain CR/LF; never NULL ("" when absent) */
    time_t at;    /* display_at, else created_at */
};

/* Incidents and maintenances. incidents.json may list maintenances too:
 * those come out with maintenance set. */
struct incident {
    char *id;         /* may be NULL */
    char *name;       /* never NULL: "(untitled)" when absent */
    char *status;     /* raw: investigating ... resolved, scheduled ... completed */
    char *impact;     /* raw: none, minor, major, critical, maintenance */
    char *url;        /* shortlink, may be NULL */
    enum level level; /* what this incident contributes while it is open */
    bool open;        /* unresolved incident or in-progress maintenance */
    bool maintenance; /* a scheduled maintenance rather than an incident */
    time_t created_at, updated_at, started_at, resolved_at;
    time_t scheduled_for, scheduled_until; /* maintenances only */
    char **component_ids;                  /* affected components by id */
    size_t ncomponent_ids;
    struct incident_update *updates; /* newest first */
    size_t nupdates;
};

struct evidence {
    char *page_name;            /* may be NULL */
    char *page_url;             /* may be NULL */
    char *indicator;            /* raw status.indicator, NULL when absent */
    char *description;          /* raw status.description, NULL when absent */
    enum level indicator_level; /* LEVEL_NONE when there is no indicator */
    time_t updated_at;
    /* worst of indicator, open incidents' levels and component levels */
    enum level level;
    struct component *components; /* in document order */
    size_t ncomponents;
    struct incident *incidents; /* open ones first, then by start, newest first */
    size_t nincidents;
};

/* Frees everything ev owns and zeroes it. Safe on a zeroed struct. */
void evidence_free(struct evidence *ev);
/* Finds a component by id; NULL when absent. */
const struct component *evidence_component(const struct evidence *ev, const char *id);
/* Recomputes ev->level from indicator, open incidents and components. */
void evidence_update_level(struct evidence *ev);

#endif
