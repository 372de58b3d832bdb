/* Matching public posts against a service's keywords (see mention.h). */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/buf.h"
#include "sitrep/mention.h"
#include "sitrep/sanitize.h"
#include "sitrep/xalloc.h"

/* U+00C0..U+017F to a lower-case ASCII letter; ' ' for the two signs in
 * that range (multiplication, division). */
static const char latin_fold[] = "aaaaaaaceeeeiiii"
                                 "dnooooo ouuuuyts"
                                 "aaaaaaaceeeeiiii"
                                 "dnooooo ouuuuyty"
                                 "aaaaaaccccccccdd"
                                 "ddeeeeeeeeeegggg"
                                 "gggghhhhiiiiiiii"
                                 "iiiijjkkklllllll"
                                 "lllnnnnnnnnnoooo"
                                 "oooorrrrrrssssss"
                                 "sstttttttuuuuuuu"
                                 "uuuuwwyyyzzzzzzs";

/* The common false friends: a post holding one of these is not about an
 * outage even when it names the service beside "down" or "panne". Folded. */
static const char *const builtin_stops[] = {
    "let me down",
    "let you down",
    "let us down",
    "shut down",
    "shutting down",
    "calm down",
    "down under",
    "upside down",
    "count down",
    "countdown",
    "touchdown",
    "download",
    "downloaded",
    "downvote",
    "downvoted",
    "back up",
    "working again",
    "works again",
    "fonctionne a nouveau",
    "remarche",
    "funziona di nuovo",
    "wieder da",
};

/* Code point to what folding makes of it: a lower-case ASCII letter or
 * digit, ' ' for a separator, or 0 to keep the character as it is. */
static unsigned fold_cp(unsigned cp)
{
    if (cp < 0x80)
        return isalnum((int)cp) ? (unsigned)tolower((int)cp) : ' ';
    if (cp >= 0xC0 && cp <= 0x17F)
        return (unsigned char)latin_fold[cp - 0xC0];
    if (cp >= 0xFF01 && cp <= 0xFF5E) /* fullwidth ASCII */
        return fold_cp(cp - 0xFEE0);
    if (cp < 0xC0 || (cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
        (cp >= 0xFE30 && cp <= 0xFE4F) || cp >= 0x1F000)
        return ' '; /* Latin-1 signs, punctuation, arrows, symbols, emoji */
    return 0;
}

/* Upper case of the other cased scripts a post may use, to lower case. */
static unsigned lower_cp(unsigned cp)
{
    if ((cp >= 0x391 && cp <= 0x3A9) || (cp >= 0x410 && cp <= 0x42F))
        return cp + 0x20;
    if (cp >= 0x400 && cp <= 0x40F)
        return cp + 0x50;
    return cp;
}

static void put_cp(struct buf *b, unsigned cp)
{
    char u[4];
    size_t n;

    if (cp < 0x800) {
        u[0] = (char)(0xC0 | cp >> 6);
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | cp >> 12);
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | cp >> 18);
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    buf_append(b, u, n);
}

char *mention_fold(const char *text)
{
    char *clean = sanitize_str(text, 0, 0);
    size_t n = strlen(clean);
    struct buf b = {0};
    bool space = true; /* no leading space */

    for (size_t i = 0; i < n;) {
        unsigned cp, f;
        size_t len = utf8_decode(clean + i, n - i, &cp);
        if (len == 0) {
            len = 1;
            cp = ' ';
        }
        i += len;
        f = fold_cp(cp);
        if (f == ' ') {
            if (!space)
                buf_append(&b, " ", 1);
            space = true;
            continue;
        }
        space = false;
        if (f) {
            char c = (char)f;
            buf_append(&b, &c, 1);
        } else {
            put_cp(&b, lower_cp(cp));
        }
    }
    free(clean);
    if (b.len && b.data[b.len - 1] == ' ')
        b.len--;
    return buf_detach(&b);
}

/* A phrase in a script written without spaces between words matches
 * anywhere; others on word boundaries. */
static bool unspaced(const char *phrase)
{
    for (const unsigned char *p = (const unsigned char *)phrase; *p; p++) {
        if (*p >= 0xE2 && *p != 0xEF) /* U+2000 and up, bar the fullwidth forms */
            return true;
    }
    return false;
}

static bool has_phrase(const char *folded, const char *phrase)
{
    size_t n = strlen(phrase);
    bool anywhere = unspaced(phrase);

    if (n == 0)
        return false;
    for (const char *p = strstr(folded, phrase); p; p = strstr(p + 1, phrase)) {
        if (anywhere || ((p == folded || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' ')))
            return true;
    }
    return false;
}

int mention_match(const struct mention_rules *r, const char *text)
{
    char *folded = mention_fold(text);
    int found = r->nkeywords ? -1 : MENTION_ANY;

    for (size_t i = 0; i < sizeof builtin_stops / sizeof *builtin_stops; i++) {
        if (has_phrase(folded, builtin_stops[i])) {
            found = -1;
            goto out;
        }
    }
    for (size_t i = 0; i < r->nstops; i++) {
        if (has_phrase(folded, r->stops[i])) {
            found = -1;
            goto out;
        }
    }
    for (size_t i = 0; i < r->nkeywords; i++) {
        if (has_phrase(folded, r->keywords[i].text)) {
            found = (int)i;
            break;
        }
    }
out:
    free(folded);
    return found;
}

