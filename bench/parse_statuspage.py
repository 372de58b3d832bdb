#!/usr/bin/env python3
"""Parse + map benchmark: sitrep's Statuspage provider and model update
(bench/parsemap) on a 1.7 MB summary, against Python's json.loads on the
same bytes, in the same run, alternating, medians of each.
Budget (bench/README.md): parse + map <= 2x json.loads.

The summary is made from the real captures in tests/fixtures/statuspage:
the GitHub summary's page, status and incident, and the components of
every capture, repeated with fresh ids until the document reaches
--size bytes (a page as large as the largest vendors' with all their
points of presence). It is written to a temporary file and removed.

sitrep's figure is given twice: the first time the page is seen (every
component mapped to a region by the rules) and again (the same page on
the next poll: components that come back unchanged keep their region).

Usage: bench/parse_statuspage.py [--parsemap PATH] [--size 1700000] [--rounds 7]
                      [--iterations 20]
Run from the build directory after `make bench/parsemap`."""
import argparse
import glob
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(os.path.dirname(HERE), "tests", "fixtures", "statuspage")
BASE = "amureki-statuscheck__github_incident.json"


def make_summary(size):
    with open(os.path.join(FIXTURES, BASE), "rb") as f:
        doc = json.load(f)
    pool = []
    for path in sorted(glob.glob(os.path.join(FIXTURES, "atc0005-check-statuspage__*.json"))):
        with open(path, "rb") as f:
            pool.extend(json.load(f).get("components", []))
    comps, copy = doc.setdefault("components", []), 0
    total = len(json.dumps(doc).encode())
    while total < size:
        copy += 1
        ids = {c["id"]: "%s-%d" % (c["id"], copy) for c in pool}
        for c in pool:
            c2 = dict(c, id=ids[c["id"]])
            if c.get("group_id"):
                c2["group_id"] = ids.get(c["group_id"], c["group_id"])
            if c.get("components"):
                c2["components"] = [ids.get(x, x) for x in c["components"]]
            comps.append(c2)
            total += len(json.dumps(c2).encode()) + 2
            if total >= size:
                break
    return json.dumps(doc).encode()


def python_ms(data, iterations):
    t = time.perf_counter()
    for _ in range(iterations):
        json.loads(data)
    return (time.perf_counter() - t) * 1000 / iterations


def sitrep_ms(parsemap, path, iterations):
    out = subprocess.run([parsemap, path, str(iterations)], check=True, capture_output=True,
                         text=True).stdout.split()
    fields = dict(zip(out[0::2], out[1::2]))
    return float(fields["first"]), float(fields["median"]), int(fields["components"])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--parsemap", default="./bench/parsemap")
    ap.add_argument("--size", type=int, default=1700000)
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--iterations", type=int, default=20)
    a = ap.parse_args()
    if not os.access(a.parsemap, os.X_OK):
        sys.exit("no %s (make bench/parsemap first, or pass the path)" % a.parsemap)
    data = make_summary(a.size)
    fd, path = tempfile.mkstemp(prefix="sitrep-summary-", suffix=".json")
    try:
        os.write(fd, data)
        os.close(fd)
        firsts, agains, pys = [], [], []
        for _ in range(a.rounds):
            first, again, ncomp = sitrep_ms(a.parsemap, path, a.iterations)
            firsts.append(first)
            agains.append(again)
            pys.append(python_ms(data, a.iterations))
    finally:
        os.unlink(path)
    f, g, p = statistics.median(firsts), statistics.median(agains), statistics.median(pys)
    print("summary: %d bytes, %d components; %d rounds of %d" % (len(data), ncomp, a.rounds,
                                                                a.iterations))
    print("parse + map, medians (ms): sitrep first sight %.2f, sitrep again %.2f, "
          "python json.loads %.2f" % (f, g, p))
    print("ratios to json.loads: first sight %.2f, again %.2f (budget 2: %s)"
          % (f / p, g / p, "met" if max(f, g) / p <= 2 else "MISSED"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
