#!/usr/bin/env python3
"""End to end: which config the real binary reads. A broken config at each
place names its own file in the error, so the message says which one was
read: --config, then $XDG_CONFIG_HOME/sitrep/config, each of
$XDG_CONFIG_DIRS/sitrep/config, sysconfdir/sitrep/config, the bundled
catalog. No network: a broken config stops sitrep before any poll."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sitreptest import SRCDIR, Server, done, ok, run, tmpdir  # noqa: E402

root = tmpdir()
home = os.path.join(root, "home")
places = {
    "user": os.path.join(home, ".config", "sitrep", "config"),
    "xdg1": os.path.join(root, "xdg1", "sitrep", "config"),
    "xdg2": os.path.join(root, "xdg2", "sitrep", "config"),
    "etc": os.path.join(root, "etc", "sitrep", "config"),
    "catalog": os.path.join(root, "share", "catalog.ini"),
}
for name, path in places.items():
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write("[sitrep]\nno_such_key_%s = 1\n" % name)

ENV = {"HOME": home, "XDG_CONFIG_HOME": "", "XDG_CONFIG_DIRS":
       "%s:relative:%s" % (os.path.join(root, "xdg1"), os.path.join(root, "xdg2")),
       "SITREP_SYSCONFDIR": os.path.join(root, "etc"), "SITREP_DATADIR": os.path.join(root, "share")}


def read_config(*args):
    status, out, err = run(["--once", "--no-db"] + list(args), timeout=30, **ENV)
    return status, err


given = os.path.join(root, "given.ini")
with open(given, "w") as f:
    f.write("[sitrep]\nno_such_key_given = 1\n")
status, err = read_config("--config", given)
ok(status == 2 and given + ":2:" in err, "--config FILE is read first", err)

for name, what in (("user", "then ~/.config/sitrep/config (XDG_CONFIG_HOME empty)"),
                   ("xdg1", "then the first of XDG_CONFIG_DIRS"),
                   ("xdg2", "then the next (a relative entry is skipped)"),
                   ("etc", "then sysconfdir/sitrep/config"),
                   ("catalog", "then the bundled catalog")):
    status, err = read_config()
    ok(status == 2 and places[name] + ":2:" in err and "no_such_key_" + name in err, what, err)
    os.remove(places[name])

status, err = read_config()
ok(status == 2 and os.path.join(root, "share", "catalog.ini") in err,
   "no config anywhere: the error names the catalog it looked for", err)

# XDG_CONFIG_HOME, when set, replaces ~/.config.
xdg_home = os.path.join(root, "xdghome")
os.makedirs(os.path.join(xdg_home, "sitrep"))
with open(os.path.join(xdg_home, "sitrep", "config"), "w") as f:
    f.write("[sitrep]\nno_such_key_xdghome = 1\n")
ENV["XDG_CONFIG_HOME"] = xdg_home
status, err = read_config()
ok(status == 2 and "no_such_key_xdghome" in err, "$XDG_CONFIG_HOME/sitrep/config when set", err)

# A good config found in sysconfdir is the one used: its columns and service.
srv = Server()
ENV["XDG_CONFIG_HOME"] = ""
with open(places["etc"], "w") as f:
    f.write("[sitrep]\ncolumns = ALL FR\n\n[service box]\nname = Box\nurl = %s\n"
            % srv.url("statuspage/atc0005-check-statuspage__box-components.json"))
status, out, err = run(["--once", "--no-db", "--format", "json"], timeout=60, **ENV)
try:
    snap = json.loads(out)
except ValueError:
    snap = {}
ok(status == 0 and snap.get("columns") == ["ALL", "FR"]
   and [s["id"] for s in snap.get("services", [])] == ["box"],
   "a good config in sysconfdir is read whole", err + out[:400])

# A replay keeps its own config whatever the system's says.
ENV["SITREP_DATADIR"] = os.path.join(SRCDIR, "data")
status, out, err = run(["--demo", "--once", "--format", "json"], timeout=60, **ENV)
try:
    snap = json.loads(out)
except ValueError:
    snap = {}
ok(status == 0 and snap.get("columns") not in (None, ["ALL", "FR"]),
   "--demo reads its recording's config, not the system's", err + out[:400])
done()
