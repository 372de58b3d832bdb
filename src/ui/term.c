/* The terminal (see term.h). The only file that includes curses. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <curses.h>

#include "sitrep/buf.h"
#include "sitrep/sanitize.h"
#include "sitrep/term.h"
#include "sitrep/xalloc.h"

struct term {
    SCREEN *screen;
    int w, h;
    enum color_depth depth;
    bool direct;     /* a direct-colour terminfo: colour numbers are RGB */
    bool default_ok; /* use_default_colors() worked: -1 is the terminal's own */
    char color_note[200];
    int pairs[ROLE_COUNT][2]; /* fg, bg of the colour pairs 1..npairs */
    int npairs;
    bool mouse;  /* mouse reporting is on */
    int sgr_key; /* our keycode for "\033[<" when we decode SGR reports; 0: curses does */
    bool sync;   /* frames go between SYNC_BEGIN and SYNC_END */
    bool have_event;
    struct term_mouse_event event; /* the last one */
    /* The canvas last drawn, as a size and a 64-bit hash of its cells (a
     * copy would cost as much memory as the canvas; a collision costs one
     * skipped frame, redrawn at the next change). */
    bool shown;
    uint64_t shown_hash;
    int shown_w, shown_h;
    attr_t role_attr[ROLE_COUNT];
};

#define SYNC_BEGIN "\033[?2026h"
#define SYNC_END   "\033[?2026l"
/* Any-event, button-event and normal tracking off, then SGR encoding off. */
#define MOUSE_OFF "\033[?1003l\033[?1002l\033[?1000l\033[?1006l"

/* Emergency restore state. A fatal-signal handler cannot be given a context
 * pointer, so this one module keeps it in statics; it is written once at
 * open and only read by the handler. */
static struct termios saved_tios;
static bool saved_tios_valid;
static char restore_seq[128];
static size_t restore_len;
static struct term *open_term; /* for the atexit handler */

/* ---- colours --------------------------------------------------------- */

/* ncurses from 6.1 takes colour numbers above 32767 (init_extended_pair);
 * a direct-colour terminfo (xterm-direct) then reads them as 0xRRGGBB. */
#ifdef NCURSES_EXT_COLORS
#define HAVE_DIRECT_COLOR 1
#else
#define HAVE_DIRECT_COLOR 0
#endif
#define DIRECT_COLORS 0x1000000

/* A resolved colour (theme.h) as a curses colour number. */
static int curses_color(const struct term *t, int32_t c, bool fg)
{
    if (c < 0) /* without use_default_colors, -1 is not a colour */
        return t->default_ok ? -1 : fg ? COLOR_WHITE : COLOR_BLACK;
    if (t->direct) {
        /* xterm-direct keeps 0..7 for the ANSI colours and reads every
         * number above as RGB: the palette's 8..255 go as their RGB
         * values, and an RGB below 8 (near black) must not pass for one. */
        int32_t rgb = c & THEME_RGB_FLAG ? c & 0xffffff : c >= 8 ? (int32_t)theme_index_rgb(c) : c;
        return (c & THEME_RGB_FLAG || c >= 8) && rgb < 8 ? 8 : rgb;
    }
    return c;
}

static attr_t curses_attrs(unsigned a)
{
    return (a & ATTR_BOLD ? A_BOLD : 0) | (a & ATTR_REVERSE ? A_REVERSE : 0) |
           (a & ATTR_DIM ? A_DIM : 0) | (a & ATTR_UNDERLINE ? A_UNDERLINE : 0);
}

/* The pair for fg on bg: roles with the same colours share one. 0 when
 * curses has no pair left. */
static int color_pair(struct term *t, int fg, int bg)
{
    int ok;

    for (int i = 0; i < t->npairs; i++) {
        if (t->pairs[i][0] == fg && t->pairs[i][1] == bg)
            return i + 1;
    }
    if (t->npairs >= ROLE_COUNT || t->npairs + 1 >= COLOR_PAIRS || t->npairs + 1 > 255)
        return 0;
#if HAVE_DIRECT_COLOR
    ok = init_extended_pair(t->npairs + 1, fg, bg);
#else
    ok = init_pair((short)(t->npairs + 1), (short)fg, (short)bg);
#endif
    if (ok != OK)
        return 0;
    t->pairs[t->npairs][0] = fg;
    t->pairs[t->npairs][1] = bg;
    return ++t->npairs;
}

