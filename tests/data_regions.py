#!/usr/bin/env python3
"""The country table (data/regions/countries.tsv) against Debian's iso-codes:
the same ISO 3166-1 alpha-2 codes, the same alpha-3 for each, and every
country known to the name table by one of its ISO names (skipped when
iso-codes is not installed); and the generator that turns the tables into C
(tools/gen-regions.awk) refuses what region.c could not search."""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sitreptest import SRCDIR, diag, done, is_, ok, tmpdir  # noqa: E402

ISO = os.environ.get("SITREP_ISO_3166", "/usr/share/iso-codes/json/iso_3166-1.json")


def read_tsv(name):
    """Rows of a region table, the header row and comments left out."""
    path = os.path.join(SRCDIR, "data", "regions", name)
    with open(path, encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f
                if line.strip() and not line.startswith("#")]
    return rows[1:]


def fold(s):
    """ASCII case folding, as region.c compares keys."""
    return "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in s)


def generate(tables):
    """Runs the generator over the given {name: text} tables (the shipped ones
    for the rest) in a scratch directory; returns (exit status, stderr)."""
    d = tmpdir()
    order = ["areas", "countries", "clouds", "aliases", "country_names", "iata", "cities"]
    paths = []
    for name in order:
        path = os.path.join(d, name + ".tsv")
        if name in tables:
            text = tables[name]
        else:
            with open(os.path.join(SRCDIR, "data", "regions", name + ".tsv"), encoding="utf-8") as f:
                text = f.read()
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        paths.append(path)
    p = subprocess.run(["awk", "-f", os.path.join(SRCDIR, "tools", "gen-regions.awk")] + paths,
                       env=dict(os.environ, LC_ALL="C"), capture_output=True, text=True)
    return p.returncode, p.stderr, p.stdout


# The generator refuses what region.c could not binary-search, or would misread.
status, err, out = generate({})
ok(status == 0 and "const size_t rd_city_count" in out, "the shipped tables generate", err)
status, err, _ = generate({"cities": "name\tcountry\nParis\tFR\nLondon\tGB\n"})
ok(status != 0 and "cities.tsv:3: 'London' is out of order" in err, "a row out of order stops it",
   err)
status, err, _ = generate({"cities": "name\tcountry\nParis\tFR\nparis\tFR\n"})
ok(status != 0 and "cities.tsv:3:" in err, "a duplicate (case folded) stops it", err)
status, err, _ = generate({"iata": "code\tcountry\tplace\nCDG\tFR\n"})
ok(status != 0 and "iata.tsv:2: 2 fields, want 3" in err, "a short row stops it", err)
status, err, _ = generate({"cities": "country\tname\nFR\tParis\n"})
ok(status != 0 and "cities.tsv:1: the header row must be: name country" in err,
   "columns in another order stop it", err)
status, err, _ = generate({"areas": "code\tname\tkind\tparent\tmembers\nALL\tWorld\tplanet\t-\t-\n"})
ok(status != 0 and "unknown kind 'planet'" in err, "an unknown area kind stops it", err)
status, err, out = generate({"cities": '# a comment\nname\tcountry\nSay "hi"?\\\tFR\n'})
ok(status == 0 and '{"Say \\"hi\\"\\?\\\\", "FR"}' in out, "quotes, ? and backslashes are escaped",
   err + out[-300:])

if not os.path.exists(ISO):
    ok(True, "countries against ISO 3166-1 # SKIP iso-codes is not installed "
       "(apt-get install iso-codes): %s is missing" % ISO)
    done()

with open(ISO, encoding="utf-8") as f:
    iso = {c["alpha_2"]: c for c in json.load(f)["3166-1"]}
ours = {row[0]: row for row in read_tsv("countries.tsv")}
names = {}
for key, target in read_tsv("country_names.tsv"):
    names[fold(key)] = target

missing = sorted(set(iso) - set(ours))
extra = sorted(set(ours) - set(iso))
ok(not missing, "every ISO 3166-1 country is in countries.tsv (%d)" % len(iso),
   "missing: " + " ".join(missing))
ok(not extra, "countries.tsv has no code ISO 3166-1 lacks", "not in ISO 3166-1: " + " ".join(extra))

wrong3 = ["%s: ours %s, ISO %s" % (a2, ours[a2][1], c["alpha_3"])
          for a2, c in sorted(iso.items()) if a2 in ours and ours[a2][1] != c["alpha_3"]]
ok(not wrong3, "every alpha-3 code is ISO's", "\n".join(wrong3))

unnamed = []
for a2, c in sorted(iso.items()):
    forms = [c[k] for k in ("name", "common_name") if k in c]
    if not any(names.get(fold(form)) == a2 for form in forms):
        unnamed.append("%s: %s" % (a2, " / ".join(forms)))
ok(not unnamed, "every country resolves by its ISO short name or its common name",
   "\n".join(unnamed))

# Names that ISO gives one country must not lead to another.
clash = []
for a2, c in sorted(iso.items()):
    for k in ("name", "common_name", "official_name"):
        got = names.get(fold(c.get(k, "")))
        if got and got != a2:
            clash.append("%s (%s) resolves to %s" % (c[k], a2, got))
ok(not clash, "no ISO name of one country names another", "\n".join(clash))

is_(len(ours), len(iso), "as many countries as ISO 3166-1")
diag("iso-codes: %s" % ISO)
done()
