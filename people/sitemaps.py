from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from .models import Person, Term, Unit

PAGES = ["people:leaders", "people:organisation", "people:leaders_en", "people:organisation_en"]


class PeopleSitemap(Sitemap):
    """The four pages of the current term; past terms are reached from their switcher."""

    def items(self):
        return PAGES

    def location(self, item):
        return reverse(item)

    def lastmod(self, item):
        return self.get_latest_lastmod()

    def get_latest_lastmod(self):
        # Three small aggregates, once per sitemap request (get_latest_lastmod is called per page too).
        if not hasattr(self, "_latest"):
            dates = [model.objects.aggregate(latest=Max("updated_at"))["latest"] for model in (Term, Unit, Person)]
            dates = [date for date in dates if date]
            self._latest = max(dates).replace(microsecond=0) if dates else None
        return self._latest
