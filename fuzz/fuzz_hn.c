/* Fuzz target: bytes -> the "hn-algolia" format's parser -> the
 * invariants of mention_check.h. Built with -fsanitize=fuzzer for fuzzing
 * and with replay.c for make check (corpus/hn/, dict/hn.dict). */
#include "config.h"

#include "mention_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return mention_fuzz_one("hn-algolia", data, size);
}
