/* Replay driver: feeds files (or every file in directories) given on the
 * command line through LLVMFuzzerTestOneInput, one TAP line each. make check
 * runs it over fuzz/corpus/<target>/ so every corpus file is exercised under
 * the sanitizers without libFuzzer. A crash aborts the run and fails it. */
#include "config.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int count;

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    uint8_t *data = NULL;
    size_t len = 0, cap = 0, got;

    if (!f) {
        printf("not ok %d - cannot open %s\n", ++count, path);
        return 1;
    }
    do {
        if (cap - len < 65536) {
            cap = cap ? cap * 2 : 65536;
            data = realloc(data, cap);
            if (!data)
                abort();
        }
        got = fread(data + len, 1, cap - len, f);
        len += got;
    } while (got > 0);
    fclose(f);
    /* An exact-size copy, so reading one byte past the input is caught. */
    uint8_t *exact = malloc(len ? len : 1);
    if (!exact)
        abort();
    memcpy(exact, data, len);
    free(data);
    LLVMFuzzerTestOneInput(exact, len);
    free(exact);
    printf("ok %d - %s\n", ++count, path);
    fflush(stdout);
    return 0;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_path(const char *path)
{
    struct stat st;
    DIR *dir;
    struct dirent *de;
    char **names = NULL;
    size_t n = 0;
    int failed = 0;

    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
        return run_file(path);
    dir = opendir(path);
    if (!dir) {
        printf("not ok %d - cannot open %s\n", ++count, path);
        return 1;
    }
    while ((de = readdir(dir))) {
        if (de->d_name[0] == '.')
            continue;
        names = realloc(names, (n + 1) * sizeof *names);
        if (!names)
            abort();
        size_t need = strlen(path) + strlen(de->d_name) + 2;
        names[n] = malloc(need);
        if (!names[n])
            abort();
        snprintf(names[n++], need, "%s/%s", path, de->d_name);
    }
    closedir(dir);
    if (n)
        qsort(names, n, sizeof *names, cmp_names);
    for (size_t i = 0; i < n; i++) {
        failed |= run_path(names[i]);
        free(names[i]);
    }
    free(names);
    return failed;
}

int main(int argc, char **argv)
{
    int failed = 0;

    for (int i = 1; i < argc; i++)
        failed |= run_path(argv[i]);
    printf("1..%d\n", count);
    return failed;
}
