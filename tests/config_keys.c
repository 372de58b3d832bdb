/* Prints the config parser's key table, one key a line with the sections
 * it belongs in ("name<TAB>sitrep service source"), for tests/docs_check.py
 * to compare with sitrep.conf(5). */
#include "config.h"

#include <stdio.h>

#include "sitrep/config.h"

int main(void)
{
    struct config_key k;

    for (size_t i = 0; config_key_info(i, &k); i++)
        printf("%s\t%s%s%s\n", k.name, k.in_sitrep ? "sitrep " : "", k.in_service ? "service " : "",
               k.in_source ? "source" : "");
    return 0;
}
