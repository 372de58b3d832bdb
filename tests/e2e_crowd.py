#!/usr/bin/env python3
"""End to end: crowd reports. The Messenger scene (docs/architecture.md) through
the Downdetector API emulation and through sitrep's own report feed: crowd
evidence in FR and IT and in EU and ALL, none where nothing is known, no
official word, a shared-cause hint across the family; credentials that
never show; the feed validated strictly."""
import json
import os

from sitreptest import Server, done, is_, ok, run, tmpdir, write_config

srv = Server()
NOW = "2026-11-22T12:00:00Z"
SECRET_ENV = {"SITREP_DOWNDETECTOR_CLIENT_ID": "test-id",
              "SITREP_DOWNDETECTOR_CLIENT_SECRET": "test-secret"}
BASE = "http://127.0.0.1:%d/dd/v2" % srv.port


def dd_source(ids):
    return ("format = downdetector\nauth = downdetector\ntoken_url = %s/tokens?grant_type="
            "client_credentials\nurl = %s/companies?ids=%s\n" % (BASE, BASE, ids))


META = """
[sitrep]
columns = ALL EU FR IT JP NA

[service messenger]
name = Messenger
family = meta
{messenger}
[service instagram]
name = Instagram
family = meta
{instagram}
[service whatsapp]
name = WhatsApp
family = meta
{whatsapp}
""".format(messenger=dd_source("20488,30139,118"), instagram=dd_source("20502,30144,131"),
           whatsapp=dd_source("20519,30152,147"))
cfg = write_config(META)

rc, out, err = run(["--once", "--format", "json", "-c", cfg], **SECRET_ENV)
try:
    snap = json.loads(out)
except ValueError:
    snap = {"services": []}
ok(rc == 0 and snap["services"], "a --once round over the Downdetector API works", err + out[:500])
svc = {s["id"]: s for s in snap["services"]}
m = svc.get("messenger", {"cells": {}, "sources": [{}], "crowd": []})
cells = {c: (v["level"], v["evidence"]) for c, v in m["cells"].items()}
ok(all(cells.get(c, ("", ""))[1] == "crowd" and cells[c][0] in ("degraded", "partial", "major")
       for c in ("FR", "IT", "EU", "ALL")),
   "Messenger: a crowd problem in FR and IT, and so in EU and ALL", cells)
is_(cells.get("JP"), ("none", "none"), "JP: none, not ok: nothing is known there")
is_(cells.get("NA"), ("ok", "crowd"), "NA: ok, from the quiet US site")
fr = m["cells"].get("FR", {})
ok(fr.get("reports", 0) > 100 and 0 < fr.get("baseline", 0) < 50,
   "the FR cell carries reports against the baseline", fr)
ok(m.get("official_silent") is True and m.get("lead_s") is None and m.get("crowd_since"),
   "no official word: silent since the crowd episode began, no lead time yet",
   {k: m.get(k) for k in ("official_silent", "lead_s", "crowd_since")})
shared = m.get("shared_cause") or {}
ok(shared.get("family") == "meta" and "Instagram" in shared.get("with", []) and
   {"FR", "IT"} <= set(shared.get("regions", [])),
   "a likely shared cause with Instagram in FR and IT", shared)
ok("shared_cause" in svc.get("whatsapp", {}) and svc["whatsapp"]["shared_cause"] is None,
   "WhatsApp, quiet, is not part of it")
crowd_fr = [c for c in m.get("crowd", []) if c.get("region") == "FR"]
ok(crowd_fr and crowd_fr[0]["categories"] and crowd_fr[0]["source_status"] == "major",
   "the FR series has its problem categories and Downdetector's own verdict", crowd_fr)
ok("test-secret" not in out + err and "tok-" not in out + err,
   "neither the secret nor the token appears in the output")
last = json.loads(srv.control("hits/dd/companies"))["headers"]
ok("fields=id,name," in last.get("_path", "") and "stats_24" in last.get("_path", ""),
   "sitrep adds the fields it needs to a short Downdetector URL", last.get("_path"))

rc, text, err = run(["--once", "--format", "text", "-c", cfg], **SECRET_ENV)
ok("no official word yet" in text and "likely shared cause with Instagram" in text,
   "the text snapshot says the official side is silent and names the shared cause", text[-1500:])
ok("MAJOR~" in text or "PART~" in text or "DEGR~" in text, "crowd-only cells are marked ~")

# --- credentials -----------------------------------------------------------------------
cred = os.path.join(tmpdir(), "dd.cred")
with open(cred, "w") as f:
    f.write("# Downdetector API\nclient_id = test-id\nclient_secret = test-secret\n")
os.chmod(cred, 0o644)
cfg_file = write_config("[service m]\n" + dd_source("20488") + "credentials = %s\n" % cred)
rc, out, err = run(["--once", "--format", "json", "-c", cfg_file])
ok(rc == 2 and "readable by others" in err and "test-secret" not in out + err,
   "a credentials file others can read is a config error (status 2), without showing it", err)
os.chmod(cred, 0o600)
rc, out, err = run(["--once", "--format", "json", "-c", cfg_file])
src = json.loads(out)["services"][0]["sources"][0]
is_(src.get("ok"), True, "the same file, private, works")
bad = write_config("[service m]\n" + dd_source("20488"))
rc, out, err = run(["--once", "--format", "json", "-c", bad],
                   SITREP_DOWNDETECTOR_CLIENT_ID="test-id",
                   SITREP_DOWNDETECTOR_CLIENT_SECRET="wrong-secret")
src = json.loads(out)["services"][0]["sources"][0]
ok("token request: HTTP 401" in (src.get("error") or "") and "wrong-secret" not in out + err,
   "a wrong secret: the token request's 401 is the reason, the secret is not", src.get("error"))

# --- sitrep's own report feed ----------------------------------------------------------
feed_cfg = write_config("""
[sitrep]
columns = ALL EU FR IT JP
[service desk]
name = Support desk
[source desk reports]
format = reportfeed
url = {good}
[service typo]
name = Typo
[source typo reports]
format = reportfeed
url = {bad}
""".format(good=srv.url("reportfeed/doc-example.json"),
           bad=srv.url("reportfeed/bad-typo-key.json")))
rc, out, err = run(["--once", "--format", "json", "-c", feed_cfg])
feed = {s["id"]: s for s in json.loads(out)["services"]}
desk = feed["desk"]
ok(desk["cells"]["JP"]["level"] == "none" and desk["cells"]["ALL"]["evidence"] == "crowd",
   "a report feed puts crowd evidence on the grid, none where it says nothing",
   {c: v["level"] for c, v in desk["cells"].items()})
typo = feed["typo"]["sources"][0]
ok(not typo["ok"] and "reportfeed:" in (typo.get("error") or ""),
   "a feed with a typo is refused with a clear error", typo.get("error"))
done()
