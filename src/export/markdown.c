/* Markdown export: a report a journalist pastes into an article or a chat.
 * It says which services are broken, where, since when in
 * UTC and local time, how the crowd counts compare with normal, what the
 * company said and when (or that it said nothing), then a grid of all
 * services as a Markdown table.
 *
 * Remote text is sanitized first, then every Markdown metacharacter in it
 * is backslash-escaped, and a leading list, heading or quote marker is
 * neutralized, so a hostile incident title cannot add links, images, HTML,
 * table cells or headings; what renderers would turn into a link by itself
 * (a scheme's ':', "www.", '@') is escaped too. We never emit raw HTML
 * ourselves. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "sitrep/export.h"
#include "sitrep/sanitize.h"
#include "sitrep/timefmt.h"
#include "sitrep/timeline.h"
#include "sitrep/xalloc.h"

#define NAME_COLS      60
#define TITLE_COLS     200
#define COMPONENT_COLS 80
#define STATUS_COLS    30
#define BODY_COLS      2000  /* per line of an update body */
#define WRAP_COLS      76    /* quoted bodies wrap here */
#define MAX_COMPONENTS 12    /* listed when no incident names them */
#define RECENT_S       86400 /* resolved incidents still worth showing */

struct md {
    const struct snapshot *snap;
    unsigned flags; /* for the sanitizer */
    bool ascii;
    struct buf *out;
};

static const char *const level_phrases[LEVEL_COUNT] = {
    [LEVEL_NONE] = "no data",
    [LEVEL_OK] = "operational",
    [LEVEL_UNKNOWN] = "status unknown",
    [LEVEL_NOTICE] = "notice",
    [LEVEL_MAINTENANCE] = "maintenance",
    [LEVEL_DEGRADED] = "degraded performance",
    [LEVEL_PARTIAL] = "partial outage",
    [LEVEL_MAJOR] = "major outage",
};

static const char *level_phrase(enum level level)
{
    return (unsigned)level < LEVEL_COUNT ? level_phrases[level] : "status unknown";
}

/* ---- escaping ---------------------------------------------------------- */

static bool scheme_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' ||
           c == '.' || c == '-';
}

/* Renderers turn bare text into links too (GitHub's extended autolinks,
 * linkify): "https://...", "javascript:...", "www.x". The ':' of a scheme
 * followed by more than a blank, and the '.' after a word "www", get a
 * backslash; so does every '@' (e-mail links). */
static bool makes_link(const char *s, size_t n, size_t i)
{
    if (s[i] == ':' && i + 1 < n && s[i + 1] != ' ') {
        size_t j = i;
        while (j > 0 && scheme_char(s[j - 1]))
            j--;
        return j < i && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z'));
    }
    if (s[i] == '.' && i >= 3 && strncasecmp(s + i - 3, "www", 3) == 0)
        return i == 3 || !scheme_char(s[i - 4]);
    return false;
}

/* Appends n bytes of sanitized text with every Markdown metacharacter
 * escaped. At the start of a line (or of a block such as a list item or a
 * quote) a marker that would open a list, a setext heading or a fence gets
 * a backslash too: "- ", "+ ", "1. ", "2) ", "===", "~~~". */
static void md_put_n(struct buf *out, const char *s, size_t n, bool line_start)
{
    size_t i = 0;

    if (line_start) {
        while (i < n && s[i] == ' ')
            buf_putc(out, s[i++]);
        if (i < n && s[i] && strchr("-+=~", s[i])) {
            buf_putc(out, '\\');
        } else {
            size_t d = i;
            while (d < n && s[d] >= '0' && s[d] <= '9')
                d++;
            if (d > i && d < n && (s[d] == '.' || s[d] == ')')) {
                buf_append(out, s + i, d - i);
                buf_putc(out, '\\');
                i = d;
            }
        }
    }
    for (; i < n; i++) {
        if ((s[i] && strchr("\\`*_[]<>|#@", s[i])) || makes_link(s, n, i))
            buf_putc(out, '\\');
        buf_putc(out, s[i]);
    }
}

static void md_put(struct buf *out, const char *clean, bool line_start)
{
    md_put_n(out, clean, strlen(clean), line_start);
}

