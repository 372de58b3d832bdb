/* Text export: a grid a person reads in a terminal or pastes into chat,
 * followed by the details of every service that has something to say. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sitrep/export.h"
#include "sitrep/sanitize.h"
#include "sitrep/timefmt.h"
#include "sitrep/timeline.h"

#define NAME_MAX_COLS 24
#define CELL_COLS     8
#define BODY_MAX_COLS 300

/* Appends sanitized s, padded with blanks to width columns. */
static void put_padded(struct buf *out, const char *s, int width, unsigned flags)
{
    char *clean = sanitize_str(s, width, flags | SAN_ELLIPSIS);
    int w = sanitize_width(clean);

    buf_puts(out, clean);
    if (w < width)
        buf_repeat(out, ' ', (size_t)(width - w));
    free(clean);
}

static void put_clean(struct buf *out, const char *s, int max_cols, unsigned flags)
{
    char *clean = sanitize_str(s, max_cols, flags | SAN_ELLIPSIS);

    buf_puts(out, clean);
    free(clean);
}

/* "PART", "part?" when possible, then "*" when stale, "~" when only the
 * crowd says so, "+" when crowd and official agree. */
static void cell_label(const struct snap_cell *c, char *out, size_t outlen)
{
    const char *label = level_label(c->level);
    size_t n = 0;

    for (; label[n] && n + 1 < outlen; n++)
        out[n] = c->possible ? (char)(label[n] | 0x20) : label[n];
    if (c->possible && n + 1 < outlen)
        out[n++] = '?';
    if (c->stale && n + 1 < outlen)
        out[n++] = '*';
    if (evidence_kind_flag(c->evidence) && n + 1 < outlen)
        out[n++] = evidence_kind_flag(c->evidence);
    out[n] = '\0';
}

static void put_time(struct buf *out, time_t t)
{
    char iso[32];

    if (!t) {
        buf_puts(out, "never");
        return;
    }
    time_format_iso8601(t, iso, sizeof iso);
    iso[10] = ' ';
    iso[16] = '\0'; /* minutes are enough to read; JSON has seconds */
    buf_printf(out, "%s UTC", iso);
}

static void put_age(struct buf *out, time_t t, time_t now)
{
    char d[32];

    if (!t)
        return;
    time_format_duration((long)(now - t), d, sizeof d);
    buf_printf(out, " (%s ago)", d);
}

/* Ends a grid line without trailing blanks. */
static void trim_line(struct buf *out)
{
    while (out->len && out->data[out->len - 1] == ' ')
        out->data[--out->len] = '\0';
    buf_putc(out, '\n');
}

static int name_width(const struct snapshot *snap, unsigned flags)
{
    int w = 7; /* "SERVICE" */

    for (size_t i = 0; i < snap->nservices; i++) {
        char *clean = sanitize_str(snap->services[i].name, NAME_MAX_COLS, flags);
        int cw = sanitize_width(clean);
        free(clean);
        if (cw > w)
            w = cw;
    }
    return w;
}

static void put_grid(const struct snapshot *snap, unsigned flags, struct buf *out)
{
    int nw = name_width(snap, flags);
    char label[16];

    put_padded(out, "SERVICE", nw + 2, 0);
    put_padded(out, "LEVEL", 13, 0);
    for (size_t c = 0; c < snap->ncolumns; c++)
        put_padded(out, region_code(snap->columns[c]), CELL_COLS, 0);
    trim_line(out);
    for (size_t i = 0; i < snap->nservices; i++) {
        const struct snap_service *s = &snap->services[i];
        put_padded(out, s->name, nw + 2, flags);
        put_padded(out, level_name(s->level), 13, 0);
        for (size_t c = 0; c < snap->ncolumns; c++) {
            cell_label(&s->cells[c], label, sizeof label);
            put_padded(out, label, CELL_COLS, 0);
        }
        trim_line(out);
    }
}

