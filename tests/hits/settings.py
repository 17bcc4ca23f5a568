"""Test settings with the hits app wired in, until huyenuy/settings.py and urls.py name it.

Run: DJANGO_SETTINGS_MODULE=tests.hits.settings pytest --ds=tests.hits.settings tests/hits
(remove this file, wired.py and urls.py once the app is installed in huyenuy/).
"""

from tests.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "hits"]  # noqa: F405
ROOT_URLCONF = "tests.hits.urls"
PRIVATE_URL_PREFIXES = (*PRIVATE_URL_PREFIXES, "/luot-xem/")  # noqa: F405