/* Remote text on one line: sanitized, cut to max_cols, escaped. */
static void md_text(const struct md *m, const char *raw, int max_cols, bool line_start)
{
    char *clean = sanitize_str(raw, max_cols, m->flags | SAN_ELLIPSIS);

    md_put(m->out, clean, line_start);
    free(clean);
}

/* Text a describe function of snapshot.h wrote (already sanitized there),
 * escaped, with its first letter capitalized when cap is set. */
static void md_described(const struct md *m, struct buf *text, bool cap)
{
    if (!text->len)
        return;
    if (cap && text->data[0] >= 'a' && text->data[0] <= 'z')
        text->data[0] = (char)(text->data[0] - 'a' + 'A');
    md_put(m->out, text->data, false);
    buf_reset(text);
}

/* ---- time -------------------------------------------------------------- */

/* "2026-11-22 11:05 UTC (12:05 CET)"; the local date shows only when it
 * differs from the UTC one, the local time not at all when it is UTC.
 * Local time follows TZ. */
static void put_when(const struct md *m, time_t t)
{
    struct tm utc, local;
    char u[32], l[32], zone[64];

    if (!t) {
        buf_puts(m->out, "an unknown time");
        return;
    }
    gmtime_r(&t, &utc);
    localtime_r(&t, &local);
    strftime(u, sizeof u, "%Y-%m-%d %H:%M", &utc);
    if (utc.tm_year == local.tm_year && utc.tm_yday == local.tm_yday)
        strftime(l, sizeof l, "%H:%M", &local);
    else
        strftime(l, sizeof l, "%Y-%m-%d %H:%M", &local);
    if (!strftime(zone, sizeof zone, "%Z", &local) || !zone[0])
        strftime(zone, sizeof zone, "%z", &local);
    buf_printf(m->out, "%s UTC", u);
    if (strcmp(zone, "UTC") == 0 && utc.tm_hour == local.tm_hour && utc.tm_min == local.tm_min)
        return;
    buf_printf(m->out, " (%s ", l);
    md_text(m, zone, 16, false); /* TZ is the user's, but still text */
    buf_putc(m->out, ')');
}

static void put_ago(const struct md *m, time_t t)
{
    char d[32];

    time_format_duration((long)(m->snap->generated_at - t), d, sizeof d);
    buf_printf(m->out, "%s ago", d);
}

/* ---- ordering ---------------------------------------------------------- */

/* What the chosen columns show of a service. */
static enum level shown_level(const struct md *m, const struct snap_service *s)
{
    return snap_service_worst(m->snap, s);
}

/* A section of its own: a problem, a maintenance, a notice, or a service
 * that cannot be read (said as such, never as a problem). */
static bool has_section(const struct md *m, const struct snap_service *s)
{
    enum level l = shown_level(m, s);

    return level_is_notable(l) || l == LEVEL_UNKNOWN;
}

/* A service with the level the chosen columns show of it, for sorting. */
struct ranked {
    const struct snap_service *s;
    enum level level;
};

static int worst_first(const void *a, const void *b)
{
    const struct ranked *x = a, *y = b;
    int c;

    /* problems first, then maintenance and notices, then the unreadable */
    if ((x->level == LEVEL_UNKNOWN) != (y->level == LEVEL_UNKNOWN))
        return x->level == LEVEL_UNKNOWN ? 1 : -1;
    if (x->level != y->level)
        return x->level > y->level ? -1 : 1;
    c = strcasecmp(x->s->name ? x->s->name : "", y->s->name ? y->s->name : "");
    if (c)
        return c;
    return strcmp(x->s->id ? x->s->id : "", y->s->id ? y->s->id : "");
}

/* The services with a section, problems first, then by name; sets *n. */
static const struct snap_service **section_services(const struct md *m, size_t *n)
{
    const struct snapshot *snap = m->snap;
    struct ranked *r = xcalloc(snap->nservices + 1, sizeof *r);
    const struct snap_service **v = xcalloc(snap->nservices + 1, sizeof *v);

    *n = 0;
    for (size_t i = 0; i < snap->nservices; i++) {
        if (has_section(m, &snap->services[i]))
            r[(*n)++] = (struct ranked){&snap->services[i], shown_level(m, &snap->services[i])};
    }
    qsort(r, *n, sizeof *r, worst_first);
    for (size_t i = 0; i < *n; i++)
        v[i] = r[i].s;
    free(r);
    return v;
}

