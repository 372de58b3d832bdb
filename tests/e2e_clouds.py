#!/usr/bin/env python3
"""The bundled catalogue's cloud services, each served a capture over
loopback instead of its real URL: each parses, the regions its incidents
name show the incident's level in the right columns, official, and nothing
else turns into a problem. Also: --help lists the format table, and the
README's format table says the same."""
import json
import os
import re

from sitreptest import FIXTURES, SRCDIR, Server, done, ok, run, tmpdir

CLOUDS = "clouds"
# service id in the catalogue -> (fixture under tests/fixtures/clouds, Content-Type)
SERVED = {
    "gcp": ("derived/DERIVED_gcp_incidents_europe-north1_open.json", None),
    "workspace": ("derived/DERIVED_workspace_incidents_studio_open.json", None),
    "aws": ("aws-health/cyanheads-devops-status-mcp-server__currentevents_2026-04-30_me-central-1_"
            "me-south-1_open.utf16be.json", "application/json;charset=utf-16"),
    "azure": ("azure/cyanheads-devops-status-mcp-server__feed_2026-07-23_west-us_open.xml",
              "application/rss+xml"),
    "oracle": ("derived/SYNTHETIC_oracle_components_frankfurt_disruption.json", None),
    "m365": ("derived/DERIVED_m365Consumer_outlook_degraded.json", None),
    "m365business": ("m365/bjgreenberg-vendor-dashboard__status-cloud-microsoft_api_posts_mac_"
                     "2026-08-01.json", None),
    "slack": ("slack/amureki-statuscheck__slack_incident.json", None),
    "gitlab": ("statusio/amureki-statuscheck__gitlab_security.json", None),
    "appledev": ("derived/DERIVED_apple_developer_testflight_ongoing.jsonp", "text/javascript"),
}
COLUMNS = "ALL,NA,LATAM,EU,MEA,APAC,US,AE,FI,DE"

# What a reader of each capture writes down, column by column: the level,
# "~" when only possible (the evidence names a wider region).
EXPECTED = {
    "gcp": "ALL=degraded NA=ok LATAM=ok EU=degraded MEA=ok APAC=ok US=ok AE=ok FI=degraded DE=ok",
    "workspace": "ALL=degraded NA=~degraded LATAM=~degraded EU=~degraded MEA=~degraded "
                 "APAC=~degraded US=~degraded AE=~degraded FI=~degraded DE=~degraded",
    "aws": "ALL=major NA=ok LATAM=ok EU=ok MEA=major APAC=ok US=ok AE=major FI=ok DE=ok",
    "azure": "ALL=degraded NA=degraded LATAM=ok EU=ok MEA=ok APAC=ok US=degraded AE=ok FI=ok DE=ok",
    "oracle": "ALL=partial NA=ok LATAM=none EU=partial MEA=none APAC=none US=ok AE=none "
              "FI=none DE=partial",
    "m365": "ALL=degraded NA=~degraded LATAM=~degraded EU=~degraded MEA=~degraded APAC=~degraded "
            "US=~degraded AE=~degraded FI=~degraded DE=~degraded",
    "m365business": "ALL=ok NA=ok LATAM=ok EU=ok MEA=ok APAC=ok US=ok AE=ok FI=ok DE=ok",
    "slack": "ALL=degraded NA=~degraded LATAM=~degraded EU=~degraded MEA=~degraded "
             "APAC=~degraded US=~degraded AE=~degraded FI=~degraded DE=~degraded",
    "gitlab": "ALL=partial NA=~partial LATAM=~partial EU=~partial MEA=~partial APAC=~partial "
              "US=~partial AE=~partial FI=~partial DE=~partial",
    "appledev": "ALL=degraded NA=~degraded LATAM=~degraded EU=~degraded MEA=~degraded "
                "APAC=~degraded US=~degraded AE=~degraded FI=~degraded DE=~degraded",
}


def catalogue_sections():
    """The catalogue as (header, lines) pairs, comments kept."""
    with open(os.path.join(SRCDIR, "data", "catalog.ini"), encoding="utf-8") as f:
        text = f.read()
    sections, cur = [], None
    for line in text.splitlines():
        if line.startswith("["):
            cur = (line, [])
            sections.append(cur)
        elif cur:
            cur[1].append(line)
    return sections


def cloud_config(srv):
    """The catalogue's [sitrep] section and its cloud services, their URLs
    pointing at the loopback server."""
    out = []
    for header, lines in catalogue_sections():
        m = re.match(r"\[service (\S+)\]", header)
        if header == "[sitrep]":
            out.append(header)
            out.extend(lines)
        elif m and m.group(1) in SERVED:
            path, ctype = SERVED[m.group(1)]
            url = srv.url(CLOUDS + "/" + path, **({"type": ctype} if ctype else {}))
            out.append(header)
            out.extend("url    = " + url if re.match(r"url\s*=", l) else l for l in lines)
    return "\n".join(out) + "\n"


def cells_of(svc):
    parts = []
    for col in COLUMNS.split(","):
        c = svc["cells"][col]
        parts.append("%s=%s%s" % (col, "~" if c["possible"] else "", c["level"]))
    return " ".join(parts)


srv = Server(root=FIXTURES)
d = tmpdir()
conf = os.path.join(d, "clouds.ini")
with open(conf, "w") as f:
    f.write(cloud_config(srv))
ids = [s for s in SERVED]
with open(conf) as f:
    text = f.read()
