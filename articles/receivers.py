"""What the page cache hears from this app: any change to what readers see clears every page.

Whatever saves or deletes an article, a category, a banner, a tag or a topic (the
admin, its actions, a revision restored, a script) goes through these.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

import pagecache

from .models import Article, Attachment, Category, SiteBanner, Tag, Topic


def content_changed(sender, **kwargs):
    # Now, and again after the commit: a reader who fills the cache between the
    # two (with the old rows) gets his copy thrown away by the second bump.
    pagecache.invalidate_all()
    transaction.on_commit(pagecache.invalidate_all)


def attachment_deleted(sender, instance, **kwargs):
    instance.remove_file()  # once the deletion commits


for model in (Article, Attachment, Category, SiteBanner, Tag, Topic):
    post_save.connect(content_changed, sender=model, dispatch_uid=f"pagecache-save-{model.__name__}")
    post_delete.connect(content_changed, sender=model, dispatch_uid=f"pagecache-delete-{model.__name__}")
m2m_changed.connect(content_changed, sender=Article.tags.through, dispatch_uid="pagecache-tags")
# An article added to or taken out of an extra category changes that category's pages and feed.
m2m_changed.connect(content_changed, sender=Article.extra_categories.through, dispatch_uid="pagecache-extra-categories")
post_delete.connect(attachment_deleted, sender=Attachment, dispatch_uid="articles-attachment-file")
