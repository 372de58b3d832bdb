#!/usr/bin/env python3
"""Chaos soak: sitrep live in tmux (under ASan when the build has it)
against the loopback fault server, for a while.

    python3 tests/soak.py [--seconds N]      (default 20: the run make check does)

Sixteen sources on one loopback server: every round gives fourteen of them
a fault mode each (503 with Retry-After, 429, 404, a 304 to an unconditional
request, hang, drip, truncate, 20 MiB with and without a length, a gzip
bomb, a redirect loop, redirects to file:// and ftp://, a reset), waits
until the dashboard shows exactly those as not ok (stale, marked '*'), clears
them and waits until every source is ok again. Between rounds sitrep is
killed with SIGKILL and started again on the same history database, and
once a run the database sits on a nearly full disk (a small tmpfs, when
this runs as root) until room is made. At the end: no sanitizer report,
descriptors and RSS flat over the longest life, every history write sitrep
acknowledged (SITREP_ACK_FD) present in the database, integrity_check ok.
The figures are printed as TAP comments; docs/soak.md says how to run it
long."""
import argparse
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sitreptest import BIN, FIXTURES, Server, Tmux, diag, done, ok, tmpdir  # noqa: E402

FAULTS = [
    ("status", "503", {"retry_after": "1"}), ("status", "429", {}), ("status", "404", {}),
    ("status", "304", {}), ("mode", "hang", {}), ("mode", "drip", {}), ("mode", "truncate", {}),
    ("mode", "big", {}), ("mode", "big_nolength", {}), ("mode", "gzip_bomb", {}),
    ("mode", "loop", {}), ("mode", "to_file", {}), ("mode", "to_ftp", {}), ("mode", "reset", {}),
]
NSOURCES = len(FAULTS) + 2
PAGE = "statuspage/atc0005-check-statuspage__dropbox-components.json"
PROBLEM = "statuspage/atc0005-check-statuspage__github-components-with-problem.json"

ap = argparse.ArgumentParser()
ap.add_argument("--seconds", type=float, default=20)
args = ap.parse_args()
deadline = time.time() + args.seconds
rng = random.Random(19)

# One page per source, so each can be given its own fault.
root = tmpdir()
os.makedirs(os.path.join(root, "soak"))
for i in range(NSOURCES):
    shutil.copy(os.path.join(FIXTURES, PAGE), os.path.join(root, "soak", "s%02d.json" % i))
srv = Server(root=root, max_requests=1000000)
work = tmpdir()
cfg = os.path.join(work, "soak.ini")
with open(cfg, "w") as f:
    f.write("[sitrep]\nfloor = 1s\ninterval = 2s\ntimeout = 3s\nconnect_timeout = 2s\n"
            "max_size = 1M\nexpire_failures = 1000\nexpire_age = 7d\nbell = off\n")
    for i in range(NSOURCES):
        f.write("[service s%02d]\nname = Soak %02d\nurl = %s\n" % (i, i, srv.url("soak/s%02d.json" % i)))

# The history database: on a small tmpfs when we may mount one.
dbdir = os.path.join(work, "db")
os.makedirs(dbdir)
mounted = os.geteuid() == 0 and subprocess.run(
    ["mount", "-t", "tmpfs", "-o", "size=8m,mode=0700", "soak", dbdir],
    capture_output=True).returncode == 0
if mounted:
    import atexit
    atexit.register(subprocess.run, ["umount", "-l", dbdir], capture_output=True)
db = os.path.join(dbdir, "history.db")
acks = os.path.join(work, "acks.txt")
errlog = os.path.join(work, "stderr.txt")
stop = os.path.join(work, "stop")
sanitized = b"__asan_init" in open(BIN, "rb").read()
# sitrep again and again in one pane: a SIGKILL ends one life, the loop starts the next.
loop = ("while [ ! -e %s ]; do %s --db %s -c %s 3>>%s 2>>%s; echo LIFE-ENDED $? >>%s; done" %
        (stop, BIN, db, cfg, acks, errlog, errlog))
