/* Fuzz target: bytes -> the "statuspal" format's parser -> the invariants of
 * cloud_check.h. Built with -fsanitize=fuzzer for fuzzing and with replay.c
 * for make check (corpus/statuspal/, dictionary dict/statuspal.dict). */
#include "config.h"

#include "cloud_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return cloud_fuzz_one("statuspal", data, size);
}
