/* Line-counting input for inih (see inilines.h). */
#include "config.h"

#include <string.h>

#include "sitrep/inilines.h"

char *ini_lines_next(struct ini_lines *l, char *str, int num, size_t *too_long, const char **header)
{
    const char *end, *s;
    size_t len;

    *too_long = 0;
    *header = NULL;
    if (!*l->pos)
        return NULL;
    end = strchr(l->pos, '\n');
    len = end ? (size_t)(end - l->pos) + 1 : strlen(l->pos);
    l->line++;
    if (len >= (size_t)num) {
        *too_long = len; /* inih would split it: an empty line instead */
        str[0] = '\n';
        str[1] = '\0';
    } else {
        memcpy(str, l->pos, len);
        str[len] = '\0';
        for (s = str; *s == ' ' || *s == '\t'; s++)
            ;
        if (*s == '[')
            *header = s;
    }
    l->pos += len;
    return str;
}
