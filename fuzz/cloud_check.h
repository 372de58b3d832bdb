/* Invariants every cloud-format parser promises (evidence.h, provider.h),
 * checked after each run of a fuzz target; a broken one aborts, so the
 * fuzzer keeps the input. Included by the fuzz_<format>.c targets, each of
 * which names its format and calls cloud_fuzz_one(). */
#ifndef SITREP_FUZZ_CLOUD_CHECK_H
#define SITREP_FUZZ_CLOUD_CHECK_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"
#include "sitrep/evidence.h"
#include "sitrep/provider.h"

static inline int cloud_level_ok(enum level level)
{
    return level > LEVEL_NONE && level < LEVEL_COUNT;
}

/* A failure leaves nothing and explains itself in printable ASCII. */
static inline void cloud_check_failure(const struct evidence *ev, const char *err, size_t errlen)
{
    static const struct evidence zero;

    CHECK(memcmp(ev, &zero, sizeof zero) == 0);
    CHECK(memchr(err, '\0', errlen) != NULL && err[0] != '\0');
    for (const char *p = err; *p; p++)
        CHECK((unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7f);
}

static inline const struct component *cloud_component(const struct evidence *ev, const char *id)
{
    for (size_t i = 0; i < ev->ncomponents; i++) {
        if (strcmp(ev->components[i].id, id) == 0)
            return &ev->components[i];
    }
    return NULL;
}

static inline void cloud_check_components(const struct evidence *ev)
{
    CHECK(ev->ncomponents == 0 || ev->components != NULL);
    for (size_t i = 0; i < ev->ncomponents; i++) {
        const struct component *c = &ev->components[i];
        CHECK(c->id && *c->id && c->name);
        CHECK(cloud_level_ok(c->level));
        CHECK(c->region == REGION_NONE || *region_code(c->region));
        /* ids are unique: the builder merges repeats */
        CHECK(cloud_component(ev, c->id) == c);
    }
}

static inline void cloud_check_incident(const struct evidence *ev, const struct incident *inc)
{
    CHECK(inc->name != NULL);
    CHECK(cloud_level_ok(inc->level) && inc->level != LEVEL_OK);
    CHECK(inc->nupdates == 0 || inc->updates != NULL);
    for (size_t i = 0; i < inc->nupdates; i++) {
        CHECK(inc->updates[i].body != NULL);
        if (i > 0)
            CHECK(inc->updates[i - 1].at >= inc->updates[i].at);
    }
    for (size_t i = 0; i < inc->nlocations; i++) {
        CHECK(inc->locations[i].text && *inc->locations[i].text);
        CHECK(inc->locations[i].region == REGION_NONE || *region_code(inc->locations[i].region));
        for (size_t j = 0; j < i; j++)
            CHECK(strcmp(inc->locations[i].text, inc->locations[j].text) != 0);
    }
    /* Every component an incident names is in the evidence. */
    for (size_t i = 0; i < inc->ncomponent_ids; i++)
        CHECK(cloud_component(ev, inc->component_ids[i]) != NULL);
}

static inline void cloud_check(const struct evidence *ev)
{
    enum level want = ev->quiet_is_ok ? LEVEL_OK : LEVEL_NONE;

    cloud_check_components(ev);
    CHECK(ev->nincidents == 0 || ev->incidents != NULL);
    for (size_t i = 0; i < ev->nincidents; i++) {
        const struct incident *inc = &ev->incidents[i];
        cloud_check_incident(ev, inc);
        if (i > 0)
            CHECK(ev->incidents[i - 1].open || !inc->open); /* open ones first */
        if (inc->open)
            want = level_worst(want, inc->level);
    }
    want = level_worst(want, ev->indicator_level);
    for (size_t i = 0; i < ev->ncomponents; i++)
        want = level_worst(want, ev->components[i].level);
    CHECK(ev->level == want);
}

/* Parses data with the named format and checks what comes out. */
static inline int cloud_fuzz_one(const char *format, const uint8_t *data, size_t size)
{
    const struct provider *p = provider_find(format);
    struct evidence ev;
    char err[256];

    CHECK(p != NULL);
    memset(&ev, 0, sizeof ev);
    err[0] = '\0';
    if (p->parse((const char *)data, size, &ev, err, sizeof err) != 0) {
        cloud_check_failure(&ev, err, sizeof err);
        return 0;
    }
    cloud_check(&ev);
    /* sniffing never reads past the body either */
    (void)provider_sniff((const char *)data, size);
    evidence_free(&ev);
    return 0;
}

#endif
