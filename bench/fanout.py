#!/usr/bin/env python3
"""Fan-out benchmark: one full poll cycle of `sitrep --once` over N sources
on a loopback server that answers each request after a delay, against
`curl --parallel --parallel-max 50` fetching the same N URLs, in the same
run, alternating, several rounds; prints the medians and their ratio, and
one sequential curl pass for scale. Budget (bench/README.md): sitrep <= 1.3x.

Usage: bench/fanout.py [--sitrep PATH] [--sources 500] [--delay 0.1] [--rounds 5]
Needs python3 and curl; run from the source tree after building."""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(TOP, "tests"))
from sitreptest import Server  # noqa: E402

FIXTURE = "statuspage/atc0005-check-statuspage__dropbox-components.json"


def timed(cmd, env):
    t = time.monotonic()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    dt = time.monotonic() - t
    if p.returncode != 0:
        sys.exit("failed: %s\n%s" % (" ".join(cmd[:3]), p.stderr.decode()[-2000:]))
    return dt


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sitrep", default=os.path.join(os.getcwd(), "sitrep"))
    ap.add_argument("--sources", type=int, default=500)
    ap.add_argument("--delay", type=float, default=0.1)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--parallel", type=int, default=50)
    ap.add_argument("--no-sequential", action="store_true")
    a = ap.parse_args()
    if not shutil.which("curl"):
        sys.exit("curl is needed for the comparison (apt-get install curl)")
    if not os.access(a.sitrep, os.X_OK):
        sys.exit("no sitrep binary at %s (build first, or pass --sitrep)" % a.sitrep)

    srv = Server(max_requests=(2 * a.rounds + 2) * a.sources + 100)
    urls = [srv.url(FIXTURE, delay=a.delay, n=i) for i in range(a.sources)]
    work = tempfile.mkdtemp(prefix="sitrep-bench-")
    cfg = os.path.join(work, "config.ini")
    with open(cfg, "w") as f:
        # The same concurrency curl gets; sitrep's polite default is 4 per host.
        f.write("[sitrep]\nper_host = %d\nconnections = %d\ntimeout = 120s\n"
                % (a.parallel, a.parallel))
        for i, u in enumerate(urls):
            f.write("[service s%d]\nurl = %s\n" % (i, u))
    curlcfg = os.path.join(work, "urls.txt")
    with open(curlcfg, "w") as f:
        for u in urls:
            f.write('url = "%s"\noutput = "/dev/null"\n' % u)
    env = dict(os.environ, NO_PROXY="127.0.0.1", no_proxy="127.0.0.1", http_proxy="",
               HOME=work, XDG_CONFIG_HOME=work)
    sitrep_cmd = [a.sitrep, "--once", "--format", "json", "-c", cfg]
    curl_cmd = ["curl", "-s", "--parallel", "--parallel-max", str(a.parallel), "-K", curlcfg]

    print("fan-out: %d sources, %.0f ms server delay, %d rounds, %d in parallel"
          % (a.sources, a.delay * 1000, a.rounds, a.parallel))
    timed(sitrep_cmd, env)  # warm caches
    s_times, c_times = [], []
    for r in range(a.rounds):
        s_times.append(timed(sitrep_cmd, env))
        c_times.append(timed(curl_cmd, env))
        print("  round %d: sitrep %.3f s   curl --parallel %.3f s" % (r + 1, s_times[-1],
                                                                      c_times[-1]))
    s_med, c_med = statistics.median(s_times), statistics.median(c_times)
    ratio = s_med / c_med
    print("median: sitrep %.3f s, curl --parallel %.3f s, ratio %.2f (budget 1.30: %s)"
          % (s_med, c_med, ratio, "within" if ratio <= 1.3 else "OVER"))
    if not a.no_sequential:
        seq = timed(["curl", "-s", "-K", curlcfg], env)
        print("for scale: sequential curl %.1f s" % seq)
    srv.stop()
    shutil.rmtree(work, True)


if __name__ == "__main__":
    main()