/* ---- title and summary ------------------------------------------------- */

static void put_title(const struct md *m)
{
    buf_puts(m->out, "# Outage report, ");
    put_when(m, m->snap->generated_at);
    if (m->snap->past_at)
        buf_puts(m->out, " (as known then)");
    buf_puts(m->out, "\n\n");
}

/* "Label: A (phrase), B (phrase)." for the sectioned services that pass want. */
static void put_named(const struct md *m, const struct snap_service **v, size_t n,
                      bool (*want)(enum level), const char *label)
{
    size_t k = 0;

    for (size_t i = 0; i < n; i++) {
        enum level l = shown_level(m, v[i]);
        if (!want(l))
            continue;
        buf_puts(m->out, k++ ? ", " : label);
        md_text(m, v[i]->name, NAME_COLS, false);
        if (l != LEVEL_UNKNOWN)
            buf_printf(m->out, " (%s)", level_phrase(l));
    }
    if (k)
        buf_puts(m->out, ".\n\n");
}

static bool is_maintenance_or_notice(enum level l)
{
    return l == LEVEL_MAINTENANCE || l == LEVEL_NOTICE;
}

static bool is_unknown(enum level l)
{
    return l == LEVEL_UNKNOWN;
}

/* Problems and unknowns are told apart: a page that cannot be read is the
 * absence of evidence, not a problem. */
static void put_summary(const struct md *m, const struct snap_service **v, size_t n)
{
    struct snap_tally t;
    struct buf line = {0};

    snapshot_tally(m->snap, &t);
    snap_tally_describe(&t, &line);
    buf_printf(m->out, "**%zu service%s: ", m->snap->nservices, m->snap->nservices == 1 ? "" : "s");
    md_text(m, buf_str(&line), 0, false);
    buf_puts(m->out, ".**\n\n");
    buf_free(&line);
    put_named(m, v, n, level_is_problem, "Problems: ");
    put_named(m, v, n, is_maintenance_or_notice, "Maintenance and notices: ");
    put_named(m, v, n, is_unknown, "Unknown, their pages could not be read: ");
}

/* ---- one service: where, crowd, statements, sources -------------------- */

static void put_since(const struct md *m, const struct snap_service *s)
{
    if (!s->since)
        return;
    buf_puts(m->out, "**Since** ");
    put_when(m, s->since);
    buf_puts(m->out, ", ");
    put_ago(m, s->since);
    buf_puts(m->out, ".\n\n");
}

static void put_region(const struct md *m, region_id r)
{
    if (r == REGION_NONE)
        buf_puts(m->out, "unnamed region");
    else
        buf_printf(m->out, "%s (%s)", region_code(r), region_name(r));
}

static void put_cell(const struct md *m, region_id col, const struct snap_cell *c)
{
    buf_puts(m->out, "- ");
    put_region(m, col);
    buf_printf(m->out, ": %s", level_phrase(c->level));
    if (c->possible) {
        buf_puts(m->out, " possible (reported for ");
        if (c->possible_region != REGION_NONE)
            put_region(m, c->possible_region);
        else
            buf_puts(m->out, "a wider region");
        buf_puts(m->out, ")");
    }
    if (c->evidence != EVIDENCE_NONE)
        buf_printf(m->out, ", %s",
                   c->evidence == EVIDENCE_BOTH ? "official and crowd"
                                                : evidence_kind_name(c->evidence));
    if (c->reports >= 0 && c->baseline > 0)
        buf_printf(m->out, ", %ld reports vs %ld normal", c->reports, c->baseline);
    else if (c->reports >= 0)
        buf_printf(m->out, ", %ld reports", c->reports);
    if (c->mentions >= 0) /* posts, never reports */
        buf_printf(m->out, ", %ld public mentions vs %ld normal", c->mentions,
                   c->mentions_baseline < 0 ? 0 : c->mentions_baseline);
    if (c->stale)
        buf_puts(m->out, ", data stale");
    buf_putc(m->out, '\n');
}

