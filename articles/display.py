"""How the public pages write dates, links, pictures and metadata.

The functions the Jinja2 templates call (huyenuy/jinja2.py registers them):
Vietnamese date lines, absolute addresses, the article's schema.org block and
the <picture> of a stored image.
"""

import json
from functools import lru_cache

from django.conf import settings
from django.templatetags.static import static
from django.utils import timezone
from markupsafe import Markup

from .images import picture_candidates

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
    value = local(value)
    return f"{WEEKDAYS[value.weekday()]} - {value:%d/%m/%Y %H:%M}"


def ngay(value) -> str:
    """datetime -> '02/02/2022' in the site's time zone."""
    return f"{local(value):%d/%m/%Y}" if value else ""


def iso_local(value) -> str:
    """2022-02-02T06:32:00+07:00: ISO 8601 to the second, in the site's time zone."""
    return local(value).isoformat(timespec="seconds") if value else ""


def date_c(value) -> str:
    """For <time datetime>: ISO 8601 in the site's time zone, as Django's |date:'c'."""
    return local(value).isoformat() if value else ""


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


# --- pictures ----------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _candidates(name: str, width: int | None, storage) -> dict:
    # A stored file's name is never reused for other content: its URLs never change.
    return picture_candidates(name, width, storage)


def _srcset(candidates) -> str:
    if len(candidates) == 1:  # the original alone: a plain URL, its width comes from width=""
        return candidates[0][0]
    return ", ".join(f"{url} {width}w" for url, width in candidates)


def picture(image, width, height, alt="", sizes="100vw", lazy=False, css_class="", priority=False) -> Markup:
    """A stored image as <picture> with its WebP and JPEG (or PNG) renditions.

    The renditions' URLs are computed from the image's name and its stored width
    (articles/images.py), so rendering a page never touches the disk. lazy=True only
    for images below the fold (cards, ...); priority=True for the one picture that is
    the page's largest paint (the article's lead photo). An empty alt is still
    written: alt="" marks a decorative picture.
    """
    name = getattr(image, "name", None)
    if not name:
        return Markup("")
    candidates = _candidates(name, width, getattr(image, "storage", None))
    fallback = candidates["fallback"]
    html = Markup("<picture>")
    if candidates["webp"]:
        html += Markup('<source type="image/webp" srcset="{}"').format(_srcset(candidates["webp"]))
        if len(fallback) > 1:
            html += Markup(' sizes="{}"').format(sizes)
        html += Markup(">")
    html += Markup('<img src="{}"').format(candidates["src"])
    if len(fallback) > 1:
        html += Markup(' srcset="{}" sizes="{}"').format(_srcset(fallback), sizes)
    if width and height:
        html += Markup(' width="{}" height="{}"').format(width, height)
    html += Markup(' alt="{}"').format("" if alt is None else alt)
    if css_class:
        html += Markup(' class="{}"').format(css_class)
    if lazy:
        html += Markup(' loading="lazy"')
    html += Markup(' decoding="async"')
    if priority:
        html += Markup(' fetchpriority="high"')
    return html + Markup("></picture>")
