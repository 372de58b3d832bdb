/* How evidence becomes cells (see model.h): every source's evidence turns
 * into (region, level) contributions, official and crowd; a column's cell
 * counts those inside it for certain and a wider region's problems as
 * possible. The cells are tracked at every change of the model, so their
 * "since" is the same whether a snapshot is taken every second or once. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model_internal.h"
#include "sitrep/xalloc.h"

/* Maintenances announced this far ahead are listed as upcoming. */
#define UPCOMING_S (7 * 86400L)

bool source_expired(const struct config *cfg, const struct source_state *s, time_t now)
{
    if (s->failures == 0)
        return false;
    if (!s->has_data || s->failures >= cfg->expire_failures)
        return true;
    return now - s->last_success > cfg->expire_age_s;
}

/* When an expired source stopped being believed: its first failure when it
 * never answered, else the failure that reached expire_failures or the
 * moment its data grew too old, whichever came first. */
time_t source_expired_since(const struct config *cfg, const struct source_state *s)
{
    time_t by_age = s->last_success + cfg->expire_age_s + 1;
    time_t t = by_age;

    if (!s->has_data)
        return s->failing_since;
    if (s->expired_at && s->expired_at < t)
        t = s->expired_at;
    return t > s->failing_since ? t : s->failing_since;
}

struct contrib *contrib_add(struct contribs *cs, region_id region, enum level level, time_t since,
                            unsigned kind)
{
    if (region == REGION_NONE || level == LEVEL_NONE)
        return NULL;
    if (cs->n == cs->cap) {
        cs->cap = cs->cap ? cs->cap * 2 : 32;
        cs->v = xreallocarray(cs->v, cs->cap, sizeof *cs->v);
    }
    cs->v[cs->n] = (struct contrib){.region = region,
                                    .level = level,
                                    .since = since,
                                    .kind = kind,
                                    .src = -1,
                                    .reports = -1,
                                    .baseline = -1};
    return &cs->v[cs->n++];
}

bool incident_active(const struct incident *inc, time_t now)
{
    if (inc->open)
        return true;
    return inc->maintenance && inc->scheduled && inc->scheduled_for && inc->scheduled_for <= now &&
           (!inc->scheduled_until || now < inc->scheduled_until);
}

bool incident_upcoming(const struct incident *inc, time_t now)
{
    return inc->maintenance && inc->scheduled && !incident_active(inc, now) &&
           inc->scheduled_for > now && inc->scheduled_for - now <= UPCOMING_S;
}

static region_id component_region(const struct evidence *ev, const char *id, region_id dflt)
{
    const struct component *c = evidence_component(ev, id);

    return c && c->region != REGION_NONE ? c->region : dflt;
}

/* A maintenance begins when it was scheduled to, not when it was posted. */
static time_t incident_start(const struct incident *inc)
{
    if (inc->maintenance && inc->scheduled_for)
        return inc->scheduled_for;
    return inc->started_at ? inc->started_at : inc->created_at;
}

static void incident_contribs(const struct evidence *ev, region_id dflt, time_t now,
                              struct contribs *cs)
{
    for (size_t i = 0; i < ev->nincidents; i++) {
        const struct incident *inc = &ev->incidents[i];
        time_t since = incident_start(inc);
        enum level level = inc->maintenance ? LEVEL_MAINTENANCE : inc->level;
        if (!incident_active(inc, now))
            continue;
        /* Where the incident says it is (tagged by the model), else where
         * its components are, else service-wide. */
        for (size_t j = 0; j < inc->nlocations; j++) {
            region_id r = inc->locations[j].region;
            contrib_add(cs, r != REGION_NONE ? r : dflt, level, since, EVIDENCE_OFFICIAL);
        }
        if (inc->nlocations)
            continue;
        if (inc->ncomponent_ids == 0)
            contrib_add(cs, dflt, level, since, EVIDENCE_OFFICIAL);
        for (size_t j = 0; j < inc->ncomponent_ids; j++)
            contrib_add(cs, component_region(ev, inc->component_ids[j], dflt), level, since,
                        EVIDENCE_OFFICIAL);
    }
}

/* Merges the contributions of cs[first..] that say the same level of the
 * same region: an event feed's hundreds of components in two regions say
 * what a handful of contributions say, and every cell walks them all. The
 * merged one keeps the earliest start any of them gives (a cell's since is
 * the earliest start of the evidence behind its level; 0 gives none). */
static void drop_repeats(struct contribs *cs, size_t first)
{
    size_t keep = first;

    for (size_t i = first; i < cs->n; i++) {
        const struct contrib *k = &cs->v[i];
        size_t j = first;
        while (j < keep && !(cs->v[j].region == k->region && cs->v[j].level == k->level &&
                             cs->v[j].kind == k->kind))
            j++;
        if (j == keep)
            cs->v[keep++] = *k;
        else if (k->since && (!cs->v[j].since || k->since < cs->v[j].since))
            cs->v[j].since = k->since;
    }
    cs->n = keep;
}

