"""Where an old NukeViet link (nukeviet/links.py) leads now: the new address of the same thing,
GONE for what was taken away on purpose (a withdrawn article, a module the portal does not
carry), or None (nothing of that name: a 404).

One resolver for the old links readers follow (nukeviet/views.py answers them 301 or 410) and
for the links inside imported bodies (nukeviet/bodylinks.py writes the new address in their
place): public=False finds the thing whatever its state, as an editor's link should.
"""

from urllib.parse import urlencode

from django.urls import reverse

from articles.legacy import legacy_article, legacy_category
from articles.models import Article, Tag, Topic
from core import chrome
from core.text import slugify_vi
from documents import legacy as documents
from pages import legacy as pages

from .links import Modules, OldLink
from .models import ImportedFile, ImportedRecord, OldModule

GONE = "gone"
# Modules of a NukeViet site the portal has no counterpart of: their pages are gone for good.
DROPPED_MODULES = {"users", "statistics", "voting", "comment", "banners", "menu", "freecontent",
                   "two-step-verification", "myapi"}  # fmt: skip
NEWS_SEARCH_WORDS = ("q", "keyword", "key")
OLD_PER_PAGE = 20  # NukeViet news' per_page when the old site's configuration did not say


def modules(*, fresh: bool = False) -> Modules:
    """The old site's module titles, as the import found them in nv4_vi_modules: kept in the shared
    cache under the content version (the import's end bumps it), so an old link costs the query of
    its target alone; fresh=True (the import itself, which writes them) reads the table."""
    return Modules(**(_modules() if fresh else chrome.cached("nukeviet-modules", _modules)))


def _modules() -> dict:
    rows = list(OldModule.objects.all())
    return {
        "imported": {m.title: (m.module_file, m.module_data) for m in rows},
        "home": next((m.title for m in rows if m.is_home), "news"),
        "per_page": {m.module_data: m.per_page for m in rows if m.per_page},
    }


def resolve(link: OldLink, *, public: bool = True) -> str | None:
    """The new address of what `link` names, GONE, or None."""
    if link.module in DROPPED_MODULES:
        return GONE
    handler = HANDLERS.get(link.module)
    return handler(link, public) if handler else None


def _words(link: OldLink) -> str:
    return next((link.query[name] for name in NEWS_SEARCH_WORDS if link.query.get(name)), "")[:200]


def _search(link: OldLink, public: bool) -> str:
    url = reverse("articles:search")
    words = _words(link)
    return f"{url}?{urlencode({'q': words})}" if words else url


# --- news ----------------------------------------------------------------------


def _news(link: OldLink, public: bool) -> str | None:
    op = link.op
    if not op or (len(op) == 1 and link.page_number):
        return reverse("articles:home")
    head = op[0]
    if head in ("rss", "instant-rss", "atom"):
        if len(op) > 1:
            category = legacy_category(op[1], public=public)
            return reverse("rss_category", kwargs={"slug": category.slug}) if category else None
        return reverse("rss")
    if head == "sitemap":
        return reverse("sitemap")
    if head == "search":
        return _search(link, public)
    if head == "tag" and len(op) > 1:
        tag = Tag.objects.filter(slug=slugify_vi(op[1], 120)).first()
        return tag.get_absolute_url() if tag else None
    if head == "topic":
        if len(op) == 1:
            return reverse("articles:home")
        topic = Topic.objects.filter(slug=slugify_vi(op[1], 200))
        topic = (topic.filter(is_active=True) if public else topic).first()
        return topic.get_absolute_url() if topic else None
    if head == "groups":
        return _block(op[1] if len(op) > 1 else "")
    if head in ("author", "content", "viewcat", "rating") and link.article is None:
        return GONE  # the old site's author pages, its submission form: no counterpart here
    if link.article:
        return _article(link, public)
    if len(op) == 1 or (len(op) == 2 and link.page_number):
        return _category(op[0], link.page_number, public, link)
    return None


