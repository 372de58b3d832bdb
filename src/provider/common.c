/* What the format files share: JSON fields, level tables, sniffing and an
 * evidence builder (see provider_internal.h). */
#include "config.h"

#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "provider_internal.h"
#include "sitrep/feed.h"
#include "sitrep/timefmt.h"
#include "sitrep/xalloc.h"

int provider_fail(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;

    if (err && errlen) {
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return -1;
}

/* ---- JSON fields ------------------------------------------------------------ */

static const char *const type_names[] = {
    [JSON_OBJECT] = "an object", [JSON_ARRAY] = "an array", [JSON_STRING] = "a string",
    [JSON_INTEGER] = "a number", [JSON_REAL] = "a number",  [JSON_TRUE] = "a boolean",
    [JSON_FALSE] = "a boolean",  [JSON_NULL] = "null",
};

const char *pj_type_name(const json_t *v)
{
    return v ? type_names[json_typeof(v)] : "missing";
}

const char *pj_str(const json_t *obj, const char *key)
{
    return json_string_value(json_object_get(obj, key));
}

char *pj_dup(const json_t *obj, const char *key)
{
    return xstrdup_or_null(pj_str(obj, key));
}

char *pj_dup_first(const json_t *obj, const char *const *keys)
{
    for (size_t i = 0; keys[i]; i++) {
        const char *s = pj_str(obj, keys[i]);
        if (s && *s)
            return xstrdup(s);
    }
    return NULL;
}

/* Before this, a time is a placeholder ("0001-01-01T00:00:00+00:00"). */
#define TIME_FLOOR 31536000

time_t pj_time(const json_t *obj, const char *key)
{
    time_t t = 0;
    const char *s = pj_str(obj, key);

    if (!s || !time_parse_iso8601(s, &t) || t < TIME_FLOOR)
        return 0;
    return t;
}

/* Seconds of 5000-01-01: an epoch value past it must be milliseconds. */
#define EPOCH_MS_ABOVE 95617584000.0

time_t pj_epoch(const json_t *obj, const char *key)
{
    const json_t *v = json_object_get(obj, key);
    double d;
    time_t t;

    if (json_is_string(v)) {
        if (!time_parse_epoch(json_string_value(v), &t))
            return 0;
        d = (double)t;
    } else if (json_is_number(v)) {
        d = json_number_value(v);
    } else {
        return 0;
    }
    if (d > EPOCH_MS_ABOVE)
        d /= 1000;
    /* Out-of-range doubles must not reach the cast (undefined behaviour). */
    if (!(d >= TIME_FLOOR && d < EPOCH_MS_ABOVE))
        return 0;
    return (time_t)d;
}

int pj_int(const json_t *obj, const char *key, int fallback)
{
    const json_t *v = json_object_get(obj, key);
    double d;

    if (json_is_string(v)) {
        char *end;
        const char *s = json_string_value(v);
        long l = strtol(s, &end, 10);
        if (end == s || *end || l < INT_MIN || l > INT_MAX)
            return fallback;
        return (int)l;
    }
    if (!json_is_number(v))
        return fallback;
    d = json_number_value(v);
    if (d >= (double)INT_MAX)
        return INT_MAX;
    if (d <= (double)INT_MIN)
        return INT_MIN;
    return (int)d;
}

/* ---- fields of a jdoc -------------------------------------------------------- */

char *jf_id(struct jdoc *d, jref obj, const char *key)
{
    jref v = jd_get(d, obj, key);
    const char *s = jd_str(d, v);
    bool ok;
    double x;

    if (s)
        return *s ? xstrdup(s) : NULL;
    x = jd_num(d, v, &ok);
    if (!ok || !(x >= -1e15 && x <= 1e15) || x != (double)(long long)x)
        return NULL;
    return xasprintf("%lld", (long long)x);
}

const char *jf_str(struct jdoc *d, jref obj, const char *key)
{
    return jd_str(d, jd_get(d, obj, key));
}

char *jv_dup(struct jdoc *d, jref v)
{
    const char *s = jd_str(d, v);
    char *copy;

    if (!s)
        return NULL;
    /* the length is known (and the string has no NUL): no strlen */
    copy = xmalloc((size_t)d->nodes[v].len + 1);
    memcpy(copy, s, (size_t)d->nodes[v].len + 1);
    return copy;
}

char *jf_dup(struct jdoc *d, jref obj, const char *key)
{
    return jv_dup(d, jd_get(d, obj, key));
}

char *jf_dup_first(struct jdoc *d, jref obj, const char *const *keys)
{
    for (size_t i = 0; keys[i]; i++) {
        const char *s = jf_str(d, obj, keys[i]);
        if (s && *s)
            return xstrdup(s);
    }
    return NULL;
}

time_t jv_time(struct jdoc *d, jref v)
{
    time_t t = 0;
    const char *s = jd_str(d, v);

    if (!s || !time_parse_iso8601(s, &t) || t < TIME_FLOOR)
        return 0;
    return t;
}

time_t jf_time(struct jdoc *d, jref obj, const char *key)
{
    return jv_time(d, jd_get(d, obj, key));
}

/* As pj_epoch: a number or a string of digits, milliseconds past 5000. */
time_t jf_epoch(struct jdoc *d, jref obj, const char *key)
{
    jref v = jd_get(d, obj, key);
    const char *s = jd_str(d, v);
    bool ok = true;
    double x;
    time_t t;

    if (s) {
        if (!time_parse_epoch(s, &t))
            return 0;
        x = (double)t;
    } else {
        x = jd_num(d, v, &ok);
        if (!ok)
            return 0;
    }
    if (x > EPOCH_MS_ABOVE)
        x /= 1000;
    if (!(x >= TIME_FLOOR && x < EPOCH_MS_ABOVE))
        return 0;
    return (time_t)x;
}

int jv_int(struct jdoc *d, jref v, int fallback)
{
    const char *s = jd_str(d, v);
    bool ok;
    double x;

    if (s) {
        char *end;
        long l = strtol(s, &end, 10);
        return end == s || *end || l < INT_MIN || l > INT_MAX ? fallback : (int)l;
    }
    x = jd_num(d, v, &ok);
    if (!ok)
        return fallback;
    if (x >= (double)INT_MAX)
        return INT_MAX;
    if (x <= (double)INT_MIN)
        return INT_MIN;
    return (int)x;
}

int jf_int(struct jdoc *d, jref obj, const char *key, int fallback)
{
    return jv_int(d, jd_get(d, obj, key), fallback);
}

/* ---- levels ------------------------------------------------------------------- */

enum level level_map_find(const struct level_map *map, const char *name, enum level fallback)
{
    for (size_t i = 0; name && map[i].name; i++) {
        if (strcmp(map[i].name, name) == 0)
            return map[i].level;
    }
    return fallback;
}

/* Compares name with key (lower case, no separators), skipping blanks, '-'
 * and '_' in name and folding its ASCII case. */
static bool loose_equal(const char *name, const char *key)
{
    for (;; name++) {
        unsigned char c = (unsigned char)*name;
        if (c == ' ' || c == '-' || c == '_' || c == '\t')
            continue;
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        if (c != (unsigned char)*key)
            return false;
        if (!c)
            return true;
        key++;
    }
}

enum level level_map_find_loose(const struct level_map *map, const char *name, enum level fallback)
{
    for (size_t i = 0; name && map[i].name; i++) {
        if (loose_equal(name, map[i].name))
            return map[i].level;
    }
    return fallback;
}

bool str_in_list(const char *const *list, const char *s)
{
    for (size_t i = 0; s && list[i]; i++) {
        if (strcmp(list[i], s) == 0)
            return true;
    }
    return false;
}

/* ---- cloud regions --------------------------------------------------------- */

static bool lower_alpha(char c)
{
    return c >= 'a' && c <= 'z';
}

bool aws_region_code(const char *s)
{
    const char *p = s;
    int words = 0;

    if (!s || !lower_alpha(s[0]) || !lower_alpha(s[1]) || s[2] != '-')
        return false;
    for (p = s + 3; lower_alpha(*p);) {
        while (lower_alpha(*p))
            p++;
        if (*p++ != '-')
            return false;
        words++;
    }
    if (words == 0 || *p < '0' || *p > '9')
        return false;
    while (*p >= '0' && *p <= '9')
        p++;
    return *p == '\0';
}

/* The shortest suffix that is shaped like a region wins: in
 * "neptune-db-me-central-1", "db-me-central-1" is shaped like one too. */
const char *aws_region_suffix(const char *key)
{
    for (const char *p = key ? key + strlen(key) : NULL; p && p > key; p--) {
        if (p[-1] == '-' && aws_region_code(p))
            return p;
    }
    return NULL;
}

/* ---- sniffing ------------------------------------------------------------------ */

#define SNIFF_WINDOW 8192

int sniff_first(const char *body, size_t len)
{
    const unsigned char *p = (const unsigned char *)body;
    size_t i = 0;

    if (len >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
        i = 3;
    else if (len >= 2 && ((p[0] == 0xff && p[1] == 0xfe) || (p[0] == 0xfe && p[1] == 0xff)))
        i = 2;
    for (; i < len && i < SNIFF_WINDOW; i++) {
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r' && p[i] != '\n' && p[i] != 0)
            return p[i];
    }
    return -1;
}

/* The ASCII characters of a UTF-16 window (others as '?'), to look into. */
static size_t utf16_ascii(const unsigned char *p, size_t n, bool big, char *out)
{
    size_t k = 0;

    for (size_t i = 2; i + 1 < n; i += 2) {
        unsigned hi = big ? p[i] : p[i + 1], lo = big ? p[i + 1] : p[i];
        out[k++] = hi == 0 && lo < 0x80 ? (char)lo : '?';
    }
    return k;
}

static bool window_has(const char *p, size_t n, const char *needle)
{
    size_t k = strlen(needle);

    for (size_t i = 0; k && i + k <= n; i++) {
        if (p[i] == needle[0] && memcmp(p + i, needle, k) == 0)
            return true;
    }
    return false;
}

bool sniff_has(const char *body, size_t len, const char *needle)
{
    const unsigned char *p = (const unsigned char *)body;
    size_t n = len < SNIFF_WINDOW ? len : SNIFF_WINDOW;
    char ascii[SNIFF_WINDOW / 2];

    if (n >= 2 && ((p[0] == 0xff && p[1] == 0xfe) || (p[0] == 0xfe && p[1] == 0xff)))
        return window_has(ascii, utf16_ascii(p, n, p[0] == 0xfe, ascii), needle);
    return window_has(body, n, needle);
}

/* ---- building evidence ------------------------------------------------------ */

static size_t hash_id(const char *s)
{
    uint64_t h = 1469598103934665603ULL;

    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return (size_t)h;
}

/* The slot holding id, or the empty one where it would go. */
static size_t *slot_of(const struct evb *b, const char *id)
{
    size_t mask = b->nslots - 1;

    for (size_t i = hash_id(id) & mask;; i = (i + 1) & mask) {
        size_t at = b->slots[i];
        if (!at || strcmp(b->ev.components[at - 1].id, id) == 0)
            return &b->slots[i];
    }
}

/* Keeps the table at most half full. */
static void grow_slots(struct evb *b)
{
    size_t n = b->ev.ncomponents;

    if (b->nslots && 2 * (n + 1) <= b->nslots)
        return;
    free(b->slots);
    b->nslots = b->nslots ? 2 * b->nslots : 64;
    b->slots = xcalloc(b->nslots, sizeof *b->slots);
    for (size_t i = 0; i < n; i++)
        *slot_of(b, b->ev.components[i].id) = i + 1;
}

/* The incident slot holding id, or the empty one where it would go. */
static size_t *islot_of(const struct evb *b, const char *id)
{
    size_t mask = b->nislots - 1;

    for (size_t i = hash_id(id) & mask;; i = (i + 1) & mask) {
        size_t at = b->islots[i];
        if (!at || strcmp(b->ev.incidents[at - 1].id, id) == 0)
            return &b->islots[i];
    }
}

struct incident *evb_incident_keyed(struct evb *b, const char *id, bool *is_new)
{
    struct incident *inc;
    size_t n = b->ev.nincidents;

    if (!b->nislots || 2 * (n + 1) > b->nislots) {
        free(b->islots);
        b->nislots = b->nislots ? 2 * b->nislots : 64;
        b->islots = xcalloc(b->nislots, sizeof *b->islots);
        for (size_t i = 0; i < n; i++) {
            if (b->ev.incidents[i].id)
                *islot_of(b, b->ev.incidents[i].id) = i + 1;
        }
    }
    size_t *slot = islot_of(b, id);
    *is_new = !*slot;
    if (*slot)
        return &b->ev.incidents[*slot - 1];
    inc = evb_incident(b);
    inc->id = xstrdup(id);
    *slot = b->ev.nincidents;
    return inc;
}

struct component *evb_component(struct evb *b, const char *id, const char *name, enum level level)
{
    struct evidence *ev = &b->ev;
    size_t *slot;
    struct component *c;

    grow_slots(b);
    slot = slot_of(b, id);
    if (*slot) {
        c = &ev->components[*slot - 1];
        c->level = level_worst(c->level, level);
        return c;
    }
    if (ev->ncomponents == b->ccap) {
        b->ccap = b->ccap ? 2 * b->ccap : 16;
        ev->components = xreallocarray(ev->components, b->ccap, sizeof *ev->components);
    }
    c = &ev->components[ev->ncomponents];
    memset(c, 0, sizeof *c);
    c->id = xstrdup(id);
    c->name = xstrdup(name && *name ? name : id);
    c->level = level;
    c->region = REGION_NONE;
    *slot = ++ev->ncomponents;
    return c;
}

struct component *evb_find(struct evb *b, const char *id)
{
    size_t *slot;

    if (!b->nslots || !id)
        return NULL;
    slot = slot_of(b, id);
    return *slot ? &b->ev.components[*slot - 1] : NULL;
}

struct incident *evb_incident(struct evb *b)
{
    struct evidence *ev = &b->ev;

    if (ev->nincidents == b->icap) {
        b->icap = b->icap ? 2 * b->icap : 8;
        ev->incidents = xreallocarray(ev->incidents, b->icap, sizeof *ev->incidents);
    }
    memset(&ev->incidents[ev->nincidents], 0, sizeof *ev->incidents);
    return &ev->incidents[ev->nincidents++];
}

void incident_add_component(struct incident *inc, const char *id)
{
    /* Past this an incident's list says no more than "nearly all" and the
     * check for repeats would grow with its square. */
    if (inc->ncomponent_ids >= INCIDENT_MAX_COMPONENTS)
        return;
    for (size_t i = 0; i < inc->ncomponent_ids; i++) {
        if (strcmp(inc->component_ids[i], id) == 0)
            return;
    }
    inc->component_ids =
        xreallocarray(inc->component_ids, inc->ncomponent_ids + 1, sizeof *inc->component_ids);
    inc->component_ids[inc->ncomponent_ids++] = xstrdup(id);
}

void incident_add_location(struct incident *inc, const char *text, region_id region)
{
    if (inc->nlocations >= INCIDENT_MAX_COMPONENTS)
        return;
    for (size_t i = 0; i < inc->nlocations; i++) {
        if (strcmp(inc->locations[i].text, text) == 0)
            return;
    }
    inc->locations = xreallocarray(inc->locations, inc->nlocations + 1, sizeof *inc->locations);
    inc->locations[inc->nlocations++] = (struct incident_location){xstrdup(text), region};
}

void incident_add_update(struct incident *inc, const char *status, char *body, time_t at)
{
    inc->updates = xreallocarray(inc->updates, inc->nupdates + 1, sizeof *inc->updates);
    inc->updates[inc->nupdates++] =
        (struct incident_update){xstrdup_or_null(status), body ? body : xstrdup(""), at};
}

/* Sorting with the original position as the tie-break keeps equal keys in
 * document order (qsort is not stable). */
struct update_slot {
    struct incident_update u;
    size_t pos;
};

static int update_cmp(const void *a, const void *b)
{
    const struct update_slot *x = a, *y = b;

    if (x->u.at != y->u.at)
        return x->u.at > y->u.at ? -1 : 1;
    return (x->pos > y->pos) - (x->pos < y->pos);
}

static void sort_updates(struct incident *inc)
{
    struct update_slot *s;

    if (inc->nupdates < 2)
        return;
    s = xreallocarray(NULL, inc->nupdates, sizeof *s);
    for (size_t i = 0; i < inc->nupdates; i++)
        s[i] = (struct update_slot){inc->updates[i], i};
    qsort(s, inc->nupdates, sizeof *s, update_cmp);
    for (size_t i = 0; i < inc->nupdates; i++)
        inc->updates[i] = s[i].u;
    free(s);
}

struct incident_slot {
    struct incident inc;
    size_t pos;
};

static time_t start_of(const struct incident *inc)
{
    return inc->started_at ? inc->started_at : inc->created_at;
}

static int incident_cmp(const void *a, const void *b)
{
    const struct incident_slot *x = a, *y = b;

    if (x->inc.open != y->inc.open)
        return x->inc.open ? -1 : 1;
    if (start_of(&x->inc) != start_of(&y->inc))
        return start_of(&x->inc) > start_of(&y->inc) ? -1 : 1;
    return (x->pos > y->pos) - (x->pos < y->pos);
}

static void sort_incidents(struct evidence *ev)
{
    struct incident_slot *s;

    if (ev->nincidents < 2)
        return;
    s = xreallocarray(NULL, ev->nincidents, sizeof *s);
    for (size_t i = 0; i < ev->nincidents; i++)
        s[i] = (struct incident_slot){ev->incidents[i], i};
    qsort(s, ev->nincidents, sizeof *s, incident_cmp);
    for (size_t i = 0; i < ev->nincidents; i++)
        ev->incidents[i] = s[i].inc;
    free(s);
}

void evb_finish(struct evb *b, size_t max_closed, struct evidence *out)
{
    struct evidence *ev = &b->ev;
    size_t keep = 0, closed = 0;

    for (size_t i = 0; i < ev->nincidents; i++)
        sort_updates(&ev->incidents[i]);
    sort_incidents(ev);
    for (size_t i = 0; i < ev->nincidents; i++) {
        if (!ev->incidents[i].open && closed++ >= max_closed)
            incident_free(&ev->incidents[i]);
        else
            ev->incidents[keep++] = ev->incidents[i];
    }
    ev->nincidents = keep;
    if (keep == 0) {
        free(ev->incidents);
        ev->incidents = NULL;
    }
    if (ev->ncomponents == 0) {
        free(ev->components);
        ev->components = NULL;
    }
    evidence_update_level(ev);
    free(b->slots);
    free(b->islots);
    *out = *ev;
    memset(b, 0, sizeof *b);
}

void evb_abort(struct evb *b)
{
    free(b->slots);
    free(b->islots);
    evidence_free(&b->ev);
    memset(b, 0, sizeof *b);
}

int provider_read_jdoc(const char *body, size_t len, jdoc_read_fn read, struct evb *b, char *err,
                       size_t errlen)
{
    struct jdoc d;
    int rc;

    if (provider_load_jdoc(body, len, &d, err, errlen) != 0)
        return -1;
    rc = read(&d, b, err, errlen);
    jdoc_free(&d);
    if (rc != 0) {
        evb_abort(b);
        return -1;
    }
    return 0;
}

int provider_each_object(struct jdoc *d, jref arr, const char *doc, const char *item,
                         void (*one)(struct jdoc *d, struct evb *b, jref obj), struct evb *b,
                         char *err, size_t errlen)
{
    size_t i = 0;

    if (jd_type(d, arr) != JT_ARRAY)
        return provider_fail(err, errlen, "not %s: the root is %s, expected an array", doc,
                             jd_type_name(d, arr));
    for (jref v = jd_first(d, arr); v; v = jd_next(d, arr, v), i++) {
        if (jd_type(d, v) != JT_OBJECT)
            return provider_fail(err, errlen, "%s %zu is %s, expected an object", item, i,
                                 jd_type_name(d, v));
        one(d, b, v);
    }
    return 0;
}

void evb_take_feed(struct evb *b, struct feed *f)
{
    b->ev.page_name = xstrdup_or_null(f->title);
    b->ev.page_url = xstrdup_or_null(f->link);
    b->ev.updated_at = f->updated;
    feed_free(f);
}
