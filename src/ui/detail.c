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
#include "detail_internal.h"
#include "ui_internal.h"

/* ---- building lines ---------------------------------------------------- */

void dl_add_line(struct detail *d, enum style_role role, unsigned attr, int indent, int hang,
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

void dl_add(struct detail *d, enum style_role role, unsigned attr, int indent, int hang)
{
    dl_add_line(d, role, attr, indent, hang, false);
}

void dl_put_clean(struct detail *d, const char *s, int cols)
{
    char *clean = sanitize_str(s, cols, d->san | SAN_ELLIPSIS);

    buf_puts(&d->b, clean);
    free(clean);
}

const char *dl_sep(const struct detail *d)
{
    return d->ascii ? " - " : " \xc2\xb7 "; /* · */
}

void dl_put_sep(struct detail *d)
{
    if (d->b.len)
        buf_puts(&d->b, dl_sep(d));
}

void dl_put_glyph(struct detail *d, enum level level)
{
    if (d->ascii)
        buf_putc(&d->b, level_letter(level));
    else
        buf_puts(&d->b, level_glyph(level));
}

void dl_put_clock(struct detail *d, time_t t)
{
    char clock[96];

    time_format_clock(t, d->now, clock, sizeof clock);
    buf_puts(&d->b, clock);
}

void dl_put_ago(struct detail *d, time_t t)
{
    char ago[48];

    time_format_ago((long)(d->now - t), ago, sizeof ago);
    buf_puts(&d->b, ago);
}

/* "11:40 UTC (12:40 CET), 20 min ago" */
void dl_put_when(struct detail *d, time_t t)
{
    dl_put_clock(d, t);
    if (t) {
        buf_puts(&d->b, ", ");
        dl_put_ago(d, t);
    }
}

void dl_section(struct detail *d, const char *title)
{
    buf_puts(&d->b, title);
    dl_add(d, ROLE_HEADER, ATTR_BOLD, 0, 2);
}

/* ---- what the target is -------------------------------------------------- */

bool dl_same_text(const char *a, const char *b)
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
    bool same = dl_same_text(path, name) || dl_same_text(c->id, name) ||
                (by_name && dl_same_text(c->name, name));

    free(path);
    return same;
}

