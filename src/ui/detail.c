/* The detail pane (see ui_internal.h): everything known about one service,
 * cell or expanded row. The content is built whole as a list of lines, then
 * wrapped and windowed, so the line count the caller clamps its scrolling
 * with is exact at every width. Remote text is sanitized where it enters a
 * line, and each finished line once more, so nothing a server sent reaches
 * the canvas raw. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/buf.h"
#include "sitrep/region.h"
#include "sitrep/sanitize.h"
#include "sitrep/timefmt.h"
#include "sitrep/xalloc.h"
#include "ui_internal.h"

#define MIN_TEXT_COLS 8 /* indentation gives way before text gets narrower */
/* Caps on remote text, so one hostile page cannot make the pane huge. */
#define NAME_COLS   60
#define TITLE_COLS  300
#define BODY_COLS   2000 /* per paragraph */
#define BODY_PARAS  40
#define SHORT_COLS  24 /* statuses, impacts, categories */
#define LIST_MAX    40 /* affected components named before "and N more" */
#define REGIONS_MAX 8
#define CATS_MAX    6
#define SPARK_MAX   48 /* four hours of 5-minute buckets */
#define CHANGES_MAX 6  /* the latest changes of the level */

struct dline {
    enum style_role role;
    unsigned attr;
    int indent, hang; /* columns before the first row and before the others */
    bool nowrap;      /* cut at the width instead of wrapping (sparklines) */
    char *text;       /* sanitized */
};

struct detail {
    const struct snapshot *snap;
    const struct snap_service *s;
    const struct snap_cell *cell;      /* the chosen column's cell, or NULL */
    region_id column;                  /* REGION_NONE for the whole service */
    const struct snap_component *comp; /* the expanded row, when a component */
    const char *symptom;               /* the expanded row, when a category */
    const char *child;                 /* the expanded row, matched or not */
    time_t now;
    unsigned san;
    bool ascii;
    int width;
    struct buf b; /* the line being built */
    struct dline *lines;
    size_t n, cap;
};

/* ---- building lines ---------------------------------------------------- */

static void add_line(struct detail *d, enum style_role role, unsigned attr, int indent, int hang,
                     bool nowrap)
{
    if (d->n == d->cap) {
        d->cap = d->cap ? 2 * d->cap : 32;
        d->lines = xreallocarray(d->lines, d->cap, sizeof *d->lines);
    }
    /* A sparkline is our own glyphs, and its blanks must stay where they are. */
    char *text = nowrap ? buf_detach(&d->b) : sanitize_str(buf_str(&d->b), 0, d->san);
    d->lines[d->n++] = (struct dline){role, attr, indent, hang, nowrap, text};
    buf_reset(&d->b);
}

static void add(struct detail *d, enum style_role role, unsigned attr, int indent, int hang)
{
    add_line(d, role, attr, indent, hang, false);
}

static void put_clean(struct detail *d, const char *s, int cols)
{
    char *clean = sanitize_str(s, cols, d->san | SAN_ELLIPSIS);

    buf_puts(&d->b, clean);
    free(clean);
}

static const char *sep(const struct detail *d)
{
    return d->ascii ? " - " : " \xc2\xb7 "; /* · */
}

static void put_sep(struct detail *d)
{
    if (d->b.len)
        buf_puts(&d->b, sep(d));
}

static void put_glyph(struct detail *d, enum level level)
{
    if (d->ascii)
        buf_putc(&d->b, level_letter(level));
    else
        buf_puts(&d->b, level_glyph(level));
}

static void put_clock(struct detail *d, time_t t)
{
    char clock[96];

    time_format_clock(t, d->now, clock, sizeof clock);
    buf_puts(&d->b, clock);
}

static void put_ago(struct detail *d, time_t t)
{
    char ago[48];

    time_format_ago((long)(d->now - t), ago, sizeof ago);
    buf_puts(&d->b, ago);
}

/* "11:40 UTC (12:40 CET), 20 min ago" */
static void put_when(struct detail *d, time_t t)
{
    put_clock(d, t);
    if (t) {
        buf_puts(&d->b, ", ");
        put_ago(d, t);
    }
}

