#!/usr/bin/env python3
"""End to end: the dashboard's keys on the bundled demo inside tmux — move,
filter, expand, the detail pane, zoom, time travel, freeze, export, help,
resizing down to 40x10 and back, quitting with the terminal restored — and
Ctrl+R / 'c' on a config that changes under a running sitrep."""
import glob
import os
import re

from sitreptest import BIN, SRCDIR, Server, Tmux, done, ok, sample_services, tmpdir, write_config

UTF8 = {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}


def row(screen, name):
    lines = [l for l in screen.splitlines() if l.startswith(name)]
    return lines[0] if lines else ""


# --- the demo, played fast to its end --------------------------------------------
work = tmpdir()
t = Tmux("cd %s && %s --demo --speed 600" % (work, BIN), 120, 40, **UTF8)
screen = t.wait_for("REPLAY ended", timeout=60)
ok("REPLAY ended at 2h00m" in screen and "Parley" in screen, "the demo plays to its end", screen)
ok("LAST 6h" in screen, "the sparklines show the last 6h by default", screen)

# time travel: 50 minutes back is the first wave of Parley's outage
t.keys("{")
screen = t.wait_for("PAST")
ok("PAST: 50m ago" in screen and "18:10" in screen.splitlines()[0],
   "{ steps the whole grid 50 minutes back, said in the title with the time shown", screen)
ok("MAJOR" in row(screen, "Parley"), "Parley is major again in the past view", screen)
top = screen.splitlines()[3:8]
ok(all("MAJOR" in l.split("  ")[1] or "MAJOR" in l[:30] for l in top) and
   any(l.startswith("Parley") for l in top) and "Codeforge" not in "".join(top),
   "sorted by severity: the Orbit apps and Parley, all major then, come first", screen)
t.keys("]")
screen = t.wait_for("PAST: 45m ago")
ok("PAST: 45m ago" in screen, "] steps forward one bucket", screen)
t.keys("f")
screen = t.wait_for("problems only")
names = [l.split()[0] for l in screen.splitlines()[3:] if l and l[0].isalpha()][:6]
ok(names and "Parley" in names and "Codeforge" not in names,
   "f keeps only the services with problems", screen)
t.keys("f")
t.keys("\\")
screen = t.wait_for("back to the live view")
ok("PAST" not in screen.splitlines()[0], "\\ comes back to the live view", screen)

# presentation mode: nothing wrong at the end; 50 minutes back, big cards
t.keys("P")
screen = t.wait_for("\u2580")  # the grid's title also counts services with problems
ok("0 of 17 services with problems" in screen and "\u2580" in screen,
   "P: presentation mode says all clear in large letters", screen)
t.keys("{")
screen = t.wait_for("6 of 17 services with problems")
ok("6 of 17 services with problems" in screen and "rep" in screen and "j/k" in screen,
   "in the past, one card per service with a problem (Cloudnine's maintenance is not one), big "
   "cells with report counts", screen)
t.keys("\\")
t.keys("P")
screen = t.wait_for("SERVICE")
ok("SERVICE" in screen, "P again: back to the grid", screen)

# filter, expand, detail
t.keys("/")
t.keys("-l", "parl")
screen = t.wait_for("filter: parl_")
ok(row(screen, "Parley") and not row(screen, "Codeforge"), "/ filters as you type", screen)
t.keys("Enter")
t.wait_gone("filter: parl_")  # the filter kept, the input line closed
t.keys("Enter")
screen = t.wait_for("  Login", "  Presence", "  Contacts")
ok(all(row(screen, "  " + c) for c in ("Login", "Messaging", "Calls", "Presence", "Contacts")),
   "Enter expands Parley into its components", screen)
t.keys("Tab")
t.keys("G")
screen = t.wait_for("aware")
ok("We are aware" in screen or "we are aware" in screen,
   "Tab and G scroll the detail pane to the first statement", screen)
t.keys("Tab")
t.keys("Escape")
screen = t.wait_for("filter cleared")
ok(row(screen, "Codeforge"), "Esc clears the filter", screen)

# the cursor on a cell, zoom
t.keys("g")
t.keys("l")
t.keys("l")
screen = t.wait_for("last poll")
t.keys("+")
screen = t.wait_for("LAST 1h")
ok("LAST 1h" in screen, "+ zooms the sparklines in to 1h", screen)
t.keys("-")
t.keys("-")
screen = t.wait_for("LAST 1d")
ok("LAST 1d" in screen, "- zooms out to a day", screen)

