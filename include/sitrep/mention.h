/* Mentions: which public posts say a service is down, and which regions
 * they suggest. Pure text work on plain data, shared by the config (which
 * reads a source's keywords), the model (which counts) and the tests.
 *
 * Matching works on folded text: sanitized first (remote text is hostile),
 * then lower-cased with the accents of Latin letters removed ("Ne marche
 * PAS" and "ne marché pas" fold alike), every character that is not a
 * letter or a digit made a space, spaces collapsed. A keyword matches on
 * whole words; a keyword in a script without spaces (Japanese) matches
 * anywhere. A stop phrase found in the same post vetoes it: the built-in
 * ones are the common false friends ("let me down", "shut down", "calm
 * down", "countdown"), a source may add its own.
 *
 * Region: a mention's language, else its keyword's language, suggests a
 * set of countries (fr: FR BE CH; ja: JP); an author's instance with a
 * country's domain (mstdn.jp) suggests that country. Never certain: the
 * model draws these as possible evidence. No hint at all counts for ALL. */
#ifndef SITREP_MENTION_H
#define SITREP_MENTION_H

#include <stdbool.h>
#include <stddef.h>

#include "sitrep/region.h"

#define MENTION_LANG_MAX     8  /* "pt", "zh-hant" and the NUL */
#define MENTION_MAX_REGIONS  8  /* countries a language suggests, at most */
#define MENTION_MAX_KEYWORDS 64 /* per source */

struct mention_keyword {
    char *text;                  /* folded */
    char lang[MENTION_LANG_MAX]; /* "" when the keyword has no language */
};

struct mention_rules {
    struct mention_keyword *keywords;
    size_t nkeywords;
    char **stops; /* folded, the source's own (the built-in ones always apply) */
    size_t nstops;
};

/* Adds a keyword written "fr: facebook ne marche pas", "#facebookdown" or
 * "instagram down" (no language). Returns 0, or -1 with a message in err
 * (empty keyword, a language that is not 2-7 letters, too many). */
int mention_rules_add(struct mention_rules *r, const char *spec, char *err, size_t errlen);
/* Adds a stop phrase of the source's own. Returns 0, or -1 when it folds to
 * nothing. */
int mention_rules_add_stop(struct mention_rules *r, const char *phrase, char *err, size_t errlen);
void mention_rules_free(struct mention_rules *r);

/* The folded form of text (see above). The caller frees it; never NULL. */
char *mention_fold(const char *text);

/* The index of the first keyword of r that text speaks of; -1 when none
 * does or a stop phrase vetoes it; MENTION_ANY when r has no keywords (a
 * hashtag's own timeline: every post is about it) and no stop phrase
 * vetoes it. */
#define MENTION_ANY (-2)
int mention_match(const struct mention_rules *r, const char *text);

/* The countries a language code suggests ("fr", "fr-CA", "FR"); writes at
 * most max into out and returns how many (0 for no or an unknown
 * language). */
size_t mention_lang_regions(const char *lang, region_id *out, size_t max);

/* The country an author's instance suggests by its domain ("x@mstdn.jp" ->
 * JP), REGION_NONE when it suggests none (generic domains, and country
 * domains used as brands: .io, .social is not one, .me, .tv ...). */
region_id mention_instance_region(const char *author);

#endif
