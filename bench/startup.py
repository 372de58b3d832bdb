#!/usr/bin/env python3
"""Start-to-first-frame benchmark: the dashboard over a 30-day history
database of 50 services (written by bench/mkhistory through the store's own
API), against the same dashboard with --no-db and htop's first frame,
alternating, in a 120x40 pseudo-terminal. The clock runs from fork to the
first frame on the terminal (sitrep: the grid's header row; htop: its
"Load average" meter); the program is then stopped. Medians of each.
Budget (bench/README.md): at most 50 ms median with the database, and no
slower than htop.

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
import shutil
import time


def first_frame_ms(argv, env, marks=(b"SERVICE", b"LAST")):
    """Milliseconds from fork to every one of marks on the terminal."""
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
        if all(m in seen for m in marks):
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
    ap.add_argument("--htop", default=shutil.which("htop"))
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
    if not a.htop:
        print("htop is needed as the anchor (apt-get install htop)")
        return 1
    with_db, no_db, htop = [], [], []
    for _ in range(a.rounds):
        with_db.append(first_frame_ms([a.sitrep, "-c", cfg, "--db", db], env))
        no_db.append(first_frame_ms([a.sitrep, "-c", cfg, "--no-db"], env))
        htop.append(first_frame_ms([a.htop], env, (b"Load average",)))
    if None in with_db or None in no_db or None in htop:
        print("no first frame within 10 s in some rounds")
        return 1
    med, hmed = statistics.median(with_db), statistics.median(htop)
    print("first frame, median of %d (ms): with the %d-day database %.1f, --no-db %.1f, "
          "htop %.1f (max %.1f / %.1f / %.1f); ratio to htop %.2f"
          % (a.rounds, a.days, med, statistics.median(no_db), hmed, max(with_db), max(no_db),
             max(htop), med / hmed))
    print("budget 50 ms median and no slower than htop: %s"
          % ("met" if med <= 50 and med <= hmed else "MISSED"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
