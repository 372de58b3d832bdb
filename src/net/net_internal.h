/* Internal to src/net: the poller's queue (poll_queue.c). Sources wait
 * here, ordered by the time they fall due, until the poller has room for
 * their transfer; libcurl only ever sees transfers that may run now, so a
 * transfer's timeout starts when it really starts. */
#ifndef SITREP_NET_INTERNAL_H
#define SITREP_NET_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#define QUEUE_NONE UINT32_MAX

/* A min-heap of slot numbers keyed by due time, with each slot's position
 * so a slot can be moved or taken out. Slots are 0 .. nslots-1. */
struct due_heap {
    uint32_t *slot; /* heap order */
    int64_t *key;   /* parallel to slot */
    uint32_t *pos;  /* per slot: its index in slot[], QUEUE_NONE when absent */
    size_t n, nslots;
};

void due_heap_init(struct due_heap *h, size_t nslots);
void due_heap_free(struct due_heap *h);
/* Adds slot s due at key, or moves it there when it is in already. */
void due_heap_set(struct due_heap *h, uint32_t s, int64_t key);
void due_heap_remove(struct due_heap *h, uint32_t s);
/* The earliest slot, QUEUE_NONE when empty; *key is its due time. */
uint32_t due_heap_peek(const struct due_heap *h, int64_t *key);
uint32_t due_heap_pop(struct due_heap *h);

/* Hosts ("host:port", lower case) and, per host, the transfers running and
 * the due slots that wait because the host is at its cap (first in, first
 * out: they were taken off the heap in due order). */
struct host_entry {
    char *name;
    uint32_t running;
    uint32_t park_head, park_tail; /* slots; QUEUE_NONE when none */
    uint32_t ready_next;           /* in the list of hosts with room and waiters */
    int in_ready;
};

struct hosts {
    struct host_entry *v;
    size_t n, cap;
    uint32_t *index; /* open addressing over v, QUEUE_NONE when empty */
    size_t index_cap;
    uint32_t *park_next; /* per slot: the next slot parked behind it */
    uint32_t ready_head, ready_tail;
    size_t nparked;
};

void hosts_init(struct hosts *t, size_t nslots);
void hosts_free(struct hosts *t);
/* The host of url ("scheme://[user@]host[:port]/..."), added when new. */
uint32_t hosts_intern(struct hosts *t, const char *url);
/* Slot s waits behind host h. */
void hosts_park(struct hosts *t, uint32_t h, uint32_t s);
/* Host h may start another transfer: when slots wait behind it, it joins
 * the list of hosts with room. */
void hosts_wake(struct hosts *t, uint32_t h, uint32_t cap);
/* The first waiting slot of a host with room, taken off its list;
 * QUEUE_NONE when no host with room has one. */
uint32_t hosts_take_ready(struct hosts *t, uint32_t cap);
/* Slots parked in all. */
size_t hosts_parked(const struct hosts *t);

#endif
