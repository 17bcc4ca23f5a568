"""Four editors uploading 36 MP photos at once: do /healthz and cached pages keep answering?

    scripts/with-postgres .venv/bin/python bench/uploads.py [--workers N] [--jobs N] [--rounds N]

Starts the portal under gunicorn (gunicorn.conf.py; its number of workers unless
--workers) on a bench database of its own, with the proposed storage
(images.storage.AtomicFileSystemStorage) and IMAGE_JOBS=--jobs, logs four staff
clients in (CSRF and all, as a browser does), then for each kind of photo - a
7200×5000 JPEG (~5 MB) and a 6000×6000 PNG - has the four send one each at the
same moment to CKEditor's upload address, --rounds times in a row, while a fifth
client asks for /healthz and the cached home page every 50 ms. Prints the
uploads' durations and statuses (503: told the server is busy) and the probes'
latencies (p50, p99, max), before and during the uploads. --jobs 99 --queue 99
shows the portal without the limit.
"""

import argparse
import http.cookiejar
import io
import os
import re
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT, bench_env, gunicorn, manage, percentile, prepare

sys.path.insert(0, str(ROOT))

from images.jobs import DEFAULT_JOBS

EDITORS = 4
PASSWORD = "bench-upload-mat-khau"
SETUP = f"""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
User = get_user_model()
may_upload = Permission.objects.filter(codename__in=["add_article", "change_article", "view_article"])
for n in range({EDITORS}):
    # Editors (writers), not superusers: the admin asks superusers for a second factor.
    user, _ = User.objects.get_or_create(username=f"bench-bien-tap-{{n}}")
    user.is_staff, user.is_superuser = True, False
    user.set_password("{PASSWORD}")
    user.save()
    user.user_permissions.set(may_upload)
"""
# Settings of the bench's own: the real ones plus what issue 12 proposes for settings.py.
SETTINGS = """
from huyenuy.settings import *  # noqa: F403
STORAGES["default"] = {{"BACKEND": "images.storage.AtomicFileSystemStorage"}}
IMAGE_JOB_LOCK_DIR = {lock_dir!r}
"""


def photos() -> dict[str, bytes]:
    """A photo-like 7200×5000 JPEG (gradients and grain: it compresses as a camera's does) and a 6000×6000 PNG."""
    from PIL import Image

    size = (7200, 5000)
    gradient = Image.linear_gradient("L").resize(size)
    grain = Image.effect_noise(size, 40)
    jpeg, png = io.BytesIO(), io.BytesIO()
    Image.merge("RGB", (gradient, gradient.transpose(Image.Transpose.ROTATE_90).resize(size), grain)).save(
        jpeg, "JPEG", quality=80
    )
    Image.new("RGB", (6000, 6000), (20, 120, 200)).save(png, "PNG")
    return {"JPEG 7200×5000": jpeg.getvalue(), "PNG 6000×6000": png.getvalue()}


class Editor:
    """A logged-in staff browser: its own cookies, the CSRF token in a header as CKEditor sends it."""

    def __init__(self, base: str, username: str):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        page = self.opener.open(f"{base}/admin/login/", timeout=30).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        form = f"csrfmiddlewaretoken={token}&username={username}&password={PASSWORD}&next=/admin/"
        self.opener.open(urllib.request.Request(f"{base}/admin/login/", form.encode(), headers=self._headers()))
        check = self.opener.open(f"{base}/admin/", timeout=30)
        assert check.url.rstrip("/").endswith("/admin"), f"{username} is not in the admin: {check.url}"

    def _headers(self) -> dict:
        token = next(cookie.value for cookie in self.cookies if cookie.name == "csrftoken")
        return {"X-CSRFToken": token, "Origin": self.base, "Referer": f"{self.base}/admin/"}

    def upload(self, name: str, data: bytes) -> tuple[int, float]:
        boundary = uuid.uuid4().hex
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="upload"; filename="{name}"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n"
            ).encode()
            + data
            + f"\r\n--{boundary}--\r\n".encode()
        )
        headers = {**self._headers(), "Content-Type": f"multipart/form-data; boundary={boundary}"}
        request = urllib.request.Request(f"{self.base}/quan-tri/tai-anh/", body, headers=headers)
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=120) as response:
                answer = response.read()
                status = response.status
        except urllib.error.HTTPError as error:
            answer, status = error.read(), error.code
        if not answer.startswith(b"{"):  # a login page, a redirect: not CKEditor's JSON
            raise RuntimeError(f"not an upload answer ({status}): {answer[:200]!r}")
        return status, time.perf_counter() - started