/* "fr: text": the language before a colon, 2-7 letters (and '-'). */
static size_t lang_prefix(const char *spec)
{
    size_t n = strspn(spec, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-");

    return spec[n] == ':' && n >= 2 && n < MENTION_LANG_MAX ? n : 0;
}

int mention_rules_add(struct mention_rules *r, const char *spec, char *err, size_t errlen)
{
    size_t n = lang_prefix(spec);
    struct mention_keyword k = {0};

    if (r->nkeywords >= MENTION_MAX_KEYWORDS) {
        snprintf(err, errlen, "more than %d keywords", MENTION_MAX_KEYWORDS);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        k.lang[i] = (char)tolower((unsigned char)spec[i]);
    k.text = mention_fold(n ? spec + n + 1 : spec);
    if (!*k.text) {
        snprintf(err, errlen, "keyword '%s' has no letters or digits", spec);
        free(k.text);
        return -1;
    }
    r->keywords = xreallocarray(r->keywords, r->nkeywords + 1, sizeof *r->keywords);
    r->keywords[r->nkeywords++] = k;
    return 0;
}

int mention_rules_add_stop(struct mention_rules *r, const char *phrase, char *err, size_t errlen)
{
    char *f = mention_fold(phrase);

    if (!*f) {
        snprintf(err, errlen, "stop phrase '%s' has no letters or digits", phrase);
        free(f);
        return -1;
    }
    r->stops = xreallocarray(r->stops, r->nstops + 1, sizeof *r->stops);
    r->stops[r->nstops++] = f;
    return 0;
}

void mention_rules_free(struct mention_rules *r)
{
    for (size_t i = 0; i < r->nkeywords; i++)
        free(r->keywords[i].text);
    free(r->keywords);
    for (size_t i = 0; i < r->nstops; i++)
        free(r->stops[i]);
    free(r->stops);
    memset(r, 0, sizeof *r);
}

/* ---- regions ---------------------------------------------------------- */

/* Where a language is the main one: a language spoken across the world
 * (en) suggests no place. */
static const struct {
    const char *lang;
    const char *countries;
} lang_table[] = {
    {"ja", "JP"},
    {"ko", "KR"},
    {"zh", "CN TW HK SG"},
    {"fr", "FR BE CH LU CA"},
    {"it", "IT CH"},
    {"de", "DE AT CH"},
    {"es", "ES MX AR CO CL PE"},
    {"pt", "PT BR"},
    {"nl", "NL BE"},
    {"pl", "PL"},
    {"sv", "SE"},
    {"da", "DK"},
    {"nb", "NO"},
    {"nn", "NO"},
    {"no", "NO"},
    {"fi", "FI"},
    {"tr", "TR"},
    {"ru", "RU"},
    {"uk", "UA"},
    {"cs", "CZ"},
    {"el", "GR"},
    {"hu", "HU"},
    {"ro", "RO"},
    {"he", "IL"},
    {"ar", "SA EG AE MA DZ"},
    {"hi", "IN"},
    {"id", "ID"},
    {"th", "TH"},
    {"vi", "VN"},
    {"ca", "ES"},
    {"eu", "ES"},
    {"gl", "ES"},
    {"lt", "LT"},
    {"lv", "LV"},
    {"et", "EE"},
    {"sk", "SK"},
    {"sl", "SI"},
    {"hr", "HR"},
    {"bg", "BG"},
    {"sr", "RS"},
};

static size_t add_country(const char *code, region_id *out, size_t n, size_t max)
{
    region_id id = region_find(code);

    if (id == REGION_NONE || n >= max || region_kind(id) != REGION_KIND_COUNTRY)
        return n;
    out[n] = id;
    return n + 1;
}

size_t mention_lang_regions(const char *lang, region_id *out, size_t max)
{
    char base[MENTION_LANG_MAX] = "";
    size_t n = 0, len;

    if (!lang)
        return 0;
    len = strcspn(lang, "-_");
    if (len == 0 || len >= sizeof base)
        return 0;
    for (size_t i = 0; i < len; i++)
        base[i] = (char)tolower((unsigned char)lang[i]);
    if (lang[len] && strlen(lang + len + 1) == 2) /* fr-CA, pt_BR: the country said */
        n = add_country(lang + len + 1, out, 0, max);
    if (n)
        return n;
    for (size_t i = 0; i < sizeof lang_table / sizeof *lang_table; i++) {
        const char *c = lang_table[i].countries;
        if (strcmp(lang_table[i].lang, base) != 0)
            continue;
        while (*c) {
            char code[3] = {c[0], c[1], '\0'};
            n = add_country(code, out, n, max);
            c += c[2] ? 3 : 2;
        }
        break;
    }
    return n;
}

/* Country domains that serve as brands more than as places. */
static const char *const vanity_tlds[] = {"io", "co", "me", "tv", "ai", "gg", "to",
                                          "fm", "ly", "cc", "ws", "la", "sh", "im",
                                          "nu", "su", "am", "so", "vc", "xyz"};

region_id mention_instance_region(const char *author)
{
    const char *at = author ? strrchr(author, '@') : NULL;
    const char *dot = at ? strrchr(at, '.') : NULL;
    char code[3];

    if (!dot || strlen(dot + 1) != 2 || !isalpha((unsigned char)dot[1]) ||
        !isalpha((unsigned char)dot[2]))
        return REGION_NONE;
    for (size_t i = 0; i < sizeof vanity_tlds / sizeof *vanity_tlds; i++) {
        if (strcasecmp(dot + 1, vanity_tlds[i]) == 0)
            return REGION_NONE;
    }
    if (strcasecmp(dot + 1, "uk") == 0)
        return region_find("GB");
    code[0] = dot[1];
    code[1] = dot[2];
    code[2] = '\0';
    region_id id = region_find(code);
    return id != REGION_NONE && region_kind(id) == REGION_KIND_COUNTRY ? id : REGION_NONE;
}
