from django.apps import AppConfig


class PagesConfig(AppConfig):
    """Introduction pages in a tree (Giới thiệu, Lịch sử Đảng bộ, ...), in Vietnamese and English."""

    name = "pages"
    verbose_name = "Trang giới thiệu"

    def ready(self):
        import pagecache

        from . import receivers, search  # noqa: F401 - the page cache's receivers
        from .models import next_scheduled_change

        pagecache.register_schedule(next_scheduled_change)
        search.register()
