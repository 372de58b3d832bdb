#!/usr/bin/env python3
"""Hardening (issue 19), end to end: the findings of the hostile run that
need the whole program. Planted links, a 304 from nothing, a FIFO as the
config, secrets in URLs, on the command line and in hooks, --check-config,
a theme path into /etc, terminating signals, a 1x1 terminal, the Linux
console under LeakSanitizer, and the fuzz build's flags."""
import base64
import json
import os
import signal
import stat
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sitreptest import (BIN, SRCDIR, Server, Tmux, diag, done, env, is_, ok, run, tmpdir,
                        write_config)

srv = Server()
GOOD = srv.url("e2e/calls-summary.json")
SECRET = "Hunter2-pw"


def sanitized():
    with open(BIN, "rb") as f:
        data = f.read()
    return b"__asan_init" in data


def all_text_under(d):
    out = b""
    for root, _, files in os.walk(d):
        for n in files:
            with open(os.path.join(root, n), "rb") as f:
                out += f.read()
    return out


# --- 3: a 304 when nothing was asked for is no answer ------------------------------------
cfg304 = write_config("[service x]\nname = X\nurl = %s\n" % srv.url("e2e/calls-summary.json",
                                                                      status=304))
rc, out, err = run(["--once", "--no-db", "--exit-status", "--format", "nagios", "-c", cfg304])
ok(rc == 3 and "UNKNOWN" in out, "a 304 to a request that held nothing is unknown, status 3",
   "status %d\n%s%s" % (rc, out, err))

# --- 5: a FIFO as the config ----------------------------------------------------------------
fifo = os.path.join(tmpdir(), "config.fifo")
os.mkfifo(fifo)
t0 = time.time()
try:
    rc, out, err = run(["--once", "--no-db", "-c", fifo], timeout=20)
    ok(rc == 2 and "not a regular file" in err and time.time() - t0 < 15,
       "a FIFO given as --config is refused at once (status 2)", "status %d\n%s" % (rc, err))
except subprocess.TimeoutExpired:
    ok(False, "a FIFO given as --config is refused at once (status 2)", "it hung")

# --- 1: --record never into a shared or linked directory -------------------------------------
base = tmpdir()
shared = os.path.join(base, "shared")
os.mkdir(shared)
os.chmod(shared, 0o777)
good_cfg = write_config("[service calls]\nname = Callr\nurl = %s\n" % GOOD)
rc, out, err = run(["--once", "--no-db", "--record", shared, "-c", good_cfg])
ok(rc == 1 and "writable by group or others" in err and os.listdir(shared) == [],
   "--record refuses a directory others can write to, and writes nothing there", err)
target = os.path.join(base, "target")
os.mkdir(target, 0o700)
linked = os.path.join(base, "linked")
os.symlink(target, linked)
rc, out, err = run(["--once", "--no-db", "--record", linked, "-c", good_cfg])
ok(rc == 1 and "symbolic link" in err and os.listdir(target) == [],
   "--record refuses a link to a directory", err)
rec = os.path.join(base, "rec")
rc, out, err = run(["--once", "--no-db", "--record", rec, "-c", good_cfg])
modes = {os.path.relpath(os.path.join(r, n), rec): stat.S_IMODE(os.stat(os.path.join(r, n)).st_mode)
         for r, ds, fs in os.walk(rec) for n in fs + ds}
ok(rc == 0 and stat.S_IMODE(os.stat(rec).st_mode) == 0o700 and modes and
   all(m == (0o700 if os.path.isdir(os.path.join(rec, p)) else 0o600) for p, m in modes.items()),
   "a recording is private: its directories 0700, its files 0600", modes)

# --- 2: --db and its lock never through a planted link -------------------------------------
for name in ("history.db", "history.db.lock"):
    d = tmpdir()
    victim = os.path.join(d, "victim")
    with open(victim, "w") as f:
        f.write("precious\n")
    os.symlink(victim, os.path.join(d, name))
    rc, out, err = run(["--once", "--db", os.path.join(d, "history.db"), "-c", good_cfg])
    ok(rc == 0 and "symbolic link" in err and "memory only" in err and
       open(victim).read() == "precious\n",
       "a link planted as %s is refused; its target is untouched" % name, err)

# --- 9: userinfo in a URL: sent as Basic, never shown, recorded or exported ------------------
cred_url = "http://alice:%s@%s?x=1&token=TOK-%s" % (SECRET, GOOD.split("://", 1)[1], SECRET)
cfg_pw = write_config("[service calls]\nname = Callr\nurl = %s\n" % cred_url)
rec2 = os.path.join(tmpdir(), "rec")
outs = ""
for fmt in ("text", "json", "csv", "markdown", "nagios"):
    rc, out, err = run(["--once", "--no-db", "--format", fmt, "-c", cfg_pw] +
                       (["--record", rec2] if fmt == "json" else []))
    outs += out + err
