/* Command-line options (see cli.h). */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/cli.h"
#include "sitrep/config.h"
#include "sitrep/timefmt.h"

enum opt_id {
    OPT_CONFIG = 'c',
    OPT_HELP = 'h',
    OPT_VERSION = 'V',
    OPT_ONCE = 0x100,
    OPT_FORMAT,
    OPT_EXIT_STATUS,
    OPT_COLUMNS,
    OPT_NO_COLOR,
    OPT_ASCII,
    OPT_NO_MOUSE,
    OPT_NO_DB,
    OPT_NOW,
    OPT_DB,
    OPT_DEMO,
    OPT_REPLAY,
    OPT_RECORD,
    OPT_SPEED,
    OPT_AT,
    OPT_SINCE,
    OPT_SERVICE,
    OPT_ON_CHANGE,
    OPT_NO_BELL,
    OPT_NOTIFY,
    OPT_THEME,
    OPT_LIST_THEMES,
    OPT_COLOR,
    OPT_PRESENT,
    OPT_GRAPH,
    OPT_LISTEN,
    OPT_TOKEN_FILE,
    OPT_SHARD,
    OPT_REMOTE,
    OPT_CHECK_CONFIG,
    OPT_LIST_SERVICES,
    OPT_LATER, /* contract options that later versions bring */
};

struct opt_entry {
    const char *name;
    int id;
    int has_arg;
    const char *arg;  /* argument name for --help */
    const char *help; /* NULL: not listed */
};

static const struct opt_entry opt_table[] = {
    {"config", OPT_CONFIG, required_argument, "FILE",
     "config file (default: $XDG_CONFIG_HOME/sitrep/config, else the system's, else the bundled "
     "catalog; see sitrep(1))"},
    {"once", OPT_ONCE, no_argument, NULL, "poll every source once, print a snapshot, exit"},
    {"format", OPT_FORMAT, required_argument, "FMT",
     "snapshot format for --once: text, json, csv, markdown, nagios, html"},
    {"exit-status", OPT_EXIT_STATUS, no_argument, NULL,
     "with --once: exit 0 ok, 1 warning, 2 critical, 3 unknown (Nagios style)"},
    {"columns", OPT_COLUMNS, required_argument, "LIST",
     "grid columns, e.g. ALL,EU,FR,IT,JP (default from the config)"},
    {"no-color", OPT_NO_COLOR, no_argument, NULL, "no colours (also when NO_COLOR is set)"},
    {"ascii", OPT_ASCII, no_argument, NULL, "ASCII glyphs only"},
    {"theme", OPT_THEME, required_argument, "NAME|PATH",
     "colour theme: a name (see --list-themes) or a file (default: the config's theme)"},
    {"list-themes", OPT_LIST_THEMES, no_argument, NULL,
     "list the themes found (the user's first), where they are, and exit"},
    {"color", OPT_COLOR, required_argument, "WHEN",
     "colour depth: auto (from the terminal), truecolor, 256, 16 or never"},
    {"present", OPT_PRESENT, no_argument, NULL,
     "presentation mode for screen shares: only problems, big cells and digits"},
    {"graph", OPT_GRAPH, required_argument, "STYLE",
     "sparkline glyphs: braille, blocks, ascii (default blocks, ascii in non-UTF-8 locales)"},
    {"no-mouse", OPT_NO_MOUSE, no_argument, NULL,
     "do not capture the mouse (leave selection to the terminal)"},
    {"db", OPT_DB, required_argument, "FILE",
     "history database (default: $XDG_STATE_HOME/sitrep/history.db; none when replaying)"},
    {"no-db", OPT_NO_DB, no_argument, NULL, "keep history in memory only"},
    {"demo", OPT_DEMO, no_argument, NULL, "replay the bundled incident recording (no network)"},
    {"replay", OPT_REPLAY, required_argument, "DIR", "replay a recording instead of polling"},
    {"record", OPT_RECORD, required_argument, "DIR", "record every raw response into DIR"},
    {"speed", OPT_SPEED, required_argument, "X",
     "replay speed (default: the recording's own; 1 = real time)"},
    {"at", OPT_AT, required_argument, "OFFSET",
     "with --replay/--demo and --once: the state at OFFSET into it (45m, 1h30m)"},
    {"now", OPT_NOW, required_argument, "TIME",
     "with --once: compute ages as if it were TIME (ISO 8601), for reproducible output"},
    {"on-change", OPT_ON_CHANGE, required_argument, "CMD",
     "run CMD (with sh -c) at each change of level, the change in SITREP_* variables"},
    {"no-bell", OPT_NO_BELL, no_argument, NULL, "do not ring the bell at a change of level"},
    {"notify", OPT_NOTIFY, required_argument, "HOW",
     "desktop notification at a change: auto, osc9, osc777, off (default: the config's)"},
    {"listen", OPT_LISTEN, required_argument, "ADDR:PORT",
     "sitrep serve: where to listen (default 127.0.0.1:" SITREP_SERVE_PORT_TEXT ")"},
    {"token-file", OPT_TOKEN_FILE, required_argument, "FILE",
     "sitrep serve: a bearer token (a 0600 file) every request must carry; needed off loopback"},
    {"shard", OPT_SHARD, required_argument, "K/N",
     "sitrep serve: poll only shard K of N of the services (a stable hash of their ids)"},
    {"remote", OPT_REMOTE, required_argument, "URL[,URL]",
     "draw from sitrep serve (one or more, shards merged) instead of polling; --token-file for "
     "its token"},
    {"check-config", OPT_CHECK_CONFIG, no_argument, NULL,
     "check the config (and its theme and credentials files), say what is wrong with FILE:LINE, "
     "exit 0 when all is well, 2 otherwise"},
    {"list-services", OPT_LIST_SERVICES, no_argument, NULL,
     "list the catalogue's services (or --config's) with format, family and regions; a PATTERN "
     "after it keeps those whose id, name, family or format holds it"},
    {"help", OPT_HELP, no_argument, NULL, "show this help"},
    {"version", OPT_VERSION, no_argument, NULL, "show the version"},
};

