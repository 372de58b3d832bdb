/* Regions: lookups, containment, the built-in tables and per-source rules
 * written the way the catalog writes them for real status pages. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "../src/core/region_data.h"
#include "sitrep/region.h"
#include "tap.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* The code of what text resolves to; "" for nothing. */
static const char *resolved(const char *text)
{
    return region_code(region_resolve(text));
}

static region_id id(const char *code)
{
    region_id r = region_find(code);

    if (r == REGION_NONE)
        tap_diag("no node with code '%s'", code);
    return r;
}

struct text_case {
    const char *text;
    const char *want; /* a region code, "" for REGION_NONE */
};

static void check_cases(const char *what, const struct text_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++)
        is_str(resolved(cases[i].text), cases[i].want, "%s: '%s'", what, cases[i].text);
}

/* ---- lookups ------------------------------------------------------------- */

static void test_find(void)
{
    is_str(region_code(region_find("ALL")), "ALL", "find ALL");
    is_str(region_code(region_find("all")), "ALL", "find is case-insensitive");
    is_str(region_code(region_find("EU")), "EU", "find EU");
    is_str(region_code(region_find("FR")), "FR", "find FR");
    is_str(region_code(region_find("fr")), "FR", "find fr");
    is_str(region_code(region_find("us-east-1")), "us-east-1", "find us-east-1");
    is_str(region_code(region_find("US-EAST-1")), "us-east-1", "find US-EAST-1");
    is_str(region_code(region_find("EMEA")), "EMEA", "find EMEA");
    is_int(region_find("Europe"), REGION_NONE, "find takes codes only, not names");
    is_int(region_find("FRA"), REGION_NONE, "find does not take alpha-3");
    is_int(region_find(""), REGION_NONE, "find empty");
    is_int(region_find(NULL), REGION_NONE, "find NULL");
    is_int(region_find(" EU"), REGION_NONE, "find does not trim");
    is_int(region_all(), region_find("ALL"), "region_all is ALL");
}

/* The area codes NA, AF, ME, AS are also alpha-2 codes; those countries go
 * by alpha-3 so that every code names one node. */
static void test_shadowed_countries(void)
{
    is_str(region_name(region_find("NA")), "North America", "NA is North America");
    is_str(region_name(region_find("AF")), "Africa", "AF is Africa");
    is_str(region_name(region_find("ME")), "Middle East", "ME is the Middle East");
    is_str(region_name(region_find("AS")), "Asia", "AS is Asia");
    is_str(resolved("country:NA"), "NAM", "country:NA is Namibia");
    is_str(resolved("country:AF"), "AFG", "country:AF is Afghanistan");
    is_str(resolved("country:ME"), "MNE", "country:ME is Montenegro");
    is_str(resolved("country:AS"), "ASM", "country:AS is American Samoa");
    is_str(region_name(region_find("NAM")), "Namibia", "NAM is Namibia's code");
    is_str(region_name(region_find("mne")), "Montenegro", "mne is Montenegro's code");
    is_str(resolved("Windhoek"), "NAM", "Windhoek is in Namibia");
    is_str(resolved("Podgorica"), "MNE", "Podgorica is in Montenegro");
    is_str(resolved("iata:WDH"), "NAM", "WDH is in Namibia");
    is_int(region_find("FRA"), REGION_NONE, "other alpha-3 codes are not node codes");
    is_str(resolved("ASM"), "ASM", "plain ASM is American Samoa's code");
    is_str(resolved("iata:ASM"), "ER", "iata:ASM is Asmara");
}

static void test_resolve_codes_and_aliases(void)
{
    static const struct text_case cases[] = {
        {"ALL", "ALL"},
        {"eu", "EU"},
        {"FR", "FR"},
        {"us-east-1", "us-east-1"},
        {"EMEA", "EMEA"},
        {"Europe", "EU"},
        {"EUROPE", "EU"},
        {"North America", "NA"},
        {"north america", "NA"},
        {"Latin America", "LATAM"},
        {"Latin America & the Caribbean", "LATAM"},
        {"Latin America and the Caribbean", "LATAM"},
        {"South America", "LATAM"},
        {"Asia", "AS"},
        {"Asia Pacific", "APAC"},
        {"Asia-Pacific", "APAC"},
        {"APJ", "APAC"},
        {"APJC", "APAC"},
        {"APJ&C", "APAC"},
        {"Oceania", "OC"},
        {"Australasia", "OC"},
        {"Africa", "AF"},
        {"Middle East", "ME"},
        {"Middle East & Africa", "MEA"},
        {"Middle East and Africa", "MEA"},
        {"MEA", "MEA"},
        {"Americas", "AMER"},
        {"AMER", "AMER"},
        {"Global", "ALL"},
        {"GLOBAL", "ALL"},
        {"Worldwide", "ALL"},
        {"World", "ALL"},
        {"All regions", "ALL"},
        {"All", "ALL"},
        {"EU West", "EU"},
        {"EU Central", "EU"},
        {"EU North", "EU"},
        {"EU South", "EU"},
        {"Europe West", "EU"},
        {"US East", "US"},
        {"US West", "US"},
        {"US Central", "US"},
        {"US South", "US"},
        {"US-East", "US"},
        {"UK", "GB"},
        {"  Europe  ", "EU"},
        {"\tNorth   America\n", "NA"},
        {"Middle East  &  Africa", "MEA"},
        {"Latin America\n&\tthe Caribbean ", "LATAM"},
        {"European Union", ""},
    };

    check_cases("code/alias", cases, COUNT_OF(cases));
}

static void test_resolve_countries(void)
{
    static const struct text_case cases[] = {
        {"Netherlands", "NL"},
        {"The Netherlands", "NL"},
        {"Holland", "NL"},
        {"R\xc3\xa9union", "RE"}, /* Réunion */
        {"Reunion", "RE"},
        {"South Korea", "KR"},
        {"Korea", "KR"},
        {"Republic of Korea", "KR"},
        {"Korea, Republic of", "KR"},
        {"North Korea", "KP"},
        {"USA", "US"},
        {"United States of America", "US"},
        {"United States", "US"},
        {"united states", "US"},
        {"Russia", "RU"},
        {"Russian Federation", "RU"},
        {"Czech Republic", "CZ"},
        {"Czechia", "CZ"},
        {"Turkey", "TR"},
        {"T\xc3\xbcrkiye", "TR"}, /* Türkiye */
        {"Vietnam", "VN"},
        {"Viet Nam", "VN"},
        {"Ivory Coast", "CI"},
        {"C\xc3\xb4te d'Ivoire", "CI"},            /* Côte d'Ivoire */
        {"C\xc3\xb4te d\xe2\x80\x99Ivoire", "CI"}, /* typographic apostrophe */
        {"Hong Kong SAR", "HK"},
        {"Hong Kong", "HK"},
        {"Taiwan", "TW"},
        {"Macau", "MO"},
        {"Macao", "MO"},
        {"Georgia", "GE"},
        {"Bosnia & Herzegovina", "BA"},
        {"Trinidad and Tobago", "TT"},
        {"Iran (Islamic Republic of)", "IR"},
        {"DR Congo", "CD"},
        {"Republic of the Congo", "CG"},
        {"Great Britain", "GB"},
        {"Namibia", "NAM"},
        {"Afghanistan", "AFG"},
        {"Montenegro", "MNE"},
        {"American Samoa", "ASM"},
        {"Antarctica", "AQ"},
        {"Kosovo", "EU"},
        {"T\xc3\x9cRKIYE", ""}, /* non-ASCII letters are not case-folded */
    };

    check_cases("country", cases, COUNT_OF(cases));
}

