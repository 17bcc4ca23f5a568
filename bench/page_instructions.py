"""Instructions one uncached article page costs in Python, counted by valgrind (not timed).

On a shared machine wall-clock figures move by ±10 % and more between runs; an
instruction count does not. Run it twice under callgrind, with 0 and with N pages
after the warm-up, against a bench database (bench/pages.py makes one); the
difference divided by N is the cost of a page, the start-up cancelled:

    for n in 0 40; do
      DATABASE_URL=postgres://postgres@127.0.0.1:5432/huyenuy_bench_1000 \\
        valgrind --tool=callgrind --callgrind-out-file=/dev/null \\
        .venv/bin/python bench/page_instructions.py $n 2>&1 | grep Collected
    done

The page goes through Django's test client with caching off (CACHE_URL=dummy://):
the whole middleware stack, the view, its queries (client side only: PostgreSQL's
own work is in another process) and the Jinja2 template.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.update(
    DEBUG="0", SECRET_KEY="x" * 50, ALLOWED_HOSTS="localhost", SECURE_SSL_REDIRECT="0", CACHE_URL="dummy://"
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "huyenuy.settings")
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

from articles.models import Article  # noqa: E402

url = Article.objects.get(title__startswith="Nâng cao chất lượng lãnh đạo").get_absolute_url()
client = Client(HTTP_HOST="localhost")  # the first site answers on the machine's own names
for _ in range(20):  # warm-up: connections, prepared statements, compiled templates
    assert client.get(url).status_code == 200
for _ in range(int(sys.argv[1]) if len(sys.argv) > 1 else 0):
    client.get(url)
