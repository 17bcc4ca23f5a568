from django.apps import AppConfig


class PagesConfig(AppConfig):
    """Introduction pages in a tree (Giới thiệu, Lịch sử Đảng bộ, ...), in Vietnamese and English."""

    name = "pages"
    verbose_name = "Trang giới thiệu"

    def ready(self):
        from . import search

        search.register()