static void section(struct detail *d, const char *title)
{
    buf_puts(&d->b, title);
    add(d, ROLE_HEADER, ATTR_BOLD, 0, 2);
}

/* ---- what the target is -------------------------------------------------- */

static bool same_text(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

/* "Group - Name", the form incidents name components in. */
static char *component_path(const struct snap_component *c)
{
    return c->group ? xasprintf("%s - %s", c->group, c->name) : xstrdup(c->name ? c->name : "");
}

/* by_name: the component's own name will do, not only its full path. */
static bool is_component(const struct snap_component *c, const char *name, bool by_name)
{
    char *path = component_path(c);
    bool same =
        same_text(path, name) || same_text(c->id, name) || (by_name && same_text(c->name, name));

    free(path);
    return same;
}

static bool has_category(const struct snap_crowd *c, const char *name)
{
    for (size_t i = 0; i < c->ncategories; i++) {
        if (same_text(c->categories[i], name))
            return true;
    }
    return false;
}

/* A full component path is the surest match, then a crowd category
 * (several groups may each have a "Login"), then a component's own name. */
static void resolve_child(struct detail *d, const char *child)
{
    const struct snap_service *s = d->s;

    d->child = child;
    if (!child)
        return;
    for (size_t i = 0; i < s->ncomponents && !d->comp; i++) {
        if (is_component(&s->components[i], child, false))
            d->comp = &s->components[i];
    }
    for (size_t i = 0; i < s->ncrowd && !d->comp && !d->symptom; i++) {
        if (has_category(&s->crowd[i], child))
            d->symptom = child;
    }
    for (size_t i = 0; i < s->ncomponents && !d->comp && !d->symptom; i++) {
        if (is_component(&s->components[i], child, true))
            d->comp = &s->components[i];
    }
}

/* ---- the head ------------------------------------------------------------ */

static const char *evidence_phrase(unsigned kinds)
{
    static const char *const phrases[] = {"no evidence", "official", "crowd only",
                                          "official and crowd"};

    return phrases[kinds & EVIDENCE_BOTH];
}

static void head_symptom(struct detail *d)
{
    size_t n = 0;

    for (size_t i = 0; i < d->s->ncrowd; i++) {
        const struct snap_crowd *c = &d->s->crowd[i];
        for (size_t k = 0; k < c->ncategories; k++) {
            if (!same_text(c->categories[k], d->symptom))
                continue;
            buf_printf(&d->b, "%s%s %.0f%%", n++ ? ", " : ": reported in ", region_code(c->region),
                       c->shares[k] * 100);
        }
    }
}

static void head(struct detail *d)
{
    const struct snap_service *s = d->s;
    enum level level = d->cell ? d->cell->level : s->level;
    time_t since = d->cell ? d->cell->since : s->since;
    char span[32];

    put_clean(d, s->name, NAME_COLS);
    if (d->cell)
        buf_printf(&d->b, "%s%s", sep(d), region_code(d->column));
    if (d->child) {
        buf_puts(&d->b, d->ascii ? " > " : " \xe2\x80\xba "); /* › */
        put_clean(d, d->child, NAME_COLS);
    }
    if (d->comp) {
        level = d->comp->level;
        since = d->comp->updated_at;
        buf_printf(&d->b, ": %s in %s", level_name(level), region_code(d->comp->region));
    } else if (d->symptom) {
        head_symptom(d);
    } else if (level == LEVEL_NONE) {
        buf_puts(&d->b, ": no evidence");
    } else {
        buf_printf(&d->b, ": %s", level_name(level));
        if (d->cell)
            buf_printf(&d->b, " (%s)", evidence_phrase(d->cell->evidence));
    }
    /* How long things have been fine says little: the time since the
     * first poll. */
    if (!level_is_problem(level) && level != LEVEL_UNKNOWN && !d->comp)
        since = 0;
    if (since && !d->symptom) {
        buf_puts(&d->b, d->comp ? ", updated " : " since ");
        put_clock(d, since);
        time_format_duration((long)(d->now - since), span, sizeof span);
        buf_printf(&d->b, ", for %s", span);
    }
    add(d, style_mark_role(level), ATTR_BOLD, 0, 2);
}

/* The cell's caveats: possible, stale, how old. */
static void head_notes(struct detail *d)
{
    const struct snap_cell *c = d->cell;
    char age[32];

    if (d->snap->past_at) {
        buf_puts(&d->b, "as it stood at ");
        put_clock(d, d->snap->past_at);
    }
    if (c && c->possible) {
        put_sep(d);
        buf_printf(&d->b, "possible: evidence only about a wider region; inside %s: %s",
                   region_code(d->column),
                   c->certain == LEVEL_NONE ? "nothing" : level_name(c->certain));
    }
    if (c && c->stale) {
        put_sep(d);
        buf_puts(&d->b, "stale: a source behind it is failing");
    }
    if (c && c->age_s >= 0) {
        time_format_duration(c->age_s, age, sizeof age);
        put_sep(d);
        buf_printf(&d->b, "data %s old", age);
    }
    if (d->b.len)
        add(d, c && (c->possible || c->stale) ? ROLE_STALE : ROLE_DIM, 0, 2, 2);
}

/* ---- crowd ----------------------------------------------------------------- */

static bool crowd_wanted(const struct detail *d, const struct snap_crowd *c)
{
    if (d->symptom)
        return has_category(c, d->symptom);
    return d->column == REGION_NONE || region_overlaps(d->column, c->region);
}

/* Problems first, worst first, then the most reports. */
static int crowd_order(const void *a, const void *b)
{
    const struct snap_crowd *x = *(const struct snap_crowd *const *)a;
    const struct snap_crowd *y = *(const struct snap_crowd *const *)b;

    if (x->level != y->level)
        return x->level > y->level ? -1 : 1;
    return (x->count < y->count) - (x->count > y->count);
}

static bool several_crowd_sources(const struct snap_service *s)
{
    for (size_t i = 1; i < s->ncrowd; i++) {
        if (!same_text(s->crowd[i].source, s->crowd[0].source))
            return true;
    }
    return false;
}

static void crowd_numbers(struct detail *d, const struct snap_crowd *c)
{
    const char *code = region_code(c->region);

    if (*code) {
        buf_printf(&d->b, "%-3s ", code);
    } else {
        put_clean(d, c->key, SHORT_COLS);
        buf_putc(&d->b, ' ');
    }
    if (c->count < 0)
        buf_puts(&d->b, "no complete bucket yet");
    else if (c->baseline > 0)
        buf_printf(&d->b, "%ld reports vs %ld normal (%.1f%s)", c->count, c->baseline,
                   (double)c->count / (double)c->baseline, d->ascii ? "x" : "\xc3\x97");
    else
        buf_printf(&d->b, "%ld reports, no baseline yet", c->count);
    if (c->source_status != LEVEL_NONE)
        buf_printf(&d->b, ", source says %s", level_name(c->source_status));
    if (level_is_problem(c->level)) {
        buf_printf(&d->b, "%s%s", sep(d), level_name(c->level));
        if (c->problem_since) {
            buf_puts(&d->b, " since ");
            put_clock(d, c->problem_since);
        }
    }
    if (d->column != REGION_NONE && !region_contains(d->column, c->region))
        buf_printf(&d->b, "%scovers more than %s", sep(d), region_code(d->column));
    if (several_crowd_sources(d->s)) {
        buf_printf(&d->b, "%svia ", sep(d));
        put_clean(d, c->source, SHORT_COLS);
    }
    if (c->stale)
        buf_puts(&d->b, " (stale: not in the source's latest answer)");
}

/* How far above normal a bucket was, as one of 8 heights: by the multiple
 * of the baseline when there is one (an outage is a multiple of normal; up
 * to 1.25 times is noise), else against the largest count shown. */
static int spark_height(long count, long baseline, long max)
{
    static const double steps[] = {1.25, 1.5, 2, 4, 8, 16, 32};

    if (baseline > 0) {
        double ratio = (double)count / (double)baseline;
        int h = 0;
        while (h < 7 && ratio > steps[h])
            h++;
        return h;
    }
    return max > 0 ? (int)(count * 7 / max) : 0;
}

/* "  last 12 h", "  last 45 min": what the sparkline spans. */
static void span_label(char *out, size_t outlen, long seconds)
{
    char span[32];

    if (seconds >= 3600 && seconds % 3600 == 0)
        snprintf(out, outlen, "  last %ld h", seconds / 3600);
    else if (seconds % 60 == 0)
        snprintf(out, outlen, "  last %ld min", seconds / 60);
    else {
        time_format_duration(seconds, span, sizeof span);
        snprintf(out, outlen, "  last %s", span);
    }
}

static void crowd_spark(struct detail *d, const struct snap_crowd *c, enum style_role role)
{
    static const char *const utf8[8] = {
        "\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
        "\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88",
    }; /* ▁ to █ */
    static const char *const plain[8] = {"_", ".", ":", "-", "=", "+", "*", "#"};
    const int indent = 5;
    char label[48];
    long max = 0;

    if (!c->counts || c->ncounts == 0 || c->bucket_s <= 0)
        return;
    int room = d->width - indent;
    int n = (int)(c->ncounts < SPARK_MAX ? c->ncounts : SPARK_MAX);
    span_label(label, sizeof label, (long)n * c->bucket_s);
    if (n + (int)strlen(label) > room) {
        n = room - (int)strlen(label);
        span_label(label, sizeof label, (long)n * c->bucket_s);
    }
    if (n < MIN_TEXT_COLS) { /* too narrow for a label: the bars alone */
        n = room < (int)c->ncounts ? room : (int)c->ncounts;
        label[0] = '\0';
    }
    if (n <= 0)
        return;
    size_t first = c->ncounts - (size_t)n;
    for (size_t i = first; i < c->ncounts; i++)
        max = c->counts[i] > max ? c->counts[i] : max;
    for (size_t i = first; i < c->ncounts; i++) {
        long base = c->baselines ? c->baselines[i] : -1;
        if (c->counts[i] < 0)
            buf_putc(&d->b, ' ');
        else
            buf_puts(&d->b, (d->ascii ? plain : utf8)[spark_height(c->counts[i], base, max)]);
    }
    buf_puts(&d->b, label);
    add_line(d, role, 0, indent, indent, true);
}

/* "peak 200 at 11:45 UTC (12:45 CET) · Login 52%, Calls 31%" */
static void crowd_more(struct detail *d, const struct snap_crowd *c)
{
    /* A calm series' peak is noise. */
    if (level_is_problem(c->level) && c->counts && c->ncounts > 0 && c->bucket_s > 0) {
        size_t peak = 0;
        for (size_t i = 1; i < c->ncounts; i++)
            peak = c->counts[i] > c->counts[peak] ? i : peak;
        if (c->counts[peak] > 0) {
            time_t at = c->bucket_start - (time_t)(c->ncounts - 1 - peak) * c->bucket_s;
            buf_printf(&d->b, "peak %ld at ", c->counts[peak]);
            put_clock(d, at);
        }
    }
    for (size_t i = 0; i < c->ncategories && i < CATS_MAX; i++) {
        if (i == 0)
            put_sep(d);
        else
            buf_puts(&d->b, ", ");
        put_clean(d, c->categories[i], SHORT_COLS);
        buf_printf(&d->b, " %.0f%%", c->shares[i] * 100);
    }
    if (d->b.len)
        add(d, ROLE_DIM, 0, 5, 5);
}

static void crowd_series(struct detail *d, const struct snap_crowd *c)
{
    bool problem = level_is_problem(c->level);
    enum style_role role = problem ? style_mark_role(c->level) : ROLE_TEXT;

    crowd_numbers(d, c);
    add(d, role, problem ? ATTR_BOLD : 0, 1, 5);
    crowd_spark(d, c, problem ? role : ROLE_DIM);
    crowd_more(d, c);
}

static bool has_crowd_source(const struct snap_service *s)
{
    for (size_t i = 0; i < s->nsources; i++) {
        if (!s->sources[i].official)
            return true;
    }
    return false;
}

static void crowd(struct detail *d)
{
    const struct snap_service *s = d->s;
    const struct snap_crowd **pick;
    size_t n = 0;

    if (s->ncrowd == 0 && !has_crowd_source(s))
        return; /* an official page alone: nothing to say here */
    section(d, "Crowd reports");
    pick = xcalloc(s->ncrowd + 1, sizeof *pick);
    for (size_t i = 0; i < s->ncrowd; i++) {
        if (crowd_wanted(d, &s->crowd[i]))
            pick[n++] = &s->crowd[i];
    }
    qsort(pick, n, sizeof *pick, crowd_order);
    /* The service's lead and shared cause, unless the column has no part
     * in them. */
    if (n > 0 && snap_lead_describe(s, &d->b))
        add(d, ROLE_TEXT, ATTR_BOLD, 1, 3);
    if (n > 0 && snap_shared_describe(s, d->san, &d->b))
        add(d, ROLE_TEXT, ATTR_BOLD, 1, 3);
    for (size_t i = 0; i < n; i++)
        crowd_series(d, pick[i]);
    free(pick);
    if (s->ncrowd == 0)
        buf_puts(&d->b, "no reports read yet");
    else if (n == 0 && d->symptom)
        buf_puts(&d->b, "no series reports this problem");
    else if (n == 0)
        buf_printf(&d->b, "none about %s (%zu series elsewhere)", region_code(d->column),
                   s->ncrowd);
    if (d->b.len)
        add(d, ROLE_DIM, 0, 1, 3);
}

/* ---- official incidents ------------------------------------------------- */

static bool incident_wanted(const struct detail *d, const struct snap_incident *inc)
{
    if (d->comp) {
        char *path = component_path(d->comp);
        bool named = false;
        for (size_t i = 0; i < inc->ncomponents && !named; i++)
            named =
                same_text(inc->components[i], path) || same_text(inc->components[i], d->comp->name);
        free(path);
        return named;
    }
    if (d->column == REGION_NONE || inc->nregions == 0)
        return true; /* an incident that names no region may be anywhere */
    for (size_t i = 0; i < inc->nregions; i++) {
        if (region_overlaps(d->column, inc->regions[i]))
            return true;
    }
    return false;
}

static void incident_meta(struct detail *d, const struct snap_incident *inc)
{
    if (inc->impact && *inc->impact) {
        put_clean(d, inc->impact, SHORT_COLS);
        buf_puts(&d->b, " impact");
    }
    for (size_t i = 0; i < inc->nregions && i < REGIONS_MAX; i++)
        buf_printf(&d->b, "%s%s",
                   i          ? " "
                   : d->b.len ? " in "
                              : "in ",
                   region_code(inc->regions[i]));
    put_sep(d);
    put_clean(d, inc->status, SHORT_COLS);
    if (inc->maintenance && inc->scheduled_for) {
        buf_printf(&d->b, "%sscheduled ", sep(d));
        put_clock(d, inc->scheduled_for);
        if (inc->scheduled_until) {
            buf_puts(&d->b, " to ");
            put_clock(d, inc->scheduled_until);
        }
    } else if (inc->started_at) {
        buf_printf(&d->b, "%sstarted ", sep(d));
        put_when(d, inc->started_at);
    }
    if (!inc->open && inc->resolved_at) {
        buf_printf(&d->b, "%sresolved ", sep(d));
        put_when(d, inc->resolved_at);
    }
    add(d, ROLE_TEXT, 0, 3, 3);
}

static void incident_components(struct detail *d, const struct snap_incident *inc)
{
    if (inc->ncomponents == 0)
        return;
    buf_puts(&d->b, "affects: ");
    for (size_t i = 0; i < inc->ncomponents && i < LIST_MAX; i++) {
        if (i)
            buf_puts(&d->b, ", ");
        put_clean(d, inc->components[i], NAME_COLS);
    }
    if (inc->ncomponents > LIST_MAX)
        buf_printf(&d->b, " and %zu more", inc->ncomponents - LIST_MAX);
    add(d, ROLE_DIM, 0, 3, 5);
}

/* The body keeps its paragraphs, each wrapped on its own. */
static void update_body(struct detail *d, const char *body)
{
    char *clean = sanitize_str(body, BODY_COLS, d->san | SAN_MULTILINE | SAN_ELLIPSIS);
    char *line = clean, *next;
    int paras = 0;

    for (; line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        if (!*line)
            continue;
        if (++paras > BODY_PARAS) {
            buf_puts(&d->b, d->ascii ? "~" : "\xe2\x80\xa6"); /* … */
            add(d, ROLE_TEXT, 0, 5, 5);
            break;
        }
        buf_puts(&d->b, line);
        add(d, ROLE_TEXT, 0, 5, 5);
    }
    free(clean);
}

static void incident(struct detail *d, const struct snap_incident *inc)
{
    put_glyph(d, inc->level);
    buf_putc(&d->b, ' ');
    put_clean(d, inc->title, TITLE_COLS);
    add(d, style_mark_role(inc->level), ATTR_BOLD, 1, 3);
    incident_meta(d, inc);
    incident_components(d, inc);
    for (size_t i = 0; i < inc->nupdates; i++) {
        const struct snap_update *u = &inc->updates[i];
        put_when(d, u->at);
        put_sep(d);
        put_clean(d, u->status, SHORT_COLS);
        add(d, ROLE_TEXT, ATTR_BOLD, 3, 5);
        update_body(d, u->body);
    }
    if (inc->url) {
        buf_puts(&d->b, "more: ");
        put_clean(d, inc->url, TITLE_COLS);
        add(d, ROLE_DIM, 0, 3, 5);
    }
}

/* Why there is nothing to show: no page at all, or not read, or quiet. */
static const char *official_silence(const struct snap_service *s)
{
    bool official = false, read = false;

    for (size_t i = 0; i < s->nsources; i++) {
        official |= s->sources[i].official;
        read |= s->sources[i].official && s->sources[i].has_data;
    }
    if (!official)
        return "no official source configured: crowd reports only";
    return read ? "no open incident on the official page"
                : "no data yet: the official page has not been read";
}

static void official(struct detail *d)
{
    const struct snap_service *s = d->s;
    size_t shown = 0;

    section(d, "Official incidents");
    for (size_t i = 0; i < s->nincidents; i++) {
        if (incident_wanted(d, &s->incidents[i])) {
            incident(d, &s->incidents[i]);
            shown++;
        }
    }
    if (shown)
        return;
    if (s->nincidents && d->comp) {
        buf_puts(&d->b, "no incident names ");
        put_clean(d, d->child, NAME_COLS);
        buf_printf(&d->b, " (%zu about others)", s->nincidents);
    } else if (s->nincidents) {
        buf_printf(&d->b, "no incident about %s (%zu elsewhere)", region_code(d->column),
                   s->nincidents);
    } else {
        buf_puts(&d->b, official_silence(s));
    }
    add(d, ROLE_DIM, 0, 1, 3);
}

/* ---- the change log ------------------------------------------------------ */

/* In a cell's pane, the changes of that column and of the service as a
 * whole (those name no column). */
static bool change_wanted(const struct detail *d, const struct snap_change *ch)
{
    if (d->column == REGION_NONE || ch->nregions == 0)
        return true;
    for (size_t i = 0; i < ch->nregions; i++) {
        if (ch->regions[i] == d->column)
            return true;
    }
    return false;
}

/* "12:05 UTC (13:05 CET), 3 min ago · major → ok in FR IT · official" */
static void change_line(struct detail *d, const struct snap_change *ch)
{
    put_when(d, ch->at);
    put_sep(d);
    buf_printf(&d->b, "%s %s %s", level_name(ch->from), d->ascii ? "->" : "\xe2\x86\x92",
               level_name(ch->to)); /* → */
    for (size_t i = 0; i < ch->nregions && i < REGIONS_MAX; i++)
        buf_printf(&d->b, "%s%s", i ? " " : " in ", region_code(ch->regions[i]));
    if (ch->nregions > REGIONS_MAX)
        buf_printf(&d->b, " and %zu more", ch->nregions - REGIONS_MAX);
    if (ch->evidence) {
        put_sep(d);
        buf_puts(&d->b, evidence_phrase(ch->evidence));
    }
    if (ch->note) {
        put_sep(d);
        buf_puts(&d->b, "source failing: ");
        put_clean(d, ch->note, NAME_COLS);
    }
    add(d, style_mark_role(ch->to), 0, 1, 3);
}

/* What the alerts announced (alerts.h), newest first, up to CHANGES_MAX;
 * nothing at all until they announced something. Near the top: when the
 * level changed is what a reader looks for first. */
static void changes(struct detail *d)
{
    const struct snap_service *s = d->s;
    size_t wanted = 0, shown = 0;

    if (d->comp || d->symptom)
        return; /* the log is about cells, not components or symptoms */
    for (size_t i = 0; i < s->nchanges; i++)
        wanted += change_wanted(d, &s->changes[i]);
    if (!wanted)
        return;
    section(d, "Changes");
    for (size_t i = 0; i < s->nchanges && shown < CHANGES_MAX; i++) {
        if (change_wanted(d, &s->changes[i])) {
            change_line(d, &s->changes[i]);
            shown++;
        }
    }
    if (wanted > shown) {
        buf_printf(&d->b, "and %zu earlier", wanted - shown);
        add(d, ROLE_DIM, 0, 1, 3);
    }
}

/* ---- components and sources ------------------------------------------- */

/* A group's level only sums up its members, which are listed themselves. */
static bool has_members(const struct snap_service *s, const struct snap_component *g)
{
    for (size_t i = 0; i < s->ncomponents; i++) {
        if (!s->components[i].is_group && same_text(s->components[i].group, g->name) &&
            same_text(s->components[i].source, g->source))
            return true;
    }
    return false;
}

static void component_line(struct detail *d, const struct snap_component *c)
{
    char *path = component_path(c);

    put_glyph(d, c->level);
    buf_putc(&d->b, ' ');
    put_clean(d, path, NAME_COLS);
    free(path);
    buf_printf(&d->b, ": %s", level_name(c->level));
    if (c->region != REGION_NONE)
        buf_printf(&d->b, " in %s", region_code(c->region));
    if (c->updated_at) {
        buf_printf(&d->b, "%ssince ", sep(d));
        put_clock(d, c->updated_at);
    }
    add(d, style_mark_role(c->level), 0, 1, 3);
}

static void components(struct detail *d)
{
    const struct snap_service *s = d->s;
    size_t listed = 0, fine = 0;

    if (s->ncomponents == 0)
        return;
    section(d, d->comp ? "Component" : "Components not ok");
    if (d->comp) {
        component_line(d, d->comp);
        return;
    }
    for (size_t i = 0; i < s->ncomponents; i++) {
        const struct snap_component *c = &s->components[i];
        if ((c->is_group && has_members(s, c)) ||
            (d->column != REGION_NONE && !region_overlaps(d->column, c->region)))
            continue;
        if (c->level == LEVEL_OK || c->level == LEVEL_NONE) {
            fine++;
            continue;
        }
        component_line(d, c);
        listed++;
    }
    if (listed == 0) {
        buf_printf(&d->b, "all %zu ok", fine);
        if (d->column != REGION_NONE)
            buf_printf(&d->b, " in %s", region_code(d->column));
        add(d, ROLE_DIM, 0, 1, 3);
    }
}

static bool host_shared(const struct snap_service *s, const struct snap_source *src)
{
    for (size_t i = 0; i < s->nsources; i++) {
        if (&s->sources[i] != src && same_text(s->sources[i].host, src->host))
            return true;
    }
    return false;
}

static void sources(struct detail *d)
{
    const struct snap_service *s = d->s;

    if (s->nsources == 0)
        return;
    section(d, "Sources");
    for (size_t i = 0; i < s->nsources; i++) {
        const struct snap_source *src = &s->sources[i];
        bool bad = src->health == HEALTH_FAILING || src->health == HEALTH_BACKING_OFF;
        /* Named by where they poll, which tells a reader more than an id. */
        if (host_shared(s, src)) {
            put_clean(d, src->id, SHORT_COLS);
            buf_putc(&d->b, ' ');
        }
        put_clean(d, src->host, NAME_COLS);
        buf_printf(&d->b, " (%s): ", src->official ? "official" : "crowd");
        snap_source_describe(src, d->now, d->san, &d->b);
        add(d, bad ? ROLE_ERROR : src->stale ? ROLE_STALE : ROLE_DIM, 0, 1, 3);
    }
}

/* ---- wrapping and drawing ---------------------------------------------- */

struct window {
    struct canvas *cv;
    int x, y, w, h;
    int scroll;
    int row; /* content rows so far */
};

static int fit_indent(int indent, int w)
{
    if (w - indent >= MIN_TEXT_COLS)
        return indent;
    return w > MIN_TEXT_COLS ? w - MIN_TEXT_COLS : 0;
}

static void emit(struct window *win, const struct dline *l, int indent, const char *text,
                 size_t len)
{
    int r = win->row++ - win->scroll;

    if (r < 0 || r >= win->h)
        return;
    char *part = xstrndup(text, len);
    canvas_put_text(win->cv, win->x + indent, win->y + r, win->w - indent, l->role, l->attr, part);
    free(part);
}

/* Where to end a row that can hold fit bytes of text: at the last blank
 * before the word that does not fit, else inside the word. */
static size_t break_at(const char *text, size_t fit)
{
    if (text[fit] == '\0' || text[fit] == ' ')
        return fit;
    for (size_t i = fit; i-- > 1;) {
        if (text[i] == ' ')
            return i;
    }
    return fit;
}

static void wrap(struct window *win, const struct dline *l)
{
    const char *p = l->text;
    bool first = true;

    do {
        int indent = fit_indent(first ? l->indent : l->hang, win->w);
        size_t fit = sanitize_fit(p, win->w - indent, NULL);
        size_t cut = l->nowrap ? fit : break_at(p, fit);
        if (cut == 0 && *p) { /* a wide character in a one-column pane */
            unsigned cp;
            cut = utf8_decode(p, strlen(p), &cp);
            cut = cut ? cut : 1;
        }
        emit(win, l, indent, p, cut);
        if (l->nowrap)
            break;
        p += cut;
        while (*p == ' ')
            p++;
        first = false;
    } while (*p);
}

static void build(struct detail *d)
{
    head(d);
    head_notes(d);
    changes(d);
    crowd(d);
    official(d);
    components(d);
    sources(d);
}

int detail_draw(struct canvas *cv, int x, int y, int w, int h, const struct snapshot *snap,
                const struct detail_target *t, int scroll, time_t now, unsigned san)
{
    struct detail d = {.snap = snap, .column = REGION_NONE, .now = now, .width = w};
    struct window win = {cv, x, y, w, h > 0 ? h : 0, scroll > 0 ? scroll : 0, 0};

    if (w <= 0)
        return 0;
    if (h > 0)
        canvas_fill(cv, x, y, w, h, " ", ROLE_TEXT, 0);
    if (!snap || !t || t->service >= snap->nservices)
        return 0;
    d.s = &snap->services[t->service];
    d.san = san & SAN_ASCII;
    d.ascii = san & SAN_ASCII;
    if (t->column >= 0 && (size_t)t->column < snap->ncolumns && d.s->cells) {
        d.cell = &d.s->cells[t->column];
        d.column = snap->columns[t->column];
    }
    resolve_child(&d, t->child);
    build(&d);
    for (size_t i = 0; i < d.n; i++) {
        wrap(&win, &d.lines[i]);
        free(d.lines[i].text);
    }
    free(d.lines);
    buf_free(&d.b);
    return win.row;
}
