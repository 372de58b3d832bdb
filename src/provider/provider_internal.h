/* Internal to src/provider: what the format files share, so that each one
 * says only what is particular to its format. Every remote field is
 * optional and may have any type; these helpers read "absent" for anything
 * that is not what they look for. Errors never quote the body. */
#ifndef SITREP_PROVIDER_INTERNAL_H
#define SITREP_PROVIDER_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <jansson.h>

#include "sitrep/evidence.h"

/* ---- errors --------------------------------------------------------------- */

/* Writes a message into err and returns -1, for "return provider_fail(...)".
 * Formats must be constant and name fields and indexes only. */
__attribute__((format(printf, 3, 4))) int provider_fail(char *err, size_t errlen, const char *fmt,
                                                        ...);

/* ---- JSON fields ------------------------------------------------------------ */

/* "an object", "an array", "a string", "a number", "a boolean", "null",
 * "missing" (NULL). */
const char *pj_type_name(const json_t *v);
/* obj[key] as a string, NULL when absent or not a string. */
const char *pj_str(const json_t *obj, const char *key);
/* A copy of pj_str(), or NULL. */
char *pj_dup(const json_t *obj, const char *key);
/* A copy of the first non-empty string among obj[keys...] (NULL-ended), or
 * NULL. */
char *pj_dup_first(const json_t *obj, const char *const *keys);
/* obj[key] as an RFC 3339 time; 0 when absent, unparsable or before 1971
 * (Microsoft writes 0001-01-01 for "none"). */
time_t pj_time(const json_t *obj, const char *key);
/* obj[key] as seconds since the epoch, written as a number or a string of
 * digits; values past the year 5000 are taken as milliseconds. 0 when
 * absent or not a time. */
time_t pj_epoch(const json_t *obj, const char *key);
/* obj[key] as an int, clamped to the int range; fallback when absent or not
 * a number (or a string of digits). */
int pj_int(const json_t *obj, const char *key, int fallback);

/* ---- a lazy JSON reader (json.c) --------------------------------------------- */

/* For big documents read sparsely: one validating pass (grammar, UTF-8,
 * escapes, nesting up to 2048) into flat nodes over a copy of the text;
 * strings are unescaped and numbers converted only when read. */
enum jtype { JT_NONE, JT_NULL, JT_FALSE, JT_TRUE, JT_NUMBER, JT_STRING, JT_ARRAY, JT_OBJECT };

struct jnode {
    unsigned char type;
    unsigned char escaped; /* a string not unescaped yet */
    uint32_t start;        /* offset of its text (a string's: after the quote) */
    uint32_t len;          /* string: bytes; array, object: children (pairs) */
    uint32_t end;          /* the node after its subtree */
};

struct jdoc {
    char *text; /* the document's copy */
    struct jnode *nodes;
    size_t n, cap;
    /* 1 + the byte offset of the first number too large for a double, 0
     * when none: such a number reads as no number, and a format that must
     * refuse it (as jansson did) can. */
    uint32_t huge_at;
};

/* A node; 0 is "absent" and every reader takes it. The root is 1. */
typedef uint32_t jref;
#define JD_ROOT ((jref)1)

/* Parses text into *d. Returns 0, or -1 with a message naming the byte
 * ("truncated JSON at byte 9") and d freed. */
int jdoc_parse(struct jdoc *d, const char *text, size_t len, char *err, size_t errlen);
void jdoc_free(struct jdoc *d);
/* enum jtype of v; JT_NONE for 0. */
int jd_type(const struct jdoc *d, jref v);
/* "an object", "an array", ..., "missing". */
const char *jd_type_name(const struct jdoc *d, jref v);
/* Children of an array, pairs of an object; 0 for anything else. */
size_t jd_size(const struct jdoc *d, jref v);
/* The first child of an array or the first key of an object, then the
 * next one (0 after the last); an object key's value is key + 1. */
