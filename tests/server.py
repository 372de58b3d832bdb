#!/usr/bin/env python3
"""Loopback HTTP server for sitrep's tests (Python standard library only).

Serves files from --root under /f/<path>, with fault modes chosen by the
query string so one server covers every case a test needs:

  ?status=503            answer with that status (body: the file)
  ?delay=1.5             wait that many seconds before answering
  ?type=text/html        Content-Type to send (default application/json)
  ?retry_after=120       add a Retry-After header
  ?etag=abc              send ETag "abc"; answer 304 when If-None-Match matches
  ?last_modified=1       send Last-Modified; answer 304 to If-Modified-Since
  ?mode=hang             accept, read the request, never answer
  ?mode=drip             send the headers, then one byte every half second
  ?mode=truncate         promise the whole file, send half, close
  ?mode=big              a 20 MiB body with Content-Length
  ?mode=big_nolength     a 20 MiB body without Content-Length (close-delimited)
  ?mode=gzip_bomb        50 KB of gzip that inflate to 50 MiB
  ?mode=loop             redirect to itself, forever
  ?mode=to_file          redirect to file:///etc/passwd
  ?mode=to_ftp           redirect to an ftp:// URL
  ?mode=to_http&port=N   redirect to the same path over plain http on port N
  ?mode=reset            close the connection with a TCP reset, no answer

/set/<path>?...  makes later requests for /f/<path> behave as if they carried
                 that query (an empty query clears it): a test can turn a
                 healthy page into a failing one and back while a client runs.
/hits/<path>     how many times /f/<path> was requested, how many of those
                 got a 304, and the latest request's headers (JSON).
/stats           the most requests that were in flight at once (JSON).
POST /hook       a webhook receiver: keeps each body (GET /hooks lists them,
                 with whether each was failed); /set/hook?fail=N makes the
                 next N deliveries fail with a 500.
/quit            stops the server.

A small emulation of Mastodon's public hashtag timeline lives under /mastodon/:
  GET /mastodon/api/v1/timelines/tag/<tag>?min_id=&limit=
       Status objects made up relative to the time of the request, newest
       first, only those with an id above min_id (ids are milliseconds << 16,
       as Mastodon's are), at most limit (40 at most).
  /set/mastodon?scene=quiet | spike | flood | login | limit
       quiet: an English post every quarter hour over the last two hours;
       spike: that, and from 25 minutes ago three new French-speaking
       authors a minute saying the service is down; flood: one account
       posting 20 times a minute instead; login: 401 as an instance that
       shows timelines to logged-in readers only; limit: 429, Retry-After 120.
  /hits/mastodon   how often it was asked, and the latest min_id.

And of Hacker News search through Algolia under /hn/:
  GET /hn/api/v1/search_by_date?query=&numericFilters=created_at_i%3EN
       hits made up relative to now, newest first, created after N.
  /set/hn?scene=quiet | spike   quiet: a comment every 20 minutes naming
       the service in passing; spike: that, and from 25 minutes ago three
       new authors a minute asking whether it is down.

A small emulation of the Downdetector Enterprise API v2 lives under /dd/v2/:
  POST /dd/v2/tokens?grant_type=client_credentials   HTTP Basic test-id:test-secret
       -> {"access_token", "expires_in", "token_type": "Bearer"}, else 401
  GET  /dd/v2/companies?ids=1,2&fields=...           Bearer token required, else 401;
       the companies of downdetector/companies-meta.json with those ids
  /set/dd?expires_in=5 | revoke=1 | status=429&retry_after=60 | fixture=NAME
       shortens token lifetimes, revokes every token issued so far, makes
       the companies endpoint fail, or serves another fixture file.

It binds 127.0.0.1 only, prints "PORT <n>" on stdout once it listens, and
exits after --max-requests requests (a runaway client cannot keep it busy)
or when stdin closes (the test that started it went away).
"""
import argparse
import base64
import gzip
import json
import os
import socket
import struct
import sys
import threading
import time
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "sitrep-test-server"

    def log_message(self, fmt, *args):  # keep test output clean
        pass

    def _send(self, status, body, ctype="application/json", headers=None):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(min(length, 1 << 20)) if length else b""
        if urlsplit(self.path).path == "/hook":
            self._hook(body)
            return
        self.do_GET()

    def _hook(self, body):
        """A webhook receiver: keeps each body; fails while /set/hook?fail=N
        has failures left."""
        srv = self.server
        with srv.lock:
            srv.requests += 1
            left = int(srv.overrides.get("hook", {}).get("fail", "0"))
            if left > 0:
                srv.overrides["hook"]["fail"] = str(left - 1)
            srv.hooks.append({"body": body.decode("utf-8", "replace"), "failed": left > 0,
                              "type": self.headers.get("Content-Type", ""),
                              "time": time.time()})
        self._send(500 if left > 0 else 200, b"{}")

    def do_GET(self):
        srv = self.server
        with srv.lock:
            srv.requests += 1
            srv.inflight += 1
            srv.max_inflight = max(srv.max_inflight, srv.inflight)
            over = srv.requests > srv.max_requests
        try:
            self._route(over)
        finally:
            with srv.lock:
                srv.inflight -= 1

    def _route(self, over):
        srv = self.server
        if over:
            self._send(503, b"request budget exhausted", "text/plain")
            threading.Thread(target=srv.shutdown, daemon=True).start()
            return
        url = urlsplit(self.path)
        q = {k: v[-1] for k, v in parse_qs(url.query).items()}
        if url.path == "/quit":
            self._send(200, b"bye", "text/plain")
            threading.Thread(target=srv.shutdown, daemon=True).start()
            return
        if url.path.startswith("/hits/"):
            rel = url.path[len("/hits/"):]
            with srv.lock:
                n = {"hits": srv.hits.get(rel, 0), "not_modified": srv.not_modified.get(rel, 0),
                     "headers": srv.last_headers.get(rel, {})}
            self._send(200, json.dumps(n).encode())
            return
        if url.path.startswith("/set/"):
            with srv.lock:
                srv.overrides[url.path[len("/set/"):]] = q
            self._send(200, b"set", "text/plain")
            return
        if url.path.startswith("/mastodon/api/v1/timelines/tag/"):
            self._mastodon(url.path.rsplit("/", 1)[-1], q)
            return
        if url.path == "/hn/api/v1/search_by_date":
            self._hn(q)
            return
        if url.path.startswith("/dd/v2/"):
            self._downdetector(url.path[len("/dd/v2/"):], q)
            return
        if url.path == "/hooks":
            with srv.lock:
                n = list(srv.hooks)
            self._send(200, json.dumps(n).encode())
            return
        if url.path == "/stats":
            with srv.lock:
                n = {"max_inflight": srv.max_inflight, "requests": srv.requests}
            self._send(200, json.dumps(n).encode())
            return
        if not url.path.startswith("/f/"):
            self._send(404, b"not found", "text/plain")
            return
        rel = url.path[len("/f/"):]
        with srv.lock:
            srv.hits[rel] = srv.hits.get(rel, 0) + 1
            srv.last_headers[rel] = {k.lower(): v for k, v in self.headers.items()}
            q = dict(q, **srv.overrides.get(rel, {}))
        if "delay" in q:
            time.sleep(float(q["delay"]))
        mode = q.get("mode")
        if mode:
            getattr(self, "_mode_" + mode)(rel)
            return
        self._serve_file(rel, q)

    def _read_fixture(self, rel):
        path = os.path.realpath(os.path.join(self.server.root, rel))
        if not path.startswith(self.server.root + os.sep) or not os.path.isfile(path):
            return None
        with open(path, "rb") as f:
            return f.read()

    def _conditional(self, rel, q, headers):
        """Adds validators; True when the client's copy is current (304)."""
        current = False
        if "etag" in q:
            tag = '"%s"' % q["etag"]
            headers["ETag"] = tag
            current = self.headers.get("If-None-Match") == tag
        if "last_modified" in q:
            stamp = 1700000000
            headers["Last-Modified"] = formatdate(stamp, usegmt=True)
            since = self.headers.get("If-Modified-Since")
            if since:
                try:
                    current = parsedate_to_datetime(since).timestamp() >= stamp
                except (TypeError, ValueError):
                    pass
        if current:
            with self.server.lock:
                self.server.not_modified[rel] = self.server.not_modified.get(rel, 0) + 1
        return current

    def _serve_file(self, rel, q):
        body = self._read_fixture(rel)
        if body is None:
            self._send(404, b"no such fixture", "text/plain")
            return
        headers = {}
        if "retry_after" in q:
            headers["Retry-After"] = q["retry_after"]
        if self._conditional(rel, q, headers):
            self._send(304, b"", headers=headers)
            return
        status = int(q.get("status", "200"))
        self._send(status, body, q.get("type", "application/json"), headers)

    # --- the Downdetector emulation ----------------------------------------------

    def _downdetector(self, what, q):
        srv = self.server
        with srv.lock:
            srv.hits["dd/" + what] = srv.hits.get("dd/" + what, 0) + 1
            seen = {k.lower(): v for k, v in self.headers.items() if k.lower() != "authorization"}
            seen["_path"] = self.path
            srv.last_headers["dd/" + what] = seen
            ctl = dict(srv.overrides.get("dd", {}))
            if ctl.pop("revoke", None):
                srv.dd_tokens.clear()
                srv.overrides["dd"] = ctl
        if what == "tokens" and self.command == "POST":
            self._dd_token(ctl)
        elif what == "companies":
            self._dd_companies(q, ctl)
        else:
            self._send(404, b'{"error":"not_found"}')

    def _dd_token(self, ctl):
        good = "Basic " + base64.b64encode(b"test-id:test-secret").decode()
        if self.headers.get("Authorization") != good:
            self._send(401, b'{"error":"invalid_client"}')
            return
        srv = self.server
        with srv.lock:
            srv.dd_serial += 1
            token = "tok-%d-%s" % (srv.dd_serial, os.urandom(6).hex())
            srv.dd_tokens.add(token)
        body = {"access_token": token, "token_type": "Bearer",
                "expires_in": int(ctl.get("expires_in", "3600"))}
        self._send(200, json.dumps(body).encode())

    def _dd_companies(self, q, ctl):
        auth = self.headers.get("Authorization", "")
        with self.server.lock:
            valid = auth.startswith("Bearer ") and auth[7:] in self.server.dd_tokens
        if not valid:
            self._send(401, b'{"error":"invalid_token"}')
            return
        if "status" in ctl:
            headers = {"Retry-After": ctl["retry_after"]} if "retry_after" in ctl else {}
            self._send(int(ctl["status"]), b'{"message":"slow down"}', headers=headers)
            return
        body = self._read_fixture("downdetector/" + ctl.get("fixture", "companies-meta.json"))
        data = json.loads(body)
        rows = data if isinstance(data, list) else data.get("companies", [])
        ids = set(q.get("ids", "").split(","))
        out = [c for c in rows if str(c.get("id")) in ids]
        self._send(200, json.dumps(out).encode())

    # --- fault modes ----------------------------------------------------------

    def _mastodon(self, tag, q):
        srv = self.server
        with srv.lock:
            srv.hits["mastodon"] = srv.hits.get("mastodon", 0) + 1
            srv.last_headers["mastodon"] = {"min_id": q.get("min_id", "")}
            scene = srv.overrides.get("mastodon", {}).get("scene", "quiet")
        if scene == "login":
            self._send(401, b'{"error":"This method requires an authenticated user"}')
            return
        if scene == "limit":
            self._send(429, b'{"error":"Too many requests"}', headers={"Retry-After": "120"})
            return
        now = int(time.time())
        posts = []

        def post(t, author, lang, text):
            posts.append({"id": str((t * 1000 + len(posts)) << 16), "created_at":
                          time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(t)),
                          "uri": "https://%s/statuses/%d" % (author.split("@")[-1], len(posts)),
                          "language": lang, "visibility": "public", "reblog": None,
                          "content": "<p>%s <a href=\"x\" class=\"hashtag\">#<span>%s</span>"
                                     "</a></p>" % (text, tag),
                          "account": {"acct": author, "bot": False,
                                      "url": "https://%s/@x" % author.split("@")[-1]},
                          "tags": [{"name": tag}]})

        for t in range(now - 7200, now, 900):
            post(t, "regular@mastodon.example", "en", "weekly photo thread")
        if scene in ("spike", "flood"):
            for t in range(now - 1500, now, 60):
                for a in range(3 if scene == "spike" else 20):
                    who = "u%d-%d@piaille.example" % (a, t) if scene == "spike" else \
                        "spammer@piaille.example"
                    post(t, who, "fr", "Instagram en panne chez moi aussi \x1b[2J\u202e")
        min_id = int(q.get("min_id", "0") or 0)
        limit = min(int(q.get("limit", "20")), 400)
        fresh = sorted((p for p in posts if int(p["id"]) > min_id), key=lambda p: -int(p["id"]))
        self._send(200, json.dumps(fresh[:limit]).encode(),
                   headers={"X-RateLimit-Limit": "300", "X-RateLimit-Remaining": "299"})

    def _hn(self, q):
        srv = self.server
        with srv.lock:
            srv.hits["hn"] = srv.hits.get("hn", 0) + 1
            srv.last_headers["hn"] = {"numericFilters": q.get("numericFilters", "")}
            scene = srv.overrides.get("hn", {}).get("scene", "quiet")
        now = int(time.time())
        hits = []
        for t in range(now - 7200, now, 1200):
            hits.append((t, "regular", "I moved my repos from GitHub to a self-hosted forge"))
        if scene == "spike":
            for t in range(now - 1500, now, 60):
                for a in range(3):
                    hits.append((t, "dev%d_%d" % (a, t), "Is GitHub down for anyone else? "
                                 "pushes fail with 500"))
        since = 0
        f = q.get("numericFilters", "")
        if f.startswith("created_at_i>"):
            since = int(f[len("created_at_i>"):])
        body = {"hits": [{"objectID": str(t * 10 + i % 10), "author": who, "created_at_i": t,
                          "created_at": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(t)),
                          "title": None, "comment_text": "<p>%s</p>" % text,
                          "_tags": ["comment"]}
                         for i, (t, who, text) in enumerate(sorted(hits, reverse=True))
                         if t > since],
                "nbHits": len(hits), "page": 0, "nbPages": 1, "hitsPerPage": 1000}
        self._send(200, json.dumps(body).encode())

    def _mode_hang(self, rel):
        time.sleep(3600)

    def _mode_drip(self, rel):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "100000")
        self.end_headers()
        for _ in range(2000):
            self.wfile.write(b" ")
            self.wfile.flush()
            time.sleep(0.5)

    def _mode_truncate(self, rel):
        body = self._read_fixture(rel) or b"{}" * 1000
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body[: len(body) // 2])
        self.wfile.flush()
        self.close_connection = True

    def _big_chunks(self):
        chunk = b" " * (1 << 20)
        for _ in range(20):
            self.wfile.write(chunk)

    def _mode_big(self, rel):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(20 << 20))
        self.end_headers()
        try:
            self._big_chunks()
        except OSError:
            pass

    def _mode_big_nolength(self, rel):
        self.protocol_version = "HTTP/1.0"
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        try:
            self._big_chunks()
        except OSError:
            pass
        self.close_connection = True

    def _mode_gzip_bomb(self, rel):
        body = self.server.bomb()
        self._send(200, body, headers={"Content-Encoding": "gzip"})

    def _redirect(self, where):
        self._send(302, b"", "text/plain", {"Location": where})

    def _mode_loop(self, rel):
        self._redirect(self.path)

    def _mode_to_file(self, rel):
        self._redirect("file:///etc/passwd")

    def _mode_to_http(self, rel):
        q = parse_qs(urlsplit(self.path).query)
        self._redirect("http://127.0.0.1:%s/f/%s" % (q.get("port", ["1"])[-1], rel))

    def _mode_to_ftp(self, rel):
        self._redirect("ftp://127.0.0.1/pub/summary.json")

    def _mode_reset(self, rel):
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--max-requests", type=int, default=2000)
    ap.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"),
                    help="serve HTTPS with this certificate and key")
    args = ap.parse_args()
    ThreadingHTTPServer.request_queue_size = 128
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    if args.tls:
        import ssl
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(args.tls[0], args.tls[1])
        srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    srv.root = os.path.realpath(args.root)
    srv.max_requests = args.max_requests
    srv.requests = 0
    srv.hits = {}
    srv.not_modified = {}
    srv.last_headers = {}
    srv.dd_tokens = set()
    srv.dd_serial = 0
    srv.overrides = {}
    srv.hooks = []
    srv.inflight = 0
    srv.max_inflight = 0
    srv.lock = threading.Lock()
    bomb = []

    def make_bomb():
        with srv.lock:
            if not bomb:
                bomb.append(gzip.compress(b"\0" * (50 << 20), 9))
            return bomb[0]

    srv.bomb = make_bomb
    print("PORT %d" % srv.server_address[1], flush=True)

    def watch_stdin():
        sys.stdin.read()
        srv.shutdown()

    threading.Thread(target=watch_stdin, daemon=True).start()
    srv.serve_forever()


if __name__ == "__main__":
    main()