bool dl_has_category(const struct snap_crowd *c, const char *name)
{
    for (size_t i = 0; i < c->ncategories; i++) {
        if (dl_same_text(c->categories[i], name))
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
        if (dl_has_category(&s->crowd[i], child))
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
            if (!dl_same_text(c->categories[k], d->symptom))
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
    unsigned evidence = d->cell ? d->cell->evidence : s->evidence;
    /* a notice from the crowd alone: reports above normal, the duration
     * rule not met yet */
    bool rising = level == LEVEL_NOTICE && evidence == EVIDENCE_CROWD;
    char span[32];

    dl_put_clean(d, s->name, NAME_COLS);
    if (d->cell)
        buf_printf(&d->b, "%s%s", dl_sep(d), region_code(d->column));
    if (d->child) {
        buf_puts(&d->b, d->ascii ? " > " : " \xe2\x80\xba "); /* › */
        dl_put_clean(d, d->child, NAME_COLS);
    }
    if (d->comp) {
        level = d->comp->level;
        since = d->comp->updated_at;
        buf_printf(&d->b, ": %s in %s", level_name(level), region_code(d->comp->region));
    } else if (d->symptom) {
        head_symptom(d);
    } else if (level == LEVEL_NONE) {
        buf_puts(&d->b, ": no evidence");
    } else if (rising) { /* an early warning, worded as one */
        buf_puts(&d->b, ": crowd reports rising");
    } else {
        buf_printf(&d->b, ": %s", level_name(level));
        if (d->cell)
            buf_printf(&d->b, " (%s)", evidence_phrase(d->cell->evidence));
    }
    /* How long things have been fine says little: the time since the
     * first poll. */
    if (!level_is_problem(level) && level != LEVEL_UNKNOWN && !d->comp && !rising)
        since = 0;
    if (since && !d->symptom) {
        buf_puts(&d->b, d->comp ? ", updated " : " since ");
        dl_put_clock(d, since);
        time_format_duration((long)(d->now - since), span, sizeof span);
        buf_printf(&d->b, ", for %s", span);
    }
    if (rising)
        buf_puts(&d->b, ", not yet a problem");
    dl_add(d, style_mark_role(level), ATTR_BOLD, 0, 2);
}

/* The cell that says why the view is unknown: the one shown, or for a
 * whole service, its first unknown cell; NULL when nothing is unknown. */
static const struct snap_cell *unknown_cell(const struct detail *d)
{
    if (d->comp || d->symptom)
        return NULL;
    if (d->cell)
        return d->cell->level == LEVEL_UNKNOWN ? d->cell : NULL;
    for (size_t c = 0; d->s->level == LEVEL_UNKNOWN && d->s->cells && c < d->snap->ncolumns; c++) {
        if (d->s->cells[c].level == LEVEL_UNKNOWN)
            return &d->s->cells[c];
    }
    return NULL;
}

/* The cell's caveats: why it is unknown, possible, stale, how old. */
static void head_notes(struct detail *d)
{
    const struct snap_cell *c = d->cell, *why = unknown_cell(d);
    char age[32];

    if (d->snap->past_at) {
        buf_puts(&d->b, "as it stood at ");
        dl_put_clock(d, d->snap->past_at);
    }
    if (why) { /* the absence of evidence, and its reason */
        dl_put_sep(d);
        snap_cell_note(d->s, why, d->now, d->san, &d->b);
    }
    if (c && c->possible) {
        dl_put_sep(d);
        buf_printf(&d->b, "possible: evidence only about a wider region; inside %s: %s",
                   region_code(d->column),
                   c->certain == LEVEL_NONE ? "nothing" : level_name(c->certain));
    }
    if (c && c->stale) {
        dl_put_sep(d);
        buf_puts(&d->b, "stale: a source behind it is failing");
    }
    if (c && c->age_s >= 0) {
        time_format_duration(c->age_s, age, sizeof age);
        dl_put_sep(d);
        buf_printf(&d->b, "data %s old", age);
    }
    if (d->b.len)
        dl_add(d, why || (c && (c->possible || c->stale)) ? ROLE_STALE : ROLE_DIM, 0, 2, 2);
}

/* ---- official incidents ------------------------------------------------- */

static bool incident_wanted(const struct detail *d, const struct snap_incident *inc)
{
    if (d->comp) {
        char *path = component_path(d->comp);
        bool named = false;
        for (size_t i = 0; i < inc->ncomponents && !named; i++)
            named = dl_same_text(inc->components[i], path) ||
                    dl_same_text(inc->components[i], d->comp->name);
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
        dl_put_clean(d, inc->impact, SHORT_COLS);
        buf_puts(&d->b, " impact");
    }
    for (size_t i = 0; i < inc->nregions && i < REGIONS_MAX; i++)
        buf_printf(&d->b, "%s%s",
                   i          ? " "
                   : d->b.len ? " in "
                              : "in ",
                   region_code(inc->regions[i]));
    dl_put_sep(d);
    snap_status_describe(inc->status, inc->inferred_end, d->san, &d->b);
    if (inc->upcoming)
        buf_puts(&d->b, " (upcoming)");
    if (inc->maintenance && inc->scheduled_for) {
        buf_printf(&d->b, "%sscheduled ", dl_sep(d));
        dl_put_clock(d, inc->scheduled_for);
        if (inc->scheduled_until) {
            buf_puts(&d->b, " to ");
            dl_put_clock(d, inc->scheduled_until);
        }
    } else if (inc->started_at) {
        buf_printf(&d->b, "%sstarted ", dl_sep(d));
        dl_put_when(d, inc->started_at);
    }
    if (!inc->open && inc->resolved_at) {
        buf_printf(&d->b, "%s%s ", dl_sep(d),
                   inc->inferred_end ? "gone from the page" : "resolved");
        dl_put_when(d, inc->resolved_at);
    }
    dl_add(d, ROLE_TEXT, 0, 3, 3);
}

static void incident_components(struct detail *d, const struct snap_incident *inc)
{
    if (inc->ncomponents == 0)
        return;
    buf_puts(&d->b, "affects: ");
    for (size_t i = 0; i < inc->ncomponents && i < LIST_MAX; i++) {
        if (i)
            buf_puts(&d->b, ", ");
        dl_put_clean(d, inc->components[i], NAME_COLS);
    }
    if (inc->ncomponents > LIST_MAX)
        buf_printf(&d->b, " and %zu more", inc->ncomponents - LIST_MAX);
    dl_add(d, ROLE_DIM, 0, 3, 5);
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
            dl_add(d, ROLE_TEXT, 0, 5, 5);
            break;
        }
        buf_puts(&d->b, line);
        dl_add(d, ROLE_TEXT, 0, 5, 5);
    }
    free(clean);
}

