/* RSS and Atom with libxml2 (see feed.h).
 *
 * The parser runs with XML_PARSE_NONET and without XML_PARSE_NOENT,
 * XML_PARSE_DTDLOAD or XML_PARSE_DTDATTR: nothing is fetched, no external
 * DTD is read, entities are not substituted. A body that declares an entity
 * is refused before libxml2 sees it (no status feed needs one, and the
 * billion-laughs family needs them), and text is gathered from text and
 * CDATA nodes only, never by expanding an entity reference. libxml2's own
 * messages are not passed on: they can quote names from the document. */
#include "config.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "sitrep/buf.h"
#include "sitrep/feed.h"
#include "sitrep/timefmt.h"
#include "sitrep/xalloc.h"

#define FEED_PARSE_OPTIONS                                                                         \
    (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA)

static const char *const atom_ns = "http://www.w3.org/2005/Atom";

/* ---- small tree helpers -------------------------------------------------- */

/* libxml2 is loaded the first time a feed is read, not at start: most
 * configurations have no RSS or Atom source, and the library with what it
 * pulls in (ICU, the C++ runtime) is about 2 MB of an idle dashboard's
 * resident memory. The functions come from the headers sitrep was built
 * against, the library from the soname configure found; memory libxml2
 * hands back is freed with free(), its default allocator, which sitrep
 * never replaces. Process-wide: a library is loaded once per process. */
struct xml_api {
    __typeof__(xmlInitParser) *init_parser;
    __typeof__(xmlNewParserCtxt) *new_ctxt;
    __typeof__(xmlCtxtReadMemory) *read_memory;
    __typeof__(xmlCtxtGetLastError) *last_error;
    __typeof__(xmlFreeParserCtxt) *free_ctxt;
    __typeof__(xmlFreeDoc) *free_doc;
    __typeof__(xmlDocGetRootElement) *root_of;
    __typeof__(xmlGetNoNsProp) *prop;
};

static const struct {
    const char *name;
    size_t at;
} xml_symbols[] = {
    {"xmlInitParser", offsetof(struct xml_api, init_parser)},
    {"xmlNewParserCtxt", offsetof(struct xml_api, new_ctxt)},
    {"xmlCtxtReadMemory", offsetof(struct xml_api, read_memory)},
    {"xmlCtxtGetLastError", offsetof(struct xml_api, last_error)},
    {"xmlFreeParserCtxt", offsetof(struct xml_api, free_ctxt)},
    {"xmlFreeDoc", offsetof(struct xml_api, free_doc)},
    {"xmlDocGetRootElement", offsetof(struct xml_api, root_of)},
    {"xmlGetNoNsProp", offsetof(struct xml_api, prop)},
};

static struct xml_api xml;
static bool xml_tried;
static char xml_problem[200]; /* why it could not be loaded; "" when it was */

static bool xml_load(char *err, size_t errlen)
{
    if (!xml_tried) {
        void *h = dlopen(LIBXML_SONAME, RTLD_NOW | RTLD_LOCAL);
        xml_tried = true;
        if (!h)
            snprintf(xml_problem, sizeof xml_problem, "%s", dlerror());
        for (size_t i = 0; h && i < sizeof xml_symbols / sizeof xml_symbols[0]; i++) {
            void *fn = dlsym(h, xml_symbols[i].name);
            if (!fn) {
                snprintf(xml_problem, sizeof xml_problem, "no %s in it", xml_symbols[i].name);
                break;
            }
            memcpy((char *)&xml + xml_symbols[i].at, &fn, sizeof fn);
        }
        if (!xml_problem[0])
            xml.init_parser();
    }
    if (xml_problem[0])
        snprintf(err, errlen, "reading RSS and Atom needs %s: %s", LIBXML_SONAME, xml_problem);
    return !xml_problem[0];
}

bool feed_library_loaded(void)
{
    return xml_tried && !xml_problem[0];
}

static bool is_element(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static bool in_atom(const xmlNode *n)
{
    return n->ns && n->ns->href && strcmp((const char *)n->ns->href, atom_ns) == 0;
}

/* The text of n and its descendants: text and CDATA nodes only. */
static void gather_text(const xmlNode *n, struct buf *out)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
            buf_puts(out, (const char *)c->content);
        else if (c->type == XML_ELEMENT_NODE)
            gather_text(c, out);
    }
}

/* The element's text with surrounding blanks trimmed, or NULL when empty. */
static char *text_of(const xmlNode *n)
{
    struct buf b = {0};
    size_t start = 0, end;
    char *s;

    gather_text(n, &b);
    end = b.len;
    while (start < end && strchr(" \t\r\n", b.data[start]))
        start++;
    while (end > start && strchr(" \t\r\n", b.data[end - 1]))
        end--;
    s = end > start ? xstrndup(b.data + start, end - start) : NULL;
    buf_free(&b);
    return s;
}

static char *attr_of(const xmlNode *n, const char *name)
{
    xmlChar *v = xml.prop(n, (const xmlChar *)name);
    char *s = v && *v ? xstrdup((const char *)v) : NULL;

    free(v);
    return s;
}

