"""Shared helpers for sitrep's end-to-end tests: TAP output, the loopback
server, running the binary, and driving it inside tmux."""
import atexit
import os
import shutil
import subprocess
import sys
import tempfile
import time

SRCDIR = os.environ.get("SITREP_SRCDIR", os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("SITREP_BIN", os.path.join(os.getcwd(), "sitrep"))
FIXTURES = os.path.join(SRCDIR, "tests", "fixtures")

_count = 0
_failed = 0


def ok(cond, name, diag=None):
    global _count, _failed
    _count += 1
    print("%s %d - %s" % ("ok" if cond else "not ok", _count, name), flush=True)
    if not cond:
        _failed += 1
        if diag:
            for line in str(diag).splitlines()[:40]:
                print("#   " + line)
    return cond


def is_(got, want, name):
    return ok(got == want, name, "got  %r\nwant %r" % (got, want))


def diag(msg):
    for line in str(msg).splitlines():
        print("# " + line, flush=True)


def skip_all(reason):
    print("1..0 # SKIP %s" % reason, flush=True)
    sys.exit(0)


def done():
    print("1..%d" % _count, flush=True)
    sys.exit(1 if _failed else 0)


def tmpdir():
    d = tempfile.mkdtemp(prefix="sitrep-e2e-")
    atexit.register(shutil.rmtree, d, True)
    return d


class Server:
    """The loopback fixture server (tests/server.py), stopped at exit."""

    def __init__(self, root=FIXTURES, max_requests=2000, tls=None):
        self.scheme = "https" if tls else "http"
        extra = ["--tls", tls[0], tls[1]] if tls else []
        self.proc = subprocess.Popen(
            [sys.executable, os.path.join(SRCDIR, "tests", "server.py"), "--root", root,
             "--max-requests", str(max_requests)] + extra,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if not line.startswith("PORT "):
            raise RuntimeError("test server did not start: %r" % line)
        self.port = int(line.split()[1])
        atexit.register(self.stop)

    def url(self, rel, **query):
        q = "&".join("%s=%s" % kv for kv in query.items())
        return "%s://127.0.0.1:%d/f/%s%s" % (self.scheme, self.port, rel, "?" + q if q else "")

    def control(self, path):
        """GETs a control path (set/..., stats, hits/...) of a plain-http server."""
        import urllib.request
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open("http://127.0.0.1:%d/%s" % (self.port, path), timeout=10) as r:
            return r.read().decode()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.stdin.close()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def env(**extra):
    e = dict(os.environ)
    # Never read the developer's own config or history, nor the system's.
    home = tmpdir()
    e.update({"HOME": home, "XDG_CONFIG_HOME": os.path.join(home, ".config"),
              "XDG_CONFIG_DIRS": os.path.join(home, "xdg"),
              "SITREP_SYSCONFDIR": os.path.join(home, "etc"),
              "XDG_STATE_HOME": os.path.join(home, ".state"), "TZ": "UTC",
              "SITREP_DATADIR": os.path.join(SRCDIR, "data"),
              "http_proxy": "", "https_proxy": "", "HTTPS_PROXY": "", "ALL_PROXY": "",
              "NO_PROXY": "127.0.0.1"})
    e.update(extra)
    return e


def run(args, timeout=60, **envextra):
    """Runs sitrep; returns (exit status, stdout, stderr)."""
    p = subprocess.run([BIN] + args, capture_output=True, timeout=timeout, env=env(**envextra))
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def self_signed_cert():
    """A throwaway certificate for 127.0.0.1 (needs the openssl command);
    returns (cert, key) paths, or None when openssl is missing."""
    if not shutil.which("openssl"):
        return None
    d = tmpdir()
    cert, key = os.path.join(d, "cert.pem"), os.path.join(d, "key.pem")
    p = subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                        "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1",
                        "-addext", "subjectAltName=IP:127.0.0.1"], capture_output=True)
    return (cert, key) if p.returncode == 0 else None


def sample_services(srv):
    """Config sections for the three services most end-to-end tests use:
    Callr (hand-written page with regional groups and a hostile incident),
    Linode (real capture with a regional partial outage) and Gone (a 404)."""
    return """
[service calls]
name = Callr
url = {calls}
region = group "(?i)^(.*)$" => $1

[service linode]
name = Linode
url = {linode}
region = name "\\(([A-Za-z .'-]+)( [0-9]+)?\\)" => city:$1

[service gone]
name = Gone
url = {missing}
""".format(calls=srv.url("e2e/calls-summary.json"),
           linode=srv.url("statuspage/atc0005-check-statuspage__linode-components-problems.json"),
           missing=srv.url("e2e/no-such-file.json"))


def write_config(text):
    path = os.path.join(tmpdir(), "config.ini")
    with open(path, "w") as f:
        f.write(text)
    return path


class Tmux:
    """A private tmux server with one window running a command."""

    def __init__(self, cmd, width=80, height=24, **envextra):
        if not shutil.which("tmux"):
            skip_all("tmux is not installed")
        self.sock = os.path.join(tmpdir(), "tmux.sock")
        e = env(**envextra)
        e.pop("TMUX", None)
        self.env = e
        envargs = []
        for k in ("HOME", "XDG_CONFIG_HOME", "XDG_CONFIG_DIRS", "SITREP_SYSCONFDIR",
                  "XDG_STATE_HOME", "TZ", "SITREP_DATADIR", "LANG",
                  "LC_ALL", "NO_COLOR", "http_proxy", "https_proxy", "NO_PROXY",
                  "ASAN_OPTIONS", "UBSAN_OPTIONS"):
            if k in e:
                envargs.append("%s=%s" % (k, e[k]))
        # bash, because it waits for a child that handles Ctrl+C itself
        # instead of dying with it (dash does not), so EXITED= is printed.
        self.tmux("-f", "/dev/null", "new-session", "-d", "-x", str(width), "-y", str(height),
                  "env", *envargs, "bash", "-c", cmd + "; echo EXITED=$?; sleep 30")
        atexit.register(self.kill)

    def tmux(self, *args):
        return subprocess.run(["tmux", "-S", self.sock] + list(args), capture_output=True,
                              text=True, env=self.env, timeout=20)

    def capture(self, history=False):
        extra = ["-S", "-2000"] if history else []
        return self.tmux("capture-pane", "-p", "-J", *extra).stdout

    def keys(self, *keys):
        self.tmux("send-keys", *keys)

    def resize(self, w, h):
        self.tmux("resize-window", "-x", str(w), "-y", str(h))

    def wait_for(self, *texts, timeout=15, history=False):
        """Waits until every one of texts is on the screen at once (or in
        its scrollback too, with history); returns the screen (the last one
        seen on timeout)."""
        end = time.time() + timeout
        screen = ""
        while time.time() < end:
            screen = self.capture(history)
            if all(t in screen for t in texts):
                return screen
            time.sleep(0.1)
        return screen

    def wait_gone(self, *texts, timeout=15):
        """Waits until none of texts is on the screen; returns the screen
        (the last one seen on timeout)."""
        end = time.time() + timeout
        screen = ""
        while time.time() < end:
            screen = self.capture()
            if not any(t in screen for t in texts):
                return screen
            time.sleep(0.1)
        return screen

    def kill(self):
        subprocess.run(["tmux", "-S", self.sock, "kill-server"], capture_output=True)
