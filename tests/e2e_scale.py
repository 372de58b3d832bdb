#!/usr/bin/env python3
"""End to end: limits said plainly, and a sitrep that still works past them.
`connections = 100000` is cut to what one sitrep runs at once; under a low
open-file limit it is cut to what the limit allows; a list of more sources
than one sitrep is measured for says what it will cost; each run still
polls every source."""
import json
import resource
import subprocess

from sitreptest import BIN, Server, done, env, is_, ok, write_config

srv = Server(max_requests=500)


def services(n, url_of):
    return "".join("[service s%d]\nurl = %s\n" % (i, url_of(i)) for i in range(n))


def once(cfg, limit=None):
    def lower():
        if limit:
            resource.setrlimit(resource.RLIMIT_NOFILE, (limit, limit))
    p = subprocess.run([BIN, "--once", "--no-db", "--format", "json", "-c", cfg],
                       capture_output=True, timeout=120, env=env(), preexec_fn=lower)
    out = p.stdout.decode("utf-8", "replace")
    try:
        doc = json.loads(out)
    except ValueError:
        doc = {"services": []}
    return p.returncode, doc, p.stderr.decode("utf-8", "replace")


def fetched(doc):
    return sum(1 for s in doc["services"] for src in s["sources"] if src["ok"])


# connections = 100000: the most one sitrep runs at once, said, and it works
cfg = write_config("[sitrep]\nconnections = 100000\nper_host = 100000\n" +
                   services(20, lambda i: srv.url("e2e/calls-summary.json", delay=0.05, n=i)))
rc, doc, err = once(cfg)
is_(rc, 0, "connections = 100000 is not an error")
ok("connections = 100000: using 1024" in err, "it says what it uses instead", err)
is_(fetched(doc), 20, "every source fetched")

# under ulimit -n 300: fewer at once, and why
cfg = write_config("[sitrep]\nconnections = 500\nper_host = 500\n" +
                   services(120, lambda i: srv.url("e2e/calls-summary.json", delay=0.5, n=i)))
rc, doc, err = once(cfg, limit=300)
is_(rc, 0, "under ulimit -n 300, 500 at once is not an error")
ok("connections = 500: using 86" in err and "open-file limit" in err,
   "it names the open-file limit and what it allows", err)
is_(fetched(doc), 120, "every source fetched")
stats = json.loads(srv.control("stats"))
ok(40 <= stats["max_inflight"] <= 86, "many at once, never more than 86 (%d)"
   % stats["max_inflight"])

# 10,001 sources (refused at once on port 9): the cost is said at start
cfg = write_config("[sitrep]\ntimeout = 5s\n" +
                   services(10001, lambda i: "http://127.0.0.1:9/s%d" % i))
rc, doc, err = once(cfg)
is_(rc, 0, "10,001 sources run")
ok("10001 sources: one sitrep is measured for up to 10000" in err and "MB" in err,
   "and say what they will cost", err)
is_(len(doc["services"]), 10001, "every one is in the snapshot")
ok(all(not s["sources"][0]["ok"] and s["sources"][0]["error"] for s in doc["services"]),
   "each polled, each with its reason")

done()
