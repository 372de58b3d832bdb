/* Query strings of the requests sitrep serve answers: "service=parley&
 * since=2h". What a client sends is hostile: a value is percent-decoded
 * strictly (a bad escape, a NUL or a control character makes the whole
 * parameter invalid) and must fit the caller's buffer. */
#ifndef SITREP_QUERY_H
#define SITREP_QUERY_H

#include <stdbool.h>
#include <stddef.h>

enum query_result { QUERY_ABSENT, QUERY_OK, QUERY_INVALID };

/* Finds key in query (len bytes, without the '?'); the first occurrence
 * wins. QUERY_OK puts the decoded value, NUL-terminated, into out. */
enum query_result query_get(const char *query, size_t len, const char *key, char *out,
                            size_t outlen);

#endif