static void put_incident(const struct snap_incident *inc, time_t now, unsigned flags,
                         struct buf *out)
{
    buf_printf(out, "  %c ", level_letter(inc->level));
    put_clean(out, inc->title, 120, flags);
    buf_puts(out, " [");
    snap_status_describe(inc->status, inc->inferred_end, flags, out);
    if (inc->impact && *inc->impact) {
        buf_puts(out, ", impact ");
        put_clean(out, inc->impact, 20, flags);
    }
    buf_puts(out, "] started ");
    put_time(out, inc->started_at);
    put_age(out, inc->started_at, now);
    buf_puts(out, "\n");
    if (inc->ncomponents) {
        buf_puts(out, "    affected: ");
        for (size_t i = 0; i < inc->ncomponents; i++) {
            buf_puts(out, i ? ", " : "");
            put_clean(out, inc->components[i], 60, flags);
        }
        buf_puts(out, " (");
        for (size_t i = 0; i < inc->nregions; i++)
            buf_printf(out, "%s%s", i ? " " : "", region_code(inc->regions[i]));
        buf_puts(out, ")\n");
    }
    if (inc->url) {
        buf_puts(out, "    link: ");
        put_clean(out, inc->url, 200, flags);
        buf_putc(out, '\n');
    }
    for (size_t i = 0; i < inc->nupdates; i++) {
        const struct snap_update *u = &inc->updates[i];
        buf_puts(out, "    ");
        put_time(out, u->at);
        buf_puts(out, "  ");
        snap_status_describe(u->status, false, flags, out);
        buf_puts(out, ": ");
        put_clean(out, u->body, BODY_MAX_COLS, flags);
        buf_puts(out, "\n");
    }
}

static void put_source(const struct snap_source *src, time_t now, unsigned flags, struct buf *out)
{
    buf_printf(out, "  source %s (%s, %s): ", src->host, src->id, src->format);
    snap_source_describe(src, now, flags, out);
    buf_putc(out, '\n');
}

static bool any_mentions(const struct snapshot *snap)
{
    for (size_t i = 0; i < snap->nservices; i++) {
        for (size_t c = 0; c < snap->ncolumns; c++) {
            if (snap->services[i].cells[c].evidence & EVIDENCE_MENTIONS)
                return true;
        }
    }
    return false;
}

static void put_crowd(const struct snap_service *s, time_t now, unsigned flags, struct buf *out)
{
    for (size_t i = 0; i < s->ncrowd; i++) {
        buf_puts(out, s->crowd[i].mentions ? "  mentions " : "  crowd ");
        snap_crowd_describe(&s->crowd[i], flags, out);
        buf_putc(out, '\n');
        for (size_t k = 0; k < s->crowd[i].nsamples; k++) {
            buf_puts(out, "    post ");
            snap_sample_describe(&s->crowd[i].samples[k], flags, 80, out);
            buf_putc(out, '\n');
        }
    }
    buf_puts(out, "  ");
    if (snap_lead_describe(s, now, out))
        buf_puts(out, "\n  ");
    if (snap_shared_describe(s, flags, out))
        buf_puts(out, "\n  ");
    if (s->network_hint) {
        put_clean(out, s->network_hint, 0, flags);
        buf_puts(out, "\n  ");
    }
    out->len -= 2; /* the indent no line took */
    out->data[out->len] = '\0';
}

/* Each distinct reason a cell is unknown, pending or only possible, with
 * the columns it is about. */
static void put_notes(const struct snapshot *snap, const struct snap_service *s, unsigned flags,
                      struct buf *out)
{
    struct snap_note *v;
    size_t n = snap_service_notes(snap, s, flags, false, &v);

    for (size_t i = 0; i < n; i++) {
        buf_puts(out, " ");
        for (size_t c = 0; c < v[i].ncolumns; c++)
            buf_printf(out, "%s%s", c ? "," : " ", region_code(v[i].columns[c]));
        buf_printf(out, ": %s\n", v[i].text);
    }
    snap_notes_free(v, n);
}

static void put_upcoming(const struct snap_service *s, unsigned flags, struct buf *out)
{
    for (size_t i = 0; i < s->nincidents; i++) {
        const struct snap_incident *inc = &s->incidents[i];
        if (!inc->upcoming)
            continue;
        buf_puts(out, "  upcoming maintenance: ");
        put_clean(out, inc->title, 120, flags);
        buf_puts(out, ", from ");
        put_time(out, inc->scheduled_for);
        if (inc->scheduled_until) {
            buf_puts(out, " to ");
            put_time(out, inc->scheduled_until);
        }
        buf_putc(out, '\n');
    }
}

