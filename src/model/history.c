/* Level history (see history.h). Each row keeps runs: the buckets from a
 * run's start up to the next run's start hold one value, up to the row's
 * end (one past the last bucket noted), after which it knows nothing. A
 * row whose level holds for a week is one run kept in the row itself, 16
 * bytes where a byte per bucket took two kilobytes. One stamp per bucket,
 * for all rows, says which buckets the ring holds: the bucket number plus
 * one, so a zeroed stamp is empty. A bucket whose slot holds another
 * bucket, or older than the ring's span, reads as unknown. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/history.h"
#include "sitrep/xalloc.h"

struct run {
    uint32_t start; /* bucket number */
    unsigned char v;
};

struct row {
    uint32_t end; /* one past the last bucket noted; 0: none */
    uint32_t n;   /* runs */
    union {
        struct run *many; /* n >= 2: room for at least room_for(n) */
        struct run one;   /* n <= 1 */
    } u;
};

struct history {
    size_t nrows, nbuckets;
    int bucket_s;
    long long newest; /* the newest bucket number noted, -1 when none */
    uint32_t *stamps; /* per slot: the bucket number it holds + 1, 0 when empty */
    struct row *rows;
};

unsigned char hist_merge(unsigned char a, unsigned char b)
{
    enum level la = hist_level(a), lb = hist_level(b);

    if (la != lb)
        return la > lb ? a : b;
    return (unsigned char)(((a | b) & ~HIST_POSSIBLE) | (a & b & HIST_POSSIBLE));
}

struct history *history_new(size_t nrows, int bucket_s, size_t nbuckets)
{
    struct history *h = xcalloc(1, sizeof *h);

    h->nrows = nrows;
    h->nbuckets = nbuckets ? nbuckets : 1;
    h->bucket_s = bucket_s > 0 ? bucket_s : 300;
    h->newest = -1;
    h->stamps = xcalloc(h->nbuckets, sizeof *h->stamps);
    h->rows = xcalloc(nrows ? nrows : 1, sizeof *h->rows);
    return h;
}

void history_free(struct history *h)
{
    if (!h)
        return;
    for (size_t i = 0; i < h->nrows; i++) {
        if (h->rows[i].n >= 2)
            free(h->rows[i].u.many);
    }
    free(h->rows);
    free(h->stamps);
    free(h);
}

int history_bucket_s(const struct history *h)
{
    return h->bucket_s;
}

size_t history_rows(const struct history *h)
{
    return h->nrows;
}

/* Floor division: a time before the epoch is in the bucket below. */
static long long floor_div(long long a, long long b)
{
    return a / b - (a % b != 0 && a < 0);
}

static long long bucket_no(const struct history *h, time_t t)
{
    return floor_div((long long)t, h->bucket_s);
}

time_t history_bucket(const struct history *h, time_t t)
{
    return (time_t)(bucket_no(h, t) * h->bucket_s);
}

static size_t slot_of(const struct history *h, long long b)
{
    return (size_t)(b % (long long)h->nbuckets);
}

/* The ring holds bucket b (for every row). */
static bool holds(const struct history *h, long long b)
{
    return b >= 0 && b < UINT32_MAX && b > h->newest - (long long)h->nbuckets &&
           h->stamps[slot_of(h, b)] == (uint32_t)(b + 1);
}

/* ---- runs of a row -------------------------------------------------------- */

static struct run *runs_of(struct row *r)
{
    return r->n <= 1 ? &r->u.one : r->u.many;
}

static const struct run *runs_of_c(const struct row *r)
{
    return r->n <= 1 ? &r->u.one : r->u.many;
}

/* The room kept for n >= 2 runs: at least this (a shrunk row keeps more). */
static size_t room_for(size_t n)
{
    size_t cap = 4;

    while (cap < n)
        cap *= 2;
    return cap;
}

/* Room for n runs, on the heap; returns them (the row's n is unchanged). */
static struct run *row_reserve(struct row *r, size_t n)
{
    if (r->n <= 1) {
        struct run one = r->u.one, *many = xreallocarray(NULL, room_for(n), sizeof *many);
        many[0] = one;
        r->u.many = many;
    } else if (n > room_for(r->n)) {
        r->u.many = xreallocarray(r->u.many, room_for(n), sizeof *r->u.many);
    }
    return r->u.many;
}

/* The row now has n runs, in v (its heap runs): one goes back in the row. */
static void row_settle(struct row *r, struct run *v, size_t n)
{
    if (n <= 1) {
        struct run one = v[0];
        free(v);
        r->u.one = one;
    }
    r->n = (uint32_t)n;
}

/* Appends a run at the row's end, unless the last run already has v. */
static void row_append(struct row *r, uint32_t start, unsigned char v)
{
    if (r->n == 0) {
        r->u.one = (struct run){start, v};
        r->n = 1;
    } else if (runs_of(r)[r->n - 1].v != v) {
        row_reserve(r, r->n + 1)[r->n] = (struct run){start, v};
        r->n++;
    }
}

/* Forgets the runs that end before bucket first. */
static void row_trim(struct row *r, long long first)
{
    size_t drop = 0;
    struct run *v = runs_of(r);

    while (drop + 1 < r->n && v[drop + 1].start <= first)
        drop++;
    if (!drop)
        return;
    memmove(v, v + drop, (r->n - drop) * sizeof *v);
    row_settle(r, v, r->n - drop);
}

/* The index of the run holding bucket b, or -1 when b is before the first;
 * b must be before the row's end. */
