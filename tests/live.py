"""Real gunicorn processes for tests that need more than one (shared caches, two app servers)."""

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn(env: dict, workers: int = 2):
    """Serve the project with its gunicorn.conf.py; yield the base URL."""
    port = free_port()
    full_env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        **env,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(workers),
        "GUNICORN_ACCESS_LOG": "/dev/null",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "huyenuy.wsgi"], cwd=ROOT, env=full_env, stderr=subprocess.PIPE
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2)  # noqa: S310 - our own server
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(process.stderr.read().decode()[-3000:]) from None
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


class Browser:
    """A reader with a cookie jar of its own. Every server is reached under one site
    name, as behind a load balancer (the page cache is keyed by it)."""

    host = "portal.test"

    def __init__(self):
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))

    def request(self, method, url, data=None, headers=None):
        body = data.encode() if isinstance(data, str) else data
        headers = {"Host": self.host, **(headers or {})}
        req = urllib.request.Request(url, data=body, method=method, headers=headers)  # noqa: S310 - local servers
        try:
            with self.opener.open(req, timeout=30) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode()

    def get(self, url):
        return self.request("GET", url)

    def vote(self, base, article_id, stars):
        headers = {
            "Origin": f"http://{self.host}",
            "Accept": "application/json",
            "Content-Type": "application/x-www-form-urlencoded",
        }
        return self.request("POST", f"{base}/danh-gia/{article_id}/", f"stars={stars}", headers)
