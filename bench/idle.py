#!/usr/bin/env python3
"""Idle-cost benchmark: the dashboard with N sources on the loopback server,
left idle in a tmux pane (between polls), beside htop at its default delay
in another pane of the same size, for the same time: CPU seconds each used
and their RSS. Budget (bench/README.md): no more CPU than htop; RSS < 16 MB
with 7 days of history in memory: sitrep runs on a history database that
bench/mkhistory fills with --history-days of samples for its services, and
reads the week back (a day before the first frame, the rest after it).

Usage: bench/idle.py [--sitrep PATH] [--mkhistory PATH] [--sources 50]
                     [--seconds 60] [--history-days 7]
Needs python3, tmux and htop; run from the build directory after
`make sitrep bench/mkhistory`."""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(TOP, "tests"))
from sitreptest import Server  # noqa: E402

FIXTURE = "statuspage/atc0005-check-statuspage__linode-components-problems.json"
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


def pane_pid(sock, target):
    # The pane runs the program with exec, so the pane's pid is the program's.
    out = subprocess.run(["tmux", "-S", sock, "list-panes", "-t", target, "-F", "#{pane_pid}"],
                         capture_output=True, text=True).stdout.split()
    return int(out[0])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sitrep", default=os.path.join(os.getcwd(), "sitrep"))
    ap.add_argument("--sources", type=int, default=50)
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--mkhistory", default=os.path.join(os.getcwd(), "bench", "mkhistory"))
    ap.add_argument("--history-days", type=int, default=7)
    a = ap.parse_args()
    for tool in ("tmux", "htop"):
        if not shutil.which(tool):
            sys.exit("%s is needed (apt-get install %s)" % (tool, tool))
    srv = Server(max_requests=10 * a.sources + 100)
    work = tempfile.mkdtemp(prefix="sitrep-idle-")
    cfg = os.path.join(work, "config.ini")
    with open(cfg, "w") as f:
        # Polls every 10 min: the measured minute is between polls.
        f.write("[sitrep]\ninterval = 10m\n")
        for i in range(a.sources):
            # ids as bench/mkhistory writes them
            f.write("[service svc%02d]\nname = Service %d\nurl = %s\n" %
                    (i, i, srv.url(FIXTURE, n=i)))
    db = os.path.join(work, "history.db")
    if a.history_days > 0:
        subprocess.run([a.mkhistory, db, str(a.sources), str(a.history_days)], check=True)
    sock = os.path.join(work, "tmux.sock")
    env = dict(os.environ, HOME=work, XDG_CONFIG_HOME=work, NO_PROXY="127.0.0.1",
               no_proxy="127.0.0.1", http_proxy="", TERM="xterm-256color")
    env.pop("TMUX", None)

    def tmux(*args):
        subprocess.run(["tmux", "-S", sock] + list(args), env=env, check=True)

    tmux("-f", "/dev/null", "new-session", "-d", "-s", "b", "-x", "120", "-y", "40", "-n", "sitrep",
         "exec %s -c %s --db %s" % (a.sitrep, cfg, db))
    tmux("new-window", "-t", "b", "-n", "htop", "exec htop")
    time.sleep(8)  # first polls done, htop settled
    pids = {"sitrep": pane_pid(sock, "b:sitrep"), "htop": pane_pid(sock, "b:htop")}
    before = {k: cpu_seconds(p) for k, p in pids.items()}
    time.sleep(a.seconds)
    after = {k: cpu_seconds(p) for k, p in pids.items()}
    print("idle: %d sources, %d days of history, %d s, 120x40 tmux panes, htop at its default "
          "delay" % (a.sources, a.history_days, a.seconds))
    for k, p in pids.items():
        print("  %-6s CPU %.2f s  RSS %.1f MB" % (k, after[k] - before[k], rss_kb(p) / 1024))
    used = {k: after[k] - before[k] for k in pids}
    print("sitrep used %s CPU than htop (budget: no more); RSS %s 16 MB" %
          ("no more" if used["sitrep"] <= used["htop"] else "MORE",
           "under" if rss_kb(pids["sitrep"]) < 16 * 1024 else "OVER"))
    subprocess.run(["tmux", "-S", sock, "kill-server"], env=env)
    srv.stop()
    shutil.rmtree(work, True)


if __name__ == "__main__":
    main()
