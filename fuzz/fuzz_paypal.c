/* Fuzz target: bytes -> the "paypal" format's parser -> the invariants of
 * cloud_check.h. Built with -fsanitize=fuzzer for fuzzing and with replay.c
 * for make check (corpus/paypal/, dictionary dict/paypal.dict). */
#include "config.h"

#include "cloud_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return cloud_fuzz_one("paypal", data, size);
}
