/* Downdetector Enterprise API v2 company bodies (docs/formats.md §2) turned
 * into crowd evidence: one report series per company, which on
 * Downdetector means one service on one country site.
 *
 * The body is that of GET /v2/companies?ids=...&fields=id,name,slug,
 * baseline_current,country_iso,stats_24,status,indicators: an array of
 * companies, the same array wrapped in an object under "companies", "data"
 * or "results", or a single company object (GET /companies/{id}).
 * stats_24 has no timestamps: its last bucket is the one in progress when
 * the body was fetched, which evidence.h writes as start = 0.
 *
 * A page may leave companies out or without stats, so a company without
 * stats_24 is skipped; but a field that is present with the wrong type
 * fails the document, naming the company index, because the rest of that
 * company cannot be trusted either. Messages never quote the body. */
#include "config.h"

#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/buf.h"
#include "provider_internal.h"
#include "sitrep/evidence.h"
#include "sitrep/provider.h"
#include "sitrep/region.h"
#include "sitrep/xalloc.h"

#define DD_BUCKET_S    900 /* stats_24: 15-minute buckets */
#define DD_MAX_BUCKETS 672 /* a week of them; the API sends 96 */
/* 2^53: the largest range where every whole number is exact. */
#define DD_MAX_NUMBER 9007199254740992.0

static const char *const wrapper_keys[] = {"companies", "data", "results"};
/* OAuth-style {"error": ...} and gateway-style {"message": ...} bodies. */
static const char *const error_keys[] = {"error", "error_description", "message", "errors"};
/* Keys that make an object one company rather than a list. */
static const char *const company_marks[] = {"stats_24", "id", "country_iso"};

/* OAuth error codes (RFC 6749, 6750) a message may name: our own text,
 * chosen by equality, so nothing from the body is quoted. */
static const char *const oauth_errors[] = {
    "invalid_token", "invalid_client",      "invalid_grant",           "invalid_request",
    "invalid_scope", "unauthorized_client", "insufficient_scope",      "unsupported_grant_type",
    "access_denied", "server_error",        "temporarily_unavailable",
};

static const struct {
    const char *name;
    enum level level;
} statuses[] = {
    {"success", LEVEL_OK},
    {"warning", LEVEL_NOTICE}, /* "possible problems": reports rising */
    {"danger", LEVEL_MAJOR},
};

enum want { WANT_STRING, WANT_NUMBER, WANT_ARRAY, WANT_ID };

static const char *const want_names[] = {
    [WANT_STRING] = "a string",
    [WANT_NUMBER] = "a number",
    [WANT_ARRAY] = "an array",
    [WANT_ID] = "a number or a string",
};

/* The company fields we read; null counts as absent. */
static const struct field {
    const char *key;
    enum want want;
} company_fields[] = {
    {"id", WANT_ID},          {"name", WANT_STRING},
    {"slug", WANT_STRING},    {"country_iso", WANT_STRING},
    {"status", WANT_STRING},  {"baseline_current", WANT_NUMBER},
    {"stats_24", WANT_ARRAY}, {"indicators", WANT_ARRAY},
};

/* An indicator's name: the slug first, because it is the same on every
 * country site (the display text is localized: "Login", "Connexion"), so
 * the regions of one service share category names. */
static const char *const indicator_names[] = {"slug", "indicator", "name"};

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

struct ctx {
    char *err;
    size_t errlen;
};

/* A value as a message shows it: its number printed by us, or its type. */
struct shown {
    char s[40];
};

enum { COMPANY_SKIPPED = 1 };

__attribute__((format(printf, 2, 3))) static int fail(const struct ctx *c, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(c->err, c->errlen, fmt, ap);
    va_end(ap);
    return -1;
}

static struct shown show(const json_t *v)
{
    struct shown out;

    if (json_is_number(v))
        snprintf(out.s, sizeof out.s, "%.15g", json_number_value(v));
    else
        snprintf(out.s, sizeof out.s, "%s", pj_type_name(v));
    return out;
}

static bool absent(const json_t *v)
{
    return !v || json_is_null(v);
}

static bool has_any(const json_t *obj, const char *const *keys, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (json_object_get(obj, keys[i]))
            return true;
    }
    return false;
}

/* A number from 0 to 2^53 (and to LONG_MAX), rounded to the nearest unit
 * when round is set; without it, only whole numbers pass. */
static bool number_value(const json_t *v, bool round, long *out)
{
    double d = json_number_value(v);

    if (!json_is_number(v) || !(d >= 0 && d <= DD_MAX_NUMBER && d <= (double)LONG_MAX))
        return false;
    if (!round && d != (double)(long long)d)
        return false;
    *out = (long)(d + 0.5);
    return true;
}

