/* The event loop's registry of descriptors (see loop.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sitrep/loop.h"
#include "sitrep/xalloc.h"

struct source {
    int id;
    const char *name;
    loop_fn on_ready;
    void *ctx;
};

/* Parallel arrays: fds and ready are what a wait takes as they are. */
struct loop {
    struct source *src;
    int *fds;
    bool *ready;
    size_t n, cap;
    int next_id;
};

struct loop *loop_new(void)
{
    return xcalloc(1, sizeof(struct loop));
}

void loop_free(struct loop *l)
{
    if (!l)
        return;
    free(l->src);
    free(l->fds);
    free(l->ready);
    free(l);
}

int loop_add(struct loop *l, const char *name, int fd, loop_fn on_ready, void *ctx)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 4;
        l->src = xreallocarray(l->src, l->cap, sizeof *l->src);
        l->fds = xreallocarray(l->fds, l->cap, sizeof *l->fds);
        l->ready = xreallocarray(l->ready, l->cap, sizeof *l->ready);
    }
    l->src[l->n] =
        (struct source){.id = ++l->next_id, .name = name, .on_ready = on_ready, .ctx = ctx};
    l->fds[l->n] = fd;
    l->ready[l->n] = false;
    l->n++;
    return l->next_id;
}

void loop_remove(struct loop *l, int id)
{
    for (size_t i = 0; i < l->n; i++) {
        if (l->src[i].id != id)
            continue;
        memmove(&l->src[i], &l->src[i + 1], (l->n - i - 1) * sizeof *l->src);
        memmove(&l->fds[i], &l->fds[i + 1], (l->n - i - 1) * sizeof *l->fds);
        memmove(&l->ready[i], &l->ready[i + 1], (l->n - i - 1) * sizeof *l->ready);
        l->n--;
        return;
    }
}

size_t loop_fds(struct loop *l, const int **fds, bool **ready)
{
    *fds = l->fds;
    *ready = l->ready;
    return l->n;
}

void loop_dispatch(struct loop *l)
{
    /* A handler may add or remove sources: the ready ones are taken by id
     * first, and each looked up again before its handler runs. */
    int *ids = xcalloc(l->n + 1, sizeof *ids);
    size_t n = 0;

    for (size_t i = 0; i < l->n; i++) {
        if (l->ready[i])
            ids[n++] = l->src[i].id;
        l->ready[i] = false;
    }
    for (size_t k = 0; k < n; k++) {
        for (size_t i = 0; i < l->n; i++) {
            if (l->src[i].id == ids[k] && l->src[i].on_ready) {
                l->src[i].on_ready(l->src[i].ctx);
                break;
            }
        }
    }
    free(ids);
}

size_t loop_count(const struct loop *l)
{
    return l->n;
}

const char *loop_name(const struct loop *l, size_t i)
{
    return i < l->n ? l->src[i].name : NULL;
}
