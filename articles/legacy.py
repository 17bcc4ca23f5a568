"""Links of the old NukeViet portal, answered with a permanent redirect (301) to the new address.

    /news/<category-alias>/<alias>-<id>.html   -> the published article whose legacy_id is <id>
    /news/<category-alias>/                    -> the category whose legacy_alias (else slug) is <category-alias>
    /news/tag/<alias>                          -> the tag whose slug is slugify_vi(<alias>)
    /news/rss/, /news/rss/<category-alias>/    -> /rss/, that category's feed
    /news/                                     -> /

each also under a language prefix (/vi/news/...), with or without the trailing
slash. Anything unknown, or an article the public may not see, is a 404.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.text import slugify_vi

from .models import Article, Category, Tag


def legacy_category(alias: str) -> Category:
    if "\x00" in alias:  # PostgreSQL text cannot hold it: such a link can't be ours
        raise Http404(_("Không tìm thấy chuyên mục."))
    active = Category.objects.visible()
    category = active.filter(legacy_alias=alias).order_by("pk").first()
    if category is None:
        category = active.filter(slug=slugify_vi(alias, 120)).first()
    if category is None:
        raise Http404(_("Không tìm thấy chuyên mục."))
    return category


@require_safe
def news_home(request, lang=None):
    return redirect("articles:home", permanent=True)


@require_safe
def news_article(request, category, alias, legacy_id, lang=None):
    article = get_object_or_404(Article.objects.published().select_related("category"), legacy_id=int(legacy_id))
    return redirect(article, permanent=True)


@require_safe
def news_category(request, category, lang=None):
    return redirect(legacy_category(category), permanent=True)


@require_safe
def news_tag(request, alias, lang=None):
    return redirect(get_object_or_404(Tag, slug=slugify_vi(alias, 120)), permanent=True)


@require_safe
def news_feed(request, category=None, lang=None):
    if category is None:
        return redirect("rss", permanent=True)
    return redirect("rss_category", slug=legacy_category(category).slug, permanent=True)
