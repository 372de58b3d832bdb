/* Nagios plugin output: one status line with performance data, as Nagios,
 * Icinga and Checkmk read it:
 *
 *   SITREP CRITICAL - 1 with problems: Callr major (EU); 1 unknown: Gone | callr=5;3;4;0;5 ...
 *
 * The state is that of the chosen columns only: critical when a cell is at
 * partial or worse, warning when one is degraded or only possibly at
 * partial or worse (evidence about a wider region), unknown when nothing
 * worse is known and a cell cannot be read, ok otherwise. Performance data
 * gives each service's worst cell on the 0 (ok) .. 5 (major) scale, "U"
 * when it cannot be read or nothing is known. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sitrep/export.h"
#include "sitrep/sanitize.h"

static const char *const state_names[] = {"OK", "WARNING", "CRITICAL", "UNKNOWN"};

/* A perfdata label: letters, digits, '_' '-' '.' only (no quotes needed). */
static void put_label(struct buf *out, const char *id)
{
    for (const char *p = id; *p; p++) {
        unsigned char ch = (unsigned char)*p;
        bool safe = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                    (ch >= '0' && ch <= '9') || ch == '_' || ch == '-' || ch == '.';
        buf_putc(out, safe ? (char)ch : '_');
    }
}

/* "Callr major (EU FR)", the columns at the service's worst level. */
static void put_service(const struct snapshot *snap, const struct snap_service *s, enum level worst,
                        unsigned flags, struct buf *out)
{
    char *name = sanitize_str(s->name, 40, flags | SAN_ELLIPSIS);
    bool first = true;

    /* '|' would start the performance data */
    for (char *p = name; *p; p++)
        *p = *p == '|' ? '/' : *p;
    buf_printf(out, "%s %s", name, level_name(worst));
    free(name);
    for (size_t c = 0; c < snap->ncolumns; c++) {
        const struct snap_cell *cell = &s->cells[c];
        if (cell->level != worst)
            continue;
        buf_printf(out, "%s%s%s", first ? " (" : " ", region_code(snap->columns[c]),
                   cell->possible ? "?" : "");
        first = false;
    }
    if (!first)
        buf_putc(out, ')');
}

static void put_group(const struct snapshot *snap, bool (*want)(enum level), const char *label,
                      unsigned flags, struct buf *out, bool *any)
{
    size_t n = 0;

    for (size_t i = 0; i < snap->nservices; i++) {
        const struct snap_service *s = &snap->services[i];
        enum level worst = snap_service_worst(snap, s);
        if (!want(worst))
            continue;
        buf_puts(out, n == 0 ? (*any ? "; " : "") : ", ");
        if (n++ == 0)
            buf_puts(out, label);
        put_service(snap, s, worst, flags, out);
        *any = true;
    }
}

static bool is_unknown(enum level l)
{
    return l == LEVEL_UNKNOWN;
}

void export_nagios(const struct snapshot *snap, const struct export_opts *opts, struct buf *out)
{
    unsigned flags = SAN_ASCII; /* plugin output is read by tools that expect ASCII */
    bool any = false;

    (void)opts;
    buf_printf(out, "SITREP %s - ", state_names[snapshot_nagios(snap)]);
    put_group(snap, level_is_problem, "problems: ", flags, out, &any);
    put_group(snap, is_unknown, "unknown: ", flags, out, &any);
    if (!any)
        buf_printf(out, "%zu services, no problems", snap->nservices);
    buf_puts(out, " | ");
    for (size_t i = 0; i < snap->nservices; i++) {
        const struct snap_service *s = &snap->services[i];
        int v = level_scale(snap_service_worst(snap, s));
        put_label(out, s->id);
        if (v < 0)
            buf_puts(out, "=U;3;4;0;5");
        else
            buf_printf(out, "=%d;3;4;0;5", v);
        buf_putc(out, i + 1 < snap->nservices ? ' ' : '\n');
    }
    if (snap->nservices == 0)
        buf_putc(out, '\n');
}
