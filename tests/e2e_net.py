#!/usr/bin/env python3
"""End to end: what sitrep sends and refuses on the wire. Certificates are
always checked (a CA file can be added, nothing turns checks off), https
never follows a redirect to plain http, proxy variables are honoured, and
every request names sitrep and accepts gzip."""
import json

from sitreptest import Server, done, is_, ok, run, self_signed_cert, skip_all, write_config

GH = "statuspage/atc0005-check-statuspage__github-components.json"
plain = Server()


def once(config_text, **env):
    rc, out, err = run(["--once", "--format", "json", "-c", write_config(config_text)], **env)
    try:
        return rc, json.loads(out), err
    except ValueError:
        return rc, {"services": []}, err + out


def source(snap, sid):
    for s in snap["services"]:
        if s["id"] == sid:
            return s["sources"][0]
    return {}


# --- what a request carries ------------------------------------------------------
rc, snap, err = once("[service gh]\nurl = %s\n" % plain.url(GH))
is_(source(snap, "gh").get("ok"), True, "a plain http source the config asks for works")
headers = json.loads(plain.control("hits/" + GH))["headers"]
ok(headers.get("user-agent", "").startswith("sitrep/"), "the User-Agent names sitrep and its "
   "version", headers.get("user-agent"))
ok("gzip" in headers.get("accept-encoding", ""), "requests accept gzip",
   headers.get("accept-encoding"))

# --- proxies -------------------------------------------------------------------------
# The test server also answers proxy-style requests ("GET http://host/f/..."),
# so a host that does not exist can only be reached through it.
far = "http://sitrep-proxy-test.invalid/f/" + GH
rc, snap, err = once("[service far]\nurl = %s\n" % far,
                     http_proxy="http://127.0.0.1:%d" % plain.port, NO_PROXY="", no_proxy="")
is_(source(snap, "far").get("ok"), True, "http_proxy is honoured: the request went through it")
far_hits = json.loads(plain.control("hits/" + GH))
is_(far_hits["headers"].get("host"), "sitrep-proxy-test.invalid",
    "the proxy was asked for the far host by name (no lookup of it here)")

# --- certificates ------------------------------------------------------------------------
cert = self_signed_cert()
if not cert:
    skip_all("openssl is not installed")
tls = Server(tls=cert)
rc, snap, err = once("[service tls]\nurl = %s\n" % tls.url(GH))
s = source(snap, "tls")
ok(not s.get("ok") and "certificate" in (s.get("error") or "").lower(),
   "a self-signed certificate is refused: checks are always on", s.get("error"))
is_(snap["services"][0]["level"] if snap["services"] else None, "unknown",
    "and the service is unknown, not ok")
rc, snap, err = once("[sitrep]\nca_file = %s\n[service tls]\nurl = %s\n" % (cert[0], tls.url(GH)))
is_(source(snap, "tls").get("ok"), True, "ca_file adds a trusted CA: the same server is accepted")
rc, snap, err = once("[sitrep]\nca_file = %s\n[service tls]\nurl = %s\n" %
                     (cert[0], tls.url(GH, mode="to_http", port=plain.port)))
s = source(snap, "tls")
ok(not s.get("ok") and "http" in (s.get("error") or ""),
   "https never follows a redirect down to plain http", s.get("error"))
hits = json.loads(plain.control("hits/" + GH))["hits"]
is_(hits, 2, "the plain server saw no request from that redirect")
rc, snap, err = once("[sitrep]\nca_file = /nonexistent/ca.pem\n[service tls]\nurl = %s\n" %
                     tls.url(GH))
ok(not source(snap, "tls").get("ok"), "a CA file that is not there trusts nothing",
   source(snap, "tls").get("error"))

done()
