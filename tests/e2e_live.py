#!/usr/bin/env python3
"""End to end: the live dashboard updates its snapshot in place, copying
only what polls changed, and what is on screen every frame. With the
sources polled once an hour, the selected service's age in the detail
pane must still move on from one second to the next, while the server
sees no new request: the frame copies the rows on screen anew, not the
polls."""
import json
import re
import time

from sitreptest import BIN, Server, Tmux, done, ok, sample_services, write_config

srv = Server()
cfg = write_config("[sitrep]\ninterval = 1h\ncolumns = ALL NA EU APAC\n" + sample_services(srv))
UTF8 = {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
AGE = re.compile(r"ok, data (\d+)s old")


def hits():
    return json.loads(srv.control("hits/e2e/calls-summary.json"))["hits"]


def age_on(screen):
    m = AGE.search(screen)
    return int(m.group(1)) if m else None


t = Tmux("%s -c %s --no-db" % (BIN, cfg), 120, 40, **UTF8)
screen = t.wait_for("sources 2 ok, 0 stale, 1 failing", "Callr: major", "ok, data")
first = age_on(screen)
ok(first is not None, "the selected service's source says how old its data is", screen)
polled = hits()

# the age moves on without a poll: wait (bounded) for it to grow by three
end = time.time() + 15
later = first
while time.time() < end and later is not None and first is not None and later < first + 3:
    time.sleep(0.2)
    later = age_on(t.capture())
ok(first is not None and later is not None and later >= first + 3,
   "the detail pane's age moves on from frame to frame (%s s, then %s s)" % (first, later),
   t.capture())
ok(hits() == polled, "without a poll: the server saw no new request (%d)" % polled)

# the grid still answers at once: a filter, and Esc back on the service
t.keys("/", "l", "i", "n")
screen = t.wait_for("filter: lin_", "Linode: partial")
ok("Callr" not in [l[:5] for l in screen.splitlines()], "/ lin: only Linode is listed", screen)
t.keys("Escape")
screen = t.wait_for("Callr", "Gone", "Linode: partial")
ok("Linode: partial" in screen, "Esc: the whole list again, the selection on Linode", screen)
t.keys("q")
t.wait_for("EXITED=0")
srv.stop()
done()
