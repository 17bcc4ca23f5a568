"""Empty the page cache, and nothing else of the shared cache.

Pages are exact without it: every edit and vote invalidates what it touches.
It is for what happens outside the portal's code: a database restored from a
backup, rows changed by hand in psql, a template edited on a live server.
Sessions, vote throttles and editing locks live in the default cache and stay.
"""

from django.core.management.base import BaseCommand

from pagecache import store


class Command(BaseCommand):
    help = "Xóa mọi trang trong bộ nhớ đệm trang (không đụng tới phiên đăng nhập, giới hạn đánh giá…)."

    def handle(self, *args, **options):
        removed = store.clear()
        store.invalidate_all()  # and every worker's own copies are stale at once
        if removed is None:
            self.stdout.write(self.style.SUCCESS("Đã xóa bộ nhớ đệm trang."))
        else:
            self.stdout.write(self.style.SUCCESS(f"Đã xóa bộ nhớ đệm trang ({removed} mục)."))
