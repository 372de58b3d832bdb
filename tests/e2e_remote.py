#!/usr/bin/env python3
"""End to end: viewers of sitrep serve (sitrep --remote). A viewer of the
demo served at 70 minutes says exactly what --once --at 70m says (the JSON
byte for byte, the dashboard's grid row for row, a past moment's grid too);
three shards (--shard K/3) each hold their share and, merged by one viewer,
say what a single process says; a shard that goes away stays on the
dashboard as stale data with its age and the reason, and comes back by
itself when it returns; a live server's changes reach the viewer; a token
server wants the token; bad URLs are refused."""
import os
import re
import socket
import subprocess
import time

from sitreptest import BIN, Tmux, diag, done, env, is_, ok, run, tmpdir

work = tmpdir()
UTF8 = {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}


def start_serve(*args, port=0):
    """Starts sitrep serve; returns (process, port) once it listens."""
    log = open(os.path.join(work, "serve-%d.log" % time.time_ns()), "w+")
    p = subprocess.Popen([BIN, "serve", "--listen", "127.0.0.1:%d" % port] + list(args),
                         stdout=subprocess.DEVNULL, stderr=log, env=env())
    deadline = time.time() + 20
    while time.time() < deadline:
        log.seek(0)
        m = re.search(r"listening on http://127\.0\.0\.1:(\d+)/", log.read())
        if m:
            return p, int(m.group(1))
        if p.poll() is not None:
            break
        time.sleep(0.05)
    log.seek(0)
    diag(log.read())
    return p, 0


def stop(p):
    p.terminate()
    try:
        p.wait(timeout=10)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()


def url(port):
    return "http://127.0.0.1:%d" % port


def grid_rows(text):
    """Service -> the level labels of its cells, from the text export's grid
    or from the dashboard's (glyphs dropped). The export puts the source's
    mark after the label (MAJOR+), the dashboard before it (+MAJOR), and the
    dashboard calls a crowd notice RISE: both read as MAJOR+ and NOTE~."""
    rows = {}
    for line in text.split("\n"):
        line = re.sub(r"[^\x20-\x7e]", " ", line)  # the glyphs before the labels
        cells = re.findall(r"([~+]?)\b(MAJOR|PART|DEGR|MAINT|NOTE|RISE|UNKN|OK)([~+?*]*)", line)
        m = re.match(r"^ ?([A-Z][A-Za-z ]+?)\s{2,}", line)
        if m and cells and not line.startswith(("SERVICE", "Levels")):
            rows[m.group(1).strip()] = [
                b.replace("RISE", "NOTE") + "".join(sorted(a + c))
                for a, b, c in cells]
    return rows


# --- one server: the viewer says what the server's process says ---------------------------------
serve, port = start_serve("--demo", "--at", "70m", "--no-db")
rc, local, _ = run(["--demo", "--once", "--at", "70m", "--format", "json"])
rc2, remote, err = run(["--remote", url(port), "--once", "--format", "json"])
ok(rc == 0 and rc2 == 0 and local == remote and '"parley"' in remote,
   "--remote --once --format json is --once --at 70m's, byte for byte", err)
rc, local_text, _ = run(["--demo", "--once", "--at", "70m"])
want = grid_rows(local_text)
ok(want.get("Parley") == ["MAJOR+", "MAJOR+", "MAJOR+", "MAJOR+", "OK+", "MAJOR+"],
   "(the text grid reads as expected)", want.get("Parley"))

t = Tmux("%s --remote %s" % (BIN, url(port)), 150, 45, **UTF8)
screen = t.wait_for("Parley", "Gamehub", timeout=20)
got = grid_rows(screen)
ok(got == want, "the viewer's dashboard shows --once --at 70m's grid, row for row",
   "\n".join("%s: %s / %s" % (k, want.get(k), got.get(k)) for k in want if want.get(k) != got.get(k))
   or screen)
# time travel goes to the server: 30 minutes back is --at 40m
t.keys("[", "[", "[", "[", "[", "[")
screen = t.wait_for("PAST: 30m ago", timeout=15)
rc, then_text, _ = run(["--demo", "--once", "--at", "40m"])
got, want_then = grid_rows(screen), grid_rows(then_text)
ok("PAST: 30m ago" in screen and got == want_then and got.get("Parley") != want.get("Parley"),
   "time travel in the viewer shows the server's past: --at 40m's grid (Parley not yet down)",
   screen)
t.keys("q")
t.kill()
stop(serve)

