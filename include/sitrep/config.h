/* The config and catalog file: services, their sources, region rules, grid
 * columns, poll interval and theme, in an INI format people edit by hand.
 * Parsed with inih; every error names the file and line.
 *
 *   [sitrep]                      global settings
 *   columns  = ALL NA LATAM EU MEA APAC
 *   interval = 60s                default poll interval
 *   floor    = 30s                no interval below it (lower it explicitly)
 *   timeout, connect_timeout      per request (30s, 10s)
 *   max_size = 8M                 body cap, counted after decompression
 *   per_host = 4, connections = 32   concurrent transfers
 *   expire_failures = 5, expire_age = 30m   when stale data turns unknown
 *   ca_file  = PATH               extra CA bundle (certificates are always checked)
 *   history_fine = 30d, history_keep = 365d   5-minute buckets, then hourly ones
 *   crowd_ratio = 2, crowd_notice_ratio = 1.5, crowd_min_reports = 10, crowd_sigmas = 4,
 *   crowd_duration = 30m, crowd_clear = 30m   when crowd reports are a problem
 *   theme    = default
 *   alert_quiet = 2m              alerts on change: at most one per service this often
 *   bell = on, notify = auto      ... ring the bell; desktop notification (osc9, osc777, off)
 *   on_change = CMD               ... run CMD with sh -c, the change in SITREP_* variables
 *   webhook = URL                 ... POST each alert as JSON to URL (webhook.h)
 *
 *   [service ID]                  one row of the grid
 *   name   = Display Name
 *   family = meta                 optional: services of one company
 *   format = statuspage           the source keys may sit here directly
 *   url    = https://…            (an implicit source named "status")
 *
 *   [source ID NAME]              a further source of service ID
 *   format, url, interval, timeout, default_region,
 *   auth = none|downdetector (the format's kind by default),
 *   credentials = FILE, token_url = URL
 *   url = https://USER:PASSWORD@host/...   sent as HTTP Basic, never shown
 *   region = FIELD "REGEX" => TARGET      (repeatable, tried in order)
 *   map    = KEY => TARGET                (repeatable, exact id or name)
 *   keyword = [LANG:] PHRASE              (repeatable) public posts that say it is down
 *   stop    = PHRASE                      (repeatable) ... and those that do not
 */
#ifndef SITREP_CONFIG_H
#define SITREP_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "sitrep/crowd.h"
#include "sitrep/mention.h"
#include "sitrep/provider.h"
#include "sitrep/region.h"

#define CONFIG_DEFAULT_INTERVAL 60
#define CONFIG_DEFAULT_FLOOR    30 /* the interval floor unless the config lowers it */
#define CONFIG_MIN_FLOOR        1
#define CONFIG_MAX_COLUMNS      16

/* How alerts reach the desktop: an OSC 9 or OSC 777 notification, chosen
 * from what the terminal is (auto), or none. */
enum notify_mode { NOTIFY_AUTO, NOTIFY_OFF, NOTIFY_OSC9, NOTIFY_OSC777 };

/* "auto", "off", "osc9", "osc777"; false for anything else. */
bool notify_mode_parse(const char *s, enum notify_mode *out);

struct source_conf {
    char *id;           /* unique within its service: "status", "eu" */
    const char *format; /* provider's name: the format table's own string */
    const struct provider *provider;
    char *url;
    int interval_s;             /* 0: use the global interval */
    int timeout_s;              /* 0: use the global timeout */
    struct region_rules *rules; /* never NULL */
    int line;                   /* where it was declared */
    int interval_line;          /* where interval was set, 0 when it was not */
    enum source_auth auth;      /* the format's (provider.h) unless the source says */
    bool auth_given;            /* the source set auth itself */
    char *credentials;          /* file with the client id and secret; NULL: environment */
    int credentials_line;       /* where credentials was set, 0 when it was not */
    char *token_url;            /* NULL: derived from url */
    /* The user:password of url, taken out of it at load (url never holds
     * them, so nothing that shows or records the URL can leak them) and
     * sent as HTTP Basic credentials. NULL when the URL had none. */
    char *url_user, *url_password;
    /* Sources of public posts: the keywords that say the service is down
     * and the source's own stop phrases (mention.h); empty: every post the
     * built-in stop phrases leave counts (a hashtag's own timeline). */
    struct mention_rules match;
};

