#!/usr/bin/env python3
"""The systemd user unit for sitrep serve (data/systemd/sitrep.service.in):
systemd-analyze verify finds nothing to say about it (with the built binary
and man pages in place), its hardening scores "OK" or better in
systemd-analyze security, the unit make installs is the template with the
binary's directory filled in, and the command it starts is one sitrep
takes. Skipped where systemd-analyze is missing."""
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sitreptest import BIN, SRCDIR, done, ok, run, tmpdir  # noqa: E402

BUILDDIR = os.environ.get("SITREP_BUILDDIR", os.getcwd())
with open(os.path.join(SRCDIR, "data", "systemd", "sitrep.service.in")) as f:
    template = f.read()

built = os.path.join(BUILDDIR, "data", "systemd", "sitrep.service")
with open(built) as f:
    installed = f.read()
m = re.search(r"^ExecStart=(/\S*)/sitrep serve", installed, re.M)
ok(m and installed == template.replace("@BINDIR@", m.group(1)),
   "the built unit is the template with the bindir filled in (%s)" % (m.group(1) if m else "?"))

execstart = re.search(r"^ExecStart=@BINDIR@/sitrep (.*)$", template, re.M).group(1).split()
status, out, err = run(execstart + ["--help"])
ok(status == 0 and "--listen" in out, "sitrep takes the unit's command line (%s)" %
   " ".join(execstart), err)
for key in ("NoNewPrivileges=yes", "ProtectSystem=strict", "ProtectHome=read-only",
            "PrivateTmp=yes", "StateDirectory=sitrep"):
    ok(re.search(r"^%s$" % re.escape(key), template, re.M), "the unit sets %s" % key)

if not shutil.which("systemd-analyze"):
    ok(True, "systemd-analyze verify and security # SKIP systemd-analyze is not installed")
    done()

# Everything the unit names, in place: the binary and the man pages.
root = tmpdir()
bindir = os.path.join(root, "bin")
os.makedirs(bindir)
os.symlink(BIN, os.path.join(bindir, "sitrep"))
for section, page in (("1", "sitrep.1"), ("5", "sitrep.conf.5")):
    src = os.path.join(BUILDDIR, "man", page)
    if not os.path.exists(src):
        src = os.path.join(SRCDIR, "man", page)
    os.makedirs(os.path.join(root, "man", "man" + section), exist_ok=True)
    shutil.copy(src, os.path.join(root, "man", "man" + section, page))
unit = os.path.join(root, "sitrep.service")
with open(unit, "w") as f:
    f.write(template.replace("@BINDIR@", bindir))
runtime = os.path.join(root, "runtime")
os.makedirs(runtime, mode=0o700)
env = dict(os.environ, XDG_RUNTIME_DIR=runtime, MANPATH=os.path.join(root, "man"))

p = subprocess.run(["systemd-analyze", "verify", "--user", unit], capture_output=True, text=True,
                   env=env, timeout=60)
ok(p.returncode == 0 and not p.stderr.strip() and not p.stdout.strip(),
   "systemd-analyze verify --user: no complaint", p.stdout + p.stderr)

p = subprocess.run(["systemd-analyze", "security", "--offline=yes", "--user", unit],
                   capture_output=True, text=True, env=env, timeout=60)
m = re.search(r"Overall exposure level for sitrep.service: ([0-9.]+) (\w+)", p.stdout)
ok(m and float(m.group(1)) <= 3.0, "systemd-analyze security: exposure %s %s (at most 3.0)" %
   (m.group(1), m.group(2)) if m else "systemd-analyze security: exposure", p.stdout[-2000:] +
   p.stderr)
done()
