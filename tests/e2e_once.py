#!/usr/bin/env python3
"""End to end: `sitrep --once` against the loopback server, in JSON and text.
Checks the snapshot contract (DESIGN.md §3), regions on the grid, failure
states that keep running, the sanitizer on the way out, and exit statuses."""
import json

from sitreptest import Server, diag, done, is_, ok, run, sample_services, write_config

NOW = "2026-11-22T12:00:00Z"
srv = Server()

CONFIG = """
[sitrep]
columns = ALL,NA,EU,APAC
""" + sample_services(srv) + """
[service flaky]
name = Flaky
url = {unavailable}

[service html]
name = Html
url = {html}
""".format(unavailable=srv.url("e2e/calls-summary.json", status=503, retry_after=120),
           html=srv.url("e2e/html-error.html"))
cfg = write_config(CONFIG)

rc, out, err = run(["--once", "--format", "json", "--now", NOW, "-c", cfg])
is_(rc, 0, "--once --format json exits 0 even when some sources fail")
try:
    snap = json.loads(out)
except ValueError as e:
    snap = None
    diag(out[:2000] + "\n" + err)
ok(snap is not None, "the output is one JSON document")
snap = snap or {"services": [], "columns": []}

# --- the contract ------------------------------------------------------------
is_(snap.get("generated_at"), NOW, "generated_at is ISO 8601 UTC (the injected clock)")
is_(snap.get("columns"), ["ALL", "NA", "EU", "APAC"], "columns are the region codes asked for")
services = {s.get("id"): s for s in snap["services"]}
is_(sorted(services), ["calls", "flaky", "gone", "html", "linode"], "every service is listed")
contract_ok = True
for s in snap["services"]:
    for key in ("id", "name", "level", "cells", "incidents", "sources"):
        contract_ok &= key in s
    for col in snap["columns"]:
        cell = s["cells"].get(col, {})
        for key in ("level", "evidence", "reports", "baseline", "age_s", "since"):
            contract_ok &= key in cell
    for src in s["sources"]:
        for key in ("ok", "last_success", "error"):
            contract_ok &= key in src
ok(contract_ok, "services carry id/name/level/cells/incidents/sources; cells and sources their fields")

# --- regions on the grid ---------------------------------------------------------
calls = services.get("calls", {"cells": {}, "incidents": [], "sources": [{}]})
cells = {c: v["level"] for c, v in calls["cells"].items()}
is_(calls.get("level"), "major", "Callr is a major outage overall")
is_(cells, {"ALL": "major", "NA": "ok", "EU": "major", "APAC": "none"},
    "Callr: major in EU, ok in North America, nothing known for APAC")
is_(calls["cells"].get("EU", {}).get("evidence"), "official", "the EU cell rests on official evidence")
is_(calls["cells"].get("APAC", {}).get("evidence"), "none", "APAC has no evidence, not ok")
is_(calls["cells"].get("EU", {}).get("since"), "2026-11-22T11:05:00Z",
    "since is when EU reached major (Login went down at 11:05)")
is_(calls["cells"].get("NA", {}).get("since"), NOW, "an ok cell is ok since we first looked")

linode = services.get("linode", {"cells": {}})
lcells = {c: v["level"] for c, v in linode["cells"].items()}
is_(lcells, {"ALL": "partial", "NA": "partial", "EU": "partial", "APAC": "partial"},
    "Linode's regional partial outage lands in NA (Newark, Dallas, Fremont), EU (London, "
    "Frankfurt) and APAC (Singapore, Tokyo)")
regions = sorted({c["region"] for c in linode.get("components", []) if c["level"] == "partial"})
is_(regions, ["ALL", "DE", "GB", "JP", "SG", "US"],
    "the problem components carry their countries (the Regions group itself stays ALL)")

# --- incidents ----------------------------------------------------------------------
inc = calls["incidents"][0] if calls["incidents"] else {}
is_(inc.get("open"), True, "the open incident is listed")
is_([u["status"] for u in inc.get("updates", [])], ["identified", "investigating"],
    "updates come newest first")
is_(inc.get("regions"), ["EU"], "the incident's region is its components' region")
is_(sorted(inc.get("components", [])), ["Europe - Calls", "Europe - Login"],
    "affected components are named with their group")
ok("\x1b" not in out and "\x07" not in out and "\u202e" not in out and "\b" not in out,
   "no escape, bell, backspace or bidi override survives into the JSON")
