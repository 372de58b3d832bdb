#!/usr/bin/env python3
"""End to end: sitrep --version names the release (configure.ac's), the git
revision it was built from, the licence (the LICENSE file's), each library
with the version the system has (pkg-config, sqlite3 through Python, curl),
and the features libcurl brings."""
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sitreptest import SRCDIR, diag, done, is_, ok, run  # noqa: E402


def command(*args):
    try:
        p = subprocess.run(list(args), capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return p.stdout.strip() if p.returncode == 0 else None


status, out, err = run(["--version"])
is_(status, 0, "--version exits 0")
lines = out.splitlines()
diag(out)

with open(os.path.join(SRCDIR, "configure.ac")) as f:
    release = re.search(r"AC_INIT\(\[sitrep\], \[([^]]+)\]", f.read()).group(1)
m = re.match(r"^sitrep (\S+) \(git (\S+)\)$", lines[0] if lines else "")
ok(m and m.group(1) == release, "the first line names release %s" % release, out)

head = None
if os.path.exists(os.path.join(SRCDIR, ".git")) and shutil.which("git"):
    head = command("git", "-C", SRCDIR, "rev-parse", "--short=12", "HEAD")
if head:
    ok(m and head in m.group(2), "the revision is the checkout's HEAD (%s)" % head, out)
else:
    ok(m and m.group(2) == "unknown", "outside a git checkout the revision is 'unknown'", out)

with open(os.path.join(SRCDIR, "LICENSE")) as f:
    licence = f.readline().split()[0]
ok(re.search(r"^licence: %s\b" % licence, out, re.M), "the licence is LICENSE's (%s)" % licence,
   out)

libs = dict(re.findall(r"^  (\S+) +(\S+)", out, re.M))
for name, pkg in (("ncursesw", "ncursesw"), ("libcurl", "libcurl"), ("jansson", "jansson"),
                  ("SQLite", "sqlite3"), ("inih", "inih"), ("libmicrohttpd", "libmicrohttpd")):
    want = command("pkg-config", "--modversion", pkg) if shutil.which("pkg-config") else None
    if want:
        is_(libs.get(name), want, "%s %s, as pkg-config says" % (name, want))
    else:
        ok(re.match(r"^\d+(\.\d+)*$", libs.get(name, "")), "%s has a version" % name, out)

try:
    import sqlite3
    is_(libs.get("SQLite"), sqlite3.sqlite_version, "SQLite is the library the system runs")
except ImportError:
    ok(True, "SQLite against Python's # SKIP no sqlite3 module")

features = next((ln for ln in lines if ln.startswith("features: ")), "")
curl = command("curl", "--version") if shutil.which("curl") else None
if curl:
    tls = re.search(r"libcurl/\S+ (\S+/\S+)", curl)
    ok(tls and ("https (%s)" % tls.group(1)) in features,
       "https through libcurl's TLS library, as curl --version says", features + "\n" + curl)
    ok(("nghttp2/" in curl) == (", http2" in features), "http2 when libcurl has it", features)
    ok(("zlib/" in curl) == (", gzip" in features), "gzip when libcurl has zlib", features)
else:
    ok(features.startswith("features: "), "a features line", out)
ok("serve (HTTP)" in features, "sitrep serve is built in", features)
done()