static bool has_upcoming(const struct snap_service *s)
{
    for (size_t i = 0; i < s->nincidents; i++) {
        if (s->incidents[i].upcoming)
            return true;
    }
    return false;
}

static bool worth_detail(const struct snap_service *s)
{
    if (level_is_notable(s->level) || s->level == LEVEL_UNKNOWN || s->shared_family ||
        has_upcoming(s))
        return true;
    for (size_t i = 0; i < s->nsources; i++) {
        if (!s->sources[i].ok)
            return true;
    }
    return false;
}

static void put_details(const struct snapshot *snap, unsigned flags, struct buf *out)
{
    for (size_t i = 0; i < snap->nservices; i++) {
        const struct snap_service *s = &snap->services[i];
        if (!worth_detail(s))
            continue;
        buf_puts(out, "\n");
        put_clean(out, s->name, NAME_MAX_COLS, flags);
        buf_printf(out, ": %s since ", level_name(s->level));
        put_time(out, s->since);
        buf_puts(out, "\n");
        put_notes(snap, s, flags, out);
        for (size_t j = 0; j < s->nincidents; j++) {
            if (s->incidents[j].open)
                put_incident(&s->incidents[j], snap->generated_at, flags, out);
        }
        put_upcoming(s, flags, out);
        put_crowd(s, snap->generated_at, flags, out);
        for (size_t j = 0; j < s->nsources; j++)
            put_source(&s->sources[j], snap->generated_at, flags, out);
    }
}

/* The merged timeline, oldest first, each line in UTC and local time with
 * how long ago. */
static void put_timeline(const struct snapshot *snap, unsigned flags, struct buf *out)
{
    size_t n;
    struct timeline_event *v = timeline_build(snap, NULL, &n);
    char when[96], ago[48];

    if (n)
        buf_puts(out, "\nTimeline:\n");
    for (size_t i = 0; i < n; i++) {
        time_format_clock(v[i].at, snap->generated_at, when, sizeof when);
        time_format_ago((long)(snap->generated_at - v[i].at), ago, sizeof ago);
        buf_printf(out, "  %s, %s  ", when, ago);
        put_clean(out, v[i].service->name, NAME_MAX_COLS, flags);
        buf_puts(out, "  ");
        timeline_describe(&v[i], flags, out);
        if (v[i].incident && v[i].incident->url && v[i].kind == TIMELINE_STATEMENT) {
            buf_puts(out, " <");
            put_clean(out, v[i].incident->url, 200, flags);
            buf_putc(out, '>');
        }
        buf_putc(out, '\n');
    }
    free(v);
}

void export_text(const struct snapshot *snap, const struct export_opts *opts, struct buf *out)
{
    unsigned flags = opts->ascii ? SAN_ASCII : 0;

    struct snap_tally tally;

    snapshot_tally(snap, &tally);
    buf_puts(out, "sitrep snapshot at ");
    put_time(out, snap->generated_at);
    buf_puts(out, ": ");
    snap_tally_describe(&tally, out);
    buf_printf(out, "\nsources %zu ok, %zu stale, %zu failing; last poll ", snap->sources_ok,
               snap->sources_stale, snap->sources_failing);
    put_time(out, snap->last_poll);
    if (snap->remote_problem) {
        char *clean = sanitize_str(snap->remote_problem, 0, flags);
        buf_printf(out, "\nservers: %s", clean);
        free(clean);
    }
    buf_puts(out, "\n\n");
    put_grid(snap, flags, out);
    buf_puts(out, "\nLevels: OK, NOTE notice, MAINT maintenance, DEGR degraded, PART partial "
                  "outage, MAJOR major outage,\nUNKN unknown, - no evidence; lowercase with ? = "
                  "possible (reported for a wider region); * = stale data;\n~ = crowd reports "
                  "only, + = crowd "
                  "and official agree\n");
    if (any_mentions(snap))
        buf_puts(out, "@ = public mentions only (posts, not reports: always possible)\n");
    put_details(snap, flags, out);
    put_timeline(snap, flags, out);
}
