/* The HTML report: one self-contained page a journalist can publish or
 * attach — no script, no external resource (a Content-Security-Policy says
 * so to the browser), the heat grid with the terminal's colours, glyphs
 * and marks, the merged timeline, a section per service with something to
 * say (where, since when, crowd against baseline with a chart, the official
 * statements word for word with their links, its sources and their ages),
 * and when it was made and what moment it shows.
 *
 * Remote text is sanitized, then escaped for HTML. The only links are the
 * official incidents' own http(s) URLs, shown as text as well, with
 * rel="noopener noreferrer". */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sitrep/chart.h"
#include "sitrep/export.h"
#include "sitrep/sanitize.h"
#include "sitrep/timefmt.h"
#include "sitrep/timeline.h"

#define NAME_COLS  60
#define TITLE_COLS 200
#define CHART_S    (6 * 3600)

/* The default theme's cell colours (256-colour palette values in hex). */
static const char css[] =
    "body{font-family:system-ui,sans-serif;margin:1.5em;color:#111;background:#fff;"
    "max-width:1100px}"
    "h1{margin:0 0 .2em}h2{margin-top:1.6em;border-bottom:1px solid #ccc}"
    "table{border-collapse:collapse;margin:.5em 0}th,td{padding:.25em .5em;"
    "border:1px solid #ccc;text-align:left;vertical-align:top}"
    "td.cell{font-family:monospace;white-space:nowrap}"
    ".none{color:#6c6c6c}.ok{background:#5faf5f;color:#000}"
    ".unknown{background:#585858;color:#fff}.notice{background:#5fd7d7;color:#000}"
    ".maintenance{background:#5f87d7;color:#fff}.degraded{background:#ffd700;color:#000}"
    ".partial{background:#ff8700;color:#000;font-weight:bold}"
    ".major{background:#d70000;color:#fff;font-weight:bold}"
    ".possible{background-image:repeating-linear-gradient(45deg,transparent 0 4px,"
    "rgba(255,255,255,.35) 4px 8px)}"
    "blockquote{margin:.3em 0 .8em 1em;padding-left:.8em;border-left:3px solid #999;"
    "white-space:pre-wrap}"
    ".meta{color:#444}.legend{font-size:90%;color:#333}svg{max-width:100%;height:auto}";

/* Remote text: sanitized (one line, or keeping line breaks), escaped. */
static void put_esc(struct buf *out, const char *raw, int cols, unsigned flags)
{
    char *clean = sanitize_str(raw ? raw : "", cols, flags | SAN_ELLIPSIS);

    for (const char *p = clean; *p; p++) {
        switch (*p) {
        case '&': buf_puts(out, "&amp;"); break;
        case '<': buf_puts(out, "&lt;"); break;
        case '>': buf_puts(out, "&gt;"); break;
        case '"': buf_puts(out, "&quot;"); break;
        case '\'': buf_puts(out, "&#39;"); break;
        default: buf_putc(out, *p);
        }
    }
    free(clean);
}

/* Text a describe function wrote (already sanitized): escaped. */
static void put_described(struct buf *out, struct buf *text)
{
    put_esc(out, buf_str(text), 0, 0);
    buf_reset(text);
}

static void put_when(struct buf *out, time_t t, time_t now)
{
    char when[96], ago[48];

    time_format_clock(t, now, when, sizeof when);
    time_format_ago((long)(now - t), ago, sizeof ago);
    buf_printf(out, "%s, %s", when, ago);
}

/* An official incident's link: its own http(s) URL, nothing else. */
static void put_link(struct buf *out, const char *raw)
{
    char *clean = sanitize_str(raw ? raw : "", 0, 0);
    bool web = strncasecmp(clean, "https://", 8) == 0 || strncasecmp(clean, "http://", 7) == 0;

    if (web && !strpbrk(clean, " \"'<>`")) {
        buf_puts(out, "<a href=\"");
        put_esc(out, clean, 0, 0);
        buf_puts(out, "\" rel=\"noopener noreferrer\">");
        put_esc(out, clean, 0, 0);
        buf_puts(out, "</a>");
    }
    free(clean);
}

