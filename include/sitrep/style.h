/* Semantic style roles. Widgets name roles, never colours; a theme
 * (theme.h) maps roles to colours and attributes, and the terminal module
 * applies it at the terminal's colour depth. */
#ifndef SITREP_STYLE_H
#define SITREP_STYLE_H

#include "sitrep/level.h"

enum style_role {
    ROLE_TEXT = 0,
    ROLE_TITLE,    /* the top bar */
    ROLE_HEADER,   /* column headers */
    ROLE_STATUS,   /* the bottom status line */
    ROLE_DIM,      /* secondary text */
    ROLE_STALE,    /* stale data markers */
    ROLE_ERROR,    /* errors and warnings in text */
    ROLE_SELECTED, /* the selected row's name */
    /* A filled heat cell per level: evidence inside the column. */
    ROLE_CELL_NONE,
    ROLE_CELL_OK,
    ROLE_CELL_UNKNOWN,
    ROLE_CELL_NOTICE,
    ROLE_CELL_MAINTENANCE,
    ROLE_CELL_DEGRADED,
    ROLE_CELL_PARTIAL,
    ROLE_CELL_MAJOR,
    /* The level's colour on the normal background: possible cells, glyphs
     * in text. */
    ROLE_MARK_NONE,
    ROLE_MARK_OK,
    ROLE_MARK_UNKNOWN,
    ROLE_MARK_NOTICE,
    ROLE_MARK_MAINTENANCE,
    ROLE_MARK_DEGRADED,
    ROLE_MARK_PARTIAL,
    ROLE_MARK_MAJOR,
    /* A level's sparkline glyph: its colour on the normal background. */
    ROLE_SPARK_NONE,
    ROLE_SPARK_OK,
    ROLE_SPARK_UNKNOWN,
    ROLE_SPARK_NOTICE,
    ROLE_SPARK_MAINTENANCE,
    ROLE_SPARK_DEGRADED,
    ROLE_SPARK_PARTIAL,
    ROLE_SPARK_MAJOR,
    ROLE_CROWD, /* the crowd-report marker (~) outside filled cells */
    ROLE_COUNT
};

/* Attributes widgets may add to a role. */
enum style_attr {
    ATTR_BOLD = 1 << 0,
    ATTR_REVERSE = 1 << 1,
    ATTR_DIM = 1 << 2,
    ATTR_UNDERLINE = 1 << 3,
};

static inline enum style_role style_cell_role(enum level level)
{
    return (enum style_role)(ROLE_CELL_NONE + (int)level);
}

static inline enum style_role style_mark_role(enum level level)
{
    return (enum style_role)(ROLE_MARK_NONE + (int)level);
}

static inline enum style_role style_spark_role(enum level level)
{
    return (enum style_role)(ROLE_SPARK_NONE + (int)level);
}

#endif