/* Unknown cells, one line per reason: "- ALL, EU, FR: status unknown,
 * could not be read: …". */
static bool put_unknown_cells(const struct md *m, const struct snap_service *s)
{
    struct snap_note *v;
    size_t n = snap_service_notes(m->snap, s, m->flags, true, &v);
    struct buf text = {0};

    for (size_t i = 0; i < n; i++) {
        buf_puts(m->out, "- ");
        for (size_t c = 0; c < v[i].ncolumns; c++)
            buf_printf(m->out, "%s%s", c ? ", " : "", region_code(v[i].columns[c]));
        buf_puts(m->out, ": status unknown, ");
        buf_puts(&text, v[i].text);
        md_described(m, &text, false);
        buf_putc(m->out, '\n');
    }
    snap_notes_free(v, n);
    buf_free(&text);
    return n > 0;
}

static void put_where(const struct md *m, const struct snap_service *s)
{
    bool any = false;

    buf_puts(m->out, "**Where:**\n\n");
    for (size_t i = 0; i < m->snap->ncolumns; i++) {
        const struct snap_cell *c = &s->cells[i];
        if (level_is_notable(c->level)) {
            put_cell(m, m->snap->columns[i], c);
            any = true;
        }
    }
    any |= put_unknown_cells(m, s);
    if (!any)
        buf_puts(m->out, "- no grid column shows it\n");
    buf_putc(m->out, '\n');
}

/* "FR (France): 412 reports vs 18 normal (22.9×), problems since …;
 * login 52%, messages 31%" — snap_crowd_describe's numbers, with local
 * time and escaped categories. */
static void put_series(const struct md *m, const struct snap_crowd *c)
{
    const char *what = c->mentions ? "public mentions" : "reports";

    buf_puts(m->out, "- ");
    put_region(m, c->region);
    if (c->mentions)
        buf_puts(m->out, " (possible: from the posts' language or instance)");
    if (c->count < 0)
        buf_puts(m->out, ": no complete bucket yet");
    else if (c->baseline > 0)
        buf_printf(m->out, ": %ld %s vs %ld normal (%.1f%s)", c->count, what, c->baseline,
                   (double)c->count / (double)c->baseline, m->ascii ? "x" : "\xc3\x97");
    else
        buf_printf(m->out, ": %ld %s", c->count, what);
    if (c->source_status != LEVEL_NONE)
        buf_printf(m->out, ", source says %s", level_phrase(c->source_status));
    if (c->problem_since && level_is_problem(c->level)) {
        buf_puts(m->out, ", problems since ");
        put_when(m, c->problem_since);
    }
    for (size_t i = 0; i < c->ncategories; i++) {
        buf_puts(m->out, i ? ", " : "; ");
        md_text(m, c->categories[i], 24, false);
        buf_printf(m->out, " %.0f%%", c->shares[i] * 100);
    }
    if (c->stale)
        buf_puts(m->out, " (stale)");
    buf_putc(m->out, '\n');
}

static void put_crowd(const struct md *m, const struct snap_service *s)
{
    size_t quiet = 0;

    if (!s->ncrowd)
        return;
    buf_puts(m->out, "**Crowd reports:**\n\n");
    for (size_t i = 0; i < s->ncrowd; i++) {
        if (level_is_problem(s->crowd[i].level) || s->crowd[i].stale)
            put_series(m, &s->crowd[i]);
        else
            quiet++;
    }
    if (quiet) {
        buf_puts(m->out, "- no unusual reports in");
        for (size_t i = 0; i < s->ncrowd; i++) {
            if (!level_is_problem(s->crowd[i].level) && !s->crowd[i].stale)
                buf_printf(m->out, " %s", region_code(s->crowd[i].region));
        }
        buf_putc(m->out, '\n');
    }
    buf_putc(m->out, '\n');
}

/* Lead of the crowd over the official side, and a shared-cause hint. */
static void put_hints(const struct md *m, const struct snap_service *s)
{
    struct buf text = {0};
    bool any = false;

    if (snap_lead_describe(s, m->snap->generated_at, &text)) {
        md_described(m, &text, true);
        buf_puts(m->out, ".");
        any = true;
    }
    if (snap_shared_describe(s, m->flags, &text)) {
        buf_puts(m->out, any ? " " : "");
        md_described(m, &text, true);
        buf_puts(m->out, ".");
        any = true;
    }
    if (any)
        buf_puts(m->out, "\n\n");
    buf_free(&text);
}

