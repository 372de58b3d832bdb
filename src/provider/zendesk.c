/* Zendesk, status.zendesk.com/api/incidents/active (and the page's own
 * /api/ssp/incidents.json, a history): JSON:API, {data: [{id, type:
 * incident, attributes: {name or title, impact, status, outage,
 * degradation, startedAt, resolvedAt}, relationships}], included[]}.
 *
 * An incident is open while resolvedAt is null or absent: the status word
 * goes stale (an incident resolved long ago can still say "monitoring"),
 * so it is kept as text and never decides. Level: outage true major,
 * degradation true degraded, else impact (minor degraded, major and
 * critical major), else a notice. The list names problems only: whatever
 * it does not name is ok. Zendesk says the list also holds upcoming
 * maintenance windows; no capture shows how, so a record typed
 * "maintenance", marked maintenance or of impact "maintenance" is one
 * (at that level, whatever its flags). No service carries a status
 * anywhere, so the page's services.json is refused rather than read as all
 * ok. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "provider_internal.h"
#include "sitrep/provider.h"
#include "sitrep/xalloc.h"

static const struct level_map impacts[] = {
    {"minor", LEVEL_DEGRADED},          {"major", LEVEL_MAJOR}, {"critical", LEVEL_MAJOR},
    {"maintenance", LEVEL_MAINTENANCE}, {NULL, LEVEL_NONE},
};

static const char *const titles[] = {"name", "title", NULL};

static enum level level_of(struct jdoc *d, jref attrs)
{
    if (jd_type(d, jd_get(d, attrs, "outage")) == JT_TRUE)
        return LEVEL_MAJOR;
    if (jd_type(d, jd_get(d, attrs, "degradation")) == JT_TRUE)
        return LEVEL_DEGRADED;
    return level_map_find_loose(impacts, jf_str(d, attrs, "impact"), LEVEL_NOTICE);
}

static void read_incident(struct jdoc *d, struct evb *b, jref rec)
{
    jref attrs = jd_get(d, rec, "attributes"), resolved = jd_get(d, attrs, "resolvedAt");
    const char *type = jf_str(d, rec, "type");
    struct incident *inc;

    if (type && strcmp(type, "incident") != 0 && strcmp(type, "maintenance") != 0)
        return;
    inc = evb_incident(b);
    inc->id = jf_id(d, rec, "id");
    inc->name = jf_dup_first(d, attrs, titles);
    if (!inc->name)
        inc->name = xstrdup("(untitled)");
    inc->status = jf_dup(d, attrs, "status");
    inc->impact = jf_dup(d, attrs, "impact");
    inc->started_at = inc->created_at = jf_time(d, attrs, "startedAt");
    inc->updated_at = jf_time(d, attrs, "updatedAt");
    inc->open = jd_type(d, resolved) == JT_NONE || jd_type(d, resolved) == JT_NULL;
    inc->level = level_of(d, attrs);
    inc->maintenance =
        (type && strcmp(type, "maintenance") == 0) ||
        jd_type(d, jd_get(d, attrs, "maintenance")) == JT_TRUE ||
        level_map_find_loose(impacts, jf_str(d, attrs, "impact"), LEVEL_NONE) == LEVEL_MAINTENANCE;
    if (inc->maintenance)
        inc->level = LEVEL_MAINTENANCE;
    if (!inc->open) {
        inc->resolved_at = jf_time(d, attrs, "resolvedAt");
        if (!inc->resolved_at)
            inc->resolved_at = inc->updated_at ? inc->updated_at : inc->started_at;
    }
}

static int read_document(struct jdoc *d, struct evb *b, char *err, size_t errlen)
{
    jref data = jd_get(d, JD_ROOT, "data"), first;
    const char *type;

    if (jd_type(d, JD_ROOT) != JT_OBJECT || jd_type(d, data) != JT_ARRAY)
        return provider_fail(err, errlen,
                             "not a Zendesk incidents document: 'data' is %s, expected an array",
                             jd_type_name(d, data));
    first = jd_first(d, data);
    type = jf_str(d, first, "type");
    if (type && strcmp(type, "service") == 0)
        return provider_fail(err, errlen,
                             "expected a Zendesk incidents document, got its "
                             "services list (no status there)");
    return provider_each_object(d, data, "a Zendesk incidents document", "incident", read_incident,
                                b, err, errlen);
}

static int zendesk_parse(const char *body, size_t len, struct evidence *out, char *err,
                         size_t errlen)
{
    struct evb b = {0};

    if (provider_read_jdoc(body, len, read_document, &b, err, errlen) != 0)
        return -1;
    b.ev.page_name = xstrdup("Zendesk");
    b.ev.quiet_is_ok = true;
    evb_finish(&b, PROVIDER_MAX_CLOSED, out);
    return 0;
}

static int zendesk_sniff(const char *body, size_t len)
{
    if (sniff_first(body, len) != '{' || !sniff_has(body, len, "\"data\""))
        return 0;
    if (sniff_has(body, len, "\"resolvedAt\"") && sniff_has(body, len, "\"outage\""))
        return 90;
    return sniff_has(body, len, "\"incidentServices\"") ? 80 : 0;
}

const struct provider provider_zendesk = {
    .name = "zendesk",
    .description = "Zendesk status incidents, /api/incidents/active or /api/ssp/incidents.json",
    .document = "a Zendesk incidents document",
    .parse = zendesk_parse,
    .sniff = zendesk_sniff,
    .crowd = false,
    .default_interval_s = 0,
    .auth = AUTH_NONE,
};
