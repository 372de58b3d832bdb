/* Mentions: folding and matching public posts (mention.h), the places a
 * post suggests, and the model counting distinct authors per bucket through
 * the same detector as reports, labelled "mentions" and only ever possible. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/buf.h"
#include "sitrep/evidence.h"
#include "sitrep/export.h"
#include "sitrep/mention.h"
#include "sitrep/model.h"
#include "sitrep/poller.h"
#include "sitrep/provider.h"
#include "sitrep/sanitize.h"
#include "sitrep/snapshot.h"
#include "sitrep/timefmt.h"
#include "sitrep/xalloc.h"
#include "tap.h"
#include "testutil.h"

/* 2026-11-23 17:00 UTC, a Monday. */
#define T0 1795453200L

static void test_fold(void)
{
    char *f = mention_fold("Ne MARCHÉ pas!!  #WhatsApp\xe2\x80\xae");
    is_str(f, "ne marche pas whatsapp", "fold: case, accents, punctuation, bidi");
    free(f);
    f = mention_fold("\xef\xbc\xa6\xef\xbd\x81\xef\xbd\x83\xef\xbd\x85 down"); /* fullwidth Face */
    is_str(f, "face down", "fold: fullwidth letters");
    free(f);
    f = mention_fold("Störung bei Łódź");
    is_str(f, "storung bei lodz", "fold: Latin Extended-A");
    free(f);
    f = mention_fold("\x1b[31mred\x1b[0m");
    ok(strchr(f, '\x1b') == NULL, "fold: no escape survives");
    free(f);
}

static struct mention_rules rules_of(const char *const *kw, size_t n)
{
    struct mention_rules r = {0};
    char err[128];

    for (size_t i = 0; i < n; i++) {
        if (mention_rules_add(&r, kw[i], err, sizeof err) != 0)
            tap_diag("keyword %s: %s", kw[i], err);
    }
    return r;
}

static void test_match(void)
{
    static const char *const kw[] = {"#instagramdown", "instagram down",
                                     "fr: instagram ne marche pas", "ja: インスタ落ち"};
    struct mention_rules r = rules_of(kw, 4);
    char err[128];

    is_int(mention_match(&r, "Is Instagram DOWN for everyone?"), 1, "phrase, any case");
    is_int(mention_match(&r, "#InstagramDown again"), 0, "hashtag, any case");
    is_int(mention_match(&r, "instagram ne marché PAS"), 2, "accent-insensitive");
    is_int(mention_match(&r, "またインスタ落ちてる"), 3, "Japanese matches inside words");
    is_int(mention_match(&r, "instagram downloaded my photos"), -1, "'down' is not 'downloaded'");
    is_int(mention_match(&r, "instagram downtime report"), -1, "whole words only");
    is_int(mention_match(&r, "instagram down under: best beaches"), -1, "built-in stop phrase");
    is_int(mention_match(&r, "you let me down, instagram down"), -1, "stop phrase vetoes the post");
    is_int(mention_match(&r, "facebook down"), -1, "another service");
    ok(mention_rules_add_stop(&r, "Among Us", err, sizeof err) == 0, "a stop phrase of our own");
    is_int(mention_match(&r, "instagram down, playing among us instead"), -1, "own stop phrase");
    is_str(r.keywords[2].lang, "fr", "keyword language read");
    ok(mention_rules_add(&r, "fr: !!!", err, sizeof err) != 0, "keyword with no letters refused");
    mention_rules_free(&r);

    struct mention_rules none = {0};
    is_int(mention_match(&none, "anything at all"), MENTION_ANY, "no keywords: every post");
    is_int(mention_match(&none, "shut down the server"), -1, "no keywords: stops still apply");
}