ok(all("[service %s]" % s in text for s in ids), "the catalogue has every cloud service", text)

rc, out, err = run(["--config", conf, "--once", "--format", "json", "--no-db", "--columns", COLUMNS])
ok(rc == 0, "--once on the catalogue's clouds over loopback", err)
snap = json.loads(out) if rc == 0 else {"services": []}
by_id = {s["id"]: s for s in snap["services"]}
for sid in ids:
    svc = by_id.get(sid)
    ok(svc is not None, "%s is in the snapshot" % sid)
    if not svc:
        continue
    src = svc["sources"][0]
    ok(src["ok"] and not src.get("error"), "%s: its capture parses" % sid, src.get("error"))
    got = cells_of(svc)
    ok(got == EXPECTED[sid], "%s: cells" % sid, "got  %s\nwant %s" % (got, EXPECTED[sid]))
    notable = [c for c in svc["cells"].values() if c["level"] not in ("ok", "none")]
    ok(all(c["evidence"] == "official" for c in notable), "%s: problems are official" % sid,
       svc["cells"])
    if sid in ("gcp", "aws", "azure"):
        regions = [r for i in svc["incidents"] if i.get("open") for r in i["regions"]]
        ok(regions and "ALL" not in regions, "%s: open incidents carry their regions (%s)"
           % (sid, regions))

# The AWS events opened in March 2026: their age shows, they are not hidden.
aws = by_id.get("aws", {"cells": {"AE": {}}})
ok(aws["cells"]["AE"].get("since", "").startswith("2026-03-01"),
   "aws: the long-open UAE event is shown since it began", aws["cells"]["AE"])

# The whole catalogue with nothing answering (every URL on a closed loopback
# port, as with no network): nothing is shown as ok.
with open(os.path.join(SRCDIR, "data", "catalog.ini"), encoding="utf-8") as f:
    offline = re.sub(r"^(url\s*=\s*)https?://\S+", r"\1http://127.0.0.1:9/down", f.read(),
                     flags=re.M)
with open(os.path.join(d, "offline.ini"), "w") as f:
    f.write(offline)
rc, out, err = run(["--config", os.path.join(d, "offline.ini"), "--once", "--format", "json",
                    "--no-db"])
snap = json.loads(out) if rc == 0 else {"services": []}
levels = {s["id"]: s["level"] for s in snap["services"]}
ok(rc == 0 and len(levels) >= 28, "--once on the whole catalogue offline (%d services)" % len(levels),
   err)
ok(all(l == "unknown" for l in levels.values()), "offline: every service unknown", levels)
oks = [(s["id"], c) for s in snap["services"] for c, cell in s["cells"].items()
       if cell["level"] == "ok"]
ok(not oks, "offline: not one cell ok", oks)

# A source given the wrong format fails, unknown, and says which it looks like.
with open(os.path.join(d, "wrong.ini"), "w") as f:
    f.write("[service g]\nformat = statuspage\nurl = %s\n"
            % srv.url(CLOUDS + "/gcp/cyanheads-devops-status-mcp-server__incidents_2026-07_4-records.json"))
rc, out, err = run(["--config", os.path.join(d, "wrong.ini"), "--once", "--format", "json", "--no-db"])
g = json.loads(out)["services"][0] if rc == 0 else {"level": "?", "sources": [{"error": err}]}
ok(g["level"] == "unknown", "a Google feed read as statuspage: unknown", g["level"])
ok("looks like format = google" in (g["sources"][0].get("error") or ""),
   "and the error names the format it looks like", g["sources"][0].get("error"))

# A login page or an error page where a format's document was expected
# says so precisely.
with open(os.path.join(d, "html.ini"), "w") as f:
    f.write("[service s]\nformat = slack\nurl = %s\n"
            % srv.url(CLOUDS + "/hostile/html-error-page.json", type="text/html"))
rc, out, err = run(["--config", os.path.join(d, "html.ini"), "--once", "--format", "json", "--no-db"])
s_ = json.loads(out)["services"][0] if rc == 0 else {"level": "?", "sources": [{"error": err}]}
ok(s_["level"] == "unknown", "HTML served to a Slack source: unknown", s_["level"])
ok((s_["sources"][0].get("error") or "").endswith("expected a Slack status document, got HTML"),
   "and the error says what was expected and what came", s_["sources"][0].get("error"))

# --- the format table: --help and the README ------------------------------------
rc, helptext, err = run(["--help"])
rows = re.findall(r"^  (\S+)\s{2,}(.+)$", helptext.split("Formats (", 1)[-1], re.M)
formats = {name: desc for name, desc in rows if not name.startswith("-")}
for name in ("statuspage", "google", "aws-health", "aws-rss", "azure-rss", "oracle", "m365",
             "statuspage-feed", "slack", "incidentio", "instatus", "statusio", "heroku", "apple", "reportfeed", "downdetector"):
    ok(name in formats, "--help lists the format %s" % name)
with open(os.path.join(SRCDIR, "README.md"), encoding="utf-8") as f:
    readme = f.read()
section = readme.split("### Formats", 1)[-1].split("\n## ", 1)[0]
table = dict(re.findall(r"^\| `([a-z0-9-]+)` \| (.+?) \|$", section, re.M))
ok(table == formats, "the README's format table is the table of --help",
   "README: %s\n--help: %s" % (sorted(table.items()), sorted(formats.items())))
done()
