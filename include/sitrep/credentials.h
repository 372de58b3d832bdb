/* API credentials for sources that need them (the Downdetector Enterprise
 * API: an OAuth client id and secret). They come from the environment
 * (SITREP_DOWNDETECTOR_CLIENT_ID and SITREP_DOWNDETECTOR_CLIENT_SECRET) or
 * from a file that nobody but its owner may read:
 *
 *   client_id = ...
 *   client_secret = ...
 *
 * Secrets are never printed, logged, recorded or exported: error messages
 * name the file and the problem, never a value. */
#ifndef SITREP_CREDENTIALS_H
#define SITREP_CREDENTIALS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct credentials {
    char *client_id;
    char *client_secret;
};

/* Loads from path, or from the environment when path is NULL. Returns 0,
 * or -1 with a message in err (missing, readable by group or others,
 * another user's, a symbolic link, not a regular file, a line that is not
 * key = value, a missing key). Messages call the file "credentials file
 * ***": its path is a credentials value too. */
int credentials_load(const char *path, struct credentials *out, char *err, size_t errlen);

/* Parses a credentials file's text (modified in place) into *out. Returns
 * 0, or -1 with "line N: what is wrong" (never the text) and *out empty. */
int credentials_parse(char *text, struct credentials *out, char *err, size_t errlen);

/* True when an environment entry ("NAME=value") holds credentials: such
 * variables are not passed on to the commands sitrep runs. */
bool credentials_env_secret(const char *entry);
/* Wipes and frees. */
void credentials_free(struct credentials *c);

/* Parses an OAuth token response ({"access_token": ..., "expires_in": N}).
 * Returns 0 with a new string in *token and the lifetime in *expires_s
 * (3600 when absent), or -1 with a message that never quotes the body. */
int oauth_parse_token(const char *body, size_t len, char **token, long *expires_s, char *err,
                      size_t errlen);

#endif