static void test_places(void)
{
    region_id out[MENTION_MAX_REGIONS];
    size_t n = mention_lang_regions("fr", out, MENTION_MAX_REGIONS);

    is_int((int)n, 5, "fr suggests five countries");
    is_str(region_code(out[0]), "FR", "fr: FR first");
    is_str(region_code(out[1]), "BE", "fr: BE");
    is_str(region_code(out[2]), "CH", "fr: CH");
    n = mention_lang_regions("fr-CA", out, MENTION_MAX_REGIONS);
    ok(n == 1 && strcmp(region_code(out[0]), "CA") == 0, "fr-CA: the country said");
    n = mention_lang_regions("JA", out, MENTION_MAX_REGIONS);
    ok(n == 1 && strcmp(region_code(out[0]), "JP") == 0, "JA: JP");
    is_int((int)mention_lang_regions("en", out, MENTION_MAX_REGIONS), 0, "en suggests no place");
    is_int((int)mention_lang_regions(NULL, out, MENTION_MAX_REGIONS), 0, "no language");
    is_int((int)mention_lang_regions("zzzzzzzzzzzz", out, 8), 0, "long junk");
    is_str(region_code(mention_instance_region("ana@mstdn.jp")), "JP", "instance mstdn.jp: JP");
    is_str(region_code(mention_instance_region("bo@piaille.fr")), "FR", "instance .fr: FR");
    ok(mention_instance_region("cy@mas.to") == REGION_NONE, ".to is a brand, not a place");
    ok(mention_instance_region("di@mastodon.social") == REGION_NONE, "generic domain");
    ok(mention_instance_region("local") == REGION_NONE, "a local account");
}

/* ---- the model ------------------------------------------------------- */

static const char *const config_text = "[sitrep]\n"
                                       "columns = ALL EU FR IT JP US\n"
                                       "crowd_duration = 10m\n"
                                       "crowd_clear = 10m\n"
                                       "[service insta]\n"
                                       "name = Insta\n"
                                       "format = reportfeed\n"
                                       "url = https://reports.example/insta.json\n"
                                       "keyword = instagram down\n"
                                       "keyword = fr: instagram en panne\n";

struct posts {
    struct evidence ev;
    size_t cap;
    int serial;
};

static void post(struct posts *p, const char *author, const char *lang, const char *text, time_t at,
                 bool bot)
{
    if (p->ev.nmentions == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 16;
        p->ev.mentions = xreallocarray(p->ev.mentions, p->cap, sizeof *p->ev.mentions);
    }
    p->ev.mentions[p->ev.nmentions++] = (struct mention){
        .key = xasprintf("https://x.example/posts/%d", p->serial++),
        .author = xstrdup(author),
        .lang = lang ? xstrdup(lang) : NULL,
        .text = xstrdup(text),
        .at = at,
        .bot = bot,
    };
}

static void feed(struct model *m, struct posts *p, time_t now)
{
    model_source_success(m, 0, 0, &p->ev, now);
    p->ev = (struct evidence){0};
    p->cap = 0;
}

static const struct snap_cell *cell_of(const struct snapshot *s, const char *col)
{
    for (size_t c = 0; c < s->ncolumns; c++) {
        if (strcmp(region_code(s->columns[c]), col) == 0)
            return &s->services[0].cells[c];
    }
    return NULL;
}

/* Two quiet hours (an English post every quarter hour), then from 19:00 a
 * French spike: n_authors distinct authors a bucket, each posting
 * per_author times. Polled every minute. Returns the model at 19:30. */
static struct model *run(const struct config *cfg, int n_authors, int per_author, bool bots,
                         struct snapshot **out)
{
    struct model *m = model_new(cfg);
    struct posts p = {0};
    char name[64];

    /* the first answer: quiet posts of the two hours before */
    for (time_t t = T0; t < T0 + 7200; t += 900)
        post(&p, "old@mas.to", "en", "instagram down? no, fine", t + 30, false);
    feed(m, &p, T0 + 7200);
    for (time_t now = T0 + 7200 + 60; now <= T0 + 9000; now += 60) {
        for (int a = 0; a < n_authors; a++) {
            /* a flood is the same accounts all along */
            snprintf(name, sizeof name, "user%d-%ld@piaille.example", a,
                     per_author > 1 ? 0L : (long)now);
            for (int k = 0; k < per_author; k++)
                post(&p, name, "fr", "Instagram en PANNE chez moi aussi", now - 30, bots);
        }
        feed(m, &p, now);
    }
    *out = model_snapshot(m, T0 + 9000);
    return m;
}

