/* The on-change commands as processes (see alerts_internal.h). Nothing here
 * waits: a command that hangs costs a slot until its timeout, never a
 * frame. The timeout is in real time, whatever the injected clock does (a
 * replay at 600x would otherwise kill every command at once). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "alerts_internal.h"
#include "sitrep/alerts.h"
#include "sitrep/credentials.h"
#include "sitrep/xalloc.h"

extern char **environ;

static bool var_is_ours(const char *entry, char *const *vars)
{
    for (; *vars; vars++) {
        size_t n = strcspn(*vars, "=") + 1;
        if (strncmp(entry, *vars, n) == 0)
            return true;
    }
    return false;
}

/* The program's environment (PATH, HOME ...) with ours on top: a
 * SITREP_TITLE of the user's own does not shadow the incident's. */
static char **merged_env(char *const *vars)
{
    size_t n = 0, nv = 0, k = 0;

    while (environ && environ[n])
        n++;
    while (vars[nv])
        nv++;
    char **env = xcalloc(n + nv + 1, sizeof *env);
    for (size_t i = 0; i < n; i++) {
        /* the API credentials sitrep was given are not the command's */
        if (!var_is_ours(environ[i], vars) && !credentials_env_secret(environ[i]))
            env[k++] = environ[i];
    }
    for (size_t i = 0; i < nv; i++)
        env[k++] = vars[i];
    return env;
}

int alert_cmd_start(struct alert_cmd *c, const char *cmd, char *const *vars, const char *service)
{
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t attr;
    sigset_t none, all;
    char sh[] = "sh", dash_c[] = "-c";
    char *argv[] = {sh, dash_c, (char *)cmd, NULL};
    char **env = merged_env(vars);
    int rc;

    posix_spawn_file_actions_init(&fa);
    /* Nothing it prints may land on the dashboard. */
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, 1, 2);
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
    posix_spawn_file_actions_addclosefrom_np(&fa, 3); /* sockets, the history file */
#endif
    posix_spawnattr_init(&attr);
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &all); /* we ignore SIGPIPE; it should not */
    posix_spawnattr_setpgroup(&attr, 0); /* Ctrl+C is for sitrep; the timeout kills the group */
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
                                        POSIX_SPAWN_SETSIGDEF);
    rc = posix_spawn(&c->pid, "/bin/sh", &fa, &attr, argv, env);
    posix_spawnattr_destroy(&attr);
    posix_spawn_file_actions_destroy(&fa);
    free(env);
    if (rc != 0) {
        c->pid = 0;
        return rc;
    }
    clock_gettime(CLOCK_MONOTONIC, &c->started);
    c->service = xstrdup(service);
    c->killed = false;
    return 0;
}

static long elapsed_s(const struct timespec *since)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (long)(now.tv_sec - since->tv_sec);
}

/* Frees the slot; true with a message when the command failed. */
static bool ended(struct alert_cmd *c, int status, char *msg, size_t msglen)
{
    bool said = true;

    if (c->killed)
        snprintf(msg, msglen, "the on-change command for %s ran over %ds and was stopped",
                 c->service, ALERTS_HOOK_TIMEOUT);
    else if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
        snprintf(msg, msglen, "the on-change command for %s exited with status %d", c->service,
                 WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        snprintf(msg, msglen, "the on-change command for %s died of signal %d", c->service,
                 WTERMSIG(status));
    else
        said = false;
    free(c->service);
    memset(c, 0, sizeof *c);
    return said;
}

bool alert_cmd_reap(struct alert_cmd *cmds, size_t n, char *msg, size_t msglen)
{
    bool said = false;

    for (size_t i = 0; i < n; i++) {
        struct alert_cmd *c = &cmds[i];
        int status = 0;
        if (!c->pid)
            continue;
        pid_t r = waitpid(c->pid, &status, WNOHANG);
        if (r == c->pid || (r < 0 && errno == ECHILD)) /* ECHILD: SIGCHLD is ignored */
            said |= ended(c, r == c->pid ? status : 0, msg, msglen);
        else if (r == 0 && !c->killed && elapsed_s(&c->started) >= ALERTS_HOOK_TIMEOUT)
            c->killed = kill(-c->pid, SIGKILL) == 0 || errno == ESRCH; /* sh and its children */
    }
    return said;
}

size_t alert_cmd_running(const struct alert_cmd *cmds, size_t n)
{
    size_t running = 0;

    for (size_t i = 0; i < n; i++)
        running += cmds[i].pid != 0;
    return running;
}
