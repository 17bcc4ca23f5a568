"""At most IMAGE_JOBS photos decoded and encoded at a time on this machine, and at
most IMAGE_JOB_QUEUE more waiting for their turn.

Decoding a 36 MP photo and encoding its copies takes about a second of a core
and a few hundred MB; four editors uploading at once used to hold every worker
for 10-15 s and /healthz with them. gunicorn's workers are processes, so the
limit is kept by the kernel: a job holds an exclusive flock on one of IMAGE_JOBS
slot files in IMAGE_JOB_LOCK_DIR, released when the job ends or its process
dies. An upload waiting for a slot holds a (sync) worker too, so the waiting
places are counted the same way: an upload that finds them all taken, or that
waited IMAGE_JOB_WAIT seconds, gives up with ServerBusy, which the editor sees
as "try again in a few minutes". Uploads never hold more than IMAGE_JOBS +
IMAGE_JOB_QUEUE workers: with fewer than gunicorn's workers (cores + 1 by
default), one is always left for readers and /healthz.
"""

import fcntl
import os
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

from .errors import ServerBusy, StorageFailed

POLL_SECONDS = 0.05  # how often a waiting job looks for a free slot


# Half the cores, and as many waiting: together at most the cores, one fewer than
# gunicorn's default workers. The other half of the cores keeps serving readers.
DEFAULT_JOBS = max(1, (os.cpu_count() or 2) // 2)


def _settings() -> tuple[int, int, float, Path]:
    slots = max(1, int(getattr(settings, "IMAGE_JOBS", DEFAULT_JOBS)))
    queue = max(0, int(getattr(settings, "IMAGE_JOB_QUEUE", slots)))
    wait = float(getattr(settings, "IMAGE_JOB_WAIT", 20))
    folder = getattr(settings, "IMAGE_JOB_LOCK_DIR", None) or Path(settings.BASE_DIR) / "var" / "locks"
    return slots, queue, wait, Path(folder)


def _take_free_slot(folder: Path, kind: str, slots: int) -> int | None:
    """The descriptor of a slot file this process now holds locked, or None if all are taken."""
    for number in range(slots):
        fd = os.open(folder / f"image-{kind}-{number}", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue
        return fd
    return None


@contextmanager
def image_job():
    """Run the block holding one of the machine's image job slots; raise ServerBusy if
    every slot and every waiting place is taken, or no slot frees up within IMAGE_JOB_WAIT s."""
    slots, queue, wait, folder = _settings()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # Two threads, even of one process, open files of their own: flock keeps them apart too.
        fd = _take_free_slot(folder, "job", slots)
        if fd is None:
            fd = _wait_for_slot(folder, slots, queue, wait)
    except OSError as error:  # the lock folder cannot be made or opened
        raise StorageFailed(error) from error
    try:
        yield
    finally:
        os.close(fd)  # releases the lock


def _wait_for_slot(folder: Path, slots: int, queue: int, wait: float) -> int:
    place = _take_free_slot(folder, "wait", queue)
    if place is None:
        raise ServerBusy  # at once: another waiting upload would take a worker from the readers
    try:
        deadline = time.monotonic() + wait
        while (fd := _take_free_slot(folder, "job", slots)) is None:
            if time.monotonic() >= deadline:
                raise ServerBusy
            time.sleep(POLL_SECONDS)
        return fd
    finally:
        os.close(place)
