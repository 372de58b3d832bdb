#!/usr/bin/env python3
"""sitrep serve under load, in two parts, each beside an anchor in the same run.

1. /metrics with many sources (default 10,000: 2,000 services x 5 sources,
   every source a Statuspage summary on the loopback server). Once every
   source has been fetched, /metrics is asked ROUNDS times; the anchor is the
   same bytes served as a static file by Python's http.server, asked the same
   way. Prints both medians and the ratio. Budget: /metrics <= 50 ms.

2. The poll loop under viewers: 2,000 sources polled every INTERVAL seconds,
   first with nobody reading, then with 1,000 Server-Sent-Event clients
   connected and 200 requests a second on /api/v1/snapshot. For each phase:
   how long the poller takes to fetch 2,000 sources once (the poll cycle:
   from sitrep_fetch_duration_seconds_count, over a window of several
   cycles) and the mean fetch duration. Budget: the loaded cycle within 10 %
   of the idle one.

Usage: bench/serve.py [--sitrep PATH] [--part 1|2|both] [--services 2000]
                      [--per-service 5] [--rounds 20] [--clients 1000]
                      [--rate 200] [--window 30]
Run from the build directory after building; needs python3 only."""
import argparse
import http.client
import os
import re
import selectors
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(TOP, "tests"))
from sitreptest import Server  # noqa: E402

FIXTURE = "statuspage/atc0005-check-statuspage__dropbox-components.json"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def write_config(path, srv, services, per_service, interval):
    with open(path, "w") as f:
        f.write("[sitrep]\nfloor = 1s\ninterval = %ds\nper_host = 64\nconnections = 64\n"
                "timeout = 60s\n" % interval)
        n = 0
        for i in range(services):
            f.write("[service s%d]\nname = Service %d\nurl = %s\n"
                    % (i, i, srv.url("s.json", n=n)))
            n += 1
            for k in range(1, per_service):
                f.write("[source s%d p%d]\nformat = statuspage\nurl = %s\n"
                        % (i, k, srv.url("s.json", n=n)))
                n += 1
    return n


class Serve:
    def __init__(self, sitrep, cfg, work):
        self.port = free_port()
        env = dict(os.environ, HOME=work, XDG_CONFIG_HOME=work, XDG_STATE_HOME=work,
                   NO_PROXY="127.0.0.1", no_proxy="127.0.0.1", http_proxy="")
        self.log = open(os.path.join(work, "serve.log"), "w")
        self.proc = subprocess.Popen([sitrep, "serve", "--no-db", "-c", cfg, "--listen",
                                      "127.0.0.1:%d" % self.port],
                                     stdout=subprocess.DEVNULL, stderr=self.log, env=env)
        self.conn = None

    def get(self, path, headers=None):
        for _ in range(3):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                self.conn.request("GET", path, headers=headers or {})
                r = self.conn.getresponse()
                return r.status, r.read()
            except (OSError, http.client.HTTPException):
                self.conn = None
                time.sleep(0.2)
        raise RuntimeError("sitrep serve does not answer %s" % path)

    def metric_sum(self, name, body=None):
        if body is None:
            body = self.get("/metrics")[1].decode()
        total = 0.0
        for m in re.finditer(r"^%s(?:\{[^}]*\})? (\S+)$" % re.escape(name), body, re.M):
            total += float(m.group(1))
        return total

    def why(self):
        self.log.flush()
        with open(self.log.name) as f:
            return f.read()[-2000:]

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def wait_all_fetched(sv, nsources, deadline_s):
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline and sv.proc.poll() is None:
        try:
            if sv.metric_sum("sitrep_source_up") >= nsources:
                return True
        except RuntimeError:
            pass
        time.sleep(0.5)
    return False


def timed_gets(get, path, rounds):
    times = []
    for _ in range(rounds):
        t = time.monotonic()
        status, body = get(path)
        times.append(time.monotonic() - t)
        if status != 200:
            raise RuntimeError("%s answered %d" % (path, status))
    return times, body


