/* Prometheus metrics of a snapshot: the grid's cells, the sources' health
 * and fetch durations, crowd counts against their baseline, open
 * incidents. Written in the Prometheus text format 0.0.4, or OpenMetrics
 * 1.0 when the scraper asks for it. Label values are service ids, source
 * ids and region codes only — never remote text — and every series has a
 * fixed label set, so series do not churn.
 *
 *   sitrep_cell_level{service,region}          0 ok .. 5 major; absent when
 *                                              unknown or without evidence
 *   sitrep_cell_state{service,region,state}    1 for the cell's state, 0 for
 *                                              the others (none, ok, unknown,
 *                                              notice, maintenance, degraded,
 *                                              partial, major)
 *   sitrep_cell_evidence{service,region,kind}  official, crowd, possible: 1/0
 *   sitrep_source_up{service,source}           1 when its latest poll worked
 *   sitrep_source_last_success_timestamp_seconds{service,source}
 *   sitrep_fetch_duration_seconds{service,source}  histogram of poll times
 *   sitrep_crowd_reports{service,source,region}    latest judged bucket
 *   sitrep_crowd_baseline{service,source,region}   its baseline
 *   sitrep_incidents_open{service}
 *   sitrep_build_info{version}                  1 */
#ifndef SITREP_METRICS_H
#define SITREP_METRICS_H

#include <stdbool.h>
#include <stddef.h>

#include "sitrep/buf.h"
#include "sitrep/snapshot.h"

/* The fetch-duration histograms, kept across snapshots: each source's
 * polls are counted once, when its last attempt moves on. */
struct metrics;

struct metrics *metrics_new(void);
void metrics_free(struct metrics *m);

/* Counts the polls snap shows that were not counted yet. */
void metrics_observe(struct metrics *m, const struct snapshot *snap);

/* Appends the exposition of snap (and the histograms) to out; openmetrics
 * selects OpenMetrics 1.0 (ending in "# EOF"). */
void metrics_write(const struct metrics *m, const struct snapshot *snap, bool openmetrics,
                   struct buf *out);

/* The Content-Type of each format. */
const char *metrics_content_type(bool openmetrics);

#endif
