"""The readers' lists of articles: the home page, a category's, a tag's and a topic's pages
(20 a page, by cursor), and the site's search. An article's own pages are views.py's."""

import re

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import ListView, TemplateView

import pagecache
from core import sitesearch
from core.sites import site_url
from network.registry import registry, sites_below

from . import pagesql
from .forms import SearchForm
from .from_below import featured_below, newest_below, on_its_site
from .models import Article, Tag, Topic

PER_CATEGORY_ON_HOME = 4


class HomeView(TemplateView):
    """Home, as a newspaper's front page: the lead story (the newest featured article, else the
    newest), a row of three more (the next featured ones, topped up with the newest), the newest
    after those, and each category's newest; never an article twice on the page, nor one an
    editor kept off it (show_on_home).

    Template: articles/home.html. Three statements of its own (articles/pagesql.py: compiled once per
    process), whatever the number of articles and categories.
    """

    template_name = "articles/home.html"
    row_count = 3
    latest_count = 6

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        featured, newest = pagesql.front(1 + self.row_count, 1 + self.row_count + self.latest_count)
        lead = featured[0] if featured else (newest.pop(0) if newest else None)
        topped_up = self.row_count - len(featured[1:])
        row = featured[1:] + newest[:topped_up]
        latest = newest[topped_up:][: self.latest_count]
        context.update(lead=lead, lead_is_featured=bool(featured), row=row, latest=latest)
        shown = [article.pk for article in (lead, *row, *latest) if article is not None]
        context["category_blocks"] = self.category_blocks(shown)
        # A parent site (the province): its communes' newest articles and those it features.
        site = getattr(self.request, "site", None)
        below = sites_below(site.pk) if site is not None else []
        if below:
            for name, articles in (("below", newest_below(below)), ("featured_below", featured_below(site.pk, below))):
                for article in articles:
                    article.address = on_its_site(self.request, article)
                context[name] = articles
        return context

    @classmethod
    def cache_tags(cls, **kwargs):
        return (pagecache.BELOW,)  # the sites below: their articles are shown here

    def category_blocks(self, shown):
        """Each home category's newest PER_CATEGORY_ON_HOME articles, less those already shown above:
        two statements (articles/pagesql.py) for any number of categories and articles."""
        categories = pagesql.home_categories()
        shown_at_most = 1 + self.row_count + self.latest_count
        by_category = pagesql.home_blocks(categories, shown, PER_CATEGORY_ON_HOME, shown_at_most)
        return [(category, by_category[category.pk]) for category in categories if by_category.get(category.pk)]


def page(articles, older_than, newer_than, limit: int):
    """`limit` published articles from a page cursor on, nearest to it first (the newest when there
    is none)."""
    articles = articles.published()
    if newer_than:
        return articles.newer_than(newer_than)[:limit]
    return (articles.older_than(older_than) if older_than else articles.newest_first())[:limit]


class ArticleListView(ListView):
    """Articles of one category, tag or topic, newest first, 20 a page.

    Pages are keyset cursors (?truoc=<id>: older than that article, ?sau=<id>:
    newer) instead of OFFSET, so page 500 costs what page 1 costs, and a page's
    address stays shareable. Subclasses give the owner and its articles.
    """

    context_object_name = "articles"
    page_size = 20
    cache_parameters = frozenset({"truoc", "sau"})  # the page cursors

    def get_owner(self):
        raise NotImplementedError

    def owner_articles(self, owner):
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        self.owner = self.get_owner()
        return super().get(request, *args, **kwargs)

    def cursor(self, name):
        value = self.request.GET.get(name)
        if value is None:
            return None
        if not re.fullmatch(r"[0-9]{1,18}", value):
            raise Http404(_("Trang không tồn tại."))
        # Only a published article marks a position: a cursor tells nothing of drafts.
        position = pagesql.published_position(int(value))
        if position is None:
            raise Http404(_("Trang không tồn tại."))
        return position

    def get_queryset(self):
        older_than, newer_than = self.cursor("truoc"), self.cursor("sau")
        size = self.page_size
        articles = self.owner_articles(self.owner)
        rows = list(page(articles.for_lists(), older_than, newer_than, size + 1))
        return self.paged(rows, older_than, newer_than)

    def paged(self, rows, older_than, newer_than) -> list:
        """The page of `rows` (one more than a page, nearest to the cursor first), and whether
        there are newer and older ones."""
        size = self.page_size
        if newer_than:
            self.has_newer, self.has_older = len(rows) > size, True
            return rows[:size][::-1]
        self.has_newer, self.has_older = older_than is not None, len(rows) > size
        return rows[:size]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        articles = context["articles"]
        context.update(
            newer_cursor=articles[0].pk if articles and self.has_newer else None,
            older_cursor=articles[-1].pk if articles and self.has_older else None,
            is_first_page=not self.has_newer,
        )
        return context


