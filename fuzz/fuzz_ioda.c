/* Fuzz target: bytes -> the "ioda" format's parser -> the
 * invariants of cloud_check.h. Built with -fsanitize=fuzzer for fuzzing and
 * with replay.c for make check (corpus/ioda/, dict/ioda.dict). */
#include "config.h"

#include "cloud_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return cloud_fuzz_one("ioda", data, size);
}
