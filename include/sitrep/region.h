/* Regions: one taxonomy, built-in data, and per-source rules that tag
 * evidence with a region.
 *
 * The tree: ALL > macro-regions NA, LATAM, EU, MEA, APAC > the finer
 * continents AF and ME (inside MEA), AS and OC (inside APAC) > countries
 * (ISO 3166-1 alpha-2, every assigned code) > cloud regions (us-east-1,
 * europe-west2, westeurope ...). Some common names span several
 * macro-regions: they are union nodes (EMEA = EU + MEA, AMER = NA + LATAM),
 * children of ALL whose members are listed. Airport (IATA) codes and city
 * names are not nodes: they resolve to their country.
 *
 * A region_id is an index into the built-in table; REGION_NONE is -1.
 * NA, AF, ME and AS are taxonomy codes here, so the four countries whose
 * ISO codes collide (Namibia, Afghanistan, Montenegro, American Samoa) use
 * their alpha-3 codes (NAM, AFG, MNE, ASM); "country:NA" still finds
 * Namibia. */
#ifndef SITREP_REGION_H
#define SITREP_REGION_H

#include <stdbool.h>
#include <stddef.h>

typedef int region_id;
#define REGION_NONE (-1)

enum region_kind {
    REGION_KIND_WORLD,     /* ALL */
    REGION_KIND_MACRO,     /* NA LATAM EU MEA APAC */
    REGION_KIND_CONTINENT, /* AF ME AS OC */
    REGION_KIND_UNION,     /* EMEA AMER ... */
    REGION_KIND_COUNTRY,   /* FR JP US ... */
    REGION_KIND_CLOUD,     /* us-east-1 europe-west2 ... */
};

/* The world node (ALL). */
region_id region_all(void);

/* Exact lookup of a canonical code: "ALL", "EU", "FR", "us-east-1".
 * Case-insensitive. REGION_NONE when unknown. */
region_id region_find(const char *code);

/* Resolves free text found in a status page to a region, trying in order:
 * a canonical code, an alias ("Europe", "EMEA", "North America", "Global",
 * "APJC", "UK", "EU West"), a country name ("Netherlands", "Réunion",
 * "South Korea"), a cloud region code, an IATA airport code (3 letters,
 * "AMS"), a city name ("Frankfurt", "Sāo Paulo"); failing all of them,
 * places joined by '/' are read as a place and its country ("HONG
 * KONG/CHINA" as "Hong Kong, China": HK), else as the smallest region that
 * holds every part ("US/Canada": NA). Case-insensitive,
 * surrounding blanks ignored. An optional namespace prefix restricts the
 * lookup: "code:", "country:", "alpha3:", "iata:", "city:", "cloud:".
 * Plain three-letter text is tried as an IATA code, never as alpha-3.
 * REGION_NONE when nothing matches. */
region_id region_resolve(const char *text);

const char *region_code(region_id id);      /* "FR"; "" for REGION_NONE */
const char *region_name(region_id id);      /* "France"; "" for REGION_NONE */
enum region_kind region_kind(region_id id); /* WORLD for an invalid id */
region_id region_parent(region_id id);      /* REGION_NONE for ALL */
/* Number of nodes in the table (ids are 0 .. count-1). */
size_t region_count(void);

/* True when every place in inner is also in outer (a node contains itself;
 * ALL contains everything; a union contains its members' subtrees). */
bool region_contains(region_id outer, region_id inner);
/* True when a and b share at least one place. */
bool region_overlaps(region_id a, region_id b);

/* ---- Per-source rules ------------------------------------------------- */

enum region_field {
    REGION_FIELD_NAME,  /* the component's own name */
    REGION_FIELD_GROUP, /* its parent group's name (a group's own name) */
    REGION_FIELD_PATH,  /* "Group - Name", or the name when ungrouped */
};

struct region_rules;

struct region_rules *region_rules_new(void);
void region_rules_free(struct region_rules *rules);

/* Adds a regex rule, tried in the order added. regex is a POSIX extended
 * expression; a leading "(?i)" makes it case-insensitive. target is a region
 * code or text for region_resolve(), where $0..$9 are replaced by the
 * match's groups ("$1", "iata:$2", "EU"). When the regex matches but the
 * target does not resolve, the next rule is tried.
 * Returns 0, or -1 with a message in err (bad regex, bad target). */
int region_rules_add(struct region_rules *rules, enum region_field field, const char *regex,
                     const char *target, char *err, size_t errlen);

/* Adds an explicit mapping: a component whose id or exact name equals key
 * gets target (resolved with region_resolve()). Maps are tried before the
 * regex rules. Returns 0, or -1 with a message when target does not resolve. */
int region_rules_add_map(struct region_rules *rules, const char *key, const char *target, char *err,
                         size_t errlen);

/* How many maps and regex rules there are (0 for NULL). */
size_t region_rules_count(const struct region_rules *rules);

/* Region for evidence with no matching rule; ALL unless set. */
void region_rules_set_default(struct region_rules *rules, region_id region);
region_id region_rules_default(const struct region_rules *rules);

/* The region the maps and rules give one component (group may be NULL),
 * or REGION_NONE when none of them matches. Name and group are matched as
 * the sanitizer shows them (controls, bidi and zero-width marks gone), so
 * a mark hidden inside "Europe" cannot make a rule miss. */
region_id region_rules_match(const struct region_rules *rules, const char *id, const char *name,
                             const char *group);

/* The same answers as region_rules_match(), for a pass over many
 * components: a memo keeps each rule's verdict on each text it has seen,
 * so names and groups that repeat are matched once. rules (may be NULL)
 * must outlive the memo; free the memo at the end of the pass. */
struct region_memo;
struct region_memo *region_memo_new(const struct region_rules *rules);
region_id region_memo_match(struct region_memo *memo, const char *id, const char *name,
                            const char *group);
void region_memo_free(struct region_memo *memo);

/* Returns the region for one component (group may be NULL), matched as
 * region_rules_match() does; falls back to the default region when nothing
 * matches. */
region_id region_rules_apply(const struct region_rules *rules, const char *id, const char *name,
                             const char *group);

/* Parses the config form of a rule, "FIELD \"REGEX\" => TARGET", and adds it.
 * FIELD is name, group or path; the regex is double-quoted (\" for a quote,
 * other backslashes are kept for the regex). */
int region_rules_add_spec(struct region_rules *rules, const char *spec, char *err, size_t errlen);

#endif
