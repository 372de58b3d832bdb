#!/usr/bin/env python3
"""End to end: record and replay, the bundled demo, and history that lasts.

A live --once against the loopback server, recorded, replays to the very
snapshot the live run printed; replays are deterministic; nothing secret is
ever recorded; the demo shows its two scenes at 45m and 100m; history
written by one run is drawn by the next, and `sitrep export` writes it out."""
import csv
import io
import json
import os
import re
import time

from sitreptest import SRCDIR, Server, Tmux, done, is_, ok, run, tmpdir, write_config, sample_services

srv = Server()
BASE = "http://127.0.0.1:%d/dd/v2" % srv.port
SECRET_ENV = {"SITREP_DOWNDETECTOR_CLIENT_ID": "test-id",
              "SITREP_DOWNDETECTOR_CLIENT_SECRET": "test-secret"}

# ---- record live, replay the same ----------------------------------------

cfg = write_config("[sitrep]\ncolumns = ALL NA EU FR IT\n" + sample_services(srv) + """
[service messenger]
name = Messenger
format = downdetector
auth = downdetector
token_url = {base}/tokens?grant_type=client_credentials
url = {base}/companies?ids=20488,30139,118
""".format(base=BASE))
rec = os.path.join(tmpdir(), "rec")
rc, live, err = run(["--once", "--format", "json", "--record", rec, "-c", cfg], **SECRET_ENV)
ok(rc == 0 and live.startswith("{"), "a live --once with --record works", err)
files = sorted(os.listdir(rec)) if os.path.isdir(rec) else []
is_(files, ["bodies", "config.ini", "recording.json", "responses.jsonl"],
    "the recording is the documented directory")
lines = [json.loads(line) for line in open(os.path.join(rec, "responses.jsonl"))] if files else []
is_(sorted((r["service"], r["status"]) for r in lines),
    [("calls", 200), ("gone", 404), ("linode", 200), ("messenger", 200)],
    "one response per source, the failure included")
ok(all(r["url"].startswith("http://127.0.0.1") and isinstance(r.get("headers"), list) and
       any(h.lower().startswith("content-type:") for h in r["headers"]) for r in lines),
   "each with its URL and the response headers")

everything = responses = b""
for root, _, names in os.walk(rec):
    for n in names:
        data = open(os.path.join(root, n), "rb").read()
        everything += data
        responses += data if n != "config.ini" else b""
ok(b"test-secret" not in everything and b"Authorization" not in everything and
   b"Bearer" not in everything and b"access_token" not in everything,
   "no secret, no Authorization header, no token in the recording")
ok(b"tokens?" not in responses, "the token exchange is not recorded (the config names its URL)")

rc, replayed, err = run(["--replay", rec, "--once", "--format", "json"])
ok(rc == 0, "the recording replays", err)
is_(replayed, live, "the replay prints exactly the snapshot the live run printed")
rc2, again, _ = run(["--replay", rec, "--once", "--format", "json"])
is_(again, replayed, "and the same again on a second replay")
rc, text, err = run(["--replay", rec, "--once", "--format", "text"])
ok(rc == 0 and "Callr" in text, "other formats replay too", err)

rc, _, err = run(["--replay", rec, "--once", "--at", "5h"])
ok(rc == 2 and "past the end" in err, "--at past the end is a usage error", err)
rc, _, err = run(["--replay", rec, "--at", "5m"])
ok(rc == 2 and "--at needs --once" in err, "--at without --once is refused", err)
rc, _, err = run(["--replay", rec, "--record", tmpdir() + "/x", "--once"])
ok(rc == 2 and "record" in err, "--record and --replay do not mix", err)
rc, _, err = run(["--replay", os.path.join(tmpdir(), "nothing"), "--once"])
ok(rc == 2 and "recording.json" in err, "a directory that is no recording says so", err)
rc, _, err = run(["--once", "--record", rec, "-c", cfg], **SECRET_ENV)
ok(rc == 1 and "not an empty directory" in err, "--record never overwrites a recording", err)