static void incident(struct detail *d, const struct snap_incident *inc)
{
    dl_put_glyph(d, inc->level);
    buf_putc(&d->b, ' ');
    dl_put_clean(d, inc->title, TITLE_COLS);
    dl_add(d, style_mark_role(inc->level), ATTR_BOLD, 1, 3);
    incident_meta(d, inc);
    incident_components(d, inc);
    for (size_t i = 0; i < inc->nupdates; i++) {
        const struct snap_update *u = &inc->updates[i];
        dl_put_when(d, u->at);
        dl_put_sep(d);
        snap_status_describe(u->status, false, d->san, &d->b);
        dl_add(d, ROLE_TEXT, ATTR_BOLD, 3, 5);
        update_body(d, u->body);
    }
    if (inc->url) {
        buf_puts(&d->b, "more: ");
        dl_put_clean(d, inc->url, TITLE_COLS);
        dl_add(d, ROLE_DIM, 0, 3, 5);
    }
}

/* Why there is nothing to show: no page at all, or not read, or quiet. */
static const char *official_silence(const struct snap_service *s)
{
    bool official = false, read = false, readable = false;

    for (size_t i = 0; i < s->nsources; i++) {
        const struct snap_source *src = &s->sources[i];
        official |= src->official;
        read |= src->official && src->has_data;
        readable |= src->official && src->has_data && !src->expired;
    }
    if (!official)
        return "no official source configured: crowd reports only";
    if (!read)
        return "no data yet: the official page has not been read";
    return readable ? "no open incident on the official page"
                    : "the official page cannot be read now: its incidents are not known";
}

/* A maintenance still to come: listed apart, never as an incident. */
static bool future_maintenance(const struct detail *d, const struct snap_incident *inc)
{
    return inc->maintenance && !inc->open && !inc->resolved_at && inc->scheduled_for > d->now;
}

static void upcoming(struct detail *d)
{
    const struct snap_service *s = d->s;
    bool any = false;

    for (size_t i = 0; i < s->nincidents; i++) {
        const struct snap_incident *inc = &s->incidents[i];
        if (!inc->upcoming || !incident_wanted(d, inc))
            continue;
        if (!any)
            dl_section(d, "Upcoming maintenance");
        any = true;
        dl_put_glyph(d, LEVEL_MAINTENANCE);
        buf_putc(&d->b, ' ');
        dl_put_clean(d, inc->title, TITLE_COLS);
        dl_add(d, ROLE_TEXT, ATTR_BOLD, 1, 3);
        buf_puts(&d->b, "from ");
        dl_put_when(d, inc->scheduled_for);
        if (inc->scheduled_until) {
            buf_puts(&d->b, " to ");
            dl_put_clock(d, inc->scheduled_until);
        }
        dl_add(d, ROLE_TEXT, 0, 3, 5);
    }
}

static void official(struct detail *d)
{
    const struct snap_service *s = d->s;
    size_t shown = 0;

    dl_section(d, "Official incidents");
    for (size_t i = 0; i < s->nincidents; i++) {
        if (incident_wanted(d, &s->incidents[i]) && !future_maintenance(d, &s->incidents[i])) {
            incident(d, &s->incidents[i]);
            shown++;
        }
    }
    if (shown)
        return;
    if (s->nincidents && d->comp) {
        buf_puts(&d->b, "no incident names ");
        dl_put_clean(d, d->child, NAME_COLS);
        buf_printf(&d->b, " (%zu about others)", s->nincidents);
    } else if (s->nincidents) {
        buf_printf(&d->b, "no incident about %s (%zu elsewhere)", region_code(d->column),
                   s->nincidents);
    } else {
        buf_puts(&d->b, official_silence(s));
    }
    dl_add(d, ROLE_DIM, 0, 1, 3);
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
    dl_put_when(d, ch->at);
    dl_put_sep(d);
    buf_printf(&d->b, "%s %s %s%s", level_name(ch->from), d->ascii ? "->" : "\xe2\x86\x92",
               ch->possible ? "possibly " : "", level_name(ch->to)); /* → */
    for (size_t i = 0; i < ch->nregions && i < REGIONS_MAX; i++)
        buf_printf(&d->b, "%s%s", i ? " " : " in ", region_code(ch->regions[i]));
    if (ch->nregions > REGIONS_MAX)
        buf_printf(&d->b, " and %zu more", ch->nregions - REGIONS_MAX);
    if (ch->possible && ch->named != REGION_NONE)
        buf_printf(&d->b, " (reported for %s)", region_code(ch->named));
    if (ch->evidence) {
        dl_put_sep(d);
        buf_puts(&d->b, evidence_phrase(ch->evidence));
    }
    if (ch->note) {
        dl_put_sep(d);
        buf_puts(&d->b, "source failing: ");
        dl_put_clean(d, ch->note, NAME_COLS);
    }
    dl_add(d, style_mark_role(ch->to), 0, 1, 3);
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
    dl_section(d, "Changes");
    for (size_t i = 0; i < s->nchanges && shown < CHANGES_MAX; i++) {
        if (change_wanted(d, &s->changes[i])) {
            change_line(d, &s->changes[i]);
            shown++;
        }
    }
    if (wanted > shown) {
        buf_printf(&d->b, "and %zu earlier", wanted - shown);
        dl_add(d, ROLE_DIM, 0, 1, 3);
    }
}

