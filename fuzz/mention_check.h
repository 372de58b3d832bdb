/* Invariants every parser of public posts promises (evidence.h): all or
 * nothing, every mention with a key, an author, text and a time, a cursor
 * that is one plain query parameter; and the matcher's folded text holds
 * no control character whatever the post says. Included by the targets of
 * the mention formats, which name their format. */
#ifndef SITREP_FUZZ_MENTION_CHECK_H
#define SITREP_FUZZ_MENTION_CHECK_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep/evidence.h"
#include "sitrep/mention.h"
#include "sitrep/provider.h"

#define MCHECK(cond)                                                                               \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "invariant failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__);          \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

static inline void mention_check_one(const struct mention *m, const struct mention_rules *r)
{
    char *folded;

    MCHECK(m->key && *m->key && m->author && *m->author && m->text && m->at > 0);
    folded = mention_fold(m->text);
    for (const unsigned char *p = (const unsigned char *)folded; *p; p++)
        MCHECK(*p >= 0x20 && *p != 0x7f);
    free(folded);
    (void)mention_match(r, m->text);
}

static inline int mention_fuzz_one(const char *format, const uint8_t *data, size_t size)
{
    static const struct evidence zero;
    const struct provider *p = provider_find(format);
    struct mention_rules rules = {0};
    struct evidence ev = {0};
    char err[256] = "";
    char *body = malloc(size ? size : 1);

    MCHECK(p && body);
    memcpy(body, data, size);
    mention_rules_add(&rules, "fr: instagram en panne", err, sizeof err);
    mention_rules_add(&rules, "#facebookdown", err, sizeof err);
    if (p->parse(body, size, &ev, err, sizeof err) != 0) {
        MCHECK(memcmp(&ev, &zero, sizeof zero) == 0);
        MCHECK(err[0] != '\0');
        for (const char *c = err; *c; c++)
            MCHECK((unsigned char)*c >= 0x20 && (unsigned char)*c < 0x7f);
    } else {
        MCHECK(ev.nmentions == 0 || ev.mentions != NULL);
        for (size_t i = 0; i < ev.nmentions; i++)
            mention_check_one(&ev.mentions[i], &rules);
        MCHECK(!ev.next_query ||
               (strchr(ev.next_query, '=') && !strpbrk(ev.next_query, "&#? \r\n")));
        struct evidence copy;
        evidence_copy(&copy, &ev);
        MCHECK(evidence_size(&copy) == evidence_size(&ev));
        evidence_free(&copy);
    }
    evidence_free(&ev);
    mention_rules_free(&rules);
    free(body);
    return 0;
}

#endif
