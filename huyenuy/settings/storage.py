"""Static files, uploaded media (disk or S3-compatible object storage), and the limits and
queue of what editors upload."""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from huyenuy.storage_url import csp_sources, storage_from_url

from .base import BASE_DIR, DEBUG
from .env import env_bool, env_int, env_str

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# Uploads on this machine's disk (MEDIA_ROOT, written under a hidden temporary name and named
# when complete: images/storage.py), or with STORAGE_URL=s3://bucket?endpoint_url=... in
# S3-compatible object storage that every app server reaches (huyenuy/storage_url.py; keys
# from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY). MEDIA_URL: where pages link photos to
# (default /media/ on disk, the bucket's own address with STORAGE_URL; nginx or a CDN in front).
STORAGE_URL = env_str("STORAGE_URL")
MEDIA_STORAGE, MEDIA_URL = storage_from_url(STORAGE_URL, env_str("MEDIA_URL"))
MEDIA_IMG_SOURCES, MEDIA_FRAME_SOURCES = csp_sources(MEDIA_STORAGE, MEDIA_URL)
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_PERMISSIONS = 0o644
# Editors upload photos straight from phones and cameras; larger files are refused
# with a message (images/checks.py).
IMAGE_UPLOAD_MAX_BYTES = env_int("IMAGE_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
IMAGE_UPLOAD_MAX_PIXELS = env_int("IMAGE_UPLOAD_MAX_PIXELS", 40_000_000)
# Photo uploads (images/jobs.py): at most IMAGE_JOBS decoded/encoded at once on this machine,
# IMAGE_JOB_QUEUE more waiting up to IMAGE_JOB_WAIT s; beyond that "server busy". Keep
# IMAGE_JOBS + IMAGE_JOB_QUEUE below GUNICORN_WORKERS so readers always have a worker.
IMAGE_JOBS = env_int("IMAGE_JOBS", max(1, (os.cpu_count() or 2) // 2))
IMAGE_JOB_QUEUE = env_int("IMAGE_JOB_QUEUE", IMAGE_JOBS)
IMAGE_JOB_WAIT = env_int("IMAGE_JOB_WAIT", 20)  # under gunicorn's 30 s timeout
IMAGE_JOB_LOCK_DIR = Path(env_str("IMAGE_JOB_LOCK_DIR", str(BASE_DIR / "var" / "locks")))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Documents and attachments (files/checks.py): PDF, Office, OpenDocument or ZIP, by content.
DOCUMENT_UPLOAD_MAX_BYTES = env_int("DOCUMENT_UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
# Where nginx's internal location serves those files from (X-Accel-Redirect, deploy/nginx-locations.conf):
# the app checks the document is published, nginx sends the bytes.
FILES_INTERNAL_URL = "/_tep/"

# Uploaded media are served by nginx in production; SERVE_MEDIA=1 lets Django do it
# (a single small server without nginx, or `make run`).
SERVE_MEDIA = env_bool("SERVE_MEDIA", DEBUG and not STORAGE_URL)
if SERVE_MEDIA and (STORAGE_URL or not MEDIA_URL.startswith("/")):
    raise ImproperlyConfigured("SERVE_MEDIA=1 serves MEDIA_ROOT here: not with STORAGE_URL or an http MEDIA_URL")