/* ---- components and sources ------------------------------------------- */

/* A group's level only sums up its members, which are listed themselves. */
static bool has_members(const struct snap_service *s, const struct snap_component *g)
{
    for (size_t i = 0; i < s->ncomponents; i++) {
        if (!s->components[i].is_group && dl_same_text(s->components[i].group, g->name) &&
            dl_same_text(s->components[i].source, g->source))
            return true;
    }
    return false;
}

static void component_line(struct detail *d, const struct snap_component *c)
{
    char *path = component_path(c);

    dl_put_glyph(d, c->level);
    buf_putc(&d->b, ' ');
    dl_put_clean(d, path, NAME_COLS);
    free(path);
    buf_printf(&d->b, ": %s", level_name(c->level));
    if (c->region != REGION_NONE)
        buf_printf(&d->b, " in %s", region_code(c->region));
    if (c->updated_at) {
        buf_printf(&d->b, "%ssince ", dl_sep(d));
        dl_put_clock(d, c->updated_at);
    }
    dl_add(d, style_mark_role(c->level), 0, 1, 3);
}

static void components(struct detail *d)
{
    const struct snap_service *s = d->s;
    size_t listed = 0, fine = 0;

    if (s->ncomponents == 0)
        return;
    dl_section(d, d->comp ? "Component" : "Components not ok");
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
        dl_add(d, ROLE_DIM, 0, 1, 3);
    }
}

static bool host_shared(const struct snap_service *s, const struct snap_source *src)
{
    for (size_t i = 0; i < s->nsources; i++) {
        if (&s->sources[i] != src && dl_same_text(s->sources[i].host, src->host))
            return true;
    }
    return false;
}

static void sources(struct detail *d)
{
    const struct snap_service *s = d->s;

    if (s->nsources == 0)
        return;
    dl_section(d, "Sources");
    for (size_t i = 0; i < s->nsources; i++) {
        const struct snap_source *src = &s->sources[i];
        bool bad = src->health == HEALTH_FAILING || src->health == HEALTH_BACKING_OFF;
        /* Named by where they poll, which tells a reader more than an id. */
        if (host_shared(s, src)) {
            dl_put_clean(d, src->id, SHORT_COLS);
            buf_putc(&d->b, ' ');
        }
        dl_put_clean(d, src->host, NAME_COLS);
        buf_printf(&d->b, " (%s): ", src->official ? "official" : "crowd");
        snap_source_describe(src, d->now, d->san, &d->b);
        dl_add(d, bad ? ROLE_ERROR : src->stale ? ROLE_STALE : ROLE_DIM, 0, 1, 3);
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

size_t ui_wrap_cut(const char *text, int cols)
{
    size_t cut = break_at(text, sanitize_fit(text, cols, NULL));

    if (cut == 0 && *text) { /* a wide character in a one-column pane */
        unsigned cp;
        cut = utf8_decode(text, strlen(text), &cp);
        cut = cut ? cut : 1;
    }
    return cut;
}

static void wrap(struct window *win, const struct dline *l)
{
    const char *p = l->text;
    bool first = true;

    do {
        int indent = fit_indent(first ? l->indent : l->hang, win->w);
        size_t cut =
            l->nowrap ? sanitize_fit(p, win->w - indent, NULL) : ui_wrap_cut(p, win->w - indent);
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
    detail_crowd(d);
    official(d);
    upcoming(d);
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
