"""Real gunicorn and nginx processes, for tests (shared caches, two app servers, the
front cache) and for the benchmarks in bench/."""

import contextlib
import gzip
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What the keys this test run writes to a shared Redis start with: two runs at once
# (`make test` twice on one machine) never read or remove each other's.
RUN_PREFIX = f"huyenuy-test-{os.getpid()}"


def forget_redis_keys(url: str, prefix: str = RUN_PREFIX) -> None:
    """Remove this run's keys from the Redis at `url` (not FLUSHDB: another run may be using it)."""
    import redis

    client = redis.Redis.from_url(url)
    keys = list(client.scan_iter(match=f"{prefix}*", count=1000))
    if keys:
        client.unlink(*keys)


# Waits for a server to start are not what the tests check: on a busy 2-core machine
# (two test runs, a benchmark) gunicorn can take long to import Django, so be patient.
STARTUP_SECONDS = 300
# One request to a local server; a test that checks a delay measures it itself.
REQUEST_SECONDS = 300


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def app_env(settings, cache_url: str, static_root, **extra) -> dict:
    """The environment of an app server sharing this test's database and `cache_url`."""
    from django.db import connection

    db = connection.settings_dict
    return {
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "CACHE_URL": cache_url,
        "DEBUG": "0",
        "SECRET_KEY": settings.SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,portal.test",
        "SECURE_SSL_REDIRECT": "0",
        "BEHIND_PROXY": "0",
        "STATIC_ROOT": str(static_root),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "RATING_VOTES_PER_IP_PER_HOUR": "1000",
        **extra,
    }


@contextlib.contextmanager
def gunicorn(env: dict, workers: int = 2, log: Path | None = None):
    """Serve the project with its gunicorn.conf.py; yield the base URL. Its log (and the app's)
    goes to `log`, for a test that reads it, else to a file of its own read only on failure:
    never to a pipe, which nobody reads while it runs and whose 64 KiB would stop every worker
    (a test of a database outage logs one line per refused request)."""
    port = free_port()
    full_env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        **env,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(workers),
        "GUNICORN_ACCESS_LOG": "/dev/null",
    }
    own_log = log is None
    if own_log:
        log = Path(tempfile.mkdtemp(prefix="huyenuy-gunicorn-")) / "gunicorn.log"
    stderr = open(log, "ab")  # noqa: SIM115 - closed below
    command = [sys.executable, "-m", "gunicorn", "huyenuy.wsgi"]
    process = subprocess.Popen(command, cwd=ROOT, env=full_env, stderr=stderr)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=10)  # noqa: S310 - our own server
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    process.terminate()  # so that its stderr ends
                    process.wait()
                    raise RuntimeError(log.read_text(errors="replace")[-3000:]) from None
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=120)  # gunicorn lets its workers finish (graceful_timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        stderr.close()
        if own_log:
            shutil.rmtree(log.parent, ignore_errors=True)


# The http block of deploy/nginx.conf, without TLS, listening on a free port;
# the server includes the shipped deploy/nginx-locations.conf unchanged.
NGINX_CONF = """
worker_processes 2;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    sendfile on;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    proxy_cache_path {tmp}/cache levels=1:2 keys_zone=huyenuy:20m max_size=1g inactive=10m use_temp_path=off;
{maps}
    upstream huyenuy_app {{ {servers} keepalive 32; }}
    server {{
        listen 127.0.0.1:{port};
        set $huyenuy_media {media}/;
        location = /static-copy.html {{ root {tmp}/www; }}
        include {tmp}/deploy/nginx-locations.conf;
    }}
}}
"""


def _shipped_maps() -> str:
    """The `map` blocks of deploy/nginx.conf, as they are."""
    text = (ROOT / "deploy" / "nginx.conf").read_text()
    blocks, depth, current = [], 0, []
    for line in text.splitlines():
        if depth == 0 and line.startswith("map "):
            current = [line]
            depth = line.count("{") - line.count("}")
        elif depth > 0:
            current.append(line)
            depth += line.count("{") - line.count("}")
            if depth == 0:
                blocks.append("\n".join(current))
    return "\n".join(blocks).replace("{", "{{").replace("}", "}}")