hits = json.loads(srv.control("hits/e2e/calls-summary.json"))
auth = (hits.get("headers") or {}).get("authorization", "")
ok(auth == "Basic " + base64.b64encode(("alice:" + SECRET).encode()).decode(),
   "the URL's user:password goes to the server as HTTP Basic", hits.get("headers"))
ok(SECRET not in outs and "alice" not in outs,
   "no output format and no message shows the URL's user:password or its token", outs[-800:])
ok(SECRET.encode() not in all_text_under(rec2) and b"alice" not in all_text_under(rec2),
   "nor does the recording (responses, config copy)")

# --- 9: the command line: /proc/PID/cmdline ------------------------------------------------
hook = "curl -s https://bob:%s@hooks.example/x?token=%s" % (SECRET, SECRET)
p = subprocess.Popen([BIN, "--no-db", "-c", good_cfg, "--on-change", hook],
                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env())
line = p.stdout.readline()  # line mode printed its first snapshot: argv is redacted by now
with open("/proc/%d/cmdline" % p.pid, "rb") as f:
    cmdline = f.read()
p.send_signal(signal.SIGTERM)
p.wait(20)
ok(line and SECRET.encode() not in cmdline and b"https://***@hooks.example" in cmdline,
   "/proc/PID/cmdline shows *** instead of the secrets given on the command line",
   cmdline.replace(b"\0", b" "))

# --- 10: --check-config and config problems exit 2 with file:line ----------------------------
rc, out, err = run(["--check-config", "-c", good_cfg])
ok(rc == 0 and ": ok: 1 services, 1 sources" in out, "--check-config: a good config is ok",
   out + err)
dup = write_config("[sitrep]\ninterval = 60s\n[service calls]\nurl = %s\nurl = %s\n" % (GOOD, GOOD))
rc, out, err = run(["--check-config", "-c", dup])
ok(rc == 2 and "%s:5: warning: 'url' given again in [service calls] (first at line 4)" % dup in err,
   "--check-config: a key given twice is a warning with both lines, status 2", err)
rc, out, err = run(["--once", "--no-db", "-c", dup])
ok(rc == 2 and out == "", "--once does not go on with a config that has warnings", err)
cred = os.path.join(tmpdir(), "dd.cred")
with open(cred, "w") as f:
    f.write("client_id = test-id\nclient_secret = test-secret\n")
os.chmod(cred, 0o644)
dd = write_config("[service m]\nname = M\n[source m dd]\nformat = downdetector\nurl = %s\n"
                  "auth = downdetector\ncredentials = %s\n" % (srv.url("x"), cred))
rc, out, err = run(["--once", "--no-db", "-c", dd])
ok(rc == 2 and "%s:7: credentials file *** is readable by others" % dd in err and cred not in err
   and "test-secret" not in err,
   "a credentials file others can read is a config error with the config's file:line", err)
rc, out, err = run(["--check-config", "-c", dd])
ok(rc == 2, "and --check-config says so too", err)

# --- 4: a region rule that could stall the program is refused at load, with its line ------
slow = write_config("[service calls]\nurl = %s\n\nregion = name \"(a*)\\1b\" => EU\n" % GOOD)
rc, out, err = run(["--once", "--no-db", "-c", slow])
ok(rc == 2 and "%s:4: region rule: regex has a back-reference" % slow in err,
   "a back-reference in a region rule is refused at load with file:line", err)

# --- 10: every config problem names a real line ---------------------------------------------
ratio = write_config("[sitrep]\ncrowd_ratio = 2\ncrowd_notice_ratio = 3\n[service calls]\nurl = %s\n"
                     % GOOD)
rc, out, err = run(["--once", "--no-db", "-c", ratio])
ok(rc == 2 and "%s:3: crowd_notice_ratio" % ratio in err and ":0:" not in err,
   "the crowd ratios' conflict is reported at its line, not file:0", err)
cred2 = os.path.join(tmpdir(), "lines.cred")
with open(cred2, "w") as f:
    f.write("# Downdetector\n\nclient_id = test-id\n\nclient_secret test-secret\n")
os.chmod(cred2, 0o600)
dd2 = write_config("[service m]\nname = M\n[source m dd]\nformat = downdetector\nurl = %s\n"
                   "auth = downdetector\ncredentials = %s\n" % (srv.url("x"), cred2))
