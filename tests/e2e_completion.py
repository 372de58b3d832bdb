#!/usr/bin/env python3
"""End to end: the shell completions, as built for installation
(completions/{bash,zsh,fish}), against the real binary. bash: _sitrep driven
with COMP_WORDS; fish: `complete -C`; zsh: a real interactive zsh in a pty,
TAB pressed, the screen read until the expected text appears (with a
deadline). Options come from --help, themes from --list-themes, services
from the config sitrep would read; each value offered for --format, --color,
--graph and --notify is one sitrep takes, and each it takes is offered."""
import os
import pty
import re
import select
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sitreptest import BIN, SRCDIR, diag, done, env, ok, tmpdir  # noqa: E402

BUILDDIR = os.environ.get("SITREP_BUILDDIR", os.getcwd())
COMP = os.path.join(BUILDDIR, "completions")
bindir = tmpdir()
os.symlink(BIN, os.path.join(bindir, "sitrep"))  # completions complete "sitrep"

home = tmpdir()
ENV = env(HOME=home, XDG_CONFIG_HOME=os.path.join(home, ".config"),
          PATH=bindir + os.pathsep + os.environ.get("PATH", ""),
          SITREP_DATADIR=os.path.join(SRCDIR, "data"))


def bash(*words):
    """What _sitrep offers for a command line whose last word is being completed."""
    script = ("source %s; COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); COMPREPLY=(); _sitrep; "
              "printf '%%s\\n' \"${COMPREPLY[@]}\"" % os.path.join(COMP, "bash", "sitrep"))
    p = subprocess.run(["bash", "-c", script, "bash"] + list(words), capture_output=True,
                       text=True, env=ENV, timeout=30)
    return [w for w in p.stdout.splitlines() if w]


def values_taken(option, extra=()):
    """The values sitrep names when it refuses one for option."""
    p = subprocess.run([BIN] + list(extra) + [option, "no-such-value", "--version"],
                       capture_output=True, text=True, env=ENV, timeout=30)
    m = re.search(r"\(want ([^)]*)\)", p.stderr)
    return set(re.split(r", | or ", m.group(1))) if m else set()


def accepted(option, value, extra=()):
    p = subprocess.run([BIN] + list(extra) + [option, value, "--version"], capture_output=True,
                       text=True, env=ENV, timeout=30)
    return p.returncode == 0


# ---- bash ------------------------------------------------------------------
help_text = subprocess.run([BIN, "--help"], capture_output=True, text=True, env=ENV).stdout
longs = set(re.findall(r"^  (?:-\w, |    )(--[a-z0-9-]+)", help_text, re.M))
got = bash("sitrep", "-")
ok(longs and longs <= set(got) and {"-c", "-h", "-V"} <= set(got),
   "bash: '-' offers every option of --help (%d)" % len(longs), sorted(longs - set(got)))
ok(bash("sitrep", "--col") == ["--columns", "--color"], "bash: --col offers --columns and --color",
   bash("sitrep", "--col"))
ok(bash("sitrep", "e") == ["export"], "bash: the first word can be the export subcommand")
ok(bash("sitrep", "p") == ["probe"], "bash: the first word can be the probe subcommand",
   bash("sitrep", "p"))
ok(set(bash("sitrep", "serve", "--l")) == {"--listen", "--list-themes", "--list-services"},
   "bash: serve takes the main options", bash("sitrep", "serve", "--l"))
export_help = subprocess.run([BIN, "export", "--help"], capture_output=True, text=True).stdout
export_longs = set(re.findall(r"^  (?:-\w, |    )(--[a-z0-9-]+)", export_help, re.M))
ok(set(bash("sitrep", "export", "--")) == export_longs,
   "bash: after export, export's options", bash("sitrep", "export", "--"))

themes = [ln.split()[0] for ln in subprocess.run([BIN, "--list-themes"], capture_output=True,
                                                 text=True, env=ENV).stdout.split("\n\n")[0]
          .splitlines() if ln.strip()]
ok(len(themes) >= 5 and set(themes) <= set(bash("sitrep", "--theme", "")),
   "bash: --theme offers the themes sitrep lists (%s)" % " ".join(themes),
   bash("sitrep", "--theme", ""))
ok(bash("sitrep", "--theme", "high") == ["high-contrast"], "bash: --theme high completes")

with open(os.path.join(SRCDIR, "data", "catalog.ini")) as f:
    catalog = re.findall(r"^\[service ([A-Za-z0-9_.-]+)\]", f.read(), re.M)
ok(bash("sitrep", "export", "--service", "") == catalog,
   "bash: --service offers the catalog's %d service ids when there is no config" % len(catalog),
   bash("sitrep", "export", "--service", ""))
os.makedirs(os.path.join(home, ".config", "sitrep"))
with open(os.path.join(home, ".config", "sitrep", "config"), "w") as f:
    f.write("[sitrep]\ncolumns = ALL\n\n[service alpha-1]\nurl = https://a.example/\n"
            "  [service  beta.2 ]\nurl = https://b.example/\n[source alpha-1 eu]\n")
ok(bash("sitrep", "export", "--service", "") == ["alpha-1", "beta.2"],
   "bash: ... and the user's config's once there is one", bash("sitrep", "export", "--service", ""))
other = os.path.join(home, "other.ini")
with open(other, "w") as f:
    f.write("[service gamma]\nurl = https://g.example/\n")