/* One line of a quoted body, wrapped at WRAP_COLS, each piece quoted. */
static void put_quoted_line(const struct md *m, const char *line, size_t len)
{
    while (len) {
        size_t n = sanitize_fit(line, WRAP_COLS, NULL);
        unsigned cp;

        if (n > len)
            n = len;
        if (n == 0) { /* a character wider than a line: take it anyway */
            n = utf8_decode(line, len, &cp);
            n = n ? n : 1;
        }
        if (n < len) { /* break at the last blank that fits */
            size_t cut = n;
            while (cut > 0 && line[cut] != ' ')
                cut--;
            while (cut > 0 && line[cut - 1] == ' ')
                cut--;
            if (cut > 0)
                n = cut;
        }
        buf_puts(m->out, "> ");
        md_put_n(m->out, line, n, true);
        buf_putc(m->out, '\n');
        while (n < len && line[n] == ' ')
            n++;
        line += n;
        len -= n;
    }
}

static void put_quote(const struct md *m, const char *raw)
{
    char *clean = sanitize_str(raw, BODY_COLS, m->flags | SAN_MULTILINE | SAN_ELLIPSIS);
    const char *p = clean;

    if (!*p)
        buf_puts(m->out, "> (no text)\n");
    while (*p) {
        size_t len = strcspn(p, "\n");
        if (len)
            put_quoted_line(m, p, len);
        else
            buf_puts(m->out, ">\n");
        p += len;
        if (*p == '\n')
            p++;
    }
    free(clean);
}

/* An http(s) URL as a code span: shown literally, never a live Markdown
 * link; anything else (javascript:, a backtick that would end the span)
 * is left out. */
static void put_url(const struct md *m, const char *raw)
{
    char *clean = sanitize_str(raw, 0, m->flags); /* a cut URL is a wrong one */
    bool web = strncasecmp(clean, "https://", 8) == 0 || strncasecmp(clean, "http://", 7) == 0;

    if (web && !strchr(clean, '`') && !strchr(clean, ' '))
        buf_printf(m->out, "- Link: `%s`\n", clean);
    free(clean);
}

/* The same inside a table cell: " (`URL`)", nothing for a URL that would
 * break the cell. */
static void put_link(const struct md *m, const char *raw)
{
    char *clean = sanitize_str(raw, 0, m->flags);
    bool web = strncasecmp(clean, "https://", 8) == 0 || strncasecmp(clean, "http://", 7) == 0;

    if (web && !strpbrk(clean, "` |"))
        buf_printf(m->out, " (`%s`)", clean);
    free(clean);
}

/* A status in words (snap_status_describe), Markdown-escaped. */
static void md_status(const struct md *m, const char *raw, bool inferred)
{
    struct buf words = {0};

    snap_status_describe(raw, inferred, m->flags, &words);
    md_text(m, buf_str(&words), STATUS_COLS + 16, false);
    buf_free(&words);
}

static void put_incident_head(const struct md *m, const struct snap_incident *inc)
{
    buf_puts(m->out, inc->maintenance ? "**Maintenance: " : "**Official statement: ");
    md_text(m, inc->title, TITLE_COLS, false);
    buf_puts(m->out, "**\n\n- Status ");
    md_status(m, inc->status, inc->inferred_end);
    if (inc->upcoming)
        buf_puts(m->out, " (upcoming)");
    if (inc->impact && *inc->impact) {
        buf_puts(m->out, ", impact ");
        md_text(m, inc->impact, STATUS_COLS, false);
    }
    buf_puts(m->out, "; started ");
    put_when(m, inc->started_at);
    if (inc->started_at) {
        buf_puts(m->out, ", ");
        put_ago(m, inc->started_at);
    }
    if (inc->maintenance && inc->scheduled_until) {
        buf_puts(m->out, "; scheduled to end ");
        put_when(m, inc->scheduled_until);
    }
    if (!inc->open && inc->resolved_at) {
        buf_puts(m->out,
                 inc->inferred_end ? "; no longer listed by the page since " : "; resolved ");
        put_when(m, inc->resolved_at);
        if (inc->inferred_end)
            buf_puts(m->out, " (sitrep's inference: the page never said resolved)");
    }
    buf_puts(m->out, ".\n");
}

