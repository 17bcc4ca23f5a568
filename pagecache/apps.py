from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = "Bộ nhớ đệm trang"

    def ready(self):
        from . import checks, purge  # noqa: F401 - registers the system checks

        purge.connect()  # every model's declared page_cache_tags, cleared on each change