/* ---- the root ---- */

static int api_error(const json_t *root, const struct ctx *c)
{
    const char *code = json_string_value(json_object_get(root, "error"));

    for (size_t i = 0; code && i < COUNT_OF(oauth_errors); i++) {
        if (strcmp(code, oauth_errors[i]) == 0)
            return fail(c, "the API answered with an error object (%s), not companies",
                        oauth_errors[i]);
    }
    return fail(c, "the API answered with an error object, not companies");
}

/* The list of companies as a new reference, or NULL with the error set. */
static json_t *find_companies(json_t *root, const struct ctx *c)
{
    json_t *list;

    if (json_is_array(root))
        return json_incref(root);
    if (!json_is_object(root)) {
        fail(c, "not a Downdetector companies response: the root is %s", pj_type_name(root));
        return NULL;
    }
    for (size_t i = 0; i < COUNT_OF(wrapper_keys); i++) {
        if (json_is_array(json_object_get(root, wrapper_keys[i])))
            return json_incref(json_object_get(root, wrapper_keys[i]));
    }
    if (has_any(root, error_keys, COUNT_OF(error_keys))) {
        api_error(root, c);
        return NULL;
    }
    for (size_t i = 0; i < COUNT_OF(wrapper_keys); i++) {
        const json_t *v = json_object_get(root, wrapper_keys[i]);
        if (v) {
            fail(c, "'%s' is %s, expected an array of companies", wrapper_keys[i], pj_type_name(v));
            return NULL;
        }
    }
    if (json_object_get(root, "access_token")) {
        fail(c, "not a Downdetector companies response: it is an access-token answer");
        return NULL;
    }
    if (!has_any(root, company_marks, COUNT_OF(company_marks))) {
        fail(c, "not a Downdetector companies response: expected an array of companies");
        return NULL;
    }
    list = json_array();
    if (!list || json_array_append(list, root) != 0) {
        json_decref(list);
        fail(c, "out of memory");
        return NULL;
    }
    return list;
}

/* ---- one company ---- */

static bool type_matches(const json_t *v, enum want want)
{
    switch (want) {
    case WANT_STRING: return json_is_string(v);
    case WANT_NUMBER: return json_is_number(v);
    case WANT_ARRAY: return json_is_array(v);
    case WANT_ID: return json_is_string(v) || json_is_number(v);
    }
    return false;
}

static int check_types(const json_t *co, size_t idx, const struct ctx *c)
{
    for (size_t i = 0; i < COUNT_OF(company_fields); i++) {
        const json_t *v = json_object_get(co, company_fields[i].key);
        if (!absent(v) && !type_matches(v, company_fields[i].want))
            return fail(c, "companies[%zu].%s is %s, expected %s", idx, company_fields[i].key,
                        pj_type_name(v), want_names[company_fields[i].want]);
    }
    return 0;
}

/* Returns COMPANY_SKIPPED when there are no stats (absent, null or []). */
static int parse_stats(const json_t *arr, size_t idx, struct report_series *s, const struct ctx *c)
{
    size_t n = json_array_size(arr);

    if (n == 0)
        return COMPANY_SKIPPED;
    if (n > DD_MAX_BUCKETS)
        return fail(c, "companies[%zu].stats_24 has %zu buckets: at most %d", idx, n,
                    DD_MAX_BUCKETS);
    s->counts = xcalloc(n, sizeof *s->counts);
    s->ncounts = n;
    s->bucket_s = DD_BUCKET_S;
    s->start = 0;
    for (size_t i = 0; i < n; i++) {
        const json_t *v = json_array_get(arr, i);
        if (!number_value(v, false, &s->counts[i]))
            return fail(c,
                        "companies[%zu].stats_24[%zu] is %s: report counts must be whole "
                        "numbers >= 0",
                        idx, i, show(v).s);
    }
    return 0;
}

static int parse_baseline(const json_t *v, size_t idx, struct report_series *s, const struct ctx *c)
{
    s->baseline_now = -1;
    if (absent(v))
        return 0;
    if (!number_value(v, true, &s->baseline_now))
        return fail(c, "companies[%zu].baseline_current is %s: expected a number >= 0", idx,
                    show(v).s);
    return 0;
}

static void parse_status(const json_t *v, struct report_series *s)
{
    const char *text = json_string_value(v);

    s->status = absent(v) ? LEVEL_NONE : LEVEL_UNKNOWN;
    for (size_t i = 0; text && i < COUNT_OF(statuses); i++) {
        if (strcmp(statuses[i].name, text) == 0)
            s->status = statuses[i].level;
    }
}

