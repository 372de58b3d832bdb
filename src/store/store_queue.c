/* The store's queue (see store_internal.h): writes copied into a ring
 * in memory, kept until a flush commits them or the ring is full. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sitrep/xalloc.h"
#include "store_internal.h"

/* ---- the queue ------------------------------------------------------- */

static time_t floor_to(time_t t, long width)
{
    return t - ((t % width) + width) % width;
}

/* Copies n strings (NULL as "") into one block the item owns and points
 * *dst[i] at each copy. */
static void item_strings(struct item *it, size_t n, const char *const *src, const char **const *dst)
{
    size_t len[8], total = 0;
    char *p;

    for (size_t i = 0; i < n; i++) {
        len[i] = strlen(src[i] ? src[i] : "") + 1;
        total += len[i];
    }
    p = it->strings = xmalloc(total);
    for (size_t i = 0; i < n; i++) {
        memcpy(p, src[i] ? src[i] : "", len[i]);
        *dst[i] = p;
        p += len[i];
    }
}

void store_queue_free(struct queue *q)
{
    for (size_t i = 0; i < q->len; i++)
        free(q->items[(q->head + i) % q->cap].strings);
    free(q->items);
    memset(q, 0, sizeof *q);
}

void store_queue_commit(struct store *st, size_t n, store_ack_fn ack, void *ctx)
{
    struct queue *q = &st->q;
    struct item *done;

    if (n > q->len)
        n = q->len;
    if (n == 0)
        return;
    /* Out of the ring first, so an ack that queues more writes cannot move
     * the items under it. */
    done = xreallocarray(NULL, n, sizeof *done);
    for (size_t i = 0; i < n; i++)
        done[i] = q->items[(q->head + i) % q->cap];
    q->head = (q->head + n) % q->cap;
    q->len -= n;
    for (size_t i = 0; i < n; i++) {
        if (ack)
            ack(ctx, done[i].kind, &done[i].u);
        free(done[i].strings);
    }
    free(done);
}

/* A new zeroed slot at the tail; when the queue is at its cap, the oldest
 * write makes room and is counted as dropped. */
static struct item *queue_push(struct store *st)
{
    struct queue *q = &st->q;
    struct item *it;

    if (q->len >= st->opts.queue_max) {
        free(q->items[q->head].strings);
        q->head = (q->head + 1) % q->cap;
        q->len--;
        st->dropped++;
    }
    if (q->len == q->cap) {
        size_t cap = q->cap ? q->cap * 2 : 64;
        struct item *items;

        if (cap > st->opts.queue_max)
            cap = st->opts.queue_max;
        items = xreallocarray(NULL, cap, sizeof *items);
        for (size_t i = 0; i < q->len; i++)
            items[i] = q->items[(q->head + i) % q->cap];
        free(q->items);
        q->items = items;
        q->cap = cap;
        q->head = 0;
    }
    it = &q->items[(q->head + q->len++) % q->cap];
    memset(it, 0, sizeof *it);
    return it;
}

void store_put_sample(struct store *st, const struct store_sample *s)
{
    struct item *it;
    struct store_sample *c;

    if (!st->writable)
        return;
    it = queue_push(st);
    it->kind = STORE_SAMPLE;
    c = &it->u.sample;
    *c = *s;
    c->bucket = floor_to(s->bucket, st->opts.fine_s);
    item_strings(it, 2, (const char *const[]){s->service, s->region},
                 (const char **const[]){&c->service, &c->region});
}

void store_put_crowd(struct store *st, const struct store_crowd *cr)
{
    struct item *it;
    struct store_crowd *c;

    if (!st->writable)
        return;
    it = queue_push(st);
    it->kind = STORE_CROWD;
    c = &it->u.crowd;
    *c = *cr;
    item_strings(it, 3, (const char *const[]){cr->service, cr->source, cr->key},
                 (const char **const[]){&c->service, &c->source, &c->key});
}

void store_put_statement(struct store *st, const struct store_statement *s)
{
    struct item *it;
    struct store_statement *c;

    if (!st->writable)
        return;
    it = queue_push(st);
    it->kind = STORE_STATEMENT;
    c = &it->u.statement;
    *c = *s;
    item_strings(
        it, 6,
        (const char *const[]){s->service, s->source, s->incident, s->title, s->status, s->body},
        (const char **const[]){&c->service, &c->source, &c->incident, &c->title, &c->status,
                               &c->body});
}

size_t store_pending(const struct store *st)
{
    return st->q.len;
}

size_t store_dropped(const struct store *st)
{
    return st->dropped;
}

bool store_writable(const struct store *st)
{
    return st->writable;
}

int store_fine_s(const struct store *st)
{
    return st->opts.fine_s;
}
