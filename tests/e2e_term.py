#!/usr/bin/env python3
"""End to end: what the dashboard asks of the terminal, seen from tmux. Mouse
reporting (SGR 1006 encoding included) is on while it runs, off with
--no-mouse and off again after every exit; synchronized output (mode 2026)
wraps each frame when SITREP_SYNC=1 and never appears with SITREP_SYNC=0;
editing and control keys neither stop nor break the dashboard."""
import os
import signal
import subprocess
import time

from sitreptest import BIN, Server, Tmux, done, ok, run, sample_services, tmpdir, write_config

srv = Server()
cfg = write_config(sample_services(srv))
cmd = "ulimit -c 0; %s -c %s" % (BIN, cfg)
UTF8 = {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
READY = "sources 2 ok, 0 stale, 1 failing"
SYNC_BEGIN, SYNC_END = b"\x1b[?2026h", b"\x1b[?2026l"


def mouse_flags(t):
    """(any tracking, SGR encoding) as tmux records them for the pane."""
    out = t.tmux("display", "-p", "#{mouse_any_flag} #{mouse_sgr_flag}").stdout.split()
    return tuple(out) if len(out) == 2 else ("?", "?")


def record(t):
    """Starts copying what the program writes to the pane into a file;
    returns a function that reads it so far."""
    path = os.path.join(tmpdir(), "pane.raw")
    open(path, "wb").close()
    t.tmux("pipe-pane", "-o", "cat >> '%s'" % path)

    def read():
        with open(path, "rb") as f:
            return f.read()
    return read


def wait_raw(raw, cond, timeout=10):
    """Reads the pane's raw output until cond(data) holds (or the deadline)."""
    end = time.time() + timeout
    data = raw()
    while time.time() < end and not cond(data):
        time.sleep(0.05)
        data = raw()
    return data


def sanitized():
    """A sanitizer build leaves fatal signals to the sanitizer, which does
    not restore the terminal."""
    with open(BIN, "rb") as f:
        data = f.read()
    return b"__asan_init" in data or b"__ubsan_handle" in data


# --- the mouse: asked for while running, given back on every exit -------------------
t = Tmux(cmd, 80, 24, **UTF8)
screen = t.wait_for(READY)
ok("SERVICE" in screen, "the dashboard is up", screen)
ok(mouse_flags(t)[0] == "1", "mouse reporting is on while the dashboard runs",
   "flags %r" % (mouse_flags(t),))
ok(mouse_flags(t)[1] == "1", "mouse reports are asked for in SGR 1006 encoding (no 223-column "
   "limit)", "flags %r" % (mouse_flags(t),))
t.keys("q")
screen = t.wait_for("EXITED=")
ok("EXITED=0" in screen, "q quits with status 0", screen)
ok(mouse_flags(t) == ("0", "0"), "after q, mouse reporting and SGR encoding are off again",
   "flags %r" % (mouse_flags(t),))
t.kill()

t = Tmux(cmd, 80, 24, **UTF8)
t.wait_for(READY)
t.keys("C-c")
screen = t.wait_for("EXITED=")
ok("EXITED=0" in screen and mouse_flags(t) == ("0", "0"),
   "Ctrl+C still exits through SIGINT, and gives the mouse back",
   "flags %r\n%s" % (mouse_flags(t), screen))
t.kill()

if sanitized():
    ok(True, "# SKIP a fatal signal gives the mouse back (sanitizer build)")
else:
    t = Tmux(cmd, 80, 24, **UTF8)
    t.wait_for(READY)
    shell = t.tmux("list-panes", "-F", "#{pane_pid}").stdout.split()[0]
    child = subprocess.run(["pgrep", "-P", shell], capture_output=True, text=True).stdout.split()
    if child:
        os.kill(int(child[0]), signal.SIGABRT)
    screen = t.wait_for("EXITED=")
    ok(child and "EXITED=134" in screen and mouse_flags(t) == ("0", "0")
       and "SERVICE" not in screen,
       "a fatal signal restores the terminal and gives the mouse back",
       "flags %r\n%s" % (mouse_flags(t), screen))
    t.kill()

# --- --no-mouse leaves the mouse to the terminal -------------------------------------
t = Tmux(cmd + " --no-mouse", 80, 24, **UTF8)
screen = t.wait_for(READY)
ok("SERVICE" in screen, "--no-mouse is accepted and the dashboard runs", screen)
ok(mouse_flags(t) == ("0", "0"), "with --no-mouse no mouse reporting is asked for",
   "flags %r" % (mouse_flags(t),))
t.keys("q")
ok("EXITED=0" in t.wait_for("EXITED="), "--no-mouse: q quits with status 0")
t.kill()

rc, out, err = run(["--help"])
ok(rc == 0 and "--no-mouse" in out and "leave selection to the terminal" in out,
   "--help lists --no-mouse", out + err)
rc, out, err = run(["--mouse-foo"])
ok(rc == 2 and "--mouse-foo" in err, "an unknown --mouse-foo is a usage error (status 2)",
   "status %d\n%s" % (rc, err))

# --- synchronized output ---------------------------------------------------------------
t = Tmux(cmd, 80, 24, SITREP_SYNC="1", **UTF8)
raw = record(t)
screen = t.wait_for(READY)
t.keys("j")
screen = t.wait_for("Linode:")
ok("SERVICE" in screen and "Linode:" in screen and "\x1b" not in screen,
   "SITREP_SYNC=1: the dashboard draws and follows keys as usual", screen)
# the frame with the detail, whole: its end marker came after its begin marker
data = wait_raw(raw, lambda d: b"Linode:" in d[d.rfind(SYNC_BEGIN):]
                and d.rfind(SYNC_BEGIN) < d.rfind(SYNC_END))
begins, ends = data.count(SYNC_BEGIN), data.count(SYNC_END)
ok(begins > 0 and data.rfind(SYNC_BEGIN) < data.rfind(SYNC_END)
   and ends - begins in (0, 1) and b"Linode:" in data[data.rfind(SYNC_BEGIN):data.rfind(SYNC_END)],
   "SITREP_SYNC=1: each frame goes between ESC[?2026h and ESC[?2026l",
   "begins %d, ends %d\n%r" % (begins, ends, data[-400:]))
t.keys("q")
screen = t.wait_for("EXITED=")
ok("EXITED=0" in screen and "SERVICE" not in screen, "SITREP_SYNC=1: q quits with status 0 and "
   "restores the terminal", screen)
t.kill()

t = Tmux(cmd, 80, 24, SITREP_SYNC="0", **UTF8)
raw = record(t)
t.wait_for(READY)
t.keys("j")
screen = t.wait_for("Linode:")
data = wait_raw(raw, lambda d: b"Linode:" in d)
ok(b"Linode:" in data and SYNC_BEGIN not in data and SYNC_END not in data,
   "SITREP_SYNC=0: no synchronized-output sequences", data[-400:])
t.keys("q")
t.wait_for("EXITED=")
t.kill()

# --- editing and control keys do not stop the dashboard ------------------------------
t = Tmux(cmd, 80, 24, **UTF8)
t.wait_for(READY)
for key in ("Escape", "Tab", "BTab", "C-r", "Enter", "BSpace", "DC", "Escape"):
    t.keys(key)
# Keys are read in order: once ? has opened the help, the ones before it were handled.
t.keys("?")
screen = t.wait_for("sitrep keys")
ok("EXITED=" not in screen and "sitrep keys" in screen,
   "Esc, Tab, Shift+Tab, Ctrl+R, Enter, Backspace and Delete leave the dashboard running "
   "(it still answers ?)", screen)
t.keys("x")  # any key closes the help
screen = t.wait_for("SERVICE")
t.keys("q")
ok("EXITED=0" in t.wait_for("EXITED="), "then q still quits with status 0")
t.kill()

done()
