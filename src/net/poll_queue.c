/* The poller's queue (see net_internal.h): a heap of due times and the
 * hosts' waiting lists. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "net_internal.h"
#include "sitrep/xalloc.h"

/* ---- the heap -------------------------------------------------------- */

void due_heap_init(struct due_heap *h, size_t nslots)
{
    size_t n = nslots ? nslots : 1;

    h->slot = xcalloc(n, sizeof *h->slot);
    h->key = xcalloc(n, sizeof *h->key);
    h->pos = xmalloc(n * sizeof *h->pos);
    for (size_t i = 0; i < n; i++)
        h->pos[i] = QUEUE_NONE;
    h->n = 0;
    h->nslots = nslots;
}

void due_heap_free(struct due_heap *h)
{
    free(h->slot);
    free(h->key);
    free(h->pos);
    memset(h, 0, sizeof *h);
}

static void place(struct due_heap *h, size_t i, uint32_t s, int64_t key)
{
    h->slot[i] = s;
    h->key[i] = key;
    h->pos[s] = (uint32_t)i;
}

static void sift_up(struct due_heap *h, size_t i)
{
    uint32_t s = h->slot[i];
    int64_t key = h->key[i];

    while (i > 0) {
        size_t parent = (i - 1) / 2;
        if (h->key[parent] <= key)
            break;
        place(h, i, h->slot[parent], h->key[parent]);
        i = parent;
    }
    place(h, i, s, key);
}

static void sift_down(struct due_heap *h, size_t i)
{
    uint32_t s = h->slot[i];
    int64_t key = h->key[i];

    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= h->n)
            break;
        if (c + 1 < h->n && h->key[c + 1] < h->key[c])
            c++;
        if (h->key[c] >= key)
            break;
        place(h, i, h->slot[c], h->key[c]);
        i = c;
    }
    place(h, i, s, key);
}

void due_heap_set(struct due_heap *h, uint32_t s, int64_t key)
{
    uint32_t i = h->pos[s];

    if (i == QUEUE_NONE) {
        place(h, h->n++, s, key);
        sift_up(h, h->n - 1);
        return;
    }
    h->key[i] = key;
    sift_up(h, i);
    sift_down(h, h->pos[s]);
}

void due_heap_remove(struct due_heap *h, uint32_t s)
{
    uint32_t i = h->pos[s];

    if (i == QUEUE_NONE)
        return;
    h->pos[s] = QUEUE_NONE;
    if (--h->n == i)
        return;
    uint32_t last = h->slot[h->n];
    place(h, i, last, h->key[h->n]);
    sift_up(h, i);
    sift_down(h, h->pos[last]);
}

uint32_t due_heap_peek(const struct due_heap *h, int64_t *key)
{
    if (h->n == 0)
        return QUEUE_NONE;
    if (key)
        *key = h->key[0];
    return h->slot[0];
}

uint32_t due_heap_pop(struct due_heap *h)
{
    uint32_t s = due_heap_peek(h, NULL);

    if (s != QUEUE_NONE)
        due_heap_remove(h, s);
    return s;
}

/* ---- hosts ----------------------------------------------------------- */

void hosts_init(struct hosts *t, size_t nslots)
{
    memset(t, 0, sizeof *t);
    t->index_cap = 64;
    while (t->index_cap < 2 * nslots)
        t->index_cap *= 2;
    t->index = xmalloc(t->index_cap * sizeof *t->index);
    for (size_t i = 0; i < t->index_cap; i++)
        t->index[i] = QUEUE_NONE;
    t->park_next = xmalloc((nslots ? nslots : 1) * sizeof *t->park_next);
    t->ready_head = t->ready_tail = QUEUE_NONE;
}

void hosts_free(struct hosts *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->v[i].name);
    free(t->v);
    free(t->index);
    free(t->park_next);
    memset(t, 0, sizeof *t);
}

/* "host:port" of a URL, lower case; userinfo left out. */
static char *host_key(const char *url)
{
    const char *p = strstr(url, "://"), *end, *at;
    char *key;

    p = p ? p + 3 : url;
    end = p + strcspn(p, "/?#");
    at = memchr(p, '@', (size_t)(end - p));
    if (at)
        p = at + 1;
    key = xstrndup(p, (size_t)(end - p));
    for (char *c = key; *c; c++)
        *c = (char)tolower((unsigned char)*c);
    return key;
}

static size_t hash_str(const char *s)
{
    size_t h = 1469598103934665603ULL;

    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

uint32_t hosts_intern(struct hosts *t, const char *url)
{
    char *key = host_key(url);
    size_t i = hash_str(key) & (t->index_cap - 1);

    while (t->index[i] != QUEUE_NONE) {
        if (strcmp(t->v[t->index[i]].name, key) == 0) {
            free(key);
            return t->index[i];
        }
        i = (i + 1) & (t->index_cap - 1);
    }
    /* index_cap is at least twice the number of slots, so it never fills */
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 16;
        t->v = xreallocarray(t->v, t->cap, sizeof *t->v);
    }
    t->v[t->n] = (struct host_entry){
        .name = key, .park_head = QUEUE_NONE, .park_tail = QUEUE_NONE, .ready_next = QUEUE_NONE};
    t->index[i] = (uint32_t)t->n;
    return (uint32_t)t->n++;
}

void hosts_park(struct hosts *t, uint32_t h, uint32_t s)
{
    struct host_entry *e = &t->v[h];

    t->park_next[s] = QUEUE_NONE;
    if (e->park_tail == QUEUE_NONE)
        e->park_head = s;
    else
        t->park_next[e->park_tail] = s;
    e->park_tail = s;
    t->nparked++;
}

void hosts_wake(struct hosts *t, uint32_t h, uint32_t cap)
{
    struct host_entry *e = &t->v[h];

    if (e->in_ready || e->park_head == QUEUE_NONE || e->running >= cap)
        return;
    e->in_ready = 1;
    e->ready_next = QUEUE_NONE;
    if (t->ready_tail == QUEUE_NONE)
        t->ready_head = h;
    else
        t->v[t->ready_tail].ready_next = h;
    t->ready_tail = h;
}

uint32_t hosts_take_ready(struct hosts *t, uint32_t cap)
{
    while (t->ready_head != QUEUE_NONE) {
        uint32_t h = t->ready_head;
        struct host_entry *e = &t->v[h];
        if (e->park_head != QUEUE_NONE && e->running < cap) {
            uint32_t s = e->park_head;
            e->park_head = t->park_next[s];
            if (e->park_head == QUEUE_NONE)
                e->park_tail = QUEUE_NONE;
            t->nparked--;
            return s;
        }
        /* out of waiters or of room: off the list until woken again */
        t->ready_head = e->ready_next;
        if (t->ready_head == QUEUE_NONE)
            t->ready_tail = QUEUE_NONE;
        e->in_ready = 0;
    }
    return QUEUE_NONE;
}

size_t hosts_parked(const struct hosts *t)
{
    return t->nparked;
}