static void test_model_spike(void)
{
    struct config cfg = {0};
    struct snapshot *s;
    struct model *m;

    tu_config(&cfg, config_text);
    m = run(&cfg, 3, 1, false, &s); /* 3 authors a minute: 15 a bucket */
    const struct snap_cell *fr = cell_of(s, "FR"), *eu = cell_of(s, "EU"), *us = cell_of(s, "US");
    const struct snap_cell *all = cell_of(s, "ALL");
    is_str(level_name(fr->level), "major", "FR: a spike of French posts is a problem...");
    ok(fr->possible, "...only possible");
    is_str(evidence_kind_name(fr->evidence), "mentions", "FR: evidence is mentions");
    is_int((int)fr->mentions, 15, "FR: 15 distinct authors in the last bucket");
    is_int((int)fr->reports, -1, "FR: no reports");
    ok(eu->possible && eu->level == LEVEL_MAJOR, "EU (holds FR): possible major");
    is_int((int)eu->mentions, 15, "EU: the series counted once though it covers FR BE CH LU");
    ok(all->possible, "ALL: possible");
    ok(us->level == LEVEL_NONE, "US: French posts say nothing of the US");
    ok(cell_of(s, "JP")->level == LEVEL_NONE, "JP: nothing");

    struct buf b = {0};
    ok(snap_cell_note(&s->services[0], fr, T0 + 9000, 0, &b), "FR has a note");
    ok(strstr(buf_str(&b), "public mentions only, not reports") != NULL, "note says mentions");
    buf_free(&b);
    int found = 0;
    for (size_t i = 0; i < s->services[0].ncrowd; i++) {
        const struct snap_crowd *c = &s->services[0].crowd[i];
        if (strcmp(c->key, "lang:fr") == 0) {
            found = 1;
            ok(c->mentions, "the fr series is a mention series");
            is_int((int)c->nsamples, SNAP_SAMPLES, "with the latest posts as samples");
            ok(c->nsamples && strcmp(c->samples[0].where, "piaille.example") == 0,
               "a sample names the author's instance, not the account");
            ok(c->nsamples && c->samples[0].at == T0 + 9000 - 30, "the newest first");
            snap_crowd_describe(c, 0, &b);
            ok(strstr(buf_str(&b), "15 mentions, problems since 19:00") != NULL,
               "described as mentions: %s", buf_str(&b));
            ok(strstr(buf_str(&b), "reports") == NULL, "never as reports");
            buf_free(&b);
        }
    }
    ok(found, "a series keyed lang:fr");

    /* the exports */
    struct export_opts opts = {0};
    struct buf out = {0};
    export_snapshot(s, EXPORT_TEXT, &opts, &out);
    const char *text = buf_str(&out);
    ok(strstr(text, "major?@") != NULL, "text: the cell is marked @ (mentions)");
    ok(strstr(text, "@ = public mentions only") != NULL, "text: the legend says so");
    ok(strstr(text, "  mentions FR: (lang:fr, possible) 15 mentions") != NULL,
       "text: the series line");
    buf_free(&out);
    export_snapshot(s, EXPORT_JSON, &opts, &out);
    const char *json = buf_str(&out);
    ok(strstr(json, "\"mentions\": 15") != NULL, "json: cell mentions");
    ok(strstr(json, "\"evidence\": \"mentions\"") != NULL, "json: evidence mentions");
    ok(strstr(json, "\"kind\": \"mentions\"") != NULL, "json: series kind");
    buf_free(&out);
    snapshot_free(s);

    /* then nothing new for twenty minutes, said as "not modified": the
     * buckets go on as zeros and the spike is judged over */
    for (time_t now = T0 + 9060; now <= T0 + 10200; now += 60)
        model_source_unchanged(m, 0, 0, now);
    s = model_snapshot(m, T0 + 10200);
    is_int((int)cell_of(s, "FR")->mentions, 0, "unchanged answers count as zero, not as gaps");
    ok(!level_is_problem(cell_of(s, "FR")->level), "and the quiet clears the problem (%s)",
       level_name(cell_of(s, "FR")->level));
    snapshot_free(s);
    model_free(m);
    config_free(&cfg);
}