def static_server(work, body):
    static = os.path.join(work, "static")
    os.makedirs(static, exist_ok=True)
    with open(os.path.join(static, "metrics"), "wb") as f:
        f.write(body)

    class Quiet(SimpleHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def __init__(self, *args, **kw):
            super().__init__(*args, directory=static, **kw)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    conn = [http.client.HTTPConnection("127.0.0.1", httpd.server_address[1], timeout=30)]

    def get(path):
        conn[0].request("GET", path)
        r = conn[0].getresponse()
        return r.status, r.read()
    return httpd, get


def part1(a, srv, work):
    """Twice: a server whose snapshot does not change (every scrape after
    the first is answered from the cache), and one polling every source
    every 30 s, where the snapshot changes several times a second and a
    scrape PAUSE seconds after the last one is made anew."""
    results = []
    for interval, pause in ((3600, 0), (10, 0.3)):
        cfg = os.path.join(work, "metrics.ini")
        n = write_config(cfg, srv, a.services, a.per_service, interval)
        sv = Serve(a.sitrep, cfg, work)
        t0 = time.monotonic()
        if not wait_all_fetched(sv, n, 600):
            why = sv.why()
            sv.stop()
            sys.exit("not every source was fetched in 10 minutes\n" + why)
        fetched_in = time.monotonic() - t0
        if pause:  # into the second round of polls
            time.sleep(max(0, interval - fetched_in))
        times, anew, last = [], 0, None
        for _ in range(a.rounds):
            time.sleep(pause)
            t, body = timed_gets(sv.get, "/metrics", 1)
            times += t
            anew += last is not None and body != last
            last = body
        sv.stop()
        results.append((interval, fetched_in, times, body, anew))
    body = results[0][3]
    httpd, get = static_server(work, body)
    anchor, _ = timed_gets(get, "/metrics", a.rounds)
    httpd.shutdown()
    p_med = statistics.median(anchor)
    print("part 1: /metrics with %d sources (%d services x %d): %d lines, %.1f MB"
          % (a.services * a.per_service, a.services, a.per_service, body.count(b"\n"),
             len(body) / 1e6))
    print("  the same bytes from Python's http.server (a static file): median %.1f ms"
          % (p_med * 1e3))
    for (interval, fetched_in, times, _, anew), what in zip(
            results, ("nothing changing (from the cache)", "polling every 10 s")):
        med = statistics.median(times)
        print("  sitrep, %s: median %.1f ms, max %.1f, ratio %.2f; budget 50 ms: %s "
              "(%d of %d scrapes differed from the one before; all fetched in %.1f s)"
              % (what, med * 1e3, max(times) * 1e3, med / p_med,
                 "within" if med <= 0.05 else "OVER", anew, len(times) - 1, fetched_in))


class Viewers:
    """CLIENTS event-stream readers on one selector, and RATE snapshot
    requests a second from a second thread, until stop()."""

    def __init__(self, port, clients, rate):
        self.port, self.rate = port, rate
        self.sel = selectors.DefaultSelector()
        self.stopping = False
        self.connected = 0
        self.answered = 0
        self.snapshot_bytes = 0
        self.late = 0
        req = b"GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
        for _ in range(clients):
            s = socket.create_connection(("127.0.0.1", port))
            s.sendall(req)
            s.setblocking(False)
            self.sel.register(s, selectors.EVENT_READ)
            self.connected += 1
        self.threads = [threading.Thread(target=self.read_events, daemon=True),
                        threading.Thread(target=self.ask_snapshots, daemon=True)]
        for t in self.threads:
            t.start()

    def read_events(self):
        while not self.stopping:
            for key, _ in self.sel.select(0.2):
                try:
                    if not key.fileobj.recv(65536):
                        self.sel.unregister(key.fileobj)
                        self.connected -= 1
                except BlockingIOError:
                    pass
                except OSError:
                    self.sel.unregister(key.fileobj)
                    self.connected -= 1

    def ask_snapshots(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        step = 1.0 / self.rate
        due = time.monotonic()
        while not self.stopping:
            now = time.monotonic()
            if now < due:
                time.sleep(due - now)
            elif now - due > 1:
                self.late += 1
                due = now
            due += step
            try:
                conn.request("GET", "/api/v1/snapshot")
                r = conn.getresponse()
                self.snapshot_bytes += len(r.read())
                self.answered += 1
            except (OSError, http.client.HTTPException):
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)

    def stop(self):
        self.stopping = True
        for t in self.threads:
            t.join(5)
        for key in list(self.sel.get_map().values()):
            key.fileobj.close()


def measure_cycle(sv, nsources, window):
    """Fetches per second over WINDOW seconds -> the time for NSOURCES
    fetches, and the mean fetch duration in that window."""
    def counts():
        body = sv.get("/metrics")[1].decode()
        return (sv.metric_sum("sitrep_fetch_duration_seconds_count", body),
                sv.metric_sum("sitrep_fetch_duration_seconds_sum", body), time.monotonic())
    c0, s0, t0 = counts()
    time.sleep(window)
    c1, s1, t1 = counts()
    fetched = c1 - c0
    if fetched <= 0:
        return float("inf"), float("inf"), 0
    return nsources * (t1 - t0) / fetched, (s1 - s0) / fetched, fetched


def part2(a, srv, work):
    cfg = os.path.join(work, "poll.ini")
    n = write_config(cfg, srv, a.services2, 1, a.interval)
    sv = Serve(a.sitrep, cfg, work)
    print("part 2: %d sources polled every %d s; %d event clients and %d snapshot requests/s"
          % (n, a.interval, a.clients, a.rate))
    if not wait_all_fetched(sv, n, 300):
        why = sv.why()
        sv.stop()
        sys.exit("not every source was fetched in 5 minutes\n" + why)
    time.sleep(a.interval)  # past the first round's start spread
    idle_cycle, idle_fetch, idle_n = measure_cycle(sv, n, a.window)
    v = Viewers(sv.port, a.clients, a.rate)
    time.sleep(2)
    start_answered = v.answered
    t = time.monotonic()
    load_cycle, load_fetch, load_n = measure_cycle(sv, n, a.window)
    rate = (v.answered - start_answered) / (time.monotonic() - t)
    connected = v.connected
    v.stop()
    sv.stop()
    print("  idle:   poll cycle %.2f s (%d fetches), mean fetch %.1f ms"
          % (idle_cycle, idle_n, idle_fetch * 1e3))
    print("  loaded: poll cycle %.2f s (%d fetches), mean fetch %.1f ms; %d event clients "
          "connected at the end, %.0f snapshots/s answered (%.1f MB each)"
          % (load_cycle, load_n, load_fetch * 1e3, connected, rate,
             v.snapshot_bytes / max(v.answered, 1) / 1e6))
    ratio = load_cycle / idle_cycle
    print("  poll cycle loaded/idle %.3f (budget 1.10: %s)"
          % (ratio, "within" if ratio <= 1.10 else "OVER"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sitrep", default=os.path.join(os.getcwd(), "sitrep"))
    ap.add_argument("--part", default="both", choices=["1", "2", "both"])
    ap.add_argument("--services", type=int, default=2000)
    ap.add_argument("--per-service", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--services2", type=int, default=2000)
    ap.add_argument("--interval", type=int, default=10)
    ap.add_argument("--clients", type=int, default=1000)
    ap.add_argument("--rate", type=int, default=200)
    ap.add_argument("--window", type=int, default=30)
    a = ap.parse_args()
    if not os.access(a.sitrep, os.X_OK):
        sys.exit("no sitrep binary at %s (build first, or pass --sitrep)" % a.sitrep)
    work = tempfile.mkdtemp(prefix="sitrep-bench-")
    # A short name keeps ten thousand sources' config under sitrep's 1 MB cap.
    root = os.path.join(work, "root")
    os.makedirs(root)
    shutil.copy(os.path.join(TOP, "tests", "fixtures", FIXTURE), os.path.join(root, "s.json"))
    srv = Server(root=root, max_requests=10 ** 7)
    try:
        if a.part in ("1", "both"):
            part1(a, srv, work)
        if a.part in ("2", "both"):
            part2(a, srv, work)
    finally:
        srv.stop()
        shutil.rmtree(work, True)


if __name__ == "__main__":
    main()
