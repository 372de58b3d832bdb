#!/usr/bin/env python3
"""Live-dashboard benchmark: the dashboard with N sources polled every
--interval seconds on a loopback server (bench/loopserv, every answer a
real Statuspage capture with a 50-100 ms delay), in a 120x40 tmux pane,
beside htop at its default delay in a pane of the same size, for the same
--seconds once the first round of polls is over: the share of one core
each used, and their RSS.
Budget (bench/README.md): <= 5 % of one core at 2,000 sources, <= 20 % at
10,000, growing linearly.

sitrep gets per_host = connections = 64 (all sources share one loopback
host; the polite default of 4 per host would not get round 2,000 sources
in a minute) and a fresh history database, as a first start would.

Usage: bench/live.py [--sitrep PATH] [--loopserv PATH] [--sources 2000]
                     [--interval 60] [--seconds 300]
Needs tmux and htop; run from the build directory after
`make sitrep bench/loopserv`."""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.join(os.path.dirname(HERE), "tests", "fixtures", "statuspage",
                       "atc0005-check-statuspage__linode-components-problems.json")
TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime + stime


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def server_requests(port):
    import urllib.request
    with urllib.request.urlopen("http://127.0.0.1:%d/stats" % port, timeout=5) as r:
        return int(r.read().decode().split('"requests":')[1].split(",")[0].strip(" }"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sitrep", default=os.path.join(os.getcwd(), "sitrep"))
    ap.add_argument("--loopserv", default=os.path.join(os.getcwd(), "bench", "loopserv"))
    ap.add_argument("--sources", type=int, default=2000)
    ap.add_argument("--interval", type=int, default=60)
    ap.add_argument("--seconds", type=int, default=300)
    a = ap.parse_args()
    for tool in ("tmux", "htop"):
        if not shutil.which(tool):
            sys.exit("%s is needed (apt-get install %s)" % (tool, tool))
    total = a.sources * (2 + (a.seconds + 120) // a.interval) + 1000
    srv = subprocess.Popen([a.loopserv, FIXTURE, "--max-requests", str(total), "--max-seconds",
                            str(a.seconds + 600)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                           text=True)
    port = int(srv.stdout.readline().split()[1])
    work = tempfile.mkdtemp(prefix="sitrep-live-")
    cfg = os.path.join(work, "config.ini")
    with open(cfg, "w") as f:
        f.write("[sitrep]\ninterval = %ds\nper_host = 64\nconnections = 64\n" % a.interval)
        for i in range(a.sources):
            f.write("[service s%d]\nname = Service %d\nurl = http://127.0.0.1:%d/f/s%d?"
                    "delay=0.05&jitter=0.05&n=%d\n" % (i, i, port, i, i))
    sock = os.path.join(work, "tmux.sock")
    env = dict(os.environ, HOME=work, XDG_CONFIG_HOME=work, XDG_STATE_HOME=work,
               NO_PROXY="127.0.0.1", no_proxy="127.0.0.1", http_proxy="", TERM="xterm-256color")
    env.pop("TMUX", None)

    def tmux(*args):
        subprocess.run(["tmux", "-S", sock] + list(args), env=env, check=True)

    try:
        tmux("-f", "/dev/null", "new-session", "-d", "-s", "b", "-x", "120", "-y", "40", "-n",
             "sitrep", "exec %s -c %s --db %s" % (a.sitrep, cfg, os.path.join(work, "h.db")))
        tmux("new-window", "-t", "b", "-n", "htop", "exec htop")
        pids = {}
        for k in ("sitrep", "htop"):
            out = subprocess.run(["tmux", "-S", sock, "list-panes", "-t", "b:" + k, "-F",
                                  "#{pane_pid}"], capture_output=True, text=True, env=env)
            pids[k] = int(out.stdout.split()[0])
        # The first round: every source asked once (bounded wait).
        end = time.time() + 120
        while time.time() < end and server_requests(port) < a.sources:
            time.sleep(0.5)
        first = server_requests(port)
        before = {k: cpu_seconds(p) for k, p in pids.items()}
        t0, r0 = time.time(), first
        time.sleep(a.seconds)
        after = {k: cpu_seconds(p) for k, p in pids.items()}
        wall = time.time() - t0
        polled = server_requests(port) - r0
        print("live: %d sources every %d s, %d s measured after the first round (%d of %d "
              "asked), 120x40 tmux panes, htop at its default delay; %d polls in the window "
              "(%.1f a second)" % (a.sources, a.interval, a.seconds, first, a.sources, polled,
                                   polled / wall))
        for k, p in pids.items():
            print("  %-6s %.2f s CPU = %.1f %% of one core  RSS %.1f MB"
                  % (k, after[k] - before[k], 100 * (after[k] - before[k]) / wall,
                     rss_kb(p) / 1024))
        share = 100 * (after["sitrep"] - before["sitrep"]) / wall
        budget = 5 if a.sources <= 2000 else 20
        print("sitrep %.1f %% of a core, htop %.1f %%; budget %d %% at this size: %s"
              % (share, 100 * (after["htop"] - before["htop"]) / wall, budget,
                 "met" if share <= budget else "MISSED"))
    finally:
        subprocess.run(["tmux", "-S", sock, "kill-server"], env=env)
        srv.stdin.close()
        srv.wait()
        shutil.rmtree(work, True)


if __name__ == "__main__":
    main()
