/* The terminal (see term.h). The only file that includes curses. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <curses.h>

#include "sitrep/term.h"
#include "sitrep/xalloc.h"

struct term {
    SCREEN *screen;
    int w, h;
    bool color;
    attr_t role_attr[ROLE_COUNT];
};

/* Emergency restore state. A fatal-signal handler cannot be given a context
 * pointer, so this one module keeps it in statics; it is written once at
 * open and only read by the handler. */
static struct termios saved_tios;
static bool saved_tios_valid;
static char restore_seq[128];
static size_t restore_len;
static struct term *open_term; /* for the atexit handler */

/* ---- colours --------------------------------------------------------- */

struct role_colors {
    short fg256, bg256; /* 256-colour palette; -1 = terminal default */
    short fg8, bg8;     /* 8-colour fallback */
    attr_t attr;        /* added in every mode */
    attr_t mono;        /* used instead of colour when there is none */
};

#define DFLT (-1)

static const struct role_colors role_colors[ROLE_COUNT] = {
    [ROLE_TEXT] = {DFLT, DFLT, DFLT, DFLT, 0, 0},
    [ROLE_TITLE] = {231, 24, COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE},
    [ROLE_HEADER] = {DFLT, DFLT, DFLT, DFLT, A_BOLD, A_BOLD},
    [ROLE_STATUS] = {16, 250, COLOR_BLACK, COLOR_WHITE, 0, A_REVERSE},
    [ROLE_DIM] = {245, DFLT, DFLT, DFLT, 0, A_DIM},
    [ROLE_STALE] = {245, DFLT, DFLT, DFLT, 0, A_DIM},
    [ROLE_ERROR] = {203, DFLT, COLOR_RED, DFLT, 0, A_BOLD},
    [ROLE_SELECTED] = {DFLT, DFLT, DFLT, DFLT, 0, 0},
    [ROLE_CELL_NONE] = {242, DFLT, DFLT, DFLT, 0, A_DIM},
    [ROLE_CELL_OK] = {16, 71, COLOR_BLACK, COLOR_GREEN, 0, 0},
    [ROLE_CELL_UNKNOWN] = {231, 240, COLOR_WHITE, COLOR_BLACK, 0, A_DIM},
    [ROLE_CELL_NOTICE] = {16, 80, COLOR_BLACK, COLOR_CYAN, 0, 0},
    [ROLE_CELL_MAINTENANCE] = {231, 68, COLOR_WHITE, COLOR_BLUE, 0, A_BOLD},
    [ROLE_CELL_DEGRADED] = {16, 220, COLOR_BLACK, COLOR_YELLOW, 0, A_BOLD},
    [ROLE_CELL_PARTIAL] = {16, 208, COLOR_BLACK, COLOR_MAGENTA, A_BOLD, A_REVERSE},
    [ROLE_CELL_MAJOR] = {231, 160, COLOR_WHITE, COLOR_RED, A_BOLD, A_REVERSE | A_BOLD},
    [ROLE_MARK_NONE] = {242, DFLT, DFLT, DFLT, 0, A_DIM},
    [ROLE_MARK_OK] = {71, DFLT, COLOR_GREEN, DFLT, 0, 0},
    [ROLE_MARK_UNKNOWN] = {245, DFLT, DFLT, DFLT, 0, A_DIM},
    [ROLE_MARK_NOTICE] = {80, DFLT, COLOR_CYAN, DFLT, 0, 0},
    [ROLE_MARK_MAINTENANCE] = {68, DFLT, COLOR_BLUE, DFLT, 0, 0},
    [ROLE_MARK_DEGRADED] = {220, DFLT, COLOR_YELLOW, DFLT, 0, A_BOLD},
    [ROLE_MARK_PARTIAL] = {208, DFLT, COLOR_MAGENTA, DFLT, A_BOLD, A_BOLD},
    [ROLE_MARK_MAJOR] = {196, DFLT, COLOR_RED, DFLT, A_BOLD, A_BOLD},
};

static void setup_colors(struct term *t, bool no_color)
{
    bool rich;

    t->color = !no_color && has_colors() && start_color() == OK;
    if (t->color)
        use_default_colors();
    rich = t->color && COLORS >= 256 && COLOR_PAIRS > ROLE_COUNT;
    for (int r = 0; r < ROLE_COUNT; r++) {
        const struct role_colors *rc = &role_colors[r];
        if (!t->color) {
            t->role_attr[r] = rc->mono;
            continue;
        }
        short fg = rich ? rc->fg256 : rc->fg8, bg = rich ? rc->bg256 : rc->bg8;
        init_pair((short)(r + 1), fg, bg);
        t->role_attr[r] = COLOR_PAIR(r + 1) | rc->attr;
    }
}

/* ---- open / close ---------------------------------------------------- */

static void remember_restore_sequence(void)
{
    static const char *const caps[] = {"sgr0", "cnorm", "rmcup"};

    restore_len = 0;
    for (size_t i = 0; i < sizeof caps / sizeof caps[0]; i++) {
        const char *s = tigetstr(caps[i]);
        size_t n;
        if (!s || s == (char *)-1)
            continue;
        n = strlen(s);
        if (restore_len + n < sizeof restore_seq) {
            memcpy(restore_seq + restore_len, s, n);
            restore_len += n;
        }
    }
}

