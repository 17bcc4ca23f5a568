"""Test settings: the real settings, plus what makes tests fast and hermetic."""

import os
import tempfile

os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-not-for-production-0123456789abcdef")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1,portal.test")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
# The second login step has its own tests (tests/accounts/), which switch it on.
os.environ.setdefault("ADMIN_REQUIRE_2FA", "0")
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="huyenuy-test-media-"))

from huyenuy.settings import *  # noqa: F403

# One process in tests: local memory is shared by the test client and the code under test.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests-pages"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Manifest storage needs collectstatic; the tests read source static files.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
STATIC_ROOT = tempfile.mkdtemp(prefix="huyenuy-test-static-")
# Not var/locks: a gunicorn running from the same checkout must not share the photo job slots.
IMAGE_JOB_LOCK_DIR = tempfile.mkdtemp(prefix="huyenuy-test-locks-")
# Tasks run at once, as in `make run`, even when the environment names a Redis (tests/tasks/ turn the queue on).
TASKS_SYNC = True
WHITENOISE_USE_FINDERS = True
# A test database of this run's own on PostgreSQL: two runs at once against one server
# (`make test` twice, CI and a developer) must not create, use or drop the same database.
# SQLite's test database lives in memory already.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"].setdefault("TEST", {})["NAME"] = f"test_huyenuy_{os.getpid()}"  # noqa: F405
