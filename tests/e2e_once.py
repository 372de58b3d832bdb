#!/usr/bin/env python3
"""End to end: `sitrep --once` against the loopback server, in JSON and text.
Checks the snapshot contract (docs/architecture.md), regions on the grid, failure
states that keep running, the sanitizer on the way out, and exit statuses."""
import json
import subprocess
import time

from sitreptest import BIN, Server, diag, done, env, is_, ok, run, sample_services, write_config

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

# --- --exit-status and --format nagios see only the chosen columns -------------------------
calls_cfg = write_config("[sitrep]\ncolumns = ALL NA EU\n" + sample_services(srv).split(
    "[service linode]")[0])
rc, out, err = run(["--once", "--exit-status", "--now", NOW, "-c", calls_cfg, "--columns", "NA"])
is_(rc, 0, "--exit-status --columns NA: Callr's outage in Europe does not page a watch on NA")
rc, out, err = run(["--once", "--exit-status", "--now", NOW, "-c", calls_cfg, "--columns", "EU"])
is_(rc, 2, "--exit-status --columns EU: it does")
rc, out, err = run(["--once", "--format", "nagios", "--now", NOW, "-c", cfg])
line = out.rstrip("\n")
ok(rc == 2 and "\n" not in line and line.startswith("SITREP CRITICAL - problems: Callr major (") and
   "unknown: " in line and "Gone" in line.split("|")[0],
   "--format nagios: one status line naming problems and unknowns apart, critical (2)", out)
perf = dict(kv.split("=", 1) for kv in line.split(" | ", 1)[1].split())
ok(perf.get("calls") == "5;3;4;0;5" and perf.get("gone", "").startswith("U;") and
   perf.get("linode") == "4;3;4;0;5",
   "perfdata: service=level (0 ok .. 5 major, U unknown);warn;crit;min;max", perf)
rc, out, err = run(["--once", "--format", "nagios", "-c", ok_cfg])
ok(rc == 0 and out.startswith("SITREP OK - 1 services, no problems | dropbox=0;"),
   "--format nagios on a calm page: OK and exit 0", out)
rc, out, err = run(["--once", "--format", "nagios", "-c", down_cfg])
ok(rc == 3 and out.startswith("SITREP UNKNOWN - unknown: gone unknown"),
   "--format nagios on a page that cannot be read: UNKNOWN (3), not critical", out)

# --- offline: unknown is the absence of evidence, never a problem -------------------------
offline_cfg = write_config("[sitrep]\ncolumns = ALL EU FR\ntimeout = 2s\n" + "".join(
    "[service s%d]\nname = Svc %d\nurl = http://127.0.0.1:9/s%d.json\n" % (i, i, i)
    for i in range(3)))
rc, md, err = run(["--once", "--format", "markdown", "--now", NOW, "-c", offline_cfg])
ok(rc == 0 and "**3 services: 0 with problems; 3 unknown: could not be fetched.**" in md,
   "offline, the Markdown headline counts no problems and three unknown", md[:600])
ok("have problems" not in md and "unknown, official" not in md and
   "No official statement" not in md,
   "nothing is called a problem, official evidence or official silence", md)
ok("could not be read: 127.0.0.1:9 failing since 12:00 UTC: " in md,
   "each unreadable cell says why: the source, since when, its error", md)
rc, out, err = run(["--once", "--format", "json", "--now", NOW, "-c", offline_cfg])
snap = json.loads(out)
sm = snap["summary"]
ok(sm["problems"] == 0 and sm["unknown"] == 3 and sm["level"] == "unknown" and
   sm["headline"].startswith("0 with problems; 3 unknown"),
   "JSON summary: problems 0, unknown 3, apart", sm)
cell = snap["services"][0]["cells"]["FR"]
ok(cell["level"] == "unknown" and cell["evidence"] == "none" and
   "could not be read" in (cell["note"] or ""),
   "an unknown cell rests on no evidence and carries the reason", cell)
rc, out, err = run(["--once", "--format", "text", "--now", NOW, "-c", offline_cfg])
ok(out.startswith("sitrep snapshot at 2026-11-22 12:00 UTC: 0 with problems; 3 unknown"),
   "the text snapshot's first line too", out[:200])
rc, out, err = run(["--once", "--format", "csv", "--now", NOW, "-c", offline_cfg])
rows = out.splitlines()
ok(rows[0].endswith(",possible_region,note,sources") and
   all(",none," in r and "could not be read" in r and "(official, never read)" in r
       for r in rows[1:]),
   "CSV rows: evidence none, with the reason in the note column", out[:500])
rc, out, err = run(["--once", "--exit-status", "--now", NOW, "-c", offline_cfg])
is_(rc, 3, "--exit-status offline: unknown (3), not critical")

# --- line mode prints a snapshot only when something changed ------------------------------
lm_cfg = write_config("[sitrep]\ninterval = 1s\nfloor = 1s\n[service dropbox]\nurl = %s\n" %
                      srv.url("statuspage/atc0005-check-statuspage__dropbox-components.json"))
lm_path = "statuspage/atc0005-check-statuspage__dropbox-components.json"
before = json.loads(srv.control("hits/" + lm_path))["hits"]
p = subprocess.Popen([BIN, "-c", lm_cfg, "--no-db"], stdout=subprocess.PIPE,
                     stderr=subprocess.PIPE, env=env(TERM="dumb"))
deadline = time.time() + 30
while time.time() < deadline and json.loads(srv.control("hits/" + lm_path))["hits"] - before < 4:
    time.sleep(0.2)
polls = json.loads(srv.control("hits/" + lm_path))["hits"] - before
srv.control("set/" + lm_path + "?status=503")
while time.time() < deadline and json.loads(srv.control("hits/" + lm_path))["hits"] - before < polls + 2:
    time.sleep(0.2)
p.terminate()
lm_out = p.communicate(timeout=10)[0].decode()
srv.control("set/" + lm_path + "?")
shots = lm_out.count("sitrep snapshot at")
ok(polls >= 4 and shots == 2,
   "line mode: %d polls of an unchanged page print one snapshot, its failure a second (%d)" %
   (polls, shots), lm_out[-1500:])

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
