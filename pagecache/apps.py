from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = "Bộ nhớ đệm trang"

    def ready(self):
        from . import checks  # noqa: F401 - registers the system checks
