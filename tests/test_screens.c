/* Screens: the dashboard drawn into a canvas and dumped as text, compared
 * with golden files at 80x24 and 120x40, plus the edges: ASCII, compact,
 * too small, and every size from 1x1 up without a crash. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sitrep/canvas.h"
#include "sitrep/dashboard.h"
#include "sitrep/model.h"
#include "sitrep/sanitize.h"
#include "sitrep/xalloc.h"
#include "../src/ui/ui_internal.h"
#include "tap.h"
#include "testutil.h"

#define NOW 1795348800 /* 2026-11-22T12:00:00Z */

static const char config_text[] =
    "[sitrep]\ncolumns = ALL NA LATAM EU MEA APAC\n"
    "[service calls]\nname = Callr\nurl = https://x/\nregion = group \"(?i)^(.*)$\" => $1\n"
    "[service linode]\nname = Linode\nurl = https://y/\n"
    "region = name \"\\(([A-Za-z .'-]+)( [0-9]+)?\\)\" => city:$1\n"
    "[service github]\nname = GitHub\nurl = https://z/\n"
    "[service qualys]\nname = Qualys\nurl = https://q/\n"
    "region = group \"^(US|EU|IN|CA|AE|AU|UK) Platform\" => $1\n"
    "[service dropbox]\nname = Dropbox\nurl = https://d/\n"
    "[service gone]\nname = A service with a very long name indeed\nurl = https://g/\n";

static struct snapshot *build(struct config *cfg, struct model **m)
{
    tu_config(cfg, config_text);
    *m = model_new(cfg);
    tu_feed(*m, cfg, 0, 0, "tests/fixtures/e2e/calls-summary.json", NOW - 60);
    tu_feed(*m, cfg, 1, 0,
            "tests/fixtures/statuspage/atc0005-check-statuspage__linode-components-problems.json",
            NOW - 30);
    tu_feed(
        *m, cfg, 2, 0,
        "tests/fixtures/statuspage/atc0005-check-statuspage__github-components-with-problem.json",
        NOW - 20);
    tu_feed(*m, cfg, 3, 0,
            "tests/fixtures/statuspage/atc0005-check-statuspage__qualys-components.json", NOW - 20);
    tu_feed(*m, cfg, 4, 0,
            "tests/fixtures/statuspage/atc0005-check-statuspage__dropbox-components.json",
            NOW - 20);
    model_source_failure(*m, 5, 0, "Could not resolve host: status.example.com", NOW - 5);
    return model_snapshot(*m, NOW);
}

static char *screen(const struct snapshot *snap, int w, int h, size_t selected, bool ascii)
{
    struct canvas *cv = canvas_new(w, h);
    struct dash_view view = {.selected = selected, .ascii = ascii, .column = -1};
    struct buf out = {0};

    dash_draw(cv, snap, &view, NOW);
    canvas_dump(cv, &out);
    canvas_free(cv);
    dash_view_free(&view);
    return buf_detach(&out);
}

static void golden(const struct snapshot *snap, int w, int h, size_t sel, bool ascii,
                   const char *file, const char *what)
{
    char *text = screen(snap, w, h, sel, ascii);

    ok(tu_golden(text, file), "%s matches %s", what, file);
    free(text);
}

static void golden_view(const struct snapshot *snap, int w, int h, struct dash_view *v,
                        const char *file, const char *what)
{
    struct canvas *cv = canvas_new(w, h);
    struct buf out = {0};

    dash_draw(cv, snap, v, NOW);
    canvas_dump(cv, &out);
    ok(tu_golden(buf_str(&out), file), "%s matches %s", what, file);
    buf_free(&out);
    canvas_free(cv);
}

static void test_goldens(const struct snapshot *snap)
{
    golden(snap, 80, 24, 0, false, "tests/golden/dash-80x24.txt", "the grid at 80x24");
    golden(snap, 120, 40, 0, false, "tests/golden/dash-120x40.txt", "the grid at 120x40");
    golden(snap, 80, 24, 4, false, "tests/golden/dash-80x24-failing.txt",
           "the failing service selected at 80x24 (fifth by severity)");
    golden(snap, 80, 24, 0, true, "tests/golden/dash-80x24-ascii.txt", "ASCII mode at 80x24");
    golden(snap, 40, 12, 1, false, "tests/golden/dash-40x12.txt", "the compact grid at 40x12");
    golden(snap, 20, 5, 0, false, "tests/golden/dash-too-small.txt", "too small at 20x5");
}