/* Each role's curses attributes and colour pair for th at t's depth. */
static void apply_roles(struct term *t, const struct theme *th)
{
    for (int r = 0; r < ROLE_COUNT; r++) {
        struct theme_resolved rs;
        int pair;
        theme_resolve(th, t->depth, (enum style_role)r, 0, &rs);
        t->role_attr[r] = curses_attrs(rs.attrs);
        if (t->depth == DEPTH_NONE || (rs.fg < 0 && rs.bg < 0 && t->default_ok))
            continue;
        pair = color_pair(t, curses_color(t, rs.fg, true), curses_color(t, rs.bg, false));
        if (pair) {
            t->role_attr[r] |= COLOR_PAIR(pair);
        } else { /* out of pairs: this role goes without colour */
            theme_resolve(th, DEPTH_NONE, (enum style_role)r, 0, &rs);
            t->role_attr[r] = curses_attrs(rs.attrs);
        }
    }
}

/* The depth is decided here, once: the option, NO_COLOR and COLORTERM
 * against what the terminal description offers (theme_pick_depth). */
static void setup_colors(struct term *t, const struct term_opts *opts)
{
    const struct theme *th = opts && opts->theme ? opts->theme : theme_builtin();
    int colors = tigetnum("colors");

    t->direct = HAVE_DIRECT_COLOR && colors >= DIRECT_COLORS;
    t->depth = theme_pick_depth(opts ? opts->color : COLOR_MODE_AUTO, getenv("NO_COLOR"),
                                getenv("COLORTERM"), colors, t->direct, t->color_note,
                                sizeof t->color_note);
    if (t->depth != DEPTH_NONE && (!has_colors() || start_color() != OK))
        t->depth = DEPTH_NONE;
    if (t->depth != DEPTH_NONE)
        t->default_ok = use_default_colors() == OK;
    apply_roles(t, th);
}

enum color_depth term_color_depth(const struct term *t)
{
    return t->depth;
}

const char *term_color_note(const struct term *t)
{
    return t->color_note;
}

/* ---- terminal modes ------------------------------------------------- */

static bool valid_cap(const char *s)
{
    return s && s != (char *)-1;
}

/* Curses writes its own output with write(2) when it flushes, and putp()
 * goes through stdio: writing directly keeps the order. */
static void write_all(int fd, const char *s, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, s, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return;
        s += w;
        n -= (size_t)w;
    }
}

/* Ctrl+O, Ctrl+R and Ctrl+V are keys, not line-discipline editing (BSDs act
 * on some of them even without ICANON). ISIG stays: Ctrl+C is SIGINT. */
static void pass_control_keys(void)
{
    struct termios tio;

    if (tcgetattr(STDIN_FILENO, &tio) != 0)
        return;
    tio.c_lflag &= ~(tcflag_t)IEXTEN;
    if (tcsetattr(STDIN_FILENO, TCSANOW, &tio) == 0)
        def_prog_mode(); /* so curses restores this mode, not its own */
}

/* ---- mouse ----------------------------------------------------------- */

/* A keycode no key uses, for define_key(). */
static int unused_keycode(void)
{
    for (int code = KEY_MAX + 256; code < KEY_MAX + 1024; code++) {
        char *bound = keybound(code, 0);
        if (!bound)
            return code;
        free(bound);
    }
    return 0;
}

static void setup_mouse(struct term *t)
{
    const char *xm = tigetstr("XM");

    if (!mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL))
        return; /* the terminal description knows no mouse */
    mouseinterval(0);
    t->mouse = true;
    if (valid_cap(xm) && strstr(xm, "1006"))
        return; /* curses asks for SGR 1006 reports and decodes them */
    /* Curses asks for X10 reports (kmous=\E[M, as screen and tmux entries
     * have), whose coordinates stop at 223. Ask for SGR 1006 as well and
     * decode those here; a terminal without 1006 keeps sending X10 reports,
     * which curses decodes. */
    t->sgr_key = unused_keycode();
    if (!t->sgr_key || define_key("\033[<", t->sgr_key) != OK) {
        t->sgr_key = 0;
        return;
    }
    write_all(fileno(stdout), "\033[?1006h", strlen("\033[?1006h"));
}

/* Records a press of xterm button code b at cell (x, y), 0-based. Releases,
 * drags and other buttons are of no use. */