static void test_resolve_clouds(void)
{
    static const struct text_case cases[] = {
        {"us-east-1", "us-east-1"},
        {"eu-west-3", "eu-west-3"},
        {"il-central-1", "il-central-1"},
        {"mx-central-1", "mx-central-1"},
        {"sa-east-1", "sa-east-1"},
        {"europe-west2", "europe-west2"},
        {"europe-west12", "europe-west12"},
        {"us-central1", "us-central1"},
        {"asia-northeast1", "asia-northeast1"},
        {"australia-southeast1", "australia-southeast1"},
        {"africa-south1", "africa-south1"},
        {"northamerica-northeast1", "northamerica-northeast1"},
        {"southamerica-east1", "southamerica-east1"},
        {"westeurope", "westeurope"},
        {"northeurope", "northeurope"},
        {"uksouth", "uksouth"},
        {"francecentral", "francecentral"},
        {"germanywestcentral", "germanywestcentral"},
        {"japaneast", "japaneast"},
        {"EastUS", "eastus"},
        {"cloud:us-east-1", "us-east-1"},
        {"cloud:West Europe", "westeurope"},
        {"cloud:East US 2", "eastus2"},
        {"cloud:Germany West Central", "germanywestcentral"},
        {"cloud:FR", ""},
        {"cloud:Europe", ""},
        {"West Europe", "EU"}, /* without cloud: it is Europe, not one data centre */
        {"us-east-9", ""},
    };

    check_cases("cloud", cases, COUNT_OF(cases));
}

static void test_resolve_iata(void)
{
    static const struct text_case cases[] = {
        {"AMS", "NL"},         {"CDG", "FR"},        {"cdg", "FR"},        {"FRA", "DE"},
        {"LHR", "GB"},         {"MAD", "ES"},        {"MXP", "IT"},        {"NRT", "JP"},
        {"HND", "JP"},         {"KIX", "JP"},        {"SIN", "SG"},        {"SYD", "AU"},
        {"GRU", "BR"},         {"JNB", "ZA"},        {"DXB", "AE"},        {"IAD", "US"},
        {"ORD", "US"},         {"SJC", "US"},        {"LAX", "US"},        {"YYZ", "CA"},
        {"AUS", "US"},         {"ITM", "JP"},        {"FJR", "AE"},        {"HHN", "DE"},
        {"BMA", "SE"},         {"LON", "GB"},        {"NYC", "US"},        {"PAR", "FR"},
        {"TYO", "JP"},         {"OSA", "JP"},        {"MIL", "IT"},        {"ROM", "IT"},
        {"STO", "SE"},         {"MOW", "RU"},        {"BJS", "CN"},        {"SAO", "BR"},
        {"RIO", "BR"},         {"CHI", "US"},        {"WAS", "US"},        {"YTO", "CA"},
        {"YMQ", "CA"},         {"SEL", "KR"},        {"BUE", "AR"},        {"JKT", "ID"},
        {"BER", "DE"},         {"iata:AMS", "NL"},   {"iata: ams", "NL"},  {"iata:Amsterdam", ""},
        {"iata:ZZZ", ""},      {"alpha3:AUS", "AU"}, {"alpha3:FRA", "FR"}, {"alpha3:fra", "FR"},
        {"alpha3:NAM", "NAM"}, {"alpha3:AMS", ""},   {"ZZZ", ""},
    };

    check_cases("iata", cases, COUNT_OF(cases));
}

static void test_resolve_cities(void)
{
    static const struct text_case cases[] = {
        {"Newark", "US"},
        {"Dallas", "US"},
        {"Fremont", "US"},
        {"Atlanta", "US"},
        {"Ashburn", "US"},
        {"Toronto", "CA"},
        {"London", "GB"},
        {"Frankfurt", "DE"},
        {"Singapore", "SG"},
        {"Tokyo", "JP"},
        {"Mumbai", "IN"},
        {"Sydney", "AU"},
        {"Rotterdam", "NL"},
        {"Paris", "FR"},
        {"S\xc3\xa3o Paulo", "BR"}, /* São Paulo */
        {"S\xc4\x81o Paulo", "BR"}, /* Sāo Paulo, as Reddit writes it */
        {"Sao Paulo", "BR"},
        {"D\xc3\xbcsseldorf", "DE"}, /* Düsseldorf */
        {"Dusseldorf", "DE"},
        {"Z\xc3\xbcrich", "CH"}, /* Zürich */
        {"Zurich", "CH"},
        {"Montr\303\251al", "CA"}, /* Montréal (octal: "a" would extend a \x escape) */
        {"Montreal", "CA"},
        {"Bogot\xc3\xa1", "CO"}, /* Bogotá */
        {"Bogota", "CO"},
        {"Krak\xc3\xb3w", "PL"}, /* Kraków */
        {"Krakow", "PL"},
        {"city:Newark", "US"},
        {"CITY: Paris", "FR"},
        {"city:France", ""},
        {"city:AMS", ""},
        {"Atlantis", ""},
    };

    check_cases("city", cases, COUNT_OF(cases));
}

static void test_resolve_namespaces_and_junk(void)
{
    static const struct text_case cases[] = {
        {"code:EU", "EU"},
        {"code:us-east-1", "us-east-1"},
        {"code:Europe", ""},
        {"country:France", "FR"},
        {"country:FR", "FR"},
        {"country:UK", "GB"},
        {"Country:france", "FR"},
        {"country:Europe", ""},
        {"country:Paris", ""},
        {"country:", ""},
        {"country:   ", ""},
        {"nowhere:Paris", ""},
        {"", ""},
        {"   ", ""},
        {"XX", ""},
        {"Narnia", ""},
        {"API", ""},
        {"Billing", ""},
        {"Europe!", ""},
    };
    char big[400];

    check_cases("namespace/junk", cases, COUNT_OF(cases));
    is_int(region_resolve(NULL), REGION_NONE, "resolve NULL");
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    is_int(region_resolve(big), REGION_NONE, "resolve a long string");
    memset(big, ' ', sizeof big - 1);
    memcpy(big + 200, "Europe", 6);
    is_str(resolved(big), "EU", "resolve trims long runs of blanks");
}