struct service_conf {
    char *id;
    char *name;   /* may be id itself (no name given): never free it alone */
    char *family; /* NULL when not in a family */
    struct source_conf *sources;
    size_t nsources;
    int line;
    size_t order; /* its place in the config, kept when sharding drops others */
};

struct config {
    char *path; /* the file it came from, or the name given for a string */
    region_id columns[CONFIG_MAX_COLUMNS];
    size_t ncolumns;
    int interval_s;
    int interval_line;
    int floor_s;
    int timeout_s, connect_timeout_s;
    long max_size;             /* bytes */
    int per_host, connections; /* concurrent transfer caps */
    int expire_failures;       /* stale data turns unknown after this many */
    int expire_age_s;          /* ... or once it is this old */
    char *ca_file;             /* NULL: the system's CA store */
    int history_fine_s;        /* 5-minute history buckets are kept this long */
    int history_keep_s;        /* hourly ones, and statements, this long */
    struct crowd_params crowd; /* when crowd reports count as a problem */
    char *theme;
    int alert_quiet_s;       /* after an alert, a service stays quiet this long */
    bool bell;               /* alerts ring the bell */
    enum notify_mode notify; /* alerts as desktop notifications */
    char *on_change;         /* command run for each alert; NULL: none */
    char *webhook;           /* URL each alert is POSTed to as JSON; NULL: none */
    struct service_conf *services;
    size_t nservices;
    /* "FILE:LINE: warning: ..." lines (a key given twice), NULL when none.
     * The dashboard runs with them; --once and --check-config refuse. */
    char *warnings;
    size_t nwarnings;
};

/* Loads a config file (a regular file: a FIFO or a device is refused
 * without blocking). Returns 0 and fills *cfg (zeroed by the caller), or
 * -1 with *errors set to a malloc'd message of one or more lines, each
 * "FILE:LINE: what is wrong" (the caller frees it); *cfg is left zeroed.
 * A key given twice for the same section is a warning (cfg->warnings). */
int config_load_file(const char *path, struct config *cfg, char **errors);

/* Same for text in memory; name is used in messages. */
int config_load_string(const char *text, const char *name, struct config *cfg, char **errors);

/* Shards (sitrep serve --shard K/N): a service belongs to shard
 * config_shard_of(key, N), 1..N, a stable hash (FNV-1a) of its family, or
 * of its id when it has none. Its sources go with it, so each cell is whole
 * in one shard, and a family stays together, so the shared-cause hint
 * (services of one family spiking together) sees all of it. keep_shard
 * drops the other services; returns how many are left. */
unsigned config_shard_of(const char *key, unsigned n);
size_t config_keep_shard(struct config *cfg, unsigned k, unsigned n);

/* Parses a column list ("ALL,EU,FR" or "ALL EU FR") into cfg->columns,
 * replacing what was there. Returns 0, or -1 with a message in err. */
int config_set_columns(struct config *cfg, const char *list, char *err, size_t errlen);

/* The effective poll interval and request timeout of a source. A source
 * without its own interval is polled at the global one, but never more often
 * than its format's default interval (provider.h). */
int config_source_interval(const struct config *cfg, const struct source_conf *src);
int config_source_timeout(const struct config *cfg, const struct source_conf *src);

void config_free(struct config *cfg);

/* Zeroes a secret's bytes and frees it (NULL is fine). */
void config_wipe_free(char *secret);

/* The keys the parser knows, one table entry at a time, for the check that
 * sitrep.conf(5) documents them all (tests/docs_check.py): false past the
 * end. */
struct config_key {
    const char *name;
    bool in_sitrep, in_service, in_source; /* the sections it belongs in */
};
bool config_key_info(size_t i, struct config_key *out);

#endif
