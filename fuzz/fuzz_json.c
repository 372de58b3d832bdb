/* Fuzz target: the lazy JSON reader (src/provider/json.c) against jansson
 * on the same bytes. They must agree on what is JSON, and on every value
 * of a document both accept: types, sizes, member names and order, string
 * bytes, numbers. jansson is stricter in two known ways, left out here: it
 * wants an object or an array at the root, and it refuses numbers that
 * overflow a double (the reader keeps them, reads them as no number and
 * marks the first in huge_at, which must agree with jansson). */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../src/provider/provider_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "invariant failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__);          \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

static void same(struct jdoc *d, jref v, const json_t *j)
{
    switch (json_typeof(j)) {
    case JSON_OBJECT: {
        const char *key;
        json_t *val;
        jref k = jd_first(d, v);
        CHECK(jd_type(d, v) == JT_OBJECT);
        /* jansson keeps the last of duplicate keys in the first one's place;
         * the reader keeps them all and jd_get finds the last one. */
        json_object_foreach((json_t *)j, key, val)
        {
            jref got = jd_get(d, v, key);
            CHECK(got != 0);
            same(d, got, val);
        }
        for (; k; k = jd_next(d, v, k))
            CHECK(json_object_get(j, jd_str(d, k)) != NULL);
        {
            /* one pass finds what jd_get finds, names present or not */
            const char *names[JD_GET_MAX] = {"", "id", "name"};
            jref got[JD_GET_MAX];
            size_t n = 3;
            json_object_foreach((json_t *)j, key, val)
            {
                if (n < JD_GET_MAX)
                    names[n++] = key;
            }
            jd_get_each(d, v, names, n, got);
            for (size_t i = 0; i < n; i++)
                CHECK(got[i] == jd_get(d, v, names[i]));
        }
        break;
    }
    case JSON_ARRAY: {
        size_t i = 0;
        CHECK(jd_type(d, v) == JT_ARRAY && jd_size(d, v) == json_array_size(j));
        for (jref c = jd_first(d, v); c; c = jd_next(d, v, c))
            same(d, c, json_array_get(j, i++));
        CHECK(i == json_array_size(j));
        break;
    }
    case JSON_STRING:
        CHECK(jd_type(d, v) == JT_STRING);
        CHECK(strlen(jd_str(d, v)) == json_string_length(j));
        CHECK(memcmp(jd_str(d, v), json_string_value(j), json_string_length(j)) == 0);
        break;
    case JSON_INTEGER:
    case JSON_REAL: {
        bool ok;
        double x = jd_num(d, v, &ok);
        CHECK(jd_type(d, v) == JT_NUMBER && ok && x == json_number_value(j));
        break;
    }
    case JSON_TRUE: CHECK(jd_type(d, v) == JT_TRUE); break;
    case JSON_FALSE: CHECK(jd_type(d, v) == JT_FALSE); break;
    case JSON_NULL: CHECK(jd_type(d, v) == JT_NULL); break;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct jdoc d;
    json_error_t jerr;
    char err[256] = "";
    int mine = jdoc_parse(&d, (const char *)data, size, err, sizeof err);
    json_t *theirs = json_loadb((const char *)data, size, JSON_DECODE_INT_AS_REAL, &jerr);

    /* a number jansson refuses: nothing to compare */
    bool overflowed = !theirs && json_error_code(&jerr) == json_error_numeric_overflow;
    if (mine == 0) {
        int root = jd_type(&d, JD_ROOT);
        CHECK(root != JT_NONE);
        if (theirs)
            same(&d, JD_ROOT, theirs);
        else
            CHECK(overflowed || (root != JT_OBJECT && root != JT_ARRAY));
        /* the reader marks what jansson refuses as too large, and only that */
        if (root == JT_OBJECT || root == JT_ARRAY)
            CHECK((d.huge_at != 0) == overflowed);
        jdoc_free(&d);
    } else {
        CHECK(theirs == NULL || memchr(data, '\0', size) != NULL);
        CHECK(err[0] != '\0' && strstr(err, " at byte ") != NULL);
    }
    json_decref(theirs);
    return 0;
}
