/* Mastodon's public hashtag timeline, GET /api/v1/timelines/tag/:tag: an
 * array of Status objects, newest first. Each becomes a mention (key: the
 * post's uri, which is the same on every instance, where its id is not;
 * author: acct with the instance it lives on; language as the poster's
 * client set it; text: the HTML content and content warning made plain,
 * and the post's hashtags). The largest id is the cursor: the next poll
 * asks for min_id=<it> and gets only what arrived since.
 *
 * A boosted post (reblog) is someone else's post again and does not count;
 * tag timelines hold none, but a changed server might send them. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "provider_internal.h"
#include "sitrep/buf.h"
#include "sitrep/provider.h"
#include "sitrep/xalloc.h"

#define MAX_POSTS   400  /* a page holds 40 at most; room for a bigger one */
#define MAX_TEXT    4096 /* of plain text per post kept for matching */
#define MAX_ID_LEN  20   /* a 64-bit decimal */
#define MAX_KEY_LEN 1024

/* The instance an account lives on, from its profile URL
 * ("https://mas.to/@ana" -> "mas.to"); NULL when it cannot tell. */
static char *url_host(const char *url)
{
    const char *p = url ? strstr(url, "://") : NULL;
    size_t n;

    if (!p)
        return NULL;
    p += 3;
    n = strcspn(p, "/:?#@");
    return n && n < 256 ? xstrndup(p, n) : NULL;
}

static char *author_of(const json_t *account)
{
    const char *acct = pj_str(account, "acct");
    char *host;

    if (!acct || !*acct || strlen(acct) > 512)
        return NULL;
    if (strchr(acct, '@'))
        return xstrdup(acct);
    host = url_host(pj_str(account, "url"));
    if (!host)
        return xstrdup(acct);
    char *out = xasprintf("%s@%s", acct, host);
    free(host);
    return out;
}

/* Content warning, content and hashtags, as plain text for matching. */
static char *text_of(const json_t *status)
{
    struct buf b = {0};
    const json_t *tags = json_object_get(status, "tags");
    const char *parts[] = {pj_str(status, "spoiler_text"), pj_str(status, "content")};
    size_t i;
    json_t *tag;

    for (i = 0; i < 2; i++) {
        if (!parts[i] || !*parts[i])
            continue;
        char *plain = text_from_html(parts[i]);
        buf_printf(&b, "%s%s", b.len ? "\n" : "", plain);
        free(plain);
    }
    json_array_foreach(tags, i, tag)
    {
        const char *name = pj_str(tag, "name");
        char *mark = name && strlen(name) < 200 ? xasprintf("#%s", name) : NULL;
        /* the tags the content shows already are not said twice */
        if (mark && !(b.len && strcasestr(b.data, mark)))
            buf_printf(&b, "%s%s", b.len ? " " : "", mark);
        free(mark);
    }
    if (b.len > MAX_TEXT) {
        size_t cut = MAX_TEXT;
        while (cut > 0 && (b.data[cut] & 0xC0) == 0x80)
            cut--; /* not inside a character */
        b.data[cut] = '\0';
        b.len = cut;
    }
    return buf_detach(&b);
}

static bool digits(const char *s)
{
    size_t n = s ? strlen(s) : 0;

    return n > 0 && n <= MAX_ID_LEN && strspn(s, "0123456789") == n;
}

/* Ids are decimal strings of 64-bit numbers: longer is larger. */
static bool id_after(const char *a, const char *b)
{
    size_t la = strlen(a), lb = b ? strlen(b) : 0;

    return !b || la > lb || (la == lb && strcmp(a, b) > 0);
}

/* One Status into m; false when it cannot be one (no uri, author or time). */
static bool read_status(const json_t *st, struct mention *m)
{
    const json_t *account = json_object_get(st, "account");
    const char *uri = pj_str(st, "uri"), *lang = pj_str(st, "language");
    const json_t *reblog = json_object_get(st, "reblog");

    if (!json_is_object(st) || !uri || !*uri || strlen(uri) > MAX_KEY_LEN ||
        (reblog && !json_is_null(reblog)))
        return false;
    memset(m, 0, sizeof *m);
    m->at = pj_time(st, "created_at");
    m->author = json_is_object(account) ? author_of(account) : NULL;
    if (!m->at || !m->author) {
        free(m->author);
        return false;
    }
    m->key = xstrdup(uri);
    m->lang = lang && *lang && strlen(lang) < 16 ? xstrdup(lang) : NULL;
    m->bot = json_is_true(json_object_get(account, "bot"));
    m->text = text_of(st);
    return true;
}

static int mastodon_parse(const char *body, size_t len, struct evidence *out, char *err,
                          size_t errlen)
{
    json_t *root = provider_load_json(body, len, err, errlen);
    const char *newest = NULL;
    size_t i, n = 0;
    json_t *st;

    if (!root)
        return -1;
    if (!json_is_array(root)) {
        /* {"error": "..."}: an unknown tag (404) or a refusal that came
         * with 200; the text is the server's and is not repeated */
        int rc = json_is_object(root) && json_object_get(root, "error")
                     ? provider_fail(err, errlen, "the instance answered an error, not posts")
                     : provider_fail(err, errlen,
                                     "not a timeline: %s where an array of posts was "
                                     "expected",
                                     pj_type_name(root));
        json_decref(root);
        return rc;
    }
    if (json_array_size(root) > MAX_POSTS) {
        json_decref(root);
        return provider_fail(err, errlen, "more than %d posts in one page", MAX_POSTS);
    }
    out->mentions = xcalloc(json_array_size(root) + 1, sizeof *out->mentions);
    json_array_foreach(root, i, st)
    {
        const char *id = pj_str(st, "id");
        if (!read_status(st, &out->mentions[n]))
            continue;
        n++;
        if (digits(id) && id_after(id, newest))
            newest = id;
    }
    out->nmentions = n;
    out->next_query = newest ? xasprintf("min_id=%s", newest) : NULL;
    json_decref(root);
    return 0;
}

static int mastodon_sniff(const char *body, size_t len)
{
    return sniff_first(body, len) == '[' && sniff_has(body, len, "\"uri\"") &&
                   sniff_has(body, len, "\"account\"") && sniff_has(body, len, "\"visibility\"")
               ? 80
               : 0;
}

const struct provider provider_mastodon = {
    .name = "mastodon-tag",
    .document = "a Mastodon hashtag timeline",
    .description = "Mastodon public hashtag timeline (/api/v1/timelines/tag/TAG): posts counted "
                   "as mentions",
    .parse = mastodon_parse,
    .sniff = mastodon_sniff,
    .crowd = true,
    .mentions = true,
    .default_interval_s = 60,
    .auth = AUTH_NONE,
    .default_query = "limit=40",
};