# sort, freeze, help
t.keys("s")
screen = t.wait_for("sorted by name")
body = [l.split()[0] for l in screen.splitlines()[3:20] if l and l[0].isalpha()]
ok(body[:3] == sorted(body[:3], key=str.lower), "s sorts by name", screen)
t.keys("p")
screen = t.wait_for("FROZEN at")
ok("FROZEN at" in screen, "p freezes the view", screen)
t.keys("p")
t.keys("?")
screen = t.wait_for("sitrep keys", "Ctrl+R", " colours: ")  # the whole frame, not its top
ok("sitrep keys" in screen and "Ctrl+R" in screen and "time" not in screen.splitlines()[0],
   "? shows the help with every key", screen)
ok(" colours: " in screen and ", theme default" in screen,
   "and says what colours and theme the screen is drawn with", screen)
t.keys("x")
screen = t.wait_gone("sitrep keys")  # the status line shows under the help too
ok("sitrep keys" not in screen and "last poll" in screen, "any key closes the help", screen)

# export: e asks for the format
t.keys("e")
screen = t.wait_for("export:")
chart_of = re.search(r"s SVG chart of (.+?)  \(Esc", screen)
ok("m Markdown" in screen and "h HTML page" in screen and chart_of,
   "e offers Markdown, an HTML page and the selected service's SVG chart", screen)
t.keys("m")
screen = t.wait_for("wrote ")
files = glob.glob(os.path.join(work, "sitrep-*.md"))
text = open(files[0]).read() if files else ""
ok(len(files) == 1 and "wrote " + work in screen, "m writes a Markdown file and says where", screen)
ok("Parley" in text and "UTC" in text, "the file holds the view as Markdown", text[:300])
ok(files and os.stat(files[0]).st_mode & 0o777 == 0o600, "private: 0600")
t.keys("e")
t.wait_for("export:")
t.keys("h")
screen = t.wait_for("(HTML page, ")
pages = glob.glob(os.path.join(work, "sitrep-*.html"))
page = open(pages[0]).read() if pages else ""
ok(len(pages) == 1 and page.startswith("<!DOCTYPE html>") and "Parley" in page and
   os.stat(pages[0]).st_mode & 0o777 == 0o600, "h writes the HTML page, 0600", screen)
t.keys("e")
t.wait_for("export:")
t.keys("s")
screen = t.wait_for("(SVG chart, ")
charts = glob.glob(os.path.join(work, "sitrep-*.svg"))
chart = open(charts[0]).read() if charts else ""
ok(len(charts) == 1 and chart.startswith("<svg") and chart_of and chart_of.group(1) in chart,
   "s writes the selected service's chart as SVG", screen)
t.keys("e")
t.wait_for("export:")
t.keys("m")
screen = t.wait_for("-2.md")
ok(len(glob.glob(os.path.join(work, "sitrep-*.md"))) == 2,
   "a second Markdown export of the same moment gets a new name", screen)
t.keys("e")
t.wait_for("export:")
t.keys("Escape")
screen = t.wait_for("nothing exported")
ok("export:" not in screen, "Esc cancels", screen)

# the timeline: every service at first, then the selection only, a window;
# in the past, nothing after the moment shown
t.keys("t")
screen = t.wait_for("TIMELINE")
ok("every service |" in screen and "all known" in screen and "LOCAL" in screen and
   " ago " in screen and "official: " in screen, "t opens the timeline: UTC, local, ago", screen)
t.keys("a")
screen = t.wait_for(" only |")
ok(" only |" in screen, "a narrows it to the selected service", screen)
for _ in range(3):  # the family, when it has one, then every service again
    t.keys("a")
    screen = t.wait_for("timeline: ")
    if "every service |" in t.wait_for("TIMELINE"):
        break
t.keys("-")
screen = t.wait_for("everything known", "every service |")
t.keys("+")
screen = t.wait_for("last 7d")
ok("last 7d" in screen, "+ narrows the window", screen)
t.keys("-")
t.keys("[")
screen = t.wait_for("PAST: ")
shown = re.search(r"2026-11-23 (\d\d:\d\d:\d\d) UTC", screen)
times = re.findall(r"^ 11-23 (\d\d:\d\d:\d\d) ", screen, re.M)
ok("TIMELINE" in screen and shown and times and max(times) <= shown.group(1),
   "[ in the timeline: nothing after the moment shown (%s) is listed (%s)"
   % (shown and shown.group(1), ", ".join(times)), screen)
t.keys("\\")
t.keys("Escape")
screen = t.wait_for("LAST 1d")
ok("TIMELINE" not in screen and "LAST 1d" in screen, "Esc closes the timeline", screen)

# c on the demo: the replay is not started over, the history stays
t.keys("c")
t.wait_for("columns:")
t.keys(*["BSpace"] * 30)
t.keys("-l", "ALL FR DE")
t.keys("Enter")
screen = t.wait_for("columns now ALL FR DE")
head = [l for l in screen.splitlines() if l.startswith("SERVICE")]
ok("REPLAY ended at 2h00m" in screen and head and " DE " in head[0] and " JP " not in head[0],
   "c on the demo: new columns, the replay still at its end (not played again)", screen)
