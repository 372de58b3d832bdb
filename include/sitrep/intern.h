/* A string pool: one copy of each distinct string, shared by everyone who
 * holds it and counted, so ten thousand sources that name their components
 * "API", "Europe" or "operational" hold one "API", one "Europe" and one
 * "operational" between them, however many polls the journal keeps.
 *
 * Strings from the pool are read-only and stay valid until their last
 * holder releases them. Not thread-safe: one pool per engine, used from
 * the engine's thread. */
#ifndef SITREP_INTERN_H
#define SITREP_INTERN_H

#include <stddef.h>

struct intern;

struct intern *intern_new(void);
/* Frees the pool. Every string taken from it must have been released
 * first (the pool outlives whatever holds its strings). */
void intern_free(struct intern *in);

/* The pool's copy of s, with one more reference; NULL for NULL. */
const char *intern_get(struct intern *in, const char *s);
/* Like intern_get(), for a string the caller owns (malloc'd): the caller
 * gives it up (freed, or kept as the pool's copy when it is new). */
char *intern_take(struct intern *in, char *s);
/* One more reference to s, a string of the pool (NULL: nothing). */
const char *intern_ref(const char *s);
/* Gives back one reference to s, a string of in (NULL: nothing); the last
 * one frees it. */
void intern_release(struct intern *in, const char *s);

/* Distinct strings held, and the bytes they take (strings and headers). */
size_t intern_count(const struct intern *in);
size_t intern_bytes(const struct intern *in);

#endif
