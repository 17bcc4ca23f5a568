"""Old bodies made fit for the portal: videos as links, photos with their captions as
<figure>/<figcaption>, Word's and the old editor's leftovers gone, then the same sanitising
as the editor's (core.text.sanitize_html), and every address into the old uploads/ rewritten.

The rewriting works on sanitised HTML (nh3 writes every attribute in double quotes and
escapes "<" and ">" inside them), so a few regular expressions read it reliably.
"""

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from core.text import ALLOWED_URL_SCHEMES, nfc, sanitize_html

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
# Any href or src of raw HTML, quoted either way or not at all.
_RAW_ADDRESS = re.compile(r"""\b(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
# A scheme typed twice or half: http://http://x, http:/x, https//x, http:\\x, htp://x.
_DOUBLED_SCHEME = re.compile(r"^(?:https?:/*)+(?=https?:)", re.I)
_BROKEN_SCHEME = re.compile(
    r"^(?P<scheme>https?|htt?ps?|htp|ttps?)(?P<sep>:?/{1,3}|:\\{2})(?P<rest>[^/\\\s]\S*)$", re.I
)
_HOST = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(:[0-9]{1,5})?$", re.I)
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


def repaired(url: str) -> str | None:
    """A malformed web address as it was meant (http://http://x.vn/a -> http://x.vn/a, http:/x.vn,
    https//x.vn, www.x.vn/a -> http://www.x.vn/a), `url` itself when it is well formed or not a
    web address at all, or None when it is broken and what was meant is not clear."""
    url = url.strip()
    fixed = _DOUBLED_SCHEME.sub("", url)
    broken = _BROKEN_SCHEME.match(fixed)
    if broken:
        scheme = "https" if broken.group("scheme").lower().endswith("s") else "http"
        fixed = f"{scheme}://{broken.group('rest')}"
    elif fixed.lower().startswith("www."):
        fixed = f"http://{fixed}"
    if not fixed.lower().startswith(("http:", "https:")):
        return url
    parts = urlsplit(fixed)
    if not _HOST.match(parts.netloc.rsplit("@", 1)[-1]):
        return None
    return fixed


def dropped_addresses(raw: str) -> list[str]:
    """The links and photo addresses of an old body that the sanitiser would drop (file:///C:/...,
    javascript:, an unknown scheme): reported, so that nothing goes without a word."""
    found = []
    for match in _RAW_ADDRESS.finditer(raw or ""):
        address = html.unescape(next(g for g in match.groups() if g is not None)).strip()
        scheme = address.split(":", 1)[0].lower() if re.match(r"^[a-z][a-z0-9+.-]*:", address, re.I) else ""
        if scheme and scheme not in ALLOWED_URL_SCHEMES and scheme != "data":
            found.append(address)
    return found


@dataclass(frozen=True)
class AsLink:
    """new_address()'s answer for a photo that cannot be shown here: a link to it in its place."""

    url: str


def rewrite_addresses(value: str, new_address: Callable[[str, str], "str | AsLink | None"]) -> str:
    """Each <img src> and <a href> given to new_address(tag, old address): its new address,
    or None to keep the old one. An <img> whose photo is gone ("") is removed with its figure's
    place kept by its alt text (readers see the words instead of a broken image); one that
    stays on another site (AsLink) becomes a link to it under its alt text. An <a> whose
    target is gone ("") leaves its words without the link."""

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
        alt = html.escape(html.unescape(values.get("alt", "")))
        if isinstance(new, AsLink):
            return f'<a href="{html.escape(new.url)}">{alt or "Xem ảnh"}</a>'
        if new == "":
            return alt if tag == "img" else "<a>"  # </a> stays: an <a> without href is plain text
        quoted = f'{name}="{values[name]}"'
        return match.group(0).replace(quoted, f'{name}="{html.escape(new)}"', 1)

    return _START_TAG.sub(replace, value)


def source_credit(given: str, name: str, home: str, doubt: Callable[[str], None]) -> str:
    """ "Nguồn: …" as the old page showed it: the source's name (`name`, from its sources table),
    linked to the source article itself (`given`: detail.sourcetext, the address the editor gave)
    rather than the source's home page (`home`); doubt(reason) hears of an address mended or dropped."""
    link = ""
    if given and (given.lower().startswith(("http:", "https:", "www.")) or "://" in given):
        link = repaired(given) or ""
        if link != given:
            doubt(f"nguồn “{given}”: " + (f"sửa thành {link}" if link else "địa chỉ hỏng, bỏ liên kết"))
    elif given:
        name = name or nfc(html.unescape(given))
    link = link or home
    if not name and link:
        name = (urlsplit(link).hostname or link).removeprefix("www.")
    if not name:
        return ""
    credit = f'<a href="{html.escape(link)}">{html.escape(name)}</a>' if link else html.escape(name)
    return f"<p><em>Nguồn: {credit}</em></p>"
