/* PayPal, www.paypal-status.com/api/v1/components: {result: [{id, name,
 * category: {name: product | api}, status: {production: S, sandbox: S}}]}
 * with S one of operational, informational, under_maintenance,
 * service_disruption, service_outage (also written with blanks and
 * capitals: "Service Disruption").
 *
 * Each component is shown once per environment, under a group per
 * category and environment ("Product (production)"). The sandbox is where
 * developers test: nobody's payment depends on it, so a sandbox problem
 * is shown as a notice, its word kept. informational is a notice; any
 * other word unknown, never ok. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "provider_internal.h"
#include "sitrep/provider.h"
#include "sitrep/xalloc.h"

static const struct level_map statuses[] = {
    {"operational", LEVEL_OK},
    {"informational", LEVEL_NOTICE},
    {"undermaintenance", LEVEL_MAINTENANCE},
    {"servicedisruption", LEVEL_DEGRADED},
    {"serviceoutage", LEVEL_MAJOR},
    {NULL, LEVEL_NONE},
};

static const char *const names[] = {"name", "title", "displayName", NULL};

static void add_one(struct evb *b, const char *cid, const char *name, const char *category,
                    const char *env, const char *word)
{
    enum level level = level_map_find_loose(statuses, word, LEVEL_UNKNOWN);
    char *gid = xasprintf("group:%s:%s", category, env);
    char *gname = xasprintf("%s (%s)", category, env);
    char *id = xasprintf("%s:%s", cid, env);
    struct component *c;

    if (strcmp(env, "sandbox") == 0 && level > LEVEL_NOTICE)
        level = LEVEL_NOTICE;
    if (!evb_find(b, id)) {
        c = evb_component(b, gid, gname, level);
        c->is_group = true;
        c->nchildren++;
        c = evb_component(b, id, name, level);
        c->status = xstrdup(word ? word : "");
        c->group_id = gid;
        c->group_name = gname;
        gid = gname = NULL;
    }
    free(gid);
    free(gname);
    free(id);
}

static void read_component(struct jdoc *d, struct evb *b, jref e)
{
    jref st = jd_get(d, e, "status");
    const char *category = jf_str(d, jd_get(d, e, "category"), "name");
    char *name = jf_dup_first(d, e, names), *id = jf_id(d, e, "id");

    if (!category || !*category)
        category = "other";
    if (!id && name)
        id = xasprintf("name:%s", name);
    if (id && !name)
        name = xstrdup(id);
    if (!id) {
        free(name);
        return;
    }
    if (jd_type(d, st) == JT_OBJECT) {
        for (jref k = jd_first(d, st); k; k = jd_next(d, st, k)) {
            const char *env = jd_str(d, k);
            if (env && *env)
                add_one(b, id, name, category, env, jd_str(d, k + 1));
        }
    } else {
        /* one status for every environment */
        add_one(b, id, name, category, "production", jd_str(d, st));
    }
    free(name);
    free(id);
}

static int read_document(struct jdoc *d, struct evb *b, char *err, size_t errlen)
{
    jref result = jd_get(d, JD_ROOT, "result");

    if (jd_type(d, JD_ROOT) != JT_OBJECT || jd_type(d, result) != JT_ARRAY)
        return provider_fail(err, errlen,
                             "not a PayPal components document: 'result' is %s, "
                             "expected an array",
                             jd_type_name(d, result));
    if (provider_each_object(d, result, "a PayPal components document", "component", read_component,
                             b, err, errlen) != 0)
        return -1;
    for (size_t i = 0; i < b->ev.ncomponents; i++) {
        struct component *c = &b->ev.components[i];
        if (c->is_group) {
            free(c->status);
            c->status = xstrdup(level_name(c->level));
        }
    }
    return 0;
}

static int paypal_parse(const char *body, size_t len, struct evidence *out, char *err,
                        size_t errlen)
{
    struct evb b = {0};

    if (provider_read_jdoc(body, len, read_document, &b, err, errlen) != 0)
        return -1;
    b.ev.page_name = xstrdup("PayPal");
    evb_finish(&b, PROVIDER_MAX_CLOSED, out);
    return 0;
}

static int paypal_sniff(const char *body, size_t len)
{
    if (sniff_first(body, len) != '{' || !sniff_has(body, len, "\"result\""))
        return 0;
    return sniff_has(body, len, "\"sandbox\"") || sniff_has(body, len, "\"production\"") ? 85 : 0;
}

const struct provider provider_paypal = {
    .name = "paypal",
    .description = "PayPal status components, /api/v1/components (production and sandbox)",
    .document = "a PayPal components document",
    .parse = paypal_parse,
    .sniff = paypal_sniff,
    .crowd = false,
    .default_interval_s = 0,
    .auth = AUTH_NONE,
};
