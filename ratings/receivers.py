"""What this app does when votes or articles change, from its own signal receivers.

- A vote cast or deleted: the pages that show that article's totals are stale
  (the page cache's tag of the article), now and again after the commit, as the
  articles app does for its content.
- An article saved "raw": a revision restored by django-reversion (or a fixture
  loaded) writes the row as it was, and revisions never hold the rating totals:
  they are counted again from the votes, so the articles app needs no word of
  ratings.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

import pagecache
from articles.models import Article

from . import services
from .models import Vote


@receiver(post_save, sender=Vote, dispatch_uid="ratings-vote-saved")
@receiver(post_delete, sender=Vote, dispatch_uid="ratings-vote-deleted")
def vote_changed(sender, instance, **kwargs):
    tag = Article.cache_tag(instance.article_id)
    pagecache.invalidate(tag)
    transaction.on_commit(lambda: pagecache.invalidate(tag))


@receiver(post_save, sender=Article, dispatch_uid="ratings-article-restored")
def article_restored(sender, instance, raw, **kwargs):
    if raw:
        services.recount(Article.objects.filter(pk=instance.pk))
