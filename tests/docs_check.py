#!/usr/bin/env python3
"""The documentation keeps step with the code: the options of `sitrep --help`
and `sitrep export --help`, the man page sitrep(1) and the README's Usage
block list the same options with the same arguments; the config parser's key
table (tests/config_keys prints it) and sitrep.conf(5) list the same keys in
the same sections. A failure says what to add where.

How each place writes an option, so that this test can read it:
  --help     "  -c, --config FILE    text" (the option table in src/app/cli.c)
  sitrep(1)  "*-c*, *--config* _FILE_" on a line of its own, the text below it
             indented by a tab, under "# OPTIONS" (or "# SITREP EXPORT")
  README     the Usage block is `sitrep --help`'s option table, copied
and a config key in sitrep.conf(5): "*key\\_name* = _VALUE_" under
"# THE [sitrep] SECTION", "# THE [service ID] SECTION" or "# SOURCE KEYS"."""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sitreptest import SRCDIR, done, ok, run  # noqa: E402

BUILDDIR = os.environ.get("SITREP_BUILDDIR", os.getcwd())
MAN1 = os.path.join(SRCDIR, "man", "sitrep.1.scd")
MAN5 = os.path.join(SRCDIR, "man", "sitrep.conf.5.scd")
README = os.path.join(SRCDIR, "README.md")

HELP_LINE = re.compile(r"^  (?:-(\w), |    )--([a-z0-9][a-z0-9-]*)(?: ([A-Z][A-Z0-9:/|\[\],.]*))?(?: |$)")
MAN_LINE = re.compile(r"^(?:\*-(\w)\*, )?\*--([a-z0-9][a-z0-9-]*)\*(?: (\S+))?$")


def help_options(text):
    """{name: (short letter or None, argument or None)} from an option table."""
    found = {}
    for line in text.splitlines():
        m = HELP_LINE.match(line)
        if m:
            found[m.group(2)] = (m.group(1), m.group(3))
    return found


def scd_sections(path):
    """{section title: [lines]} of an scdoc page."""
    sections, title = {}, ""
    with open(path, encoding="utf-8") as f:
        for line in f.read().splitlines():
            if line.startswith("# "):
                title = line[2:].strip()
                sections[title] = []
            else:
                sections.setdefault(title, []).append(line)
    return sections


def man_options(lines):
    found = {}
    for line in lines:
        m = MAN_LINE.match(line)
        if m:
            arg = m.group(3).replace("_", "").replace("*", "") if m.group(3) else None
            found[m.group(2)] = (m.group(1), arg)
    return found


def spell(name, spec):
    short, arg = spec
    return "%s--%s%s" % ("-%s, " % short if short else "", name, " " + arg if arg else "")


def compare(want, got, want_where, got_where, how):
    """Every option of want is in got the same way, and got has no other."""
    problems = []
    for name in sorted(want):
        if name not in got:
            problems.append("%s is in %s but not in %s: %s" %
                            (spell(name, want[name]), want_where, got_where, how(name, want[name])))
        elif got[name] != want[name]:
            problems.append("%s says '%s', %s says '%s'" %
                            (want_where, spell(name, want[name]), got_where, spell(name, got[name])))
    for name in sorted(set(got) - set(want)):
        problems.append("%s lists %s, which %s does not" % (got_where, spell(name, got[name]),
                                                            want_where))
    return problems


def man_how(section):
    def how(name, spec):
        short, arg = spec
        line = "%s*--%s*%s" % ("*-%s*, " % short if short else "", name,
                               " " + "|".join("_%s_" % a for a in arg.split("|")) if arg else "")
        return "add '%s' and a tab-indented description under '# %s' in man/sitrep.1.scd" % (
            line, section)
    return how


def readme_how(name, spec):
    return "copy the option table of `sitrep --help` into README.md's Usage block"


# ---- options ---------------------------------------------------------------
status, main_help, err = run(["--help"])
ok(status == 0, "sitrep --help runs", err)
main = help_options(main_help)
status, export_help, err = run(["export", "--help"])
ok(status == 0, "sitrep export --help runs", err)
export = help_options(export_help)
ok(len(main) >= 20 and "config" in main and "version" in main,
   "--help lists the options (%d)" % len(main), main_help)