static void test_model_honest(void)
{
    struct config cfg = {0};
    struct snapshot *s;
    struct model *m;

    tu_config(&cfg, config_text);
    m = run(&cfg, 1, 100, false, &s); /* one account, 100 posts a minute */
    ok(!level_is_notable(cell_of(s, "FR")->level), "a flood from one account raises nothing");
    is_int((int)cell_of(s, "FR")->mentions, 1, "it counts as one author");
    snapshot_free(s);
    model_free(m);
    m = run(&cfg, 3, 1, true, &s); /* the same spike, from bots */
    ok(!level_is_notable(cell_of(s, "FR")->level), "bots raise nothing");
    snapshot_free(s);
    model_free(m);

    /* the same posts again (a second instance federating them) */
    m = model_new(&cfg);
    struct posts p = {0};
    post(&p, "old@mas.to", "en", "instagram down? no", T0, false);
    for (int i = 0; i < 12; i++) {
        char a[32];
        snprintf(a, sizeof a, "u%d@x.example", i);
        post(&p, a, "fr", "instagram en panne", T0 + 7200 + 10, false);
    }
    struct evidence copy;
    evidence_copy(&copy, &p.ev);
    feed(m, &p, T0 + 7200 + 60);
    model_source_success(m, 0, 0, &copy, T0 + 7200 + 120);
    feed(m, &p, T0 + 7200 + 360); /* an empty answer once the bucket is complete */
    s = model_snapshot(m, T0 + 7200 + 360);
    is_int((int)cell_of(s, "FR")->mentions, 12, "posts seen twice count once (by key)");
    snapshot_free(s);
    model_free(m);
    config_free(&cfg);
}

/* ---- providers: real captures to goldens ------------------------------ */

#define SIGNALS "tests/fixtures/signals/"

static int parse_file(const char *format, const char *rel, struct evidence *ev, char *err,
                      size_t errlen)
{
    size_t len;
    char *body = tap_read_file(rel, &len);
    int rc;

    memset(ev, 0, sizeof *ev);
    rc = provider_find(format)->parse(body, len, ev, err, errlen);
    free(body);
    return rc;
}

/* One line a post: time, key, author, language, bot, and the sanitized
 * start of its text. */
static char *dump_mentions(const struct evidence *ev)
{
    struct buf b = {0};
    char iso[32];

    for (size_t i = 0; i < ev->nmentions; i++) {
        const struct mention *m = &ev->mentions[i];
        char *text = sanitize_str(m->text, 72, SAN_ELLIPSIS);
        time_format_iso8601(m->at, iso, sizeof iso);
        buf_printf(&b, "%s %s\n  author=%s lang=%s bot=%d\n  %s\n", iso, m->key, m->author,
                   m->lang ? m->lang : "-", m->bot, text);
        free(text);
    }
    buf_printf(&b, "next_query=%s\n", ev->next_query ? ev->next_query : "-");
    return buf_detach(&b);
}

static void test_mastodon_capture(void)
{
    struct evidence ev;
    char err[256];
    char *dump;

    ok(parse_file("mastodon-tag",
                  SIGNALS "schochastics-rtoot__tag_timeline_ichbinhanna_anonymous.json", &ev, err,
                  sizeof err) == 0,
       "mastodon: the real tag timeline parses (%s)", err);
    is_int((int)ev.nmentions, 5, "mastodon: five posts");
    is_str(ev.mentions[0].author, "amreibahr@mastodon.social",
           "a local account gets its instance from its URL");
    is_str(ev.mentions[1].key, "https://mas.to/users/CathleenSarti/statuses/109304314822684850",
           "the key is the uri, the same on every instance");
    is_str(ev.next_query, "min_id=109307661613791619", "the cursor is the newest id");
    ok(strstr(ev.mentions[0].text, "<p>") == NULL, "no markup left in the text");
    ok(strcasestr(ev.mentions[0].text, "#IchbinHanna") != NULL,
       "the post's hashtags are in the text");
    const char *first = strcasestr(ev.mentions[4].text, "#IchbinHanna");
    ok(first && !strcasestr(first + 1, "#IchbinHanna"),
       "a hashtag the content shows (#IchBinHanna) is not added again");
    dump = dump_mentions(&ev);
    ok(tu_golden(dump, "tests/golden/signals/mastodon_ichbinhanna.txt"), "mastodon: golden");
    free(dump);

    /* a tag timeline source: no keywords, every post counts */
    struct config cfg = {0};
    tu_config(&cfg, "[sitrep]\ncolumns = ALL EU DE FR\n[service h]\nname = H\n"
                    "format = mastodon-tag\n"
                    "url = https://mastodon.social/api/v1/timelines/tag/ichbinhanna\n");
    struct model *m = model_new(&cfg);
    model_source_success(m, 0, 0, &ev, 1667910600); /* the capture's Date: 2022-11-08 12:30 */
    struct snapshot *s = model_snapshot(m, 1667910600);
    int de = 0, any = 0;
    for (size_t i = 0; i < s->services[0].ncrowd; i++) {
        const struct snap_crowd *c = &s->services[0].crowd[i];
        de |= strcmp(c->key, "lang:de") == 0 && strcmp(region_code(c->region), "DE") == 0;
        any |= strcmp(c->key, "any") == 0 && strcmp(region_code(c->region), "ALL") == 0;
        ok(c->mentions, "series %s is mentions", c->key);
    }
    ok(de, "German posts: a series for DE (AT, CH)");
    ok(any, "the English post on mas.to: anywhere");
    snapshot_free(s);
    model_free(m);
    config_free(&cfg);
}

