/* The poller (see poller.h): a per-source schedule on top of the fetcher. */
#include "config.h"

#include <stdlib.h>

#include "sitrep/poller.h"
#include "sitrep/xalloc.h"

struct slot {
    struct poller *p;
    size_t svc, src;
    const struct source_conf *conf;
    time_t next_due;
    bool running;
};

struct poller {
    const struct config *cfg;
    struct fetcher *f;
    poll_done_fn done;
    void *user;
    struct slot *slots;
    size_t nslots;
    size_t running;
};

struct poller *poller_new(const struct config *cfg, struct fetcher *f, poll_done_fn done,
                          void *user)
{
    struct poller *p = xcalloc(1, sizeof *p);
    size_t n = 0;

    p->cfg = cfg;
    p->f = f;
    p->done = done;
    p->user = user;
    for (size_t i = 0; i < cfg->nservices; i++)
        n += cfg->services[i].nsources;
    p->slots = xcalloc(n, sizeof *p->slots);
    for (size_t i = 0; i < cfg->nservices; i++) {
        for (size_t j = 0; j < cfg->services[i].nsources; j++) {
            struct slot *s = &p->slots[p->nslots++];
            s->p = p;
            s->svc = i;
            s->src = j;
            s->conf = &cfg->services[i].sources[j];
        }
    }
    return p;
}

void poller_free(struct poller *p)
{
    if (!p)
        return;
    free(p->slots);
    free(p);
}

static void on_done(void *user, const struct fetch_result *res)
{
    struct slot *s = user;
    struct poller *p = s->p;

    s->running = false;
    p->running--;
    p->done(p->user, s->svc, s->src, res);
}

static void start(struct poller *p, struct slot *s, time_t now)
{
    char err[256];

    s->next_due = now + config_source_interval(p->cfg, s->conf);
    if (fetcher_add(p->f, s->conf->url, NULL, 0, on_done, s, err, sizeof err) != 0) {
        struct fetch_result r = {.url = s->conf->url, .body = "", .error = err};
        p->done(p->user, s->svc, s->src, &r);
        return;
    }
    s->running = true;
    p->running++;
}

void poller_start_due(struct poller *p, time_t now)
{
    for (size_t i = 0; i < p->nslots; i++) {
        struct slot *s = &p->slots[i];
        if (!s->running && s->next_due <= now)
            start(p, s, now);
    }
}

void poller_due_all(struct poller *p, time_t now)
{
    for (size_t i = 0; i < p->nslots; i++)
        p->slots[i].next_due = now;
}

long poller_next_due(const struct poller *p, time_t now)
{
    long best = -1;

    for (size_t i = 0; i < p->nslots; i++) {
        const struct slot *s = &p->slots[i];
        if (s->running)
            continue;
        long d = s->next_due <= now ? 0 : (long)(s->next_due - now);
        if (best < 0 || d < best)
            best = d;
    }
    return best;
}

bool poller_idle(const struct poller *p)
{
    return p->running == 0;
}
