#!/usr/bin/env python3
"""End to end: public mentions with no key at all. sitrep --once against a
loopback Mastodon tag timeline (tests/server.py's emulation): a spike of
French posts turns FR possible with the cell saying mentions, never
reports; a flood from one account and an ordinary day raise nothing; an
instance that wants a login says so in the sources; a 429 backs off."""
import json
import subprocess
import time

from sitreptest import BIN, Server, done, env, is_, ok, run, write_config

srv = Server()
TAG = "http://127.0.0.1:%d/mastodon/api/v1/timelines/tag/instagramdown" % srv.port

cfg = write_config("""
[sitrep]
columns = ALL EU FR JP US
crowd_duration = 10m
crowd_clear = 10m

[service instagram]
name = Instagram
family = meta
format = mastodon-tag
# the emulation serves more than a real instance's 40 a page, so that one
# --once answer holds the quiet hours before the spike
url = %s?limit=400
""" % TAG)


def minutes_between(a, b):
    import datetime
    f = "%Y-%m-%dT%H:%M:%SZ"
    return (datetime.datetime.strptime(b, f) - datetime.datetime.strptime(a, f)).seconds / 60


def once(scene, fmt="json"):
    srv.control("set/mastodon?scene=" + scene)
    rc, out, err = run(["--once", "--no-db", "--format", fmt, "-c", cfg])
    if fmt != "json":
        return rc, out, err
    try:
        return rc, json.loads(out), err
    except ValueError:
        return rc, {"services": [{"cells": {}, "sources": [{}], "crowd": []}]}, err + out[:300]


rc, snap, err = once("spike")
svc = snap["services"][0]
fr = svc["cells"].get("FR", {})
ok(rc == 0 and fr.get("level") in ("degraded", "partial", "major"),
   "spike: FR shows a problem from public posts alone", (rc, fr, err))
ok(fr.get("possible") is True, "spike: only possible", fr)
is_(fr.get("evidence"), "mentions", "spike: the evidence is mentions")
ok(fr.get("reports") is None and (fr.get("mentions") or 0) >= 10,
   "spike: counted as mentions (distinct authors), not reports", fr)
is_(svc["cells"].get("US", {}).get("level"), "none", "spike: French posts say nothing of the US")
series = {c["key"]: c for c in svc.get("crowd", [])}
ok(series.get("lang:fr", {}).get("kind") == "mentions", "spike: a lang:fr mention series",
   list(series))

rc, text, err = once("spike", "text")
ok("@" in text.split("\n")[4] and "@ = public mentions only" in text,
   "spike: the text grid marks the cell @ and the legend says mentions", text[:600])
timeline = text[text.find("Timeline:"):]
ok("crowd mentions: possible problems in FR" in timeline and "crowd reports" not in timeline,
   "spike: the timeline says mentions", timeline)
ok("mentions FR: (lang:fr, possible)" in text and "reports" not in
   [l for l in text.splitlines() if l.startswith("  mentions")][0],
   "spike: the detail line says mentions, never reports", text[-800:])
ok("\x1b" not in text and "\u202e" not in text, "spike: nothing raw reaches the output")

rc, snap, err = once("flood")
fr = snap["services"][0]["cells"].get("FR", {})
ok(fr.get("level") in ("ok", "none", "notice"), "flood: one account posting 500 times raises no "
   "problem", fr)

rc, snap, err = once("quiet")
levels = {c: v["level"] for c, v in snap["services"][0]["cells"].items()}
ok(all(v in ("ok", "none") for v in levels.values()), "quiet: an ordinary day raises nothing",
   levels)

rc, snap, err = once("login")
src = snap["services"][0]["sources"][0]
ok("needs login" in (src.get("error") or ""), "login: the source says it needs a login",
   src.get("error"))
ok(src.get("health") == "backing_off" and minutes_between(src["last_attempt"], src["backoff_until"]) >= 15,
   "login: and it is not asked again for a long while", src)

rc, snap, err = once("limit")
src = snap["services"][0]["sources"][0]
ok("429" in (src.get("error") or ""), "429: the source shows it", src.get("error"))
# Live polling: the second request carries the first answer's newest id as
# min_id, so the instance sends only what is new.
live = write_config("""
[sitrep]
columns = ALL FR
interval = 1s
floor = 1s

[service instagram]
name = Instagram
format = mastodon-tag
url = %s
interval = 1s
""" % TAG)
srv.control("set/mastodon?scene=spike")
before = json.loads(srv.control("hits/mastodon"))["hits"]
proc = subprocess.Popen([BIN, "--no-db", "-c", live], stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL, env=env(TERM="dumb"))
hits = {"hits": before, "headers": {}}
deadline = time.time() + 30
while time.time() < deadline and hits["hits"] < before + 2:
    time.sleep(0.2)
    hits = json.loads(srv.control("hits/mastodon"))
proc.terminate()
proc.wait(10)
cursor = hits["headers"].get("min_id", "")
ok(hits["hits"] >= before + 2 and cursor.isdigit() and int(cursor) > 0,
   "live: the next poll asks only for posts after the newest one seen (min_id)", hits)

# Hacker News: no language, so a spike counts for ALL (possible elsewhere)
hn = write_config("""
[sitrep]
columns = ALL EU FR US
crowd_duration = 10m

[service github]
name = GitHub
format = hn-algolia
url = http://127.0.0.1:%d/hn/api/v1/search_by_date?query=github
keyword = github down
keyword = github is down
keyword = is github down
""" % srv.port)
srv.control("set/hn?scene=spike")
rc, out, err = run(["--once", "--no-db", "--format", "json", "-c", hn])
try:
    cells = json.loads(out)["services"][0]["cells"]
except (ValueError, KeyError, IndexError):
    cells = {}
allc = cells.get("ALL", {})
ok(allc.get("level") in ("degraded", "partial", "major") and allc.get("possible") is True and
   allc.get("evidence") == "mentions", "hn spike: ALL possibly down, from mentions", (allc, err))
ok(cells.get("FR", {}).get("possible") is True, "hn spike: possible in FR, never certain",
   cells.get("FR"))
srv.control("set/hn?scene=quiet")
rc, out, err = run(["--once", "--no-db", "--format", "json", "-c", hn])
try:
    cells = json.loads(out)["services"][0]["cells"]
except (ValueError, KeyError, IndexError):
    cells = {}
ok(cells and all(v["level"] in ("ok", "none") for v in cells.values()),
   "hn quiet: passing mentions of GitHub raise nothing", cells)
done()