/* country_iso is an ISO 3166 alpha-2 code; the prefix keeps "NA" Namibia
 * rather than North America. Unknown codes stay as text for the model. */
static void parse_country(const char *iso, struct report_series *s)
{
    char *query;

    s->region = REGION_NONE;
    if (!iso)
        return;
    s->region_text = xstrdup(iso);
    query = xasprintf("country:%s", iso);
    s->region = region_resolve(query);
    free(query);
}

/* "Instagram (FR, id 1234)": the name, else the slug, with what tells the
 * country sites of one service apart. */
static char *company_label(const json_t *co)
{
    const char *name = json_string_value(json_object_get(co, "name"));
    const char *slug = json_string_value(json_object_get(co, "slug"));
    const char *iso = json_string_value(json_object_get(co, "country_iso"));
    const json_t *id = json_object_get(co, "id");
    bool has_iso = iso && *iso, has_id = json_is_number(id) || json_is_string(id);
    struct buf b = {0};

    buf_puts(&b, name && *name ? name : slug && *slug ? slug : "company");
    if (has_iso || has_id)
        buf_puts(&b, " (");
    if (has_iso)
        buf_puts(&b, iso);
    if (has_id && has_iso)
        buf_puts(&b, ", ");
    if (json_is_number(id))
        buf_printf(&b, "id %.15g", json_number_value(id));
    else if (has_id)
        buf_printf(&b, "id %s", json_string_value(id));
    if (has_iso || has_id)
        buf_putc(&b, ')');
    return buf_detach(&b);
}

/* ---- indicators ---- */

struct indicator {
    const char *name;          /* borrowed from the tree */
    double percentage, amount; /* -1 when absent */
    size_t pos;
};

static int indicator_cmp(const void *a, const void *b)
{
    const struct indicator *x = a, *y = b;

    if (x->percentage != y->percentage)
        return x->percentage > y->percentage ? -1 : 1;
    return (x->pos > y->pos) - (x->pos < y->pos);
}

static int indicator_name(const json_t *e, size_t idx, size_t i, const char **name,
                          const struct ctx *c)
{
    *name = NULL;
    for (size_t k = 0; k < COUNT_OF(indicator_names); k++) {
        const json_t *v = json_object_get(e, indicator_names[k]);
        if (!absent(v) && !json_is_string(v))
            return fail(c, "companies[%zu].indicators[%zu].%s is %s, expected a string", idx, i,
                        indicator_names[k], pj_type_name(v));
        if (!*name && json_string_length(v) > 0)
            *name = json_string_value(v);
    }
    if (!*name)
        return fail(c, "companies[%zu].indicators[%zu] has no name (slug, indicator or name)", idx,
                    i);
    return 0;
}

/* The number fields of an indicator and their ranges. */
static const struct indicator_field {
    const char *key;
    double max;
    const char *rule;
} indicator_fields[] = {
    {"percentage", 100, "a number from 0 to 100"},
    {"amount", DD_MAX_NUMBER, "a number >= 0"},
};

/* A number field of an indicator: -1 when absent, else within its range. */
static int indicator_number(const json_t *e, const struct indicator_field *f, double *out,
                            size_t idx, size_t i, const struct ctx *c)
{
    const json_t *v = json_object_get(e, f->key);
    double d = json_number_value(v);

    *out = -1;
    if (absent(v))
        return 0;
    if (!json_is_number(v) || !(d >= 0 && d <= f->max))
        return fail(c, "companies[%zu].indicators[%zu].%s is %s: expected %s", idx, i, f->key,
                    show(v).s, f->rule);
    *out = d;
    return 0;
}

static int read_indicator(const json_t *e, size_t idx, size_t i, struct indicator *ind,
                          const struct ctx *c)
{
    if (!json_is_object(e))
        return fail(c, "companies[%zu].indicators[%zu] is %s, expected an object", idx, i,
                    pj_type_name(e));
    ind->pos = i;
    if (indicator_name(e, idx, i, &ind->name, c) != 0 ||
        indicator_number(e, &indicator_fields[0], &ind->percentage, idx, i, c) != 0 ||
        indicator_number(e, &indicator_fields[1], &ind->amount, idx, i, c) != 0)
        return -1;
    return 0;
}

/* Turns percentages (else amounts) into shares, in ind[].percentage.
 * Rounded percentages can add up to a little over 100: then they are
 * normalised, like amounts always are. */