/* Sets *slot from n's text unless it is set already (the first wins). */
static void set_once(char **slot, const xmlNode *n)
{
    if (!*slot)
        *slot = text_of(n);
}

static time_t time_of(const xmlNode *n, bool rfc822)
{
    char *s = text_of(n);
    time_t t = 0;

    if (s && !(rfc822 ? time_parse_rfc822(s, &t) : time_parse_iso8601(s, &t)))
        t = 0;
    free(s);
    return t;
}

/* ---- items ---------------------------------------------------------------- */

static void add_category(struct feed_item *it, char *text)
{
    if (!text)
        return;
    it->categories = xreallocarray(it->categories, it->ncategories + 1, sizeof *it->categories);
    it->categories[it->ncategories++] = text;
}

static void add_extra(struct feed_item *it, const xmlNode *n)
{
    char *value = text_of(n);

    if (!value)
        return;
    it->extra = xreallocarray(it->extra, it->nextra + 1, sizeof *it->extra);
    it->extra[it->nextra++] = (struct feed_field){xstrdup((const char *)n->name), value};
}

/* The link an Atom entry points readers to: rel="alternate" or no rel. */
static void atom_link(struct feed_item *it, const xmlNode *n)
{
    char *rel = attr_of(n, "rel");

    if (!it->link && (!rel || strcmp(rel, "alternate") == 0))
        it->link = attr_of(n, "href");
    free(rel);
}

static void rss_child(struct feed_item *it, const xmlNode *c, char **content)
{
    const char *name = (const char *)c->name;

    if (strcmp(name, "title") == 0)
        set_once(&it->title, c);
    else if (strcmp(name, "link") == 0)
        set_once(&it->link, c);
    else if (strcmp(name, "guid") == 0)
        set_once(&it->id, c);
    else if (strcmp(name, "description") == 0)
        set_once(&it->description, c);
    else if (strcmp(name, "encoded") == 0)
        set_once(content, c);
    else if (strcmp(name, "pubDate") == 0 && !it->published)
        it->published = time_of(c, true);
    else if (strcmp(name, "date") == 0 && !it->published)
        it->published = time_of(c, false);
    else if (strcmp(name, "category") == 0)
        add_category(it, text_of(c));
    else
        add_extra(it, c);
}

static void atom_child(struct feed_item *it, const xmlNode *c, char **content)
{
    const char *name = (const char *)c->name;

    if (strcmp(name, "title") == 0)
        set_once(&it->title, c);
    else if (strcmp(name, "link") == 0)
        atom_link(it, c);
    else if (strcmp(name, "id") == 0)
        set_once(&it->id, c);
    else if (strcmp(name, "summary") == 0)
        set_once(&it->description, c);
    else if (strcmp(name, "content") == 0)
        set_once(content, c);
    else if (strcmp(name, "published") == 0 && !it->published)
        it->published = time_of(c, false);
    else if (strcmp(name, "updated") == 0 && !it->updated)
        it->updated = time_of(c, false);
    else if (strcmp(name, "category") == 0)
        add_category(it, attr_of(c, "term"));
    else if (strcmp(name, "author") != 0)
        add_extra(it, c);
}

static void read_item(struct feed *f, const xmlNode *n)
{
    struct feed_item *it;
    char *content = NULL;

    f->items = xreallocarray(f->items, f->nitems + 1, sizeof *f->items);
    it = &f->items[f->nitems++];
    memset(it, 0, sizeof *it);
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (f->kind == FEED_ATOM)
            atom_child(it, c, &content);
        else
            rss_child(it, c, &content);
    }
    if (!it->description) {
        it->description = content;
        content = NULL;
    }
    free(content);
}

/* ---- the document ----------------------------------------------------------- */

/* The channel's (or feed's) own fields, and its items. */
static void read_container(struct feed *f, const xmlNode *container, const char *item_name)
{
    time_t pub = 0;

    for (const xmlNode *c = container->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (is_element(c, item_name))
            read_item(f, c);
        else if (is_element(c, "title"))
            set_once(&f->title, c);
        else if (is_element(c, "link") && f->kind == FEED_ATOM && !f->link)
            f->link = attr_of(c, "href");
        else if (is_element(c, "link"))
            set_once(&f->link, c);
        else if (is_element(c, "lastBuildDate"))
            f->updated = time_of(c, true);
        else if (is_element(c, "pubDate"))
            pub = time_of(c, true);
        else if (is_element(c, "updated"))
            f->updated = time_of(c, false);
    }
    if (!f->updated)
        f->updated = pub;
}