#define NOPTS (sizeof opt_table / sizeof opt_table[0])

static void print_table(FILE *out, const struct opt_entry *t, size_t n);

bool graph_style_parse(const char *s, enum graph_style *out)
{
    static const char *const names[] = {
        [GRAPH_BRAILLE] = "braille", [GRAPH_BLOCKS] = "blocks", [GRAPH_ASCII] = "ascii"};

    for (int g = GRAPH_BRAILLE; g <= GRAPH_ASCII; g++) {
        if (strcmp(s, names[g]) == 0) {
            *out = (enum graph_style)g;
            return true;
        }
    }
    return false;
}

static int apply(struct cli *cli, int id, const char *arg, const char *name, char *err,
                 size_t errlen)
{
    switch (id) {
    case OPT_CONFIG: cli->config_path = arg; break;
    case OPT_ONCE: cli->once = true; break;
    case OPT_EXIT_STATUS: cli->exit_status = true; break;
    case OPT_COLUMNS: cli->columns = arg; break;
    case OPT_NO_COLOR: cli->no_color = true; break;
    case OPT_ASCII: cli->ascii = true; break;
    case OPT_THEME: cli->theme = arg; break;
    case OPT_LIST_THEMES: cli->list_themes = true; break;
    case OPT_COLOR:
        if (!color_mode_parse(arg, &cli->color)) {
            snprintf(err, errlen, "unknown --color '%s' (want auto, truecolor, 256, 16 or never)",
                     arg);
            return -1;
        }
        cli->color_given = true;
        break;
    case OPT_PRESENT: cli->present = true; break;
    case OPT_GRAPH:
        if (!graph_style_parse(arg, &cli->graph)) {
            snprintf(err, errlen, "unknown --graph '%s' (want braille, blocks or ascii)", arg);
            return -1;
        }
        break;
    case OPT_NO_MOUSE: cli->no_mouse = true; break;
    case OPT_LISTEN: cli->listen = arg; break;
    case OPT_TOKEN_FILE: cli->token_file = arg; break;
    case OPT_REMOTE: cli->remote = arg; break;
    case OPT_SHARD: {
        int k = 0, n = 0, used = 0;
        if (sscanf(arg, "%d/%d%n", &k, &n, &used) != 2 || arg[used] || n < 1 || n > 1024 || k < 1 ||
            k > n) {
            snprintf(err, errlen, "bad --shard '%s' (want K/N with 1 <= K <= N <= 1024)", arg);
            return -1;
        }
        cli->shard_k = k;
        cli->shard_n = n;
        break;
    }
    case OPT_NO_DB: cli->no_db = true; break;
    case OPT_DB: cli->db_path = arg; break;
    case OPT_DEMO: cli->demo = true; break;
    case OPT_REPLAY: cli->replay_dir = arg; break;
    case OPT_RECORD: cli->record_dir = arg; break;
    case OPT_SPEED: {
        char *end;
        double v = strtod(arg, &end);
        if (end == arg || *end || !(v > 0) || v > 100000) {
            snprintf(err, errlen, "bad speed '%s' (want a number above 0, at most 100000)", arg);
            return -1;
        }
        cli->speed = v;
        break;
    }
    case OPT_AT:
        if (!time_parse_duration(arg, &cli->at_s) || cli->at_s < 0) {
            snprintf(err, errlen, "bad offset '%s' for --at (want 45m, 1h30m, 90s)", arg);
            return -1;
        }
        cli->at_given = true;
        break;
    case OPT_HELP: cli->help = true; break;
    case OPT_VERSION: cli->version = true; break;
    case OPT_CHECK_CONFIG: cli->check_config = true; break;
    case OPT_LIST_SERVICES: cli->list_services = true; break;
    case OPT_ON_CHANGE: cli->on_change = arg; break;
    case OPT_NO_BELL: cli->no_bell = true; break;
    case OPT_NOTIFY:
        if (!notify_mode_parse(arg, &cli->notify)) {
            snprintf(err, errlen, "unknown --notify '%s' (want auto, osc9, osc777 or off)", arg);
            return -1;
        }
        cli->notify_given = true;
        break;
    case OPT_FORMAT:
        if (!export_format_parse(arg, &cli->format)) {
            snprintf(err, errlen,
                     "unknown format '%s' (want text, json, csv, markdown, nagios or html)", arg);
            return -1;
        }
        if (cli->format == EXPORT_SVG) {
            snprintf(err, errlen,
                     "svg charts are drawn from the history: sitrep export "
                     "--format svg --service ID");
            return -1;
        }
        cli->format_given = true;
        break;
    case OPT_NOW:
        if (!time_parse_iso8601(arg, &cli->now)) {
            snprintf(err, errlen, "bad time '%s' for --now (want ISO 8601)", arg);
            return -1;
        }
        break;
    default: snprintf(err, errlen, "--%s is not available in this version yet", name); return -1;
    }
    return 0;
}