# ---- the demo --------------------------------------------------------------


def demo_at(at):
    rc, out, err = run(["--demo", "--once", "--at", at, "--format", "json"])
    try:
        return {s["name"]: s for s in json.loads(out)["services"]}
    except ValueError:
        ok(False, "the demo prints JSON at " + at, err)
        return {}


def cells(svc):
    return {c: v["level"] for c, v in svc.get("cells", {}).items()}


PROBLEM = ("degraded", "partial", "major")
at45 = demo_at("45m")
msg = at45.get("Orbit Messenger", {})
ok(all(cells(msg).get(c) in PROBLEM for c in ("ALL", "EU", "FR", "IT", "JP")),
   "45m: Orbit Messenger is hit in FR, IT, JP (so EU and ALL)", cells(msg))
ok(cells(msg).get("US") == "ok", "45m: but not in the US", cells(msg))
CROWD_KINDS = ("crowd", "crowd+mentions", "mentions")  # reports, public posts: never official
ok(msg.get("cells") and all(v["evidence"] in CROWD_KINDS for v in msg["cells"].values()
                            if v["level"] in PROBLEM),
   "45m: every problem cell of the family is crowd evidence only")
ok(msg.get("official_silent") is True or any("no official" in json.dumps(msg).lower() for _ in [0]),
   "45m: the official side is silent", {k: msg.get(k) for k in ("official_silent", "lead_s")})
siblings = [n for n, s in at45.items() if n.startswith("Orbit") and n != "Orbit Messenger" and
            any(cells(s).get(c) in PROBLEM for c in ("FR", "IT", "JP"))]
ok(len(siblings) >= 2, "45m: the sibling apps spike in the same regions", siblings)
ok(cells(at45.get("Parley", {})).get("FR") not in PROBLEM, "45m: Parley is still fine")
healthy = [n for n, s in at45.items() if s.get("level") == "ok"]
ok(len(healthy) >= 10, "45m: a dozen healthy services around them", len(healthy))

at100 = demo_at("100m")
parley = at100.get("Parley", {})
ok(all(cells(parley).get(c) in PROBLEM for c in ("ALL", "EU", "FR", "US")),
   "100m: Parley is hit in EU, FR and the US", cells(parley))
ok(any(v["evidence"] == "both" for v in parley.get("cells", {}).values()),
   "100m: crowd and official agree somewhere", parley.get("cells"))
titles = " ".join(i["title"] for i in parley.get("incidents", []))
ok("reconnect" in titles.lower(), "100m: the reconnection storm is the open incident", titles)
ok(all(s.get("level") == "ok" for n, s in at100.items() if n.startswith("Orbit")),
   "100m: the Orbit family is back to ok",
   {n: s.get("level") for n, s in at100.items() if n.startswith("Orbit")})
_, a, _ = run(["--demo", "--once", "--at", "100m", "--format", "json"])
_, b, _ = run(["--demo", "--once", "--at", "100m", "--format", "json"])
ok(a == b and a, "the demo replayed twice gives identical snapshots")
ok(any("sign in" in i["title"] and not i["open"] and i.get("inferred_end") is True and
       i["status"] == "monitoring" for i in parley.get("incidents", [])),
   "100m: the first wave stays in the timeline, ended by inference (the page stopped listing it "
   "while monitoring; it never said resolved)", titles)
rc, md, err = run(["--demo", "--once", "--at", "100m", "--format", "markdown"])
ok(rc == 0 and "Parley" in md and "UTC" in md and "reconnect" in md and "sign in" in md,
   "the demo exports to Markdown, both waves with their statements", err)

# ---- history that lasts ----------------------------------------------------

