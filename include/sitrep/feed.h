/* RSS and Atom feeds as plain data, read with libxml2 without network
 * access, without loading DTDs and without expanding entities: a document
 * that declares entities is refused. Every feed-based format (Azure, AWS,
 * Statuspage history, ...) reads its body through feed_parse() and maps the
 * items to evidence itself.
 *
 * RSS 2.0 (and 0.9x), RSS 1.0 (RDF) and Atom 1.0 give the same structure.
 * Text is the element's text with character references decoded and CDATA
 * included, markup inside it dropped; it is still raw remote text (often
 * HTML, for descriptions). Missing elements are NULL. */
#ifndef SITREP_FEED_H
#define SITREP_FEED_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

enum feed_kind { FEED_RSS, FEED_ATOM };

/* A child element of an item that is none of the known ones, such as
 * Microsoft's <status>: its local name and its text. */
struct feed_field {
    char *name;
    char *value;
};

struct feed_item {
    char *title;
    char *link;        /* RSS <link>, Atom <link href> (the alternate one) */
    char *id;          /* RSS <guid>, Atom <id> */
    char *description; /* RSS <description> (else content:encoded), Atom <summary> (else content) */
    time_t published;  /* RSS pubDate (RFC 822) or dc:date, Atom published; 0 absent */
    time_t updated;    /* Atom updated; 0 absent */
    char **categories; /* RSS <category> text, Atom <category term> */
    size_t ncategories;
    struct feed_field *extra; /* other simple children, in document order */
    size_t nextra;
};

struct feed {
    enum feed_kind kind;
    char *title;
    char *link;
    time_t updated;          /* RSS lastBuildDate (else pubDate), Atom updated; 0 absent */
    struct feed_item *items; /* in document order */
    size_t nitems;
};

/* Parses len bytes of XML into *out (zeroed by the caller). Returns 0, or -1
 * with out left zeroed and a message in err that never quotes the body:
 * not well-formed (with the line), not a feed, or refused (entities). */
int feed_parse(const char *body, size_t len, struct feed *out, char *err, size_t errlen);

/* Whether libxml2 has been loaded: it is, the first time a feed is parsed
 * (when it cannot be, feed_parse says why, as a source's error). */
bool feed_library_loaded(void);

/* The value of the first extra field called name, or NULL. */
const char *feed_item_field(const struct feed_item *item, const char *name);

/* Frees everything f holds and zeroes it. Safe on a zeroed struct. */
void feed_free(struct feed *f);

#endif
