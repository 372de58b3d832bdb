/* A tiny TAP producer for the unit tests (automake's tap-driver.sh reads it).
 * Include it once per test program. */
#ifndef SITREP_TAP_H
#define SITREP_TAP_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tap_count;
static int tap_failures;

__attribute__((format(printf, 4, 5), unused)) static bool tap_ok(bool pass, const char *file,
                                                                 int line, const char *fmt, ...)
{
    va_list ap;
    char name[512];

    tap_count++;
    va_start(ap, fmt);
    vsnprintf(name, sizeof name, fmt, ap);
    va_end(ap);
    for (char *p = name; *p; p++) {
        if ((unsigned char)*p < 0x20 || *p == '#')
            *p = *p == '#' ? '_' : ' '; /* one TAP line per test, no directives */
    }
    printf("%s %d - %s\n", pass ? "ok" : "not ok", tap_count, name);
    if (!pass) {
        tap_failures++;
        printf("#   failed at %s:%d\n", file, line);
    }
    fflush(stdout);
    return pass;
}

#define ok(cond, ...) tap_ok((cond), __FILE__, __LINE__, __VA_ARGS__)

#define is_int(got, want, ...)                                                                     \
    do {                                                                                           \
        long long tap_g_ = (long long)(got), tap_w_ = (long long)(want);                           \
        if (!tap_ok(tap_g_ == tap_w_, __FILE__, __LINE__, __VA_ARGS__))                            \
            printf("#   got %lld, want %lld\n", tap_g_, tap_w_);                                   \
    } while (0)

#define is_str(got, want, ...)                                                                     \
    do {                                                                                           \
        const char *tap_g_ = (got), *tap_w_ = (want);                                              \
        bool tap_p_ = tap_g_ && tap_w_ ? strcmp(tap_g_, tap_w_) == 0 : tap_g_ == tap_w_;           \
        if (!tap_ok(tap_p_, __FILE__, __LINE__, __VA_ARGS__))                                      \
            printf("#   got \"%s\"\n#  want \"%s\"\n", tap_g_ ? tap_g_ : "(null)",                 \
                   tap_w_ ? tap_w_ : "(null)");                                                    \
    } while (0)

__attribute__((format(printf, 1, 2), unused)) static void tap_diag(const char *fmt, ...)
{
    va_list ap;

    printf("# ");
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
}

/* A test that cannot run here: counted, passed, and said why (TAP SKIP). */
__attribute__((unused)) static void tap_skip(const char *why)
{
    tap_count++;
    printf("ok %d # SKIP %s\n", tap_count, why);
}

__attribute__((unused)) static int tap_done(void)
{
    printf("1..%d\n", tap_count);
    return tap_failures ? 1 : 0;
}

/* Reads a whole file under the source tree (SITREP_SRCDIR/rel) into a
 * malloc'd NUL-terminated buffer; aborts the test program when missing. */
__attribute__((unused)) static char *tap_read_file(const char *rel, size_t *len)
{
    char path[4096];
    FILE *f;
    char *data = NULL;
    size_t n = 0, cap = 0;

    snprintf(path, sizeof path, "%s/%s", SITREP_SRCDIR, rel);
    f = fopen(path, "rb");
    if (!f) {
        printf("Bail out! cannot open %s\n", path);
        exit(1);
    }
    for (;;) {
        if (cap - n < 65536) {
            cap = cap ? cap * 2 : 65536;
            data = realloc(data, cap + 1);
            if (!data)
                abort();
        }
        size_t got = fread(data + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    fclose(f);
    data[n] = '\0';
    if (len)
        *len = n;
    return data;
}

#endif