def _article(link: OldLink, public: bool) -> str | None:
    *_, number = link.article  # the old id alone names it within its module, as on the old site
    article = legacy_article(number, public=public)
    if article is None:
        if public:
            hidden = legacy_article(number, public=False)
            if hidden is not None:
                return GONE if _withdrawn(hidden) else None
        return GONE if _deleted("news.article", number) else None
    if "download" in link.query:  # ?download=1&id=N: its (N+1)-th attached file (NukeViet 4.5's files)
        index = link.query.get("id", "0")
        if index.isdigit() and int(index) < 50:
            files = list(article.attachments.order_by("pk")[: int(index) + 1])
            if int(index) < len(files):
                return files[int(index)].get_absolute_url()
    if link.op[0] == "print":
        return reverse("articles:print", kwargs={"pk": article.pk})
    if link.op[0] == "savefile":
        return reverse(
            "articles:save", kwargs={"category": article.category.slug, "slug": article.slug, "pk": article.pk}
        )
    return article.get_absolute_url()


def _withdrawn(article: Article) -> bool:
    """Taken down here or on the old site, or expired: gone on purpose, not merely not yet out."""
    return article.status == Article.Status.UNPUBLISHED or article.is_expired()


def _deleted(kind: str, key) -> bool:
    """The import made it and it is no more: an editor deleted it here."""
    record = ImportedRecord.objects.filter(kind=kind, legacy_key=str(key)).first()
    if record is None:
        return False
    model = {"news.article": Article}[kind]
    return not model.objects.filter(pk=record.object_id).exists()


def _category(alias: str, page: int | None, public: bool, link: OldLink) -> str | None:
    category = legacy_category(alias, public=public)
    if category is None:
        return None
    url = category.get_absolute_url()
    if page and page > 1:
        url += _page_cursor(category, page, link)
    return url


def _page_cursor(category, page: int, link: OldLink) -> str:
    """The old page N began with the ((N-1)*per_page + 1)-th newest article: the portal's page
    that begins with it too (its keyset cursor: older than the one before it)."""
    offset = (page - 1) * (link.per_page or OLD_PER_PAGE) - 1
    if offset > 100_000:
        return ""
    before = (
        Article.objects.in_categories([category.pk, *category.children.values_list("pk", flat=True)])
        .published()
        .newest_first()
        .values_list("pk", flat=True)[offset : offset + 1]
    )
    before = list(before)
    return f"?truoc={before[0]}" if before else ""


def _block(alias: str) -> str | None:
    """/news/groups/<alias>: the featured block's is the home page (where the featured are now)."""
    record = ImportedRecord.objects.filter(kind="news.block", legacy_key=alias).first()
    if record is None:
        return None
    return reverse("articles:home") if record.object_id else GONE


# --- the other modules ---------------------------------------------------------------


def _page(link: OldLink, public: bool) -> str | None:
    if not link.op or link.page_number:
        return pages.root_url(link.lang)
    page = pages.legacy_page(link.op[-1], link.lang, public=public)
    return page.get_absolute_url() if page else None


def _laws(link: OldLink, public: bool) -> str | None:
    op = link.op
    if not op or (link.page_number and len(op) == 1):
        return documents.register_url()
    if op[0] == "detail":
        document = documents.legacy_document(op[1], public=public) if len(op) > 1 else None
        if document is None:
            return None
        download = link.query.get("id", "0") if "download" in link.query else None
        return documents.document_url(document, download)
    return documents.listing_url(op[0], op[1] if len(op) > 1 else "", _words(link))


def _contact(link: OldLink, public: bool) -> str:
    return reverse("contact:contact_en" if link.lang == "en" else "contact:contact")


def _feeds(link: OldLink, public: bool) -> str:
    return reverse("rss")


def _sitemap(link: OldLink, public: bool) -> str:
    return reverse("sitemap")


def _file(link: OldLink, public: bool) -> str | None:
    """An old upload (or its thumbnail under /assets/) the import brought across: its new address."""
    path = link.op[0] if link.op else ""
    known = ImportedFile.objects.filter(source=path).first()
    return known.address() if known else None


HANDLERS = {
    "news": _news,
    "page": _page,
    "laws": _laws,
    "contact": _contact,
    "seek": _search,
    "feeds": _feeds,
    "sitemap": _sitemap,
    "uploads": _file,
    "assets": _file,
}
