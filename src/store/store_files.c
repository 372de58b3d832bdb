/* The files beside the database (see store_internal.h): its directory,
 * the instance lock, and a damaged file moved aside. No SQLite here. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "sitrep/safefile.h"
#include "sitrep/xalloc.h"
#include "store_internal.h"

/* ---- files beside the database --------------------------------------- */

/* mkdir -p of the directory path is in, 0700: history is private. */
int store_make_parent(const char *path, char *err, size_t errlen)
{
    char *dir = xstrdup(path), *slash = strrchr(dir, '/');
    int rc = 0;

    if (slash && slash != dir) {
        *slash = '\0';
        for (char *p = dir + 1;; p++) {
            struct stat sb;
            bool last = *p == '\0';
            if (*p != '/' && !last)
                continue;
            *p = '\0';
            if (mkdir(dir, 0700) != 0 && errno != EEXIST &&
                !(stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode))) {
                store_set_err(err, errlen, "cannot create %s: %s", dir, strerror(errno));
                rc = -1;
            }
            if (last || rc)
                break;
            *p = '/';
        }
    }
    free(dir);
    return rc;
}

static long read_pid(int fd)
{
    char buf[32];
    ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
    long pid;

    if (n <= 0)
        return 0;
    buf[n] = '\0';
    pid = strtol(buf, NULL, 10);
    return pid > 0 ? pid : 0;
}

/* Takes the instance lock on PATH.lock. Returns 0 with it held, 1 when
 * another process holds it (rep says who), -1 with a message. flock()
 * locks belong to the open file description, so a second store_open() in
 * the same process is refused just like another process. */
int store_take_lock(struct store *st, struct store_report *rep, char *err, size_t errlen)
{
    char *lockpath = xasprintf("%s.lock", st->path), pid[32];
    struct stat sb;
    /* Never through a link: the pid is written over whatever it opens. */
    int fd = safefile_open_own(lockpath, &sb, err, errlen), n;

    if (fd < 0) {
        free(lockpath);
        return -1;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        int e = errno;
        if (e == EWOULDBLOCK) {
            rep->locked = true;
            rep->lock_pid = read_pid(fd);
        } else {
            store_set_err(err, errlen, "%s: cannot lock: %s", lockpath, strerror(e));
        }
        close(fd);
        free(lockpath);
        return e == EWOULDBLOCK ? 1 : -1;
    }
    /* The pid only tells the user who holds it: failing to write it is no
     * reason to refuse the history. */
    n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
    bool wrote = ftruncate(fd, 0) == 0 && pwrite(fd, pid, (size_t)n, 0) == n;
    (void)wrote;
    st->lock_fd = fd;
    free(lockpath);
    return 0;
}

void store_release_lock(struct store *st)
{
    if (st->lock_fd >= 0)
        close(st->lock_fd);
    st->lock_fd = -1;
}

/* Renames PATH (and PATH-wal, PATH-shm) to PATH.corrupt-<UTC time>, never
 * over an earlier one. The -wal must go too: left behind, SQLite would
 * replay it into the fresh file. */
int store_move_aside(struct store *st, struct store_report *rep, char *err, size_t errlen)
{
    static const char *const side[] = {"-wal", "-shm"};
    time_t now = time(NULL);
    struct tm tm;
    struct stat sb;
    char stamp[32], *base, *dest;
    int rc = 0;

    gmtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
    base = xasprintf("%s.corrupt-%s", st->path, stamp);
    dest = xstrdup(base);
    for (int n = 2; lstat(dest, &sb) == 0; n++) {
        free(dest);
        dest = xasprintf("%s.%d", base, n);
    }
    if (rename(st->path, dest) != 0) {
        store_set_err(err, errlen, "%s is damaged and cannot be moved aside: %s", st->path,
                      strerror(errno));
        rc = -1;
    }
    for (size_t i = 0; rc == 0 && i < sizeof side / sizeof side[0]; i++) {
        char *from = xasprintf("%s%s", st->path, side[i]), *to = xasprintf("%s%s", dest, side[i]);
        if (rename(from, to) != 0 && errno != ENOENT) {
            store_set_err(err, errlen, "%s is damaged and cannot be moved aside: %s", from,
                          strerror(errno));
            rc = -1;
        }
        free(from);
        free(to);
    }
    if (rc == 0)
        snprintf(rep->moved_to, sizeof rep->moved_to, "%s", dest);
    free(base);
    free(dest);
    return rc;
}