@contextlib.contextmanager
def nginx(app_bases: list[str], *, media: Path, static_copy: str = ""):
    """nginx with the shipped locations (micro-cache) in front of `app_bases`; yields its base URL.

    `static_copy` is served as /static-copy.html (the benchmarks' baseline).
    """
    tmp = Path(tempfile.mkdtemp(prefix="huyenuy-nginx-"))
    tmp.chmod(0o755)  # nginx's workers run as another user: they read and write in here
    for folder in ("cache", "body", "proxy", "fastcgi", "uwsgi", "scgi", "www"):
        (tmp / folder).mkdir()
        (tmp / folder).chmod(0o777)
    (tmp / "www" / "static-copy.html").write_text(static_copy, encoding="utf-8")
    shutil.copytree(ROOT / "deploy", tmp / "deploy")
    for conf in (tmp / "deploy").glob("*.conf"):
        conf.write_text(conf.read_text().replace("/srv/huyenuy/app/deploy/", f"{tmp}/deploy/"))
    port = free_port()
    servers = " ".join(f"server {base.removeprefix('http://')};" for base in app_bases)
    conf = NGINX_CONF.replace("{maps}", _shipped_maps()).format(tmp=tmp, port=port, media=media, servers=servers)
    (tmp / "nginx.conf").write_text(conf)
    command = ["nginx", "-c", str(tmp / "nginx.conf"), "-p", str(tmp)]
    try:
        # nginx goes to the background: no pipes for it to hold open.
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:  # until nginx answers (its workers may start slowly on a busy machine)
            try:
                urllib.request.urlopen(f"{base}/static-copy.html", timeout=10)  # noqa: S310 - our own server
                break
            except urllib.error.HTTPError:
                break  # an answer all the same
            except OSError:
                if time.monotonic() > deadline:
                    log = (tmp / "error.log").read_text(errors="replace")[-3000:]
                    raise RuntimeError(f"nginx did not answer on {base}:\n{log}") from None
                time.sleep(0.1)
        yield base
    finally:
        subprocess.run([*command, "-s", "stop"], check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(tmp, ignore_errors=True)


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
            with self.opener.open(req, timeout=REQUEST_SECONDS) as response:
                body = response.read()
                if response.headers.get("Content-Encoding") == "gzip":
                    body = gzip.decompress(body)
                return response.status, dict(response.headers), body.decode()
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


class OwnRedis:
    """A redis-server of the test's own on a free port (never the machine's shared one), to
    freeze (SIGSTOP), thaw, kill and start again. It keeps nothing on disk: a restart is empty."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self) -> None:
        import redis

        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                redis.Redis(port=self.port, socket_connect_timeout=1).ping()
                return
            except (redis.RedisError, OSError):
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"redis-server did not start on port {self.port}") from None
                time.sleep(0.05)

    def freeze(self) -> None:
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        self.process.send_signal(signal.SIGCONT)

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.thaw()
            self.process.kill()
            self.process.wait()


@contextlib.contextmanager
def redis_server():
    server = OwnRedis()
    server.start()
    try:
        yield server
    finally:
        server.kill()


class TcpProxy:
    """A TCP relay on a free port, between the app and a server (PostgreSQL): cut() closes
    every connection it carries and refuses new ones, as a database that went away;
    restore() lets connections through again, on the same port."""

    def __init__(self, host: str, port: int):
        self.target = (host, port)
        self.port = free_port()
        self.lock = threading.Lock()
        self.sockets: set[socket.socket] = set()
        self.listener = None
        self.restore()

    def restore(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(128)
        with self.lock:
            self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self) -> None:
        with self.lock:
            listener, self.listener = self.listener, None
        if listener is not None:
            listener.shutdown(socket.SHUT_RDWR)  # wakes accept(): new connections are refused
            listener.close()
        with self.lock:
            carried, self.sockets = self.sockets, set()
        for sock in carried:
            _close(sock)

    close = cut

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # cut
            try:
                server = socket.create_connection(self.target, timeout=10)
                server.settimeout(None)
            except OSError:
                _close(client)
                continue
            with self.lock:
                if self.listener is not listener:  # cut while this one was being connected
                    _close(client)
                    _close(server)
                    return
                self.sockets |= {client, server}
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        for sock in (source, sink):
            with self.lock:
                self.sockets.discard(sock)
            _close(sock)


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()


class Load:
    """Readers at the same time, each asking its task over and over until stop(): what each
    request got and how long it took, by phase, for a fault test's numbers.

    A task returns (status, note): note is what the test checks later (a header, a word).
    A request that overlaps two phases is of neither: its phase is "first>second".
    """

    def __init__(self, tasks: dict, readers_per_task: dict | None = None):
        self.tasks = tasks
        self.readers = readers_per_task or {}
        self.phase = "start"
        self.samples: list[tuple[str, str, float, int, object]] = []  # (phase, task, seconds, status, note)
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = []

    def start(self) -> "Load":
        for name, task in self.tasks.items():
            for _ in range(self.readers.get(name, 1)):
                thread = threading.Thread(target=self._run, args=(name, task), daemon=True)
                thread.start()
                self.threads.append(thread)
        return self

    def _run(self, name, task) -> None:
        while not self.stopping.is_set():
            phase = self.phase
            started = time.perf_counter()
            try:
                status, note = task()
            except OSError as error:  # no answer at all: counted, never hidden
                status, note = 0, repr(error)
            seconds = time.perf_counter() - started
            if self.phase != phase:  # it started in one phase and ended in the next
                phase = f"{phase}>{self.phase}"
            with self.lock:
                self.samples.append((phase, name, seconds, status, note))

    def stop(self) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=REQUEST_SECONDS)

    def of(self, task: str | None = None, phases=None) -> list[tuple[str, str, float, int, object]]:
        with self.lock:
            return [s for s in self.samples if (task is None or s[1] == task) and (phases is None or s[0] in phases)]


def percentile(values, fraction: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]
