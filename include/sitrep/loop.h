/* What can wake the one event loop: a registry of descriptors, each with
 * a name and what to do when it can be read.
 *
 * sitrep has one thread and one wait, engine_step() (engine.h): curl's
 * sockets and every descriptor registered here are waited on together,
 * then the handlers of those that became readable run, in the order they
 * were added. The dashboard registers the terminal and its signal pipe,
 * sitrep serve its stop pipe and the HTTP server (libmicrohttpd's epoll
 * descriptor); a viewer's (--remote) streams are curl transfers and need
 * nothing here. No fixed number of sources: the registry grows. */
#ifndef SITREP_LOOP_H
#define SITREP_LOOP_H

#include <stdbool.h>
#include <stddef.h>

struct loop;

typedef void (*loop_fn)(void *ctx);

struct loop *loop_new(void);
void loop_free(struct loop *l);

/* Adds fd (readable: on_ready(ctx) runs); returns an id for
 * loop_remove(). name says what it is, for messages. */
int loop_add(struct loop *l, const char *name, int fd, loop_fn on_ready, void *ctx);
/* Takes a source away (an unknown id is ignored). */
void loop_remove(struct loop *l, int id);

/* The descriptors to wait on, and a flag per descriptor for the wait to
 * set when it is readable; both valid until the next add or remove. */
size_t loop_fds(struct loop *l, const int **fds, bool **ready);
/* Runs the handler of every source flagged ready, and clears the flags. */
void loop_dispatch(struct loop *l);

/* How many sources, and the name of the i-th (for messages and tests). */
size_t loop_count(const struct loop *l);
const char *loop_name(const struct loop *l, size_t i);

#endif
