from django.apps import AppConfig
from django.db.backends.signals import connection_created


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Tin bài"

    def ready(self):
        import pagecache
        from core import sitesearch
        from core.fastsql import plan_once

        from . import checks, search  # noqa: F401 - registers the system checks
        from .banners import next_banner_change

        pagecache.register_schedule(next_banner_change)  # the articles' own: core/editorial.py
        sitesearch.register(search.KIND)
        connection_created.connect(plan_once, dispatch_uid="fastsql-plan-once")
