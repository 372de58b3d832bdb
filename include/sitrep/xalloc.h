/* Allocation wrappers: out of memory is not recoverable here, so they abort
 * with a message instead of returning NULL. Everything else that can fail
 * returns an error to its caller. */
#ifndef SITREP_XALLOC_H
#define SITREP_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *ptr, size_t size);
/* realloc for arrays, aborting on nmemb * size overflow. */
void *xreallocarray(void *ptr, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* strdup that passes NULL through. */
char *xstrdup_or_null(const char *s);
/* printf into a new string the caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
