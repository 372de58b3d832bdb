/* Feeding text to inih one line at a time, counting lines, and collecting
 * errors that name the file and line — shared by the config and theme
 * parsers, so every message of a hand-edited file says where it is. */
#ifndef SITREP_INILINES_H
#define SITREP_INILINES_H

#include <stddef.h>

#include "sitrep/buf.h"

struct ini_lines {
    const char *pos;  /* the rest of the text */
    const char *name; /* the file, for messages */
    int max_errors;   /* errors kept; the others are only counted */
    int line;         /* of the line last given out, 1-based */
    int nerrors;
    struct buf errors;
};

/* Copies the next line (with its newline) into str, which holds num bytes,
 * and counts it. A line that does not fit is an error and given to inih as
 * an empty line. Returns str, or NULL at the end. *header points into str
 * at a "[section]" line's '[' (after blanks), NULL for other lines. */
char *ini_lines_next(struct ini_lines *l, char *str, int num, const char **header);

/* Adds "name:line: message". */
__attribute__((format(printf, 3, 4))) void ini_lines_error(struct ini_lines *l, int line,
                                                           const char *fmt, ...);

/* The messages, with a count of those not kept, for the caller to free;
 * NULL when there were none. Resets the errors. */
char *ini_lines_take_errors(struct ini_lines *l);

#endif
