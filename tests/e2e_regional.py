#!/usr/bin/env python3
"""Services whose regions come from separate pages (Datadog's sites,
Intercom's hosting regions): the catalogue's own entries, each page served
a capture over loopback in place of its URL. Each service is one row, and
each page's evidence lands in the columns of its own region only: a problem
on the EU page is not a problem in the US, a page that fails is unknown
where it speaks and nowhere else."""
import json
import os
import re

from sitreptest import FIXTURES, SRCDIR, Server, done, ok, run, tmpdir

CATALOG = os.path.join(SRCDIR, "data", "catalog.ini")
SP = "statuspage/"
QUIET = SP + "atc0005-check-statuspage__github-components.json"  # every component operational
PROBLEM = SP + "atc0005-check-statuspage__github-components-with-problem.json"  # one partial
INCIDENT = SP + "amureki-statuscheck__github_incident.json"  # major outage, an open incident
IIO = "clouds/incidentio/yash492-statusy__status-pleo-io_proxy_incidents_EDITED.json"  # resolved
IIO_OPEN = "clouds/derived/DERIVED_incidentio_proxy_incidents_identified_open.json"  # degraded

# (service, source name) -> (fixture, Content-Type). The captures are other
# companies' pages of the same formats: what is tested is where each page's
# evidence goes, and the pages' shapes are the real ones.
SERVED = {
    ("datadog", "status"): (QUIET, None),
    ("datadog", "us3"): (QUIET, None),
    ("datadog", "us5"): (QUIET, None),
    ("datadog", "eu1"): (INCIDENT, None),
    ("datadog", "ap1"): (PROBLEM, None),
    ("datadog", "ap2"): ("e2e/html-error.html", "text/html"),
    ("datadog", "us1fed"): (QUIET, None),
    ("datadog", "us2fed"): (QUIET, None),
    ("intercom", "status"): (IIO, None),
    ("intercom", "eu"): (IIO_OPEN, None),
    ("intercom", "au"): (IIO, None),
}
COLUMNS = "ALL,NA,EU,APAC,US,DE,FR,JP,AU"

# What a reader of the pages writes down ("~": only possible).
EXPECTED = {
    # EU1 (Germany) in a major outage, AP1 (Japan) partial, AP2 (Australia)
    # unreachable; the US sites quiet. France has no page of its own: the
    # German site's outage is not France's.
    "datadog": "ALL=major NA=ok EU=major APAC=partial US=ok DE=major FR=none JP=partial "
               "AU=unknown",
    # The EU hosting page's open incident degrades EU (every EU country
    # only possibly); the US and Australian pages are quiet.
    "intercom": "ALL=degraded NA=ok EU=degraded APAC=ok US=ok DE=~degraded FR=~degraded JP=none "
                "AU=ok",
}


def sections():
    """The catalogue as (header, lines) pairs, comments kept."""
    out, cur = [], None
    with open(CATALOG, encoding="utf-8") as f:
        for line in f.read().splitlines():
            if line.startswith("["):
                cur = (line.strip(), [])
                out.append(cur)
            elif cur is not None:
                cur[1].append(line)
    return out


def served_config(srv):
    """[sitrep] and the regional services' pages, every url pointing at
    the loopback server; the other lines as the catalogue has them."""
    out, seen = [], set()
    for header, lines in sections():
        m = re.match(r"^\[(service|source) (\S+?)(?: (\S+))?\]$", header)
        if header == "[sitrep]":
            out.append(header)
            out.extend(lines)
            continue
        if not m or m.group(2) not in EXPECTED:
            continue
        if any(re.match(r"format\s*=\s*(hn-algolia|mastodon-tag)\s*$", l) for l in lines):
            continue  # public posts: not a page, and nothing to serve here
        key = (m.group(2), m.group(3) or "status")
        seen.add(key)
        path, ctype = SERVED[key]
        url = srv.url(path, **({"type": ctype} if ctype else {}))
        out.append(header)
        out.extend("url = " + url if re.match(r"url\s*=", l) else l for l in lines)
    return "\n".join(out) + "\n", seen


def cells_of(svc):
    return " ".join("%s=%s%s" % (col, "~" if svc["cells"][col]["possible"] else "",
                                 svc["cells"][col]["level"]) for col in COLUMNS.split(","))


srv = Server(root=FIXTURES)
text, seen = served_config(srv)
ok(seen == set(SERVED), "the catalogue has every page of Datadog and Intercom, no more",
   sorted(seen ^ set(SERVED)))
d = tmpdir()
conf = os.path.join(d, "regional.ini")
with open(conf, "w", encoding="utf-8") as f:
    f.write(text)
rc, out, err = run(["--config", conf, "--once", "--format", "json", "--no-db", "--columns",
                    COLUMNS])
ok(rc == 0, "--once on the per-region pages over loopback", err)
snap = json.loads(out) if rc == 0 else {"services": []}
ids = [s["id"] for s in snap["services"]]
ok(sorted(ids) == sorted(EXPECTED), "one row per service, not one per page", ids)
by_id = {s["id"]: s for s in snap["services"]}
for sid, want in EXPECTED.items():
    svc = by_id.get(sid)
    if not ok(svc is not None, "%s is in the snapshot" % sid):
        continue
    got = cells_of(svc)
    ok(got == want, "%s: each page's evidence in its own region" % sid,
       "got  %s\nwant %s" % (got, want))
    npages = sum(1 for k in SERVED if k[0] == sid)
    ok(len(svc["sources"]) == npages, "%s: %d sources in the one row" % (sid, npages),
       svc["sources"])
dd = by_id.get("datadog", {"sources": []})
failed = [s for s in dd["sources"] if not s["ok"]]
ok(len(failed) == 1 and "got HTML" in (failed[0].get("error") or ""),
   "datadog: only the AP2 page fails, and says it got HTML", failed)
ic = by_id.get("intercom", {"incidents": []})
opened = [(i.get("title"), i.get("source"), i.get("regions")) for i in ic["incidents"]
          if i.get("open")]
ok(opened == [("Invoices page not loading for some customers", "eu", ["EU"])],
   "intercom: the EU page's open incident is the row's one open incident, said to be the EU "
   "page's, in EU", [(i.get("title"), i.get("open"), i.get("source"), i.get("regions"))
                      for i in ic["incidents"]])
done()
