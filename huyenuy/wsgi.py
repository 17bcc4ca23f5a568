import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "huyenuy.settings")

django_application = get_wsgi_application()

from pagecache.wsgi import FastPath  # noqa: E402 - needs the settings loaded above

# Fresh cached pages are answered before Django builds a request (pagecache/wsgi.py).
application = FastPath(django_application)

# Everything loaded so far (Django, the URL map, templates) lives as long as the
# process: keep it out of the garbage collector's full passes, which would
# otherwise stop a worker for tens of milliseconds now and then.
gc.freeze()
