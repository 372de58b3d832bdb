/* The level scale: names, ranking, glyphs, exit codes. */
#include "config.h"

#include "sitrep/level.h"
#include "tap.h"

static void test_names(void)
{
    enum level l;

    for (int i = 0; i < LEVEL_COUNT; i++) {
        ok(level_from_name(level_name((enum level)i), &l) && l == (enum level)i,
           "level %d round-trips through its name '%s'", i, level_name((enum level)i));
    }
    ok(!level_from_name("operational", &l), "a Statuspage word is not a level name");
    ok(!level_from_name(NULL, &l), "NULL is not a level name");
    is_str(level_name((enum level)99), "unknown", "an out-of-range level reads as unknown");
}

static void test_ranking(void)
{
    static const enum level order[] = {LEVEL_OK,       LEVEL_NOTICE,  LEVEL_MAINTENANCE,
                                       LEVEL_DEGRADED, LEVEL_PARTIAL, LEVEL_MAJOR};

    for (size_t i = 1; i < sizeof order / sizeof order[0]; i++)
        is_int(level_worst(order[i - 1], order[i]), order[i], "%s is worse than %s",
               level_name(order[i]), level_name(order[i - 1]));
    is_int(level_worst(LEVEL_OK, LEVEL_UNKNOWN), LEVEL_UNKNOWN, "unknown is never hidden by ok");
    is_int(level_worst(LEVEL_UNKNOWN, LEVEL_NOTICE), LEVEL_NOTICE, "a real problem beats unknown");
    is_int(level_worst(LEVEL_NONE, LEVEL_OK), LEVEL_OK, "ok beats no evidence");
    ok(!level_is_problem(LEVEL_OK) && !level_is_problem(LEVEL_UNKNOWN) &&
           !level_is_problem(LEVEL_NONE),
       "ok, unknown and none are not problems");
    ok(!level_is_problem(LEVEL_NOTICE) && !level_is_problem(LEVEL_MAINTENANCE),
       "a notice (reports rising) and a maintenance are not problems");
    ok(level_is_problem(LEVEL_DEGRADED) && level_is_problem(LEVEL_PARTIAL) &&
           level_is_problem(LEVEL_MAJOR),
       "degraded..major are");
    ok(level_is_notable(LEVEL_NOTICE) && level_is_notable(LEVEL_MAINTENANCE) &&
           level_is_notable(LEVEL_MAJOR) && !level_is_notable(LEVEL_OK) &&
           !level_is_notable(LEVEL_UNKNOWN) && !level_is_notable(LEVEL_NONE),
       "notable: notice and above");
}

static void test_distinct_marks(void)
{
    for (int i = 0; i < LEVEL_COUNT; i++) {
        for (int j = i + 1; j < LEVEL_COUNT; j++) {
            ok(level_letter((enum level)i) != level_letter((enum level)j) &&
                   strcmp(level_glyph((enum level)i), level_glyph((enum level)j)) != 0 &&
                   strcmp(level_label((enum level)i), level_label((enum level)j)) != 0,
               "%s and %s differ by letter, glyph and label", level_name((enum level)i),
               level_name((enum level)j));
        }
    }
    ok(level_letter(LEVEL_OK) != 'o' || strcmp(level_label(LEVEL_NONE), "OK") != 0,
       "none is never labelled OK");
    ok(strlen(level_label(LEVEL_MAJOR)) <= 5, "labels fit five columns");
}

static void test_nagios(void)
{
    is_int(level_nagios(LEVEL_OK), 0, "ok exits 0");
    is_int(level_nagios(LEVEL_DEGRADED), 1, "degraded is a warning");
    is_int(level_nagios(LEVEL_PARTIAL), 2, "partial is critical");
    is_int(level_nagios(LEVEL_MAJOR), 2, "major is critical");
    is_int(level_nagios(LEVEL_UNKNOWN), 3, "unknown exits 3");
}

int main(void)
{
    test_names();
    test_ranking();
    test_distinct_marks();
    test_nagios();
    return tap_done();
}
