#!/usr/bin/env python3
"""End to end: the live dashboard keeps running, and answering keys,
while its sources hang, drip, reset, flood and fail; each failure shows its
reason; a page that starts failing shows it within one poll and a page that
comes back shows fresh data once its backoff ends."""
import time

from sitreptest import BIN, Server, Tmux, done, ok, write_config

srv = Server()
GOOD = "statuspage/atc0005-check-statuspage__lastpass-components.json"
FLIP = "e2e/calls-summary.json"
cfg = write_config("""
[sitrep]
columns = ALL NA EU
floor = 2s
interval = 3s
timeout = 4s
max_size = 1M
per_host = 16

[service good]
name = Good
url = {good}

[service flip]
name = Flip
url = {flip}
region = group "(?i)^(.*)$" => $1

[service hang]
name = Hang
url = {hang}

[service drip]
name = Drip
url = {drip}

[service bomb]
name = Bomb
url = {bomb}

[service reset]
name = Reset
url = {reset}

[service busy]
name = Busy
url = {busy}
""".format(good=srv.url(GOOD), flip=srv.url(FLIP), hang=srv.url(FLIP, mode="hang", n=1),
           drip=srv.url(FLIP, mode="drip", n=2), bomb=srv.url(FLIP, mode="gzip_bomb", n=3),
           reset=srv.url(FLIP, mode="reset", n=4), busy=srv.url(FLIP, status=503, n=5)))

UTF8 = {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
t = Tmux("%s -c %s" % (BIN, cfg), 100, 30, **UTF8)
screen = t.wait_for("Good", "Flip", "Busy")
t.keys("s", "s", "s")  # severity, name, recent, config: the order below
screen = t.wait_for("sorted by config")
start = time.time()
# The hang and the drip are still in flight: keys must be answered at once.
t.keys("j")
screen = t.wait_for("Flip: ", timeout=2)
ok("Flip: " in screen and time.time() - start < 2,
   "keys are answered while transfers hang (moved in %.2fs)" % (time.time() - start), screen)
screen = t.wait_for("sources 2 ok, 0 stale, 5 failing", timeout=15)
ok("sources 2 ok, 0 stale, 5 failing" in screen, "the status line counts ok and failing sources",
   screen)
# The reason, and whether the source backs off: overload and silence do,
# a body over the cap (a gzip bomb) does not, it is the page's fault.
expect = {"Hang": ("timed out", "backing off"), "Drip": ("timed out", "backing off"),
          "Bomb": ("body too large", "failing after"), "Reset": ("", "backing off"),
          "Busy": ("HTTP 503", "backing off")}
for k in range(5):
    t.keys("j")
    name = ("Hang", "Drip", "Bomb", "Reset", "Busy")[k]
    why, state = expect[name]
    screen = t.wait_for(name + ": unknown", why, state)
    ok(name + ": unknown" in screen and why in screen and state in screen,
       "%s: the detail shows the reason and '%s'" % (name, state), screen)

# A healthy page starts failing: the reason shows within one poll.
t.keys("g", "j")
screen = t.wait_for("Flip: major")
# The detail pane's end holds the sources: show it whatever is above (a
# change log, components), as a user would scroll to it.
t.keys("Tab", "G")
srv.control("set/" + FLIP + "?status=503")
screen = t.wait_for("HTTP 503", timeout=8)
ok("HTTP 503" in screen and "showing data" in screen,
   "one poll after Flip fails its reason shows, with the data kept", screen)
row = [l for l in screen.splitlines() if l.startswith("Flip")]
ok(row and "MAJOR*" in row[0], "and its cells keep the old level, marked stale", screen)
# ... and comes back: fresh data once the backoff ends (backoff <= 2 intervals).
srv.control("set/" + FLIP + "?")
screen = t.wait_for("ok, data 0s old", timeout=15)
ok("Flip: major" in screen and "ok, data" in screen and "HTTP 503" not in screen,
   "after its backoff the page shows fresh data again", screen)
t.keys("q")
ok("EXITED=0" in t.wait_for("EXITED="), "quits cleanly after all that")
t.kill()
done()