static void test_content(const struct snapshot *snap)
{
    char *s = screen(snap, 80, 24, 0, false);

    ok(strstr(s, "\xe2\x9c\x95 MAJOR") != NULL, "a certain major cell reads '\xe2\x9c\x95 MAJOR'");
    ok(strstr(s, "\xe2\x96\xb2 part?") != NULL,
       "a possible partial cell reads '\xe2\x96\xb2 part?'");
    ok(strstr(s, "\xc2\xb7 -") != NULL, "a cell without evidence reads '\xc2\xb7 -'");
    ok(strstr(s, "Users cannot log in") != NULL, "the selected service's incident is shown");
    ok(!strchr(s, '\x1b') && !strstr(s, "\xe2\x80\xae"), "no escape or bidi character on screen");
    free(s);
    s = screen(snap, 80, 24, 0, true);
    int ascii_only = 1;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        ascii_only &= *p < 0x80;
    ok(ascii_only, "ASCII mode draws only ASCII");
    free(s);
}

/* The row of the canvas that starts with name, as text. */
static char *row_of(const struct canvas *cv, const char *name, int *y)
{
    struct buf out = {0};
    char *all, *line, *nl;

    canvas_dump(cv, &out);
    all = buf_detach(&out);
    line = all;
    for (*y = 0; line && *line; (*y)++, line = nl + 1) {
        nl = strchr(line, '\n');
        if (!nl)
            break;
        *nl = '\0';
        if (strncmp(line, name, strlen(name)) == 0 || strncmp(line + 1, name, strlen(name)) == 0) {
            char *copy = strdup(line);
            free(all);
            return copy;
        }
    }
    free(all);
    *y = -1;
    return strdup("");
}

/* Official and crowd apart without colour, pending apart from none: in the
 * grid (UTF-8 and ASCII) and in presentation mode. */
static void test_marks(struct snapshot *snap)
{
    struct snap_service *callr = &snap->services[0];
    struct snap_cell saved[2] = {callr->cells[1], callr->cells[4]};
    struct canvas *cv = canvas_new(100, 30);
    struct dash_view v = {.column = -1};
    char *row;
    int y;

    callr->cells[1].level = LEVEL_MAJOR; /* NA: only the crowd says so */
    callr->cells[1].evidence = EVIDENCE_CROWD;
    callr->cells[1].reports = 240;
    callr->cells[4].pending = true; /* MEA: not fetched yet; APAC: no evidence */
    dash_draw(cv, snap, &v, NOW);
    row = row_of(cv, "Callr", &y);
    ok(strstr(row, "\xe2\x9c\x95 MAJOR   \xe2\x9c\x95 ~MAJOR") != NULL,
       "official '\xe2\x9c\x95 MAJOR' beside crowd-only '\xe2\x9c\x95 ~MAJOR': the mark leads the "
       "label");
    ok(strstr(row, "\xe2\x80\xa6 wait") && strstr(row, "\xc2\xb7 -"),
       "pending reads '\xe2\x80\xa6 wait', none '\xc2\xb7 -'");
    const char *p = strstr(row, "~MAJOR");
    char *prefix = strndup(row, p ? (size_t)(p - row) : 0);
    int x = sanitize_width(prefix);
    free(prefix);
    ok(y >= 0 && canvas_at(cv, x, y)->role == ROLE_MARK_MAJOR &&
           canvas_at(cv, v.cells_x + 1, y)->role == ROLE_CELL_MAJOR,
       "the crowd-only cell is outlined (mark colour), the official one filled");
    free(row);
    v.ascii = true;
    dash_draw(cv, snap, &v, NOW);
    row = row_of(cv, "Callr", &y);
    ok(strstr(row, "M MAJOR   M ~MAJOR") && strstr(row, ": wait") && strstr(row, ". -"),
       "in ASCII: 'M MAJOR', 'M ~MAJOR', ': wait', '. -' (%s)", row);
    free(row);
    v.ascii = false;
    v.present = true;
    dash_draw(cv, snap, &v, NOW);
    struct buf out = {0};
    canvas_dump(cv, &out);
    const char *card = strstr(buf_str(&out), "Callr");
    ok(card && strstr(card, "official        crowd 240") && strstr(card, "waiting"),
       "presentation mode says where each cell's evidence comes from, in words");
    ok(card && strstr(card, "\xe2\x9c\x95 ~MAJOR"),
       "and marks the crowd-only cell as the grid does");
    buf_free(&out);
    callr->cells[1] = saved[0];
    callr->cells[4] = saved[1];
    dash_view_free(&v);
    canvas_free(cv);
}