class CategoryView(ArticleListView):
    """Template: articles/category.html."""

    template_name = "articles/category.html"

    def get_owner(self):
        # Its subcategories' articles are its own too ("Xây dựng Đảng" shows "Công tác tổ chức"),
        # and so are the articles filed in it as an extra category (Article.extra_categories).
        category = pagesql.visible_category(self.kwargs["slug"])
        if category is None:
            raise Http404(_("Không tìm thấy chuyên mục."))
        return category

    def get_queryset(self):
        # Article.objects.in_categories() as one statement compiled once per process (articles/pagesql.py).
        older_than, newer_than = self.cursor("truoc"), self.cursor("sau")
        rows = pagesql.category_page(self.category_ids(self.owner), older_than, newer_than, self.page_size + 1)
        return self.paged(rows, older_than, newer_than)

    @staticmethod
    def category_ids(category) -> list[int]:
        return [category.pk, *(c.pk for c in category.subcategories)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.owner, current_category_slug=self.owner.slug, **kwargs)


class TagView(ArticleListView):
    """A keyword's articles. Template: articles/tag.html."""

    template_name = "articles/tag.html"

    def get_owner(self):
        return get_object_or_404(Tag, slug=self.kwargs["slug"])

    def owner_articles(self, tag):
        return Article.objects.filter(tags=tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.owner, **kwargs)


class TopicView(ArticleListView):
    """A topic's (dòng sự kiện) articles. Template: articles/topic.html."""

    template_name = "articles/topic.html"

    def get_owner(self):
        return get_object_or_404(Topic, slug=self.kwargs["slug"], is_active=True)

    def owner_articles(self, topic):
        return Article.objects.filter(topic=topic)

    def get_context_data(self, **kwargs):
        return super().get_context_data(topic=self.owner, **kwargs)


class SearchView(TemplateView):
    """/tim-kiem/?q=…[&muc=…&chuyen_muc=…&tu_ngay=…&den_ngay=…]: everything a reader can
    find on the site (core/sitesearch.py: articles, documents…), each marked with its
    kind, best matches first, 20 a page with the words highlighted.

    Template: articles/search.html. Bad input (too long, no words, wrong dates)
    gets a message on the same page, never an error.
    """

    template_name = "articles/search.html"
    page_size = 20
    cache_parameters = frozenset({"q", "muc", "chuyen_muc", "tu_ngay", "den_ngay", "trang", "toan_mang"})

    @classmethod
    def cache_tags(cls, **kwargs):
        # A document published clears the search pages too; an article below, a network-wide search.
        return {*sitesearch.cache_tags(), pagecache.BELOW}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        site = getattr(self.request, "site", None)
        below = sites_below(site.pk) if site is not None else []
        form = SearchForm(self.request.GET or None, network=bool(below))
        context["form"] = form
        if not form.is_bound or not form.is_valid():
            return context
        data = form.cleaned_data
        only = sitesearch.get(data["muc"]) if data["muc"] else None
        filters = {name: data[name] for name in ("chuyen_muc", "tu_ngay", "den_ngay")}
        if data.get("toan_mang"):
            filters["sites"] = [site, *below]  # the articles of the sites below too
        hits, counts = sitesearch.search(data["words"], filters, only=only)
        page = Paginator(hits, self.page_size).get_page(self.request.GET.get("trang"))
        page.object_list = sitesearch.load(page.object_list, data["words"])
        for result in page.object_list:
            if result.site_id is not None and result.site_id != site.pk:
                other = registry.site(result.site_id)
                result.url, result.meta = site_url(self.request, other, result.url), f"{other.name} · {result.meta}"
        query = self.request.GET.copy()
        query.pop("trang", None)
        context.update(
            page=page,
            words=data["words"],
            query_string=query.urlencode(),
            counts=[(kind, count) for kind, count, _ in counts if count],
            # "1.000": Vietnamese groups thousands with a dot.
            capped=[(kind, f"{count:,}".replace(",", ".")) for kind, count, capped in counts if capped],
        )
        return context
