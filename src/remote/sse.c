/* Server-Sent Events, read incrementally (see sse.h). Lines end with CRLF,
 * LF or CR; a line "field: value" sets a field, an empty line dispatches
 * the event, a line starting with ':' is a comment. Only event, data, id
 * and retry mean anything; an id with a NUL is ignored, as the format
 * says. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sitrep/sse.h"

void sse_init(struct sse_parser *p, sse_event_fn on_event, void *user)
{
    memset(p, 0, sizeof *p);
    p->retry_ms = -1;
    p->on_event = on_event;
    p->user = user;
}

void sse_reset(struct sse_parser *p)
{
    buf_reset(&p->line);
    buf_reset(&p->data);
    p->type[0] = '\0';
    p->has_data = p->skipping = p->cr = false;
    p->bom_checked = false;
    p->bom_pos = 0;
}

void sse_free(struct sse_parser *p)
{
    buf_free(&p->line);
    buf_free(&p->data);
}

static void dispatch(struct sse_parser *p)
{
    struct sse_event ev;

    if (p->has_data) {
        ev.id = p->id;
        ev.type = p->type[0] ? p->type : "message";
        ev.data = buf_str(&p->data);
        ev.len = p->data.len;
        if (ev.len && ev.data[ev.len - 1] == '\n') /* the last data line's newline */
            ev.len--;
        p->on_event(p->user, &ev);
    }
    buf_reset(&p->data);
    p->type[0] = '\0';
    p->has_data = false;
}

static void set_field(struct sse_parser *p, const char *name, size_t nlen, const char *value,
                      size_t vlen)
{
    if (nlen == 4 && memcmp(name, "data", 4) == 0) {
        if (p->data.len + vlen + 1 > SSE_MAX_DATA) {
            p->dropped++;
            buf_reset(&p->data);
            p->has_data = false;
            return;
        }
        buf_append(&p->data, value, vlen);
        buf_putc(&p->data, '\n');
        p->has_data = true;
    } else if (nlen == 5 && memcmp(name, "event", 5) == 0) {
        if (vlen < sizeof p->type) {
            memcpy(p->type, value, vlen);
            p->type[vlen] = '\0';
        } else {
            p->dropped++;
        }
    } else if (nlen == 2 && memcmp(name, "id", 2) == 0) {
        if (vlen < sizeof p->id && !memchr(value, '\0', vlen)) {
            memcpy(p->id, value, vlen);
            p->id[vlen] = '\0';
        }
    } else if (nlen == 5 && memcmp(name, "retry", 5) == 0) {
        long ms = 0;
        size_t i;
        for (i = 0; i < vlen && value[i] >= '0' && value[i] <= '9' && ms < 100000000; i++)
            ms = ms * 10 + (value[i] - '0');
        if (i == vlen && vlen > 0)
            p->retry_ms = ms;
    }
}

static void take_line(struct sse_parser *p)
{
    const char *s = p->line.data ? p->line.data : "";
    size_t n = p->line.len;
    const char *colon;

    if (p->skipping) {
        p->skipping = false;
        return;
    }
    if (n == 0) {
        dispatch(p);
        return;
    }
    if (s[0] == ':') {
        p->comments++;
        return;
    }
    colon = memchr(s, ':', n);
    if (!colon) {
        set_field(p, s, n, "", 0);
        return;
    }
    size_t nlen = (size_t)(colon - s), off = nlen + 1;
    if (off < n && s[off] == ' ')
        off++;
    set_field(p, s, nlen, s + off, n - off);
}

static void put_byte(struct sse_parser *p, char c);

void sse_feed(struct sse_parser *p, const char *bytes, size_t n)
{
    static const char bom[] = "\xef\xbb\xbf";
    size_t i = 0;

    /* A leading UTF-8 byte order mark is skipped, even when it comes in
     * pieces; bytes that only began like one are data. */
    for (; !p->bom_checked && i < n; i++) {
        if (bytes[i] == bom[p->bom_pos]) {
            if (++p->bom_pos == 3)
                p->bom_checked = true;
            continue;
        }
        p->bom_checked = true;
        for (int k = 0; k < p->bom_pos; k++)
            put_byte(p, bom[k]);
        break;
    }
    for (; i < n; i++)
        put_byte(p, bytes[i]);
}

static void put_byte(struct sse_parser *p, char c)
{
    if (c == '\n' && p->cr) { /* the LF of a CRLF */
        p->cr = false;
        return;
    }
    p->cr = c == '\r';
    if (c == '\n' || c == '\r') {
        take_line(p);
        buf_reset(&p->line);
        return;
    }
    if (p->skipping)
        return;
    if (p->line.len >= SSE_MAX_LINE) {
        p->dropped++;
        p->skipping = true;
        buf_reset(&p->line);
        return;
    }
    buf_putc(&p->line, c);
}