/* ---- nodes --------------------------------------------------------------- */

static void test_node_properties(void)
{
    region_id all = region_all(), eu = id("EU"), fr = id("FR"), jp = id("JP");
    region_id as = id("AS"), emea = id("EMEA"), ew2 = id("europe-west2");

    is_str(region_code(all), "ALL", "code of ALL");
    is_str(region_name(all), "World", "name of ALL");
    is_int(region_kind(all), REGION_KIND_WORLD, "kind of ALL");
    is_int(region_parent(all), REGION_NONE, "ALL has no parent");
    is_str(region_name(eu), "Europe", "name of EU");
    is_int(region_kind(eu), REGION_KIND_MACRO, "EU is a macro-region");
    is_int(region_parent(eu), all, "EU is under ALL");
    is_int(region_kind(as), REGION_KIND_CONTINENT, "AS is a continent");
    is_str(region_code(region_parent(as)), "APAC", "AS is under APAC");
    is_int(region_kind(emea), REGION_KIND_UNION, "EMEA is a union");
    is_int(region_parent(emea), all, "EMEA is under ALL");
    is_str(region_name(fr), "France", "name of FR");
    is_int(region_kind(fr), REGION_KIND_COUNTRY, "FR is a country");
    is_int(region_parent(fr), eu, "FR is under EU");
    is_int(region_parent(jp), as, "JP is under AS");
    is_str(region_code(region_parent(id("US"))), "NA", "US is under NA");
    is_str(region_code(region_parent(id("MX"))), "LATAM", "MX is under LATAM");
    is_str(region_code(region_parent(id("AU"))), "OC", "AU is under OC");
    is_str(region_code(region_parent(id("ZA"))), "AF", "ZA is under AF");
    is_str(region_code(region_parent(id("AE"))), "ME", "AE is under ME");
    is_str(region_code(region_parent(id("AQ"))), "ALL", "AQ is under ALL");
    is_str(region_code(ew2), "europe-west2", "code of europe-west2");
    is_str(region_name(ew2), "London", "name of europe-west2");
    is_int(region_kind(ew2), REGION_KIND_CLOUD, "europe-west2 is a cloud region");
    is_str(region_code(region_parent(ew2)), "GB", "europe-west2 is under GB");
    is_str(region_code(region_parent(id("westeurope"))), "NL", "westeurope is under NL");
    is_str(region_code(region_parent(id("us-east-1"))), "US", "us-east-1 is under US");
    is_str(region_code(REGION_NONE), "", "code of REGION_NONE");
    is_str(region_name(REGION_NONE), "", "name of REGION_NONE");
    is_int(region_parent(REGION_NONE), REGION_NONE, "parent of REGION_NONE");
    is_str(region_code((region_id)region_count()), "", "code past the table");
    is_int(region_count(), rd_area_count + rd_country_count + rd_cloud_count, "count");
}

/* Every node: a valid parent, a chain that reaches ALL, a unique code. */
static void test_every_node(void)
{
    size_t bad_parent = 0, bad_code = 0, bad_name = 0;

    for (region_id i = 0; (size_t)i < region_count(); i++) {
        region_id p = i;
        int depth = 0;

        while (p != region_all() && p != REGION_NONE && depth++ < 8)
            p = region_parent(p);
        if (p != region_all() || (i != region_all() && region_parent(i) == REGION_NONE)) {
            tap_diag("node %s does not reach ALL", region_code(i));
            bad_parent++;
        }
        if (region_find(region_code(i)) != i) {
            tap_diag("code '%s' does not find its node", region_code(i));
            bad_code++;
        }
        if (!*region_name(i))
            bad_name++;
    }
    is_int(bad_parent, 0, "every node's parents reach ALL, without cycles");
    is_int(bad_code, 0, "every node's code finds it again (codes are unique)");
    is_int(bad_name, 0, "every node has a name");
}

static region_id resolve_in(const char *prefix, const char *text)
{
    char buf[200];

    snprintf(buf, sizeof buf, "%s%s", prefix, text);
    return region_resolve(buf);
}

static void test_every_country(void)
{
    size_t bad = 0;

    is_int(rd_country_count, 249, "all 249 ISO 3166-1 codes");
    for (size_t i = 0; i < rd_country_count; i++) {
        const struct rd_country *c = &rd_countries[i];
        region_id r = resolve_in("country:", c->alpha2);
        region_id k = region_find(c->parent);

        if (r == REGION_NONE || region_kind(r) != REGION_KIND_COUNTRY ||
            strcmp(region_name(r), c->name) != 0 || !region_contains(region_all(), r) ||
            k == REGION_NONE || region_kind(k) == REGION_KIND_UNION ||
            region_kind(k) == REGION_KIND_COUNTRY || resolve_in("alpha3:", c->alpha3) != r ||
            resolve_in("country:", c->name) != r) {
            tap_diag("country %s (%s) does not resolve to itself", c->alpha2, c->name);
            bad++;
        }
    }
    is_int(bad, 0, "every country resolves by alpha-2, alpha-3 and name, under an area");
}

static void test_unions(void)
{
    size_t bad = 0;

    for (size_t i = 0; i < rd_area_count; i++) {
        const struct rd_area *a = &rd_areas[i];

        if ((a->kind == REGION_KIND_UNION) != (a->members[0] != NULL))
            bad++;
        for (size_t m = 0; a->members[m]; m++) {
            region_id r = region_find(a->members[m]);

            if (r == REGION_NONE || region_kind(r) == REGION_KIND_UNION)
                bad++;
        }
    }
    is_int(bad, 0, "unions and only unions have members, all plain areas");
}

/* ---- the tables themselves ----------------------------------------------- */