static long run_at(const struct run *v, size_t n, uint32_t b)
{
    size_t lo = 0, hi = n; /* the first run starting after b */

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid].start <= b)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (long)lo - 1;
}

/* Bucket b (before the row's end) becomes val: the run holding it splits
 * in up to three, then equal neighbours join. Rare in the live loop (a
 * bucket's level changes); the store's older buckets come this way too. */
static void row_put(struct row *r, uint32_t b, unsigned char val)
{
    long i = run_at(runs_of(r), r->n, b);
    size_t n = r->n, at = (size_t)(i + 1), k = 0, w = 0;
    const struct run *cur = runs_of(r);
    uint32_t next = at < n ? cur[at].start : r->end;
    unsigned char old = i >= 0 ? cur[i].v : 0;
    struct run piece[3];

    if (i >= 0) { /* run i gives way to its pieces */
        at = (size_t)i;
        if (cur[i].start < b)
            piece[k++] = cur[i];
    }
    piece[k++] = (struct run){b, val};
    if (b + 1 < next)
        piece[k++] = (struct run){b + 1, old};
    size_t gone = i >= 0 ? 1 : 0, total = n - gone + k;
    struct run *v = row_reserve(r, total);
    memmove(v + at + k, v + at + gone, (n - at - gone) * sizeof *v);
    memcpy(v + at, piece, k * sizeof *piece);
    for (size_t j = 1; j < total; j++) { /* join equal neighbours */
        if (v[j].v != v[w].v)
            v[++w] = v[j];
    }
    row_settle(r, v, w + 1);
}

/* The value of bucket b in row r (0 when the row says nothing of it). */
static unsigned char row_value(const struct row *r, uint32_t b)
{
    long i;

    if (b >= r->end)
        return 0;
    i = run_at(runs_of_c(r), r->n, b);
    return i < 0 ? 0 : runs_of_c(r)[i].v;
}

void history_note(struct history *h, size_t row, time_t t, unsigned char v)
{
    long long b = bucket_no(h, t);
    size_t slot;
    struct row *r;

    if (row >= h->nrows || b < 0 || b >= UINT32_MAX - 1 ||
        (h->newest >= 0 && b <= h->newest - (long long)h->nbuckets))
        return;
    slot = slot_of(h, b);
    if (h->stamps[slot] > b + 1)
        return;                          /* the slot already holds a newer bucket */
    h->stamps[slot] = (uint32_t)(b + 1); /* an older bucket there is forgotten */
    if (b > h->newest)
        h->newest = b;
    r = &h->rows[row];
    if ((uint32_t)b >= r->end) {
        if (r->end && (uint32_t)b > r->end)
            row_append(r, r->end, 0); /* not noted in between: unknown */
        row_append(r, (uint32_t)b, hist_merge(0, v));
        r->end = (uint32_t)b + 1;
        row_trim(r, h->newest - (long long)h->nbuckets + 1);
        return;
    }
    unsigned char had = row_value(r, (uint32_t)b), now = hist_merge(had, v);
    if (now != had)
        row_put(r, (uint32_t)b, now);
}

/* rows [first, first + nrows) into out (nrows x n), zeroed first. */
static void get_rows(const struct history *h, size_t first, size_t nrows, time_t end, int k,
                     unsigned char *out, size_t n)
{
    long long last, from;
    size_t span;
    bool *held;

    if (k <= 0)
        k = 1;
    last = floor_div(bucket_no(h, end), k);
    from = (last - (long long)n + 1) * k; /* the first bucket of the first point */
    span = n * (size_t)k;
    memset(out, 0, nrows * n);
    if (n == 0)
        return;
    held = xmalloc(span * sizeof *held);
    for (size_t i = 0; i < span; i++)
        held[i] = holds(h, from + (long long)i);
    for (size_t r = 0; r < nrows; r++) {
        const struct row *row = &h->rows[first + r];
        const struct run *v = runs_of_c(row);
        long j = -1; /* the run holding the bucket looked at, -1: before them */
        for (size_t i = 0; i < span; i++) {
            long long b = from + (long long)i;
            if (!held[i] || b >= row->end || row->n == 0)
                continue;
            while ((size_t)(j + 1) < row->n && v[j + 1].start <= b)
                j++;
            if (j >= 0)
                out[r * n + i / (size_t)k] = hist_merge(out[r * n + i / (size_t)k], v[j].v);
        }
    }
    free(held);
}

void history_get(const struct history *h, size_t row, time_t end, unsigned char *out, size_t n)
{
    history_points(h, row, end, 1, out, n);
}

void history_points(const struct history *h, size_t row, time_t end, int k, unsigned char *out,
                    size_t n)
{
    if (row >= h->nrows) {
        memset(out, 0, n);
        return;
    }
    get_rows(h, row, 1, end, k, out, n);
}

void history_points_rows(const struct history *h, time_t end, int k, unsigned char *out, size_t n)
{
    get_rows(h, 0, h->nrows, end, k, out, n);
}

time_t history_oldest(const struct history *h)
{
    if (h->newest < 0)
        return 0;
    for (long long b = h->newest - (long long)h->nbuckets + 1; b <= h->newest; b++) {
        if (holds(h, b))
            return (time_t)(b * h->bucket_s);
    }
    return 0;
}

size_t history_bytes(const struct history *h)
{
    size_t n = sizeof *h + h->nbuckets * sizeof *h->stamps + h->nrows * sizeof *h->rows;

    for (size_t i = 0; i < h->nrows; i++) {
        if (h->rows[i].n >= 2)
            n += room_for(h->rows[i].n) * sizeof(struct run);
    }
    return n;
}
