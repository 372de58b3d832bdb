/* Internal: the built-in region tables, read only by region.c and the
 * tests. The data is the TSV files in data/regions/; tools/gen-regions.awk
 * turns them into src/core/region_tables.c at build time.
 *
 * Node ids are laid out as the areas, then the countries, then the cloud
 * regions, each in table order. Every keyed table is sorted by its first
 * member (the key) in byte order after ASCII case folding, so region.c can
 * binary-search it without building anything at run time; test_region
 * checks the order. region_resolve() trims its input and makes each run of
 * blanks one space, so keys hold single spaces only; every other spelling
 * ("&" and "and", "'" and "’", accents or not) is a key of its own. */
#ifndef SITREP_REGION_DATA_H
#define SITREP_REGION_DATA_H

#include <stddef.h>

#include "sitrep/region.h"

/* The world, macro-regions, continents and unions. Small: scanned. */
struct rd_area {
    const char *code;
    const char *name;
    enum region_kind kind;
    const char *parent;     /* an area code; NULL for the world */
    const char *members[4]; /* unions only: area codes, NULL-terminated */
};

/* Sorted by alpha2. The node's code is alpha2, except where an area already
 * uses those two letters (NA, AF, ME, AS): then it is alpha3. */
struct rd_country {
    const char *alpha2;
    const char *alpha3;
    const char *name;   /* common English short name */
    const char *parent; /* an area code */
};

/* Sorted by code. */
struct rd_cloud {
    const char *code;
    const char *name;    /* the provider's own display name */
    const char *country; /* alpha-2 */
};

/* A lookup key and what it names. */
struct rd_key {
    const char *key;
    const char *target;
};

extern const struct rd_area rd_areas[];
extern const size_t rd_area_count;
extern const struct rd_country rd_countries[];
extern const size_t rd_country_count;
extern const struct rd_cloud rd_clouds[];
extern const size_t rd_cloud_count;

/* Names for areas and other wide places ("Europe", "APJC", "US East");
 * target: a canonical node code. */
extern const struct rd_key rd_aliases[];
extern const size_t rd_alias_count;
/* Country names, their ISO forms and common aliases; target: alpha-2. */
extern const struct rd_key rd_country_names[];
extern const size_t rd_country_name_count;
/* IATA airport and metropolitan-area codes; target: alpha-2. */
extern const struct rd_key rd_iata[];
extern const size_t rd_iata_count;
/* City names, with and without accents; target: alpha-2. */
extern const struct rd_key rd_cities[];
extern const size_t rd_city_count;

#endif