rc, out, err = run(["--once", "--no-db", "-c", dd2])
ok(rc == 2 and "line 5: want key = value" in err and "test-secret" not in err,
   "a broken credentials file: the right line (blank lines count), no secret shown", err)

# --- impossible dates ---------------------------------------------------------------------------
rc, out, err = run(["export", "--db", os.path.join(tmpdir(), "none.db"), "--since",
                    "2023-02-29T00:00:00Z"])
ok(rc == 2 and "2023-02-29" in err, "export --since 2023-02-29 is refused (no such day)", err)
rc, out, err = run(["--once", "--no-db", "-c", good_cfg, "--now", "2023-02-29T12:00:00Z"])
ok(rc == 2, "--now 2023-02-29 too", err)

# --- 11: Markdown makes no links of remote text ----------------------------------------------
hostile = write_config("[service calls]\nname = Callr\nurl = %s\n" %
                       srv.url("hostile/autolinks.json"))
rc, out, err = run(["--once", "--no-db", "--format", "markdown", "-c", hostile])
ok(rc == 0 and "evil.example" in out and "https://evil" not in out and "javascript:" not in out
   and "www.evil" not in out, "Markdown: no autolink, no bare scheme, no www. survives", out[-1500:])

# --- 10: a theme path into /etc echoes nothing of the file --------------------------------------
th = write_config("[sitrep]\ntheme = ../../../../../../../etc/passwd\n[service calls]\nurl = %s\n"
                  % GOOD)
rc, out, err = run(["--once", "--no-db", "-c", th])
ok(rc == 2 and "not a theme file" in err and "root" not in err and "nologin" not in err,
   "a theme path to /etc/passwd is refused without quoting it", err)

# --- 8: terminating signals give the terminal back ----------------------------------------------
STTY = "stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '"
for sig in ("QUIT", "USR1", "USR2", "ALRM"):
    t = Tmux("ulimit -c 0; %s --no-db -c %s; s=$?; echo; echo MODES $(%s) END; (exit $s)" %
             (BIN, good_cfg, STTY), 80, 24, LANG="C.UTF-8")
    t.wait_for("sources 1 ok")
    shell = t.tmux("list-panes", "-F", "#{pane_pid}").stdout.split()[0]
    child = subprocess.run(["pgrep", "-P", shell], capture_output=True, text=True).stdout.split()
    if child:
        os.kill(int(child[0]), getattr(signal, "SIG" + sig))
    screen = t.wait_for("EXITED=")
    ok(child and "EXITED=0" in screen and "MODES icanon echo END" in screen and
       "SERVICE" not in screen, "SIG%s exits in order and gives the terminal back" % sig, screen)
    t.kill()

# --- 12: a 1x1 terminal is not blank -----------------------------------------------------------
t = Tmux("%s --no-db -c %s" % (BIN, good_cfg), 80, 24, LANG="C.UTF-8")
t.wait_for("sources 1 ok")
t.resize(1, 1)
screen = t.wait_for("!", timeout=10)
ok(screen.strip() == "!", "a 1x1 terminal shows '!' (too small), not nothing", repr(screen))
t.resize(80, 24)
t.wait_for("SERVICE")
t.keys("q")
ok("EXITED=0" in t.wait_for("EXITED="), "and the dashboard comes back and quits")
t.kill()

# --- 12: the Linux console under LeakSanitizer --------------------------------------------------
if sanitized():
    log = os.path.join(tmpdir(), "stderr.txt")
    t = Tmux("%s --no-db -c %s 2>%s" % (BIN, good_cfg, log), 100, 30, TERM="linux",
             LANG="C.UTF-8", ASAN_OPTIONS="detect_leaks=1")
    t.wait_for("sources 1 ok")
    t.keys("q")
    screen = t.wait_for("EXITED=")
    text = open(log).read()
    ok("EXITED=0" in screen and "LeakSanitizer" not in text,
       "TERM=linux: no leak at exit (no GPM unless asked for)", text[-1500:])
    t.kill()
else:
    ok(True, "# SKIP TERM=linux leak check needs a sanitizer build")

# --- 12: the fuzz build stops at the first sanitizer report -------------------------------------
with open(os.path.join(SRCDIR, "configure.ac")) as f:
    conf = f.read()
fuzz_block = conf[conf.index("enable_fuzzing=$enableval"):conf.index("ENABLE_FUZZING")]
with open(os.path.join(SRCDIR, "Makefile.am")) as f:
    mk = f.read()
ok("-fno-sanitize-recover=all" in fuzz_block and
   "-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all" in mk,
   "the fuzz build has -fno-sanitize-recover=all, for the library and the targets")

done()
