#!/usr/bin/env python3
"""End to end: a user whose locale writes decimals with a comma (de_DE) gets
the same numbers as everyone else. Configs and remote pages write "2.5";
exports (SVG coordinates, Markdown ratios) are read by machines. The
locale is built into a temporary directory with localedef, so the test
needs the locales package but no system-wide setup."""
import os
import re
import shutil
import subprocess

from sitreptest import done, ok, run, skip_all, tmpdir, write_config

SOURCE = "/usr/share/i18n/locales/de_DE"
if not shutil.which("localedef") or not os.path.exists(SOURCE):
    skip_all("localedef or the de_DE locale source is missing (Debian package locales)")

locdir = tmpdir()
build = subprocess.run(["localedef", "-i", "de_DE", "-f", "UTF-8",
                        os.path.join(locdir, "de_DE.UTF-8")], capture_output=True, timeout=120)
if build.returncode not in (0, 1):  # 1: warnings only, the locale is written
    skip_all("localedef failed: %s" % build.stderr.decode(errors="replace")[:200])
# glibc's setlocale keeps the LOCPATH list it splits for the life of the
# process; under LeakSanitizer (the sanitizer build) that one allocation
# would read as our leak.
supp = os.path.join(locdir, "lsan.supp")
with open(supp, "w") as f:
    f.write("leak:__argz_add_sep\n")
GERMAN = {"LOCPATH": locdir, "LC_ALL": "de_DE.UTF-8", "LANG": "de_DE.UTF-8",
          "LSAN_OPTIONS": "suppressions=" + supp}

# The locale really is in force: Python run under it formats with a comma.
probe = subprocess.run(["python3", "-c", "import locale; locale.setlocale(locale.LC_ALL, '');"
                        "print(locale.format_string('%.1f', 2.5))"],
                       capture_output=True, text=True, env=dict(os.environ, **GERMAN))
ok(probe.stdout.strip() == "2,5", "the test's locale writes 2.5 as 2,5", probe.stdout + probe.stderr)

cfg = write_config("""
[sitrep]
crowd_ratio = 2.5
crowd_notice_ratio = 1.5

[service example]
name = Example
url = https://status.example.com/api/v2/summary.json
""")
rc, out, err = run(["--check-config", "-c", cfg], **GERMAN)
ok(rc == 0, "a config's '2.5' is read as two and a half under de_DE", out + err)

rc, out, err = run(["--demo", "--once", "--at", "60m", "--format", "markdown"], **GERMAN)
ratios = re.findall(r"normal \(([0-9.,]+)", out)
ok(rc == 0 and ratios, "the demo's Markdown gives crowd ratios", out[-800:] + err)
ok(all("," not in r for r in ratios), "Markdown ratios keep the decimal point under de_DE",
   ", ".join(ratios))

done()
