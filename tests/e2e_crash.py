#!/usr/bin/env python3
"""Kill -9, over and over: a sitrep writing history (the demo replayed fast
into a database) is killed at random moments, 200 times and more. After
each kill, SQLite's integrity_check must say ok and every history write
sitrep acknowledged (told on SITREP_ACK_FD once committed) must be in the
database, with at least the level it acknowledged. The rounds share one
database, as a machine that keeps crashing would.

Bounded: each round lasts at most twice the time to the first write plus 0.6 s;
two workers run side by side."""
import os
import random
import sqlite3
import subprocess
import threading
import time

from sitreptest import BIN, done, env, ok, tmpdir

ROUNDS = 2 * 110
results = []
lock = threading.Lock()


def first_ack_s():
    """How long this build (a sanitized one is slower) takes to its first
    acknowledged write, so the kills land around and after it."""
    d = tmpdir()
    r, w = os.pipe()
    start = time.time()
    p = subprocess.Popen([BIN, "--demo", "--speed", "20000", "--db", os.path.join(d, "h.db")],
                         env=env(TERM="dumb", SITREP_ACK_FD=str(w)), stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, pass_fds=(w,))
    os.close(w)
    os.read(r, 1)  # blocks until the first acknowledgement (or EOF)
    took = time.time() - start
    p.kill()
    p.wait()
    os.close(r)
    return min(took, 5.0)


t0 = first_ack_s()
rng = random.Random(20261122)
# Some kills before the first write (startup, migration), most after it.
delays = [rng.uniform(0.3 * t0, 2 * t0 + 0.6) for _ in range(ROUNDS)]


def check(db, acks):
    """Returns (integrity ok, missing acknowledged writes)."""
    con = sqlite3.connect(db, timeout=5)
    try:
        integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
        missing = []
        for kind, a, b, t, v in acks:
            if kind == "sample":
                row = con.execute("SELECT level FROM samples WHERE service=? AND region=? AND t=?",
                                  (a, b, int(t))).fetchone()
                if row is None or row[0] < int(v):
                    missing.append((kind, a, b, t, v, row))
            elif kind == "crowd":
                row = con.execute("SELECT count FROM crowd WHERE service=? AND source=? AND t=?",
                                  (a, b, int(t))).fetchone()
                if row is None:
                    missing.append((kind, a, b, t, v))
    finally:
        con.close()
    return integrity == "ok", missing


def worker(index, my_delays):
    d = tmpdir()
    db = os.path.join(d, "history.db")
    for n, delay in enumerate(my_delays):
        r, w = os.pipe()
        e = env(TERM="dumb", SITREP_ACK_FD=str(w))
        p = subprocess.Popen([BIN, "--demo", "--speed", "20000", "--db", db], env=e,
                             stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, pass_fds=(w,))
        os.close(w)
        time.sleep(delay)
        p.kill()  # SIGKILL
        p.wait()
        data = b""
        while True:
            chunk = os.read(r, 1 << 20)
            if not chunk:
                break
            data += chunk
        os.close(r)
        # a line cut by the kill was never completed: only whole lines count
        lines = data.decode("utf-8", "replace").split("\n")[:-1]
        acks = [tuple(line.split(" ")) for line in lines if line.count(" ") == 4]
        good, missing = check(db, acks)
        with lock:
            results.append((index, n, len(acks), good, missing))


half = ROUNDS // 2
threads = [threading.Thread(target=worker, args=(i, delays[i * half:(i + 1) * half]))
           for i in range(2)]
start = time.time()
for t in threads:
    t.start()
for t in threads:
    t.join()

total_acks = sum(r[2] for r in results)
bad_integrity = [r[:2] for r in results if not r[3]]
lost = [(r[0], r[1], r[4][:3]) for r in results if r[4]]
ok(len(results) == ROUNDS, "%d kill -9 rounds ran (%.0f s; first write after %.2f s)"
   % (len(results), time.time() - start, t0))
ok(total_acks > ROUNDS, "sitrep acknowledged writes before being killed (%d in all)" % total_acks)
ok(sum(1 for r in results if r[2] > 0) > ROUNDS // 2,
   "most rounds were killed after some writes were acknowledged",
   sum(1 for r in results if r[2] > 0))
ok(not bad_integrity, "integrity_check says ok after every kill", bad_integrity[:5])
ok(not lost, "no acknowledged write was lost", lost[:3])
done()
