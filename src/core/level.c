/* The level scale (see level.h). */
#include "config.h"

#include <string.h>

#include "sitrep/level.h"

struct level_info {
    const char *name;
    char letter;
    const char *glyph;
    const char *label;
    int nagios;
};

static const struct level_info level_info[LEVEL_COUNT] = {
    [LEVEL_NONE] = {"none", '.', "\xc2\xb7", "-", 0},  /* · */
    [LEVEL_OK] = {"ok", 'o', "\xe2\x9c\x93", "OK", 0}, /* ✓ */
    [LEVEL_UNKNOWN] = {"unknown", '?', "?", "UNKN", 3},
    [LEVEL_NOTICE] = {"notice", 'n', "\xe2\x80\xa2", "NOTE", 0},            /* • */
    [LEVEL_MAINTENANCE] = {"maintenance", 'm', "\xe2\x97\x87", "MAINT", 0}, /* ◇ */
    [LEVEL_DEGRADED] = {"degraded", 'd', "\xe2\x96\xb3", "DEGR", 1},        /* △ */
    [LEVEL_PARTIAL] = {"partial", 'P', "\xe2\x96\xb2", "PART", 2},          /* ▲ */
    [LEVEL_MAJOR] = {"major", 'M', "\xe2\x9c\x95", "MAJOR", 2},             /* ✕ */
};

static const struct level_info *info(enum level level)
{
    return &level_info[(unsigned)level < LEVEL_COUNT ? level : LEVEL_UNKNOWN];
}

const char *level_name(enum level level)
{
    return info(level)->name;
}

bool level_from_name(const char *name, enum level *out)
{
    for (int i = 0; name && i < LEVEL_COUNT; i++) {
        if (strcmp(name, level_info[i].name) == 0) {
            *out = (enum level)i;
            return true;
        }
    }
    return false;
}

enum level level_worst(enum level a, enum level b)
{
    return a > b ? a : b;
}

bool level_is_problem(enum level level)
{
    return level >= LEVEL_DEGRADED && level < LEVEL_COUNT;
}

bool level_is_notable(enum level level)
{
    return level >= LEVEL_NOTICE && level < LEVEL_COUNT;
}

char level_letter(enum level level)
{
    return info(level)->letter;
}

const char *level_glyph(enum level level)
{
    return info(level)->glyph;
}

const char *level_label(enum level level)
{
    return info(level)->label;
}

int level_nagios(enum level level)
{
    return info(level)->nagios;
}

int level_scale(enum level level)
{
    switch (level) {
    case LEVEL_OK: return 0;
    case LEVEL_NOTICE: return 1;
    case LEVEL_MAINTENANCE: return 2;
    case LEVEL_DEGRADED: return 3;
    case LEVEL_PARTIAL: return 4;
    case LEVEL_MAJOR: return 5;
    default: return -1;
    }
}
