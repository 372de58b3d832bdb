/* Fuzz target: bytes as a credentials file. The values are secrets: a
 * failure's message says only a line number and a fixed reason, never a
 * byte of the text; a success has both values, without blanks. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"
#include "sitrep/credentials.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1), err[256] = "";
    struct credentials c;
    int line = 1;

    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    for (size_t i = 0; i < size && text[i]; i++)
        line += text[i] == '\n';
    if (credentials_parse(text, &c, err, sizeof err) == 0) {
        CHECK(c.client_id && *c.client_id && c.client_secret && *c.client_secret);
        CHECK(!strpbrk(c.client_id, " \t\r\n") && !strpbrk(c.client_secret, " \t\r\n"));
        credentials_free(&c);
    } else {
        static const char allowed[] = "abcdefghijklmnopqrstuvwxyz_ 0123456789(),=:";
        CHECK(!c.client_id && !c.client_secret);
        CHECK(err[0] && strspn(err, allowed) == strlen(err));
        if (strncmp(err, "line ", 5) == 0)
            CHECK(atoi(err + 5) >= 1 && atoi(err + 5) <= line);
    }
    free(text);
    return 0;
}
