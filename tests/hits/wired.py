"""The production settings with the hits app wired in, for bench/hits.py and makemigrations
until huyenuy/settings.py and urls.py name it (then remove this file)."""

from huyenuy.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "hits"]  # noqa: F405
ROOT_URLCONF = "tests.hits.urls"
PRIVATE_URL_PREFIXES = (*PRIVATE_URL_PREFIXES, "/luot-xem/")  # noqa: F405
