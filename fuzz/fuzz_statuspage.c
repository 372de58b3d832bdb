/* Fuzz target: bytes -> provider_statuspage.parse -> invariants on the
 * evidence. Built with -fsanitize=fuzzer for fuzzing and with replay.c for
 * make check. Any broken invariant aborts, so the fuzzer keeps the input.
 *
 * The checks recompute what the parser promises (evidence.h) by other means
 * (a jansson object as the id index instead of the parser's sorted array),
 * so a shared mistake is less likely to hide. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "sitrep/evidence.h"
#include "sitrep/provider.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "invariant failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__);          \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

static bool level_valid(enum level level)
{
    return level >= LEVEL_NONE && level < LEVEL_COUNT;
}

/* A failed parse leaves nothing behind and explains itself without echoing
 * the body: short printable ASCII only. */
static void check_failure(const struct evidence *ev, const char *err, size_t errlen)
{
    static const struct evidence zero;

    CHECK(memcmp(ev, &zero, sizeof zero) == 0);
    CHECK(memchr(err, '\0', errlen) != NULL);
    CHECK(err[0] != '\0');
    for (const char *p = err; *p; p++)
        CHECK((unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7f);
}

/* The level a component's own status maps to, before group raising. */
static enum level own_level(const struct component *c)
{
    static const char *const names[] = {
        "operational",          "under_maintenance", "degraded_performance",
        "partial_outage",       "major_outage",      "under-maintenance",
        "degraded-performance", "partial-outage",    "full-outage",
    };
    static const enum level levels[] = {
        LEVEL_OK,          LEVEL_MAINTENANCE, LEVEL_DEGRADED, LEVEL_PARTIAL, LEVEL_MAJOR,
        LEVEL_MAINTENANCE, LEVEL_DEGRADED,    LEVEL_PARTIAL,  LEVEL_MAJOR,
    };

    for (size_t i = 0; c->status && i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(c->status, names[i]) == 0)
            return levels[i];
    }
    return LEVEL_UNKNOWN;
}

/* id -> first position in document order. */
static json_t *index_components(const struct evidence *ev)
{
    json_t *index = json_object();

    CHECK(index != NULL);
    for (size_t i = 0; i < ev->ncomponents; i++) {
        const struct component *c = &ev->components[i];
        CHECK(c->id != NULL && c->id[0] != '\0');
        CHECK(c->name != NULL);
        if (!json_object_get(index, c->id))
            CHECK(json_object_set_new(index, c->id, json_integer((json_int_t)i)) == 0);
    }
    return index;
}

static void check_components(const struct evidence *ev)
{
    json_t *index = index_components(ev);
    size_t *children = calloc(ev->ncomponents ? ev->ncomponents : 1, sizeof *children);

    CHECK(children != NULL);
    for (size_t i = 0; i < ev->ncomponents; i++) {
        const struct component *c = &ev->components[i];
        const json_t *p = c->group_id ? json_object_get(index, c->group_id) : NULL;
        size_t parent = p ? (size_t)json_integer_value(p) : SIZE_MAX;
        bool linked = parent != SIZE_MAX && parent != i;

        CHECK(level_valid(c->level) && c->level != LEVEL_NONE);
        CHECK(c->level >= own_level(c));
        CHECK((c->group_name != NULL) == linked);
        if (!linked)
            continue;
        CHECK(strcmp(c->group_name, ev->components[parent].name) == 0);
        CHECK(ev->components[parent].level >= own_level(c));
        children[parent]++;
    }
    for (size_t i = 0; i < ev->ncomponents; i++) {
        const struct component *c = &ev->components[i];
        CHECK(c->nchildren == children[i]);
        CHECK(!c->nchildren || c->is_group);
        /* Raised above its own status only by a child. */
        CHECK(c->level == own_level(c) || c->nchildren > 0);
    }
    free(children);
    json_decref(index);
}

static void check_updates(const struct incident *inc)
{
    CHECK(inc->nupdates == 0 || inc->updates != NULL);
    for (size_t i = 0; i < inc->nupdates; i++) {
        /* body is never NULL ("" when absent); status is NULL when absent. */
        CHECK(inc->updates[i].body != NULL);
        if (i > 0)
            CHECK(inc->updates[i - 1].at >= inc->updates[i].at);
    }
}

static void check_component_ids(const struct incident *inc)
{
    json_t *seen = json_object();

    CHECK(seen != NULL);
    CHECK(inc->ncomponent_ids == 0 || inc->component_ids != NULL);
    for (size_t i = 0; i < inc->ncomponent_ids; i++) {
        const char *id = inc->component_ids[i];
        CHECK(id != NULL && id[0] != '\0');
        CHECK(json_object_get(seen, id) == NULL);
        CHECK(json_object_set_new(seen, id, json_true()) == 0);
    }
    json_decref(seen);
}

static time_t start_of(const struct incident *inc)
{
    return inc->started_at ? inc->started_at : inc->created_at;
}

static void check_incidents(const struct evidence *ev)
{
    for (size_t i = 0; i < ev->nincidents; i++) {
        const struct incident *inc = &ev->incidents[i];

        CHECK(inc->name != NULL);
        CHECK(level_valid(inc->level) && inc->level != LEVEL_NONE && inc->level != LEVEL_OK);
        if (inc->open && inc->maintenance)
            CHECK(inc->level == LEVEL_MAINTENANCE);
        if (i > 0) {
            const struct incident *prev = &ev->incidents[i - 1];
            CHECK(prev->open || !inc->open);
            if (prev->open == inc->open)
                CHECK(start_of(prev) >= start_of(inc));
        }
        check_updates(inc);
        check_component_ids(inc);
    }
}

static void check_levels(const struct evidence *ev)
{
    enum level want = ev->indicator_level;

    CHECK(level_valid(ev->level) && level_valid(ev->indicator_level));
    CHECK(!ev->indicator || ev->indicator_level != LEVEL_NONE);
    for (size_t i = 0; i < ev->nincidents; i++) {
        if (ev->incidents[i].open)
            want = level_worst(want, ev->incidents[i].level);
    }
    for (size_t i = 0; i < ev->ncomponents; i++)
        want = level_worst(want, ev->components[i].level);
    CHECK(ev->level == want);
    CHECK(ev->ncomponents == 0 || ev->components != NULL);
    CHECK(ev->nincidents == 0 || ev->incidents != NULL);
}

/* The parser reads with the project's own JSON reader; what it takes must
 * be JSON to jansson too (with the same checks before), so it is no less
 * strict than when it read with jansson. */
static void check_strict(const uint8_t *data, size_t size)
{
    char err[256];
    json_t *ref = provider_load_json((const char *)data, size, err, sizeof err);

    CHECK(ref != NULL);
    json_decref(ref);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct evidence ev;
    char err[256];

    memset(&ev, 0, sizeof ev);
    err[0] = '\0';
    if (provider_statuspage.parse((const char *)data, size, &ev, err, sizeof err) != 0) {
        check_failure(&ev, err, sizeof err);
        return 0;
    }
    check_strict(data, size);
    check_components(&ev);
    check_incidents(&ev);
    check_levels(&ev);
    evidence_free(&ev);
    return 0;
}
