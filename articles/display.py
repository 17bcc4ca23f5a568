"""How the public pages write dates, links, pictures and metadata.

The functions the Jinja2 templates call (articles/templating.py registers them):
Vietnamese date lines, absolute addresses and the article's schema.org block.
"""

import json

from django.conf import settings
from django.templatetags.static import static
from django.utils import timezone
from markupsafe import Markup

# Django's "vi" locale prints "Thứ 4"; the portal writes weekdays in words, as
# the old site and Vietnamese newspapers do. Monday is 0, as in date.weekday().
WEEKDAYS = ("Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật")

# The same escapes as django.utils.html.json_script.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


# --- dates -----------------------------------------------------------------------------


def local(value):
    """`value` in the site's time zone (TIME_ZONE: the site never switches zones)."""
    return value.astimezone(timezone.get_default_timezone())


def ngay_gio(value) -> str:
    """datetime -> 'Thứ tư - 02/02/2022 06:32' in the site's time zone."""
    if not value:
        return ""
    return f"{WEEKDAYS[local(value).weekday()]} - {ngay_gio_ngan(value)}"


def ngay_gio_ngan(value) -> str:
    """datetime -> '02/02/2022 06:32' in the site's time zone (the admin's lists)."""
    return f"{local(value):%d/%m/%Y %H:%M}" if value else ""


def ngay(value) -> str:
    """datetime -> '02/02/2022' in the site's time zone."""
    return f"{local(value):%d/%m/%Y}" if value else ""


def iso_local(value) -> str:
    """2022-02-02T06:32:00+07:00: ISO 8601 to the second, in the site's time zone (a <time
    datetime> may carry at most three decimals, so none)."""
    return local(value).isoformat(timespec="seconds") if value else ""


def shorten(text, length: int) -> str:
    """`text` cut to `length` characters, the last one "…" when it is cut (Django's
    truncatechars, for the NFC text the models store: one character per letter)."""
    text = str(text)
    return text if len(text) <= length else text[: length - 1] + "…"


def modified_at(article):
    """When `article` last changed as readers see it: never before its publication
    (a scheduled article was saved before it appeared)."""
    return max(article.updated_at, article.published_at)


# --- what search engines and social networks read --------------------------------------


def absolute(request, path: str) -> str:
    """A path on this site as an absolute URL, with the request's scheme and host."""
    return request.build_absolute_uri(path) if request is not None else path


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
    if article.lead_image:
        data["image"] = [absolute(request, article.lead_image.url)]
    return data


def json_ld(data: dict) -> Markup:
    """`data` as a <script type="application/ld+json"> block, safe inside HTML: a
    "</script>" in a title cannot end it. A data block is not a script: the CSP's
    script-src does not apply."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)
    return Markup(f'<script type="application/ld+json">{text}</script>')  # noqa: S704 - escaped above