/* Appends what source number src says officially to cs. */
static void official_contribs(const struct config *cfg, const struct source_state *s, int src,
                              time_t now, struct contribs *cs)
{
    const struct evidence *ev = &s->ev;
    region_id dflt = region_rules_default(s->conf->rules);
    size_t first = cs->n;
    enum level worst = LEVEL_NONE;

    if (!s->has_data) {
        if (s->failures > 0)
            contrib_add(cs, dflt, LEVEL_UNKNOWN, s->failing_since, EVIDENCE_OFFICIAL);
    } else {
        /* An event feed's silence about a region is its word that all is
         * well there; the problems it names are narrower and win there. */
        if (ev->quiet_is_ok)
            contrib_add(cs, dflt, LEVEL_OK, 0, EVIDENCE_OFFICIAL);
        for (size_t i = 0; i < ev->ncomponents; i++) {
            const struct component *c = &ev->components[i];
            if (c->nchildren > 0)
                continue; /* a group speaks through its children */
            contrib_add(cs, c->region, c->level, level_is_notable(c->level) ? c->updated_at : 0,
                        EVIDENCE_OFFICIAL);
        }
        incident_contribs(ev, dflt, now, cs);
        for (size_t i = first; i < cs->n; i++)
            worst = level_worst(worst, cs->v[i].level);
        /* The indicator only adds what components and incidents leave out;
         * a maintenance it names is one of the incidents, in its window. */
        if (ev->indicator_level > worst && ev->indicator_level != LEVEL_MAINTENANCE)
            contrib_add(cs, dflt, ev->indicator_level, ev->updated_at, EVIDENCE_OFFICIAL);
        drop_repeats(cs, first);
    }
    bool expired = source_expired(cfg, s, now);
    for (size_t i = first; i < cs->n; i++) {
        cs->v[i].src = src;
        cs->v[i].age_s = s->last_success ? (long)(now - s->last_success) : -1;
        cs->v[i].stale = s->failures > 0 && s->has_data;
        if (expired) {
            cs->v[i].level = LEVEL_UNKNOWN;
            cs->v[i].since = source_expired_since(cfg, s);
        }
    }
}

static void crowd_source_contribs(const struct config *cfg, const struct source_state *s, int src,
                                  time_t now, struct contribs *cs)
{
    size_t first = cs->n;

    crowd_contribs(cfg, s, now, cs);
    for (size_t i = first; i < cs->n; i++)
        cs->v[i].src = src;
}

/* ---- contributions to cells ------------------------------------------ */

/* Adds a crowd contribution inside the column to the cell's counts. */
static void add_reports(struct snap_cell *cell, const struct contrib *k)
{
    if (k->reports < 0)
        return;
    cell->reports = (cell->reports < 0 ? 0 : cell->reports) + k->reports;
    if (k->baseline >= 0)
        cell->baseline = (cell->baseline < 0 ? 0 : cell->baseline) + (long)(k->baseline + 0.5);
}

/* Adds a mention series inside the column to the cell's counts, once: a
 * series counts toward several countries (a language's). */
static void add_mentions(struct snap_cell *cell, const struct contribs *cs, size_t i,
                         region_id column)
{
    const struct contrib *k = &cs->v[i];

    if (k->reports < 0)
        return;
    for (size_t j = 0; j < i; j++) {
        if (cs->v[j].series == k->series && cs->v[j].possible_only &&
            region_contains(column, cs->v[j].region))
            return;
    }
    cell->mentions = (cell->mentions < 0 ? 0 : cell->mentions) + k->reports;
    if (k->baseline >= 0)
        cell->mentions_baseline =
            (cell->mentions_baseline < 0 ? 0 : cell->mentions_baseline) + (long)(k->baseline + 0.5);
}

/* The kinds behind the shown level: none for unknown (no evidence, only its
 * absence); when it is more than ok, the kinds that say so ("both" means
 * they agree); else every kind present. */
static unsigned shown_kinds(unsigned any, unsigned notable, enum level level)
{
    if (level == LEVEL_UNKNOWN)
        return EVIDENCE_NONE;
    return level_is_notable(level) ? notable : any;
}

/* The cell's "why" when it is unknown, and the wider region behind a
 * possible level. */
