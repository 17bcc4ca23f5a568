"""The querysets of the articles app, and the rules they filter by, each written once.

A rule is a function of the moment returning a Q: the querysets filter by it, and
the models ask it of one loaded object (Article.is_published(), SiteBanner.state())
through core.rules.holds(), so a list and a single page never disagree. What the
public may see of an article is the editorial rule (core/editorial.py) and its
expiry (Article.public_rule()). The fast SQL of the article page (pagesql.py) is
compiled from these querysets too.
"""

from django.db.models import Q
from django.utils import timezone

from core.editorial import EditorialQuerySet
from core.sites import SiteQuerySet

# Written by Article.save() for search (articles/search.py), never shown.
SEARCH_FIELDS = ("search_title", "search_text")


class CategoryQuerySet(SiteQuerySet):
    def visible(self):
        """Categories readers may open (their page, feed and sitemap entry)."""
        return self.filter(is_active=True)

    def in_menu(self):
        """The header's menu and the home page's blocks: visible top-level categories, in order."""
        return self.visible().filter(parent__isnull=True)

    def on_home(self):
        """The home page's blocks: the menu's categories, less those taken off the home page."""
        return self.in_menu().filter(show_on_home=True)


class ArticleQuerySet(EditorialQuerySet):
    # published() and scheduled() come from the editorial rule (Article.public_rule(): core/editorial.py).

    def expired(self, now=None):
        """Published, and past its expiry ("Hết hạn")."""
        return self.filter(self.model.expired_rule(now or timezone.now()))

    def newest_first(self):
        return self.order_by("-published_at", "-id")

    def on_home(self):
        """What the home page may list: every article but those an editor kept off it."""
        return self.filter(show_on_home=True)

    def in_categories(self, category_ids):
        """Articles of these categories, as their main one or one of their extra ones: a subquery
        rather than a join, so that an article in two of them is listed once."""
        return self.filter(Q(category__in=category_ids) | Q(pk__in=self._extra_ids(category_ids)))

    def extra_in_categories(self, category_ids):
        """Articles filed in these categories as an extra one (Article.extra_categories)."""
        return self.filter(pk__in=self._extra_ids(category_ids))

    def _extra_ids(self, category_ids):
        through = self.model.extra_categories.through
        return through.objects.filter(category_id__in=category_ids).values("article_id")

    def older_than(self, article):
        """Articles just before `article` in (published_at, id) order, nearest first.

        The redundant published_at <= bound lets the (…, published_at, id) index
        start the scan at the article instead of at the newest row.
        """
        return self.filter(
            Q(published_at__lt=article.published_at) | Q(published_at=article.published_at, id__lt=article.id),
            published_at__lte=article.published_at,
        ).order_by("-published_at", "-id")

    def newer_than(self, article):
        """Articles just after `article`, nearest first (oldest of the newer ones)."""
        return self.filter(
            Q(published_at__gt=article.published_at) | Q(published_at=article.published_at, id__gt=article.id),
            published_at__gte=article.published_at,
        ).order_by("published_at", "id")

    def for_lists(self):
        """What a list of article cards needs, without the heavy body column (nor its search copy)."""
        return self.select_related("category").defer("body", *SEARCH_FIELDS)

    def for_page(self):
        """What an article's page shows: all but the search copy of its text (as long as the body)."""
        return self.select_related("category", "topic").defer(*SEARCH_FIELDS)


def banner_current_rule(now) -> Q:
    """The banner window, written once: switched on, begun, not yet over."""
    return Q(is_active=True, shown_from__lte=now) & (Q(shown_until__isnull=True) | Q(shown_until__gt=now))


def banner_coming_rule(now) -> Q:
    return Q(is_active=True, shown_from__gt=now)


def banner_past_rule(now) -> Q:
    return Q(is_active=True, shown_until__lte=now)


class SiteBannerQuerySet(SiteQuerySet):
    def current(self, now=None):
        return self.filter(banner_current_rule(now or timezone.now()))

    def coming(self, now=None):
        return self.filter(banner_coming_rule(now or timezone.now()))