state = tmpdir()
hcfg = write_config("[sitrep]\ncolumns = ALL NA EU\n" + sample_services(srv))
past = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 40 * 60))
rc, _, err = run(["--once", "--now", past, "-c", hcfg], XDG_STATE_HOME=state)
db = os.path.join(state, "sitrep", "history.db")
ok(rc == 0 and os.path.exists(db), "a --once run writes the history database", err)
rc, out, err = run(["export", "--since", "2h", "--format", "csv", "--db", db])
rows = list(csv.reader(io.StringIO(out)))
ok(rc == 0 and rows and rows[0][:3] == ["time", "service", "column"], "sitrep export writes CSV", err)
callr = [r for r in rows[1:] if r[1] == "calls" and r[2] == ""]
ok(callr and callr[0][4] == "major", "the stored level of Callr 40 minutes ago", callr)
# The fixture's statements were posted on 2026-11-22: a UTC time as --since
# reaches back to them whatever today is.
rc, out, err = run(["export", "--since", "2026-11-22T10:00:00Z", "--format", "json", "--db", db])
try:
    hist = json.loads(out)
except ValueError:
    hist = {"samples": [], "statements": []}
ok(rc == 0 and any(s["service"] == "calls" and s["column"] == "EU" and s["level"] == "major"
                   for s in hist["samples"]), "export JSON carries the cells", err)
ok(any("France" in s["body"] or "Europe" in s["title"] for s in hist["statements"]),
   "and the official statements, with their text", hist["statements"][:2])
# The demo replayed into a database, cell after cell within each bucket: the
# Orbit apps' crowd-only outage is exported as crowd, never as "both" (the
# ok that page and crowd agreed on before it must not lend it official
# evidence), and a service's own row says what its level rests on.
ddb = os.path.join(tmpdir(), "demo.db")
rc, _, err = run(["--demo", "--speed", "4000", "--db", ddb], TERM="dumb")
rc2, out, err2 = run(["export", "--db", ddb, "--since", "2026-11-23T17:00:00Z", "--format", "csv"])
rows = [r for r in csv.reader(io.StringIO(out))][1:]
orbit = [r for r in rows if r[1].startswith("orbit") and r[4] == "major"]
ok(rc == 0 and rc2 == 0 and len(orbit) > 100 and all(r[5] in CROWD_KINDS for r in orbit),
   "sitrep export: the Orbit outage's %d major cells rest on crowd evidence only" % len(orbit),
   err + err2 + "\n".join(",".join(r) for r in orbit if r[5] != "crowd"))
rc, svg, err = run(["export", "--db", ddb, "--since", "2026-11-23T17:00:00Z", "--format", "svg",
                    "--service", "parley"])
ok(rc == 0 and svg.startswith("<svg ") and "FR: reports per 5 min" in svg and
   svg.count('class="marker"') == 8 and ">M</text>" in svg and ">o</text>" in svg,
   "export --format svg: Parley's crowd panels, its seven statements as markers (and the "
   "legend's), its levels as lettered strips", err + svg[:300])
ok(re.search(r"1\. 17:58 UTC, investigating: Users unable to sign in", svg) is not None,
   "the statements are listed under the chart with their times")
ok(re.search(r'<text class="label" x="16" y="22">parley: 17:00 UTC to 19:0\d UTC</text>', svg)
   is not None, "the window ends with what is stored, not a week of empty axis")
rc, _, err = run(["export", "--db", ddb, "--format", "svg"])
ok(rc == 2 and "--service" in err, "svg without a service is a usage error", err)
rc, html, err = run(["export", "--db", ddb, "--since", "2026-11-23T17:00:00Z", "--format", "html"])
ok(rc == 0 and html.startswith("<!DOCTYPE html>") and html.count("<section class=\"service\">") == 17
   and "We are aware of an issue causing users to lose connectivity" in html and "<script" not in html,
   "export --format html: every stored service with its chart and statements, no script",
   err + html[:300])
rc, _, err = run(["export", "--format", "markdown", "--db", db])
ok(rc == 2 and "csv, json, svg or html" in err, "export refuses formats it does not write", err)


def spark_row(screen, name):
    for line in screen.splitlines():
        if line.startswith(name):
            return line
    return ""


