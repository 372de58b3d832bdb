/* The program: option handling, config lookup, the --once path, and the live
 * dashboard loop. main() only calls app_main(). */
#ifndef SITREP_APP_H
#define SITREP_APP_H

/* Exit statuses. */
enum {
    EXIT_OK = 0,
    EXIT_RUNTIME = 1,
    EXIT_USAGE = 2,
};

int app_main(int argc, char **argv);

#endif
