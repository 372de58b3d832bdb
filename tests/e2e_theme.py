#!/usr/bin/env python3
"""End to end: themes through the binary. --list-themes (the user's directory
first, shipped ones from the data directory), --theme by name and by path, the
config's theme key, errors naming file:line with exit status 2, --color
parsing, and colour on a real screen (tmux): a theme's colours reach it,
the monochrome theme and NO_COLOR send none."""
import os
import re

from sitreptest import BIN, SRCDIR, Tmux, done, is_, ok, run, tmpdir

# A data directory like the installed one: the catalog, the demo and the
# shipped themes of this source tree.
DATA = tmpdir()
for name, target in (("catalog.ini", "data/catalog.ini"), ("demo", "data/demo"),
                     ("themes", "themes")):
    os.symlink(os.path.join(SRCDIR, target), os.path.join(DATA, name))
HOME = tmpdir()
XDG = os.path.join(HOME, "cfg")
USER_THEMES = os.path.join(XDG, "sitrep", "themes")
os.makedirs(USER_THEMES)
ENV = {"SITREP_DATADIR": DATA, "XDG_CONFIG_HOME": XDG, "HOME": HOME}
SHIPPED = ["colorblind", "default", "high-contrast", "light", "monochrome"]


def write(path, text):
    with open(path, "w") as f:
        f.write(text)
    return path


# --- --list-themes --------------------------------------------------------------
rc, out, err = run(["--list-themes"], **ENV)
is_(rc, 0, "--list-themes exits 0")
lines = out.splitlines()
names = [l.split()[0] for l in lines if l and not l.startswith("Searched")]
is_(names, SHIPPED, "the shipped themes, sorted")
for l in lines[:len(SHIPPED)]:
    name = l.split()[0]
    ok(os.path.join(DATA, "themes", name + ".theme") in l, "%s: where it is" % name, l)
ok("Colour-blind safe" in out and "High contrast" in out, "with their descriptions", out)
ok("Searched: %s, then %s" % (USER_THEMES, os.path.join(DATA, "themes")) in out,
   "and the directories searched, the user's first", out)

write(os.path.join(USER_THEMES, "light.theme"),
      "[theme]\ndescription = my light\n[roles]\nok = fg black bg #a0e0a0\n")
write(os.path.join(USER_THEMES, "zz-mine.theme"), "[theme]\ndescription = mine\n")
rc, out, err = run(["--list-themes"], **ENV)
lines = [l for l in out.splitlines() if l and not l.startswith("Searched")]
ok(lines[0].startswith("light ") and USER_THEMES in lines[0] and "my light" in lines[0],
   "the user's themes come first", out)
ok(lines[1].startswith("zz-mine ") and "mine" in lines[1], "sorted among themselves", out)
shipped_light = [l for l in lines[2:] if l.startswith("light ")]
ok(shipped_light and "overridden" in shipped_light[0], "the shipped light is shown overridden",
   out)

# --- choosing one ---------------------------------------------------------------
rc, out, err = run(["--demo", "--once", "--theme", "light"], **ENV)
is_(rc, 0, "--theme light (the user's) loads")
rc, out, err = run(["--demo", "--once", "--theme", os.path.join(SRCDIR, "themes",
                                                                  "colorblind.theme")], **ENV)
is_(rc, 0, "--theme PATH loads")
rc, out, err = run(["--demo", "--once", "--theme", "nope"], **ENV)
is_(rc, 2, "an unknown theme is a usage error (2)")
ok("no theme 'nope'" in err and USER_THEMES in err, "saying where it looked", err)

bad = write(os.path.join(USER_THEMES, "broken.theme"),
            "# a theme\n[roles]\nok = fg black\nmajor = fg purplish bg red\n")
rc, out, err = run(["--demo", "--once", "--theme", "broken"], **ENV)
is_(rc, 2, "a broken theme exits 2")
ok("%s:4: unknown colour 'purplish'" % bad in err, "naming its file and line", err)
is_(out, "", "and prints no snapshot")

cfg = write(os.path.join(HOME, "config.ini"),
            open(os.path.join(SRCDIR, "data", "catalog.ini")).read()
            .replace("theme    = default", "theme    = broken"))
ok("theme    = broken" in open(cfg).read(), "(a config naming the broken theme)")
rc, out, err = run(["--once", "--no-db", "-c", cfg], **ENV)
is_(rc, 2, "the config's theme key is used when there is no --theme")
ok("theme in %s" % cfg in err and "broken.theme:4:" in err, "and its error says so", err)

rc, out, err = run(["--color=257"], **ENV)
is_(rc, 2, "--color=257 is a usage error")
rc, out, err = run(["--no-color", "--color=16"], **ENV)
is_(rc, 2, "--no-color with --color=16 is a usage error")
ok("do not go together" in err, "saying so", err)

# --- on a screen ----------------------------------------------------------------
COLOUR = re.compile(r"\x1b\[[0-9;]*(3[0-7]|4[0-7]|38;5;\d+|48;5;\d+|9[0-7]|10[0-7])[;m]")


def screen_colours(extra_args, **envextra):
    e = dict(ENV, LANG="C.UTF-8", LC_ALL="C.UTF-8")
    e.update(envextra)
    t = Tmux("%s --demo --no-db %s" % (BIN, extra_args), 100, 30, **e)
    t.wait_for("SERVICE")
    screen = t.tmux("capture-pane", "-p", "-e").stdout
    t.keys("q")
    t.wait_for("EXITED=")
    t.kill()
    return screen


s = screen_colours("")
ok("SERVICE" in s and COLOUR.search(s), "the default theme colours the screen", s[:400])
s = screen_colours("--theme monochrome")
ok("SERVICE" in s and not COLOUR.search(s), "the monochrome theme sends no colour", s[:400])
ok("\x1b[7m" in s or ";7m" in s or "\x1b[1m" in s, "only attributes", s[:400])
s = screen_colours("", NO_COLOR="1")
ok("SERVICE" in s and not COLOUR.search(s), "NO_COLOR: no colour", s[:400])
s = screen_colours("--color=16", NO_COLOR="1")
ok("SERVICE" in s and COLOUR.search(s), "an explicit --color wins over NO_COLOR", s[:400])

done()
