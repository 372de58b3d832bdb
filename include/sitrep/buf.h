/* A growable byte buffer, always NUL-terminated after each append.
 * A zeroed struct buf is a valid empty buffer. */
#ifndef SITREP_BUF_H
#define SITREP_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
    char *data; /* NULL until the first append */
    size_t len;
    size_t cap;
};

void buf_append(struct buf *b, const void *data, size_t len);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Appends n copies of c. */
void buf_repeat(struct buf *b, char c, size_t n);
void buf_reset(struct buf *b);
/* Returns the contents ("" when empty) as a malloc'd string; b is left empty. */
char *buf_detach(struct buf *b);
/* The contents as a C string, "" when empty; valid until the next append. */
const char *buf_str(const struct buf *b);
void buf_free(struct buf *b);

#endif
