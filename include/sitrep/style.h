/* Semantic style roles. Widgets name roles, never colours; the terminal
 * module (and later the theme files) map roles to colours and attributes. */
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

#endif
