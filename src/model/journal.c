/* The journal (see journal.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sitrep/journal.h"
#include "sitrep/xalloc.h"

/* How many kept payloads a new one is compared with: a source's body comes
 * back within a few polls, not thousands. */
#define LOOKBACK 256

struct payload {
    uint64_t hash;
    size_t refs; /* 0: a free slot */
    size_t bytes;
    enum journal_kind kind;
    struct evidence ev; /* JOURNAL_SUCCESS */
    char *reason;       /* JOURNAL_FAILURE */
};

struct entry {
    int64_t t_ms;
    uint32_t svc, src;
    enum journal_kind kind;
    uint32_t payload; /* UINT32_MAX: none (JOURNAL_UNCHANGED) */
    struct source_timing timing;
};

struct journal {
    size_t max_bytes, bytes;
    struct entry *v; /* entries [head, n) are live */
    size_t head, n, cap;
    uint64_t first_seq; /* sequence number of v[head] */
    struct payload *p;
    size_t np, capp;
    uint32_t *free_slots;
    size_t nfree, capfree;
};

struct journal *journal_new(size_t max_bytes)
{
    struct journal *j = xcalloc(1, sizeof *j);

    j->max_bytes = max_bytes;
    return j;
}

static void payload_release(struct journal *j, uint32_t id)
{
    struct payload *p;

    if (id == UINT32_MAX)
        return;
    p = &j->p[id];
    if (--p->refs > 0)
        return;
    j->bytes -= p->bytes;
    evidence_free(&p->ev);
    free(p->reason);
    memset(p, 0, sizeof *p);
    if (j->nfree == j->capfree) {
        j->capfree = j->capfree ? j->capfree * 2 : 16;
        j->free_slots = xreallocarray(j->free_slots, j->capfree, sizeof *j->free_slots);
    }
    j->free_slots[j->nfree++] = id;
}

void journal_free(struct journal *j)
{
    if (!j)
        return;
    for (size_t i = 0; i < j->np; i++) {
        evidence_free(&j->p[i].ev);
        free(j->p[i].reason);
    }
    free(j->p);
    free(j->v);
    free(j->free_slots);
    free(j);
}

uint64_t journal_hash(const char *body, size_t len)
{
    uint64_t h = 14695981039346656037ULL;

    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)body[i];
        h *= 1099511628211ULL;
    }
    return h;
}

/* A kept payload of this kind and hash, or UINT32_MAX. */
static uint32_t payload_find(const struct journal *j, enum journal_kind kind, uint64_t hash)
{
    size_t looked = 0;

    for (size_t i = j->np; i-- > 0 && looked < LOOKBACK;) {
        const struct payload *p = &j->p[i];
        if (!p->refs)
            continue;
        looked++;
        if (p->kind == kind && p->hash == hash)
            return (uint32_t)i;
    }
    return UINT32_MAX;
}

static uint32_t payload_new(struct journal *j)
{
    if (j->nfree)
        return j->free_slots[--j->nfree];
    if (j->np == j->capp) {
        j->capp = j->capp ? j->capp * 2 : 64;
        j->p = xreallocarray(j->p, j->capp, sizeof *j->p);
    }
    memset(&j->p[j->np], 0, sizeof j->p[j->np]);
    return (uint32_t)j->np++;
}

static uint32_t payload_take(struct journal *j, enum journal_kind kind, uint64_t hash,
                             const struct evidence *ev, const char *reason)
{
    uint32_t id = payload_find(j, kind, hash);
    struct payload *p;

    if (id != UINT32_MAX) {
        j->p[id].refs++;
        return id;
    }
    id = payload_new(j);
    p = &j->p[id];
    p->kind = kind;
    p->hash = hash;
    p->refs = 1;
    if (kind == JOURNAL_SUCCESS) {
        evidence_copy(&p->ev, ev);
        p->bytes = evidence_size(ev);
    } else {
        p->reason = xstrdup(reason ? reason : "failed");
        p->bytes = strlen(p->reason) + 1 + sizeof *p;
    }
    j->bytes += p->bytes;
    return id;
}

/* Drops the oldest entries until a quarter of the room is free again. */
static void make_room(struct journal *j)
{
    if (j->bytes <= j->max_bytes)
        return;
    while (j->head < j->n && j->bytes > j->max_bytes / 4 * 3) {
        struct entry *e = &j->v[j->head++];
        payload_release(j, e->payload);
        j->bytes -= sizeof *e;
        j->first_seq++;
    }
    if (j->head > j->n / 2) {
        memmove(j->v, j->v + j->head, (j->n - j->head) * sizeof *j->v);
        j->n -= j->head;
        j->head = 0;
    }
}

void journal_add(struct journal *j, int64_t t_ms, size_t svc, size_t src,
                 const struct source_timing *timing, enum journal_kind kind, uint64_t body_hash,
                 const struct evidence *ev, const char *reason)
{
    struct entry *e;

    if (!j)
        return;
    if (kind == JOURNAL_FAILURE)
        body_hash = journal_hash(reason ? reason : "", reason ? strlen(reason) : 0);
    if (j->n == j->cap) {
        j->cap = j->cap ? j->cap * 2 : 256;
        j->v = xreallocarray(j->v, j->cap, sizeof *j->v);
    }
    e = &j->v[j->n++];
    *e = (struct entry){
        .t_ms = t_ms,
        .svc = (uint32_t)svc,
        .src = (uint32_t)src,
        .kind = kind,
        .payload =
            kind == JOURNAL_UNCHANGED ? UINT32_MAX : payload_take(j, kind, body_hash, ev, reason),
        .timing = *timing,
    };
    j->bytes += sizeof *e;
    make_room(j);
}

int64_t journal_start(const struct journal *j)
{
    return j && j->head < j->n ? j->v[j->head].t_ms : -1;
}

/* One entry, told as the engine tells a finished poll. */
static void tell(const struct journal *j, const struct entry *e, struct model *m)
{
    time_t now = (time_t)(e->t_ms / 1000);
    struct evidence ev;

    model_source_timing(m, e->svc, e->src, &e->timing);
    switch (e->kind) {
    case JOURNAL_SUCCESS:
        evidence_copy(&ev, &j->p[e->payload].ev);
        model_source_success(m, e->svc, e->src, &ev, now);
        break;
    case JOURNAL_UNCHANGED: model_source_unchanged(m, e->svc, e->src, now); break;
    case JOURNAL_FAILURE: model_source_failure(m, e->svc, e->src, j->p[e->payload].reason, now);
    }
}

bool journal_tell(const struct journal *j, struct journal_cursor *c, int64_t to_ms)
{
    if (!j || c->next < j->first_seq)
        return false;
    for (size_t i = j->head + (size_t)(c->next - j->first_seq); i < j->n && j->v[i].t_ms <= to_ms;
         i++, c->next++)
        tell(j, &j->v[i], c->model);
    c->t_ms = to_ms;
    return true;
}
