/* Recordings: every raw response of a session, written by --record and
 * read back by --replay and --demo. The directory format is documented in
 * docs/recording.md; this module is the only one that knows it. A
 * recording may come from anyone: reading it is as strict as parsing a
 * status page. */
#ifndef SITREP_RECORDING_H
#define SITREP_RECORDING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RECORDING_VERSION 1

/* One response. Strings are NUL-terminated; in a loaded recording the
 * recording owns them. */
struct record_entry {
    int64_t t_ms;
    char *service, *source;
    char *url;
    long status;     /* HTTP status, 0 when there was no answer */
    char *headers;   /* "Name: value\n" lines, or NULL */
    char *body_file; /* relative to the directory, NULL when there is no body */
    char *error;     /* NULL when the poll worked */
    bool unreachable;
    long elapsed_ms;
    int64_t next_poll_ms, backoff_until_ms; /* 0 when unknown */
    int line;                               /* in responses.jsonl */
};

/* ---- writing --------------------------------------------------------- */

struct recorder;

/* Creates dir, mode 0700 (it must not exist, or be an empty directory of
 * the user's own that group and others cannot write: anything else is
 * refused with the reason), copies the config file into it without its
 * secrets and writes recording.json without an end. Every file is created
 * new (O_EXCL, O_NOFOLLOW, mode 0600) inside the checked directory; URLs,
 * headers and errors are recorded with their secrets redacted
 * (redact.h). Returns NULL with a message in err. */
struct recorder *recorder_open(const char *dir, const char *config_path, int64_t start_ms,
                               const char *title, char *err, size_t errlen);
/* Appends one response; body (len bytes) is written when has_body. The
 * strings of e are the caller's. Returns 0, or -1 with a message in err
 * (the recorder keeps going: the next response may fit). */
int recorder_add(struct recorder *r, const struct record_entry *e, const char *body, size_t len,
                 bool has_body, char *err, size_t errlen);
/* Writes the end time into recording.json and closes. Returns 0 or -1. */
int recorder_close(struct recorder *r, int64_t end_ms, char *err, size_t errlen);

/* ---- reading --------------------------------------------------------- */

struct recording {
    char *dir;
    char *title; /* may be NULL */
    int64_t start_ms, end_ms;
    double speed;                 /* default replay speed, 1 when not given */
    struct record_entry *entries; /* sorted by t_ms */
    size_t nentries;
};

/* Parses one line of responses.jsonl into *e (zeroed first; the caller
 * frees it with record_entry_free()). Returns 0, or -1 with "field what is
 * wrong" in err and *e left empty. */
int recording_parse_line(const char *line, size_t len, struct record_entry *e, char *err,
                         size_t errlen);
/* Parses recording.json's text into rec's start_ms, end_ms, title and
 * speed (name is for messages). Returns 0, or -1 with "NAME: what is
 * wrong" in err; rec's title may then need freeing. */
int recording_parse_meta(const char *text, size_t len, const char *name, struct recording *rec,
                         char *err, size_t errlen);
/* Frees what an entry owns and zeroes it. */
void record_entry_free(struct record_entry *e);

/* Loads dir's recording.json and responses.jsonl (bodies stay on disk).
 * Returns NULL with "FILE:LINE: what is wrong" in err. */
struct recording *recording_load(const char *dir, char *err, size_t errlen);
void recording_free(struct recording *rec);

/* The config file inside the recording (malloc'd path). */
char *recording_config_path(const struct recording *rec);

/* Reads an entry's body, at most max_bytes. Returns a malloc'd,
 * NUL-terminated copy with its length in *len, or NULL with a message. */
char *recording_body(const struct recording *rec, const struct record_entry *e, size_t max_bytes,
                     size_t *len, char *err, size_t errlen);

#endif
