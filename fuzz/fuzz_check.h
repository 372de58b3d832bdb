/* The invariant check the fuzz targets share: abort (a crash libFuzzer
 * keeps) with what failed. */
#ifndef SITREP_FUZZ_CHECK_H
#define SITREP_FUZZ_CHECK_H

#include <stdio.h>
#include <stdlib.h>

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "invariant failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__);          \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

#endif
