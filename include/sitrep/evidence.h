/* Evidence: what one response of one source says, in plain data.
 * Providers produce it (pure: body in, evidence out), region rules tag it,
 * the model turns it into cells. Strings are raw remote text: they go
 * through the sanitizer before anything shows or exports them. */
#ifndef SITREP_EVIDENCE_H
#define SITREP_EVIDENCE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "sitrep/intern.h"
#include "sitrep/level.h"
#include "sitrep/region.h"

/* Ordered by size, the level in a byte: a dashboard of ten thousand
 * sources keeps every source's components (64 bytes each). */
struct component {
    char *id;           /* stable key; names are not unique */
    char *name;         /* never NULL: the id when the page gives no name */
    char *group_id;     /* parent group id, or NULL */
    char *group_name;   /* parent group name, resolved by id, or NULL */
    char *status;       /* the raw status string, e.g. "partial_outage" */
    time_t updated_at;  /* last status change, 0 when absent */
    int position;       /* clamped to the int range */
    region_id region;   /* set by region rules; REGION_NONE before */
    unsigned nchildren; /* components in this document whose parent it is */
    enum level level : 8;
    bool is_group; /* a container; its level is the worst of its children */
};

/* A place an incident names, as the page names it ("europe-west2", "West
 * US", an AWS region code), and the region the provider read it as. The
 * model lets the source's region rules speak first (on the sanitized
 * text), then takes region, then the source's default region. */
struct incident_location {
    char *text;       /* never NULL */
    region_id region; /* REGION_NONE when the provider could not place it */
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
    bool open;        /* unresolved incident, or maintenance in progress by the page's word */
    bool maintenance; /* a scheduled maintenance rather than an incident */
    /* A maintenance announced and not begun by the page's word: it is in
     * progress from scheduled_for to scheduled_until all the same. */
    bool scheduled;
    /* Not resolved by the page's word: it stopped listing the incident
     * (resolved_at is when we noticed). */
    bool inferred_end;
    time_t created_at, updated_at, started_at, resolved_at;
    time_t scheduled_for, scheduled_until; /* maintenances only */
    char **component_ids;                  /* affected components by id */
    size_t ncomponent_ids;
    /* Where it is, by the page's word; none: it speaks for the source's
     * default region (service-wide). */
    struct incident_location *locations;
    size_t nlocations;
    struct incident_update *updates; /* newest first */
    size_t nupdates;
};

/* A problem category of crowd reports ("login", "messages", "calls") and
 * its share of the reports, 0..1. */
struct report_category {
    char *name;
    double share;
};

/* Crowd evidence: report counts of one region in wall-clock buckets.
 * counts[i] covers [start + i * bucket_s, start + (i + 1) * bucket_s). */
struct report_series {
    char *region_text; /* how the source names the region: "FR", "fr", "France";
                          NULL when it names none */
    region_id region;  /* resolved, or REGION_NONE (the model resolves it then) */
    char *label;       /* raw remote text, e.g. the company's name, country and id on
                          that country site; may be NULL */
    int bucket_s;      /* bucket width in seconds; divides 86400 */
    /* Start of counts[0], a multiple of bucket_s. 0 means the source gives
     * no times: the last bucket is the one in progress when it was fetched. */
    time_t start;
    long *counts; /* >= 0, at most 2^53 */
    size_t ncounts;
    long *baseline;    /* per bucket, parallel to counts; NULL when not given */
    long baseline_now; /* the source's baseline for now, -1 when not given */
    enum level status; /* the source's own verdict (Downdetector success / warning /
                          danger: ok / degraded / major); LEVEL_NONE when not given */
    struct report_category *categories; /* largest share first */
    size_t ncategories;
};

/* One public post that may speak of a service (a Mastodon status, a Hacker
 * News item): the crowd's word, counted as a mention, never as a report.
 * Providers fill it; the model matches the text against the source's
 * keywords and counts distinct authors per bucket. All strings are raw
 * remote text. */
struct mention {
    char *key;    /* the post's global id (its URI, an item id): the dedupe key; never NULL */
    char *author; /* the account, with its instance when it has one; never NULL */
    char *lang;   /* language code as the poster's client set it; NULL when absent */
    char *text;   /* plain text: markup stripped, entities decoded; never NULL */
    time_t at;    /* when the post was made, by the server's clock */
    bool bot;     /* the account says it is a bot */
};

struct evidence {
    char *page_name;            /* may be NULL; a report feed's source */
    char *page_url;             /* may be NULL */
    char *indicator;            /* raw status.indicator, NULL when absent */
    char *description;          /* raw status.description, NULL when absent */
    enum level indicator_level; /* LEVEL_NONE when there is no indicator */
    /* An event feed (Google, AWS, Azure ...) names problems only: whatever
     * it does not name is ok, so the source says ok for its default region
     * beside the problems it lists. */
    bool quiet_is_ok;
    time_t updated_at; /* page.updated_at, or a report feed's generated_at */
    /* worst of indicator, open incidents' levels and component levels (and
     * ok for an event feed) */
    enum level level;
    struct component *components; /* in document order */
    size_t ncomponents;
    struct incident *incidents; /* open ones first, then by start, newest first */
    size_t nincidents;
    struct report_series *reports; /* crowd evidence, one per region */
    size_t nreports;
    struct mention *mentions; /* public posts, newest first as the source lists them */
    size_t nmentions;
    /* A query parameter the next request of this source should carry
     * ("min_id=1093..."): a cursor so the next poll asks only for newer
     * posts; NULL when the source has none. */
    char *next_query;
    /* Not owned. NULL: ev owns every string. Else the strings of its
     * components (id, name, group_id, group_name, status) are this pool's
     * (evidence_intern()): copies share them, frees give them back, and
     * the pool must outlive ev and its copies. */
    struct intern *pool;
};

/* Frees everything ev owns and zeroes it. Safe on a zeroed struct. */
void evidence_free(struct evidence *ev);
/* Frees what one incident owns and zeroes it. */
void incident_free(struct incident *inc);
/* Frees what one report series owns and zeroes it. */
void report_series_free(struct report_series *r);
/* Frees what one mention owns and zeroes it. */
void mention_free(struct mention *m);
/* Makes dst a deep copy of src (dst need not be zeroed; it is overwritten);
 * pooled strings are shared, with one more reference each. */
void evidence_copy(struct evidence *dst, const struct evidence *src);
/* Makes the strings of ev's components pool's (one copy of each distinct
 * string for every evidence interned there). ev must own its strings (pool
 * NULL) or be pool's already (then nothing changes). */
void evidence_intern(struct evidence *ev, struct intern *pool);
/* About how many bytes ev holds, strings and arrays included (pooled
 * strings are the pool's and not counted). */
size_t evidence_size(const struct evidence *ev);
/* Finds a component by id; NULL when absent. */
const struct component *evidence_component(const struct evidence *ev, const char *id);
/* Places ev's components and incident locations for a source with these
 * rules: the rules first, matched on the names as they are shown (after
 * the sanitizer); then the region the provider read from the page; then the
 * rules' default region. old (may be NULL) is the same source's evidence
 * of the poll before: a component unchanged since keeps the region it had. */
void evidence_tag_regions(struct evidence *ev, const struct evidence *old,
                          const struct region_rules *rules);
/* Recomputes ev->level from indicator, open incidents and components. */
void evidence_update_level(struct evidence *ev);

#endif
