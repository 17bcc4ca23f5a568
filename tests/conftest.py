import subprocess
import sys

import pytest

from tests import live as tests_live


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Each test writes its uploads into a folder of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import caches

    for alias in ("default", "pages"):
        caches[alias].clear()
    yield
    for alias in ("default", "pages"):
        caches[alias].clear()


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    """DEBUG off means hashed static names: collect them once."""
    root = tmp_path_factory.mktemp("static")
    env = {"PATH": "/usr/bin:/bin", "DEBUG": "0", "SECRET_KEY": "x" * 60, "STATIC_ROOT": str(root)}
    command = [sys.executable, "manage.py", "collectstatic", "--noinput"]
    subprocess.run(command, cwd=tests_live.ROOT, env=env, check=True, capture_output=True)
    return root