static int fold(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int key_order(const char *a, const char *b)
{
    const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;

    for (; *x && fold(*x) == fold(*y); x++, y++)
        ;
    return fold(*x) - fold(*y);
}

static bool key_normal(const char *k)
{
    size_t n = strlen(k);

    return n > 0 && n < 128 && k[0] != ' ' && k[n - 1] != ' ' && !strstr(k, "  ") &&
           strcspn(k, "\t\n\r\v\f") == n;
}

/* Rows of any keyed table, viewed through their first member. */
static const char *row_key(const void *table, size_t size, size_t i)
{
    const void *row = (const char *)table + i * size;

    return *(const char *const *)row;
}

static void check_sorted(const char *what, const void *table, size_t n, size_t size)
{
    size_t bad = 0;

    for (size_t i = 0; i < n; i++) {
        const char *k = row_key(table, size, i);

        if (!key_normal(k) || (i > 0 && key_order(row_key(table, size, i - 1), k) >= 0)) {
            tap_diag("%s: '%s' is out of order, duplicated or not normalised", what, k);
            bad++;
        }
    }
    is_int(bad, 0, "%s: sorted, unique, normalised keys", what);
}

/* Each row of a key table, looked up through prefix, gives its target. */
static void check_keys(const char *what, const struct rd_key *keys, size_t n, const char *prefix,
                       bool target_is_alpha2)
{
    size_t bad = 0;

    for (size_t i = 0; i < n; i++) {
        region_id want = resolve_in(target_is_alpha2 ? "country:" : "code:", keys[i].target);
        region_id got = resolve_in(prefix, keys[i].key);

        if (want == REGION_NONE || got != want) {
            tap_diag("%s: '%s%s' gives '%s', not %s", what, prefix, keys[i].key, region_code(got),
                     keys[i].target);
            bad++;
        }
    }
    is_int(bad, 0, "%s: every key resolves to its target", what);
}

/* Without a namespace, a key still reaches its country unless it is a node
 * code, which the resolver tries first (plain "ASM" is American Samoa, not
 * Asmara's airport). */
static void check_plain(const char *what, const struct rd_key *keys, size_t n)
{
    size_t bad = 0;

    for (size_t i = 0; i < n; i++) {
        region_id got = region_resolve(keys[i].key);

        if (region_find(keys[i].key) == REGION_NONE &&
            got != resolve_in("country:", keys[i].target)) {
            tap_diag("%s: plain '%s' gives '%s', not %s", what, keys[i].key, region_code(got),
                     keys[i].target);
            bad++;
        }
    }
    is_int(bad, 0, "%s: every key that is not a node code resolves without a prefix", what);
}

static void test_tables(void)
{
    size_t bad_amp = 0;

    check_sorted("countries", rd_countries, rd_country_count, sizeof rd_countries[0]);
    check_sorted("clouds", rd_clouds, rd_cloud_count, sizeof rd_clouds[0]);
    check_sorted("aliases", rd_aliases, rd_alias_count, sizeof rd_aliases[0]);
    check_sorted("country names", rd_country_names, rd_country_name_count,
                 sizeof rd_country_names[0]);
    check_sorted("iata", rd_iata, rd_iata_count, sizeof rd_iata[0]);
    check_sorted("cities", rd_cities, rd_city_count, sizeof rd_cities[0]);
    check_keys("aliases", rd_aliases, rd_alias_count, "", false);
    /* "&" and "and" are both keys where status pages write both. */
    for (size_t i = 0; i < rd_alias_count; i++) {
        const char *amp = strstr(rd_aliases[i].key, " & ");
        char text[200];

        if (amp) {
            snprintf(text, sizeof text, "%.*s and %s", (int)(amp - rd_aliases[i].key),
                     rd_aliases[i].key, amp + 3);
            if (region_resolve(text) != region_resolve(rd_aliases[i].key)) {
                tap_diag("aliases: '%s' has no twin '%s'", rd_aliases[i].key, text);
                bad_amp++;
            }
        }
    }
    is_int(bad_amp, 0, "aliases: every key with \"&\" has its twin with \"and\"");
    check_keys("country names", rd_country_names, rd_country_name_count, "country:", true);
    check_keys("iata", rd_iata, rd_iata_count, "iata:", true);
    check_keys("cities", rd_cities, rd_city_count, "city:", true);
    check_plain("cities", rd_cities, rd_city_count);
    check_plain("iata", rd_iata, rd_iata_count);
    ok(rd_iata_count >= 400, "at least 400 IATA codes (%zu)", rd_iata_count);
    ok(rd_city_count >= 300, "at least 300 city names (%zu)", rd_city_count);
    ok(rd_cloud_count >= 100, "at least 100 cloud regions (%zu)", rd_cloud_count);

    size_t bad = 0;
    for (size_t i = 0; i < rd_iata_count; i++) {
        const char *k = rd_iata[i].key;

        if (strlen(k) != 3 || strspn(k, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3)
            bad++;
    }
    is_int(bad, 0, "IATA codes are three capital letters");
    bad = 0;
    for (size_t i = 0; i < rd_cloud_count; i++) {
        region_id r = region_resolve(rd_clouds[i].code);

        if (region_kind(r) != REGION_KIND_CLOUD ||
            region_kind(region_parent(r)) != REGION_KIND_COUNTRY)
            bad++;
    }
    is_int(bad, 0, "every cloud region resolves, under a country");
}

/* ---- containment --------------------------------------------------------- */

struct pair_case {
    const char *a;
    const char *b;
    bool want;
};

static void test_contains(void)
{
    static const struct pair_case cases[] = {
        {"EU", "FR", true},           {"APAC", "JP", true},
        {"APAC", "AU", true},         {"EMEA", "FR", true},
        {"EMEA", "ZA", true},         {"EU", "EMEA", false},
        {"GB", "europe-west2", true}, {"EU", "europe-west2", true},
        {"FR", "FR", true},           {"ALL", "EMEA", true},
        {"ALL", "us-east-1", true},   {"ALL", "AQ", true},
        {"NA", "US", true},           {"NA", "MX", false},
        {"LATAM", "MX", true},        {"AMER", "us-east-1", true},
        {"AMER", "GB", false},        {"MEA", "EG", true},
        {"AF", "EG", false},          {"ME", "EG", true},
        {"EU", "TR", true},           {"EU", "RU", true},
        {"EMEA", "MEA", true},        {"EMEA", "EMEA", true},
        {"EMEA", "AMER", false},      {"EMEA", "ALL", false},
        {"EU", "ALL", false},         {"FR", "EU", false},
        {"FR", "DE", false},          {"AS", "AU", false},
        {"OC", "AU", true},           {"US", "europe-west2", false},
    };

    for (size_t i = 0; i < COUNT_OF(cases); i++) {
        is_int(region_contains(id(cases[i].a), id(cases[i].b)), cases[i].want, "contains(%s, %s)",
               cases[i].a, cases[i].b);
    }
    size_t bad = 0;
    for (region_id i = 0; (size_t)i < region_count(); i++) {
        if (!region_contains(region_all(), i) || !region_contains(i, i)) {
            tap_diag("ALL does not contain %s, or it does not contain itself", region_code(i));
            bad++;
        }
    }
    is_int(bad, 0, "ALL contains every node, and every node contains itself");
    ok(!region_contains(REGION_NONE, region_all()), "nothing is inside REGION_NONE");
    ok(!region_contains(region_all(), REGION_NONE), "REGION_NONE is inside nothing");
    ok(!region_contains(region_all(), (region_id)region_count()), "ids past the table");
}

static void test_overlaps(void)
{
    static const struct pair_case cases[] = {
        {"EU", "EMEA", true},          {"EMEA", "EU", true},    {"EU", "JP", false},
        {"FR", "EMEA", true},          {"EMEA", "ME", true},    {"EMEA", "AMER", false},
        {"JP", "APAC", true},          {"ALL", "FR", true},     {"EU", "ME", false},
        {"AMER", "us-east-1", true},   {"AMER", "LATAM", true}, {"FR", "europe-west9", true},
        {"DE", "europe-west9", false},
    };

    for (size_t i = 0; i < COUNT_OF(cases); i++) {
        is_int(region_overlaps(id(cases[i].a), id(cases[i].b)), cases[i].want, "overlaps(%s, %s)",
               cases[i].a, cases[i].b);
    }
    ok(!region_overlaps(REGION_NONE, region_all()), "REGION_NONE overlaps nothing");
}

/* ---- rules --------------------------------------------------------------- */

static struct region_rules *rules_from(const char *const *specs, size_t n)
{
    struct region_rules *rules = region_rules_new();
    char err[256];

    for (size_t i = 0; i < n; i++) {
        if (region_rules_add_spec(rules, specs[i], err, sizeof err) != 0)
            ok(false, "spec '%s': %s", specs[i], err);
    }
    return rules;
}

struct component_case {
    const char *name;
    const char *group; /* NULL when ungrouped; a group passes its own name */
    const char *want;
};

/* Each case through the rules, then all of them twice through one memo
 * (the second time from what it remembers): the same answers. */
static void check_components(const char *what, const struct region_rules *rules,
                             const struct component_case *cases, size_t n)
{
    struct region_memo *memo = region_memo_new(rules);
    size_t same = 0;

    for (size_t i = 0; i < n; i++) {
        region_id r = region_rules_apply(rules, "some-id", cases[i].name, cases[i].group);

        is_str(region_code(r), cases[i].want, "%s: '%s' in '%s'", what, cases[i].name,
               cases[i].group ? cases[i].group : "(none)");
    }
    for (size_t i = 0; i < 2 * n; i++) {
        const struct component_case *c = &cases[i % n];
        same += region_memo_match(memo, "some-id", c->name, c->group) ==
                region_rules_match(rules, "some-id", c->name, c->group);
    }
    is_int(same, 2 * n, "%s: a memo answers as the rules do, twice over", what);
    region_memo_free(memo);
}

static void test_rules_cloudflare(void)
{
    static const char *const specs[] = {
        "name \"([^,]+) - \\(([A-Z]{3})\\)$\" => $1",
        "name \"\\(([A-Z]{3})\\)$\" => iata:$1",
        "group \"(?i)^(.*)$\" => $1",
    };
    static const struct component_case cases[] = {
        {"Amsterdam, Netherlands - (AMS)", "Europe", "NL"},
        {"Ashburn, VA, United States - (IAD)", "North America", "US"},
        {"S\xc4\x81o Paulo, Brazil - (GRU)", "Latin America & the Caribbean", "BR"},
        {"Hong Kong - (HKG)", "Asia", "HK"},
        {"Tbilisi, Georgia - (TBS)", "Europe", "GE"},
        {"Somewhere, Atlantis - (FRA)", "Europe", "DE"}, /* falls through to the code */
        {"Europe", "Europe", "EU"},
        {"Asia", "Asia", "AS"},
        {"Africa", "Africa", "AF"},
        {"Middle East", "Middle East", "ME"},
        {"North America", "North America", "NA"},
        {"Latin America & the Caribbean", "Latin America & the Caribbean", "LATAM"},
        {"Oceania", "Oceania", "OC"},
        {"CDN/Cache", "Cloudflare Sites and Services", "ALL"},
        {"Cloudflare Sites and Services", "Cloudflare Sites and Services", "ALL"},
    };
    struct region_rules *rules = rules_from(specs, COUNT_OF(specs));

    check_components("cloudflare", rules, cases, COUNT_OF(cases));
    region_rules_free(rules);
}

static void test_rules_zoom(void)
{
    static const char *const specs[] = {
        "group \"HONG KONG/CHINA$\" => HK",
        "group \" - ([A-Za-z /]+)$\" => $1",
    };
    static const struct component_case cases[] = {
        {"Zoom Phone - EMEA", "Zoom Phone - EMEA", "EMEA"},
        {"Zoom CX - NORTH AMERICA", "Zoom CX - NORTH AMERICA", "NA"},
        {"Zoom Phone - JAPAN", "Zoom Phone - JAPAN", "JP"},
        {"Zoom Phone - LATIN AMERICA", "Zoom Phone - LATIN AMERICA", "LATAM"},
        {"Zoom Phone - AUSTRALIA", "Zoom Phone - AUSTRALIA", "AU"},
        {"Zoom Phone - HONG KONG/CHINA", "Zoom Phone - HONG KONG/CHINA", "HK"},
        {"Zoom Phone - APAC", "Zoom Phone - APAC", "APAC"},
        {"Zoom Phone - Global", "Zoom Phone - Global", "ALL"},
        {"Call Quality", "Zoom Phone - JAPAN", "JP"},
        {"Zoom Meetings", NULL, ""},
    };
    struct region_rules *rules = rules_from(specs, COUNT_OF(specs));

    /* No default, so "Global" has to come from the rule. */
    region_rules_set_default(rules, REGION_NONE);
    check_components("zoom", rules, cases, COUNT_OF(cases));
    /* Without the rule, the name still resolves: as a place and its
     * country first, else to the smallest region that holds every part. */
    is_str(region_code(region_resolve("HONG KONG/CHINA")), "HK",
           "zoom: HONG KONG/CHINA alone is Hong Kong (read as 'Hong Kong, China')");
    is_str(region_code(region_resolve("Hong Kong / China")), "HK", "blanks around the '/'");
    is_str(region_code(region_resolve("MACAU/CHINA")), "MO", "MACAU/CHINA is Macao");
    is_str(region_code(region_resolve("China/Japan")), "AS",
           "China/Japan: the region holding both");
    is_str(region_code(region_resolve("US/Canada")), "NA", "US/Canada is NA");
    is_str(region_code(region_resolve("France / Germany")), "EU", "France / Germany is EU");
    is_str(region_code(region_resolve("EMEA/APAC")), "ALL", "EMEA/APAC is ALL");
    is_int(region_resolve("Paris/Nowhere"), REGION_NONE, "a part nobody knows: no region");
    is_int(region_resolve("US/"), REGION_NONE, "an empty part: no region");
    region_rules_free(rules);
}

/* The generic rule alone, capturing "HONG KONG/CHINA" from the group,
 * places it: the resolver reads the slash. */
static void test_rules_zoom_generic(void)
{
    static const char *const specs[] = {"group \" - ([A-Za-z /]+)$\" => $1"};
    struct region_rules *rules = rules_from(specs, COUNT_OF(specs));

    region_rules_set_default(rules, REGION_NONE);
    is_str(region_code(region_rules_apply(rules, "z", "Zoom Phone - HONG KONG/CHINA",
                                          "Zoom Phone - HONG KONG/CHINA")),
           "HK", "zoom: the generic rule alone places HONG KONG/CHINA in HK");
    is_str(
        region_code(region_rules_apply(rules, "z", "Zoom CX - US/CANADA", "Zoom CX - US/CANADA")),
        "NA", "zoom: US/CANADA is NA");
    region_rules_free(rules);
}

/* Rules match what is shown: the sanitizer drops controls, bidi and
 * zero-width marks, so "Eu<RLO>rope" reads "Europe" and must match, for
 * every caller of the rules (status components, incident places, crowd
 * region names). */
static void test_rules_shown_text(void)
{
    static const char *const specs[] = {
        "name \"^Europe$\" => EU",
        "name \"\\(Paris\\)$\" => FR",
        "path \"^Asia - Tokyo$\" => JP",
        "group \"^Asia$\" => APAC",
    };
    static const struct {
        const char *name, *group, *want;
    } cases[] = {
        {"Eu\xe2\x80\xaerope", NULL, "EU"}, /* RIGHT-TO-LEFT OVERRIDE */
        {"Euro\x1b[0mpe", NULL, "EU"},      /* an escape sequence */
        {"E\xe2\x80\x8burope", NULL, "EU"}, /* ZERO WIDTH SPACE */
        {" Europe ", NULL, "EU"},           /* blanks the grid trims */
        {"CDN (Pa\x1b[31mris)", NULL, "FR"},
        {"CDN (Par\xe2\x81\xa6is)", NULL, "FR"}, /* LEFT-TO-RIGHT ISOLATE */
        {"Kyoto", "As\x07ia", "APAC"},           /* BEL in the group */
        {"To\xe2\x80\x8fkyo", "Asia", "JP"},     /* RIGHT-TO-LEFT MARK in the path */
        {"Euro pe", NULL, ""},                   /* a real blank is shown: no match */
    };
    struct region_rules *rules = rules_from(specs, COUNT_OF(specs));

    region_rules_set_default(rules, REGION_NONE);
    for (size_t i = 0; i < COUNT_OF(cases); i++) {
        region_id r = region_rules_apply(rules, "id", cases[i].name, cases[i].group);
        is_str(region_code(r), cases[i].want, "rules match shown text: case %zu", i);
    }
    region_rules_free(rules);
}

static void test_rules_twilio(void)
{
    static const char *const specs[] = {"name \", ([^,]+)$\" => $1"};
    static const struct component_case cases[] = {
        {"SMS, Europe", "CARRIER NETWORK", "EU"},
        {"Voice, APAC", "CARRIER NETWORK", "APAC"},
        {"SMS Long Code, North America", "CARRIER NETWORK", "NA"},
        {"SMS, Middle East & Africa", "CARRIER NETWORK", "MEA"},
        {"Voice, Latin America", "CARRIER NETWORK", "LATAM"},
        {"MMS Toll-Free", "CARRIER NETWORK", "ALL"},
        {"SMS Delivery Notifications & Status Callbacks", "CARRIER NETWORK", "ALL"},
    };
    struct region_rules *rules = rules_from(specs, COUNT_OF(specs));

    check_components("twilio", rules, cases, COUNT_OF(cases));
    region_rules_free(rules);
}

static void test_rules_digitalocean(void)
{
    static const char *const specs[] = {"name \"^([A-Z]{3})[0-9]$\" => iata:$1"};
    static const struct component_case cases[] = {
        {"AMS2", "Regions", "NL"}, {"AMS3", "Regions", "NL"},   {"BLR1", "Regions", "IN"},
        {"FRA1", "Regions", "DE"}, {"LON1", "Regions", "GB"},   {"NYC1", "Regions", "US"},
        {"NYC3", "Regions", "US"}, {"SFO2", "Regions", "US"},   {"SGP1", "Regions", "SG"},
        {"TOR1", "Regions", "CA"}, {"Global", "Regions", "EU"}, {"Regions", "Regions", "EU"},
    };
    struct region_rules *rules = rules_from(specs, COUNT_OF(specs));
    char err[256] = "";

    is_int(region_rules_add_map(rules, "SGP1", "SG", err, sizeof err), 0, "do: map SGP1");
    is_int(region_rules_add_map(rules, "TOR1", "CA", err, sizeof err), 0, "do: map TOR1");
    region_rules_set_default(rules, region_find("EU"));
    is_int(region_rules_default(rules), region_find("EU"), "do: default set");
    check_components("digitalocean", rules, cases, COUNT_OF(cases));
    is_int(region_resolve("iata:TOR"), REGION_NONE, "do: TOR is not an IATA code we know");
    region_rules_free(rules);
}

static void test_rules_linode(void)
{
    static const char *const specs[] = {"name \"\\(([A-Za-z ]+)( [0-9]+)?\\)\" => city:$1"};
    static const struct component_case cases[] = {
        {"US-East (Newark)", "Regions", "US"},
        {"US-Central (Dallas)", "Regions", "US"},
        {"US-West (Fremont)", "Regions", "US"},
        {"US-Southeast (Atlanta)", "Regions", "US"},
        {"EU-West (London)", "Regions", "GB"},
        {"EU-Central (Frankfurt)", "Regions", "DE"},
        {"AP-Northeast-2 (Tokyo 2)", "Regions", "JP"},
        {"AP-South (Singapore)", "Regions", "SG"},
        {"AP-West (Mumbai)", "Regions", "IN"},
        {"AP-Southeast (Sydney)", "Regions", "AU"},
        {"CA-Central (Toronto)", "Regions", "CA"},
        {"US-East (Newark) Object Storage", "Object Storage", "US"},
        {"EU-Central (Frankfurt)  NodeBalancers", "NodeBalancers", "DE"},
        {"Regions", "Regions", "ALL"},
        {"Linode Manager and API", NULL, "ALL"},
    };
    struct region_rules *rules = rules_from(specs, COUNT_OF(specs));

    check_components("linode", rules, cases, COUNT_OF(cases));
    region_rules_free(rules);
}

static void test_rules_newrelic_qualys_cisco(void)
{
    static const char *const specs[] = {
        "name \" : ([A-Za-z ]+)$\" => $1",
        "group \"^([A-Z]{2}) Platform [0-9]+$\" => $1",
        "group \"\\(([^)]+)\\)$\" => $1",
    };
    static const struct component_case cases[] = {
        {"UI : US", "UI : US", "US"},
        {"UI : Europe", "UI : Europe", "EU"},
        {"Auto-Telemetry with Pixie : EU", "UI : Europe", "EU"},
        {"US Platform 1", "US Platform 1", "US"},
        {"EU Platform 2", "EU Platform 2", "EU"},
        {"UK Platform 1", "UK Platform 1", "GB"},
        {"AE Platform 1", "AE Platform 1", "AE"},
        {"Vulnerability Management", "IN Platform 1", "IN"},
        {"PCI Platform", "PCI Platform", "ALL"},
        {"Reputation Service (APJC)", "Reputation Service (APJC)", "APAC"},
        {"Enterprise", "Reputation Service (North America)", "NA"},
        {"iOS", "Reputation Service (Europe)", "EU"},
        {"File Analysis", "Advanced Malware Protection (AMP)", "ALL"},
    };
    struct region_rules *rules = rules_from(specs, COUNT_OF(specs));

    check_components("newrelic/qualys/cisco", rules, cases, COUNT_OF(cases));
    region_rules_free(rules);
}

static void test_rules_discord_reddit(void)
{
    static const char *const specs[] = {
        "path \"^Voice - (.*)$\" => $1",
        "name \"^Fastly .*\\(([A-Z]{3})\\)$\" => iata:$1",
    };
    static const struct component_case cases[] = {
        {"US East", "Voice", "US"},
        {"Rotterdam", "Voice", "NL"},
        {"Hong Kong", "Voice", "HK"},
        {"South Korea", "Voice", "KR"},
        {"Brazil", "Voice", "BR"},
        {"EU West", "Voice", "EU"},
        {"Sydney", "Voice", "AU"},
        {"Voice", "Voice", "ALL"},
        {"API", NULL, "ALL"},
        {"Fastly S\xc4\x81o Paulo (GRU)", "CDN - Fastly", "BR"},
        {"Fastly Paris (CDG)", "CDN - Fastly", "FR"},
        {"Fastly Osaka (ITM)", "CDN - Fastly", "JP"},
        {"Fastly Dubai (FJR)", "CDN - Fastly", "AE"},
        {"Fastly Stockholm (BMA)", "CDN - Fastly", "SE"},
        {"Fastly Wellington (WLG)", "CDN - Fastly", "NZ"},
    };
    struct region_rules *rules = rules_from(specs, COUNT_OF(specs));

    check_components("discord/reddit", rules, cases, COUNT_OF(cases));
    region_rules_free(rules);
}

static void test_rules_order(void)
{
    struct region_rules *rules = region_rules_new();
    char err[256] = "";

    is_int(region_rules_default(rules), region_all(), "order: default is ALL");
    is_int(region_rules_add(rules, REGION_FIELD_NAME, "^X (.*)$", "$1", err, sizeof err), 0,
           "order: add $1 rule");
    is_int(region_rules_add(rules, REGION_FIELD_NAME, ".", "JP", err, sizeof err), 0,
           "order: add catch-all rule");
    is_int(region_rules_add(rules, REGION_FIELD_NAME, "Paris", "FR", err, sizeof err), 0,
           "order: add a rule the catch-all hides");
    is_str(region_code(region_rules_apply(rules, NULL, "X France", NULL)), "FR",
           "order: the first matching rule that resolves wins");
    is_str(region_code(region_rules_apply(rules, NULL, "X Narnia", NULL)), "JP",
           "order: a target that does not resolve falls through");
    is_str(region_code(region_rules_apply(rules, NULL, "Paris", NULL)), "JP",
           "order: an earlier rule wins over a later one");
    is_int(region_rules_add_map(rules, "Paris", "DE", err, sizeof err), 0, "order: add map");
    is_str(region_code(region_rules_apply(rules, NULL, "Paris", NULL)), "DE",
           "order: a map beats the regex rules");
    is_int(region_rules_add_map(rules, "cmp-42", "BR", err, sizeof err), 0, "order: map an id");
    is_str(region_code(region_rules_apply(rules, "cmp-42", "X France", NULL)), "BR",
           "order: a map matches the component id");
    is_str(region_code(region_rules_apply(rules, "cmp-43", "paris", NULL)), "JP",
           "order: a map key is exact (case too)");
    is_str(region_code(region_rules_apply(rules, NULL, "", NULL)), "ALL",
           "order: nothing matches an empty name: default");
    region_rules_set_default(rules, region_find("OC"));
    is_str(region_code(region_rules_apply(rules, NULL, "", NULL)), "OC",
           "order: the default set with set_default");
    region_rules_set_default(rules, (region_id)region_count());
    is_str(region_code(region_rules_default(rules)), "OC", "order: an invalid default is ignored");
    region_rules_free(rules);
}

/* A group's name on each of its children is matched once a pass; the
 * answers stay those of the rules even past the memo's bound. */
static void test_rules_memo(void)
{
    static const char *const specs[] = {
        "group \"^(.*) Region$\" => $1",
        "path \"^Voice - (.*)$\" => $1",
        "name \"^dc-([A-Z]{3})-[0-9]+$\" => iata:$1",
    };
    struct region_rules *rules = rules_from(specs, COUNT_OF(specs));
    struct region_memo *memo = region_memo_new(rules), *none = region_memo_new(NULL);
    char name[64], group[64], big[400];
    size_t same = 0, total = 0;

    for (int i = 0; i < 20000; i++) {
        snprintf(name, sizeof name, "dc-%s-%d", i % 3 ? "AMS" : "NRT", i);
        snprintf(group, sizeof group, "%s Region", i % 2 ? "Europe" : "Japan");
        same += region_memo_match(memo, "id", name, i % 5 ? group : NULL) ==
                region_rules_match(rules, "id", name, i % 5 ? group : NULL);
        total++;
    }
    is_int(same, total, "memo: 20,000 components past the bound, the rules' answers");
    is_str(region_code(region_memo_match(memo, "v", "Japan", "Voice")), "JP",
           "memo: a path rule sees 'Group - Name'");
    is_str(region_code(region_memo_match(memo, "v", "Japan", "Voice")), "JP", "memo: again");
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    memcpy(big, "dc-AMS-1", 8);
    ok(region_memo_match(memo, "b", big, NULL) == REGION_NONE,
       "memo: a name past the regex bound matches nothing");
    ok(region_memo_match(none, "a", "Europe Region", "Europe Region") == REGION_NONE,
       "memo without rules: nothing");
    region_memo_free(none);
    region_memo_free(memo);
    region_memo_free(NULL);
    region_rules_free(rules);
}

static void test_rules_fields_and_nulls(void)
{
    static const char *const specs[] = {
        "group \"^Only (.*)$\" => $1",   "path \"^Grp - (.*)$\" => $1",
        "path \"^Lone (.*)$\" => $1",    "name \"(?i)^paris$\" => FR",
        "name \"^rome$\" => IT",         "name \"^[A-Z]{3}$\" => iata:$0",
        "name \"say \\\"hi\\\"\" => GB", "name \"^a\\.b$\" => NZ",
    };
    static const struct component_case cases[] = {
        {"x", "Only Japan", "JP"}, {"Japan", NULL, "ALL"},     /* group rule, no group */
        {"Japan", "Grp", "JP"},    {"Lone Chile", NULL, "CL"}, /* path is the name when ungrouped */
        {"PARIS", NULL, "FR"},     {"ROME", NULL, "ALL"},      {"rome", NULL, "IT"},
        {"AMS", NULL, "NL"},       {"say \"hi\"", NULL, "GB"}, {"a.b", NULL, "NZ"},
        {"axb", NULL, "ALL"},
    };
    struct region_rules *rules = rules_from(specs, COUNT_OF(specs));

    check_components("fields", rules, cases, COUNT_OF(cases));
    is_str(region_code(region_rules_apply(rules, NULL, NULL, NULL)), "ALL", "all NULL");
    is_str(region_code(region_rules_apply(rules, NULL, NULL, "Only Peru")), "PE",
           "NULL name, a group rule still applies");
    is_str(region_code(region_rules_apply(NULL, "a", "b", "c")), "ALL", "NULL rules");
    is_str(region_code(region_rules_default(NULL)), "ALL", "default of NULL rules");
    region_rules_free(rules);
    region_rules_free(NULL);
}

struct spec_error {
    const char *spec;
    const char *want; /* the message, or its start when it ends with '*' */
};

static void test_rules_errors(void)
{
    static const struct spec_error cases[] = {
        {"grup \"x\" => EU", "unknown field 'grup' (want name, group or path)"},
        {"name \"(\" => EU", "bad regex: *"},
        {"name \"a[\" => EU", "bad regex: *"},
        {"name \"x\" EU", "missing => TARGET"},
        {"name \"x\"", "missing => TARGET"},
        {"name \"x\" => XX", "unknown region 'XX'"},
        {"name \"x\" => Narnia", "unknown region 'Narnia'"},
        {"name \"x\" =>   ", "missing target after =>"},
        {"name \"x => EU", "unterminated regex (missing closing \")"},
        {"name x => EU", "missing \"REGEX\" after the field"},
        {"name \"\" => EU", "missing regex"},
        {"", "missing field (want name, group or path)"},
        {"name \"(a)\" => $2", "target '$2' uses $2 but the regex has 1 group(s)"},
        {"name \"a**\" => EU",
         "regex has stacked repetitions, a bad interval or too many nested groups"},
        {"name \"a{1,999}\" => EU",
         "regex has stacked repetitions, a bad interval or too many nested groups"},
        {"name \"((a+)+)+((d{1,40}){1,40}){1,40}\" => EU",
         "regex repeats too much (nested repetitions)"},
    };
    struct region_rules *rules = region_rules_new();
    char err[256];

    for (size_t i = 0; i < COUNT_OF(cases); i++) {
        const char *want = cases[i].want;
        size_t n = strlen(want);

        strcpy(err, "(untouched)");
        is_int(region_rules_add_spec(rules, cases[i].spec, err, sizeof err), -1,
               "spec '%s' is refused", cases[i].spec);
        if (want[n - 1] == '*')
            ok(strncmp(err, want, n - 1) == 0 && strlen(err) > n - 1, "error '%s'", err);
        else
            is_str(err, want, "error for '%s'", cases[i].spec);
    }
    is_str(region_code(region_rules_apply(rules, NULL, "x", NULL)), "ALL",
           "refused specs add no rule");
    is_int(region_rules_add_spec(rules, "name \"^([A-Z]{3})[0-9]+ ([a-z]+)?(x|y)*[]a]\" => EU", err,
                                 sizeof err),
           0, "ordinary repetitions and brackets are accepted: %s", err);
    is_int(region_rules_add_map(rules, "SGP1", "Narnia", err, sizeof err), -1, "map to Narnia");
    is_str(err, "unknown region 'Narnia' for 'SGP1'", "map error message");
    is_int(region_rules_add_map(rules, "", "FR", err, sizeof err), -1, "map with no key");
    is_int(region_rules_add(rules, REGION_FIELD_NAME, "x", "", err, sizeof err), -1,
           "rule with an empty target");
    is_int(region_rules_add(rules, REGION_FIELD_NAME, "x", NULL, err, sizeof err), -1,
           "rule with no target");
    is_int(region_rules_add(rules, (enum region_field)7, "x", "FR", err, sizeof err), -1,
           "rule with a bad field");
    is_int(region_rules_add_spec(rules, "name \"(\" => EU", NULL, 0), -1, "no error buffer");
    is_int(region_rules_add_spec(rules, "  path  \"^(.*)$\"=>$1  ", err, sizeof err), 0,
           "blanks are optional around =>");
    is_int(region_rules_add_spec(rules, "GROUP \"x\" => Latin America", err, sizeof err), 0,
           "a field in capitals and a target with a blank");
    is_str(region_code(region_rules_apply(rules, NULL, "Narnia", NULL)), "ALL",
           "a $ target is checked when applied");
    is_str(region_code(region_rules_apply(rules, NULL, "Spain", NULL)), "ES", "the $ rule applies");
    is_str(region_code(region_rules_apply(rules, NULL, "Narnia", "x")), "LATAM",
           "the group rule applies");
    region_rules_free(rules);
}

int main(void)
{
    test_find();
    test_shadowed_countries();
    test_resolve_codes_and_aliases();
    test_resolve_countries();
    test_resolve_clouds();
    test_resolve_iata();
    test_resolve_cities();
    test_resolve_namespaces_and_junk();
    test_node_properties();
    test_every_node();
    test_every_country();
    test_unions();
    test_tables();
    test_contains();
    test_overlaps();
    test_rules_cloudflare();
    test_rules_zoom();
    test_rules_zoom_generic();
    test_rules_shown_text();
    test_rules_twilio();
    test_rules_digitalocean();
    test_rules_linode();
    test_rules_newrelic_qualys_cisco();
    test_rules_discord_reddit();
    test_rules_order();
    test_rules_fields_and_nulls();
    test_rules_memo();
    test_rules_errors();
    return tap_done();
}
