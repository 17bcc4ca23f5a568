from django.apps import AppConfig
from django.db import transaction
from django.db.backends.signals import connection_created
from django.db.models.signals import m2m_changed, post_delete, post_save


def _content_changed(sender, **kwargs):
    from huyenuy import pagecache

    # Now, and again after the commit: a reader who fills the cache between the
    # two (with the old rows) gets his copy thrown away by the second bump.
    pagecache.invalidate_all()
    transaction.on_commit(pagecache.invalidate_all)


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Tin bài"

    def ready(self):
        # The page cache's one coupling to the content: whatever saves or deletes an
        # article, category, banner, tag or topic (admin, actions, scripts) clears the cached pages.
        for model_name in ("Article", "Category", "SiteBanner", "Tag", "Topic"):
            model = self.get_model(model_name)
            post_save.connect(_content_changed, sender=model, dispatch_uid=f"pagecache-save-{model_name}")
            post_delete.connect(_content_changed, sender=model, dispatch_uid=f"pagecache-delete-{model_name}")
        m2m_changed.connect(
            _content_changed, sender=self.get_model("Article").tags.through, dispatch_uid="pagecache-tags"
        )
        from . import pagesql

        connection_created.connect(pagesql.plan_once, dispatch_uid="pagesql-plan-once")