/* ---- the grid ------------------------------------------------------------- */

/* "✕ MAJOR~", "△ degr?*": the terminal's glyph and label, possible in
 * lowercase with "?", stale "*", crowd only "~", both "+". */
static void put_cell(struct buf *out, const struct snap_cell *c)
{
    const char *label = level_label(c->level);

    buf_printf(out, "<td class=\"cell %s%s\" title=\"%s%s%s\">%s ", level_name(c->level),
               c->possible ? " possible" : "", level_name(c->level),
               c->possible ? ", only possibly (reported for a wider region)" : "",
               c->stale ? ", stale data" : "", level_glyph(c->level));
    for (size_t i = 0; label[i]; i++)
        buf_putc(out, c->possible ? (char)(label[i] | 0x20) : label[i]);
    char kind[2] = {evidence_kind_flag(c->evidence), '\0'};
    buf_printf(out, "%s%s%s</td>", c->possible ? "?" : "", c->stale ? "*" : "", kind);
}

static void put_grid(struct buf *out, const struct snapshot *snap)
{
    buf_puts(out, "<section id=\"grid\"><h2>Grid</h2>\n<table class=\"grid\"><thead><tr>"
                  "<th>Service</th>");
    for (size_t c = 0; c < snap->ncolumns; c++)
        buf_printf(out, "<th>%s</th>", region_code(snap->columns[c]));
    buf_puts(out, "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < snap->nservices; i++) {
        const struct snap_service *s = &snap->services[i];
        buf_puts(out, "<tr><th>");
        put_esc(out, s->name, NAME_COLS, 0);
        buf_puts(out, "</th>");
        for (size_t c = 0; c < snap->ncolumns; c++)
            put_cell(out, &s->cells[c]);
        buf_puts(out, "</tr>\n");
    }
    buf_puts(out,
             "</tbody></table>\n<p class=\"legend\">Levels: \xe2\x9c\x93 OK, \xe2\x80\xa2 NOTE "
             "notice, \xe2\x97\x87 MAINT maintenance, \xe2\x96\xb3 DEGR degraded, \xe2\x96\xb2 "
             "PART partial outage, \xe2\x9c\x95 MAJOR major outage, ? UNKN unknown (could not "
             "be read: not a problem, not ok), \xc2\xb7 - no evidence. Lowercase with ? = "
             "possible (reported for a wider region, hatched); * = stale data; ~ = crowd "
             "reports only; + = crowd and official agree.</p></section>\n");
}

/* ---- the timeline ----------------------------------------------------------- */

static void put_timeline(struct buf *out, const struct snapshot *snap)
{
    size_t n;
    struct timeline_event *v = timeline_build(snap, NULL, &n);
    struct buf what = {0};

    buf_puts(out, "<section id=\"timeline\"><h2>Timeline</h2>\n");
    if (n == 0)
        buf_puts(out, "<p>Nothing happened in what sitrep knows.</p>\n");
    else
        buf_puts(out, "<table><thead><tr><th>When (UTC, local, ago)</th><th>Service</th>"
                      "<th>What</th></tr></thead><tbody>\n");
    for (size_t i = 0; i < n; i++) {
        buf_printf(out, "<tr class=\"ev-%s\"><td>", timeline_kind_name(v[i].kind));
        put_when(out, v[i].at, snap->generated_at);
        buf_puts(out, "</td><td>");
        put_esc(out, v[i].service->name, NAME_COLS, 0);
        buf_puts(out, "</td><td>");
        timeline_describe(&v[i], 0, &what);
        put_described(out, &what);
        if (v[i].kind == TIMELINE_STATEMENT && v[i].incident->url) {
            buf_puts(out, " ");
            put_link(out, v[i].incident->url);
        }
        buf_puts(out, "</td></tr>\n");
    }
    if (n)
        buf_puts(out, "</tbody></table>\n");
    buf_puts(out, "</section>\n");
    buf_free(&what);
    free(v);
}

