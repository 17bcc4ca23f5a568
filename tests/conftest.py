import os
import subprocess
import sys

import pytest

from tests import live as tests_live


def pytest_sessionstart(session):
    """Drop the test databases of earlier runs that were killed before they could (their
    process is gone): each run has its own, test_huyenuy_<pid> (tests/settings.py)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    import psycopg

    db = connection.settings_dict
    server = {"host": db["HOST"] or None, "port": db["PORT"] or None, "user": db["USER"] or None}
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as maintenance:
        rows = maintenance.execute("SELECT datname FROM pg_database WHERE datname LIKE 'test_huyenuy_%'").fetchall()
        for (name,) in rows:
            pid = name.removeprefix("test_huyenuy_")
            if pid.isdigit() and not _running(int(pid)):
                maintenance.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Each test writes its uploads into a folder of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_breaker(monkeypatch):
    """Each test starts with the page cache's breaker closed (a cache failure is per test)."""
    from pagecache import store

    monkeypatch.setattr(store, "breaker", store._Breaker())


@pytest.fixture(autouse=True)
def _fresh_search_partitions(monkeypatch):
    """What a process knows of the search table's partitions (articles/searchindex.py) is per
    test: those a test's old articles made went with its transaction. And the tests' archives,
    all small, are searched by month as a large one is, unless a test says otherwise (the test
    database's size estimate moves with autovacuum)."""
    from articles import searchindex

    monkeypatch.setattr(searchindex, "_oldest", {})
    monkeypatch.setattr(searchindex, "_size", {})
    monkeypatch.setattr(searchindex, "SMALL_ARCHIVE", 0)


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import caches

    from core import chrome

    for alias in ("default", "pages"):
        caches[alias].clear()
    chrome.forget()
    yield
    for alias in ("default", "pages"):
        caches[alias].clear()
    chrome.forget()


@pytest.fixture(autouse=True)
def _warm_sites(request, _clear_cache):
    """Each test with a database starts as a worker that has served a page: it knows its sites
    (network/registry.py), so a page's queries are its own (tests/network/ test the cold one)."""
    uses_database = request.node.get_closest_marker("django_db") or {"db", "transactional_db"} & set(
        request.fixturenames
    )
    if uses_database:
        request.getfixturevalue("_django_db_helper")
        from network.registry import registry

        registry.current()


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    """DEBUG off means hashed static names: collect them once."""
    root = tmp_path_factory.mktemp("static")
    env = {"PATH": "/usr/bin:/bin", "DEBUG": "0", "SECRET_KEY": "x" * 60, "STATIC_ROOT": str(root)}
    command = [sys.executable, "manage.py", "collectstatic", "--noinput"]
    subprocess.run(command, cwd=tests_live.ROOT, env=env, check=True, capture_output=True)
    return root