static int to_shares(struct indicator *ind, size_t n, size_t idx, const struct ctx *c)
{
    bool all_pct = true, all_amount = true;
    double total = 0;

    for (size_t i = 0; i < n; i++) {
        all_pct = all_pct && ind[i].percentage >= 0;
        all_amount = all_amount && ind[i].amount >= 0;
    }
    if (!all_pct && !all_amount)
        return fail(c,
                    "companies[%zu].indicators: every entry needs a percentage, or every "
                    "entry an amount",
                    idx);
    for (size_t i = 0; i < n; i++)
        total += all_pct ? ind[i].percentage / 100 : ind[i].amount;
    for (size_t i = 0; i < n; i++) {
        double v = all_pct ? ind[i].percentage / 100 : ind[i].amount;
        ind[i].percentage = (!all_pct || total > 1) && total > 0 ? v / total : v;
    }
    return 0;
}

static int parse_indicators(const json_t *arr, size_t idx, struct report_series *s,
                            const struct ctx *c)
{
    size_t n = json_array_size(arr);
    struct indicator *ind;
    int rc = 0;

    if (n == 0)
        return 0;
    ind = xcalloc(n, sizeof *ind);
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = read_indicator(json_array_get(arr, i), idx, i, &ind[i], c);
    if (rc == 0)
        rc = to_shares(ind, n, idx, c);
    if (rc == 0) {
        qsort(ind, n, sizeof *ind, indicator_cmp);
        s->categories = xcalloc(n, sizeof *s->categories);
        for (size_t i = 0; i < n; i++) {
            s->categories[i].name = xstrdup(ind[i].name);
            s->categories[i].share = ind[i].percentage;
        }
        s->ncategories = n;
    }
    free(ind);
    return rc;
}

/* Every present field is checked before a company without stats is
 * skipped, so a broken body fails the same whichever company is first. */
static int parse_company(const json_t *co, size_t idx, struct report_series *s, const struct ctx *c)
{
    int rc;

    if (!json_is_object(co))
        return fail(c, "companies[%zu] is %s, expected an object", idx, pj_type_name(co));
    if (check_types(co, idx, c) != 0)
        return -1;
    rc = parse_stats(json_object_get(co, "stats_24"), idx, s, c);
    if (rc < 0 || parse_baseline(json_object_get(co, "baseline_current"), idx, s, c) != 0 ||
        parse_indicators(json_object_get(co, "indicators"), idx, s, c) != 0)
        return -1;
    if (rc == COMPANY_SKIPPED)
        return COMPANY_SKIPPED;
    parse_status(json_object_get(co, "status"), s);
    parse_country(json_string_value(json_object_get(co, "country_iso")), s);
    s->label = company_label(co);
    return 0;
}

static int parse_companies(const json_t *list, struct evidence *ev, const struct ctx *c)
{
    size_t n = json_array_size(list);

    if (n == 0)
        return fail(c, "no company with stats_24: the list is empty");
    ev->reports = xcalloc(n, sizeof *ev->reports);
    for (size_t i = 0; i < n; i++) {
        struct report_series s = {0};
        int rc = parse_company(json_array_get(list, i), i, &s, c);
        if (rc == 0) {
            ev->reports[ev->nreports++] = s;
            continue;
        }
        report_series_free(&s);
        if (rc < 0)
            return -1;
    }
    if (ev->nreports == 0)
        return fail(c, "no company with stats_24 (%zu %s without it)", n,
                    n == 1 ? "company" : "companies");
    return 0;
}

static int downdetector_parse(const char *body, size_t len, struct evidence *out, char *err,
                              size_t errlen)
{
    struct evidence ev = {0};
    struct ctx c = {err, errlen};
    json_t *root = provider_load_json(body, len, err, errlen);
    json_t *list;
    int rc = -1;

    if (!root)
        return -1;
    list = find_companies(root, &c);
    if (list)
        rc = parse_companies(list, &ev, &c);
    /* Every string was copied out above, so the tree can go now. */
    json_decref(list);
    json_decref(root);
    if (rc != 0) {
        evidence_free(&ev);
        return -1;
    }
    *out = ev;
    return 0;
}

/* Companies with their 15-minute report counts. */
static int downdetector_sniff(const char *body, size_t len)
{
    return sniff_has(body, len, "\"stats_24\"") ? 80 : 0;
}

const struct provider provider_downdetector = {
    .name = "downdetector",
    .description =
        "Downdetector Enterprise API v2: companies with stats_24 (paid; OAuth client credentials)",
    .document = "a Downdetector answer",
    .parse = downdetector_parse,
    .sniff = downdetector_sniff,
    .crowd = true,
    .auth = AUTH_DOWNDETECTOR,
    .default_query = "fields=id,name,slug,country_iso,stats_24,baseline_current,status,indicators",
};
