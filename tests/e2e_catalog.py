#!/usr/bin/env python3
"""The bundled catalogue as a whole: it loads, it is big enough, every
source names a format sitrep has and an https URL, the companies' families
are consistent, enough services have region columns, and Skype shows as
retired without a source of its own. Then some of its entries (Cachet,
Better Stack, metastatus, Statuspage pages whose groups or names are
places, Slack, status.io, AWS) are served real captures, or ones derived
from them, over loopback in place of their URLs: each gives the cells a
careful reader of the capture gives. Their crowd sources are left out."""
import json
import os
import re

from sitreptest import FIXTURES, SRCDIR, Server, done, ok, run, tmpdir

CATALOG = os.path.join(SRCDIR, "data", "catalog.ini")


def sections():
    """The catalogue as (header, [(key, value)], raw lines) triples."""
    out, cur = [], None
    with open(CATALOG, encoding="utf-8") as f:
        for line in f.read().splitlines():
            if line.startswith("["):
                cur = (line.strip(), [], [])
                out.append(cur)
            elif cur is not None:
                cur[2].append(line)
                m = re.match(r"^([a-z_]+)\s*=\s*(.*)$", line)
                if m:
                    cur[1].append((m.group(1), m.group(2).strip()))
    return out


def services():
    """service id -> {"name", "family", "sources": [{"format", "url", "rules"}]}"""
    svcs = {}
    for header, kv, _ in sections():
        m = re.match(r"^\[(service|source) (\S+)(?: (\S+))?\]$", header)
        if not m:
            continue
        sid = m.group(2)
        svc = svcs.setdefault(sid, {"name": None, "family": None, "sources": []})
        src = {"format": None, "url": None, "rules": 0}
        for k, v in kv:
            if k in ("name", "family") and m.group(1) == "service":
                svc[k] = v
            elif k in ("format", "url"):
                src[k] = v
            elif k in ("region", "map", "default_region"):
                src["rules"] += 1
        if src["url"]:
            svc["sources"].append(src)
    return svcs


# --- the catalogue as data ------------------------------------------------------
rc, out, err = run(["--config", CATALOG, "--check-config"])
ok(rc == 0 and "ok:" in out, "the catalogue passes --check-config", out + err)

svcs = services()
ok(len(svcs) >= 60, "the catalogue has at least 60 services (%d)" % len(svcs))

rc, helptext, err = run(["--help"])
rows = re.findall(r"^  (\S+)\s{2,}(.+)$", helptext.split("Formats (", 1)[-1], re.M)
formats = {name for name, _ in rows if not name.startswith("-")}
ok({"statuspage", "cachet", "betterstack", "metastatus", "salesforce"} <= formats,
   "--help lists the formats the catalogue uses", sorted(formats))
bad = [(sid, s["format"]) for sid, v in svcs.items() for s in v["sources"]
       if s["format"] not in formats]
ok(not bad, "every source's format is one sitrep has", bad)
bad = [(sid, s["url"]) for sid, v in svcs.items() for s in v["sources"]
       if not re.match(r"^https://[a-z0-9.-]+\.[a-z]{2,}/", s["url"] or "")]
ok(not bad, "every source has an https URL", bad)
ok(all(v["sources"] for v in svcs.values()), "every service has a source",
   [sid for sid, v in svcs.items() if not v["sources"]])
ok(all(v["name"] for v in svcs.values()), "every service has a name",
   [sid for sid, v in svcs.items() if not v["name"]])
used = {s["format"] for v in svcs.values() for s in v["sources"]}
ok(len(used) >= 9, "the catalogue uses %d formats" % len(used), sorted(used))