static void test_every_size(const struct snapshot *snap)
{
    struct canvas *cv = canvas_new(1, 1);
    struct dash_view view = {.selected = 3, .column = 2};
    int bad = 0;

    for (int w = 1; w <= 300; w += (w < 100 ? 1 : 7)) {
        for (int h = 1; h <= 100; h += (h < 30 ? 1 : 9)) {
            canvas_resize(cv, w, h);
            dash_draw(cv, snap, &view, NOW);
            for (int y = 0; y < h; y++) {
                int cols = 0;
                for (int x = 0; x < w; x++)
                    cols += canvas_at(cv, x, y)->width ? canvas_at(cv, x, y)->width : 0;
                bad |= cols != w;
            }
        }
    }
    ok(!bad, "every size from 1x1 to 300x100 draws, every row exactly as wide as the canvas");
    canvas_free(cv);
    dash_view_free(&view);
}

/* Terminals too small for anything: still something on screen, never a
 * blank that looks like a hung program. */
static void test_tiny(const struct snapshot *snap)
{
    static const int sizes[][2] = {{1, 1}, {2, 1}, {1, 2}, {3, 2}, {5, 1}, {10, 3}, {19, 4}};
    struct canvas *cv = canvas_new(1, 1);
    struct dash_view view = {.column = -1};

    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        struct buf out = {0};
        bool visible = false;
        canvas_resize(cv, sizes[i][0], sizes[i][1]);
        dash_draw(cv, snap, &view, NOW);
        canvas_dump(cv, &out);
        for (const char *p = buf_str(&out); *p; p++)
            visible |= *p != ' ' && *p != '\n';
        ok(visible, "%dx%d: something is drawn (%s)", sizes[i][0], sizes[i][1], buf_str(&out));
        buf_free(&out);
    }
    canvas_free(cv);
    dash_view_free(&view);
}

/* A storage problem is not pushed off the status line by a message (an
 * alert, the answer to a key): it comes first. */
static void test_storage_first(struct snapshot *snap)
{
    struct canvas *cv = canvas_new(80, 24);
    struct dash_view view = {.column = -1};
    struct buf out = {0};
    const char *last;

    snap->history_problem = xstrdup("history not saved (database or disk is full)");
    view.message = "Callr: major outage in EU (was ok), official and crowd; see the detail pane";
    dash_draw(cv, snap, &view, NOW);
    canvas_dump(cv, &out);
    last = strrchr(buf_str(&out), '\n');
    while (last && last > buf_str(&out) && last[-1] != '\n')
        last--;
    ok(last && strstr(last, "history not saved"),
       "80x24 with an alert message: the storage problem is on the status line (%s)", last);
    free(snap->history_problem);
    snap->history_problem = NULL;
    buf_free(&out);
    canvas_free(cv);
    dash_view_free(&view);
}

static void test_selection(const struct snapshot *snap)
{
    struct dash_view view = {.column = -1};

    dash_move(&view, snap, -5);
    is_int(view.selected, 0, "moving up from the top stays at the top");
    dash_move(&view, snap, 100);
    is_int(view.selected, snap->nservices - 1, "moving far down stops at the last service");
    struct canvas *cv = canvas_new(80, 8);
    dash_draw(cv, snap, &view, NOW);
    ok(view.top > 0 && view.selected < view.top + 4, "a short screen scrolls to the selection");
    canvas_free(cv);
    dash_view_free(&view);
}

static const char *row_name(const struct dash_view *v, size_t i)
{
    return i < v->nrows ? v->rows[i].name : "";
}

static long find_row(const struct dash_view *v, const char *name)
{
    for (size_t i = 0; i < v->nrows; i++) {
        if (strcmp(v->rows[i].name, name) == 0)
            return (long)i;
    }
    return -1;
}

