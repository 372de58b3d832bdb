/* Internal to the alerts (alerts.c): the on-change commands as processes
 * (alerts_cmd.c). */
#ifndef SITREP_ALERTS_INTERNAL_H
#define SITREP_ALERTS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <time.h>

struct alert_cmd {
    pid_t pid;               /* 0: a free slot */
    struct timespec started; /* CLOCK_MONOTONIC */
    char *service;           /* whose change it runs for */
    bool killed;             /* it ran over ALERTS_HOOK_TIMEOUT */
};

/* Runs /bin/sh -c cmd in the free slot c: the program's environment with
 * vars ("NAME=value", NULL-terminated) on top, /dev/null for input and
 * output, a process group of its own, default signal handling, no other
 * descriptor. Returns 0, or an errno value when it could not start. */
int alert_cmd_start(struct alert_cmd *c, const char *cmd, char *const *vars, const char *service);

/* Reaps those of the n commands that ended and kills those over their
 * time, never waiting. When one failed, says so in msg and returns true. */
bool alert_cmd_reap(struct alert_cmd *cmds, size_t n, char *msg, size_t msglen);

/* How many of the n are running. */
size_t alert_cmd_running(const struct alert_cmd *cmds, size_t n);

#endif
