/* STUB: replaced by the crowd helper. */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include "sitrep/crowd.h"
void crowd_default_params(struct crowd_params *p) { *p = (struct crowd_params){2.0, 1.5, 10, 1800, 1800}; }
void crowd_history_init(struct crowd_history *h, int bucket_s, long keep_s) { memset(h, 0, sizeof *h); h->bucket_s = bucket_s; h->keep_s = keep_s; }
void crowd_history_free(struct crowd_history *h) { free(h->v); memset(h, 0, sizeof *h); }
void crowd_history_put(struct crowd_history *h, time_t t, long count) { (void)h; (void)t; (void)count; }
long crowd_history_get(const struct crowd_history *h, time_t t) { (void)h; (void)t; return -1; }
time_t crowd_history_last(const struct crowd_history *h) { (void)h; return 0; }
const char *baseline_method_name(enum baseline_method m) { (void)m; return "none"; }
bool crowd_baseline(const struct crowd_history *h, const struct crowd_history *s, time_t t, struct baseline *out) { (void)h; (void)s; (void)t; out->method = BASELINE_NONE; return false; }
void crowd_state_init(struct crowd_state *st) { memset(st, 0, sizeof *st); st->last_baseline = -1; }
void crowd_update(struct crowd_state *st, const struct crowd_history *h, const struct crowd_history *s, time_t now, const struct crowd_params *p) { (void)st; (void)h; (void)s; (void)now; (void)p; }
