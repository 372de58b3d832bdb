#!/usr/bin/env python3
"""End to end: alerts on change, in tmux, against the loopback server. A
page turns from operational to a major outage: exactly one bell, one
desktop notification and one run of the --on-change command. It flaps back
and forth inside the quiet interval: nothing more, then or after the
interval. It recovers after the interval: one more of each. The incident
title is hostile (OSC 52, BEL, CR LF, BS, a bidi override, 10 KB): it
reaches the command's environment and the notification sanitized, and
never reaches the terminal raw.

The command is the test's own text; what changed reaches it only through
SITREP_* variables. The bell and the notification are counted in the raw
bytes sitrep writes to its pane (tmux pipe-pane)."""
import json
import os
import re
import shlex
import subprocess
import time

from sitreptest import BIN, Server, Tmux, diag, done, env, is_, ok, tmpdir, write_config

QUIET = 25
UTF8 = {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
HOSTILE = ("Login down \x1b]52;c;ZWNobyBwd25lZA==\x07 in \u202eEU\u202c\r\nrm -rf ~\b\b\x9b2J"
           + "A" * 10000)

root = tmpdir()
os.makedirs(os.path.join(root, "flip"))
PAGE = "flip/summary.json"


def write_page(major):
    """The page the server serves, rewritten whole (rename: never half a file)."""
    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    body = {
        "page": {"id": "flip", "name": "Flip", "url": "https://status.flip.example",
                 "updated_at": stamp},
        "status": {"indicator": "major" if major else "none",
                   "description": "Major outage" if major else "All Systems Operational"},
        "components": [{"id": "c-api", "name": "API", "group_id": None, "group": False,
                        "position": 1, "updated_at": stamp,
                        "status": "major_outage" if major else "operational"}],
        "incidents": [] if not major else [{
            "id": "inc-1", "name": HOSTILE, "status": "investigating", "impact": "critical",
            "created_at": stamp, "updated_at": stamp, "started_at": stamp, "resolved_at": None,
            "shortlink": "https://stspg.example/x",
            "components": [{"id": "c-api", "name": "API"}],
            "incident_updates": [{"id": "u1", "status": "investigating", "body": HOSTILE,
                                  "created_at": stamp, "display_at": stamp}]}],
        "scheduled_maintenances": [],
    }
    tmp = os.path.join(root, PAGE + ".tmp")
    with open(tmp, "w") as f:
        json.dump(body, f)
    os.replace(tmp, os.path.join(root, PAGE))


def lines(path):
    try:
        with open(path) as f:
            return f.read().splitlines()
    except FileNotFoundError:
        return []


def polls():
    """How many times sitrep has asked the server for the page."""
    return json.loads(srv.control("hits/" + PAGE))["hits"]


def wait_polls(n, timeout=20):
    """Waits until sitrep has polled the page n more times (one more than
    needed: the last answer may still be on its way through the model)."""
    start, end = polls(), time.time() + timeout
    while time.time() < end and polls() - start < n + 1:
        time.sleep(0.25)
    return polls() - start


def wait_polls_after(moment, n=2):
    """Waits until the clock has passed moment (the end of the quiet
    interval), then for n more polls: what sitrep does then has happened."""
    while time.time() < moment:
        time.sleep(0.1)
    return wait_polls(n)


def wait_lines(path, n, timeout=15):
    end = time.time() + timeout
    while time.time() < end and len(lines(path)) < n:
        time.sleep(0.1)
    return lines(path)


def raw_output(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        return b""


# tmux's passthrough (ESC P tmux; ... ESC \, inner ESCs doubled) and OSC strings.
DCS = re.compile(rb"\x1bPtmux;((?:\x1b\x1b|[^\x1b])*)\x1b\\")
OSC = re.compile(rb"\x1b\]((?:[^\x07\x1b]|\x1b(?!\\))*)(?:\x07|\x1b\\)")


def notifications(raw):
    """The OSC 777 notifications in the pane's raw output, as (title, body)."""
    found = []
    for m in DCS.finditer(raw):
        inner = m.group(1).replace(b"\x1b\x1b", b"\x1b")
        for o in OSC.finditer(inner):
            parts = o.group(1).split(b";", 3)
            if parts[:2] == [b"777", b"notify"] and len(parts) == 4:
                found.append((parts[2].decode("utf-8", "replace"),
                              parts[3].decode("utf-8", "replace")))
    return found


def bells(raw):
    """BEL bytes that are bells, not the end of an OSC string."""
    return OSC.sub(b"", DCS.sub(b"", raw)).count(b"\x07")


def clean(text, limit):
    return (len(text) <= limit and not any(ord(c) < 0x20 or 0x7f <= ord(c) <= 0x9f for c in text)
            and not any(c in text for c in "\u202e\u202c\u200b"))


def row(screen, name):
    found = [l for l in screen.splitlines() if l.startswith(name)]
    return found[0] if found else ""


def wait_row(t, name, text, timeout=15):
    end = time.time() + timeout
    screen = ""
    while time.time() < end:
        screen = t.capture()
        if text in row(screen, name):
            return True, screen
        time.sleep(0.1)
    return False, screen


work = tmpdir()
hook_out, titles, raw_path = (os.path.join(work, n) for n in ("hook.txt", "titles.txt", "raw"))
srv = Server(root=root, max_requests=600)
write_page(False)
cfg = write_config("""
[sitrep]
columns = ALL EU NA
floor = 1s
interval = 1s
alert_quiet = {quiet}s
notify = osc777
webhook = http://127.0.0.1:{port}/hook?token=SECRET-4242

[service flip]
name = Flip
url = {url}
""".format(quiet=QUIET, url=srv.url(PAGE), port=srv.port))
srv.control("set/hook?fail=1")  # the first delivery fails: it must be tried again
# The test's own command; the remote title comes in through the environment only.
hook = ('printf "%s %s %s\\n" "$SITREP_SERVICE" "$SITREP_OLD_LEVEL" "$SITREP_NEW_LEVEL" >> {out}; '
        'printf "%s\\n" "$SITREP_TITLE" >> {titles}').format(out=shlex.quote(hook_out),
                                                           titles=shlex.quote(titles))
t = Tmux("%s -c %s --no-db --on-change %s" % (BIN, shlex.quote(cfg), shlex.quote(hook)), 100, 30,
         **UTF8)
seen, screen = wait_row(t, "Flip", "OK")
ok(seen, "the page is read: Flip is ok", screen)
t.tmux("pipe-pane", "-o", "cat >> %s" % shlex.quote(raw_path))
wait_polls(2)  # a few more polls: the first state is settled, and nothing is news
is_(lines(hook_out), [], "the first polls run no command")

# --- operational -> major outage ------------------------------------------------------
write_page(True)
seen, screen = wait_row(t, "Flip", "MAJOR")
ok(seen, "Flip turns major on the screen", screen)
changed_at = time.time()
got = wait_lines(hook_out, 1)
is_(got, ["flip ok major"], "the command ran once, with service, old and new level")
wait_polls(3)  # polls go on; the level stays
is_(lines(hook_out), ["flip ok major"], "and not again while the level stays")
raw = raw_output(raw_path)
is_(bells(raw), 1, "exactly one bell")
notes = notifications(raw)
is_(len(notes), 1, "exactly one desktop notification (OSC 777 through tmux)")

# --- the hostile title -----------------------------------------------------------------------
title = (lines(titles) or [""])[0]
ok(title.startswith("Login down ") and "rm -rf" in title and "EU" in title,
   "the incident title reaches SITREP_TITLE", title[:80])
ok(clean(title, 1000), "sanitized: no ESC, BEL, CR, BS, C1 or bidi control, under 1000 "
   "characters (%d)" % len(title), repr(title[:120]))
if notes:
    ntitle, nbody = notes[0]
    ok(ntitle.startswith("sitrep: Flip major"), "the notification names the service", ntitle)
    ok("Login down" in nbody and clean(nbody, 300) and clean(ntitle, 100),
       "the notification carries the title, sanitized and bounded", repr(nbody[:160]))
bad = [b for b in (b"\x1b]52", "\u202e".encode(), b"ZWNobyBwd25lZA==\x07") if b in raw]
ok(not bad, "the hostile bytes never reach the terminal raw", bad)

# --- flapping inside the quiet interval ------------------------------------------------------
flaps = 0
for major in (False, True, False, True):
    write_page(major)
    seen, screen = wait_row(t, "Flip", "MAJOR" if major else "OK", timeout=8)
    flaps += seen
is_(flaps, 4, "the level flapped four times on the screen, inside the quiet interval")
left = changed_at + QUIET + 4 - time.time()
ok(left > 0, "the flaps ended before the quiet interval did (%.0fs left)" % left)
wait_polls_after(changed_at + QUIET + 4)
is_(lines(hook_out), ["flip ok major"], "no command ran for the flaps, then or after the interval")
raw = raw_output(raw_path)
is_(bells(raw), 1, "still one bell")
is_(len(notifications(raw)), 1, "still one notification")

# --- a real change after the interval -------------------------------------------------------------
write_page(False)
got = wait_lines(hook_out, 2)
is_(got, ["flip ok major", "flip major ok"], "recovery after the interval: one more run")
deadline = time.time() + 15
while time.time() < deadline and (bells(raw_output(raw_path)) < 2 or
                                  len(notifications(raw_output(raw_path))) < 2):
    time.sleep(0.1)
wait_polls(3)  # and nothing more as polls go on
raw = raw_output(raw_path)
is_(bells(raw), 2, "and one more bell")
is_(len(notifications(raw)), 2, "and one more notification")
is_(len(lines(hook_out)), 2, "nothing else ran")

# --- the webhook: each alert POSTed as JSON, a failure retried ------------------------------------
deadline = time.time() + 30
hooks = []
while time.time() < deadline:
    hooks = json.loads(srv.control("hooks"))
    if len([h for h in hooks if not h["failed"]]) >= 2:
        break
    time.sleep(0.2)
delivered = [json.loads(h["body"]) for h in hooks if not h["failed"]]
ok(len(hooks) == 3 and hooks[0]["failed"] and not hooks[1]["failed"] and
   hooks[0]["body"] == hooks[1]["body"] and hooks[1]["time"] - hooks[0]["time"] >= 9,
   "webhook: the failed first delivery is sent again after its backoff, then the recovery",
   [(h["failed"], round(h["time"] - hooks[0]["time"], 1)) for h in hooks])
ok(len(delivered) == 2 and delivered[0]["new_level"] == "major" and
   delivered[0]["text"].startswith("Flip: major") and delivered[0]["service"] == "flip" and
   delivered[1]["new_level"] == "ok" and hooks[0]["type"] == "application/json",
   "webhook: JSON bodies with text, levels and service", delivered)
ok(all(c["column"] and "possible" in c for d in delivered for c in d["changes"]) and
   all("\x1b" not in h["body"] and "\u202e" not in h["body"] for h in hooks),
   "webhook: the changes per column, remote text sanitized", hooks[:1])
screen = t.capture()
raw = raw_output(raw_path)
ok(b"SECRET-4242" not in raw and "SECRET-4242" not in screen,
   "the webhook's URL (a secret) never reaches the screen")

# The detail pane's log of changes.
screen = t.capture()
ok("Changes" in screen and "major \u2192 ok" in screen and "ok \u2192 major" in screen,
   "the detail pane lists both changes", screen)

# sitrep's own requests: its polls of the page and its webhook deliveries (the
# test's control requests to the server are not counted)
sent = polls() + len(json.loads(srv.control("hooks")))
ok(sent < 200, "a bounded number of requests (%d)" % sent)
t.keys("q")
ok("EXITED=0" in t.wait_for("EXITED="), "quits cleanly")
t.kill()

# --- the change log is in recording time: the demo at two speeds alerts alike --------------
logs = {}
for speed in (1000, 4000):
    log = os.path.join(root, "speed-%d.log" % speed)
    cmd = 'echo "$SITREP_SERVICE $SITREP_TIME $SITREP_CHANGES" >> %s' % shlex.quote(log)
    p = subprocess.run([BIN, "--demo", "--no-db", "--speed", str(speed), "--on-change", cmd],
                       capture_output=True, timeout=120, env=env(TERM="dumb"))
    deadline = time.time() + 10  # commands still running when the replay ended
    while time.time() < deadline and subprocess.run(["pgrep", "-f", log],
                                                    capture_output=True).returncode == 0:
        time.sleep(0.1)
    with open(log) as f:
        logs[speed] = sorted(f.read().splitlines())
ok(logs[1000] and logs[1000] == logs[4000],
   "the demo replayed at x1000 and x4000 announces the same changes at the same recorded times "
   "(%d)" % len(logs[1000]), "\n".join(sorted(set(logs[1000]) ^ set(logs[4000]))))
ok(any(l.startswith("parley 2026-11-23T17:54:12Z ALL:ok>major") and "FR:ok>major?" in l
       for l in logs[1000]),
   "Parley's outage is announced dated 17:54:12, when the page says it began, FR only possibly "
   "(the page named Europe)", "\n".join(logs[1000]))
ok(not any(l.startswith("parley") and ">notice" in l for l in logs[1000]),
   "the crowd reports rising before that (17:55, a notice) are not alerted",
   "\n".join(logs[1000]))
done()