static void put_incident(const struct md *m, const struct snap_incident *inc)
{
    put_incident_head(m, inc);
    if (inc->ncomponents) {
        buf_puts(m->out, "- Affected: ");
        for (size_t i = 0; i < inc->ncomponents; i++) {
            buf_puts(m->out, i ? ", " : "");
            md_text(m, inc->components[i], COMPONENT_COLS, false);
        }
        for (size_t i = 0; i < inc->nregions; i++)
            buf_printf(m->out, "%s%s", i ? " " : " (", region_code(inc->regions[i]));
        buf_puts(m->out, inc->nregions ? ").\n" : ".\n");
    }
    if (inc->url)
        put_url(m, inc->url);
    buf_putc(m->out, '\n');
    for (size_t i = 0; i < inc->nupdates; i++) {
        const struct snap_update *u = &inc->updates[i];
        buf_puts(m->out, "Posted ");
        put_when(m, u->at);
        if (u->status && *u->status) {
            buf_puts(m->out, ", ");
            md_status(m, u->status, false);
        }
        buf_puts(m->out, ":\n\n");
        put_quote(m, u->body);
        buf_putc(m->out, '\n');
    }
}

static bool incident_shown(const struct snapshot *snap, const struct snap_incident *inc)
{
    return inc->open || (inc->resolved_at && snap->generated_at - inc->resolved_at <= RECENT_S);
}

/* When the crowd began to show the current problem, 0 when it does not. */
static time_t crowd_problem_since(const struct snap_service *s)
{
    time_t t = 0;

    if (s->crowd_since)
        return s->crowd_since;
    for (size_t i = 0; i < s->ncrowd; i++) {
        const struct snap_crowd *c = &s->crowd[i];
        if (level_is_problem(c->level) && c->problem_since && (!t || c->problem_since < t))
            t = c->problem_since;
    }
    return t;
}

/* Without an incident, what the status page marks as not operational. */
static void put_components(const struct md *m, const struct snap_service *s)
{
    size_t shown = 0, more = 0;

    for (size_t i = 0; i < s->ncomponents; i++) {
        const struct snap_component *c = &s->components[i];
        if (c->is_group || c->level == LEVEL_OK || c->level == LEVEL_NONE)
            continue;
        if (shown == MAX_COMPONENTS) {
            more++;
            continue;
        }
        buf_puts(m->out, shown++ ? ", " : "The status page marks: ");
        if (c->group && *c->group) {
            md_text(m, c->group, COMPONENT_COLS, false);
            buf_puts(m->out, " - ");
        }
        md_text(m, c->name, COMPONENT_COLS, false);
        buf_printf(m->out, " (%s)", level_phrase(c->level));
    }
    if (more)
        buf_printf(m->out, " and %zu more", more);
    if (shown)
        buf_puts(m->out, ".\n\n");
}

/* How many official sources s has, and how many have data to speak from. */
static size_t official_sources(const struct snap_service *s, size_t *readable)
{
    size_t n = 0;

    *readable = 0;
    for (size_t i = 0; i < s->nsources; i++) {
        if (!s->sources[i].official)
            continue;
        n++;
        *readable += s->sources[i].has_data && !s->sources[i].expired;
    }
    return n;
}

/* No statement is only "no statement" when a status page was read. */
static void put_silence(const struct md *m, const struct snap_service *s)
{
    size_t readable, n = official_sources(s, &readable);
    time_t crowd = crowd_problem_since(s);

    if (n == 0)
        buf_puts(m->out, "**No official status page is watched for this service**");
    else if (readable == 0)
        buf_puts(m->out, "**Its status page could not be read:** no statement is known, which "
                         "says nothing about whether one was made");
    else
        buf_puts(m->out, crowd ? "**No official statement yet**" : "**No official statement**");
    if (crowd) {
        buf_puts(m->out, "; crowd reports show problems since ");
        put_when(m, crowd);
    }
    buf_puts(m->out, ".\n\n");
}