static void test_sorting(const struct snapshot *snap)
{
    struct dash_view v = {.column = -1};
    bool ordered = true;

    dash_rows(&v, snap);
    for (size_t i = 1; i < v.nrows; i++)
        ordered &=
            snap->services[v.rows[i - 1].service].level >= snap->services[v.rows[i].service].level;
    ok(ordered && v.nrows == snap->nservices && strcmp(row_name(&v, 0), "Callr") == 0,
       "by default the worst service comes first (Callr, major)");
    v.sort = DASH_SORT_NAME;
    dash_rows(&v, snap);
    ordered = true;
    for (size_t i = 1; i < v.nrows; i++)
        ordered &= strcasecmp(row_name(&v, i - 1), row_name(&v, i)) <= 0;
    ok(ordered && strcmp(row_name(&v, 0), "A service with a very long name indeed") == 0,
       "sorted by name");
    v.sort = DASH_SORT_CONFIG;
    dash_rows(&v, snap);
    ordered = true;
    for (size_t i = 0; i < v.nrows; i++)
        ordered &= v.rows[i].service == i;
    ok(ordered, "as configured");
    v.sort = DASH_SORT_RECENT;
    dash_rows(&v, snap);
    ordered = true;
    for (size_t i = 1; i < v.nrows; i++)
        ordered &=
            snap->services[v.rows[i - 1].service].since >= snap->services[v.rows[i].service].since;
    ok(ordered, "by most recent change");

    /* the selection follows its service, not its row number */
    v.sort = DASH_SORT_SEVERITY;
    dash_rows(&v, snap);
    dash_move(&v, snap, (int)find_row(&v, "Linode") - (int)v.selected);
    v.sort = DASH_SORT_NAME;
    dash_rows(&v, snap);
    is_str(row_name(&v, v.selected), "Linode", "a new sort keeps Linode selected");
    dash_view_free(&v);
}

static void test_filters(const struct snapshot *snap)
{
    struct dash_view v = {.column = -1};
    size_t problems = 0;
    bool all_problems = true;

    snprintf(v.filter, sizeof v.filter, "LIN");
    dash_rows(&v, snap);
    ok(v.nrows == 1 && strcmp(row_name(&v, 0), "Linode") == 0,
       "/ filters by name, whatever the case");
    snprintf(v.filter, sizeof v.filter, "dropbox");
    dash_rows(&v, snap);
    ok(v.nrows == 1 && strcmp(row_name(&v, 0), "Dropbox") == 0, "or by id");
    v.filter[0] = '\0';
    v.problems_only = true;
    dash_rows(&v, snap);
    for (size_t i = 0; i < snap->nservices; i++)
        problems += snap->services[i].level >= LEVEL_UNKNOWN;
    for (size_t i = 0; i < v.nrows; i++)
        all_problems &= snap->services[v.rows[i].service].level >= LEVEL_UNKNOWN;
    ok(all_problems && v.nrows == problems && problems < snap->nservices,
       "problems only: %zu of %zu services", problems, snap->nservices);
    snprintf(v.filter, sizeof v.filter, "no such service");
    struct canvas *cv = canvas_new(80, 24);
    dash_draw(cv, snap, &v, NOW);
    struct buf out = {0};
    canvas_dump(cv, &out);
    ok(v.nrows == 0 && strstr(buf_str(&out), "nothing matches"), "an empty filter result says so");
    buf_free(&out);
    canvas_free(cv);
    dash_view_free(&v);
}

static void test_expand(const struct snapshot *snap)
{
    struct dash_view v = {.column = -1};
    long login;
    int logins = 0;
    bool possible;

    dash_rows(&v, snap);
    is_str(row_name(&v, v.selected), "Callr", "Callr selected");
    ok(dash_toggle_expand(&v, snap), "Enter expands Callr");
    for (size_t i = 0; i < v.nrows; i++)
        logins += strcmp(v.rows[i].name, "Login") == 0;
    login = find_row(&v, "Login");
    ok(logins == 1 && login > 0 && v.rows[login].kind == DASH_ROW_COMPONENT &&
           v.rows[login].service == v.rows[0].service,
       "Login under Europe and under North America is one row below Callr");
    const struct snap_service *callr = &snap->services[v.rows[0].service];
    enum level eu = dash_component_cell(callr, "Login", region_find("EU"), &possible);
    enum level na = dash_component_cell(callr, "Login", region_find("NA"), &possible);
    ok(eu == LEVEL_MAJOR && na == LEVEL_OK, "its cells: major in EU, ok in NA (got %s, %s)",
       level_name(eu), level_name(na));
    golden_view(snap, 80, 24, &v, "tests/golden/dash-80x24-expanded.txt", "the expanded row");
    golden_view(snap, 120, 40, &v, "tests/golden/dash-120x40-expanded.txt",
                "the expanded row at 120x40");
    dash_move(&v, snap, 2);
    ok(dash_toggle_expand(&v, snap) && v.nrows == snap->nservices &&
           strcmp(row_name(&v, v.selected), "Callr") == 0,
       "Enter on a child row folds the service and selects it");
    dash_view_free(&v);
}