/* ---- a service ------------------------------------------------------------- */

static bool worth_section(const struct snapshot *snap, const struct snap_service *s)
{
    enum level l = snap_service_worst(snap, s);

    return level_is_notable(l) || l == LEVEL_UNKNOWN || s->crowd_since;
}

static void put_where(struct buf *out, const struct snapshot *snap, const struct snap_service *s)
{
    struct snap_note *notes;
    size_t nn;

    buf_puts(out, "<ul class=\"where\">\n");
    for (size_t c = 0; c < snap->ncolumns; c++) {
        const struct snap_cell *cell = &s->cells[c];
        if (!level_is_notable(cell->level))
            continue;
        buf_printf(out, "<li>%s (%s): %s%s%s", region_code(snap->columns[c]),
                   region_name(snap->columns[c]), cell->possible ? "possibly " : "",
                   level_name(cell->level),
                   cell->evidence == EVIDENCE_BOTH       ? ", official and crowd"
                   : cell->evidence == EVIDENCE_CROWD    ? ", crowd reports only"
                   : cell->evidence == EVIDENCE_MENTIONS ? ", public mentions only"
                                                         : ", official");
        if (cell->possible && cell->possible_region != REGION_NONE)
            buf_printf(out, " (reported for %s)", region_code(cell->possible_region));
        if (cell->reports >= 0)
            buf_printf(out, ", %ld reports", cell->reports);
        if (cell->baseline > 0)
            buf_printf(out, " vs %ld normal", cell->baseline);
        if (cell->mentions >= 0)
            buf_printf(out, ", %ld public mentions (not reports)", cell->mentions);
        if (cell->since) {
            buf_puts(out, ", since ");
            put_when(out, cell->since, snap->generated_at);
        }
        buf_puts(out, "</li>\n");
    }
    nn = snap_service_notes(snap, s, 0, true, &notes);
    for (size_t i = 0; i < nn; i++) {
        buf_puts(out, "<li>");
        for (size_t c = 0; c < notes[i].ncolumns; c++)
            buf_printf(out, "%s%s", c ? ", " : "", region_code(notes[i].columns[c]));
        buf_puts(out, ": status unknown, ");
        put_esc(out, notes[i].text, 0, 0);
        buf_puts(out, "</li>\n");
    }
    snap_notes_free(notes, nn);
    buf_puts(out, "</ul>\n");
}

static void put_incident(struct buf *out, const struct snap_incident *inc, time_t now)
{
    struct buf words = {0};

    buf_printf(out, "<h4>%s ", level_glyph(inc->level));
    put_esc(out, inc->title, TITLE_COLS, 0);
    buf_puts(out, "</h4>\n<p class=\"meta\">");
    buf_puts(out, inc->maintenance ? "Maintenance" : "Official statement");
    if (inc->open)
        buf_printf(out, ", %s", level_name(inc->level));
    buf_puts(out, ", ");
    snap_status_describe(inc->status, inc->inferred_end, 0, &words);
    put_described(out, &words);
    buf_puts(out, "; started ");
    put_when(out, inc->started_at, now);
    if (!inc->open && inc->resolved_at) {
        buf_puts(out, inc->inferred_end ? "; no longer listed by the page since " : "; resolved ");
        put_when(out, inc->resolved_at, now);
    }
    if (inc->url) {
        buf_puts(out, ". Source: ");
        put_link(out, inc->url);
    }
    buf_puts(out, "</p>\n");
    for (size_t i = 0; i < inc->nupdates; i++) {
        const struct snap_update *u = &inc->updates[i];
        buf_puts(out, "<p class=\"meta\">Posted ");
        put_when(out, u->at, now);
        buf_puts(out, ", ");
        snap_status_describe(u->status, false, 0, &words);
        put_described(out, &words);
        buf_puts(out, ":</p>\n<blockquote>");
        put_esc(out, u->body, 0, SAN_MULTILINE);
        buf_puts(out, "</blockquote>\n");
    }
    buf_free(&words);
}