static void test_mastodon_refusals(void)
{
    static const struct {
        const char *body, *why;
    } bad[] = {
        {"{\"error\":\"The access token is invalid\"}", "error"},
        {"{\"error\":\"Record not found\"}", "error"},
        {"<!DOCTYPE html><html>blocked</html>", "HTML"},
        {"{\"statuses\":[]}", "array"},
        {"", "empty"},
    };
    char err[256];

    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        struct evidence ev = {0};
        int rc = provider_find("mastodon-tag")
                     ->parse(bad[i].body, strlen(bad[i].body), &ev, err, sizeof err);
        ok(rc != 0 && ev.nmentions == 0, "refused: %s (%s)", bad[i].why, err);
        ok(!strstr(err, "access token") && !strstr(err, "blocked"), "the error does not quote it");
    }
    struct evidence ev = {0};
    const char *hostile =
        "[{\"id\":\"5\",\"uri\":\"https://x.example/p/5\",\"created_at\":\"2026-11-23T19:00:00Z\","
        "\"language\":\"fr\",\"content\":\"<p>Instagram \\u001b[2J en \\u202epanne</p>\","
        "\"account\":{\"acct\":\"a@x.fr\",\"bot\":false}},"
        "{\"id\":\"6\",\"uri\":\"https://x.example/p/6\",\"created_at\":\"2026-11-23T19:00:00Z\","
        "\"content\":\"boost\",\"reblog\":{\"id\":\"1\"},\"account\":{\"acct\":\"b\"}},"
        "{\"id\":\"7\",\"content\":\"no uri\",\"account\":{\"acct\":\"c\"}}]";
    ok(provider_find("mastodon-tag")->parse(hostile, strlen(hostile), &ev, err, sizeof err) == 0,
       "a page with bad posts parses");
    is_int((int)ev.nmentions, 1, "boosts and posts without a uri are left out");
    struct mention_rules r = {0};
    mention_rules_add(&r, "fr: instagram en panne", err, sizeof err);
    ok(mention_match(&r, ev.mentions[0].text) == 0, "escapes and bidi do not break the match");
    mention_rules_free(&r);
    evidence_free(&ev);
}

static void test_hn_capture(void)
{
    struct evidence ev;
    char err[256];
    char *dump;
    int matched = 0, wrong = 0;
    struct mention_rules r = {0};

    ok(parse_file("hn-algolia", SIGNALS "siukalator-hackersnews__search_by_date_nodejs.json", &ev,
                  err, sizeof err) == 0,
       "hn: the real search answer parses (%s)", err);
    is_int((int)ev.nmentions, 20, "hn: twenty hits");
    is_str(ev.mentions[0].key, "hn:15353312", "the key is the item id");
    is_str(ev.mentions[0].author, "RealJon@news.ycombinator.com", "the author");
    ok(ev.mentions[0].lang == NULL, "no language: no place");
    is_str(ev.next_query, "numericFilters=created_at_i%3E1506554904",
           "the cursor: since the newest item, five minutes back, '>' encoded");
    ok(strstr(ev.mentions[0].text, "&#x27;") == NULL && strstr(ev.mentions[0].text, "don't"),
       "entities decoded");
    dump = dump_mentions(&ev);
    ok(tu_golden(dump, "tests/golden/signals/hn_nodejs.txt"), "hn: golden");
    free(dump);
    /* Algolia's prefix and typo matching: the query nodejs found "nodes",
     * "nodesocket", "Node8's"; whole words keep only what says it */
    mention_rules_add(&r, "nodejs", err, sizeof err);
    mention_rules_add(&r, "node js", err, sizeof err);
    for (size_t i = 0; i < ev.nmentions; i++) {
        bool says = strcasestr(ev.mentions[i].text, "nodejs") ||
                    strcasestr(ev.mentions[i].text, "node.js") ||
                    strcasestr(ev.mentions[i].text, "node js");
        bool m = mention_match(&r, ev.mentions[i].text) >= 0;
        matched += m;
        wrong += m != says;
    }
    is_int(wrong, 0, "matches exactly the hits that name node.js");
    ok(matched > 0 && matched < 20, "some hits, not all (%d)", matched);
    mention_rules_free(&r);
    evidence_free(&ev);
}

