#!/usr/bin/env python3
"""sitrep --list-services [PATTERN]: the bundled catalogue as a table (id,
formats, family, where the regions come from, name) and its totals, which
are what the catalogue is judged by: at least 60 services, at least 12
formats of official pages in use, at least 15 services with region columns.
The totals are counted here again from data/catalog.ini, independently, and
must agree with what sitrep prints."""
import os
import re

from sitreptest import SRCDIR, done, ok, run

CATALOG = os.path.join(SRCDIR, "data", "catalog.ini")
CROWD = {"mastodon-tag", "hn-algolia", "downdetector", "reportfeed"}
# Formats whose pages name places themselves (counted as region columns).
PLACING = {"aws-health", "aws-rss", "azure-rss", "oracle", "salesforce", "heroku", "ioda"}


def catalogue():
    """service id -> [source {format, rules, default}] from the file."""
    svcs, cur = {}, None
    with open(CATALOG, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^\[(service|source) ([^\s\]]+)", line)
            if m:
                cur = {"format": "statuspage", "rules": 0, "default": "ALL"}
                svcs.setdefault(m.group(2), []).append(cur)
                continue
            if line.startswith("["):
                cur = None
                continue
            m = re.match(r"^([a-z_]+)\s*=\s*(\S+)", line)
            if cur is None or not m:
                continue
            if m.group(1) == "format":
                cur["format"] = m.group(2)
            elif m.group(1) in ("region", "map"):
                cur["rules"] += 1
            elif m.group(1) == "default_region":
                cur["default"] = m.group(2)
    return svcs


def regional(sources):
    return any(s["format"] not in CROWD and
               (s["rules"] or s["default"] != "ALL" or s["format"] in PLACING) for s in sources)


svcs = catalogue()
official_formats = {s["format"] for v in svcs.values() for s in v if s["format"] not in CROWD}
want_regional = sorted(sid for sid, v in svcs.items() if regional(v))

rc, out, err = run(["--list-services"])
ok(rc == 0, "--list-services runs on the bundled catalogue", err)
total = re.search(r"^(\d+) services \((\d+) with an official source\), (\d+) sources, "
                  r"(\d+) formats in use, (\d+) with region columns \(from (.*)\)$", out, re.M)
ok(total is not None and total.group(6).endswith("catalog.ini"),
   "it ends with the totals and says which file", out[-400:])
n, with_official, nsrc, nfmt, nreg = (int(total.group(i)) for i in range(1, 6)) if total else \
    (0, 0, 0, 0, 0)
ok(n == len(svcs), "services: sitrep says %d, the file has %d" % (n, len(svcs)))
ok(nsrc == sum(len(v) for v in svcs.values()),
   "sources: sitrep says %d, the file has %d" % (nsrc, sum(len(v) for v in svcs.values())))
ok(nreg == len(want_regional), "with region columns: sitrep says %d, the file has %d"
   % (nreg, len(want_regional)), want_regional)
rows = {m.group(1): m.group(0) for m in re.finditer(r"^([a-z][a-z0-9_.-]*) .*$", out, re.M)}
ok(set(rows) == set(svcs), "one row per service", sorted(set(rows) ^ set(svcs)))

# What the catalogue is judged by.
ok(n >= 60, "at least 60 services (%d)" % n)
ok(len(official_formats) >= 12, "at least 12 formats of official pages in use (%d)"
   % len(official_formats), sorted(official_formats))
ok(nfmt >= len(official_formats), "the formats in use include them (%d)" % nfmt)
ok(nreg >= 15, "at least 15 services with region columns (%d)" % nreg, want_regional)
ok(with_official >= 60, "at least 60 services with an official source (%d)" % with_official)

# Rows say where the regions come from.
ok(re.search(r"pages: US DE JP AU", rows.get("datadog", "")),
   "datadog: a page per region, each region once", rows.get("datadog"))
ok(re.search(r"pages: US EU AU", rows.get("intercom", "")), "intercom: its three hosting pages",
   rows.get("intercom"))
ok(re.search(r"\brules\b", rows.get("cloudflare", "")), "cloudflare: region rules",
   rows.get("cloudflare"))
ok(re.search(r"named by the page", rows.get("aws", "")), "aws: the page names its regions",
   rows.get("aws"))
ok(re.search(r"mentions", rows.get("facebook", "")) and "whole service" not in rows["facebook"],
   "facebook: mentions only, no official page", rows.get("facebook"))
ok(re.search(r"^slack +slack\S* +- +whole service", rows.get("slack", "")),
   "slack: its format, no family, the whole service", rows.get("slack"))

# A pattern: any case, on id, name, family or format.
rc, out, err = run(["--list-services", "SKYPE"])
lines = [l for l in out.splitlines() if re.match(r"^[a-z]", l)]
ok(rc == 0 and len(lines) == 1 and lines[0].startswith("m365 ") and "retired" in lines[0]
   and "Teams Free" in lines[0], "Skype: found, retired, on the Teams Free row", out)
rc, out, err = run(["--list-services", "atlassian"])
ids = {l.split()[0] for l in out.splitlines() if re.match(r"^[a-z]", l)}
ok(rc == 0 and {"jira", "confluence", "trello", "statuspageio"} <= ids and "github" not in ids,
   "a family's services", sorted(ids))
rc, out, err = run(["--list-services", "incidentio"])
ids = {l.split()[0] for l in out.splitlines() if re.match(r"^[a-z]", l)}
ok(rc == 0 and "intercom" in ids, "a format's services", sorted(ids))
rc, out, err = run(["--list-services", "no-such-thing"])
ok(rc == 2 and "no service matches 'no-such-thing'" in err, "a pattern that matches nothing: 2",
   err)
rc, out, err = run(["--list-services", "a", "b"])
ok(rc == 2 and "unexpected argument 'b'" in err, "one pattern at most", err)
rc, out, err = run(["--list-services", "--once"])
ok(rc == 2 and "--list-services" in err, "--list-services lists, nothing else", err)
done()
