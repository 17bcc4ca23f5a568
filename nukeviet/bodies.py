"""Old bodies made fit for the portal: videos as links, photos with their captions as
<figure>/<figcaption>, Word's and the old editor's leftovers gone, then the same sanitising
as the editor's (core.text.sanitize_html), and every address into the old uploads/ rewritten.

The rewriting works on sanitised HTML (nh3 writes every attribute in double quotes and
escapes "<" and ">" inside them), so a few regular expressions read it reliably.
"""

import html
import re
from collections.abc import Callable

from core.text import sanitize_html

_IFRAME = re.compile(r"<iframe\b[^>]*?\bsrc\s*=\s*[\"']([^\"']+)[\"'][^>]*>.*?</iframe>", re.I | re.S)
_YOUTUBE = re.compile(r"(?:youtube(?:-nocookie)?\.com/(?:embed/|v/|watch\?v=)|youtu\.be/)([A-Za-z0-9_-]{6,})")
_START_TAG = re.compile(r"<(img|a)\b([^>]*)>", re.I)
_ATTRIBUTE = re.compile(r'(\w[\w-]*)="([^"]*)"')
_IMG = r"<img\b[^>]*>"
# A photo in its own paragraph followed by a paragraph (or line) in italics: the old editor's caption.
_CAPTIONED = [
    re.compile(
        rf"<p>\s*(?P<img>{_IMG})\s*(?:<br>)?\s*</p>\s*<p>\s*<(?P<t>em|i)>(?P<cap>(?:(?!</?p>).)+?)</(?P=t)>\s*</p>",
        re.S,
    ),
    re.compile(rf"<p>\s*(?P<img>{_IMG})\s*<br>\s*<(?P<t>em|i)>(?P<cap>(?:(?!</?p>).)+?)</(?P=t)>\s*</p>", re.S),
    # CKEditor 3's caption table: the photo in one cell, its caption in the next row.
    re.compile(
        rf"<table>\s*(?:<tbody>)?\s*<tr>\s*<td>\s*(?P<img>{_IMG})\s*</td>\s*</tr>\s*<tr>\s*<td>(?P<cap>(?:(?!</?t[dr]>).)+?)</td>\s*</tr>\s*(?:</tbody>)?\s*</table>",
        re.S,
    ),
]
_EMPTY_PARAGRAPH = re.compile(r"<p>(?:\s|&nbsp;|\xa0|<br>)*</p>")
_SPACE_RUN = re.compile(r"(?:&nbsp;|\xa0)(?:\s|&nbsp;|\xa0)+|\s(?:&nbsp;|\xa0)+")


def _video_link(match: re.Match) -> str:
    """The sanitiser drops <iframe>: a video becomes a link to its page, which works everywhere."""
    src = html.unescape(match.group(1)).strip()
    youtube = _YOUTUBE.search(src)
    if youtube:
        url = f"https://www.youtube.com/watch?v={youtube.group(1)}"
    elif src.startswith("//"):
        url = f"https:{src}"
    else:
        url = src
    return f'<p><a href="{html.escape(url)}">Xem video</a></p>'


def _figure(match: re.Match) -> str:
    caption = match.group("cap").strip()
    return f'<figure class="image">{match.group("img")}<figcaption>{caption}</figcaption></figure>'


def clean_body(raw: str) -> str:
    """Old HTML as the portal stores it: sanitised, NFC, entities decoded once, captions as figures."""
    value = _IFRAME.sub(_video_link, raw or "")
    value = sanitize_html(value)
    for pattern in _CAPTIONED:
        value = pattern.sub(_figure, value)
    value = _SPACE_RUN.sub(" ", value)
    value = _EMPTY_PARAGRAPH.sub("", value)
    return value.strip()


def rewrite_addresses(value: str, new_address: Callable[[str, str], str | None]) -> str:
    """Each <img src> and <a href> given to new_address(tag, old address): its new address,
    or None to keep the old one. An <img> whose photo is gone is removed with its figure's
    place kept by its alt text (readers see the words instead of a broken image)."""

    def replace(match: re.Match) -> str:
        tag, attributes = match.group(1).lower(), match.group(2)
        name = "src" if tag == "img" else "href"
        values = dict(_ATTRIBUTE.findall(attributes))
        if name not in values:
            return match.group(0)
        old = html.unescape(values[name])
        new = new_address(tag, old)
        if new is None or new == old:
            return match.group(0)
        if new == "":
            return html.escape(html.unescape(values.get("alt", ""))) if tag == "img" else match.group(0)
        quoted = f'{name}="{values[name]}"'
        return match.group(0).replace(quoted, f'{name}="{html.escape(new)}"', 1)

    return _START_TAG.sub(replace, value)
