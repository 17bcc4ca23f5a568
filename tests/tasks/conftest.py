import pytest

from core import tasks


class Recorded(list):
    """The jobs handed to the queue, in order, as (function, args); run() runs them as a
    worker would, failures logged and not raised."""

    def run(self) -> None:
        jobs, self[:] = list(self), []
        for func, args in jobs:
            tasks.run_now(func, *args)


@pytest.fixture
def queue(settings, monkeypatch, tmp_path):
    """A queue switched on, whose jobs are kept here instead of in Redis, and run by the test."""
    settings.TASKS_SYNC = False
    settings.TASKS_REDIS_URL = "redis://127.0.0.1:6379/13"
    settings.IMAGE_JOB_LOCK_DIR = tmp_path / "locks"
    recorded = Recorded()

    def push(func, args):
        recorded.append((func, args))
        return True

    monkeypatch.setattr(tasks, "_push", push)
    return recorded
