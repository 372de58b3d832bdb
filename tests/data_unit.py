#!/usr/bin/env python3
"""The systemd user unit for sitrep serve (data/systemd/sitrep.service.in):
systemd-analyze verify finds nothing to say about it (with the built binary
and man pages in place), its hardening scores "OK" or better in
systemd-analyze security, the unit make installs is the template with the
binary's directory filled in, and its commands, run as the unit runs them
(%h the home), make the history's directory, serve /healthz, keep the
history in the one directory the sandbox lets it write, and stop cleanly on
SIGTERM. The systemd-analyze part is skipped where it is missing."""
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sitreptest import BIN, SRCDIR, Server, done, env, is_, ok, run, tmpdir  # noqa: E402

BUILDDIR = os.environ.get("SITREP_BUILDDIR", os.getcwd())
with open(os.path.join(SRCDIR, "data", "systemd", "sitrep.service.in")) as f:
    template = f.read()

built = os.path.join(BUILDDIR, "data", "systemd", "sitrep.service")
with open(built) as f:
    installed = f.read()
m = re.search(r"^ExecStart=(/\S*)/sitrep serve", installed, re.M)
ok(m and installed == template.replace("@BINDIR@", m.group(1)),
   "the built unit is the template with the bindir filled in (%s)" % (m.group(1) if m else "?"))

def directive(key):
    """The values of a directive, in order (a key may be given more than once)."""
    return re.findall(r"^%s=(.*)$" % re.escape(key), template, re.M)


for key in ("NoNewPrivileges=yes", "ProtectSystem=strict", "ProtectHome=read-only",
            "PrivateTmp=yes", "PrivateUsers=yes", "UMask=0077"):
    ok(re.search(r"^%s$" % re.escape(key), template, re.M), "the unit sets %s" % key)

# The history: ExecStart's --db is in the one writable directory, which
# ExecStartPre makes outside the sandbox.
execstart = directive("ExecStart")[0].split()
pre = directive("ExecStartPre")
writable = directive("ReadWritePaths")
db = execstart[execstart.index("--db") + 1] if "--db" in execstart else ""
is_(writable, [os.path.dirname(db)], "the only writable path is the history's directory")
ok(len(pre) == 1 and pre[0].startswith("+") and pre[0].endswith(" " + os.path.dirname(db)),
   "ExecStartPre makes that directory, outside the sandbox", pre)

home = tmpdir()
p = subprocess.run(pre[0][1:].replace("%h", home).split(), capture_output=True, text=True)
statedir = os.path.join(home, ".local", "state", "sitrep")
ok(p.returncode == 0 and stat.S_IMODE(os.stat(statedir).st_mode) == 0o700,
   "ExecStartPre makes ~/.local/state/sitrep, mode 0700", p.stderr)

status, out, err = run(execstart[1:] + ["--help"])
ok(execstart[0] == "@BINDIR@/sitrep" and status == 0 and "--listen" in out,
   "sitrep takes the unit's command line (%s)" % " ".join(execstart[1:]), err)

# The unit's command line, as the unit runs it, on loopback with a config
# in the user's place.
srv = Server()
os.makedirs(os.path.join(home, ".config", "sitrep"))
with open(os.path.join(home, ".config", "sitrep", "config"), "w") as f:
    f.write("[service calls]\nname = Callr\nurl = %s\n" % srv.url("e2e/calls-summary.json"))
argv = [BIN] + [a.replace("%h", home) for a in execstart[1:]] + ["--listen", "127.0.0.1:0"]
log = open(os.path.join(tmpdir(), "serve.log"), "w+")
unit_env = env(HOME=home, XDG_CONFIG_HOME=os.path.join(home, ".config"))
del unit_env["XDG_STATE_HOME"]  # a user manager usually has none; --db must not need it
proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log,
                        env=unit_env)
port, deadline = 0, time.time() + 20
while not port and time.time() < deadline and proc.poll() is None:
    log.seek(0)
    m = re.search(r"listening on http://127\.0\.0\.1:(\d+)/", log.read())
    port = int(m.group(1)) if m else 0
    time.sleep(0.05)
log.seek(0)
ok(port, "the unit's command line serves", log.read())
answer = b""
if port:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.time() + 20
    while time.time() < deadline and b"Callr" not in answer:
        with opener.open("http://127.0.0.1:%d/api/v1/snapshot" % port, timeout=10) as r:
            answer = r.read()
        time.sleep(0.1)
    with opener.open("http://127.0.0.1:%d/healthz" % port, timeout=10) as r:
        is_(r.status, 200, "/healthz answers")
ok(b"Callr" in answer, "the snapshot has the user config's service")
ok(os.path.exists(os.path.join(statedir, "history.db")) and
   sorted(os.listdir(home)) == [".config", ".local"],
   "the history is in ~/.local/state/sitrep, and nothing else is written in the home",
   sorted(os.listdir(home)))
proc.send_signal(signal.SIGTERM)  # what systemctl stop sends
try:
    is_(proc.wait(20), 0, "SIGTERM stops it cleanly (exit 0)")
except subprocess.TimeoutExpired:
    proc.kill()
    ok(False, "SIGTERM stops it cleanly (exit 0)")
srv.stop()

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
ok(m and float(m.group(1)) <= 2.5, "systemd-analyze security: exposure %s %s (at most 2.5)" %
   (m.group(1), m.group(2)) if m else "systemd-analyze security: exposure", p.stdout[-2000:] +
   p.stderr)
done()
