/* Internal to the detail pane (detail.c, detail_crowd.c): the pane is built
 * as a list of lines — role, attributes, indentation, sanitized text —
 * then wrapped to the width and windowed by the scroll. */
#ifndef SITREP_DETAIL_INTERNAL_H
#define SITREP_DETAIL_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "sitrep/buf.h"
#include "sitrep/snapshot.h"
#include "sitrep/style.h"

#define MIN_TEXT_COLS 8 /* indentation gives way before text gets narrower */
/* Caps on remote text, so one hostile page cannot make the pane huge. */
#define NAME_COLS   60
#define TITLE_COLS  300
#define BODY_COLS   2000 /* per paragraph */
#define BODY_PARAS  40
#define SHORT_COLS  24 /* statuses, impacts, categories */
#define LIST_MAX    40 /* affected components named before "and N more" */
#define REGIONS_MAX 8
#define CATS_MAX    6
#define SPARK_MAX   48 /* four hours of 5-minute buckets */
#define CHANGES_MAX 6  /* the latest changes of the level */

struct dline {
    enum style_role role;
    unsigned attr;
    int indent, hang; /* columns before the first row and before the others */
    bool nowrap;      /* cut at the width instead of wrapping (sparklines) */
    char *text;       /* sanitized */
};

struct detail {
    const struct snapshot *snap;
    const struct snap_service *s;
    const struct snap_cell *cell;      /* the chosen column's cell, or NULL */
    region_id column;                  /* REGION_NONE for the whole service */
    const struct snap_component *comp; /* the expanded row, when a component */
    const char *symptom;               /* the expanded row, when a category */
    const char *child;                 /* the expanded row, matched or not */
    time_t now;
    unsigned san;
    bool ascii;
    int width;
    struct buf b; /* the line being built */
    struct dline *lines;
    size_t n, cap;
};

/* Ends the line being built in d->b (sanitized unless nowrap) and adds it. */
void dl_add_line(struct detail *d, enum style_role role, unsigned attr, int indent, int hang,
                 bool nowrap);
void dl_add(struct detail *d, enum style_role role, unsigned attr, int indent, int hang);
/* Appends remote text, sanitized and cut to cols. */
void dl_put_clean(struct detail *d, const char *s, int cols);
const char *dl_sep(const struct detail *d);
void dl_put_sep(struct detail *d);
void dl_put_glyph(struct detail *d, enum level level);
void dl_put_clock(struct detail *d, time_t t);
void dl_put_ago(struct detail *d, time_t t);
void dl_put_when(struct detail *d, time_t t);
void dl_section(struct detail *d, const char *title);
bool dl_same_text(const char *a, const char *b);

/* The crowd series reports the category. */
bool dl_has_category(const struct snap_crowd *c, const char *name);

/* detail_crowd.c: the crowd section — lead, shared cause, each series with
 * its counts against baseline, sparkline, peak and categories. */
void detail_crowd(struct detail *d);

#endif
