#!/usr/bin/env python3
"""End to end: the real dashboard inside tmux (send-keys, capture-pane) at
several sizes, plus the line-mode fallbacks. The terminal must be restored
on every exit path."""
import os
import signal
import subprocess
import time

from sitreptest import BIN, Server, Tmux, done, ok, sample_services, write_config

srv = Server()
cfg = write_config("[sitrep]\ncolumns = ALL NA EU APAC\n" + sample_services(srv))
cmd = "%s -c %s" % (BIN, cfg)
UTF8 = {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}


def row(screen, name):
    lines = [l for l in screen.splitlines() if l.startswith(name)]
    return lines[0] if lines else ""


# --- 80x24: the grid, moving, the detail -----------------------------------------
t = Tmux(cmd, 80, 24, **UTF8)
screen = t.wait_for("sources 2 ok, 0 stale, 1 failing", "Callr", "Linode", "Gone")
ok("SERVICE" in screen and "EU" in screen and "APAC" in screen, "80x24: column headers", screen)
callr = row(screen, "Callr")
ok("MAJOR" in callr and "\u2715" in callr and "OK" in callr, "80x24: Callr's row shows glyphs and "
   "labels (major in EU, ok in NA)", screen)
ok("PART" in row(screen, "Linode"), "80x24: Linode's partial outage is on the grid", screen)
ok("? ?" in row(screen, "Gone") or "?" in row(screen, "Gone"), "80x24: the failing source's "
   "row is unknown", screen)
ok("Callr: major" in screen and "Users cannot log in" in screen,
   "80x24: the selected service's incident is shown", screen)
ok("\x1b" not in screen, "no raw escape reaches the screen")
t.keys("j")
screen = t.wait_for("Linode: partial", "last poll")
ok("Linode: partial" in screen, "j moves the selection to the next service", screen)
t.keys("j")
screen = t.wait_for("Gone: unknown", "HTTP 404")
ok("Gone: unknown" in screen and "HTTP 404" in screen,
   "the failing source shows its reason in the detail", screen)

# --- resize: too small, then back ----------------------------------------------------
t.resize(20, 5)
screen = t.wait_for("too small", "have 20x5")
ok("Terminal too small" in screen and "have 20x5" in screen,
   "20x5: a 'terminal too small' screen with have and need sizes", screen)
t.resize(40, 10)
screen = t.wait_for("✕M")
ok("Callr" in screen and "SERVICE" in screen, "40x10: the compact grid is drawn", screen)
t.resize(120, 40)
screen = t.wait_for("MAJOR")
ok("MAJOR" in row(screen, "Callr") and len(screen.splitlines()) >= 39,
   "120x40: the full grid again", screen)
for w, h in ((1, 1), (2, 3), (300, 100), (20, 5), (80, 24)):
    t.resize(w, h)
    time.sleep(0.15)
screen = t.wait_for("SERVICE")
ok("SERVICE" in screen and "too small" not in screen,
   "a storm of resizes from 1x1 to 300x100 ends on a working 80x24 dashboard", screen)

# --- quit restores the terminal ---------------------------------------------------------
t.keys("q")
screen = t.wait_for("EXITED=")
ok("EXITED=0" in screen, "q quits with status 0", screen)
ok("SERVICE" not in screen, "the alternate screen is gone: the terminal is restored", screen)
t.kill()

# --- signals also restore the terminal ----------------------------------------------
t = Tmux(cmd, 80, 24, **UTF8)
t.wait_for("sources 2 ok, 0 stale, 1 failing")
t.keys("C-c")
screen = t.wait_for("EXITED=")
ok("EXITED=0" in screen and "SERVICE" not in screen, "Ctrl+C exits cleanly and restores", screen)
t.kill()

# --- SIGTERM and SIGHUP go through the same orderly exit ---------------------------
for sig in ("TERM", "HUP"):
    t = Tmux(cmd, 80, 24, **UTF8)
    t.wait_for("sources 2 ok, 0 stale, 1 failing")
    shell = t.tmux("list-panes", "-F", "#{pane_pid}").stdout.split()[0]
    child = subprocess.run(["pgrep", "-P", shell], capture_output=True, text=True).stdout.split()
    if child:
        os.kill(int(child[0]), getattr(signal, "SIG" + sig))
    screen = t.wait_for("EXITED=")
    ok(child and "EXITED=0" in screen and "SERVICE" not in screen,
       "SIG%s exits cleanly and restores the terminal" % sig, screen)
    t.kill()

# --- a non-UTF-8 locale falls back to ASCII ----------------------------------------------
t = Tmux(cmd, 80, 24, LANG="C", LC_ALL="C")
screen = t.wait_for("sources 2 ok, 0 stale, 1 failing")
callr = row(screen, "Callr")
ok("M MAJOR" in callr and "\u2715" not in screen and "\u2500" not in screen,
   "C locale: ASCII letters instead of glyphs", screen)
t.keys("q")
ok("EXITED=0" in t.wait_for("EXITED="), "C locale: quits cleanly")
t.kill()

# --- no colours still shows every state ---------------------------------------------
t = Tmux(cmd, 80, 24, NO_COLOR="1", **UTF8)
screen = t.wait_for("sources 2 ok, 0 stale, 1 failing")
ok("MAJOR" in row(screen, "Callr") and "PART" in row(screen, "Linode"),
   "NO_COLOR: levels remain readable as text", screen)
t.keys("q")
t.wait_for("EXITED=")
t.kill()

# --- TERM=dumb and TERM unset: line mode prints snapshots -------------------------------
for term in ("dumb", ""):
    t = Tmux("TERM=%s %s" % (term, cmd) if term else "unset TERM; " + cmd, 100, 30, **UTF8)
    screen = t.wait_for("printing snapshots", "sitrep snapshot at", "Users cannot log in",
                        history=True)
    ok("printing snapshots" in screen and "sitrep snapshot at" in screen and "Callr" in screen,
       "TERM=%s: line mode prints the state" % (term or "(unset)"), screen)
    t.keys("C-c")
    ok("EXITED=0" in t.wait_for("EXITED="), "TERM=%s: Ctrl+C ends line mode" % (term or "(unset)"))
    t.kill()

done()