static void test_ioda_capture(void)
{
    struct evidence ev;
    char err[256];
    struct buf b = {0};
    char iso[32];

    ok(parse_file("ioda", SIGNALS "jamesonhohbein-news-radar__outages_events_codf_EDITED.json", &ev,
                  err, sizeof err) == 0,
       "ioda: the real outage events parse (%s)", err);
    for (size_t i = 0; i < ev.nincidents; i++) {
        const struct incident *inc = &ev.incidents[i];
        time_format_iso8601(inc->started_at, iso, sizeof iso);
        buf_printf(&b, "%s %s open=%d level=%s at %s since %s\n", inc->id, inc->name, inc->open,
                   level_name(inc->level),
                   inc->nlocations ? region_code(inc->locations[0].region) : "-", iso);
    }
    ok(tu_golden(buf_str(&b), "tests/golden/signals/ioda_events.txt"), "ioda: golden");
    buf_free(&b);
    is_int((int)ev.nincidents, 1,
           "only the country event: IODA's region and ASN ids, and ZZ, left out");
    ok(ev.nincidents && ev.incidents[0].open,
       "Lithuania's drop lasts to the window's end: going on");
    ok(ev.quiet_is_ok, "countries it does not name are ok");

    struct config cfg = {0};
    tu_config(&cfg, "[sitrep]\ncolumns = ALL EU LT FR\n[service internet]\nname = Internet\n"
                    "format = ioda\ndefault_region = ALL\n"
                    "url = https://api.ioda.example/v2/outages/events?entityType=country\n");
    struct model *m = model_new(&cfg);
    model_source_success(m, 0, 0, &ev, 1790234090);
    struct snapshot *s = model_snapshot(m, 1790234090);
    const struct snap_cell *lt = cell_of(s, "LT"), *fr = cell_of(s, "FR");
    ok(lt->level == LEVEL_PARTIAL && !lt->possible, "LT: a connectivity drop, certain");
    is_str(evidence_kind_name(lt->evidence), "official",
           "measured by IODA: its own word (docs/signals.md)");
    ok(fr->level == LEVEL_OK, "FR: ok, IODA names no trouble there");
    ok(cell_of(s, "EU")->level == LEVEL_PARTIAL, "EU holds LT");
    snapshot_free(s);
    model_free(m);
    config_free(&cfg);

    ok(parse_file("ioda",
                  SIGNALS "../../../fuzz/corpus/ioda/"
                          "inetintel-ioda-ui__signals_raw_asn1299_upstream_delay_penult_asns.json",
                  &ev, err, sizeof err) != 0,
       "ioda: a signals/raw answer is not read as 'no outage' (%s)", err);
}

/* A Lithuanian spike of mentions while IODA sees Lithuania's connectivity
 * drop: the network may explain it, and the service says so. */
static void test_network_hint(void)
{
    struct config cfg = {0};
    struct evidence ioda;
    struct posts p = {0};
    char err[256], who[64];
    const time_t end = 1790234090, start = end - 7200;

    tu_config(&cfg, "[sitrep]\ncolumns = ALL EU LT\ncrowd_duration = 10m\n"
                    "[service app]\nname = App\nformat = mastodon-tag\n"
                    "url = https://social.example/api/v1/timelines/tag/appdown\n"
                    "[service internet]\nname = Internet (IODA)\nformat = ioda\n"
                    "default_region = ALL\nurl = https://api.ioda.example/v2/outages/events\n");
    struct model *m = model_new(&cfg);
    post(&p, "old@x.example", "en", "app photo thread", start, false);
    feed(m, &p, start + 60);
    for (time_t now = end - 1800; now <= end; now += 60) {
        for (int a = 0; a < 4; a++) {
            snprintf(who, sizeof who, "u%d-%ld@x.example", a, (long)now);
            post(&p, who, "lt", "app neveikia", now - 20, false);
        }
        feed(m, &p, now);
    }
    ok(parse_file("ioda", SIGNALS "jamesonhohbein-news-radar__outages_events_codf_EDITED.json",
                  &ioda, err, sizeof err) == 0,
       "ioda parses");
    model_source_success(m, tu_service(&cfg, "internet"), 0, &ioda, end);
    struct snapshot *s = model_snapshot(m, end);
    const struct snap_service *app = &s->services[tu_service(&cfg, "app")];
    ok(app->network_hint && strstr(app->network_hint, "connectivity drop in LT"),
       "a crowd spike where IODA sees a drop: the network may explain it (%s)",
       app->network_hint ? app->network_hint : "none");
    ok(!s->services[tu_service(&cfg, "internet")].network_hint, "the Internet row itself: no hint");
    struct export_opts opts = {0};
    struct buf out = {0};
    export_snapshot(s, EXPORT_TEXT, &opts, &out);
    ok(strstr(buf_str(&out), "the network may explain it") != NULL, "text says it");
    buf_free(&out);
    snapshot_free(s);
    model_free(m);
    config_free(&cfg);
}

