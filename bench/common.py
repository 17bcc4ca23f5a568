"""Shared pieces of the benchmarks: a bench database, a real gunicorn, a load of concurrent requests.

The benchmarks run the portal as production does (gunicorn with the project's
gunicorn.conf.py, DEBUG off, PostgreSQL) on a database of their own,
`huyenuy_bench`, created next to the one DATABASE_URL names. They never touch
real content.
"""

import contextlib
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BENCH_DB = "huyenuy_bench"


def bench_database_url(name: str = BENCH_DB, template: str | None = None) -> str:
    """The URL of the bench database `name`, created if missing (as a copy of `template`,
    when that database exists: a million generated articles are copied in seconds)."""
    url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    parts = urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        sys.exit("The benchmarks need PostgreSQL: set DATABASE_URL=postgres://... (or run `make bench`).")
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        exists = "SELECT 1 FROM pg_database WHERE datname = %s"
        if not conn.execute(exists, [name]).fetchone():
            if template and conn.execute(exists, [template]).fetchone():
                conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
            else:
                conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


def bench_env(database: str = BENCH_DB, template: str | None = None, **extra) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": bench_database_url(database, template),
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "BEHIND_PROXY": "0",
        "SERVE_MEDIA": "1",
        "RATING_VOTES_PER_IP_PER_HOUR": "1000000",
    }
    env.update(extra)
    return env


def prepare(env) -> None:
    """Migrate the bench database and collect static files (pages with DEBUG off need them)."""
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")


def manage(env, *args) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return result.stdout


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn(env, workers=None, app="huyenuy.wsgi"):
    """gunicorn with gunicorn.conf.py (its number of workers unless `workers` is given) serving `app`.

    `app` is the portal unless another WSGI application is named (bench/floor_app.py).
    """
    port = free_port()
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}"}
    if workers is not None:
        env["GUNICORN_WORKERS"] = str(workers)
    log = open(f"/tmp/huyenuy-bench-gunicorn-{port}.log", "w")  # noqa: SIM115 - closed below
    process = subprocess.Popen([sys.executable, "-m", "gunicorn", app], cwd=ROOT, env=env, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("gunicorn did not start")
        yield base
    finally:
        process.terminate()
        try:
            # Requests wrk gave up on may still be running (slow searches on a big database).
            process.wait(timeout=45)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def fire(count, request, concurrency=16):
    """Run request(i) for i in range(count) on `concurrency` threads; return (seconds, latencies, results)."""
    results = [None] * count
    latencies = [0.0] * count
    next_index = iter(range(count))
    lock = threading.Lock()
    barrier = threading.Barrier(concurrency)

    def worker():
        barrier.wait()
        while True:
            with lock:
                i = next(next_index, None)
            if i is None:
                return
            started = time.perf_counter()
            results[i] = request(i)
            latencies[i] = time.perf_counter() - started

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, latencies, results


def http(method, url, data=None, headers=None) -> int:
    body = data.encode() if isinstance(data, str) else data
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def percentile(values, p) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))] * 1000


def row(name, seconds, latencies, count, baseline=None) -> str:
    rate = count / seconds
    ratio = f"{rate / baseline:.3f}" if baseline else "1.000"
    return (
        f"{name:<34} {rate:>9.0f} req/s  p50 {statistics.median(latencies) * 1000:6.1f} ms  "
        f"p99 {percentile(latencies, 0.99):6.1f} ms  ratio {ratio}"
    )