static int check(const struct cli *cli, char *err, size_t errlen)
{
    if (!cli->once && cli->format_given) {
        snprintf(err, errlen, "--format only applies to --once");
        return -1;
    }
    if (!cli->once && cli->exit_status) {
        snprintf(err, errlen, "--exit-status only applies to --once");
        return -1;
    }
    if (!cli->once && cli->now) {
        snprintf(err, errlen, "--now only applies to --once");
        return -1;
    }
    bool replaying = cli->demo || cli->replay_dir;
    if (cli->demo && cli->replay_dir) {
        snprintf(err, errlen, "--demo and --replay do not go together (--demo is a replay)");
        return -1;
    }
    if (cli->record_dir && replaying) {
        snprintf(err, errlen, "--record records live polls; it does not go with --%s",
                 cli->demo ? "demo" : "replay");
        return -1;
    }
    if (cli->at_given && !(replaying && (cli->once || cli->serve))) {
        snprintf(err, errlen, "--at needs --once (or serve) and --replay or --demo");
        return -1;
    }
    if (!cli->serve && (cli->listen || cli->shard_n)) {
        snprintf(err, errlen, "--listen and --shard are options of sitrep serve");
        return -1;
    }
    if (!cli->serve && !cli->remote && cli->token_file) {
        snprintf(err, errlen, "--token-file goes with sitrep serve or --remote");
        return -1;
    }
    if (cli->remote &&
        (cli->serve || replaying || cli->record_dir || cli->db_path || cli->columns || cli->now)) {
        snprintf(err, errlen,
                 "--remote draws what sitrep serve polls: no serve, --demo, --replay, --record, "
                 "--db, --columns or --now with it");
        return -1;
    }
    if (cli->serve && cli->once) {
        snprintf(err, errlen, "sitrep serve runs until stopped: no --once");
        return -1;
    }
    if (cli->speed && !replaying) {
        snprintf(err, errlen, "--speed only applies to --replay and --demo");
        return -1;
    }
    if (cli->now && replaying) {
        snprintf(err, errlen, "--now does not apply to a replay (use --at)");
        return -1;
    }
    if (cli->once && cli->on_change) {
        snprintf(err, errlen, "--on-change applies to the live dashboard, not --once");
        return -1;
    }
    if (cli->no_color && cli->color_given && cli->color != COLOR_MODE_NEVER) {
        snprintf(err, errlen, "--no-color and --color=%s do not go together",
                 cli->color == COLOR_MODE_TRUECOLOR ? "truecolor"
                 : cli->color == COLOR_MODE_256     ? "256"
                 : cli->color == COLOR_MODE_16      ? "16"
                                                    : "auto");
        return -1;
    }
    if (cli->db_path && cli->no_db) {
        snprintf(err, errlen, "--db and --no-db do not go together");
        return -1;
    }
    if (cli->list_services && (cli->once || cli->serve || cli->remote || replaying ||
                               cli->record_dir || cli->check_config)) {
        snprintf(err, errlen,
                 "--list-services only lists the catalogue; it does not go with "
                 "--once, serve, --remote, --demo, --replay, --record or "
                 "--check-config");
        return -1;
    }
    if (cli->check_config && (cli->once || replaying || cli->record_dir)) {
        snprintf(err, errlen, "--check-config only checks; it does not go with --%s",
                 cli->once         ? "once"
                 : cli->record_dir ? "record"
                 : cli->demo       ? "demo"
                                   : "replay");
        return -1;
    }
    return 0;
}