static void test_expand_times(void)
{
    char *u = poller_expand_times("https://x.example/e?from={now-3600}&until={now}&k={nowhere}",
                                  1790234090);
    is_str(u, "https://x.example/e?from=1790230490&until=1790234090&k={nowhere}",
           "times filled in");
    free(u);
    u = poller_expand_times("https://x.example/{now-}{now-99999999999}{now", 10);
    is_str(u, "https://x.example/{now-}{now-99999999999}{now", "malformed ones left alone");
    free(u);
}

/* The bundled catalog: the free signals for the consumer services out of
 * the box, each within its API's published limit for one address with a
 * 2x margin (Mastodon: 300 requests in 5 minutes per instance; Algolia's
 * HN search: about 10,000 an hour). */
static void test_catalog_signals(void)
{
    static const char *const consumer[] = {
        "facebook", "instagram", "messenger", "whatsapp", "teams",    "discord",
        "steam",    "psn",       "x",         "tiktok",   "snapchat", "spotify",
        "netflix",  "youtube",   "gmail",     "outlook",  "icloud"};
    struct config cfg = {0};
    char *errors = NULL;
    double mastodon_5min = 0, hn_hour = 0;
    int languages = 0;

    if (!ok(config_load_file(SITREP_SRCDIR "/data/catalog.ini", &cfg, &errors) == 0,
            "the catalog loads")) {
        tap_diag("%s", errors ? errors : "");
        free(errors);
        return;
    }
    for (size_t i = 0; i < sizeof consumer / sizeof *consumer; i++) {
        const struct source_conf *found = NULL;
        size_t svc = tu_service(&cfg, consumer[i]);
        for (size_t j = 0; j < cfg.services[svc].nsources; j++) {
            const struct source_conf *s = &cfg.services[svc].sources[j];
            if (strcmp(s->provider->name, "mastodon-tag") == 0 && s->auth == AUTH_NONE)
                found = s;
        }
        ok(found && found->match.nkeywords >= 4, "%s: a Mastodon tag with keywords, no key",
           consumer[i]);
    }
    for (size_t i = 0; i < cfg.nservices; i++) {
        for (size_t j = 0; j < cfg.services[i].nsources; j++) {
            const struct source_conf *s = &cfg.services[i].sources[j];
            int every = config_source_interval(&cfg, s);
            if (strcmp(s->provider->name, "mastodon-tag") == 0) {
                ok(strstr(s->url, "https://mastodon.social/") == s->url, "%s on mastodon.social",
                   cfg.services[i].id);
                mastodon_5min += 300.0 / every;
            }
            if (strcmp(s->provider->name, "hn-algolia") == 0)
                hn_hour += 3600.0 / every;
            for (size_t k = 0; k < s->match.nkeywords; k++)
                languages += s->match.keywords[k].lang[0] != '\0';
        }
    }
    ok(mastodon_5min > 0 && mastodon_5min * 2 <= 300, "Mastodon: %.0f requests in 5 minutes",
       mastodon_5min);
    ok(hn_hour > 0 && hn_hour * 2 <= 10000, "HN: %.0f requests an hour", hn_hour);
    ok(languages >= 40, "keywords in other languages than English: %d", languages);
    config_free(&cfg);
}

int main(void)
{
    test_fold();
    test_match();
    test_places();
    test_model_spike();
    test_model_honest();
    test_mastodon_capture();
    test_mastodon_refusals();
    test_hn_capture();
    test_ioda_capture();
    test_expand_times();
    test_network_hint();
    test_catalog_signals();
    return tap_done();
}
