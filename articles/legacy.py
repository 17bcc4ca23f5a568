"""The articles of the old NukeViet portal, found by what its links say of them: the category's old
alias, the article's old alias and the old id (Article.legacy_id, kept by the importer). The old
links themselves (/news/..., index.php?nv=news..., the short form) are read by nukeviet/links.py;
this is the part that knows articles, used by that resolver and by the article page, whose own
address has the old short form's shape (/<category>/<alias>-<id>.html).
"""

from core.text import slugify_vi

from .models import Article, Category


def legacy_category(alias: str, *, public: bool = True) -> Category | None:
    """The category whose old alias (else, for one made by hand, whose slug) an old link names."""
    if "\x00" in alias:  # PostgreSQL text cannot hold it: such a link can't be ours
        return None
    categories = Category.objects.visible() if public else Category.objects.all()
    category = categories.filter(legacy_alias=alias).order_by("pk").first()
    return category or categories.filter(slug=slugify_vi(alias, 120)).first()


def legacy_article(legacy_id: int, *, public: bool = True) -> Article | None:
    """The imported article whose old id is `legacy_id` (published, unless public=False), with its category."""
    if legacy_id > 2**31:
        return None
    articles = Article.objects.published() if public else Article.objects.all()
    return articles.select_related("category").filter(legacy_id=legacy_id).first()


def _likeness(article: Article, category: str, slug: str, *, legacy: bool) -> int:
    """How many of an address's two names fit an article: the category's and its own."""
    if legacy:
        names = (article.category.legacy_alias or article.category.slug, article.slug)
        return (category == names[0]) + (slugify_vi(slug, 200) == names[1])
    return (category == article.category.slug) + (slug == article.slug)


def better_old_article(category: str, slug: str, number: int, found: Article | None) -> Article | None:
    """For /<category>/<slug>-<number>.html that is not `found`'s own address: the imported article
    whose old id is `number`, when the address fits it better than `found` (the portal's article
    whose id is `number`, if any), so that an old link never leads to another article whose new id
    happens to be the old one. None: `found` (with its stale address) is the one meant."""
    old = legacy_article(number)
    if old is None or old.pk == getattr(found, "pk", None):
        return None
    if found is None or _likeness(old, category, slug, legacy=True) > _likeness(found, category, slug, legacy=False):
        return old
    return None
