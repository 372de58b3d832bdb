#!/usr/bin/env python3
"""End to end: sitrep serve. The demo frozen at 70 minutes is scraped by a
real Prometheus (Debian's prometheus, on loopback, its own config); a query
for a demo cell gives the level the snapshot shows at that moment. The
rules of docs/prometheus pass promtool. Live events stream over SSE and a
viewer that reconnects with Last-Event-ID gets what it missed. Hostile and
careless clients get a status code and nothing else: other methods, unknown
paths, 10 MB of headers, a client that never finishes its request; off
loopback a bearer token is required and its file must be private."""
import json
import os
import re
import shutil
import shlex
import socket
import subprocess
import time
import urllib.request

from sitreptest import BIN, SRCDIR, diag, done, env, is_, ok, run, skip_all, tmpdir

work = tmpdir()
DOCS = os.path.join(SRCDIR, "docs", "prometheus")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_serve(*args):
    """Starts sitrep serve; returns (process, port) once it listens."""
    log = open(os.path.join(work, "serve-%d.log" % time.time_ns()), "w+")
    p = subprocess.Popen([BIN, "serve", "--listen", "127.0.0.1:0"] + list(args),
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


def get(port, path, headers=None, method="GET", timeout=10):
    req = urllib.request.Request("http://127.0.0.1:%d%s" % (port, path), method=method,
                                 headers=headers or {})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(req, timeout=timeout) as r:
            return r.status, r.headers, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read().decode("utf-8", "replace")


def stop(p):
    p.terminate()
    try:
        p.wait(timeout=10)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
    return p.returncode


# --- promtool on the documented config, rules and their tests ----------------------------
if shutil.which("promtool"):
    for args in (["check", "config", "prometheus.yml"], ["check", "rules", "sitrep-rules.yml"],
                 ["test", "rules", "sitrep-rules.test.yml"]):
        p = subprocess.run(["promtool"] + args, cwd=DOCS, capture_output=True, text=True)
        ok(p.returncode == 0, "promtool %s" % " ".join(args), p.stdout + p.stderr)

# --- the demo at 70 minutes, scraped by a real Prometheus --------------------------------------
serve, port = start_serve("--demo", "--at", "70m", "--no-db")
ok(port > 0, "sitrep serve --demo --at 70m listens (port %d)" % port)
code, hdr, body = get(port, "/api/v1/snapshot")
snap = json.loads(body) if code == 200 else {"services": []}
cells = {s["id"]: s["cells"] for s in snap["services"]}
fr = cells.get("parley", {}).get("FR", {})
ok(code == 200 and fr.get("level") == "major", "the snapshot: Parley is major in FR at 18:10", fr)
rc, once, _ = run(["--demo", "--once", "--at", "70m", "--format", "json"])
ok(json.loads(once)["services"] == snap["services"],
   "the served snapshot is --once --at 70m's, service for service")

PROMETHEUS = shutil.which("prometheus")
if PROMETHEUS:
    pport = free_port()
    pdir = os.path.join(work, "prom")
    os.makedirs(pdir)
    # three shards of the same demo beside the single process: Prometheus
    # merges them by itself (each series comes from one shard)
    shards = [start_serve("--demo", "--at", "70m", "--no-db", "--shard", "%d/3" % k)
              for k in (1, 2, 3)]
    with open(os.path.join(pdir, "prometheus.yml"), "w") as f:
        f.write("global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: sitrep\n"
                "    static_configs:\n      - targets: ['127.0.0.1:%d']\n"
                "  - job_name: shards\n    static_configs:\n      - targets: [%s]\n" %
                (port, ", ".join("'127.0.0.1:%d'" % p for _, p in shards)))
    prom = subprocess.Popen([PROMETHEUS, "--config.file", os.path.join(pdir, "prometheus.yml"),
                             "--storage.tsdb.path", os.path.join(pdir, "data"),
                             "--web.listen-address", "127.0.0.1:%d" % pport],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env())
    query = "/api/v1/query?query=" + urllib.request.quote(
        'sitrep_cell_level{service="parley",region="FR"}')
    value, states = None, None
    deadline = time.time() + 60
    while time.time() < deadline and value is None:
        try:
            code, _, body = get(pport, query, timeout=2)
            res = json.loads(body)["data"]["result"] if code == 200 else []
            value = res[0]["value"][1] if res else None
        except (OSError, ValueError, KeyError):
            pass
        if value is None:
            time.sleep(0.3)
    is_(value, "5", "Prometheus, scraping sitrep serve, says Parley in FR is at level 5 (major)")
    code, _, body = get(pport, "/api/v1/query?query=" + urllib.request.quote(
        'sitrep_cell_state{service="gone-nowhere"} or sitrep_cell_state{service="parley",'
        'region="JP",sitrep_cell_state="ok"}'))
    res = json.loads(body)["data"]["result"] if code == 200 else []
    ok(res and res[0]["value"][1] == "1", "and that JP is ok (the state set)", body[:300])
    code, _, body = get(pport, "/api/v1/targets")
    ok('"health":"up"' in body, "the target is up for Prometheus", body[:300])

    def levels(job):
        code, _, body = get(pport, "/api/v1/query?query=" + urllib.request.quote(
            'sitrep_cell_level{job="%s"}' % job))
        res = json.loads(body)["data"]["result"] if code == 200 else []
        return {(r["metric"]["service"], r["metric"]["region"]): r["value"][1] for r in res}

    single, merged = {}, {}
    deadline = time.time() + 30
    while time.time() < deadline and (not single or merged != single):
        time.sleep(0.3)  # until every target has been scraped
        single, merged = levels("sitrep"), levels("shards")
    ok(single and merged == single,
       "three shards scraped by Prometheus give every cell level the single process gives "
       "(%d series)" % len(merged), sorted(set(single.items()) ^ set(merged.items()))[:10])
    for p, _ in shards:
        stop(p)
    stop(prom)
else:
    diag("prometheus is not installed: the scrape is not tested here (.ci/run installs it)")

# --- methods, paths, sizes, slow clients --------------------------------------------------------
code, hdr, _ = get(port, "/metrics", method="POST")
ok(code == 405 and hdr.get("Allow") == "GET, HEAD", "POST is 405 with Allow")
code, _, _ = get(port, "/../../etc/passwd")
is_(code, 404, "no file serving: 404")
code, hdr, body = get(port, "/metrics", method="HEAD")
ok(code == 200 and body == "", "HEAD: the headers, no body")
# 10 MB of headers: refused without reading them all, and the server goes on.
s = socket.create_connection(("127.0.0.1", port))
s.settimeout(10)
try:
    s.sendall(b"GET /metrics HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * (10 << 20) + b"\r\n\r\n")
except OSError:
    pass  # the server closed the connection early: also a refusal
try:
    reply = s.recv(200)
except OSError:
    reply = b""
s.close()
ok(reply == b"" or re.match(rb"HTTP/1\.1 4\d\d", reply) is not None,
   "10 MB of headers: a 4xx (or a closed connection), not a read of them all", reply[:60])
# A client that sends half a request and stops: others are served meanwhile.
slow = [socket.create_connection(("127.0.0.1", port)) for _ in range(20)]
for c in slow:
    c.sendall(b"GET /metrics HTTP/1.1\r\nHost: x\r\n")
t0 = time.time()
code, _, _ = get(port, "/healthz", timeout=5)
ok(code == 200 and time.time() - t0 < 2,
   "20 half-sent requests hold nobody up (/healthz in %.2fs)" % (time.time() - t0))
for c in slow:
    c.close()
rc = stop(serve)
is_(rc, 0, "SIGTERM stops sitrep serve cleanly")

# --- events: live changes, and Last-Event-ID after a reconnection --------------------------------
alerted = os.path.join(work, "alerted")
serve, port = start_serve("--demo", "--speed", "600", "--no-db", "--on-change",
                          'printf "%%s %%s\\n" "$SITREP_SERVICE" "$SITREP_NEW_LEVEL" >> %s' %
                          shlex.quote(alerted))


def read_events(port, last_id=None, seconds=6, want=1):
    headers = {"Last-Event-ID": str(last_id)} if last_id is not None else {}
    s = socket.create_connection(("127.0.0.1", port))
    s.settimeout(0.5)
    lines = "".join("%s: %s\r\n" % kv for kv in headers.items())
    s.sendall(("GET /api/v1/events HTTP/1.1\r\nHost: x\r\n%s\r\n" % lines).encode())
    data, end = b"", time.time() + seconds
    while time.time() < end and data.count(b"\nid: ") < want:
        try:
            chunk = s.recv(65536)
        except socket.timeout:
            continue
        if not chunk:
            break
        data += chunk
    s.close()
    text = data.decode("utf-8", "replace")
    return [int(i) for i in re.findall(r"\nid: (\d+)\n", text)], text


# A hundred viewers that never read (tiny receive buffers, full windows):
# they hold nobody up, not the replay, not the good reader below.
stuck = []
for _ in range(100):
    c = socket.socket()
    c.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1024)
    c.connect(("127.0.0.1", port))
    c.sendall(b"GET /api/v1/events HTTP/1.1\r\nHost: x\r\n\r\n")
    stuck.append(c)
code, _, body = get(port, "/api/v1/snapshot")
first_at = json.loads(body)["generated_at"] if code == 200 else ""

ids, text = read_events(port, want=5, seconds=30)
ok(len(ids) >= 5 and ids == sorted(ids) and "text/event-stream" in text,
   "an SSE stream of numbered change events as the demo plays (%d)" % len(ids), text[:500])
ok("event: cell" in text and '"service":' in text, "cells changing, with their service")
if ids:
    later, text2 = read_events(port, last_id=ids[1], seconds=10, want=1)
    ok(later and later[0] == ids[1] + 1,
       "reconnecting with Last-Event-ID %d gets %d first: nothing missed" %
       (ids[1], later[0] if later else -1), text2[:300])
deadline, lines = time.time() + 30, []
while time.time() < deadline and not any(l.startswith("parley ") for l in lines):
    time.sleep(0.1)
    lines = open(alerted).read().split("\n") if os.path.exists(alerted) else []
ok(any(l.startswith("parley ") for l in lines),
   "alerts run in sitrep serve too: the change command was told about Parley", lines[:5])
t0 = time.time()
code, _, body = get(port, "/api/v1/snapshot")
later_at = json.loads(body)["generated_at"] if code == 200 else ""
ok(code == 200 and later_at > first_at and time.time() - t0 < 1,
   "with 100 stuck event readers the replay went on (%s to %s) and answers come at once "
   "(%.2fs)" % (first_at, later_at, time.time() - t0))
for c in stuck:
    c.close()
stop(serve)

# --- off loopback: a private token file, and the token on every request ---------------------------
rc, _, err = run(["serve", "--demo", "--listen", "0.0.0.0:0"], timeout=20)
ok(rc == 2 and "--token-file" in err, "listening beyond loopback without a token is refused",
   err)
token = os.path.join(work, "token")
with open(token, "w") as f:
    f.write("correct-horse-battery-staple-42\n")
os.chmod(token, 0o644)
rc, _, err = run(["serve", "--demo", "--listen", "0.0.0.0:0", "--token-file", token], timeout=20)
ok(rc == 2 and "0600" in err and "correct-horse" not in err,
   "a token file others can read is refused, and its content never echoed", err)
os.chmod(token, 0o600)
serve, port = start_serve("--demo", "--no-db", "--token-file", token)
code, hdr, _ = get(port, "/metrics")
ok(code == 401 and hdr.get("WWW-Authenticate") == "Bearer", "no token: 401")
code, _, _ = get(port, "/metrics", headers={"Authorization": "Bearer wrong"})
is_(code, 401, "a wrong token: 401")
code, _, body = get(port, "/metrics",
                    headers={"Authorization": "Bearer correct-horse-battery-staple-42"})
ok(code == 200 and "sitrep_cell_level" in body, "the token: 200")
code, _, _ = get(port, "/healthz")
is_(code, 200, "/healthz needs none")
stop(serve)
done()
