#!/usr/bin/env python3
"""End to end: the HTML report of the demo, opened in a real browser
(headless Chromium). The rendered DOM must read as a journalist would read
the demo at 45 and 100 minutes: the headline, the grid with its marks, the
timeline, the Parley section with its statements, links and lead time, a
chart per service with trouble; and it renders to a page-sized screenshot.
The page carries no script and loads nothing."""
import os
import re
import shutil
import struct
import subprocess

from sitreptest import done, env, ok, run, skip_all, tmpdir

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if not CHROMIUM:
    skip_all("chromium is not installed (.ci/run installs it)")

work = tmpdir()
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--user-data-dir=" + os.path.join(work, "profile")]


def chromium(*args):
    p = subprocess.run([CHROMIUM] + FLAGS + list(args), capture_output=True, timeout=120,
                       env=env())
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def text_of(dom):
    """The visible text of a DOM dump: tags out, entities in."""
    body = re.sub(r"<style>.*?</style>", " ", dom, flags=re.S)
    body = re.sub(r"<[^>]+>", " ", body)
    for a, b in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&#39;", "'"), ("&amp;", "&")):
        body = body.replace(a, b)
    return re.sub(r"\s+", " ", body)


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", head[16:24])


pages = {}
for at in ("45m", "100m"):
    rc, html, err = run(["--demo", "--once", "--at", at, "--format", "html"], TZ="Europe/Paris")
    path = os.path.join(work, "report-%s.html" % at)
    with open(path, "w") as f:
        f.write(html)
    ok(rc == 0 and html.startswith("<!DOCTYPE html>"), "%s: sitrep writes an HTML report" % at, err)
    ok("<script" not in html and "src=" not in html and "@import" not in html and
       "url(" not in html, "%s: no script and nothing to load" % at)
    rc, dom, err = chromium("--dump-dom", "file://" + path)
    ok(rc == 0 and "<table" in dom, "%s: Chromium renders it" % at, err[-2000:])
    pages[at] = (path, dom, text_of(dom))

_, dom45, t45 = pages["45m"]
ok("Outage report" in t45 and "17 services: 5 with problems; 1 in maintenance; 11 ok" in t45,
   "45m: the headline counts the Orbit family's four apps and Ridego, the maintenance apart",
   t45[:400])
grid = dom45[dom45.find('<table class="grid">'):]
grid = grid[grid.find("<tbody>"):grid.find("</table>")]
rows = re.findall(r"<tr><th>([^<]+)</th>", grid)
ok(len(rows) == 17 and "Orbit Messenger" in rows, "45m: the grid has a row per service", rows)
ok("\u2715 MAJOR~" in t45, "45m: crowd-only outage cells read MAJOR~ with the terminal's glyph")
ok("No official statement is known" in t45 and "No official word yet; crowd problems" in t45,
   "45m: the Orbit apps' silence is said as such")
ok(dom45.count("<svg") >= 4, "45m: a chart per service in trouble (%d)" % dom45.count("<svg"))

path100, dom100, t100 = pages["100m"]
ok("Crowd led official by 4m" in t100, "100m: Parley's lead time holds through the second wave")
ok("Presence, contact lists and messaging degraded" in t100 and
   "We are aware of an issue causing users to lose connectivity" in t100,
   "100m: both waves' statements, word for word")
ok("no longer listed by the page since" in t100,
   "100m: the first wave's end is said to be inferred, not resolved")
links = re.findall(r"<a [^>]*>", dom100)
ok(links and all('rel="noopener noreferrer"' in a and 'href="https://status.parley.example/'
                 in a or 'href="https://status.ridego.example/' in a for a in links),
   "100m: the only links are official incident pages, noopener noreferrer", links)
ok(re.search(r"Timeline.*17:50 UTC.*Parley.*crowd reports: problems", t100) is not None,
   "100m: the timeline has Parley's crowd episode from 17:50")

png = os.path.join(work, "report-100m.png")
rc, out, err = chromium("--screenshot=" + png, "--window-size=1200,2400", "file://" + path100)
size = png_size(png) if os.path.exists(png) else None
ok(rc == 0 and size == (1200, 2400) and os.path.getsize(png) > 60000,
   "100m: a screenshot of the page, 1200x2400, with content (%s bytes)" %
   (os.path.getsize(png) if os.path.exists(png) else "no"), err[-1500:])
done()