class Probe(threading.Thread):
    """Asks for each of `paths` every `interval` seconds until stopped; keeps the latencies."""

    def __init__(self, base: str, paths: list[str], interval=0.05):
        super().__init__(daemon=True)
        self.base, self.paths, self.interval = base, paths, interval
        self.latencies = {path: [] for path in paths}
        self.failures = 0
        self.done = threading.Event()

    def run(self):
        while not self.done.is_set():
            for path in self.paths:
                started = time.perf_counter()
                try:
                    with urllib.request.urlopen(f"{self.base}{path}", timeout=30) as response:
                        response.read()
                except OSError:
                    self.failures += 1
                self.latencies[path].append(time.perf_counter() - started)
            self.done.wait(self.interval)

    def stop(self) -> "Probe":
        self.done.set()
        self.join()
        return self


def summary(latencies: list[float]) -> str:
    return (
        f"n {len(latencies):4d}  p50 {statistics.median(latencies) * 1000:7.1f} ms  "
        f"p99 {percentile(latencies, 0.99):7.1f} ms  max {max(latencies) * 1000:7.1f} ms"
    )


def upload_round(editors: list[Editor], name: str, data: bytes, rounds: int) -> list[tuple[int, float]]:
    """Each editor uploads `data` `rounds` times, all four starting together each time."""
    results, lock = [], threading.Lock()
    barrier = threading.Barrier(len(editors))

    def send(editor: Editor):
        for _ in range(rounds):
            barrier.wait()
            outcome = editor.upload(name, data)
            with lock:
                results.append(outcome)

    threads = [threading.Thread(target=send, args=(editor,)) for editor in editors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def measure(base: str, kinds: dict[str, bytes], rounds: int) -> None:
    paths = ["/healthz", "/"]
    for path in paths:  # the home page is in the page cache from here on
        urllib.request.urlopen(f"{base}{path}", timeout=30).read()
    editors = [Editor(base, f"bench-bien-tap-{n}") for n in range(EDITORS)]
    quiet = Probe(base, paths)
    quiet.start()
    time.sleep(2)
    quiet.stop()
    for path in paths:
        print(f"  {path:<9} quiet          {summary(quiet.latencies[path])}")
    for kind, data in kinds.items():
        name = "anh.jpg" if kind.startswith("JPEG") else "anh.png"
        probe = Probe(base, paths)
        probe.start()
        started = time.perf_counter()
        results = upload_round(editors, name, data, rounds)
        window = time.perf_counter() - started
        probe.stop()
        durations = sorted(seconds for _status, seconds in results)
        statuses = {status: sum(1 for s, _ in results if s == status) for status, _ in results}
        print(
            f"{kind} ({len(data) / 1e6:.1f} MB), {EDITORS} at once × {rounds}: all done in {window:.1f} s; "
            f"each {durations[0]:.2f}-{statistics.median(durations):.2f}-{durations[-1]:.2f} s (min-median-max); "
            f"statuses {statuses}"
        )
        for path in paths:
            failed = f"  ({probe.failures} failed)" if probe.failures else ""
            print(f"  {path:<9} during uploads {summary(probe.latencies[path])}{failed}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: gunicorn.conf.py's)")
    parser.add_argument("--jobs", type=int, help="IMAGE_JOBS (default: images/jobs.py's; 99: no limit)")
    parser.add_argument("--queue", type=int, help="IMAGE_JOB_QUEUE (default: as many as IMAGE_JOBS)")
    parser.add_argument("--rounds", type=int, default=3, help="uploads per editor and kind of photo")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="huyenuy-bench-uploads-") as tmp:
        limits = "".join(
            f"{name} = {value}\n"
            for name, value in (("IMAGE_JOBS", args.jobs), ("IMAGE_JOB_QUEUE", args.queue))
            if value is not None
        )
        (Path(tmp) / "bench_upload_settings.py").write_text(SETTINGS.format(lock_dir=f"{tmp}/locks") + limits)
        env = bench_env(
            "huyenuy_bench_uploads",
            DJANGO_SETTINGS_MODULE="bench_upload_settings",
            PYTHONPATH=tmp,
            MEDIA_ROOT=f"{tmp}/media",
            CACHE_URL=f"file://{tmp}/cache",  # one machine's default: a file cache its workers share
        )
        prepare(env)
        manage(env, "shell", "--no-imports", "-c", SETUP)
        kinds = photos()
        with gunicorn(env, workers=args.workers) as base:
            jobs, queue = args.jobs or DEFAULT_JOBS, args.queue if args.queue is not None else args.jobs or DEFAULT_JOBS
            workers = args.workers or f"{os.cpu_count() + 1} (gunicorn.conf.py)"
            print(f"{os.cpu_count()} cores, gunicorn workers {workers}, IMAGE_JOBS={jobs}, IMAGE_JOB_QUEUE={queue}")
            measure(base, kinds, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