jref jd_first(const struct jdoc *d, jref v);
jref jd_next(const struct jdoc *d, jref parent, jref child);
/* obj[name] (the last one when keys repeat), 0 when absent or obj is no
 * object. */
jref jd_get(struct jdoc *d, jref obj, const char *name);
/* Several fields in one pass over obj's keys: out[i] = obj[names[i]] as
 * jd_get() finds it, for n names (only the first JD_GET_MAX are looked
 * for; the rest read as absent). For the objects a format reads by the
 * thousand. */
#define JD_GET_MAX 16
void jd_get_each(struct jdoc *d, jref obj, const char *const *names, size_t n, jref *out);
/* The string, NUL-terminated, valid while d lives; NULL when v is not a
 * string. */
const char *jd_str(struct jdoc *d, jref v);
/* The number; *ok false (and 0) when v is not a finite number. */
double jd_num(const struct jdoc *d, jref v, bool *ok);

/* The same checks as provider_load_json (UTF-16 and BOMs, HTML, empty
 * bodies), then jdoc_parse. */
int provider_load_jdoc(const char *body, size_t len, struct jdoc *d, char *err, size_t errlen);

/* Values in a jdoc, read as the pj_ helpers read jansson's fields: v is
 * a node (0 when absent). */
time_t jv_time(struct jdoc *d, jref v);
int jv_int(struct jdoc *d, jref v, int fallback);
/* A copy of the string v, or NULL when it is no string. */
char *jv_dup(struct jdoc *d, jref v);

/* Fields of objects in a jdoc, read as the pj_ helpers read jansson's. */
const char *jf_str(struct jdoc *d, jref obj, const char *key);
char *jf_dup(struct jdoc *d, jref obj, const char *key);
char *jf_dup_first(struct jdoc *d, jref obj, const char *const *keys);
time_t jf_time(struct jdoc *d, jref obj, const char *key);
time_t jf_epoch(struct jdoc *d, jref obj, const char *key);
int jf_int(struct jdoc *d, jref obj, const char *key, int fallback);
/* obj[key] as an id: a non-empty string copied, or a whole number written
 * in decimal (Cachet, Better Stack and Meta number their records); NULL
 * otherwise. */
char *jf_id(struct jdoc *d, jref obj, const char *key);

/* ---- levels ------------------------------------------------------------------- */

struct level_map {
    const char *name;
    enum level level;
};

/* The level of name in map (ended by a NULL name), compared exactly;
 * fallback when name is NULL or not there. */
enum level level_map_find(const struct level_map *map, const char *name, enum level fallback);
/* The same, but ASCII case, blanks, '-' and '_' do not count:
 * "Service degradation" finds "servicedegradation". */
enum level level_map_find_loose(const struct level_map *map, const char *name, enum level fallback);
/* Whether s is one of the NULL-ended list (exact). */
bool str_in_list(const char *const *list, const char *s);

/* ---- text ------------------------------------------------------------------- */

/* Plain text from an HTML fragment (update bodies of Azure, Microsoft,
 * AWS): tags dropped, block ends (p, div, li, br, headings) made line
 * breaks, character references decoded (named ones for the common
 * entities only), blank runs collapsed. Not a sanitizer: the result is
 * still remote text. The caller frees it. */
char *text_from_html(const char *html);
/* Plain text from the Markdown of Google's incidents: emphasis markers and
 * heading marks dropped, "[text](url)" made "text (url)". */
char *text_from_markdown(const char *md);
/* Whether text starts with prefix, ASCII case ignored. */
bool text_starts_with(const char *text, const char *prefix);
/* Appends code point cp as UTF-8; NUL, surrogates and values past
 * U+10FFFF become U+FFFD. */
struct buf;
void text_put_utf8(struct buf *out, unsigned cp);

/* ---- cloud regions --------------------------------------------------------- */

/* Whether s is shaped like an AWS region code: two letters, one or more
 * words, a number ("us-east-1", "us-gov-west-1", "ap-southeast-7"), in
 * lower case. Regions newer than the built-in table pass too. */