t.keys("[", "[", "[", "[")  # a day's sparklines step 15 minutes: 18:00
screen = t.wait_for("PAST: 1h00m ago")
ok("MAJOR" in row(screen, "Parley"), "and stepping back still finds Parley's outage", screen)
t.keys("\\")
t.wait_for("back to the live view")

# resize down to 40x10 and back
t.resize(40, 10)
screen = t.wait_for("SERVICE")
ok("SERVICE" in screen and len(screen.splitlines()) <= 10, "40x10: the compact grid", screen)
t.resize(120, 40)
screen = t.wait_for("LAST 1d")
ok("LAST 1d" in screen and row(screen, "Parley"), "back to 120x40 with the zoom kept", screen)

t.keys("q")
screen = t.wait_for("EXITED=")
ok("EXITED=0" in screen and "SERVICE" not in screen, "q quits and restores the terminal", screen)
t.kill()

# --- Ctrl+R and c: the config changes under a running sitrep -----------------------
srv = Server()
base = "[sitrep]\ncolumns = ALL NA EU\n" + sample_services(srv)
cfg = write_config(base)
t = Tmux("%s -c %s --no-db" % (BIN, cfg), 100, 30, **UTF8)
t.wait_for("sources 2 ok, 0 stale, 1 failing")
# the mouse: a click on Gone's row (the third, screen row 6 counted from 1)
# selects it; tmux passes the SGR report sitrep asked for
t.keys("-l", "\x1b[<0;3;6M\x1b[<0;3;6m")
screen = t.wait_for("Gone: unknown")
ok("Gone: unknown" in screen, "a click selects the row under it", screen)
t.keys("-l", "\x1b[<0;30;4M\x1b[<0;30;4m")
screen = t.wait_for("Callr \u00b7 EU")
ok("Callr \u00b7 EU" in screen, "a click on a cell selects that cell", screen)
with open(cfg, "w") as f:
    f.write(base + "\n[service broken\n")
t.keys("C-r")
screen = t.wait_for("not reloaded")
ok("config not reloaded" in screen and re.search(r"config\.ini:\d+: ", screen) and row(screen, "Callr"),
   "Ctrl+R on a broken config says why and keeps the old one", screen)
with open(cfg, "w") as f:
    f.write(base + "\n[service extra]\nname = Extra\nurl = %s\n"
            % srv.url("statuspage/atc0005-check-statuspage__dropbox-components.json"))
t.keys("C-r")
screen = t.wait_for("config reloaded", "Extra")
ok("config reloaded: 4 services" in screen and row(screen, "Extra"),
   "Ctrl+R on a good config shows its new service", screen)
extra = ("\n[service extra]\nname = Extra\nurl = %s\n"
         % srv.url("statuspage/atc0005-check-statuspage__dropbox-components.json"))
mono = os.path.join(SRCDIR, "themes", "monochrome.theme")
with open(cfg, "w") as f:
    f.write(base.replace("[sitrep]\n", "[sitrep]\ntheme = %s\n" % mono) + extra)
t.keys("C-r")
screen = t.wait_for("theme monochrome")
colours = t.tmux("capture-pane", "-p", "-e").stdout
ok("theme monochrome" in screen and not re.search(r"\x1b\[[0-9;]*(3[0-7]|38;5|4[0-7]|48;5)", colours),
   "Ctrl+R takes the config's new theme: monochrome, no colour left on screen", colours[:400])
with open(cfg, "w") as f:
    f.write(base.replace("[sitrep]\n", "[sitrep]\ntheme = nosuch\n") + extra)
t.keys("C-r")
screen = t.wait_for("not reloaded")
ok("no theme 'nosuch'" in screen and row(screen, "Extra"),
   "a theme that is not there: the reload is refused and says why", screen)
with open(cfg, "w") as f:  # a good config again for the columns below
    f.write(base + extra)


def choose_columns(codes, expect):
    """Types codes over the 'c' prompt's current columns; returns the screen
    once expect shows."""
    t.keys("c")
    t.wait_for("columns:")
    t.keys(*["BSpace"] * 12)
    t.keys("-l", codes)
    t.keys("Enter")
    return t.wait_for(expect)


screen = choose_columns("ALL XX", "columns not changed")
ok("columns not changed" in screen and "XX" in screen, "c names a column it does not know", screen)
screen = choose_columns("ALL FR JP", "columns now ALL FR JP")
head = [l for l in screen.splitlines() if l.startswith("SERVICE")]
ok(head and "FR" in head[0] and "JP" in head[0] and " NA " not in head[0],
   "c changes the grid's columns", screen)
t.keys("q")
ok("EXITED=0" in t.wait_for("EXITED="), "and q still quits with 0")
t.kill()
srv.stop()

done()
