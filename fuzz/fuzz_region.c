/* Fuzz target: bytes as a region rule (FIELD "REGEX" => TARGET, the
 * config's form), then, when it is accepted, applied to names made of the
 * same bytes, up to the longest a rule looks at. The rule compiler must
 * refuse what could make matching slow: libFuzzer's -timeout (fuzz/run-all
 * sets 10 s) turns a slow match into a reported crash. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"
#include "sitrep/region.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *spec = malloc(size + 1), err[256] = "", name[300];
    struct region_rules *rules = region_rules_new();
    size_t n = 0;

    if (!spec)
        return 0;
    memcpy(spec, data, size);
    spec[size] = '\0';
    if (region_rules_add_spec(rules, spec, err, sizeof err) == 0) {
        /* the worst names are long runs of what the regex wants */
        for (size_t i = 0; n < sizeof name - 1; i++)
            name[n++] = size && data[i % size] ? (char)data[i % size] : 'a';
        name[n] = '\0';
        struct region_memo *memo = region_memo_new(rules);
        for (size_t len = 256; len >= 16; len /= 2) {
            name[len] = '\0';
            region_id r = region_rules_apply(rules, "id", name, name);
            CHECK(r == REGION_NONE || *region_code(r));
            /* twice: the second answer is the remembered one */
            CHECK(region_memo_match(memo, "id", name, name) ==
                  region_rules_match(rules, "id", name, name));
            CHECK(region_memo_match(memo, "id", name, name) ==
                  region_rules_match(rules, "id", name, name));
        }
        region_memo_free(memo);
    } else {
        CHECK(err[0] != '\0');
    }
    region_rules_free(rules);
    free(spec);
    return 0;
}
