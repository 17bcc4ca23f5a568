"""Write the article views counted in the shared cache to the database (DailyViews).

The counting endpoint does this by itself at most once a minute, on the first view
after that minute; this command is for a site with no readers for a while, before
a backup, or from a timer. Safe to run at any moment and alongside the endpoint's own
flush: a minute is never added twice (hits/services.py).
"""

import time

from django.core.management.base import BaseCommand

from hits import services


class Command(BaseCommand):
    help = "Ghi lượt xem bài viết đang đếm trong bộ nhớ đệm vào cơ sở dữ liệu."

    def handle(self, *args, **options):
        started = time.perf_counter()
        added = services.flush()
        seconds = time.perf_counter() - started
        self.stdout.write(f"{added} lượt xem đã ghi ({seconds:.2f} s).")