ok("since" in export and "format" in export, "export --help lists its options (%d)" % len(export),
   export_help)

man1 = scd_sections(MAN1)
for title in ("OPTIONS", "SITREP EXPORT"):
    ok(title in man1, "sitrep(1) has a '# %s' section" % title)
problems = compare(main, man_options(man1.get("OPTIONS", [])), "sitrep --help",
                   "sitrep(1) OPTIONS", man_how("OPTIONS"))
ok(not problems, "sitrep --help and sitrep(1) list the same options", "\n".join(problems))
problems = compare(export, man_options(man1.get("SITREP EXPORT", [])), "sitrep export --help",
                   "sitrep(1) SITREP EXPORT", man_how("SITREP EXPORT"))
ok(not problems, "sitrep export --help and sitrep(1) list the same options", "\n".join(problems))

with open(README, encoding="utf-8") as f:
    readme = f.read()
m = re.search(r"^## Usage\n+```\n(.*?)\n```", readme, re.M | re.S)
ok(m, "README.md has a Usage block")
usage = m.group(1) if m else ""
problems = compare(main, help_options(usage), "sitrep --help", "README.md's Usage block",
                   readme_how)
ok(not problems, "sitrep --help and the README list the same options", "\n".join(problems))


def summary_options(text, command):
    """Options of a one-line summary such as "sitrep export [--since DUR|TIME] ..."."""
    m = re.search(r"^ *sitrep %s (.*)$" % command, text, re.M)
    found = {}
    for name, arg in re.findall(r"\[--([a-z0-9-]+)(?: ([^\]]+))?\]", m.group(1) if m else ""):
        found[name] = (None, arg or None)
    return found


want = {name: (None, spec[1]) for name, spec in export.items() if name != "help"}
for where, text in (("sitrep --help", main_help), ("README.md's Usage block", usage)):
    got = summary_options(text, "export")
    # the summary may spell out the argument's values ([--format csv|json])
    got = {n: (None, want[n][1]) if n in want and a[1] else a for n, a in got.items()}
    problems = compare(want, got, "sitrep export --help", "the export line of " + where,
                       lambda n, s: "add [--%s%s]" % (n, " " + s[1] if s[1] else ""))
    ok(not problems, "the export line of %s lists export's options" % where, "\n".join(problems))

# ---- config keys -----------------------------------------------------------
helper = os.path.join(BUILDDIR, "tests", "config_keys")
p = subprocess.run([helper], capture_output=True, text=True)
ok(p.returncode == 0, "tests/config_keys prints the parser's key table", p.stderr)
table = {"sitrep": set(), "service": set(), "source": set()}
for line in p.stdout.splitlines():
    name, sections = line.split("\t")
    sections = sections.split()
    if "source" in sections:
        table["source"].add(name)  # a source key; [service ID] takes them too
    elif "service" in sections:
        table["service"].add(name)
    if "sitrep" in sections:
        table["sitrep"].add(name)
ok(len(table["sitrep"]) >= 10 and len(table["source"]) >= 5, "the key table has keys",
   p.stdout)

man5 = scd_sections(MAN5)
titles = {"sitrep": "THE [sitrep] SECTION", "service": "THE [service ID] SECTION",
          "source": "SOURCE KEYS"}
for section, title in titles.items():
    documented = set()
    for line in man5.get(title, []):
        m = re.match(r"^\*([a-z0-9\\_]+)\* =", line)
        if m:
            documented.add(m.group(1).replace("\\_", "_"))
    missing = sorted(table[section] - documented)
    extra = sorted(documented - table[section])
    ok(not missing and not extra, "sitrep.conf(5) '# %s' documents the parser's %s keys (%d)" %
       (title, section, len(table[section])),
       "\n".join(["'%s' is a %s key the parser knows: add '*%s* = _VALUE_' and a tab-indented "
                  "description under '# %s' in man/sitrep.conf.5.scd" %
                  (k, section, k.replace("_", "\\_"), title) for k in missing] +
                 ["man/sitrep.conf.5.scd documents '%s' under '# %s', which the parser does not "
                  "take there" % (k, title) for k in extra]))
done()
