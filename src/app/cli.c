/* Command-line options (see cli.h). */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "sitrep/cli.h"
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
    OPT_NO_DB,
    OPT_NOW,
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
     "config file (default: $XDG_CONFIG_HOME/sitrep/config, else the bundled catalog)"},
    {"once", OPT_ONCE, no_argument, NULL, "poll every source once, print a snapshot, exit"},
    {"format", OPT_FORMAT, required_argument, "FMT", "snapshot format for --once: text, json"},
    {"exit-status", OPT_EXIT_STATUS, no_argument, NULL,
     "with --once: exit 0 ok, 1 warning, 2 critical, 3 unknown (Nagios style)"},
    {"columns", OPT_COLUMNS, required_argument, "LIST",
     "grid columns, e.g. ALL,EU,FR,IT,JP (default from the config)"},
    {"no-color", OPT_NO_COLOR, no_argument, NULL, "no colours (also when NO_COLOR is set)"},
    {"ascii", OPT_ASCII, no_argument, NULL, "ASCII glyphs only"},
    {"no-db", OPT_NO_DB, no_argument, NULL, "keep history in memory only"},
    {"now", OPT_NOW, required_argument, "TIME",
     "with --once: compute ages as if it were TIME (ISO 8601), for reproducible output"},
    {"help", OPT_HELP, no_argument, NULL, "show this help"},
    {"version", OPT_VERSION, no_argument, NULL, "show the version"},
    {"demo", OPT_LATER, no_argument, NULL, NULL},
    {"replay", OPT_LATER, required_argument, NULL, NULL},
    {"record", OPT_LATER, required_argument, NULL, NULL},
    {"speed", OPT_LATER, required_argument, NULL, NULL},
    {"at", OPT_LATER, required_argument, NULL, NULL},
    {"db", OPT_LATER, required_argument, NULL, NULL},
    {"theme", OPT_LATER, required_argument, NULL, NULL},
    {"list-themes", OPT_LATER, no_argument, NULL, NULL},
};

#define NOPTS (sizeof opt_table / sizeof opt_table[0])

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
    case OPT_NO_DB: cli->no_db = true; break;
    case OPT_HELP: cli->help = true; break;
    case OPT_VERSION: cli->version = true; break;
    case OPT_FORMAT:
        if (!export_format_parse(arg, &cli->format)) {
            snprintf(err, errlen, "unknown format '%s' (want text or json)", arg);
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
    return 0;
}

int cli_parse(int argc, char **argv, struct cli *cli, char *err, size_t errlen)
{
    struct option longopts[NOPTS + 1];
    int ch, index;

    memset(cli, 0, sizeof *cli);
    cli->format = EXPORT_TEXT;
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
    if (optind < argc) {
        snprintf(err, errlen, "unexpected argument '%s'", argv[optind]);
        return -1;
    }
    return check(cli, err, errlen);
}

void cli_usage(FILE *out)
{
    fprintf(out, "Usage: sitrep [OPTION]...\n"
                 "A terminal outage dashboard: services by regions, official status and crowd "
                 "reports.\n\n");
    for (size_t i = 0; i < NOPTS; i++) {
        const struct opt_entry *o = &opt_table[i];
        char left[64];
        if (!o->help)
            continue;
        if (o->id < 0x100)
            snprintf(left, sizeof left, "-%c, --%s%s%s", o->id, o->name, o->arg ? " " : "",
                     o->arg ? o->arg : "");
        else
            snprintf(left, sizeof left, "    --%s%s%s", o->name, o->arg ? " " : "",
                     o->arg ? o->arg : "");
        fprintf(out, "  %-24s %s\n", left, o->help);
    }
    fprintf(out, "\nKeys: j/k or arrows move, r polls now, q quits.\n"
                 "Exit status: 0 success, 1 runtime failure, 2 usage or config error.\n");
}
