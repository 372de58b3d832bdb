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
        struct run *many; /* n >= 2: room for a power of two >= max(n, 4) */
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

static size_t room_for(size_t n)
{
    size_t cap = 4;

    while (cap < n)
        cap *= 2;
    return cap;
}

/* Makes v[0..n) the row's runs. */
static void row_store(struct row *r, const struct run *v, size_t n)
{
    struct run *many = NULL, one = n ? v[0] : (struct run){0, 0};

    if (n >= 2) { /* v may be the old runs: copied before they go */
        many = xreallocarray(NULL, room_for(n), sizeof *many);
        memcpy(many, v, n * sizeof *v);
    }
    if (r->n >= 2)
        free(r->u.many);
    if (n >= 2)
        r->u.many = many;
    else
        r->u.one = one;
    r->n = (uint32_t)n;
}

/* Appends a run at the row's end, unless the last run already has v. */
static void row_append(struct row *r, uint32_t start, unsigned char v)
{
    if (r->n && runs_of(r)[r->n - 1].v == v)
        return;
    if (r->n == 0) {
        r->u.one = (struct run){start, v};
    } else if (r->n == 1) {
        struct run *many = xreallocarray(NULL, room_for(2), sizeof *many);
        many[0] = r->u.one;
        r->u.many = many;
    } else if (r->n == room_for(r->n)) {
        r->u.many = xreallocarray(r->u.many, room_for(r->n + 1), sizeof *r->u.many);
    }
    if (r->n >= 1)
        r->u.many[r->n] = (struct run){start, v};
    r->n++;
}

/* Forgets the runs that end before bucket first. */
static void row_trim(struct row *r, long long first)
{
    size_t drop = 0;
    struct run *v = runs_of(r);

    while (drop + 1 < r->n && v[drop + 1].start <= first)
        drop++;
    if (drop)
        row_store(r, v + drop, r->n - drop);
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

/* Bucket b (before the row's end) becomes val: the run holding it splits,
 * and equal neighbours join. Rare (a bucket's level changes, or buckets
 * come out of order from the store), so it simply rebuilds the runs. */
static void row_put(struct row *r, uint32_t b, unsigned char val)
{
    const struct run *v = runs_of(r);
    size_t n = r->n, k = 0;
    long i = run_at(v, n, b);
    uint32_t next = (size_t)(i + 1) < n ? v[i + 1].start : r->end;
    unsigned char old = i >= 0 ? v[i].v : 0;
    struct run *out = xreallocarray(NULL, n + 3, sizeof *out), *w;

    for (long j = 0; j < i; j++)
        out[k++] = v[j];
    if (i >= 0 && v[i].start < b)
        out[k++] = v[i];
    out[k++] = (struct run){b, val};
    if (b + 1 < next)
        out[k++] = (struct run){b + 1, old};
    for (size_t j = (size_t)(i + 1); j < n; j++)
        out[k++] = v[j];
    w = out;
    for (size_t j = 1; j < k; j++) { /* join equal neighbours */
        if (out[j].v != w->v)
            *++w = out[j];
    }
    row_store(r, out, (size_t)(w - out) + 1);
    free(out);
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