static void cell_sources(const struct contribs *cs, region_id column, struct snap_cell *cell)
{
    cell->unknown_src = -1;
    cell->possible_region = REGION_NONE;
    for (size_t i = 0; i < cs->n; i++) {
        const struct contrib *k = &cs->v[i];
        if (k->level != cell->level || !region_overlaps(column, k->region))
            continue;
        if (cell->level == LEVEL_UNKNOWN && cell->unknown_src < 0)
            cell->unknown_src = k->src;
        if (cell->possible && cell->possible_region == REGION_NONE &&
            !region_contains(column, k->region))
            cell->possible_region = k->region;
    }
}

void cell_from_contribs(const struct contribs *cs, region_id column, struct snap_cell *cell,
                        time_t *since)
{
    enum level certain = LEVEL_NONE, possible = LEVEL_NONE;
    unsigned any = 0, notable = 0;

    memset(cell, 0, sizeof *cell);
    cell->reports = cell->baseline = cell->age_s = -1;
    cell->mentions = cell->mentions_baseline = -1;
    *since = 0;
    for (size_t i = 0; i < cs->n; i++) {
        const struct contrib *k = &cs->v[i];
        if (k->possible_only && region_contains(column, k->region)) {
            /* mentions: a problem only ever possible, a quiet count ok */
            if (level_is_notable(k->level))
                possible = level_worst(possible, k->level);
            else
                certain = level_worst(certain, k->level);
            add_mentions(cell, cs, i, column);
        } else if (region_contains(column, k->region)) {
            certain = level_worst(certain, k->level);
            add_reports(cell, k);
        } else if (region_overlaps(column, k->region)) {
            if (k->possible_only && !level_is_notable(k->level))
                continue; /* quiet posts somewhere wider say nothing of the column */
            if (level_is_notable(k->level))
                possible = level_worst(possible, k->level);
            else
                certain = level_worst(certain, k->level);
        } else {
            continue;
        }
        any |= k->kind;
        if (level_is_notable(k->level))
            notable |= k->kind;
        cell->stale |= k->stale;
        if (k->age_s > cell->age_s)
            cell->age_s = k->age_s;
    }
    cell->certain = certain;
    cell->possible = possible > certain;
    cell->level = level_worst(certain, possible);
    cell->evidence = shown_kinds(any, notable, cell->level);
    cell_sources(cs, column, cell);
    /* The evidence's own start time of the shown level: the earliest one. */
    for (size_t i = 0; i < cs->n; i++) {
        const struct contrib *k = &cs->v[i];
        if (k->level == cell->level && k->since && region_overlaps(column, k->region) &&
            (*since == 0 || k->since < *since))
            *since = k->since;
    }
}

/* Times within 2^55 seconds of the epoch (a billion years) fit the word;
 * a page's date further out is clamped. */
#define CELL_SINCE_MAX ((int64_t)1 << 55)

static void cell_state_set(struct cell_state *st, enum level level, time_t since)
{
    int64_t t = since;

    if (t >= CELL_SINCE_MAX)
        t = CELL_SINCE_MAX - 1;
    else if (t < -CELL_SINCE_MAX)
        t = -CELL_SINCE_MAX;
    st->word = t * 256 + (int64_t)level + 1;
}

/* The word's low byte (0: never seen) and the time above it. */
static unsigned cell_state_tag(const struct cell_state *st)
{
    return (unsigned)((uint64_t)st->word & 0xff);
}

static time_t cell_state_since(const struct cell_state *st)
{
    return (time_t)((st->word - (int64_t)cell_state_tag(st)) / 256);
}

time_t track_since(struct cell_state *st, enum level level, time_t evidence_since, time_t now,
                   bool update)
{
    bool dated = evidence_since && evidence_since <= now;
    bool seen = cell_state_tag(st) != 0;
    time_t since;

    if (seen && cell_state_tag(st) == (unsigned)level + 1) {
        since = cell_state_since(st);
        /* Evidence that dates the same level earlier (a crowd problem
         * confirmed after an official one, dated from before it) wins. */
        if (dated && evidence_since < since && level_is_notable(level))
            since = evidence_since;
    } else {
        since = now;
        if (dated && (level_is_notable(level) || level == LEVEL_UNKNOWN || !seen))
            since = evidence_since;
    }
    if (update)
        cell_state_set(st, level, since);
    return since;
}

/* Official word for the lead time: an incident or a component in trouble,
 * not a maintenance and not a source we cannot read. */
static bool official_word(const struct contrib *k)
{
    return level_is_notable(k->level) && k->level != LEVEL_MAINTENANCE;
}

/* The earliest dated start among cs[from..] that pass want; *any tells
 * whether any passed. */
static time_t earliest(const struct contribs *cs, size_t from, bool (*want)(const struct contrib *),
                       bool *any)
{
    time_t first = 0;

    *any = false;
    for (size_t i = from; i < cs->n; i++) {
        const struct contrib *k = &cs->v[i];
        if (!want(k))
            continue;
        *any = true;
        if (k->since && (!first || k->since < first))
            first = k->since;
    }
    return first;
}