static int mouse_event(struct term *t, int b, int x, int y, bool press)
{
    enum term_mouse_kind kind;

    if (!press || (b & 32) || x < 0 || y < 0)
        return TKEY_OTHER;
    switch (b & ~(4 | 8 | 16)) { /* without Shift, Meta, Ctrl */
    case 0: kind = TERM_MOUSE_CLICK; break;
    case 64: kind = TERM_MOUSE_WHEEL_UP; break;
    case 65: kind = TERM_MOUSE_WHEEL_DOWN; break;
    default: return TKEY_OTHER;
    }
    t->event = (struct term_mouse_event){.x = x, .y = y, .kind = kind};
    t->have_event = true;
    return TKEY_MOUSE;
}

static int read_curses_mouse(struct term *t)
{
    MEVENT me;

    if (getmouse(&me) != OK || (me.bstate & REPORT_MOUSE_POSITION))
        return TKEY_OTHER; /* a drag */
    if (me.bstate & BUTTON4_PRESSED)
        return mouse_event(t, 64, me.x, me.y, true);
    if (me.bstate & BUTTON5_PRESSED)
        return mouse_event(t, 65, me.x, me.y, true);
    if (me.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED))
        return mouse_event(t, 0, me.x, me.y, true);
    return TKEY_OTHER;
}

/* The rest of an SGR report after "\033[<": "B;X;Y" and M (press) or m
 * (release), X and Y 1-based. It arrives in the same write, so a short wait
 * is only for a split packet. */
static int read_sgr_mouse(struct term *t)
{
    int v[3] = {0, 0, 0}, n = 0, digits = 0, ch = ERR;

    wtimeout(stdscr, 50);
    for (int i = 0; i < 24; i++) {
        ch = getch();
        if (ch >= '0' && ch <= '9') {
            if (v[n] < 100000)
                v[n] = v[n] * 10 + (ch - '0');
            digits++;
        } else if (ch == ';' && n < 2 && digits) {
            n++;
            digits = 0;
        } else {
            break;
        }
    }
    nodelay(stdscr, TRUE);
    if (n != 2 || !digits || (ch != 'M' && ch != 'm'))
        return TKEY_OTHER;
    return mouse_event(t, v[0], v[1] - 1, v[2] - 1, ch == 'M');
}

bool term_mouse(const struct term *t, struct term_mouse_event *ev)
{
    if (!t->have_event)
        return false;
    *ev = t->event;
    return true;
}

/* ---- synchronized output (DEC private mode 2026) --------------------- */

/* tmux has it from 3.4 on; TERM_PROGRAM_VERSION is "3.4", "3.3a",
 * "next-3.5". */
static bool tmux_has_sync(const char *version)
{
    int major = 0, minor = 0;

    while (version && *version && (*version < '0' || *version > '9'))
        version++;
    if (!version || sscanf(version, "%d.%d", &major, &minor) < 1)
        return false;
    return major > 3 || (major == 3 && minor >= 4);
}

static bool want_sync(void)
{
    /* Terminals that have it without saying so in terminfo. TERM survives
     * ssh; TERM_PROGRAM usually does not. */
    static const char *const term_prefixes[] = {
        "xterm-kitty", "foot", "wezterm", "contour", "alacritty", "xterm-ghostty", "tmux",
    };
    static const char *const programs[] = {"iTerm.app", "WezTerm", "contour", "ghostty"};
    const char *env = getenv("SITREP_SYNC"), *term = getenv("TERM");
    const char *program = getenv("TERM_PROGRAM");

    if (env && *env)
        return strcmp(env, "0") != 0;
    if (program && strcmp(program, "tmux") == 0) /* the pane, whatever is outside */
        return tmux_has_sync(getenv("TERM_PROGRAM_VERSION"));
    if (valid_cap(tigetstr("Sync")))
        return true;
    for (size_t i = 0; term && i < sizeof term_prefixes / sizeof term_prefixes[0]; i++) {
        if (strncmp(term, term_prefixes[i], strlen(term_prefixes[i])) == 0)
            return true;
    }
    for (size_t i = 0; program && i < sizeof programs / sizeof programs[0]; i++) {
        if (strcmp(program, programs[i]) == 0)
            return true;
    }
    return false;
}

/* ---- open / close ---------------------------------------------------- */

