/* Feeding text to inih one line at a time, counting lines, so that every
 * message of a hand-edited file (config, theme) can name its line. Shared
 * by the config and theme parsers, which wrap it in their ini_reader. */
#ifndef SITREP_INILINES_H
#define SITREP_INILINES_H

#include <stddef.h>

struct ini_lines {
    const char *pos; /* the rest of the text */
    int line;        /* of the line last given out, 1-based */
};

/* Copies the next line (with its newline) into str, which holds num bytes,
 * and counts it. A line that does not fit is given as an empty line and
 * *too_long gets its length (0 otherwise). Returns str, or NULL at the
 * end. *header points into str at a "[section]" line's '[' (after blanks),
 * NULL for other lines. */
char *ini_lines_next(struct ini_lines *l, char *str, int num, size_t *too_long,
                     const char **header);

#endif
