#!/usr/bin/env python3
"""Loopback HTTP server for sitrep's tests (Python standard library only).

Serves files from --root under /f/<path>, with fault modes chosen by the
query string so one server covers every case a test needs:

  ?status=503            answer with that status (body: the file, or a short text)
  ?delay=1.5             wait that many seconds before answering
  ?type=text/html        Content-Type to send (default application/json)
  ?retry_after=120       add a Retry-After header
  ?etag=abc              send ETag "abc"; answer 304 when If-None-Match matches

/hits/<path> returns how many times /f/<path> was requested (JSON).
/quit stops the server.

It binds 127.0.0.1 only, prints "PORT <n>" on stdout once it listens, and
exits after --max-requests requests (a runaway client cannot keep it busy)
or when stdin closes (the test that started it went away).
"""
import argparse
import json
import os
import sys
import threading
import time
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

    def do_GET(self):
        srv = self.server
        with srv.lock:
            srv.requests += 1
            over = srv.requests > srv.max_requests
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
                n = srv.hits.get(rel, 0)
            self._send(200, json.dumps({"hits": n}).encode())
            return
        if not url.path.startswith("/f/"):
            self._send(404, b"not found", "text/plain")
            return
        rel = url.path[len("/f/"):]
        with srv.lock:
            srv.hits[rel] = srv.hits.get(rel, 0) + 1
        self._serve_file(rel, q)

    def _serve_file(self, rel, q):
        if "delay" in q:
            time.sleep(float(q["delay"]))
        path = os.path.realpath(os.path.join(self.server.root, rel))
        if not path.startswith(self.server.root + os.sep) or not os.path.isfile(path):
            self._send(404, b"no such fixture", "text/plain")
            return
        with open(path, "rb") as f:
            body = f.read()
        headers = {}
        if "retry_after" in q:
            headers["Retry-After"] = q["retry_after"]
        if "etag" in q:
            tag = '"%s"' % q["etag"]
            headers["ETag"] = tag
            if self.headers.get("If-None-Match") == tag:
                self._send(304, b"", headers=headers)
                return
        status = int(q.get("status", "200"))
        self._send(status, body, q.get("type", "application/json"), headers)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--max-requests", type=int, default=2000)
    args = ap.parse_args()
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    srv.root = os.path.realpath(args.root)
    srv.max_requests = args.max_requests
    srv.requests = 0
    srv.hits = {}
    srv.lock = threading.Lock()
    print("PORT %d" % srv.server_address[1], flush=True)

    def watch_stdin():
        sys.stdin.read()
        srv.shutdown()

    threading.Thread(target=watch_stdin, daemon=True).start()
    srv.serve_forever()


if __name__ == "__main__":
    main()