static void append_restore(const char *s)
{
    size_t n = strlen(s);

    if (restore_len + n < sizeof restore_seq) {
        memcpy(restore_seq + restore_len, s, n);
        restore_len += n;
    }
}

static void remember_restore_sequence(const struct term *t)
{
    static const char *const caps[] = {"sgr0", "cnorm", "rmcup"};

    restore_len = 0;
    if (t->sync) /* a frame cut short must not leave the screen frozen */
        append_restore(SYNC_END);
    for (size_t i = 0; i < sizeof caps / sizeof caps[0]; i++) {
        const char *s = tigetstr(caps[i]);
        if (valid_cap(s))
            append_restore(s);
    }
    if (t->mouse)
        append_restore(MOUSE_OFF);
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
    /* On the Linux console (TERM=linux) curses would drive the mouse
     * through GPM, whose library leaks at every open (LeakSanitizer sees
     * it) and which only a real console has. Unless the user asks for it
     * by name (NCURSES_GPM_TERMS=linux), no GPM: the keys do everything. */
    setenv("NCURSES_GPM_TERMS", "", 0);
    use_extended_names(TRUE); /* for XM and Sync */
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
    pass_control_keys();
    noecho();
    nonl();
    intrflush(stdscr, FALSE);
    keypad(stdscr, TRUE);
    nodelay(stdscr, TRUE);
    /* curses stops a screen update half way when a key is waiting, and
     * finishes it at the next refresh; term_draw() skips frames equal to
     * the last, so that next refresh may never come. Every frame whole. */
    typeahead(-1);
    curs_set(0);
    set_escdelay(25);
    setup_colors(t, opts);
    if (opts && opts->mouse)
        setup_mouse(t);
    t->sync = want_sync();
    remember_restore_sequence(t);
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
    if (t->mouse)
        mousemask(0, NULL);
    endwin();
    if (t->mouse) /* curses turned off only what it turned on */
        write_all(fileno(stdout), MOUSE_OFF, strlen(MOUSE_OFF));
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

/* After a resize the screen must be drawn again even if the canvas is the
 * same. */
static void forget_shown(struct term *t)
{
    t->shown = false;
}

/* FNV-1a over the cells. */
static uint64_t canvas_hash(const struct canvas *cv)
{
    const unsigned char *p = (const unsigned char *)cv->cells;
    size_t n = (size_t)cv->w * (size_t)cv->h * sizeof *cv->cells;
    uint64_t h = 14695981039346656037ULL;

    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 1099511628211ULL;
    return h;
}

static bool same_as_shown(const struct term *t, const struct canvas *cv)
{
    return t->shown && t->shown_w == cv->w && t->shown_h == cv->h &&
           t->shown_hash == canvas_hash(cv);
}

static void remember_shown(struct term *t, const struct canvas *cv)
{
    t->shown = true;
    t->shown_hash = canvas_hash(cv);
    t->shown_w = cv->w;
    t->shown_h = cv->h;
}

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
    forget_shown(t);
}

static attr_t cell_attr(const struct term *t, const struct canvas_cell *c)
{
    return t->role_attr[c->role < ROLE_COUNT ? c->role : ROLE_TEXT] | curses_attrs(c->attr);
}

void term_set_theme(struct term *t, const struct theme *th)
{
    apply_roles(t, th ? th : theme_builtin()); /* the depth stays as decided at start */
    forget_shown(t);                           /* the next frame is drawn whole */
}

/* Curses never draws the bottom-right cell of a one-column screen: on a
 * terminal that wraps there it would need a column to its left to insert
 * from. A 1x1 terminal would stay blank. Where writing that cell cannot
 * scroll (the terminal does not wrap, or waits before wrapping: xenl) it
 * is written here, after curses, without attributes. */
static void draw_corner(const struct term *t, const struct canvas *cv)
{
    const struct canvas_cell *c;
    const char *cup = tigetstr("cup");
    char *go;

    if (t->w != 1 || cv->w < 1 || cv->h < t->h || t->h < 1 || !valid_cap(cup))
        return;
    if (tigetflag("am") > 0 && tigetflag("xenl") <= 0)
        return;
    c = canvas_at(cv, 0, t->h - 1);
    if (c->width != 1 || !c->text[0])
        return;
    go = tparm(cup, t->h - 1, 0);
    if (!go)
        return;
    write_all(fileno(stdout), go, strlen(go));
    write_all(fileno(stdout), c->text, strlen(c->text));
}

