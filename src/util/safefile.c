/* Safe file creation and reading (see safefile.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>

#include "sitrep/safefile.h"
#include "sitrep/xalloc.h"

#define NEW_FILE_FLAGS (O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC)

const char *safefile_dir_problem(const struct stat *st)
{
    if (S_ISLNK(st->st_mode))
        return "is a symbolic link";
    if (!S_ISDIR(st->st_mode))
        return "is not a directory";
    if (st->st_uid != geteuid())
        return "belongs to another user";
    if (st->st_mode & (S_IWGRP | S_IWOTH))
        return "is writable by group or others";
    return NULL;
}

const char *safefile_file_problem(const struct stat *st)
{
    if (S_ISLNK(st->st_mode))
        return "is a symbolic link";
    if (!S_ISREG(st->st_mode))
        return "is not a regular file";
    if (st->st_uid != geteuid())
        return "belongs to another user";
    if (st->st_nlink > 1)
        return "has other hard links";
    return NULL;
}

static bool dir_is_empty(int fd)
{
    int dup_fd = dup(fd);
    DIR *d = dup_fd >= 0 ? fdopendir(dup_fd) : NULL;
    struct dirent *de;
    bool empty = true;

    if (!d) {
        if (dup_fd >= 0)
            close(dup_fd);
        return false;
    }
    while (empty && (de = readdir(d)))
        empty = strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0;
    closedir(d);
    return empty;
}

int safefile_open_dir(const char *path, bool must_be_empty, char *err, size_t errlen)
{
    struct stat st;
    const char *why;
    int fd;

    if (mkdir(path, 0700) != 0 && errno != EEXIST) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    /* O_NOFOLLOW refuses a planted link in place of the directory. */
    fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errlen, "%s: %s", path,
                 errno == ELOOP || errno == ENOTDIR ? "is a symbolic link or not a directory"
                                                    : strerror(errno));
        return -1;
    }
    if (fstat(fd, &st) != 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        close(fd);
        return -1;
    }
    why = safefile_dir_problem(&st);
    if (!why && must_be_empty && !dir_is_empty(fd))
        why = "is not an empty directory";
    if (why) {
        snprintf(err, errlen, "%s %s: refusing to write there", path, why);
        close(fd);
        return -1;
    }
    return fd;
}

int safefile_create_at(int dirfd, const char *name)
{
    return openat(dirfd, name, NEW_FILE_FLAGS, 0600);
}

int safefile_create_unique(int dirfd, const char *stem, const char *ext, char *name, size_t namelen)
{
    int fd = -1;

    for (int n = 1; n < 100 && fd < 0; n++) {
        int len = n == 1 ? snprintf(name, namelen, "%s%s", stem, ext)
                         : snprintf(name, namelen, "%s-%d%s", stem, n, ext);
        if (len < 0 || (size_t)len >= namelen) {
            errno = ENAMETOOLONG;
            return -1;
        }
        fd = safefile_create_at(dirfd, name);
        if (fd < 0 && errno != EEXIST)
            return -1;
    }
    return fd;
}

int safefile_open_own(const char *path, struct stat *st, char *err, size_t errlen)
{
    const char *why;
    int fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0600);

    if (fd < 0) {
        snprintf(err, errlen, "%s: %s", path,
                 errno == ELOOP ? "is a symbolic link: refusing to follow it" : strerror(errno));
        return -1;
    }
    if (fstat(fd, st) != 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        close(fd);
        return -1;
    }
    if ((why = safefile_file_problem(st))) {
        snprintf(err, errlen, "%s %s: refusing to use it", path, why);
        close(fd);
        return -1;
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    return fd;
}

int safefile_open_read(const char *path, bool follow, char *err, size_t errlen)
{
    struct stat st;
    /* O_NONBLOCK: opening a FIFO would otherwise wait for a writer. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | (follow ? 0 : O_NOFOLLOW));

    if (fd < 0) {
        snprintf(err, errlen, "%s: %s%s", path, errno == ELOOP && !follow ? "" : "cannot open: ",
                 errno == ELOOP && !follow ? "is a symbolic link: refusing to follow it"
                                           : strerror(errno));
        return -1;
    }
    if (fstat(fd, &st) != 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        close(fd);
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "%s: %s", path,
                 S_ISDIR(st.st_mode) ? "is a directory" : "is not a regular file");
        close(fd);
        return -1;
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    return fd;
}

int safefile_read(const char *path, size_t max, char **out, size_t *len, char *err, size_t errlen)
{
    int fd = safefile_open_read(path, true, err, errlen);
    size_t cap = 8192, n = 0;
    char *data;

    *out = NULL;
    *len = 0;
    if (fd < 0)
        return -1;
    data = xmalloc(cap + 1);
    for (;;) {
        ssize_t got;
        if (n == cap) {
            if (cap > max)
                break;
            cap *= 2;
            data = xrealloc(data, cap + 1);
        }
        got = read(fd, data + n, cap - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            snprintf(err, errlen, "%s: %s", path, strerror(errno));
            close(fd);
            free(data);
            return -1;
        }
        if (got == 0)
            break;
        n += (size_t)got;
    }
    close(fd);
    if (n > max) {
        snprintf(err, errlen, "%s: too large (over %zu bytes)", path, max);
        free(data);
        return -1;
    }
    data[n] = '\0';
    *out = data;
    *len = n;
    return 0;
}
