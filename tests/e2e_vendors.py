#!/usr/bin/env python3
"""The catalogue's PlayStation Network, PayPal, Zendesk and Exoscale
(Statuspal) entries, served fixtures over loopback in place of their URLs:
each gives the cells a careful reader of the fixture gives. PSN is one row
of three regional files; Exoscale's zones are places by the entry's rules.
The PSN, PayPal and Zendesk bodies are hand-written (no capture is public);
Exoscale's is a real one (tests/fixtures/formats/SOURCES.md). Also: an HTML
page where a format's document was expected says so precisely."""
import json
import os
import re

from sitreptest import FIXTURES, SRCDIR, Server, done, ok, run, tmpdir

CATALOG = os.path.join(SRCDIR, "data", "catalog.ini")
F = "formats/"
# (service, source index) -> fixture under tests/fixtures, or (fixture, type)
SERVED = {
    ("psn", 0): "signals/schochastics-rtoot__tag_timeline_ichbinhanna_anonymous.json",
    ("psn", 1): F + "psn/HANDWRITTEN_psn_SCEA_outage-and-degraded.json",
    ("psn", 2): F + "psn/HANDWRITTEN_psn_SCEE_all-up.json",
    ("psn", 3): F + "psn/HANDWRITTEN_psn_SCEJA_maintenance.json",
    ("paypal", 0): F + "paypal/HANDWRITTEN_paypal_components_disruption.json",
    ("zendesk", 0): F + "zendesk/HANDWRITTEN_zendesk_incidents_active_degradation.json",
    ("exoscale", 0): F + "statuspal/Linuxfabrik-monitoring-plugins__exoscale-vie2-maintenance-"
                         "critical.json",
}
COLUMNS = "ALL,NA,LATAM,EU,MEA,APAC,JP,AU,CH,AT"
EXPECTED = {
    # The Americas' file: an outage (only possible in NA and LATAM, the
    # file speaks for both); Europe's all up (EMEA and Oceania); Asia's
    # in maintenance (Japan possibly).
    "psn": "ALL=major NA=~major LATAM=~major EU=ok MEA=ok APAC=maintenance JP=~maintenance "
           "AU=ok CH=ok AT=ok",
    # Checkout disrupted in production, Payouts under maintenance; the
    # sandbox outage only a notice. No places: possible everywhere.
    "paypal": "ALL=degraded NA=~degraded LATAM=~degraded EU=~degraded MEA=~degraded "
              "APAC=~degraded JP=~degraded AU=~degraded CH=~degraded AT=~degraded",
    "zendesk": "ALL=degraded NA=~degraded LATAM=~degraded EU=~degraded MEA=~degraded "
               "APAC=~degraded JP=~degraded AU=~degraded CH=~degraded AT=~degraded",
    # AT-VIE-2 in an emergency maintenance: Austria, hence Europe; the
    # Swiss zones and the rest ok.
    "exoscale": "ALL=maintenance NA=ok LATAM=ok EU=maintenance MEA=ok APAC=ok JP=ok AU=ok "
                "CH=ok AT=maintenance",
}


def sections():
    out, cur = [], None
    with open(CATALOG, encoding="utf-8") as f:
        for line in f.read().splitlines():
            if line.startswith("["):
                cur = (line.strip(), [])
                out.append(cur)
            elif cur is not None:
                cur[1].append(line)
    return out


def served_config(srv, served):
    out, counts = ["[sitrep]"], {}
    for header, lines in sections():
        m = re.match(r"^\[(service|source) ([^\s\]]+)", header)
        if not m or m.group(2) not in EXPECTED:
            continue
        sid = m.group(2)
        idx = counts.get(sid, 0)
        counts[sid] = idx + 1
        what = served[(sid, idx)]
        path, ctype = what if isinstance(what, tuple) else (what, None)
        url = srv.url(path, **({"type": ctype} if ctype else {}))
        out.append(header)
        out.extend("url = " + url if re.match(r"url\s*=", l) else l for l in lines)
    return "\n".join(out) + "\n"


def snapshot(srv, served, name):
    conf = os.path.join(d, name)
    with open(conf, "w", encoding="utf-8") as f:
        f.write(served_config(srv, served))
    rc, out, err = run(["--config", conf, "--once", "--format", "json", "--no-db", "--columns",
                        COLUMNS])
    ok(rc == 0, "--once on the entries served over loopback (%s)" % name, err)
    return {s["id"]: s for s in (json.loads(out)["services"] if rc == 0 else [])}


def cells_of(svc):
    return " ".join("%s=%s%s" % (col, "~" if svc["cells"][col]["possible"] else "",
                                 svc["cells"][col]["level"]) for col in COLUMNS.split(","))


srv = Server(root=FIXTURES)
d = tmpdir()
by_id = snapshot(srv, SERVED, "served.ini")
for sid, want in EXPECTED.items():
    svc = by_id.get(sid)
    ok(svc is not None, "%s is in the snapshot" % sid)
    if not svc:
        continue
    ok(cells_of(svc) == want, "%s: cells" % sid, "got  %s\nwant %s" % (cells_of(svc), want))
    errs = [s.get("error") for s in svc["sources"] if not s["ok"]]
    ok(not errs, "%s: every source parses" % sid, errs)
ok(len(by_id.get("psn", {}).get("sources", [])) == 4, "PSN is one row of its mentions and "
   "three regional files")

# Every entry served an HTML page: unknown, and the error says what came.
html = {k: ("formats/hostile/SYNTHETIC_spa_shell.html", "text/html") for k in SERVED}
by_id = snapshot(srv, html, "html.ini")
DOCS = {"psn": "a PlayStation Network status document", "paypal": "a PayPal components document",
        "zendesk": "a Zendesk incidents document", "exoscale": "a Statuspal summary"}
for sid, doc in DOCS.items():
    svc = by_id.get(sid, {"cells": {}, "sources": []})
    ok(svc["cells"].get("ALL", {}).get("level") == "unknown", "%s given HTML: unknown" % sid)
    errs = [s.get("error") or "" for s in svc["sources"][-1:]]
    ok(errs and errs[0].endswith("expected %s, got HTML" % doc), "%s: the error says so" % sid,
       errs)
done()