static int read_root(struct feed *f, const xmlNode *root, char *err, size_t errlen)
{
    if (is_element(root, "feed") && in_atom(root)) {
        f->kind = FEED_ATOM;
        read_container(f, root, "entry");
        return 0;
    }
    if (is_element(root, "rss")) {
        const xmlNode *channel = root->children;
        while (channel && !is_element(channel, "channel"))
            channel = channel->next;
        if (!channel) {
            snprintf(err, errlen, "RSS document without a <channel>");
            return -1;
        }
        f->kind = FEED_RSS;
        read_container(f, channel, "item");
        return 0;
    }
    if (is_element(root, "RDF")) { /* RSS 1.0: the items are the root's children */
        f->kind = FEED_RSS;
        for (const xmlNode *c = root->children; c; c = c->next) {
            if (is_element(c, "channel"))
                read_container(f, c, "item");
        }
        read_container(f, root, "item");
        return 0;
    }
    snprintf(err, errlen, "XML but not an RSS or Atom feed");
    return -1;
}

static const char *xml_error_words(int code)
{
    switch (code) {
    case XML_ERR_DOCUMENT_EMPTY: return "empty body";
    case XML_ERR_DOCUMENT_END: return "content after the document";
    case XML_ERR_TAG_NOT_FINISHED:
    case XML_ERR_GT_REQUIRED: return "truncated or unclosed XML";
    case XML_ERR_TAG_NAME_MISMATCH: return "mismatched XML tags";
    case XML_ERR_UNDECLARED_ENTITY: return "undeclared XML entity";
    case XML_ERR_ENTITY_LOOP: return "XML entity expansion refused";
    case XML_ERR_INVALID_CHAR:
    case XML_ERR_INVALID_ENCODING: return "invalid characters in XML";
    case XML_ERR_UNSUPPORTED_ENCODING: return "unsupported XML encoding";
    default: return "not well-formed XML";
    }
}

static bool declares_entities(const char *body, size_t len)
{
    static const char mark[] = "<!ENTITY";

    for (size_t i = 0; i + sizeof mark - 1 <= len; i++) {
        if (body[i] == '<' && memcmp(body + i, mark, sizeof mark - 1) == 0)
            return true;
    }
    return false;
}

static bool starts_like_html(const char *body, size_t len)
{
    size_t i = 0;

    while (i < len && strchr(" \t\r\n", body[i]))
        i++;
    return len - i >= 9 &&
           (strncmp(body + i, "<!DOCTYPE", 9) == 0 || strncmp(body + i, "<!doctype", 9) == 0 ||
            strncmp(body + i, "<html", 5) == 0 || strncmp(body + i, "<HTML", 5) == 0);
}

static xmlDoc *parse_doc(const char *body, size_t len, char *err, size_t errlen)
{
    xmlParserCtxt *ctxt;
    xmlDoc *doc;

    if (len == 0 || len > INT_MAX) {
        snprintf(err, errlen, len ? "feed too large" : "empty body");
        return NULL;
    }
    if (declares_entities(body, len)) {
        snprintf(err, errlen, "feed declares XML entities (refused)");
        return NULL;
    }
    if (starts_like_html(body, len)) {
        snprintf(err, errlen, "not a feed: the body looks like HTML");
        return NULL;
    }
    if (!xml_load(err, errlen))
        return NULL;
    ctxt = xml.new_ctxt();
    if (!ctxt) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    doc = xml.read_memory(ctxt, body, (int)len, NULL, NULL, FEED_PARSE_OPTIONS);
    if (!doc) {
        const xmlError *e = xml.last_error(ctxt);
        if (e)
            snprintf(err, errlen, "%s (line %d)", xml_error_words(e->code), e->line);
        else
            snprintf(err, errlen, "not well-formed XML");
    } else if (doc->intSubset && doc->intSubset->entities) {
        snprintf(err, errlen, "feed declares XML entities (refused)");
        xml.free_doc(doc);
        doc = NULL;
    }
    xml.free_ctxt(ctxt);
    return doc;
}

int feed_parse(const char *body, size_t len, struct feed *out, char *err, size_t errlen)
{
    struct feed f = {0};
    xmlDoc *doc = parse_doc(body, len, err, errlen);
    const xmlNode *root;
    int rc;

    if (!doc)
        return -1;
    root = xml.root_of(doc);
    rc = root ? read_root(&f, root, err, errlen) : -1;
    if (!root)
        snprintf(err, errlen, "XML without a root element");
    xml.free_doc(doc);
    if (rc != 0) {
        feed_free(&f);
        return -1;
    }
    *out = f;
    return 0;
}

const char *feed_item_field(const struct feed_item *item, const char *name)
{
    for (size_t i = 0; i < item->nextra; i++) {
        if (strcmp(item->extra[i].name, name) == 0)
            return item->extra[i].value;
    }
    return NULL;
}

static void item_free(struct feed_item *it)
{
    free(it->title);
    free(it->link);
    free(it->id);
    free(it->description);
    for (size_t i = 0; i < it->ncategories; i++)
        free(it->categories[i]);
    free(it->categories);
    for (size_t i = 0; i < it->nextra; i++) {
        free(it->extra[i].name);
        free(it->extra[i].value);
    }
    free(it->extra);
}

void feed_free(struct feed *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->nitems; i++)
        item_free(&f->items[i]);
    free(f->items);
    free(f->title);
    free(f->link);
    memset(f, 0, sizeof *f);
}
