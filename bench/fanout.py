#!/usr/bin/env python3
"""Fan-out benchmark: one full poll cycle of `sitrep --once` over N sources
on a loopback server that answers each request after a delay, against
`curl --parallel --parallel-max C` fetching the same N URLs, in the same
run, alternating, several rounds. For each (N, C) it prints the medians,
their ratio, the peak RSS of each and how many sources each fetched.
Budget (bench/README.md): sitrep <= 1.15x curl, every source fetched whenever
curl fetches all, peak RSS <= 40 MB (the issue's figure, at 10,000 sources; held at every N).

It also says how far curl is from the ideal N / C x mean delay, to show
the loopback server (bench/loopserv, epoll, one thread) is not the
bottleneck, and how much CPU the server used.

Usage: bench/fanout.py [--sitrep PATH] [--loopserv PATH] [--sources 500,2000,10000]
                       [--parallel 50,300] [--delay 0.1] [--jitter 0.1] [--rounds 3]
                       [--format json]
Run from the build directory after `make sitrep bench/loopserv`; needs curl."""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
FIXTURE = os.path.join(TOP, "tests", "fixtures", "statuspage",
                       "atc0005-check-statuspage__dropbox-components.json")
TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def run(cmd, env):
    """Seconds, peak RSS in KB, stdout of one run. The peak comes from GNU
    time: a child forked from this (large) Python process would carry the
    parent's pages in its own high-water mark until it execs."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile(mode="r") as rss:
        t = time.monotonic()
        p = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss.name] + cmd, stdout=out,
                           stderr=err, env=env)
        dt = time.monotonic() - t
        out.seek(0)
        err.seek(0)
        if p.returncode != 0:
            sys.exit("failed: %s\n%s" % (" ".join(cmd[:3]), err.read().decode()[-2000:]))
        return dt, int(rss.read().split()[-1]), out.read()


def sitrep_fetched(out):
    doc = json.loads(out)
    return sum(1 for s in doc["services"] for src in s["sources"] if src["ok"])


def curl_fetched(out):
    return sum(1 for line in out.split() if line == b"200")


def one_case(a, srv_port, n, c, work, env):
    base = "http://127.0.0.1:%d/f" % srv_port
    urls = ["%s/s%d?delay=%g&jitter=%g&n=%d" % (base, i, a.delay, a.jitter, i) for i in range(n)]
    cfg = os.path.join(work, "config-%d-%d.ini" % (n, c))
    with open(cfg, "w") as f:
        # The same concurrency curl gets; sitrep's polite default is 4 per host, 32 in all.
        f.write("[sitrep]\nper_host = %d\nconnections = %d\ntimeout = 120s\n" % (c, c))
        for i, u in enumerate(urls):
            f.write("[service s%d]\nurl = %s\n" % (i, u))
    curlcfg = os.path.join(work, "urls-%d.txt" % n)
    with open(curlcfg, "w") as f:
        for u in urls:
            f.write('url = "%s"\noutput = "/dev/null"\n' % u)
    sitrep_cmd = [a.sitrep, "--once", "--no-db", "--format", a.format, "-c", cfg]
    curl_cmd = ["curl", "-s", "--parallel", "--parallel-max", str(c), "-w", "%{http_code}\\n",
                "-K", curlcfg]
    s_t, c_t, s_rss, c_rss, s_ok, c_ok = [], [], [], [], [], []
    for r in range(a.rounds):
        dt, rss, out = run(sitrep_cmd, env)
        s_t.append(dt)
        s_rss.append(rss)
        s_ok.append(sitrep_fetched(out) if a.format == "json" else -1)
        dt, rss, out = run(curl_cmd, env)
        c_t.append(dt)
        c_rss.append(rss)
        c_ok.append(curl_fetched(out))
        print("    round %d: sitrep %.3f s (%d fetched)   curl %.3f s (%d fetched)"
              % (r + 1, s_t[-1], s_ok[-1], c_t[-1], c_ok[-1]), flush=True)
    sm, cm = statistics.median(s_t), statistics.median(c_t)
    ideal = n / c * (a.delay + a.jitter / 2)
    all_ok = all(x == n for x in s_ok) or a.format != "json"
    curl_all = all(x == n for x in c_ok)
    ratio = sm / cm
    print("  N=%d C=%d: sitrep %.3f s, curl %.3f s, ratio %.2f (budget 1.15: %s); curl %.2fx "
          "the ideal %.3f s" % (n, c, sm, cm, ratio, "within" if ratio <= 1.15 else "OVER",
                                cm / ideal, ideal))
    print("  N=%d C=%d: peak RSS sitrep %.1f MB, curl %.1f MB (budget %.1f MB: %s); fetched: "
          "sitrep %s, curl %s" % (n, c, max(s_rss) / 1024, max(c_rss) / 1024,
                                  40.0,
                                  "within" if max(s_rss) / 1024 <= 40 else "OVER",
                                  "all" if all_ok else "NOT ALL (%s)" % s_ok,
                                  "all" if curl_all else "not all (%s)" % c_ok), flush=True)
    return ratio, max(s_rss) / 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sitrep", default=os.path.join(os.getcwd(), "sitrep"))
    ap.add_argument("--loopserv", default=os.path.join(os.getcwd(), "bench", "loopserv"))
    ap.add_argument("--sources", default="500,2000,10000")
    ap.add_argument("--parallel", default="50,300")
    ap.add_argument("--delay", type=float, default=0.1)
    ap.add_argument("--jitter", type=float, default=0.1)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--format", default="json")
    a = ap.parse_args()
    if not shutil.which("curl") or not os.access("/usr/bin/time", os.X_OK):
        sys.exit("curl and GNU time are needed (apt-get install curl time)")
    for prog in (a.sitrep, a.loopserv):
        if not os.access(prog, os.X_OK):
            sys.exit("no %s (make sitrep bench/loopserv first, or pass the path)" % prog)
    sizes = [int(x) for x in a.sources.split(",")]
    pars = [int(x) for x in a.parallel.split(",")]
    total = sum(sizes) * len(pars) * (2 * a.rounds) + 100
    srv = subprocess.Popen([a.loopserv, FIXTURE, "--max-requests", str(total),
                            "--max-seconds", "3600"],
                           stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    port = int(srv.stdout.readline().split()[1])
    work = tempfile.mkdtemp(prefix="sitrep-bench-")
    env = dict(os.environ, NO_PROXY="127.0.0.1", no_proxy="127.0.0.1", http_proxy="",
               HOME=work, XDG_CONFIG_HOME=work)
    print("fan-out: server delay %.0f-%.0f ms, %d rounds, --format %s; %d cores: %s"
          % (a.delay * 1000, (a.delay + a.jitter) * 1000, a.rounds, a.format,
             os.cpu_count(), cpu_model()), flush=True)
    srv_cpu0 = cpu_seconds(srv.pid)
    t0 = time.monotonic()
    rows = []
    try:
        for n in sizes:
            for c in pars:
                print("N=%d sources, C=%d at once" % (n, c), flush=True)
                rows.append((n, c) + one_case(a, port, n, c, work, env))
    finally:
        busy = cpu_seconds(srv.pid) - srv_cpu0
        wall = time.monotonic() - t0
        srv.stdin.close()
        srv.wait()
        shutil.rmtree(work, True)
    print("loopback server: %.2f s CPU in %.1f s (%.0f %% of one core)"
          % (busy, wall, 100 * busy / wall))
    print("summary (N, C, ratio, sitrep peak MB):")
    for n, c, ratio, rss in rows:
        print("  %6d %4d  %.2f  %.1f" % (n, c, ratio, rss))


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "?"


if __name__ == "__main__":
    main()
