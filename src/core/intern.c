/* The string pool (see intern.h): an open-addressing table (linear
 * probing, deletion by shifting back) of entries that carry their count
 * and hash in front of the characters, so a string is released by its
 * pointer alone. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/intern.h"
#include "sitrep/xalloc.h"

struct entry {
    uint32_t refs;
    uint32_t hash;
    char s[];
};

struct intern {
    struct entry **slot; /* NULL: empty */
    size_t cap;          /* a power of two, or 0 */
    size_t n;
    size_t bytes;
};

static struct entry *entry_of(const char *s)
{
    return (struct entry *)(void *)(s - offsetof(struct entry, s));
}

static uint32_t hash_str(const char *s, size_t *len)
{
    uint32_t h = 2166136261u;
    const char *p = s;

    for (; *p; p++) {
        h ^= (unsigned char)*p;
        h *= 16777619u;
    }
    *len = (size_t)(p - s);
    return h;
}

struct intern *intern_new(void)
{
    return xcalloc(1, sizeof(struct intern));
}

void intern_free(struct intern *in)
{
    if (!in)
        return;
    for (size_t i = 0; i < in->cap; i++)
        free(in->slot[i]);
    free(in->slot);
    free(in);
}

static void grow(struct intern *in)
{
    size_t cap = in->cap ? in->cap * 2 : 64;
    struct entry **slot = xcalloc(cap, sizeof *slot);

    for (size_t i = 0; i < in->cap; i++) {
        struct entry *e = in->slot[i];
        if (!e)
            continue;
        size_t k = e->hash & (cap - 1);
        while (slot[k])
            k = (k + 1) & (cap - 1);
        slot[k] = e;
    }
    free(in->slot);
    in->slot = slot;
    in->cap = cap;
}

const char *intern_get(struct intern *in, const char *s)
{
    size_t len, k;
    uint32_t h;
    struct entry *e;

    if (!s)
        return NULL;
    h = hash_str(s, &len);
    if ((in->n + 1) * 4 > in->cap * 3)
        grow(in);
    for (k = h & (in->cap - 1); (e = in->slot[k]) != NULL; k = (k + 1) & (in->cap - 1)) {
        if (e->hash == h && strcmp(e->s, s) == 0)
            return intern_ref(e->s);
    }
    e = xmalloc(sizeof *e + len + 1);
    e->refs = 1;
    e->hash = h;
    memcpy(e->s, s, len + 1);
    in->slot[k] = e;
    in->n++;
    in->bytes += sizeof *e + len + 1;
    return e->s;
}

char *intern_take(struct intern *in, char *s)
{
    const char *p = intern_get(in, s);

    free(s);
    return (char *)p;
}

const char *intern_ref(const char *s)
{
    if (s) {
        struct entry *e = entry_of(s);
        if (e->refs == UINT32_MAX)
            abort(); /* four billion holders: a leak, not a load */
        e->refs++;
    }
    return s;
}

/* Empties slot k and moves back the entries after it that probed past it. */
static void remove_at(struct intern *in, size_t k)
{
    size_t mask = in->cap - 1;

    in->slot[k] = NULL;
    for (size_t j = (k + 1) & mask; in->slot[j]; j = (j + 1) & mask) {
        size_t home = in->slot[j]->hash & mask;
        /* j's entry may move to k when its home is not in (k, j] */
        if (((j - home) & mask) >= ((j - k) & mask)) {
            in->slot[k] = in->slot[j];
            in->slot[j] = NULL;
            k = j;
        }
    }
}

void intern_release(struct intern *in, const char *s)
{
    struct entry *e;
    size_t k;

    if (!s)
        return;
    e = entry_of(s);
    if (--e->refs > 0)
        return;
    for (k = e->hash & (in->cap - 1); in->slot[k] != e; k = (k + 1) & (in->cap - 1))
        ;
    remove_at(in, k);
    in->n--;
    in->bytes -= sizeof *e + strlen(e->s) + 1;
    free(e);
}

size_t intern_count(const struct intern *in)
{
    return in->n;
}

size_t intern_bytes(const struct intern *in)
{
    return in->bytes + in->cap * sizeof *in->slot;
}
