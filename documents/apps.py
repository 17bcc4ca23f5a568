from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "Văn bản"

    def ready(self):
        import pagecache

        from . import receivers, search  # noqa: F401 - the page cache's and the files' receivers
        from .models import next_scheduled_change

        pagecache.register_schedule(next_scheduled_change)
        search.register()
