/* Fuzz target: arbitrary bytes as a config file. Loading must either
 * succeed or fail with messages, never crash or leak. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct config cfg;
    char *errors = NULL;
    char *text = malloc(size + 1);

    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0'; /* a NUL inside ends the text, like a C string would */
    if (config_load_string(text, "fuzz.ini", &cfg, &errors) == 0) {
        if (cfg.nservices == 0 || cfg.ncolumns == 0)
            abort(); /* a loaded config always has both */
        config_free(&cfg);
    } else if (!errors || !*errors) {
        abort(); /* failure without a message */
    }
    free(errors);
    free(text);
    return 0;
}
