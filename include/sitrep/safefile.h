/* Files that do not betray us: sitrep often runs as root on servers, in
 * directories others can write to. Every file it creates is opened with
 * O_NOFOLLOW and O_CLOEXEC, new ones with O_EXCL and mode 0600, inside a
 * directory checked to be the user's own; every file it reads is opened
 * without blocking (a FIFO given as a config must not hang the program)
 * and must be a regular file. Messages name the path and the reason. */
#ifndef SITREP_SAFEFILE_H
#define SITREP_SAFEFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

/* Why a directory is not safe to create files in (not a directory, a
 * symbolic link, owned by someone else, writable by group or others), or
 * NULL when it is. */
const char *safefile_dir_problem(const struct stat *st);

/* Why a file of ours is not safe to write (not a regular file, owned by
 * someone else, more than one hard link), or NULL when it is. */
const char *safefile_file_problem(const struct stat *st);

/* Creates directory path (mode 0700) or takes the existing one when it
 * passes safefile_dir_problem() and, with must_be_empty, holds nothing.
 * Returns an O_DIRECTORY descriptor (checked again after opening, so the
 * directory cannot be swapped in between), or -1 with a message. */
int safefile_open_dir(const char *path, bool must_be_empty, char *err, size_t errlen);

/* Creates name in the directory dirfd: O_EXCL, O_NOFOLLOW, O_CLOEXEC, 0600.
 * Returns a write-only descriptor or -1 with errno set. */
int safefile_create_at(int dirfd, const char *name);

/* Creates a new file named stem + ext in dirfd as safefile_create_at()
 * does, or stem-2 + ext, stem-3 + ext ... up to stem-99 + ext when the
 * name is taken (by a file, a directory or a link, which is never
 * followed): an earlier file is never written over. The name used goes to
 * name. Returns the descriptor, or -1 with errno set. */
int safefile_create_unique(int dirfd, const char *stem, const char *ext, char *name,
                           size_t namelen);

/* Opens path read-write for our own use (a lock, a database), creating it
 * 0600 when it does not exist. A symbolic link, a file that is not regular,
 * another user's file or one with other hard links is refused. Returns the
 * descriptor (O_CLOEXEC), or -1 with a message. *st receives its stat. */
int safefile_open_own(const char *path, struct stat *st, char *err, size_t errlen);

/* Reads a whole regular file of at most max bytes into a malloc'd,
 * NUL-terminated buffer (*len bytes before the NUL). FIFOs, devices and
 * directories are refused without blocking. Returns 0, or -1 with
 * "PATH: reason" in err. */
int safefile_read(const char *path, size_t max, char **out, size_t *len, char *err, size_t errlen);

/* Opens a regular file for reading without blocking on a FIFO (the
 * descriptor is switched back to blocking reads); with follow false, a
 * symbolic link is refused too (files that should be ours, like the
 * bodies of a recording). Returns the descriptor or -1 with "PATH: reason"
 * in err. */
int safefile_open_read(const char *path, bool follow, char *err, size_t errlen);

#endif