# Families: one spelling per company, and the companies' services in them.
FAMILIES = {
    "atlassian": {"jira", "confluence", "bitbucket", "trello", "jsm", "opsgenie", "statuspageio"},
    "google": {"gcp", "workspace", "googlesearch"},
    "microsoft": {"azure", "m365", "m365business"},
    "meta": {"metabusiness", "whatsappbusiness", "graphapi", "facebooklogin"},
    "amazon": {"aws", "twitch"},
    "cisco": {"duo", "ciscoamp", "intersight"},
    "twilio": {"twilio", "sendgrid"},
}
fams = {v["family"] for v in svcs.values() if v["family"]}
ok(all(re.match(r"^[a-z0-9-]+$", f) for f in fams), "family names are lower case", sorted(fams))
for fam, members in FAMILIES.items():
    got = {sid for sid, v in svcs.items() if v["family"] == fam}
    ok(members <= got, "family %s holds %s" % (fam, ", ".join(sorted(members))), sorted(got))
folded = {}
for f in fams:
    folded.setdefault(re.sub(r"[^a-z0-9]", "", f), set()).add(f)
ok(all(len(v) == 1 for v in folded.values()), "no family is spelled two ways", folded)

# Region columns: rules on the page's names, or a format whose incidents
# name their places (of Google's dashboards only Google Cloud names any).
NATIVE = {"aws-health", "aws-rss", "azure-rss", "oracle", "salesforce"}
regional = sorted(sid for sid, v in svcs.items()
                  if sid == "gcp" or any(s["rules"] or s["format"] in NATIVE
                                         for s in v["sources"]))
ok(len(regional) >= 15, "at least 15 services with region columns (%d)" % len(regional), regional)

# Skype: retired, shown on its successor's entry, and no source of its own.
skype = [(sid, v["name"]) for sid, v in svcs.items() if "skype" in (v["name"] or "").lower()]
ok(skype == [("m365", skype[0][1] if skype else "")] and "retired" in skype[0][1]
   and "Teams Free" in skype[0][1], "Skype shows as retired, on the Teams Free entry", skype)
ok(not any("skype" in (s["url"] or "") for v in svcs.values() for s in v["sources"]),
   "no source polls a Skype address")

# --- entries served captures ----------------------------------------------------
F = "formats/"
C = "clouds/"
# (service, source index) -> (fixture under tests/fixtures, Content-Type)
SERVED = {
    ("yoti", 0): (F + "derived/DERIVED_cachet_yoti_components_ca_partial.json", None),
    ("yoti", 1): (F + "cachet/DevManfre-isitdown__demo-cachethq_incidents_1-open.json", None),
    ("betterstack", 0): (F + "derived/DERIVED_betterstack_index_europe_report_open.json", None),
    ("metabusiness", 0): (F + "derived/DERIVED_metastatus_orgs_waba_cloud_api_high.json", None),
    ("whatsappbusiness", 0): (F + "derived/SYNTHETIC_metastatus_outages_waba_open.json", None),
    ("graphapi", 0): (F + "derived/SYNTHETIC_metastatus_outages_empty.json", None),
    ("facebooklogin", 0): (F + "hostile/SYNTHETIC_spa_shell.html", "text/html"),
    ("outsystems", 0): (F + "statuspage/bjgreenberg-vendor-dashboard__outsystems_summary_"
                        "2026-08-03_regional-outage.json", None),
    ("qualys", 0): (F + "statuspage/atc0005-check-statuspage__qualys-components.json", None),
    ("salesforce", 0): (F + "salesforce/amureki-statuscheck__salesforce_incident.json", None),
    ("cloudflare", 0): (C + "statuspage/Linuxfabrik-monitoring-plugins__atlassian-statuspage__"
                        "minor-cloudflare-with-maintenances.json", None),
    ("discord", 0): (C + "statuspage/bjgreenberg-vendor-dashboard__discord_summary_2026-08-04_"
                     "api-major-outage.json", None),
    ("twilio", 0): (C + "statuspage/bjgreenberg-vendor-dashboard__twilio_summary_2026-08-12.json",
                    None),
    ("claude", 0): (C + "statuspage/bjgreenberg-vendor-dashboard__claude_summary_2026-07-29_"
                    "major-outage.json", None),
    ("hashicorp", 0): (C + "statuspage/Linuxfabrik-monitoring-plugins__atlassian-statuspage__"
                       "minor-hashicorp.json", None),
    ("github", 0): (C + "statuspage/Linuxfabrik-monitoring-plugins__githubstatus__"
                    "one-incident-eight-components.json", None),
    ("slack", 0): (C + "slack/DevManfre-isitdown__current_2026-09-01_retention-incident.json", None),
    ("gitlab", 0): (C + "statusio/dokuwiki-translate__gitlab_2023-06-29_upcoming-maintenance.json",
                    None),
    ("aws", 0): (C + "aws-health/bjgreenberg-vendor-dashboard__currentevents_2026-03-01_"
                 "me-central-1_power.json", None),
}
COLUMNS = "ALL,NA,EU,MEA,APAC,US,CA,DE,AE,IN"