void term_draw(struct term *t, const struct canvas *cv)
{
    if (same_as_shown(t, cv))
        return; /* nor an empty synchronized update every tick */
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
    if (t->sync) /* doupdate() flushes all curses has, so this frames it */
        write_all(fileno(stdout), SYNC_BEGIN, strlen(SYNC_BEGIN));
    doupdate();
    draw_corner(t, cv);
    if (t->sync)
        write_all(fileno(stdout), SYNC_END, strlen(SYNC_END));
    remember_shown(t, cv);
}

static const struct {
    int curses;
    int key;
} key_map[] = {
    {KEY_UP, TKEY_UP},       {KEY_DOWN, TKEY_DOWN},  {KEY_LEFT, TKEY_LEFT},
    {KEY_RIGHT, TKEY_RIGHT}, {KEY_PPAGE, TKEY_PGUP}, {KEY_NPAGE, TKEY_PGDN},
    {KEY_HOME, TKEY_HOME},   {KEY_END, TKEY_END},    {KEY_ENTER, TKEY_ENTER},
    {'\r', TKEY_ENTER},      {'\n', TKEY_ENTER},     {KEY_RESIZE, TKEY_RESIZE},
    {KEY_BTAB, TKEY_BTAB},   {KEY_DC, TKEY_DELETE},  {KEY_BACKSPACE, TKEY_BACKSPACE},
    {127, TKEY_BACKSPACE},   {8, TKEY_BACKSPACE},
};

int term_read_key(struct term *t)
{
    int ch = getch();

    if (ch == ERR)
        return TKEY_NONE;
    if (ch == KEY_RESIZE) { /* curses already resized; just learn the size */
        getmaxyx(stdscr, t->h, t->w);
        forget_shown(t);
    }
    if (ch == KEY_MOUSE)
        return t->mouse ? read_curses_mouse(t) : TKEY_OTHER;
    if (t->sgr_key && ch == t->sgr_key)
        return read_sgr_mouse(t);
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

/* ---- desktop notifications ------------------------------------------- */

/* Sanitized text for inside an OSC string: ';' separates OSC 777's fields
 * and some terminals split OSC 9 on it too. The caller frees. */
static char *osc_text(const char *text, int cols)
{
    char *clean = sanitize_str(text, cols, SAN_ELLIPSIS);

    for (char *p = clean; *p; p++) {
        if (*p == ';')
            *p = ',';
    }
    return clean;
}

char *term_notify_sequence(const char *title, const char *body, int kind, bool tmux)
{
    char *t = osc_text(title, TERM_NOTIFY_TITLE_COLS), *b = osc_text(body, TERM_NOTIFY_BODY_COLS);
    struct buf osc = {0}, out = {0};

    if (kind == TERM_NOTIFY_OSC9) {
        /* A leading digit could make ConEmu read a command of its own. */
        buf_printf(&osc, "\033]9;%s%s%s%s", !*t || (*t >= '0' && *t <= '9') ? "sitrep: " : "", t,
                   *t ? ": " : "", b);
    } else if (kind == TERM_NOTIFY_OSC777) {
        buf_printf(&osc, "\033]777;notify;%s;%s", t, b);
    }
    free(t);
    free(b);
    if (!osc.len)
        return NULL;
    buf_puts(&osc, "\033\\"); /* ST, the standard end; BEL is xterm's extension */
    if (!tmux)
        return buf_detach(&osc);
    buf_puts(&out, "\033Ptmux;");
    for (size_t i = 0; i < osc.len; i++) {
        if (osc.data[i] == '\033')
            buf_putc(&out, '\033');
        buf_putc(&out, osc.data[i]);
    }
    buf_puts(&out, "\033\\");
    buf_free(&osc);
    return buf_detach(&out);
}

void term_notify(struct term *t, const char *title, const char *body, int kind)
{
    const char *tmux = getenv("TMUX");
    char *seq = term_notify_sequence(title, body, kind, tmux && *tmux);

    (void)t; /* curses flushed its frame; these bytes go after it */
    if (seq)
        write_all(fileno(stdout), seq, strlen(seq));
    free(seq);
}

const char *term_library_version(void)
{
    return curses_version();
}