ok("users cannot log in" in inc.get("title", "").lower(),
   "the title keeps its printable text", inc.get("title"))

# --- failures are states, not exits ------------------------------------------------
gone = services.get("gone", {"cells": {}, "sources": [{}]})
is_(gone.get("level"), "unknown", "a 404 source makes its service unknown, never ok")
is_(gone["cells"].get("EU", {}).get("level"), "unknown", "and its cells unknown")
is_(gone["sources"][0].get("ok"), False, "the source is not ok")
ok("HTTP 404" in (gone["sources"][0].get("error") or ""), "its error says HTTP 404",
   gone["sources"][0].get("error"))
is_(gone["sources"][0].get("last_success"), None, "it never succeeded")
flaky = services.get("flaky", {"sources": [{}]})
ok("HTTP 503" in (flaky["sources"][0].get("error") or ""), "a 503 is reported as such")
html = services.get("html", {"sources": [{}]})
ok("HTML" in (html["sources"][0].get("error") or ""), "an HTML page instead of JSON is named",
   html["sources"][0].get("error"))
is_(calls["sources"][0].get("ok"), True, "a good source is ok")
is_(calls["sources"][0].get("last_success"), NOW, "with the time of its success")

# --- the same run twice gives the same snapshot ---------------------------------------
VOLATILE = ("elapsed_ms", "next_poll", "backoff_until")  # timing of this run, jittered


def steady(text):
    doc = json.loads(text)
    for s in doc["services"]:
        for src in s["sources"]:
            for k in VOLATILE:
                src.pop(k, None)
    return doc


rc2, out2, _ = run(["--once", "--format", "json", "--now", NOW, "-c", cfg])
ok(rc2 == 0 and steady(out2) == steady(out),
   "a second run with the same inputs prints the same snapshot (but for poll timings)")

# --- text, exit statuses -----------------------------------------------------------------
rc, out, err = run(["--once", "--format", "text", "--now", NOW, "-c", cfg])
is_(rc, 0, "--once --format text exits 0")
grid_line = [l for l in out.splitlines() if l.startswith("Callr")]
ok(grid_line and "MAJOR" in grid_line[0] and "OK" in grid_line[0] and " - " in grid_line[0] + " ",
   "the text grid shows Callr's row with MAJOR, OK and no-evidence cells", out[:1500])
ok("Users cannot log in" in out and "\x1b" not in out, "the text snapshot shows the sanitized incident")
ok("France is hit hardest" in out, "and its latest statement")
rc, out, err = run(["--once", "--exit-status", "--now", NOW, "-c", cfg])
is_(rc, 2, "--exit-status: a major outage is critical (2)")

ok_cfg = write_config("[service dropbox]\nurl = %s\n" %
                      srv.url("statuspage/atc0005-check-statuspage__dropbox-components.json"))
rc, out, err = run(["--once", "--exit-status", "-c", ok_cfg])
is_(rc, 0, "--exit-status: all operational exits 0")
down_cfg = write_config("[service gone]\nurl = %s\n" % srv.url("e2e/nothing-here.json"))
rc, out, err = run(["--once", "--exit-status", "-c", down_cfg])
is_(rc, 3, "--exit-status: a service we cannot reach is unknown (3)")

# --- usage and config errors exit 2 and say where ----------------------------------------
bad = write_config("[sitrep]\ncolumns = ALL EU\n\n[service x]\nurl = gopher://x/\n")
rc, out, err = run(["--once", "-c", bad])
ok(rc == 2 and bad + ":5: url must start with" in err, "a config error exits 2 naming file:line",
   err)
rc, out, err = run(["--once", "--format", "yaml"])
ok(rc == 2 and "unknown format 'yaml'" in err, "an unknown format is a usage error", err)
rc, out, err = run(["--columns", "ALL,MARS", "--once", "-c", ok_cfg])
ok(rc == 2 and "MARS" in err, "an unknown --columns region is a usage error", err)
rc, out, err = run(["--once", "-c", ok_cfg, "--columns", "EU,FR,JP", "--format", "json"])
ok(rc == 0 and json.loads(out)["columns"] == ["EU", "FR", "JP"], "--columns replaces the columns")
rc, out, err = run(["--version"])
ok(rc == 0 and out.startswith("sitrep "), "--version")
rc, out, err = run(["--help"])
ok(rc == 0 and "--once" in out and "--columns" in out, "--help lists the options")

done()
