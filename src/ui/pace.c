/* Frame pacing for the live dashboard (see dashboard.h). */
#include "config.h"

#include "sitrep/dashboard.h"

int dash_frame_wait(const struct dash_pace *p)
{
    int64_t paced = p->cost_ms * DASH_FRAME_COST_X, wait;

    paced = paced < DASH_FRAME_MS       ? DASH_FRAME_MS
            : paced > DASH_FRAME_MAX_MS ? DASH_FRAME_MAX_MS
                                        : paced;
    wait = (p->acted ? 0 : p->pending ? paced : DASH_TICK_MS) - p->since_ms;
    return wait < 0 ? 0 : (int)wait;
}