int cli_parse(int argc, char **argv, struct cli *cli, char *err, size_t errlen)
{
    struct option longopts[NOPTS + 1];
    int ch, index;

    memset(cli, 0, sizeof *cli);
    cli->format = EXPORT_TEXT;
    if (argc > 1 && strcmp(argv[1], "serve") == 0) {
        cli->serve = true;
        argv[1] = argv[0]; /* the options after "serve" */
        argv++;
        argc--;
    }
    memset(longopts, 0, sizeof longopts);
    for (size_t i = 0; i < NOPTS; i++)
        longopts[i] =
            (struct option){opt_table[i].name, opt_table[i].has_arg, NULL, opt_table[i].id};
    optind = 1;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, ":c:hV", longopts, &index)) != -1) {
        const char *name = ch == OPT_LATER ? longopts[index].name : "";
        if (ch == '?') {
            snprintf(err, errlen, "unknown option '%s'", argv[optind - 1]);
            return -1;
        }
        if (ch == ':') {
            snprintf(err, errlen, "option '%s' needs an argument", argv[optind - 1]);
            return -1;
        }
        if (apply(cli, ch, optarg, name, err, errlen) != 0)
            return -1;
    }
    if (cli->list_services && optind < argc)
        cli->list_pattern = argv[optind++];
    if (optind < argc) {
        snprintf(err, errlen, "unexpected argument '%s'", argv[optind]);
        return -1;
    }
    if (check(cli, err, errlen) != 0)
        return -1;
    if (cli->no_color)
        cli->color = COLOR_MODE_NEVER;
    return 0;
}

/* The format table (provider.h), as a source's "format =" takes it. */
static void print_formats(FILE *out)
{
    fprintf(out, "\nFormats (format = NAME for a source in the config):\n");
    for (size_t i = 0; provider_table[i]; i++)
        fprintf(out, "  %-16s %s\n", provider_table[i]->name, provider_table[i]->description);
}

void cli_usage(FILE *out)
{
    fprintf(out, "Usage: sitrep [OPTION]...\n"
                 "A terminal outage dashboard: services by regions, official status and crowd "
                 "reports.\n\n");
    print_table(out, opt_table, NOPTS);
    fprintf(
        out,
        "\n  sitrep export [--since DUR|TIME] [--format csv|json|svg|html] [--service ID] [--db "
        "FILE]\n"
        "                           stored history out (see sitrep export --help)\n"
        "  sitrep serve [--listen ADDR:PORT] [--token-file FILE] [--shard K/N] [OPTION]...\n"
        "                           no terminal: /metrics for Prometheus, /api/v1/snapshot,\n"
        "                           /api/v1/events (SSE), /api/v1/history, /healthz\n"
        "  sitrep probe URL           a page not in the catalogue: finds its format at the\n"
        "                           known paths, prints its config section and region rules\n");
    print_formats(out);
    fprintf(out, "\nKeys: ? in the dashboard lists them all (j/k move, Enter expands, [ ] history, "
                 "q quits).\n"
                 "Exit status: 0 success, 1 runtime failure, 2 usage or config error.\n");
}