ok(bash("sitrep", "--config", other, "export", "--service", "") == ["gamma"],
   "bash: ... and --config's when it is on the line")

ok(bash("sitrep", "--columns", "ALL,F") == ["ALL,FI", "ALL,FJ", "ALL,FK", "ALL,FM", "ALL,FO",
                                              "ALL,FR"],
   "bash: --columns completes the last code of a list", bash("sitrep", "--columns", "ALL,F"))
ok("NAM" in bash("sitrep", "--columns", "NA") and "NA" in bash("sitrep", "--columns", "NA"),
   "bash: region codes as sitrep takes them (NA the region, NAM Namibia)")
ok(bash("sitrep", "--format=j") == ["json"] and bash("sitrep", "--format", "=", "j") == ["json"],
   "bash: --format=VALUE, as one word or as bash splits it")

for option, words, extra in (("--format", ("sitrep", "--format"), ("--once",)),
                             ("--color", ("sitrep", "--color"), ()),
                             ("--graph", ("sitrep", "--graph"), ()),
                             ("--notify", ("sitrep", "--notify"), ())):
    offered = bash(*(words + ("",)))
    taken = values_taken(option, extra)
    ok(offered and all(accepted(option, v, extra) for v in offered) and taken == set(offered),
       "bash: %s offers exactly the values sitrep takes" % option,
       "offered %s\ntaken %s" % (sorted(offered), sorted(taken)))
offered = bash("sitrep", "export", "--format", "")
ok(set(offered) == {"csv", "json", "svg", "html"}, "bash: export --format offers export's formats",
   offered)

# ---- fish ------------------------------------------------------------------
fish_file = os.path.join(COMP, "fish", "sitrep.fish")


def fish(line):
    p = subprocess.run(["fish", "--no-config", "-c",
                        "source %s; complete -C '%s'" % (fish_file, line)],
                       capture_output=True, text=True, env=ENV, timeout=30)
    return [ln.split("\t")[0] for ln in p.stdout.splitlines()], p.stderr


if shutil.which("fish"):
    got, err = fish("sitrep --col")
    ok(got == ["--color", "--columns"] and not err, "fish: --col offers --color and --columns",
       "%s\n%s" % (got, err))
    got, _ = fish("sitrep -")
    ok(longs <= set(got), "fish: '-' offers every option of --help", sorted(longs - set(got)))
    got, _ = fish("sitrep --theme h")
    ok(got == ["high-contrast"], "fish: --theme h", got)
    got, _ = fish("sitrep export --service ")
    ok(got == ["alpha-1", "beta.2"], "fish: --service offers the config's ids", got)
    got, _ = fish("sitrep export --f")
    ok(got == ["--format"], "fish: export's options after export", got)
    got, _ = fish("sitrep export --format ")
    ok(set(got) == {"csv", "json", "svg", "html"}, "fish: export --format", got)
    got, _ = fish("sitrep --columns ALL,F")
    ok("ALL,FR" in got and all(g.startswith("ALL,F") for g in got), "fish: --columns list", got)
else:
    ok(True, "fish completion # SKIP fish is not installed")

# ---- zsh -------------------------------------------------------------------


def zsh_session(line, want, deadline=40):
    """Types line and TAB into an interactive zsh; returns what it shows
    once the pattern want appears (or the deadline passes)."""
    zdir = tmpdir()
    shutil.copy(os.path.join(COMP, "zsh", "_sitrep"), zdir)
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe("zsh", ["zsh", "-f", "-i"], dict(ENV, TERM="dumb", COLUMNS="200"))
    out = b""

    def read_until(pattern, seconds):
        nonlocal out
        end = time.monotonic() + seconds
        while time.monotonic() < end and not re.search(pattern, out.decode("utf-8", "replace")):
            r, _, _ = select.select([fd], [], [], 0.1)
            if r:
                try:
                    out += os.read(fd, 65536)
                except OSError:
                    break
        return re.search(pattern, out.decode("utf-8", "replace"))

    os.write(fd, ("PROMPT='READY%%%% '; fpath=(%s $fpath); autoload -U compinit; "
                  "compinit -u -D\n" % zdir).encode())
    read_until(r"READY% ", deadline)
    out = b""
    os.write(fd, (line + "\t").encode())
    read_until(want, deadline)
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    os.close(fd)
    return re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]|[\r\x07\x08]", "", out.decode("utf-8", "replace"))


if shutil.which("zsh"):
    shown = zsh_session("sitrep --col", r"--columns.*grid columns")
    ok(re.search(r"--color +-- colour depth", shown) and re.search(r"--columns +-- grid", shown),
       "zsh: --col lists --color and --columns with their help", shown)
    shown = zsh_session("sitrep export --service al", r"alpha-1")
    ok("sitrep export --service alpha-1" in shown, "zsh: --service al completes alpha-1", shown)
    shown = zsh_session("sitrep --theme high", r"high-contrast")
    ok("sitrep --theme high-contrast" in shown, "zsh: --theme high completes", shown)
    shown = zsh_session("sitrep export --format s", r"svg")
    ok("sitrep export --format svg" in shown, "zsh: export --format s completes svg", shown)
    shown = zsh_session("sitrep --color tr", r"truecolor")
    ok("sitrep --color truecolor" in shown, "zsh: --color tr completes truecolor", shown)
else:
    ok(True, "zsh completion # SKIP zsh is not installed")
diag("completions from %s" % COMP)
done()
