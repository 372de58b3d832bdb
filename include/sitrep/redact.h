/* Secrets out of text. What counts as a secret: the userinfo of a URL
 * (the "user:pass@" before the host becomes "***@"), the value of a
 * query parameter whose name says it is one (token, key, secret, password,
 * signature, auth ...: "?api_key=***"), and the value of an Authorization
 * header. Everything that leaves the process as text (recordings,
 * exports, logs, messages, the hooks' SITREP_* variables, our own command
 * line) passes through here first. */
#ifndef SITREP_REDACT_H
#define SITREP_REDACT_H

#include <stdbool.h>
#include <stddef.h>

#define REDACTED "***"

/* A malloc'd copy of s with every secret replaced by "***"; NULL gives
 * NULL. */
char *redact_text(const char *s);

/* The same, in place: the text never grows (a secret shorter than three
 * characters becomes as many stars) and the bytes freed at the end are
 * zeroed, so no trace of the secret is left in the buffer. Returns true
 * when something was replaced. For argv, whose memory is what
 * /proc/PID/cmdline shows. */
bool redact_in_place(char *s);

/* True when s holds something redact_text() would replace. */
bool redact_has_secret(const char *s);

/* Takes the userinfo out of url: *clean gets the URL without it, *user and
 * *password its parts, percent-decoded (NULL when the URL has none; a
 * password may be NULL alone). Returns 0, or -1 when the userinfo decodes
 * to something unusable (a NUL byte, a bad escape). All malloc'd. */
int redact_split_userinfo(const char *url, char **clean, char **user, char **password);

#endif
