/* Writes a history database as a long-running sitrep would have left it,
 * for bench/startup.py: N services (ids svc00, svc01, ...) with a level per
 * 5-minute bucket for DAYS days up to now, a few problem cells per service,
 * and a crowd series for every fifth service, through the store's own API
 * (so the schema is the real one), then folds old buckets as upkeep does.
 *
 * Usage: bench/mkhistory DB SERVICES DAYS */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "sitrep/store.h"

int main(int argc, char **argv)
{
    struct store_opts so = {0};
    struct store_report rep;
    struct store *st;
    char err[512], id[32];
    time_t now = time(NULL), t0;
    int nsvc, days;
    unsigned seed = 12345;

    if (argc != 4 || (nsvc = atoi(argv[2])) <= 0 || (days = atoi(argv[3])) <= 0) {
        fprintf(stderr, "usage: mkhistory DB SERVICES DAYS\n");
        return 2;
    }
    st = store_open(argv[1], &so, &rep, err, sizeof err);
    if (!st || !store_writable(st)) {
        fprintf(stderr, "mkhistory: %s\n", st ? "read-only" : err);
        return 1;
    }
    t0 = (now - (time_t)days * 86400) / 300 * 300;
    for (time_t t = t0; t <= now; t += 300) {
        for (int i = 0; i < nsvc; i++) {
            seed = seed * 1103515245u + 12345u;
            enum level l = (seed >> 16) % 97 == 0 ? LEVEL_PARTIAL : LEVEL_OK;
            snprintf(id, sizeof id, "svc%02d", i);
            struct store_sample s = {id, "*", t, l, 1, -1, -1};
            store_put_sample(st, &s);
            if (l != LEVEL_OK) {
                s.region = "EU";
                store_put_sample(st, &s);
            }
            if (i % 5 == 0) {
                struct store_crowd c = {id, "reports", "FR\x1f", t, 300, (long)(seed % 20), 10};
                store_put_crowd(st, &c);
                s.region = "FR";
                s.evidence = 2;
                s.reports = c.count;
                s.baseline = 10;
                store_put_sample(st, &s);
            }
        }
        if (store_pending(st) > 50000 && store_flush(st, NULL, NULL, err, sizeof err) < 0) {
            fprintf(stderr, "mkhistory: %s\n", err);
            return 1;
        }
    }
    if (store_flush(st, NULL, NULL, err, sizeof err) < 0 ||
        store_maintain(st, now, err, sizeof err) != 0) {
        fprintf(stderr, "mkhistory: %s\n", err);
        return 1;
    }
    store_close(st);
    return 0;
}