# What a reader of each capture writes down ("~": only possible).
EXPECTED = {
    # The Canadian Doc Scan partial; the demo's unresolved incident is a
    # notice for the whole service.
    "yoti": "ALL=partial NA=partial EU=~notice MEA=~notice APAC=~notice US=~notice CA=partial "
            "DE=~notice AE=~notice IN=~notice",
    "betterstack": "ALL=degraded NA=~degraded EU=~degraded MEA=~degraded APAC=~degraded "
                   "US=~degraded CA=~degraded DE=~degraded AE=~degraded IN=~degraded",
    "metabusiness": "ALL=partial NA=~partial EU=~partial MEA=~partial APAC=~partial US=~partial "
                    "CA=~partial DE=~partial AE=~partial IN=~partial",
    "whatsappbusiness": "ALL=degraded NA=~degraded EU=~degraded MEA=~degraded APAC=~degraded "
                        "US=~degraded CA=~degraded DE=~degraded AE=~degraded IN=~degraded",
    "graphapi": "ALL=ok NA=ok EU=ok MEA=ok APAC=ok US=ok CA=ok DE=ok AE=ok IN=ok",
    "facebooklogin": "ALL=unknown NA=unknown EU=unknown MEA=unknown APAC=unknown US=unknown "
                     "CA=unknown DE=unknown AE=unknown IN=unknown",
    # Middle East / UAE major, Europe / Frankfurt degraded; the open
    # incident (minor) names Europe / Frankfurt, so it stays there.
    "outsystems": "ALL=major NA=ok EU=degraded MEA=major APAC=ok US=ok CA=ok DE=degraded AE=major "
                  "IN=ok",
    # The EU Platform 1 group in a major outage (only possible in DE); US
    # Platform 3, IN Platform 1 and AE Platform 1 under maintenance; CA
    # Platform 1 operational.
    "qualys": "ALL=major NA=maintenance EU=major MEA=maintenance APAC=maintenance US=maintenance "
              "CA=ok DE=~major AE=maintenance IN=maintenance",
    # NA137 (location NA, no country) in a minor incident on the core: NA
    # degraded, only possibly so in the US and Canada; the rest ok.
    "salesforce": "ALL=degraded NA=degraded EU=ok MEA=ok APAC=ok US=~degraded CA=~degraded DE=ok "
                  "AE=ok IN=ok",    # Data centres in partial outage in every region but Canada, Germany and
    # the UAE (Norfolk, VA; Kochi, India; Malta, Skopje, Ljubljana; Africa's);
    # the WARP incident (minor, on Zero Trust) is worldwide, so possible there.
    "cloudflare": "ALL=partial NA=partial EU=partial MEA=partial APAC=partial US=partial "
                  "CA=~degraded DE=~degraded AE=~degraded IN=partial",
    # The API in a major outage; Discord has no places but its voice regions.
    "discord": "ALL=major NA=~major EU=~major MEA=~major APAC=~major US=~major CA=~major "
               "DE=~major AE=~major IN=~major",
    # Carrier networks degraded in North America, APAC and Middle East &
    # Africa. The SendGrid incident says "EU Regional Customers" in its title
    # only; no component places it, so the EU is only possible.
    "twilio": "ALL=degraded NA=degraded EU=~degraded MEA=degraded APAC=degraded US=~degraded "
              "CA=~degraded DE=~degraded AE=~degraded IN=~degraded",
    "claude": "ALL=major NA=~major EU=~major MEA=~major APAC=~major US=~major CA=~major "
              "DE=~major AE=~major IN=~major",
    # incident.io's Statuspage imitation: two minor incidents with empty
    # bodies, no components, every component operational.
    "hashicorp": "ALL=degraded NA=~degraded EU=~degraded MEA=~degraded APAC=~degraded "
                 "US=~degraded CA=~degraded DE=~degraded AE=~degraded IN=~degraded",
    "github": "ALL=partial NA=~partial EU=~partial MEA=~partial APAC=~partial US=~partial "
              "CA=~partial DE=~partial AE=~partial IN=~partial",
    # One active incident (type incident) on Messaging and Workspace/Org
    # Administration.
    "slack": "ALL=degraded NA=~degraded EU=~degraded MEA=~degraded APAC=~degraded "
             "US=~degraded CA=~degraded DE=~degraded AE=~degraded IN=~degraded",
    # All operational; the maintenance is only announced.
    "gitlab": "ALL=ok NA=ok EU=ok MEA=ok APAC=ok US=ok CA=ok DE=ok AE=ok IN=ok",
    # ME-CENTRAL-1 (UAE) and ME-SOUTH-1 (Bahrain), both status 3.
    "aws": "ALL=major NA=ok EU=ok MEA=major APAC=ok US=ok CA=ok DE=ok AE=major IN=ok",
}