bool aws_region_code(const char *s);
/* Where the region code at the end of an AWS service key starts
 * ("ec2-us-west-2" -> "us-west-2", "neptune-db-me-central-1" ->
 * "me-central-1"), or NULL when it has none ("amplify", "billingconsole"). */
const char *aws_region_suffix(const char *key);

/* ---- sniffing ------------------------------------------------------------------ */

/* The first byte of body that is not a blank or part of a byte order mark
 * (UTF-8 or UTF-16), or -1. */
int sniff_first(const char *body, size_t len);
/* Whether needle occurs in the first 8 KiB of body; for a UTF-16 body,
 * each of its ASCII characters is looked for with the NUL bytes between. */
bool sniff_has(const char *body, size_t len, const char *needle);

/* ---- building evidence ------------------------------------------------------ */

/* Evidence under construction: components found by id in constant time
 * (a feed names the same one many times), incidents appended. */
struct evb {
    struct evidence ev;
    size_t ccap, icap;
    size_t *slots; /* open addressing: component index + 1, 0 empty */
    size_t nslots;
    size_t *islots; /* the same for incidents made by evb_incident_keyed() */
    size_t nislots;
};

/* The component with this id, created (name, level) when new; when it is
 * there already its level becomes the worse of the two. id must not be
 * empty. Returns it (valid until the next call). */
struct component *evb_component(struct evb *b, const char *id, const char *name, enum level level);
/* The component with this id, or NULL (valid until the next call). */
struct component *evb_find(struct evb *b, const char *id);
/* A new zeroed incident at the end (valid until the next call). */
struct incident *evb_incident(struct evb *b);
/* The incident with this id made by this function before (*is_new false),
 * else a new zeroed one with that id (*is_new true); found in constant
 * time. Valid until the next call. */
struct incident *evb_incident_keyed(struct evb *b, const char *id, bool *is_new);
/* An incident keeps at most this many component ids and places. */
#define INCIDENT_MAX_COMPONENTS 4096
/* Adds an affected component id once. */
void incident_add_component(struct incident *inc, const char *id);
/* Adds a location once (by text); text must not be empty. */
void incident_add_location(struct incident *inc, const char *text, region_id region);
/* Appends an update; takes body (NULL: ""). */
void incident_add_update(struct incident *inc, const char *status, char *body, time_t at);
/* Orders every incident's updates newest first, the incidents open first
 * then newest first, keeps only the max_closed newest closed ones, sets the
 * evidence level and moves the result to *out. */
void evb_finish(struct evb *b, size_t max_closed, struct evidence *out);
/* Frees everything b holds (after a failure). */
void evb_abort(struct evb *b);

/* The page a feed describes (its title, link, update time) into b; the
 * feed is freed. What every feed format ends with. */
struct feed;
void evb_take_feed(struct evb *b, struct feed *f);

/* The shape every JSON format's parse shares: the body loaded as a jdoc
 * (provider_load_jdoc's checks), read(d, b, err, errlen) filling b, the
 * jdoc freed. 0: b is ready for the caller to add to and evb_finish(); -1:
 * b is aborted and err says why. */
typedef int (*jdoc_read_fn)(struct jdoc *d, struct evb *b, char *err, size_t errlen);
int provider_read_jdoc(const char *body, size_t len, jdoc_read_fn read, struct evb *b, char *err,
                       size_t errlen);
/* arr must be an array of objects ("not DOC: the root is …, expected an
 * array", "ITEM 3 is …, expected an object"); each object goes to one(). */
int provider_each_object(struct jdoc *d, jref arr, const char *doc, const char *item,
                         void (*one)(struct jdoc *d, struct evb *b, jref obj), struct evb *b,
                         char *err, size_t errlen);

/* Closed incidents an event feed keeps for the timeline. */
#define PROVIDER_MAX_CLOSED 20

#endif
