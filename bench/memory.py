#!/usr/bin/env python3
"""Memory per idle source: the dashboard's RSS once every source has been
polled and the dashboard is idle (between polls), at two list sizes, in a
120x40 tmux pane; the difference over the difference in sources is what
one more idle source costs. Beside it, in the same run, curl --parallel's
peak RSS (GNU time) fetching the same URLs, the anchor for the fixed part.
Every answer is the same real Statuspage capture (--fixture, by default
Dropbox's components page: 7 components), served by bench/loopserv.
Budget (issue "10,000 sources"): <= 4 KB an idle source.

Usage: bench/memory.py [--sitrep PATH] [--loopserv PATH] [--sizes 1000,10000]
                       [--fixture FILE]
Run from the build directory after `make sitrep bench/loopserv`."""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(os.path.dirname(HERE), "tests", "fixtures", "statuspage")
DEFAULT_FIXTURE = os.path.join(FIXTURES, "atc0005-check-statuspage__dropbox-components.json")


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def requests(port):
    import urllib.request
    with urllib.request.urlopen("http://127.0.0.1:%d/stats" % port, timeout=5) as r:
        return int(r.read().decode().split('"requests":')[1].split(",")[0].strip(" }"))


def urls(port, n):
    return ["http://127.0.0.1:%d/f/s%d?delay=0.01&n=%d" % (port, i, i) for i in range(n)]


def dashboard_rss(a, port, n, work, env):
    cfg = os.path.join(work, "config-%d.ini" % n)
    with open(cfg, "w") as f:
        f.write("[sitrep]\ninterval = 10m\nper_host = 64\nconnections = 64\n")
        for i, u in enumerate(urls(port, n)):
            f.write("[service s%d]\nname = Service %d\nurl = %s\n" % (i, i, u))
    sock = os.path.join(work, "tmux-%d.sock" % n)
    before = requests(port)
    subprocess.run(["tmux", "-S", sock, "-f", "/dev/null", "new-session", "-d", "-x", "120", "-y",
                    "40", "exec %s -c %s --no-db" % (a.sitrep, cfg)], env=env, check=True)
    try:
        pid = int(subprocess.run(["tmux", "-S", sock, "list-panes", "-F", "#{pane_pid}"],
                                 capture_output=True, text=True, env=env).stdout.split()[0])
        end = time.time() + 300
        while time.time() < end and requests(port) - before < n:
            time.sleep(0.5)
        # idle: the last answers drawn, freed pages given back. At 10,000
        # sources the RSS still steps down about 65-70 s after start (the
        # first minute's work); read it once it has, and the lowest of a few
        # reads a few seconds apart, so a frame drawn at that moment (a
        # snapshot being updated) is not what is measured.
        time.sleep(max(0, 85 - (time.time() - (end - 300))))
        reads = []
        for _ in range(4):
            reads.append(rss_kb(pid))
            time.sleep(2)
        return min(reads)
    finally:
        subprocess.run(["tmux", "-S", sock, "kill-server"], env=env)


def curl_rss(port, n, work, env):
    cfg = os.path.join(work, "urls-%d.txt" % n)
    with open(cfg, "w") as f:
        for u in urls(port, n):
            f.write('url = "%s"\noutput = "/dev/null"\n' % u)
    with tempfile.NamedTemporaryFile(mode="r") as out:
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", out.name, "curl", "-s", "--parallel",
                        "--parallel-max", "64", "-K", cfg], env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return int(out.read().split()[-1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sitrep", default=os.path.join(os.getcwd(), "sitrep"))
    ap.add_argument("--loopserv", default=os.path.join(os.getcwd(), "bench", "loopserv"))
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--fixture", default=DEFAULT_FIXTURE)
    a = ap.parse_args()
    if not shutil.which("tmux") or not shutil.which("curl"):
        sys.exit("tmux and curl are needed (apt-get install tmux curl time)")
    sizes = [int(x) for x in a.sizes.split(",")]
    srv = subprocess.Popen([a.loopserv, a.fixture, "--max-requests", str(3 * sum(sizes) + 100),
                            "--max-seconds", "1800"], stdin=subprocess.PIPE,
                           stdout=subprocess.PIPE, text=True)
    port = int(srv.stdout.readline().split()[1])
    work = tempfile.mkdtemp(prefix="sitrep-memory-")
    env = dict(os.environ, HOME=work, XDG_CONFIG_HOME=work, XDG_STATE_HOME=work,
               NO_PROXY="127.0.0.1", no_proxy="127.0.0.1", http_proxy="", TERM="xterm-256color")
    env.pop("TMUX", None)
    rows = []
    try:
        for n in sizes:
            rows.append((n, dashboard_rss(a, port, n, work, env), curl_rss(port, n, work, env)))
    finally:
        srv.stdin.close()
        srv.wait()
        shutil.rmtree(work, True)
    print("idle dashboard after one round of polls (--no-db), every answer %s (%d bytes)"
          % (os.path.basename(a.fixture), os.path.getsize(a.fixture)))
    for n, s, c in rows:
        print("  %6d sources: sitrep RSS %.1f MB, curl --parallel peak %.1f MB"
              % (n, s / 1024, c / 1024))
    (n1, s1, _), (n2, s2, _) = rows[0], rows[-1]
    per = (s2 - s1) / (n2 - n1)
    print("per idle source: %.2f KB (budget 4 KB: %s)" % (per, "met" if per <= 4 else "MISSED"))


if __name__ == "__main__":
    main()