def served_config(srv):
    out, counts = [], {}
    for header, _, lines in sections():
        m = re.match(r"^\[(service|source) ([^\s\]]+)", header)
        if header == "[sitrep]":
            out.append(header)
            out.extend(lines)
            continue
        if not m or m.group(2) not in EXPECTED:
            continue
        sid = m.group(2)
        idx = counts.get(sid, 0)
        counts[sid] = idx + 1
        if (sid, idx) not in SERVED:  # its crowd sources: not what is read here
            continue
        path, ctype = SERVED[(sid, idx)]
        url = srv.url(path, **({"type": ctype} if ctype else {}))
        out.append(header)
        out.extend("url    = " + url if re.match(r"url\s*=", l) else l for l in lines)
    return "\n".join(out) + "\n"


def cells_of(svc):
    return " ".join("%s=%s%s" % (col, "~" if svc["cells"][col]["possible"] else "",
                                 svc["cells"][col]["level"]) for col in COLUMNS.split(","))


srv = Server(root=FIXTURES)
d = tmpdir()
conf = os.path.join(d, "catalog-served.ini")
with open(conf, "w", encoding="utf-8") as f:
    f.write(served_config(srv))
rc, out, err = run(["--config", conf, "--once", "--format", "json", "--no-db", "--columns",
                    COLUMNS])
ok(rc == 0, "--once on catalogue entries served over loopback", err)
snap = json.loads(out) if rc == 0 else {"services": []}
by_id = {s["id"]: s for s in snap["services"]}
for sid, want in EXPECTED.items():
    svc = by_id.get(sid)
    ok(svc is not None, "%s is in the snapshot" % sid)
    if not svc:
        continue
    got = cells_of(svc)
    ok(got == want, "%s: cells" % sid, "got  %s\nwant %s" % (got, want))
    if sid != "facebooklogin":
        errs = [s.get("error") for s in svc["sources"] if not s["ok"]]
        ok(not errs, "%s: every source parses" % sid, errs)
fl = by_id.get("facebooklogin", {"sources": [{}]})
ok((fl["sources"][0].get("error") or "").endswith(
    "expected a metastatus document, got the site's HTML page (an address the site does not "
    "serve)"), "the site's HTML page where a data file was expected says so",
   fl["sources"][0].get("error"))
done()
