#!/usr/bin/env python3
"""Start-to-first-frame benchmark: the dashboard over a 30-day history
database of 50 services (written by bench/mkhistory through the store's own
API), against the same dashboard with --no-db, alternating, in a 120x40
pseudo-terminal. The clock runs from fork to the first frame on the
terminal (the grid's header row); sitrep then quits. Medians of each.
Budget (bench/README.md): under 150 ms with the database.

Usage: bench/startup.py [--sitrep PATH] [--mkhistory PATH] [--services 50]
                        [--days 30] [--rounds 15]
Run from the build directory after `make sitrep bench/mkhistory`."""
import argparse
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import subprocess
import tempfile
import termios
import time


def first_frame_ms(argv, env):
    """Milliseconds from fork to the grid's header on the terminal."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    seen = b""
    elapsed = None
    deadline = start + 10
    while time.perf_counter() < deadline:
        r, _, _ = select.select([fd], [], [], 0.5)
        if not r:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        seen += chunk
        if b"SERVICE" in seen and b"LAST" in seen:
            elapsed = (time.perf_counter() - start) * 1000
            break
    os.kill(pid, signal.SIGTERM)
    os.waitpid(pid, 0)
    os.close(fd)
    return elapsed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sitrep", default="./sitrep")
    ap.add_argument("--mkhistory", default="./bench/mkhistory")
    ap.add_argument("--services", type=int, default=50)
    ap.add_argument("--days", type=int, default=30)
    ap.add_argument("--rounds", type=int, default=15)
    a = ap.parse_args()

    work = tempfile.mkdtemp(prefix="sitrep-startup-")
    cfg = os.path.join(work, "config.ini")
    with open(cfg, "w") as f:
        f.write("[sitrep]\ncolumns = ALL NA LATAM EU MEA APAC\n")
        for i in range(a.services):
            # port 9 on loopback: refused at once, and only after the first frame
            f.write("[service svc%02d]\nname = Service %02d\nurl = http://127.0.0.1:9/s%d\n"
                    % (i, i, i))
    db = os.path.join(work, "history.db")
    t = time.perf_counter()
    subprocess.run([a.mkhistory, db, str(a.services), str(a.days)], check=True)
    size = sum(os.path.getsize(os.path.join(work, n)) for n in os.listdir(work)
               if n.startswith("history.db"))
    print("history: %d services x %d days, %.1f MB, written in %.1f s"
          % (a.services, a.days, size / 1e6, time.perf_counter() - t))

    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", HOME=work,
               XDG_STATE_HOME=work, XDG_CONFIG_HOME=work)
    with_db, no_db = [], []
    for _ in range(a.rounds):
        with_db.append(first_frame_ms([a.sitrep, "-c", cfg, "--db", db], env))
        no_db.append(first_frame_ms([a.sitrep, "-c", cfg, "--no-db"], env))
    if None in with_db or None in no_db:
        print("no first frame within 10 s in some rounds")
        return 1
    print("first frame, median of %d (ms): with the %d-day database %.1f, --no-db %.1f "
          "(max %.1f / %.1f)" % (a.rounds, a.days, statistics.median(with_db),
                                 statistics.median(no_db), max(with_db), max(no_db)))
    print("budget 150 ms: %s" % ("met" if statistics.median(with_db) < 150 else "MISSED"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