static void put_sources(struct buf *out, const struct snapshot *snap, const struct snap_service *s)
{
    struct buf text = {0};

    buf_puts(out, "<p class=\"meta\">Sources:</p><ul class=\"sources\">\n");
    for (size_t i = 0; i < s->nsources; i++) {
        const struct snap_source *src = &s->sources[i];
        buf_puts(out, "<li>");
        put_esc(out, src->host && *src->host ? src->host : src->id, NAME_COLS, 0);
        buf_printf(out, " (%s, ", src->official ? "official" : "crowd reports");
        put_esc(out, src->format, 24, 0);
        buf_puts(out, "): ");
        snap_source_describe(src, snap->generated_at, 0, &text);
        put_described(out, &text);
        if (src->last_success) {
            buf_puts(out, "; last read ");
            put_when(out, src->last_success, snap->generated_at);
        }
        buf_puts(out, "</li>\n");
    }
    buf_puts(out, "</ul>\n");
    buf_free(&text);
}

static void put_service(struct buf *out, const struct snapshot *snap, size_t i)
{
    const struct snap_service *s = &snap->services[i];
    enum level l = snap_service_worst(snap, s);
    struct buf text = {0};
    struct chart chart;
    size_t shown = 0;

    buf_printf(out, "<section class=\"service\" id=\"svc-%zu\"><h3>", i);
    put_esc(out, s->name, NAME_COLS, 0);
    buf_printf(out, " \xe2\x80\x94 %s</h3>\n",
               l == LEVEL_UNKNOWN ? "could not be read" : level_name(l));
    put_where(out, snap, s);
    if (snap_lead_describe(s, snap->generated_at, &text) || snap_shared_describe(s, 0, &text)) {
        if (text.data[0] >= 'a' && text.data[0] <= 'z')
            text.data[0] = (char)(text.data[0] - 'a' + 'A');
        buf_puts(out, "<p>");
        put_described(out, &text);
        buf_puts(out, ".</p>\n");
    }
    for (size_t k = 0; k < s->nincidents; k++) {
        const struct snap_incident *inc = &s->incidents[k];
        if (inc->open || inc->upcoming ||
            (inc->resolved_at && snap->generated_at - inc->resolved_at <= 86400)) {
            put_incident(out, inc, snap->generated_at);
            shown++;
        }
    }
    if (!shown)
        buf_puts(out, "<p>No official statement is known.</p>\n");
    chart_from_snapshot(&chart, snap, i, snap->generated_at - CHART_S, snap->generated_at);
    if (chart.nseries || chart.nstrips) {
        buf_puts(out, "<figure>\n");
        chart_svg(&chart, out);
        buf_puts(out, "</figure>\n");
    }
    chart_free(&chart);
    put_sources(out, snap, s);
    buf_puts(out, "</section>\n");
    buf_free(&text);
}

static void put_head(struct buf *out, const char *title)
{
    buf_puts(out, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                  "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                  "style-src 'unsafe-inline'\">\n<meta name=\"viewport\" "
                  "content=\"width=device-width, initial-scale=1\">\n<title>");
    put_esc(out, title, 0, 0);
    buf_printf(out, "</title>\n<style>%s</style></head><body>\n", css);
}