/* ---- sitrep export --------------------------------------------------- */

static const struct opt_entry export_table[] = {
    {"since", OPT_SINCE, required_argument, "DUR|TIME",
     "history from DUR ago (90m, 24h, 7d) or from a UTC time (2026-11-23T17:00Z) until now "
     "(default 24h)"},
    {"format", OPT_FORMAT, required_argument, "FMT",
     "csv (default), json, svg (a chart of one --service) or html (charts and statements)"},
    {"service", OPT_SERVICE, required_argument, "ID", "one service only (svg needs one)"},
    {"db", OPT_DB, required_argument, "FILE",
     "history database (default: $XDG_STATE_HOME/sitrep/history.db)"},
    {"help", OPT_HELP, no_argument, NULL, "show this help"},
};

#define NEXPORT (sizeof export_table / sizeof export_table[0])

static void print_table(FILE *out, const struct opt_entry *t, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char left[64];
        if (!t[i].help)
            continue;
        if (t[i].id < 0x100)
            snprintf(left, sizeof left, "-%c, --%s%s%s", t[i].id, t[i].name, t[i].arg ? " " : "",
                     t[i].arg ? t[i].arg : "");
        else
            snprintf(left, sizeof left, "    --%s%s%s", t[i].name, t[i].arg ? " " : "",
                     t[i].arg ? t[i].arg : "");
        fprintf(out, "  %-24s %s\n", left, t[i].help);
    }
}

void cli_export_usage(FILE *out)
{
    fprintf(out, "Usage: sitrep export [OPTION]...\n"
                 "Writes the stored history (levels per service and column in 5-minute or hourly\n"
                 "buckets, and the official statements) to standard output.\n\n");
    print_table(out, export_table, NEXPORT);
}

int cli_parse_export(int argc, char **argv, struct export_cli *ex, char *err, size_t errlen)
{
    struct option longopts[NEXPORT + 1];
    int ch, index;

    memset(ex, 0, sizeof *ex);
    ex->since_s = 86400;
    ex->format = EXPORT_CSV;
    memset(longopts, 0, sizeof longopts);
    for (size_t i = 0; i < NEXPORT; i++)
        longopts[i] = (struct option){export_table[i].name, export_table[i].has_arg, NULL,
                                      export_table[i].id};
    optind = 1;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, ":h", longopts, &index)) != -1) {
        switch (ch) {
        case OPT_SINCE:
            if (time_parse_iso8601(optarg, &ex->since_at))
                break;
            if (!time_parse_duration(optarg, &ex->since_s) || ex->since_s <= 0) {
                snprintf(err, errlen,
                         "bad --since '%s' (want a duration like 90m, 24h, 7d or a UTC time "
                         "like 2026-11-23T17:00:00Z)",
                         optarg);
                return -1;
            }
            break;
        case OPT_FORMAT:
            if (!export_format_parse(optarg, &ex->format) ||
                (ex->format != EXPORT_CSV && ex->format != EXPORT_JSON &&
                 ex->format != EXPORT_SVG && ex->format != EXPORT_HTML)) {
                snprintf(err, errlen, "unknown history format '%s' (want csv, json, svg or html)",
                         optarg);
                return -1;
            }
            break;
        case OPT_SERVICE: ex->service = optarg; break;
        case OPT_DB: ex->db_path = optarg; break;
        case OPT_HELP: ex->help = true; break;
        case ':':
            snprintf(err, errlen, "option '%s' needs an argument", argv[optind - 1]);
            return -1;
        default: snprintf(err, errlen, "unknown option '%s'", argv[optind - 1]); return -1;
        }
    }
    if (optind < argc) {
        snprintf(err, errlen, "unexpected argument '%s'", argv[optind]);
        return -1;
    }
    if (ex->format == EXPORT_SVG && !ex->service) {
        snprintf(err, errlen, "--format svg draws one service: add --service ID");
        return -1;
    }
    return 0;
}