# --- shards: each holds a share; one viewer merges them into the single process's view ------------
shards = [start_serve("--demo", "--at", "70m", "--no-db", "--shard", "%d/3" % k) for k in (1, 2, 3)]
ports = [p for _, p in shards]
held = []
for p in ports:
    _, body, _ = run(["--remote", url(p), "--once", "--format", "json"])
    held.append(set(re.findall(r'^    {\n      "id": "([^"]+)"', body, re.M)))
_, single, _ = run(["--demo", "--once", "--at", "70m", "--format", "json"])
everything = set(re.findall(r'^    {\n      "id": "([^"]+)"', single, re.M))
ok(all(held) and sum(len(h) for h in held) == len(everything) and set.union(*held) == everything,
   "three shards hold every service once between them (%s)" % " / ".join(
       str(len(h)) for h in held))
ok(any("orbit-messenger" in h and "orbit-photos" in h for h in held),
   "a family (Orbit) stays in one shard, so its shared cause is still seen")
rc, merged, err = run(["--remote", ",".join(url(p) for p in ports), "--once", "--format", "json"])
ok(rc == 0 and merged == single, "merged by one viewer, the shards say what one process says", err)

t = Tmux("%s --remote %s" % (BIN, ",".join(url(p) for p in ports)), 150, 45, **UTF8)
screen = t.wait_for("Gamehub", "Mailbox", "sources 23 ok", timeout=20)
ok(grid_rows(screen) == want, "and draws the same grid", screen)
# a shard goes away: its services stay, stale, with the reason and the age
lost = [i for i, h in enumerate(held) if "mailbox" in h][0]
lost_port = ports[lost]
stop(shards[lost][0])
screen = t.wait_for("1 of 3 servers", "127.0.0.1:%d lost" % lost_port, timeout=20)
rows = grid_rows(screen)
stale = {name for name, cells in rows.items() if all(c.endswith("*") for c in cells)}
ok("1 of 3 servers" in screen and "Mailbox" in stale and "Docsy" in stale and len(stale) == 2,
   "a lost shard: its services (and only they) stay, marked stale; the status line names it",
   screen)
# back on the same port: found again without a key pressed
again, _ = start_serve("--demo", "--at", "70m", "--no-db", "--shard", "%d/3" % (lost + 1),
                       port=lost_port)
screen = t.wait_for("sources 23 ok", timeout=40)
ok("sources 23 ok" in screen and "servers" not in screen.split("\n")[-2],
   "when it is back, the viewer finds it again by itself", screen)
t.keys("q")
t.kill()
for p, _ in shards:
    if p.poll() is None:
        stop(p)
stop(again)

# --- live: the changes of a running server reach the viewer ---------------------------------------
serve, port = start_serve("--demo", "--speed", "300", "--no-db")
t = Tmux("%s --remote %s" % (BIN, url(port)), 150, 45, **UTF8)
deadline, screen = time.time() + 60, ""
while time.time() < deadline:
    screen = t.capture()
    if (grid_rows(screen).get("Parley") or [""])[0].startswith("MAJOR"):
        break
    time.sleep(0.2)
ok((grid_rows(screen).get("Parley") or [""])[0].startswith("MAJOR"),
   "a viewer of a live server follows it: Parley turns major as the demo plays", screen)
t.keys("q")
t.kill()
stop(serve)

# --- a token, and refusals ----------------------------------------------------------------------
token = os.path.join(work, "token")
with open(token, "w") as f:
    f.write("correct-horse-battery-staple-42\n")
os.chmod(token, 0o600)
serve, port = start_serve("--demo", "--at", "70m", "--no-db", "--token-file", token)
rc, out, err = run(["--remote", url(port), "--once"])
ok("401" in out and "correct-horse" not in out + err,
   "without the token the viewer says the server answered 401", out)
rc, out, err = run(["--remote", url(port), "--token-file", token, "--once"])
ok(rc == 0 and "Parley" in out and "servers:" not in out, "with --token-file it reads", err)
stop(serve)

rc, _, err = run(["--remote", "ftp://127.0.0.1:1", "--once"])
ok(rc == 2 and "http" in err, "a URL that is not http(s) is refused", err)
rc, _, err = run(["--remote", url(1), "--demo", "--once"])
ok(rc == 2 and "--remote" in err, "--remote does not go with --demo", err)
rc, out, err = run(["--remote", url(1), "--once"], timeout=30)
ok(rc == 0 and "servers: 1 of 1 server: 127.0.0.1:1 not answering" in out,
   "a server that is not there: said, not a crash and not 'ok'", out + err)
done()
