"""enqueue(): at once without a queue, to the queue with one, at once again when the queue cannot take it."""

import logging

import pytest
from django.core.exceptions import ImproperlyConfigured

from core import tasks
from huyenuy.settings import env_ints
from tests.tasks.flaky import fail_twice


def tries(folder):
    return sorted(path.name for path in folder.iterdir())


def test_without_redis_a_task_runs_at_once_and_its_failure_is_logged_by_name_not_raised(settings, tmp_path, caplog):
    settings.TASKS_SYNC, settings.TASKS_REDIS_URL = False, ""
    with caplog.at_level(logging.ERROR, logger="core.tasks"):
        tasks.enqueue(fail_twice, str(tmp_path / "tries"))
    assert tries(tmp_path / "tries") == ["try-1"]
    [line] = [r.getMessage() for r in caplog.records if r.name == "core.tasks"]
    assert "tests.tasks.flaky.fail_twice" in line and "the mail server did not answer" in line


def test_tasks_sync_runs_at_once_even_with_redis_configured(settings, tmp_path):
    settings.TASKS_SYNC, settings.TASKS_REDIS_URL = True, "redis://127.0.0.1:1/0"
    assert tasks.synchronous()
    tasks.enqueue(fail_twice, str(tmp_path / "tries"))
    assert tries(tmp_path / "tries") == ["try-1"]


def test_a_queue_that_cannot_be_reached_costs_a_warning_and_the_task_runs_here(settings, tmp_path, caplog):
    settings.TASKS_SYNC, settings.TASKS_REDIS_URL = False, "redis://127.0.0.1:1/0"  # nothing listens on port 1
    tasks._connections.clear()
    with caplog.at_level(logging.WARNING, logger="core.tasks"):
        tasks.enqueue(fail_twice, str(tmp_path / "tries"))
    tasks._connections.clear()
    assert tries(tmp_path / "tries") == ["try-1"]
    messages = [r.getMessage() for r in caplog.records if r.name == "core.tasks"]
    assert any("Task queue unreachable" in m and "tests.tasks.flaky.fail_twice runs here" in m for m in messages)


@pytest.mark.parametrize("value", ["10,abc", "-5", "1.5"])
def test_bad_retry_intervals_stop_the_start_naming_the_variable(monkeypatch, value):
    monkeypatch.setenv("TASKS_RETRY_INTERVALS", value)
    with pytest.raises(ImproperlyConfigured, match="TASKS_RETRY_INTERVALS"):
        env_ints("TASKS_RETRY_INTERVALS", "10,60,300")


def test_retry_intervals_default_to_ten_seconds_a_minute_and_five_minutes(monkeypatch):
    monkeypatch.delenv("TASKS_RETRY_INTERVALS", raising=False)
    assert env_ints("TASKS_RETRY_INTERVALS", "10,60,300") == [10, 60, 300]
