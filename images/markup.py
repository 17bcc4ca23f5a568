"""Markup of stored photos: the <picture> of a lead photo or banner, and the <img>
tags of a body given their sizes and narrower copies."""

import posixpath
import re
from functools import lru_cache
from html import unescape
from urllib.parse import unquote

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.utils.html import escape
from markupsafe import Markup
from PIL import Image, UnidentifiedImageError

from . import deferred
from .renditions import has_renditions, picture_candidates, rendition_name, rendition_widths

# Body images fill the article column: 48rem, or the screen less the page's margins.
BODY_IMAGE_SIZES = "(min-width: 50rem) 48rem, calc(100vw - 2rem)"


# --- body images ----------------------------------------------------------------

# A start tag as nh3 writes it (attribute values in double quotes, "<" and ">" in them
# escaped), so that a "<img" inside another tag's attribute is never taken for a tag.
_START_TAG = re.compile(
    r"""<([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*/?>"""
)
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
# What responsive_body writes; any earlier value of them is dropped first.
_GENERATED = {"width", "height", "srcset", "sizes", "loading", "decoding"}


def _stored_image(src: str, storage) -> tuple[str, int, int] | None:
    """(name, width, height) of the stored image a body <img src> points at, or None."""
    media_url = settings.MEDIA_URL
    if not src.startswith(media_url) or any(char in src for char in "?#\\"):
        return None
    name = unquote(src[len(media_url) :])
    if not name or name != posixpath.normpath(name) or name.startswith(("/", "..")):
        return None
    if posixpath.splitext(name)[1].lower() not in (".jpg", ".jpeg", ".png", ".webp", ".gif"):
        return None
    try:
        if not storage.exists(name):
            return None
        with storage.open(name) as file:
            width, height = Image.open(file).size  # the header only
    except (SuspiciousFileOperation, OSError, UnidentifiedImageError, Image.DecompressionBombError, ValueError):
        return None
    return name, width, height


def _responsive_img(match: re.Match, storage) -> str:
    tag = match.group(0)
    if match.group(1).lower() != "img":
        return tag
    attributes = [(m.group(1).lower(), m.group(2)) for m in _ATTRIBUTE.finditer(match.group(2))]
    raw_src = next((value for key, value in attributes if key == "src" and value), None)
    if raw_src and raw_src[0] in "\"'":
        raw_src = raw_src[1:-1]
    stored = _stored_image(unescape(raw_src), storage) if raw_src else None
    if stored is None:
        return tag
    name, width, height = stored
    kept = "".join(
        f" {key}={value}" if value is not None else f" {key}" for key, value in attributes if key not in _GENERATED
    )
    added = {"width": str(width), "height": str(height)}
    if has_renditions(name):
        candidates = [(rendition_name(name, w), w) for w in rendition_widths(width)]
        candidates = [(storage.url(n), w) for n, w in candidates if storage.exists(n)]
        if candidates:
            candidates.append((storage.url(name), width))
            added["srcset"] = ", ".join(f"{url} {w}w" for url, w in candidates)
            added["sizes"] = BODY_IMAGE_SIZES
    added.update(loading="lazy", decoding="async")
    return "<img" + kept + "".join(f' {key}="{escape(value)}"' for key, value in added.items()) + ">"


def responsive_body(html: str) -> str:
    """Sanitised body HTML with each <img> of a stored image given its width and height
    (no layout shift), the srcset of its narrower JPEG/PNG copies with their sizes, and
    loading="lazy" decoding="async". Other images and all else are left as they are.

    Runs in Article.save() right after sanitize_html(), which drops srcset, sizes, loading
    and decoding again on the next save: the result is the same however often it runs.
    Body images stay <img> (no <picture>, which the sanitiser refuses), so their srcset
    offers JPEG/PNG, which every browser reads; WebP is for the banners' <picture>.
    """
    if not html or "<img" not in html.lower():
        return html
    return _START_TAG.sub(lambda match: _responsive_img(match, default_storage), html)


# --- pictures ---------------------------------------------------------------------


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
    (renditions.py), so rendering a page never touches the disk. lazy=True only
    for images below the fold (cards, ...); priority=True for the one picture that is
    the page's largest paint (the article's lead photo). An empty alt is still
    written: alt="" marks a decorative picture.
    """
    name = getattr(image, "name", None)
    if not name:
        return Markup("")
    candidates = _candidates(name, width, getattr(image, "storage", None))
    if candidates["webp"] and not deferred.ready(name):  # a task worker is still making them
        candidates = {"src": candidates["src"], "webp": [], "fallback": [(candidates["src"], width)]}
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