static void put_statements(const struct md *m, const struct snap_service *s)
{
    size_t shown = 0;

    for (size_t i = 0; i < s->nincidents; i++) {
        if (incident_shown(m->snap, &s->incidents[i])) {
            put_incident(m, &s->incidents[i]);
            shown++;
        }
    }
    if (shown)
        return;
    put_silence(m, s);
    put_components(m, s);
}

static void put_sources(const struct md *m, const struct snap_service *s)
{
    struct buf text = {0};

    if (!s->nsources)
        return;
    buf_puts(m->out, "**Sources:**\n\n");
    for (size_t i = 0; i < s->nsources; i++) {
        const struct snap_source *src = &s->sources[i];
        buf_puts(m->out, "- ");
        md_text(m, src->host && *src->host ? src->host : src->id, NAME_COLS, true);
        buf_printf(m->out, " (%s, ", src->official ? "official" : "crowd reports");
        md_text(m, src->format, STATUS_COLS, false);
        buf_puts(m->out, "): ");
        snap_source_describe(src, m->snap->generated_at, m->flags, &text);
        md_described(m, &text, false);
        buf_putc(m->out, '\n');
    }
    buf_putc(m->out, '\n');
    buf_free(&text);
}

static void put_service(const struct md *m, const struct snap_service *s)
{
    enum level l = shown_level(m, s);

    buf_puts(m->out, "## ");
    md_text(m, s->name, NAME_COLS, false);
    buf_printf(m->out, " %s %s\n\n", m->ascii ? "-" : "\xe2\x80\x94",
               l == LEVEL_UNKNOWN ? "could not be read" : level_phrase(l));
    put_since(m, s);
    put_where(m, s);
    put_crowd(m, s);
    put_hints(m, s);
    put_statements(m, s);
    put_sources(m, s);
}

/* ---- the rest: fine services, the grid, the footer --------------------- */

/* The merged timeline as a table, oldest first: UTC, local time, how long
 * ago, the service and what happened, with the page's link for a
 * statement. */
static void put_timeline(const struct md *m)
{
    size_t n;
    struct timeline_event *v = timeline_build(m->snap, NULL, &n);
    struct buf what = {0};

    if (n)
        buf_puts(m->out, "## Timeline\n\n| When | Ago | Service | What |\n|---|---|---|---|\n");
    for (size_t i = 0; i < n; i++) {
        buf_puts(m->out, "| ");
        put_when(m, v[i].at);
        buf_puts(m->out, " | ");
        put_ago(m, v[i].at);
        buf_puts(m->out, " | ");
        md_text(m, v[i].service->name, NAME_COLS, false);
        buf_puts(m->out, " | ");
        timeline_describe(&v[i], m->flags, &what);
        md_described(m, &what, true);
        if (v[i].kind == TIMELINE_STATEMENT && v[i].incident->url)
            put_link(m, v[i].incident->url);
        buf_puts(m->out, " |\n");
    }
    if (n)
        buf_putc(m->out, '\n');
    buf_free(&what);
    free(v);
}

/* Maintenances announced for the next seven days, by service. */
static void put_upcoming(const struct md *m)
{
    size_t n = 0;

    for (size_t i = 0; i < m->snap->nservices; i++) {
        const struct snap_service *s = &m->snap->services[i];
        for (size_t k = 0; k < s->nincidents; k++) {
            const struct snap_incident *inc = &s->incidents[k];
            if (!inc->upcoming)
                continue;
            if (n++ == 0)
                buf_puts(m->out, "## Upcoming maintenance\n\n");
            buf_puts(m->out, "- ");
            md_text(m, s->name, NAME_COLS, true);
            buf_puts(m->out, ": ");
            md_text(m, inc->title, TITLE_COLS, false);
            buf_puts(m->out, ", from ");
            put_when(m, inc->scheduled_for);
            if (inc->scheduled_until) {
                buf_puts(m->out, " to ");
                put_when(m, inc->scheduled_until);
            }
            buf_puts(m->out, ".\n");
        }
    }
    if (n)
        buf_putc(m->out, '\n');
}