static void test_cursor_and_click(const struct snapshot *snap)
{
    struct canvas *cv = canvas_new(120, 40);
    struct dash_view v = {.column = -1};

    dash_draw(cv, snap, &v, NOW);
    dash_move_column(&v, snap, -3);
    is_int(v.column, -1, "left of the first column is the whole service");
    dash_move_column(&v, snap, 100);
    is_int(v.column, (int)snap->ncolumns - 1, "right stops at the last column");
    ok(dash_click(&v, snap, v.cells_x + 3 * v.cell_pitch + 1, v.grid_y + 2) == DASH_HIT_ROW &&
           v.selected == 2 && v.column == 3,
       "a click selects the row and the cell under it");
    ok(dash_click(&v, snap, 2, v.grid_y) == DASH_HIT_ROW && v.selected == 0 && v.column == -1,
       "a click on a name selects the whole service");
    ok(dash_click(&v, snap, 5, v.detail_y + 1) == DASH_HIT_DETAIL && v.focus == DASH_FOCUS_DETAIL,
       "a click in the detail pane gives it the focus");
    ok(dash_click(&v, snap, 5, 0) == DASH_HIT_NONE, "a click on the title does nothing");
    v.focus = DASH_FOCUS_GRID;
    dash_move_column(&v, snap, 4);
    golden_view(snap, 80, 24, &v, "tests/golden/dash-80x24-cell.txt", "a selected cell at 80x24");
    golden_view(snap, 120, 40, &v, "tests/golden/dash-120x40-cell.txt",
                "a selected cell at 120x40");
    v.help = true;
    golden_view(snap, 80, 24, &v, "tests/golden/dash-80x24-help.txt", "the help screen at 80x24");
    golden_view(snap, 120, 40, &v, "tests/golden/dash-120x40-help.txt",
                "the help screen at 120x40");
    canvas_free(cv);
    dash_view_free(&v);
}

static void test_present(const struct snapshot *snap)
{
    struct dash_view v = {.column = -1, .present = true};
    struct canvas *cv = canvas_new(12, 3);
    struct buf out = {0};

    struct big_style st = {1, ROLE_TEXT, 0, false};
    big_text_draw(cv, 0, 0, 0, &st, "10");
    canvas_dump(cv, &out);
    is_str(buf_str(&out),
           "\xe2\x96\x84\xe2\x96\x88  \xe2\x96\x88\xe2\x96\x80\xe2\x96\x88\n"
           " \xe2\x96\x88  \xe2\x96\x88 \xe2\x96\x88\n"
           "\xe2\x96\x80\xe2\x96\x80\xe2\x96\x80 \xe2\x96\x80\xe2\x96\x80\xe2\x96\x80\n",
           "large digits: three rows of half blocks, four columns a digit");
    is_int(big_text_width("10", 1), 7, "two large characters take 7 columns");
    is_int(big_text_width("10", 2), 14, "twice as wide at scale 2");
    char fit[64];
    big_text_fit("USERS CANNOT LOG IN", 1, 50, fit, sizeof fit);
    is_str(fit, "USERS CANNOT", "large text is cut between words, never inside one");
    big_text_fit("UNBREAKABLEWORD", 1, 20, fit, sizeof fit);
    is_str(fit, "UNBRE", "a single long word is cut where it must be");
    canvas_resize(cv, 8, 5);
    st.scale = 2;
    big_text_draw(cv, 0, 0, 0, &st, "1");
    buf_reset(&out);
    canvas_dump(cv, &out);
    is_str(buf_str(&out),
           "  \xe2\x96\x88\xe2\x96\x88\n\xe2\x96\x88\xe2\x96\x88\xe2\x96\x88\xe2\x96\x88\n"
           "  \xe2\x96\x88\xe2\x96\x88\n  \xe2\x96\x88\xe2\x96\x88\n"
           "\xe2\x96\x88\xe2\x96\x88\xe2\x96\x88\xe2\x96\x88\xe2\x96\x88\xe2\x96\x88\n",
           "at scale 2 a pixel is a full block two columns wide, five rows high");
    buf_free(&out);
    canvas_free(cv);
    golden_view(snap, 100, 30, &v, "tests/golden/present-100x30.txt",
                "presentation mode at 100x30");
    golden_view(snap, 80, 24, &v, "tests/golden/present-80x24.txt", "presentation mode at 80x24");
    golden_view(snap, 132, 43, &v, "tests/golden/present-132x43.txt",
                "presentation mode at 132x43");
    golden_view(snap, 200, 60, &v, "tests/golden/present-200x60.txt",
                "presentation mode at 200x60");
    v.ascii = true;
    golden_view(snap, 100, 30, &v, "tests/golden/present-100x30-ascii.txt",
                "presentation mode in ASCII");
    v.ascii = false;
    snprintf(v.filter, sizeof v.filter, "dropbox");
    golden_view(snap, 100, 30, &v, "tests/golden/present-chosen.txt",
                "presentation mode shows the chosen services when a filter is set");
    dash_view_free(&v);
}

