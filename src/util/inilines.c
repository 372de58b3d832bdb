/* Line-counting input and error collection for inih (see inilines.h). */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "sitrep/inilines.h"

char *ini_lines_next(struct ini_lines *l, char *str, int num, const char **header)
{
    const char *end, *s;
    size_t len;

    *header = NULL;
    if (!*l->pos)
        return NULL;
    end = strchr(l->pos, '\n');
    len = end ? (size_t)(end - l->pos) + 1 : strlen(l->pos);
    l->line++;
    if (len >= (size_t)num) {
        /* inih would split it into two lines; refuse it instead */
        ini_lines_error(l, l->line, "line too long (%zu characters, at most %d)", len, num - 2);
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

void ini_lines_error(struct ini_lines *l, int line, const char *fmt, ...)
{
    va_list ap;

    if (++l->nerrors > l->max_errors)
        return;
    buf_printf(&l->errors, "%s:%d: ", l->name, line);
    va_start(ap, fmt);
    buf_vprintf(&l->errors, fmt, ap);
    va_end(ap);
    buf_putc(&l->errors, '\n');
}

char *ini_lines_take_errors(struct ini_lines *l)
{
    if (l->nerrors == 0)
        return NULL;
    if (l->nerrors > l->max_errors)
        buf_printf(&l->errors, "%s: %d more errors not shown\n", l->name,
                   l->nerrors - l->max_errors);
    l->nerrors = 0;
    return buf_detach(&l->errors);
}
