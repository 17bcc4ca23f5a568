"""What this app does when an article is saved "raw": a revision restored by
django-reversion (or a fixture loaded) writes the row as it was, and revisions never
hold the rating totals: they are counted again from the votes, so the articles app
needs no word of ratings. (What a vote clears of the page cache is Vote.page_cache_tags.)
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from articles.models import Article

from . import services


@receiver(post_save, sender=Article, dispatch_uid="ratings-article-restored")
def article_restored(sender, instance, raw, **kwargs):
    if raw:
        services.recount(Article.objects.filter(pk=instance.pk))
