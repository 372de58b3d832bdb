/* Hacker News through Algolia's search, GET
 * https://hn.algolia.com/api/v1/search_by_date?query=Q&tags=(story,comment):
 * {"hits": [...], "nbHits", "page", ...}, newest first. Each hit becomes a
 * mention (key: "hn:" and the item's objectID; author: the HN account;
 * no language, so no place: developers write in English from everywhere;
 * text: the title and the story or comment text made plain). Algolia
 * matches prefixes and typos ("nodejs" finds "nodes"), which is why a
 * source names its keywords and the model matches them on whole words.
 *
 * The cursor asks only for items created since the newest one seen, five
 * minutes earlier to catch what Algolia indexed late; items seen twice are
 * counted once (by key). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "provider_internal.h"
#include "sitrep/buf.h"
#include "sitrep/provider.h"
#include "sitrep/xalloc.h"

#define MAX_HITS   1000
#define MAX_TEXT   4096
#define OVERLAP_S  300
#define MAX_ID_LEN 20

static char *text_of(const json_t *hit)
{
    static const char *const keys[] = {"title", "story_text", "comment_text"};
    struct buf b = {0};

    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        const char *v = pj_str(hit, keys[i]);
        if (!v || !*v)
            continue;
        char *plain = text_from_html(v);
        buf_printf(&b, "%s%s", b.len ? "\n" : "", plain);
        free(plain);
    }
    if (b.len > MAX_TEXT) {
        size_t cut = MAX_TEXT;
        while (cut > 0 && (b.data[cut] & 0xC0) == 0x80)
            cut--;
        b.data[cut] = '\0';
        b.len = cut;
    }
    return buf_detach(&b);
}

static bool read_hit(const json_t *hit, struct mention *m)
{
    const char *id = pj_str(hit, "objectID"), *author = pj_str(hit, "author");
    time_t at = pj_epoch(hit, "created_at_i");
    size_t n = id ? strlen(id) : 0;

    if (!at)
        at = pj_time(hit, "created_at");
    if (!json_is_object(hit) || n == 0 || n > MAX_ID_LEN || !author || !*author ||
        strlen(author) > 256 || !at)
        return false;
    memset(m, 0, sizeof *m);
    m->key = xasprintf("hn:%s", id);
    m->author = xasprintf("%s@news.ycombinator.com", author);
    m->at = at;
    m->text = text_of(hit);
    return true;
}

static int hn_parse(const char *body, size_t len, struct evidence *out, char *err, size_t errlen)
{
    json_t *root = provider_load_json(body, len, err, errlen);
    json_t *hits, *hit;
    time_t newest = 0;
    size_t i, n = 0;

    if (!root)
        return -1;
    hits = json_is_object(root) ? json_object_get(root, "hits") : NULL;
    if (!json_is_array(hits)) {
        provider_fail(err, errlen, "not a search answer: 'hits' is %s, not an array",
                      pj_type_name(hits));
        json_decref(root); /* after the message: hits lives in root */
        return -1;
    }
    if (json_array_size(hits) > MAX_HITS) {
        json_decref(root);
        return provider_fail(err, errlen, "more than %d hits in one page", MAX_HITS);
    }
    out->mentions = xcalloc(json_array_size(hits) + 1, sizeof *out->mentions);
    json_array_foreach(hits, i, hit)
    {
        if (!read_hit(hit, &out->mentions[n]))
            continue;
        if (out->mentions[n].at > newest)
            newest = out->mentions[n].at;
        n++;
    }
    out->nmentions = n;
    /* percent-encoded: Algolia answered an unencoded '>' with an HTML 400 */
    if (newest > OVERLAP_S)
        out->next_query =
            xasprintf("numericFilters=created_at_i%%3E%lld", (long long)(newest - OVERLAP_S));
    json_decref(root);
    return 0;
}

static int hn_sniff(const char *body, size_t len)
{
    return sniff_first(body, len) == '{' && sniff_has(body, len, "\"hits\"") &&
                   sniff_has(body, len, "\"nbHits\"")
               ? 80
               : 0;
}

const struct provider provider_hn_algolia = {
    .name = "hn-algolia",
    .document = "a Hacker News search answer",
    .description = "Hacker News search by date (Algolia): stories and comments counted as mentions",
    .parse = hn_parse,
    .sniff = hn_sniff,
    .crowd = true,
    .mentions = true,
    .default_interval_s = 90,
    .auth = AUTH_NONE,
    .default_query = "tags=(story,comment)",
};
