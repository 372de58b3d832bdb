/* The one ordinal scale every format maps onto.
 *
 * Problems rank ok < notice < maintenance < degraded < partial < major.
 * unknown (a source failed, is stale, or sent a value we do not know) ranks
 * above ok and below every problem: it must never be hidden by an ok, and
 * any real problem is more useful to show than "unknown". none means no
 * evidence at all and ranks below everything. Neither is ever drawn as ok.
 * The enum values follow that ranking, so worst() is a max(). */
#ifndef SITREP_LEVEL_H
#define SITREP_LEVEL_H

#include <stdbool.h>

enum level {
    LEVEL_NONE = 0,
    LEVEL_OK,
    LEVEL_UNKNOWN,
    LEVEL_NOTICE,
    LEVEL_MAINTENANCE,
    LEVEL_DEGRADED,
    LEVEL_PARTIAL,
    LEVEL_MAJOR,
    LEVEL_COUNT
};

/* "none", "ok", "unknown", "notice", "maintenance", "degraded", "partial",
 * "major". */
const char *level_name(enum level level);
/* Parses a level_name(); returns false for anything else. */
bool level_from_name(const char *name, enum level *out);
enum level level_worst(enum level a, enum level b);
/* degraded, partial and major: what headlines, counts, alerts and exit
 * codes call a problem. A notice (an official notice, crowd reports
 * rising) and a maintenance are news but not problems. */
bool level_is_problem(enum level level);
/* notice and above: anything more than ok that a page or the crowd says. */
bool level_is_notable(enum level level);
/* One ASCII letter per level, distinct: '.', 'o', '?', 'n', 'm', 'd', 'P', 'M'
 * ("none" is '.', "ok" is 'o', "partial" 'P', "major" 'M'). */
char level_letter(enum level level);
/* One glyph per level for UTF-8 terminals, distinct by shape. */
const char *level_glyph(enum level level);
/* Short label for grids: "OK", "MAJOR", "PART", "DEGR", "MAINT", "NOTE",
 * "UNKN", "-". At most 5 columns. */
const char *level_label(enum level level);
/* Nagios-style exit code: 0 ok/none/notice/maintenance, 1 degraded,
 * 2 partial/major, 3 unknown. */
int level_nagios(enum level level);
/* The numeric scale of metrics and plugin performance data: ok 0, notice 1,
 * maintenance 2, degraded 3, partial 4, major 5; -1 for unknown and none
 * (no number: "U" in performance data, no sample in metrics). */
int level_scale(enum level level);

#endif