/* A day of history on every row: services alternate between calm and a
 * problem that started two hours ago; one has a gap (no data). */
static void add_history(struct snapshot *snap)
{
    snap->nhist = 288;
    snap->hist_bucket_s = 300;
    snap->hist_end = NOW - NOW % 300;
    for (size_t i = 0; i < snap->nservices; i++) {
        unsigned char *h = malloc(snap->nhist);
        for (size_t k = 0; k < snap->nhist; k++) {
            size_t ago = snap->nhist - 1 - k;
            h[k] = ago < 24 ? (unsigned char)snap->services[i].level : LEVEL_OK;
            if (i == 3 && ago >= 30 && ago < 36)
                h[k] = LEVEL_NONE;
        }
        snap->services[i].hist = h;
    }
}

static void test_history(struct snapshot *snap)
{
    char *text, *row;

    add_history(snap);
    golden(snap, 120, 40, 0, false, "tests/golden/dash-120x40-history.txt",
           "sparklines beside the grid at 120x40");
    golden(snap, 120, 40, 0, true, "tests/golden/dash-120x40-history-ascii.txt",
           "ASCII sparklines at 120x40");
    {
        struct dash_view v = {.column = -1, .graph = DASH_GRAPH_BRAILLE};
        golden_view(snap, 120, 40, &v, "tests/golden/dash-120x40-braille.txt",
                    "braille sparklines at 120x40, two buckets a column");
        struct canvas *cv = canvas_new(120, 40);
        struct buf out = {0};
        dash_draw(cv, snap, &v, NOW);
        canvas_dump(cv, &out);
        /* Callr: ok then major; the step from one to the other in one cell */
        ok(strstr(buf_str(&out), "\xe2\xa3\x80\xe2\xa3\xbf") &&
               strstr(buf_str(&out), "\xe2\xa3\x80\xe2\xa1\x80\xe2\xa3\x80"),
           "braille: ok is the bottom row of dots and major the full cell (Callr: \xe2\xa3\x80"
           "\xe2\xa3\xbf); half a cell of gap shows as half the dots (\xe2\xa1\x80)");
        buf_free(&out);
        v.graph = DASH_GRAPH_ASCII;
        dash_draw(cv, snap, &v, NOW);
        canvas_dump(cv, &out);
        ok(strstr(buf_str(&out), "______###") != NULL, "--graph ascii: the ASCII ramp");
        buf_free(&out);
        canvas_free(cv);
        dash_view_free(&v);
    }
    text = screen(snap, 80, 24, 0, false);
    ok(strstr(text, "LAST") == NULL, "at 80x24 the grid keeps the room: no sparklines");
    free(text);
    text = screen(snap, 120, 40, 0, false);
    row = strstr(text, "Callr");
    ok(row && strstr(row, "\xe2\x96\x88") && strstr(row, "\xe2\x96\x81"),
       "Callr's sparkline goes from ok to major");
    free(text);
    test_every_size(snap);
    test_tiny(snap);
    test_storage_first(snap);
}

int main(void)
{
    struct config cfg;
    struct model *m;
    struct snapshot *snap = build(&cfg, &m);

    test_goldens(snap);
    test_content(snap);
    test_every_size(snap);
    test_tiny(snap);
    test_storage_first(snap);
    test_selection(snap);
    test_sorting(snap);
    test_filters(snap);
    test_expand(snap);
    test_cursor_and_click(snap);
    test_present(snap);
    test_marks(snap);
    test_history(snap);
    snapshot_free(snap);
    model_free(m);
    config_free(&cfg);
    return tap_done();
}
