/* Command-line options: one table drives parsing and --help. */
#ifndef SITREP_CLI_H
#define SITREP_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "sitrep/export.h"

struct cli {
    const char *config_path; /* NULL: the default lookup */
    bool once;
    bool exit_status;
    enum export_format format;
    bool format_given;
    const char *columns; /* NULL: from the config */
    bool no_color;
    bool ascii;
    bool no_db;
    time_t now; /* --now: the clock for --once; 0 = the real clock */
    bool help;
    bool version;
};

/* Parses argv into *cli (zeroed and defaulted first). Returns 0, or -1 with
 * a message in err for a usage error (exit status 2). */
int cli_parse(int argc, char **argv, struct cli *cli, char *err, size_t errlen);

/* Prints the usage text built from the option table. */
void cli_usage(FILE *out);

#endif
