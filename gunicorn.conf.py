"""gunicorn settings: `gunicorn huyenuy.wsgi` reads this file from the working directory.

Every value can be changed from the environment (README.md, "Deployment").
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Single-threaded processes, one a core plus one: rendering a page is Python work
# and PostgreSQL answers in a fraction of a millisecond, so more processes than
# cores only take turns on them. On 2 cores under 16 concurrent readers of
# uncached pages: 2 workers 700-740 req/s (p99 27-30 ms), 3 610-670 (p99 32-46),
# 5 490-535 (p99 40-48), 8 435-495 (p99 45-51); threads in one process wait on
# its lock (2 workers × 4 threads: 290-670, p99 57-93). The one spare worker
# keeps the site answering while another serves a slow request (a photo upload,
# a search of a large archive). nginx in front buffers slow clients, as a sync
# worker needs. GUNICORN_THREADS=2 or more switches to threaded workers.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 1))
worker_class = "gthread" if threads > 1 else "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
keepalive = 5  # threaded workers only: a sync worker closes each connection
# Recycle workers now and then so that a slow leak never grows into an outage; not
# too often: a worker that starts again spends a second of CPU, and a crowd served
# from the page cache reaches thousands of requests a second.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 200_000))
max_requests_jitter = max_requests // 10
# nginx in front sets X-Forwarded-For/Proto; only trust it from the local machine.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# nginx in front keeps the access log; GUNICORN_ACCESS_LOG=- logs every request here too
# (it costs a fifth of the speed of a cached page).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
wsgi_app = "huyenuy.wsgi:application"
