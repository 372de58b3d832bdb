/* Command-line options: one table drives parsing and --help. */
#ifndef SITREP_CLI_H
#define SITREP_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "sitrep/config.h"
#include "sitrep/export.h"
#include "sitrep/theme.h"

/* --graph: the sparkline glyphs. */
enum graph_style {
    GRAPH_AUTO = 0, /* not given: blocks, ascii in non-UTF-8 locales or with --ascii */
    GRAPH_BRAILLE,
    GRAPH_BLOCKS,
    GRAPH_ASCII,
};

/* "braille", "blocks", "ascii"; false for anything else. */
bool graph_style_parse(const char *s, enum graph_style *out);

struct cli {
    const char *config_path; /* NULL: the default lookup */
    bool once;
    bool exit_status;
    enum export_format format;
    bool format_given;
    const char *columns; /* NULL: from the config */
    bool no_color;
    bool ascii;
    const char *theme;      /* --theme NAME|PATH; NULL: the config's theme key */
    bool list_themes;       /* --list-themes */
    enum color_mode color;  /* --color; COLOR_MODE_NEVER with --no-color */
    bool color_given;       /* --color was given */
    bool present;           /* --present: presentation mode for screen shares */
    enum graph_style graph; /* --graph; GRAPH_AUTO when not given */
    bool no_mouse;          /* --no-mouse: leave the mouse to the terminal */
    bool no_db;
    const char *db_path;    /* --db; NULL: the default (live) or none (replay) */
    const char *record_dir; /* --record */
    const char *replay_dir; /* --replay */
    bool demo;              /* --demo: replay the bundled recording */
    double speed;           /* --speed; 0: the recording's own */
    long at_s;              /* --at, seconds into the recording */
    bool at_given;
    time_t now; /* --now: the clock for --once; 0 = the real clock */
    /* Alerts on change: --on-change CMD (NULL: the config's; "" none),
     * --no-bell, --notify (when notify_given). */
    const char *on_change;
    bool no_bell;
    enum notify_mode notify;
    bool notify_given;
    /* sitrep serve */
    bool serve;
    const char *listen;     /* --listen ADDR:PORT; NULL: loopback, the default port */
    const char *token_file; /* --token-file */
    int shard_k, shard_n;   /* --shard K/N; shard_n 0: all */
    /* --remote URL[,URL...]: draw from sitrep serve instead of polling
     * (--token-file gives the token to send) */
    const char *remote;
    bool help;
    bool version;
    bool check_config;        /* --check-config: load and check, print the verdict, exit */
    bool list_services;       /* --list-services: the catalogue's services, then exit */
    const char *list_pattern; /* ... only those matching this (the argument after it) */
};

/* The port sitrep serve listens on by default, beyond the exporter range
 * 9100-9999 that Prometheus' port list has full. */
#define SITREP_SERVE_PORT      10377
#define SITREP_SERVE_PORT_TEXT "10377"

/* `sitrep export`: stored history out. */
struct export_cli {
    const char *db_path;
    long since_s;              /* --since DUR; default 24h */
    time_t since_at;           /* --since TIME (ISO 8601 UTC); 0: use since_s */
    const char *service;       /* --service ID; NULL: all */
    enum export_format format; /* csv, json, svg or html */
    bool help;
};

/* Parses the arguments after "export". Returns 0 or -1 with a message. */
int cli_parse_export(int argc, char **argv, struct export_cli *ex, char *err, size_t errlen);
void cli_export_usage(FILE *out);

/* Parses argv into *cli (zeroed and defaulted first). Returns 0, or -1 with
 * a message in err for a usage error (exit status 2). */
int cli_parse(int argc, char **argv, struct cli *cli, char *err, size_t errlen);

/* Prints the usage text built from the option table. */
void cli_usage(FILE *out);

#endif