static bool crowd_problem(const struct contrib *k)
{
    return level_is_problem(k->level);
}

static bool unknown(const struct contrib *k)
{
    return k->level == LEVEL_UNKNOWN;
}

/* A problem began at first (0: the evidence does not say); else when it was
 * first seen, remembered in *seen at changes of the model. */
static time_t problem_since(bool problem, time_t first, time_t *seen, time_t now, bool update)
{
    time_t was = *seen;

    if (update)
        *seen = problem ? (*seen ? *seen : now) : 0;
    if (!problem)
        return 0;
    return first ? first : was ? was : now;
}

void service_contribs(const struct config *cfg, struct service_state *s, time_t now,
                      struct contribs *cs, time_t *official_since, time_t *crowd_since, bool update)
{
    size_t crowd_from;
    bool any;
    time_t first;

    for (size_t j = 0; j < s->conf->nsources; j++)
        official_contribs(cfg, &s->sources[j], (int)j, now, cs);
    first = earliest(cs, 0, official_word, &any);
    *official_since = problem_since(any, first, &s->official_seen, now, update);
    crowd_from = cs->n;
    for (size_t j = 0; j < s->conf->nsources; j++)
        crowd_source_contribs(cfg, &s->sources[j], (int)j, now, cs);
    first = earliest(cs, crowd_from, crowd_problem, &any);
    *crowd_since = problem_since(any, first, &s->crowd_seen, now, update);
    /* Crowd data that cannot be read does not clear a crowd problem. */
    earliest(cs, crowd_from, unknown, &any);
    if (!*crowd_since && any && s->episode.start)
        *crowd_since = s->episode.start;
}

#define EPISODE_KEEP_S 86400

/* The regions and the largest count of the crowd problems in cs[from..]. */
static void episode_note(struct snap_episode *ep, const struct contribs *cs, size_t from)
{
    for (size_t i = from; i < cs->n; i++) {
        const struct contrib *k = &cs->v[i];
        size_t r = 0;
        if (!level_is_problem(k->level) || k->secondary)
            continue; /* a language's further countries are no place seen */
        if (k->reports > ep->peak)
            ep->peak = k->reports;
        ep->evidence |= k->kind;
        while (r < ep->nregions && ep->regions[r] != k->region)
            r++;
        if (r == ep->nregions && r < SNAP_EPISODE_REGIONS)
            ep->regions[ep->nregions++] = k->region;
    }
}

/* An ended episode joins the past; those ended a day ago leave it. */
static void episode_end(struct service_state *s, time_t now)
{
    size_t keep = 0;

    s->episode.end = now;
    for (size_t i = 0; i < s->npast; i++) {
        if (now - s->past[i].end <= EPISODE_KEEP_S)
            s->past[keep++] = s->past[i];
    }
    s->npast = keep;
    if (s->npast == EPISODES_KEPT) {
        memmove(&s->past[0], &s->past[1], (EPISODES_KEPT - 1) * sizeof s->past[0]);
        s->npast--;
    }
    if (!s->past)
        s->past = xcalloc(EPISODES_KEPT, sizeof *s->past);
    s->past[s->npast++] = s->episode;
    memset(&s->episode, 0, sizeof s->episode);
}

/* The crowd episode: begins with a crowd problem, ends when the crowd is
 * clear; the first official word seen in it is kept for the rest of it. */
static void episode_update(struct service_state *s, const struct contribs *cs, size_t crowd_from,
                           time_t crowd, time_t official, time_t now)
{
    struct snap_episode *ep = &s->episode;

    if (!crowd) {
        if (ep->start)
            episode_end(s, now);
        return;
    }
    if (!ep->start) {
        ep->peak = -1;
        ep->start = crowd;
    } else if (crowd < ep->start) {
        ep->start = crowd;
    }
    if (!ep->official)
        ep->official = official;
    episode_note(ep, cs, crowd_from);
}

void service_settle(const struct config *cfg, struct service_state *s, time_t now)
{
    struct contribs cs = {0};
    struct snap_cell cell;
    time_t official, crowd, since;

    service_contribs(cfg, s, now, &cs, &official, &crowd, true);
    size_t crowd_from = 0;
    while (crowd_from < cs.n && cs.v[crowd_from].kind == EVIDENCE_OFFICIAL)
        crowd_from++;
    for (size_t c = 0; c < cfg->ncolumns; c++) {
        cell_from_contribs(&cs, cfg->columns[c], &cell, &since);
        track_since(&s->cells[c], cell.level, since, now, true);
    }
    cell_from_contribs(&cs, region_all(), &cell, &since);
    track_since(&s->overall, cell.level, since, now, true);
    episode_update(s, &cs, crowd_from, crowd, official, now);
    free(cs.v);
}
