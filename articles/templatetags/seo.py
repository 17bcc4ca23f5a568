"""What search engines and social networks read in a page's <head>.

    {% load seo %}
    <link rel="canonical" href="{% absolute_url category.get_absolute_url %}">
    {% article_json_ld article %}

absolute_url: a path on this site as an absolute URL, with the request's scheme
and host. article_json_ld: the article as a schema.org NewsArticle in a
<script type="application/ld+json"> block, built with json.dumps and escaped
for HTML as Django's json_script escapes (a "</script>" in a title cannot end
the block). A data block is not a script: the CSP's script-src does not apply.
"""

import json

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils import timezone
from django.utils.safestring import mark_safe

register = template.Library()

# The same escapes as django.utils.html.json_script.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


def iso_local(value) -> str:
    """2022-02-02T06:32:00+07:00: ISO 8601 in the site's time zone."""
    return timezone.localtime(value).isoformat(timespec="seconds")


def article_structured_data(article, request) -> dict:
    """schema.org NewsArticle of `article` (with its category loaded)."""
    url = absolute(request, article.get_absolute_url())
    publisher = {
        "@type": "Organization",
        "name": settings.SITE_NAME,
        "url": absolute(request, "/"),
        "logo": {"@type": "ImageObject", "url": absolute(request, static("img/logo.png")), "width": 512, "height": 512},
    }
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.title,
        "description": article.summary,
        "datePublished": iso_local(article.published_at),
        "dateModified": iso_local(modified_at(article)),
        "articleSection": article.category.name,
        "inLanguage": "vi",
        # The author line is printed as written ("Đồng chí … - Phó Bí thư …"); without one the
        # committee itself signs.
        "author": {"@type": "Person", "name": article.author} if article.author else publisher,
        "publisher": publisher,
    }
    if article.banner:
        data["image"] = [absolute(request, article.banner.url)]
    return data


def json_ld(data: dict) -> str:
    """`data` as a <script type="application/ld+json"> block, safe inside HTML."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 - escaped above


@register.simple_tag(takes_context=True)
def absolute_url(context, path) -> str:
    return absolute(context.get("request"), str(path))


@register.simple_tag(takes_context=True)
def article_json_ld(context, article) -> str:
    return json_ld(article_structured_data(article, context.get("request")))


@register.filter
def iso_datetime(value) -> str:
    return iso_local(value) if value else ""


@register.filter
def modified_at(article):
    """When `article` last changed as readers see it: never before its publication
    (a scheduled article was saved before it appeared)."""
    return max(article.updated_at, article.published_at)