BIN = os.environ.get("SITREP_BIN", "./sitrep")
t = Tmux("%s -c %s" % (BIN, hcfg), width=120, height=30, XDG_STATE_HOME=state, LANG="C.UTF-8")
screen = t.wait_for("LAST ", "MAJOR")
t.keys("q")
t.kill()
row = spark_row(screen, "Callr")
ok(row.count("\u2588") >= 2,
   "the next run draws the stored major bucket 40 minutes back in Callr's sparkline", row)

# A second sitrep on the same file only reads it, and says so.
rc, out, err = run(["--once", "--db", db, "-c", hcfg])
t2 = Tmux("%s --db %s -c %s" % (BIN, db, hcfg), width=120, height=30, LANG="C.UTF-8")
t2.wait_for("MAJOR")
rc, out, err = run(["--once", "--db", db, "-c", hcfg])
ok(rc == 0 and "another sitrep (pid" in err and "only reads it" in err,
   "a second sitrep on the same database says so and goes on read-only", err)
t2.keys("q")
t2.kill()

# A damaged database is moved aside, loudly, and a fresh one started.
bad = os.path.join(tmpdir(), "bad.db")
with open(bad, "wb") as f:
    f.write(b"SQLite format 3\0" + b"\xa5 damaged pages of a database " * 200)
rc, out, err = run(["--once", "--db", bad, "-c", hcfg])
moved = [n for n in os.listdir(os.path.dirname(bad)) if n.startswith("bad.db.corrupt-")]
ok(rc == 0 and "damaged" in err and moved, "a damaged database is moved aside and said", err)
ok(moved and open(os.path.join(os.path.dirname(bad), moved[0]), "rb").read().startswith(b"SQLite"),
   "the moved file keeps its bytes")
rc, out, err = run(["export", "--db", bad, "--since", "1h"])
ok(rc == 0 and len(out.splitlines()) > 1, "and the fresh one holds this run's history", err)

# A file that is no database at all is someone's data: refused, left alone.
note = os.path.join(tmpdir(), "notes.db")
text = b"this is not a database, it is a note someone saved here\n" * 100
with open(note, "wb") as f:
    f.write(text)
rc, out, err = run(["--once", "--db", note, "-c", hcfg])
ok(rc == 0 and "is not an SQLite database" in err and "memory only" in err,
   "a file that is not a database is refused with a message, history in memory", err)
left = sorted(n for n in os.listdir(os.path.dirname(note)) if n != "notes.db.lock")
ok(open(note, "rb").read() == text and left == ["notes.db"],
   "and it is neither moved nor changed (only sitrep's own lock beside it)", left)

t = Tmux("%s --no-db -c %s" % (BIN, hcfg), width=120, height=30, XDG_STATE_HOME=state,
         LANG="C.UTF-8")
screen = t.wait_for("LAST ", "MAJOR")
t.keys("q")
t.kill()
row = spark_row(screen, "Callr")
is_(row.count("\u2588"), 1, "with --no-db, only this run's own bucket")

# ---- the demo is what its generator makes ----------------------------------

import filecmp
import subprocess
import sys

regen = os.path.join(tmpdir(), "demo")
p = subprocess.run([sys.executable, os.path.join(SRCDIR, "tools", "mkdemo.py"), regen],
                   capture_output=True, text=True, timeout=120)
shipped = os.path.join(SRCDIR, "data", "demo")
cmp = filecmp.dircmp(shipped, regen)
same = (p.returncode == 0 and not cmp.left_only and not cmp.right_only and not cmp.diff_files and
        not cmp.subdirs["bodies"].left_only and not cmp.subdirs["bodies"].right_only and
        not filecmp.cmpfiles(os.path.join(shipped, "bodies"), os.path.join(regen, "bodies"),
                             os.listdir(os.path.join(shipped, "bodies")), shallow=False)[1])
ok(same, "tools/mkdemo.py regenerates the shipped demo byte for byte", p.stderr[-500:])

srv.stop()
done()