static void put_list(const struct md *m, const char *label, enum level level)
{
    size_t n = 0;

    for (size_t i = 0; i < m->snap->nservices; i++) {
        const struct snap_service *s = &m->snap->services[i];
        if (s->level != level)
            continue;
        buf_puts(m->out, n++ ? ", " : label);
        md_text(m, s->name, NAME_COLS, false);
    }
    if (n)
        buf_puts(m->out, ".");
}

static void put_fine(const struct md *m)
{
    size_t before = m->out->len;

    put_list(m, "**Fine:** ", LEVEL_OK);
    if (m->out->len == before)
        buf_puts(m->out, "**Fine:** none.");
    put_list(m, " **No data yet:** ", LEVEL_NONE);
    buf_puts(m->out, "\n\n");
}

/* "MAJOR", "part?" when only a wider region says so, then "~" when only
 * the crowd says so, "+" when crowd and official agree, "\*" when stale. */
static void put_grid_cell(const struct md *m, const struct snap_cell *c)
{
    const char *label = level_label(c->level);

    buf_puts(m->out, " ");
    for (size_t i = 0; label[i]; i++)
        buf_putc(m->out, c->possible ? (char)(label[i] | 0x20) : label[i]);
    if (c->possible)
        buf_putc(m->out, '?');
    if (c->evidence == EVIDENCE_CROWD)
        buf_putc(m->out, '~');
    else if (c->evidence == EVIDENCE_BOTH)
        buf_putc(m->out, '+');
    if (c->stale)
        buf_puts(m->out, "\\*");
    buf_puts(m->out, " |");
}

static void put_grid(const struct md *m)
{
    buf_puts(m->out, "| Service | Level |");
    for (size_t c = 0; c < m->snap->ncolumns; c++)
        buf_printf(m->out, " %s |", region_code(m->snap->columns[c]));
    buf_puts(m->out, "\n|---|---|");
    for (size_t c = 0; c < m->snap->ncolumns; c++)
        buf_puts(m->out, "---|");
    buf_putc(m->out, '\n');
    for (size_t i = 0; i < m->snap->nservices; i++) {
        const struct snap_service *s = &m->snap->services[i];
        buf_puts(m->out, "| ");
        md_text(m, s->name, NAME_COLS, false);
        buf_printf(m->out, " | %s |", level_label(s->level));
        for (size_t c = 0; c < m->snap->ncolumns; c++)
            put_grid_cell(m, &s->cells[c]);
        buf_putc(m->out, '\n');
    }
    buf_puts(m->out,
             "\nLevels: MAJOR major outage, PART partial outage, DEGR degraded performance, "
             "MAINT maintenance, NOTE notice, UNKN unknown, OK operational, - no evidence. "
             "Lowercase with ? = possible (reported for a wider region); ~ = crowd reports "
             "only; + = crowd and official agree; \\* = stale data.\n");
}

static void put_footer(const struct md *m)
{
    buf_printf(m->out, "\nSources: %zu ok, %zu stale, %zu failing; last poll ", m->snap->sources_ok,
               m->snap->sources_stale, m->snap->sources_failing);
    if (m->snap->last_poll)
        put_when(m, m->snap->last_poll);
    else
        buf_puts(m->out, "never");
    buf_puts(m->out, ".");
    if (m->snap->history_problem) {
        buf_puts(m->out, " History: ");
        md_text(m, m->snap->history_problem, TITLE_COLS, false);
        buf_puts(m->out, ".");
    }
    buf_puts(m->out, " Made with sitrep.\n");
}

void export_markdown(const struct snapshot *snap, const struct export_opts *opts, struct buf *out)
{
    struct md m = {snap, opts->ascii ? SAN_ASCII : 0, opts->ascii, out};
    size_t n;
    const struct snap_service **v;

    tzset(); /* localtime_r need not notice a changed TZ by itself */
    v = section_services(&m, &n);
    put_title(&m);
    put_summary(&m, v, n);
    for (size_t i = 0; i < n; i++)
        put_service(&m, v[i]);
    put_upcoming(&m);
    put_timeline(&m);
    put_fine(&m);
    put_grid(&m);
    put_footer(&m);
    free(v);
}
