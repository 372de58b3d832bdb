#!/usr/bin/env python3
"""sitrep probe URL: real captures served at the formats' well-known paths
on loopback; probe finds the format, prints a section --check-config
accepts with region rules for the places the page names, and says per path
why an HTML-only site gives nothing (exit 2)."""
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sitreptest import FIXTURES, Server, diag, done, ok, run, tmpdir  # noqa: E402

root = tmpdir()


def place(fixture, site, path):
    dest = os.path.join(root, site, path.lstrip("/"))
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    shutil.copy(os.path.join(FIXTURES, fixture), dest)


SP = "statuspage/atc0005-check-statuspage__"
place(SP + "digitalocean-components.json", "do", "/api/v2/summary.json")
place(SP + "linode-components.json", "linode", "/api/v2/summary.json")
place("statuspage/sitrep-interleaved-groups.json", "groups", "/api/v2/summary.json")
place("clouds/instatus/DevManfre-isitdown__instatus-demo_summary_2-open.json", "ins",
      "/v3/summary.json")
# incident.io: its own /proxy/<host> beside the Statuspage-compatible summary
place("clouds/incidentio/yash492-statusy__status-pleo-io_proxy_incidents_EDITED.json", "iio",
      "/proxy/127.0.0.1")
place("clouds/incidentio/bjgreenberg-vendor-dashboard__status-openai-com_api_v2_summary_"
      "statuspage-compat_2026-07.json", "iio", "/api/v2/summary.json")
# A single-page app's shell: HTML with 200 at every path it is asked.
WELL_KNOWN = ["/proxy/127.0.0.1", "/api/v2/summary.json", "/summary.json", "/v3/summary.json",
              "/index.json", "/api/v1/components", "/api/v2.0.0/current",
              "/api/v4/current-status", "/history.atom", "/history.rss"]
for path in WELL_KNOWN:
    place("formats/hostile/SYNTHETIC_spa_shell.html", "html", path)

srv = Server(root=root, max_requests=200)


def probe(site):
    return run(["probe", srv.url(site)], timeout=60)


def check_config(section, name):
    path = os.path.join(tmpdir(), "probe.ini")
    with open(path, "w") as f:
        f.write(section)
    status, out, err = run(["--check-config", "-c", path])
    ok(status == 0, "%s: --check-config accepts the printed section" % name, out + err)


# DigitalOcean: a Statuspage summary whose Regions group lists AMS3, NYC1 ...
status, out, err = probe("do")
ok(status == 0, "digitalocean: probe exits 0", err)
ok("[service digitalocean]" in out and "name   = DigitalOcean" in out,
   "digitalocean: the section is named after the page", out)
ok("format = statuspage" in out and "url    = " + srv.url("do") + "/api/v2/summary.json" in out,
   "digitalocean: statuspage, at its summary", out)
ok('; 11 names, as "AMS2" => NL\nregion = name "^([A-Za-z]{3})[0-9]+$" => iata:$1\n' in out,
   "digitalocean: a rule reads AMS2, NYC1 as airports, with what it places", out)
ok(not any(line.startswith("map    = API") or line.startswith("map    = DNS")
           for line in out.splitlines()), "digitalocean: acronyms are not taken for places", out)
check_config(out, "digitalocean")

# Linode: "EU-West (London)", "AP-Northeast-2 (Tokyo 2)"
status, out, err = probe("linode")
ok(status == 0 and "[service linode]" in out, "linode: probe finds the page", out + err)
ok('region = name "\\(([^()0-9]+)[ 0-9]*\\)$" => $1' in out,
   "linode: a rule reads the city in brackets", out)
check_config(out, "linode")

# Groups named after places: a group rule per place, a map for a component.
status, out, err = probe("groups")
rules = [line for line in out.splitlines() if line.startswith(("region", "map"))]
ok(status == 0 and rules == ['region = group "^Europe$" => EU', "map    = Europe => EU",
                             'region = group "^North America$" => NA'],
   "groups: a group rule for each place, a map for a component named after one", out + err)
check_config(out, "groups")

# An Instatus page answers at /v3/summary.json only.
status, out, err = probe("ins")
ok(status == 0 and "format = instatus" in out and "/v3/summary.json" in out,
   "instatus: found at /v3/summary.json", out + err)
check_config(out, "instatus")

# A site serving HTML at its address and nothing else.
status, out, err = probe("html")
ok(status == 2, "html only: exit status 2 (got %d)" % status, err)
ok(out == "", "html only: nothing on stdout", out)
ok("no format reads" in err and "expected a Statuspage document, got HTML" in err,
   "html only: says it got HTML where a Statuspage document was expected", err)
ok("(address)" in err and "HTTP status 404" in err, "html only: the address's own status", err)
ok(all(srv.url("html") + p in err for p in WELL_KNOWN),
   "html only: every well-known path is listed", err)
ok(sum("got HTML" in line for line in err.splitlines()) == len(WELL_KNOWN),
   "html only: each path's answer is HTML", err)

# incident.io: its own JSON is preferred; the name comes from the compatible summary.
status, out, err = probe("iio")
ok(status == 0 and "format = incidentio" in out and "/proxy/127.0.0.1" in out,
   "incident.io: found at /proxy/<host>", out + err)
ok("name   = OpenAI" in out and "[service openai]" in out,
   "incident.io: named from the page's summary", out)
check_config(out, "incident.io")

# The address itself, when it is a document, is read by the format that knows it.
status, out, err = run(["probe", srv.url("do/api/v2/summary.json")])
ok(status == 0 and "format = statuspage" in out, "a document's own address is read", out + err)

# Not a web address.
status, out, err = run(["probe", "file:///etc/passwd"])
ok(status == 2 and "not an http(s) address" in err, "probe refuses a file: URL", err)
status, out, err = run(["probe"])
ok(status == 2 and "Usage: sitrep probe" in err, "probe without a URL is a usage error", err)
diag("served %s" % srv.control("stats"))
done()
