"""The real worker: `manage.py run_worker` as a process of its own, on this machine's Redis,
running what the test's requests queue. PostgreSQL only (the worker needs the test's database)."""

import os
import signal
import subprocess
import sys
import time

import pytest
import redis
from django.db import connection
from rq import Queue, Worker

from contact.models import Message
from core import tasks
from huyenuy.settings import cache_from_url
from images import deferred
from images.renditions import rendition_name
from tests.contact.helpers import send
from tests.factories import image_bytes, make_user
from tests.images.helpers import WIDTHS, upload
from tests.live import ROOT, RUN_PREFIX, STARTUP_SECONDS, app_env, forget_redis_keys
from tests.tasks.flaky import fail_twice

pytestmark = [
    pytest.mark.live,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the worker needs a shared database server"),
    pytest.mark.django_db(transaction=True),
]

REDIS_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/13")
QUEUE = f"{RUN_PREFIX}-tasks"  # rq:queue:<it>, rq:job:<it>-…: this run's own keys


def until(condition, what: str, log=None):
    """Wait for the worker (a busy machine may be slow to start Python): not what is measured."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while not condition():
        assert time.monotonic() < deadline, f"still waiting for {what}: {log.read_text()[-3000:] if log else ''}"
        time.sleep(0.1)


@pytest.fixture
def worker(settings, tmp_path, static_root):
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=5).ping()
    except (redis.RedisError, OSError):
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(f"no Redis at {REDIS_URL} (CI starts one)")
    # This process and the worker share the cache (the photos' "renditions waiting" marks).
    settings.CACHES = {**settings.CACHES, "default": cache_from_url(REDIS_URL, prefix=RUN_PREFIX)}
    settings.TASKS_SYNC, settings.TASKS_REDIS_URL, settings.TASKS_QUEUE = False, REDIS_URL, QUEUE
    settings.TASKS_RETRY_INTERVALS = [1, 1, 1]
    tasks._connections.clear()
    mail_folder = tmp_path / "mail"
    env = app_env(
        settings,
        REDIS_URL,
        static_root,
        CACHE_KEY_PREFIX=RUN_PREFIX,
        REDIS_URL=REDIS_URL,
        TASKS_QUEUE=QUEUE,
        TASKS_RETRY_INTERVALS="1,1,1",
        IMAGE_JOB_LOCK_DIR=str(tmp_path / "locks"),
        EMAIL_BACKEND="tests.tasks.mailbox.FolderBackend",
        TEST_MAIL_FOLDER=str(mail_folder),
        CONTACT_EMAIL="vanphong@example.vn",
    )
    log = tmp_path / "worker.log"
    with open(log, "ab") as out:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "run_worker"],
            cwd=ROOT,
            env={"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), **env},
            stdout=out,
            stderr=out,
        )
    queue = Queue(QUEUE, connection=tasks.redis_connection())
    try:
        until(lambda: Worker.count(queue=queue) or process.poll() is not None, "the worker to listen")
        assert process.poll() is None, log.read_text()
        yield log, mail_folder
        # systemctl stop: SIGTERM, the worker ends what it does and says so.
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=STARTUP_SECONDS) == 0
        assert "Task worker" in log.read_text() and "stopped." in log.read_text()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        tasks._connections.clear()
        forget_redis_keys(REDIS_URL, f"rq:*{QUEUE}*")
        forget_redis_keys(REDIS_URL)


def test_a_large_photo_gets_its_renditions_from_the_worker(client, worker, settings):
    log, _ = worker
    client.force_login(make_user(staff=True, perms=["add_article", "change_article"]))
    response = upload(client, image_bytes(size=(4000, 3000)))
    assert response.status_code == 200
    name = response.json()["url"].removeprefix(settings.MEDIA_URL)
    renditions = [rendition_name(name, ext="webp")] + [
        rendition_name(name, w, ext) for w in WIDTHS for ext in ("webp", None)
    ]
    until(lambda: all((settings.MEDIA_ROOT / r).exists() for r in renditions), "the renditions")
    until(lambda: "make_missing_renditions" in log.read_text(), "the worker's log line")
    until(lambda: deferred.ready(name), "the photo to be ready for pages")


def test_a_task_that_fails_twice_is_retried_and_succeeds(worker, tmp_path):
    log, _ = worker
    folder = tmp_path / "tries"
    tasks.enqueue(fail_twice, str(folder))
    until(lambda: folder.exists() and len(list(folder.iterdir())) == 3, "the third try")
    text = log.read_text()
    assert text.count("Task tests.tasks.flaky.fail_twice") == 2 and "retried in 1 s" in text
    assert "given up" not in text


def test_the_office_is_emailed_by_the_worker(client, worker):
    log, mail_folder = worker
    assert send(client).status_code == 303
    message = Message.objects.get()

    def written():  # whole: the backend writes under a hidden name and renames a file it has closed
        return [f for f in mail_folder.iterdir() if not f.name.startswith(".")] if mail_folder.exists() else []

    until(written, "the e-mail", log)
    [sent] = written()
    text = sent.read_text()
    assert "vanphong@example.vn" in text and "Góp ý mới trên cổng thông tin" in text
    until(lambda: Message.objects.filter(pk=message.pk, notified_at__isnull=False).exists(), "the mark")
