/* Fuzz target: bytes as a theme file. A theme comes from the user's own
 * directory, a shared dotfiles repo or a path in a shared config: parsing
 * succeeds with a name, or fails with messages that each name the file and
 * a real line, and that never quote a file that is not a theme. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"
#include "sitrep/theme.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_errors(const char *errors, const char *text)
{
    CHECK(errors && *errors);
    for (const char *l = errors; *l; l = strchr(l, '\n') + 1) {
        CHECK(strchr(l, '\n'));
        if (strncmp(l, "fuzz.theme: ", 12) == 0) /* "N more errors not shown" */
            continue;
        CHECK(strncmp(l, "fuzz.theme:", 11) == 0);
        CHECK(atoi(l + 11) >= 1); /* never file:0 */
    }
    static const char foreign_msg[] = ": this is not a theme file (a theme starts with [theme], "
                                      "[roles] or [mono]); nothing of it is shown\n";
    const char *after_line = errors + 11 + strspn(errors + 11, "0123456789");
    if (strncmp(after_line, foreign_msg, sizeof foreign_msg - 1) == 0) {
        /* nothing of the text may follow ("line too long" may: it quotes
         * nothing) */
        CHECK(!strchr(strchr(errors, '\n'), '\'') && !strchr(strchr(errors, '\n'), '['));
    }
    (void)text;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1), *errors = NULL;
    struct theme th;

    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    if (theme_parse(text, "fuzz.theme", &th, &errors) == 0) {
        CHECK(!errors);
        CHECK(th.name[0] != '\0');
        CHECK(strlen(th.name) < sizeof th.name && strlen(th.description) < sizeof th.description);
    } else {
        check_errors(errors, text);
    }
    free(errors);
    free(text);
    return 0;
}
