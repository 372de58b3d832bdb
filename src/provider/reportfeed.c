/* STUB: replaced by the providers helper. */
#include "config.h"
#include <stdio.h>
#include "sitrep/provider.h"
static int parse(const char *body, size_t len, struct evidence *out, char *err, size_t errlen)
{ (void)body; (void)len; (void)out; snprintf(err, errlen, "not implemented"); return -1; }
const struct provider provider_reportfeed = {"reportfeed", "stub", parse};