void chart_html(const struct chart *charts, size_t n, time_t now, struct buf *out)
{
    char from[96], to[96];
    struct buf words = {0};

    time_format_clock(n ? charts[0].from : now, now, from, sizeof from);
    time_format_clock(n ? charts[0].to : now, now, to, sizeof to);
    put_head(out, "sitrep history");
    buf_puts(out, "<header><h1>History</h1>\n<p class=\"meta\" id=\"when\">From ");
    put_esc(out, from, 0, 0);
    buf_puts(out, " to ");
    put_esc(out, to, 0, 0);
    buf_puts(out, ", as sitrep stored it.</p></header>\n");
    for (size_t i = 0; i < n; i++) {
        const struct chart *c = &charts[i];
        buf_puts(out, "<section class=\"service\"><h2>");
        put_esc(out, c->title, NAME_COLS, 0);
        buf_puts(out, "</h2>\n<figure>\n");
        chart_svg(c, out);
        buf_puts(out, "</figure>\n");
        if (!c->nmarkers)
            buf_puts(out, "<p>No official statement in this window.</p>\n");
        for (size_t k = 0; k < c->nmarkers; k++) {
            const struct chart_marker *m = &c->markers[k];
            buf_printf(out, "<p class=\"meta\">%zu. ", k + 1);
            put_when(out, m->at, now);
            buf_puts(out, ", ");
            snap_status_describe(m->status, false, 0, &words);
            put_described(out, &words);
            buf_puts(out, ": <strong>");
            put_esc(out, m->title, TITLE_COLS, 0);
            buf_puts(out, "</strong></p>\n<blockquote>");
            put_esc(out, m->body, 0, SAN_MULTILINE);
            buf_puts(out, "</blockquote>\n");
        }
        buf_puts(out, "</section>\n");
    }
    if (!n)
        buf_puts(out, "<p>Nothing stored in this window.</p>\n");
    buf_puts(out, "<footer class=\"meta\"><p>This page runs no script and loads nothing.</p>"
                  "</footer>\n</body></html>\n");
    buf_free(&words);
}

void export_html(const struct snapshot *snap, const struct export_opts *opts, struct buf *out)
{
    struct snap_tally t;
    struct buf line = {0};
    char when[96];
    size_t sections = 0;

    (void)opts; /* HTML is UTF-8 */
    snapshot_tally(snap, &t);
    snap_tally_describe(&t, &line);
    time_format_clock(snap->generated_at, snap->generated_at, when, sizeof when);
    {
        char title[140];
        snprintf(title, sizeof title, "Outage report, %s", when);
        put_head(out, title);
    }
    buf_puts(out, "<header><h1>Outage report</h1>\n");
    buf_puts(out, "<p class=\"meta\" id=\"when\">As of ");
    put_esc(out, when, 0, 0);
    buf_puts(out, snap->past_at ? " (what was known then)" : "");
    buf_puts(out, ". Made by sitrep from the sources listed with each service; last poll ");
    if (snap->last_poll) {
        time_format_clock(snap->last_poll, snap->generated_at, when, sizeof when);
        put_esc(out, when, 0, 0);
    } else {
        buf_puts(out, "never");
    }
    buf_puts(out, ".</p>\n<p id=\"headline\"><strong>");
    buf_printf(out, "%zu services: ", snap->nservices);
    put_described(out, &line);
    buf_puts(out, ".</strong></p></header>\n");
    put_grid(out, snap);
    put_timeline(out, snap);
    buf_puts(out, "<section id=\"services\"><h2>Services</h2>\n");
    for (size_t i = 0; i < snap->nservices; i++) {
        if (worth_section(snap, &snap->services[i])) {
            put_service(out, snap, i);
            sections++;
        }
    }
    if (!sections)
        buf_puts(out, "<p>No service has anything to report.</p>\n");
    buf_printf(out,
               "</section>\n<footer class=\"meta\"><p>Sources: %zu ok, %zu stale, %zu "
               "failing. This page runs no script and loads nothing.</p></footer>\n"
               "</body></html>\n",
               snap->sources_ok, snap->sources_stale, snap->sources_failing);
    buf_free(&line);
}