t = Tmux(loop, 220, 40, LANG="C.UTF-8", SITREP_ACK_FD="3",
         ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:quarantine_size_mb=16")


def sitrep_pid():
    shell = t.tmux("list-panes", "-F", "#{pane_pid}").stdout.split()
    if not shell:
        return None
    kids = subprocess.run(["pgrep", "-P", shell[0]], capture_output=True, text=True).stdout.split()
    return int(kids[0]) if kids else None


def status_line(screen):
    lines = [l for l in screen.splitlines() if "sources " in l]
    return lines[-1] if lines else ""


def wait_status(text, timeout):
    end = time.time() + timeout
    screen = ""
    while time.time() < end:
        screen = t.capture()
        if text in status_line(screen):
            return True, screen
        time.sleep(0.2)
    return False, screen


def sample(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            rss = next(int(l.split()[1]) for l in f if l.startswith("VmRSS:"))
        return rss, len(os.listdir("/proc/%d/fd" % pid))
    except (OSError, StopIteration):
        return None


stats = {"rounds": 0, "faults": 0, "faults_seen": 0, "recovered": 0, "kills": 0}
lives = {}  # pid -> [(time, rss_kb, fds)]
first_ok, screen = wait_status("sources %d ok" % NSOURCES, 60)
ok(first_ok, "soak: sitrep starts and reads all %d sources" % NSOURCES, status_line(screen))
disk_done = not mounted


def note_life():
    pid = sitrep_pid()
    s = sample(pid) if pid else None
    if s:
        lives.setdefault(pid, []).append((time.time(), s[0], s[1]))


def fault_round():
    faulted = rng.sample(range(NSOURCES), len(FAULTS))
    for (key, value, extra), i in zip(FAULTS, faulted):
        q = "&".join("%s=%s" % kv for kv in [(key, value)] + list(extra.items()))
        srv.control("set/soak/s%02d.json?%s" % (i, q))
    stats["faults"] += len(FAULTS)
    # stale ('*') when it kept data, unknown (UNKN) when it had none yet
    seen, screen = wait_status("sources 2 ok", 45)

    def fault_rows(screen):
        rows = [l for l in screen.splitlines()
                if l.startswith("Soak ") and len(l.split()) > 2 and l.split()[1].isdigit()]
        shown = [l for l in rows if int(l.split()[1]) in faulted]
        return shown, sum(1 for l in shown if "*" in l or "UNKN" in l or "unkn" in l.lower())

    # tmux may capture a frame half written: the rows get two seconds (the
    # longest frame interval) and a margin to agree with the status line.
    shown, marked = fault_rows(screen)
    end = time.time() + 5
    while seen and marked != len(shown) and time.time() < end:
        time.sleep(0.2)
        screen = t.capture()
        shown, marked = fault_rows(screen)
    if marked != len(shown):
        diag("\n".join(shown))
    stats["faults_seen"] += len(FAULTS) if seen else marked
    ok(seen and shown and marked == len(shown),
       "soak round %d: all %d fault modes shown as stale or unknown, the healthy two as ok" %
       (stats["rounds"] + 1, len(FAULTS)), status_line(screen))
    note_life()
    for i in faulted:
        srv.control("set/soak/s%02d.json?" % i)
    back, screen = wait_status("sources %d ok, 0 stale" % NSOURCES, 60)
    stats["recovered"] += len(FAULTS) if back else 0
    ok(back, "soak round %d: every source recovers" % (stats["rounds"] + 1), status_line(screen))
    stats["rounds"] += 1


def kill_round():
    pid = sitrep_pid()
    if pid:
        os.kill(pid, 9)
        stats["kills"] += 1
    end = time.time() + 30
    while time.time() < end and pid and os.path.exists("/proc/%d" % pid):
        time.sleep(0.05)
    # The new life writes to the history (the acknowledgements grow) before
    # its screen is read: the old screen must not pass for the new one's.
    acked = os.path.getsize(acks) if os.path.exists(acks) else 0
    while time.time() < end and (sitrep_pid() in (None, pid) or os.path.getsize(acks) <= acked):
        time.sleep(0.1)
    again, screen = wait_status("sources %d ok" % NSOURCES, 60)
    ok(again and sitrep_pid() not in (None, pid),
       "soak: after kill -9 a new sitrep takes over the same history", status_line(screen))


def disk_round():
    """Fills the tmpfs but for a few pages, waits for the dashboard to say
    history is not being saved, then makes room and waits for it to catch up."""
    filler = os.path.join(dbdir, "filler")
    # Unbuffered: a buffered file would try the write that failed again when
    # it is closed, and raise ENOSPC there.
    with open(filler, "wb", buffering=0) as f:
        try:
            while True:
                f.write(b"\0" * 65536)
        except OSError:
            pass
    # Levels that keep changing everywhere, so sitrep keeps having history
    # to write: the write-ahead log must grow, and cannot.
    pages = [os.path.join(FIXTURES, PAGE), os.path.join(FIXTURES, PROBLEM)]
    targets = [os.path.join(root, "soak", "s%02d.json" % i) for i in range(NSOURCES)]
    end = time.time() + 60
    screen = ""
    flips = 0
    while time.time() < end and "history not saved" not in screen:
        for target in targets:
            shutil.copy(pages[flips % 2], target)
        flips += 1
        for _ in range(8):
            screen = t.capture()
            if "history not saved" in screen:
                break
            time.sleep(0.3)
    for target in targets:
        shutil.copy(pages[0], target)
    ok("history not saved" in screen, "soak: a full disk shows on the status line",
       status_line(screen))
    os.unlink(filler)
    end = time.time() + 90
    while time.time() < end and "history not saved" in screen:
        screen = t.capture()
        time.sleep(0.3)
    ok("history not saved" not in screen, "soak: room made, history is saved again",
       status_line(screen))


note_life()
# Every kind of trouble once, then more of the same while there is time.
fault_round()
note_life()
kill_round()
if not disk_done:
    disk_round()
while time.time() < deadline:
    note_life()
    fault_round()
    note_life()
    if time.time() < deadline:
        kill_round()

open(stop, "w").close()
pid = sitrep_pid()
note_life()
t.keys("q")
end = time.time() + 20
while time.time() < end and sitrep_pid():
    time.sleep(0.2)
t.kill()

# --- the findings ---------------------------------------------------------------------------
text = open(errlog, errors="replace").read() if os.path.exists(errlog) else ""
bad = [l for l in text.splitlines() if "Sanitizer" in l or "runtime error" in l]
ok(not bad, "soak: no sanitizer report in %d lives (%s build)" %
   (stats["kills"] + 1, "ASan" if sanitized else "plain"), "\n".join(bad[:10]) or text[-2000:])

longest = max(lives.values(), key=lambda v: v[-1][0] - v[0][0]) if lives else []
if len(longest) >= 3:
    start = longest[len(longest) // 4]
    last = longest[-1]
    grow_kb = last[1] - start[1]
    ok(last[2] <= start[2] + 2, "soak: descriptors flat over the longest life (%d -> %d)" %
       (start[2], last[2]))
    # ASan's quarantine and allocator caches grow RSS by design: judged
    # only on a plain build.
    ok(sanitized or grow_kb <= max(4096, start[1] // 4), "soak: RSS flat over the longest life "
       "(%d -> %d kB over %.0f s)" % (start[1], last[1], last[0] - start[0]))
    diag("longest life %.0f s: RSS %d -> %d kB, descriptors %d -> %d" %
         (last[0] - start[0], start[1], last[1], start[2], last[2]))
else:
    ok(True, "# SKIP too short a life to judge descriptors and RSS")

acked = []
for line in open(acks) if os.path.exists(acks) else []:
    parts = line.split()
    if len(parts) == 5 and parts[0] == "sample":
        acked.append(parts)
con = sqlite3.connect(db, timeout=10)
integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
missing = [a for a in acked if (con.execute(
    "SELECT level FROM samples WHERE service=? AND region=? AND t=?", (a[1], a[2], int(a[3])))
    .fetchone() or [-1])[0] < int(a[4])]
con.close()
ok(acked and not missing and integrity == "ok",
   "soak: all %d acknowledged history writes are in the database, integrity ok" % len(acked),
   "missing %d, e.g. %r; integrity %s" % (len(missing), missing[:3], integrity))
if not mounted:
    ok(True, "# SKIP the nearly full disk needs root to mount a tmpfs")
diag("soak figures: %.0f s, %d rounds, %d faults set, %d shown, %d recovered, %d kill -9, "
     "%d acknowledged writes, %d lost, disk-full phase %s" %
     (args.seconds, stats["rounds"], stats["faults"], stats["faults_seen"], stats["recovered"],
      stats["kills"], len(acked), len(missing), "run" if mounted else "skipped"))
done()