static void restore_at_exit(void)
{
    term_close(open_term);
}

static bool usable_terminal(char *why, size_t whylen)
{
    const char *term = getenv("TERM");

    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        snprintf(why, whylen, "not a terminal");
        return false;
    }
    if (!term || !*term) {
        snprintf(why, whylen, "TERM is not set");
        return false;
    }
    if (strcmp(term, "dumb") == 0) {
        snprintf(why, whylen, "TERM=dumb cannot address the cursor");
        return false;
    }
    return true;
}

struct term *term_open(const struct term_opts *opts, char *why, size_t whylen)
{
    static bool atexit_done;
    struct term *t;
    SCREEN *scr;

    if (!usable_terminal(why, whylen))
        return NULL;
    saved_tios_valid = tcgetattr(STDIN_FILENO, &saved_tios) == 0;
    scr = newterm(NULL, stdout, stdin);
    if (!scr) {
        snprintf(why, whylen, "no terminal description for TERM=%s", getenv("TERM"));
        return NULL;
    }
    if (!tigetstr("cup") || tigetstr("cup") == (char *)-1) {
        endwin();
        delscreen(scr);
        snprintf(why, whylen, "TERM=%s cannot address the cursor", getenv("TERM"));
        return NULL;
    }
    t = xcalloc(1, sizeof *t);
    t->screen = scr;
    cbreak();
    noecho();
    nonl();
    intrflush(stdscr, FALSE);
    keypad(stdscr, TRUE);
    nodelay(stdscr, TRUE);
    curs_set(0);
    set_escdelay(25);
    setup_colors(t, opts && opts->no_color);
    remember_restore_sequence();
    getmaxyx(stdscr, t->h, t->w);
    open_term = t;
    if (!atexit_done) {
        atexit(restore_at_exit);
        atexit_done = true;
    }
    return t;
}

void term_close(struct term *t)
{
    if (!t)
        return;
    endwin();
    delscreen(t->screen);
    if (open_term == t)
        open_term = NULL;
    free(t);
}

void term_emergency_restore(void)
{
    ssize_t ignored;

    if (restore_len)
        ignored = write(STDOUT_FILENO, restore_seq, restore_len);
    (void)ignored;
    if (saved_tios_valid)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_tios);
}

/* ---- size, drawing, keys --------------------------------------------- */

void term_size(const struct term *t, int *w, int *h)
{
    *w = t->w;
    *h = t->h;
}

void term_update_size(struct term *t)
{
    struct winsize ws;

    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 && ws.ws_row > 0)
        resizeterm(ws.ws_row, ws.ws_col);
    getmaxyx(stdscr, t->h, t->w);
}

static attr_t cell_attr(const struct term *t, const struct canvas_cell *c)
{
    attr_t a = t->role_attr[c->role < ROLE_COUNT ? c->role : ROLE_TEXT];

    if (c->attr & ATTR_BOLD)
        a |= A_BOLD;
    if (c->attr & ATTR_REVERSE)
        a |= A_REVERSE;
    if (c->attr & ATTR_DIM)
        a |= A_DIM;
    if (c->attr & ATTR_UNDERLINE)
        a |= A_UNDERLINE;
    return a;
}

void term_draw(struct term *t, const struct canvas *cv)
{
    erase();
    for (int y = 0; y < cv->h && y < t->h; y++) {
        for (int x = 0; x < cv->w && x < t->w; x++) {
            const struct canvas_cell *c = canvas_at(cv, x, y);
            if (c->width == 0)
                continue;
            attrset(cell_attr(t, c));
            mvaddstr(y, x, c->text);
        }
    }
    attrset(A_NORMAL);
    wnoutrefresh(stdscr);
    doupdate();
}

static const struct {
    int curses;
    int key;
} key_map[] = {
    {KEY_UP, TKEY_UP},       {KEY_DOWN, TKEY_DOWN},  {KEY_LEFT, TKEY_LEFT},
    {KEY_RIGHT, TKEY_RIGHT}, {KEY_PPAGE, TKEY_PGUP}, {KEY_NPAGE, TKEY_PGDN},
    {KEY_HOME, TKEY_HOME},   {KEY_END, TKEY_END},    {KEY_ENTER, TKEY_ENTER},
    {'\r', TKEY_ENTER},      {'\n', TKEY_ENTER},     {KEY_RESIZE, TKEY_RESIZE},
};

int term_read_key(struct term *t)
{
    int ch = getch();

    if (ch == ERR)
        return TKEY_NONE;
    if (ch == KEY_RESIZE) /* curses already resized; just learn the size */
        getmaxyx(stdscr, t->h, t->w);
    for (size_t i = 0; i < sizeof key_map / sizeof key_map[0]; i++) {
        if (key_map[i].curses == ch)
            return key_map[i].key;
    }
    if (ch >= KEY_MIN)
        return TKEY_OTHER;
    return ch;
}

void term_bell(struct term *t)
{
    (void)t;
    beep();
}
