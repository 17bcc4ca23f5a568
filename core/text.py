"""Vietnamese text: NFC normalisation, slugs, and sanitised rich text."""

import html
import re
import unicodedata

import nh3

# Django's slugify() drops "đ" altogether ("Đảng" -> "ang"): it is a letter of
# its own, not "d" with a combining mark, so NFKD does not decompose it.
_VIETNAMESE_LETTERS = str.maketrans({"đ": "d", "Đ": "D"})


def nfc(value: str) -> str:
    """Text pasted from some systems (macOS, old Word) arrives decomposed (NFD)."""
    return unicodedata.normalize("NFC", value) if value else value


def strip_accents(value: str) -> str:
    decomposed = unicodedata.normalize("NFKD", value.translate(_VIETNAMESE_LETTERS))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def slugify_vi(value: str, max_length: int = 200) -> str:
    """'Đảng bộ Gò Công Tây' -> 'dang-bo-go-cong-tay'."""
    ascii_text = strip_accents(value).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return slug[:max_length].rstrip("-")


def search_words(text: str) -> list[str]:
    """'Gò Công Tây!' and 'GO CONG TAY' both give ['go', 'cong', 'tay']: no case, no
    diacritics, 'đ' as 'd', punctuation (and %, _, \\, quotes, emoji) as spaces."""
    return re.sub(r"[^a-z0-9]+", " ", strip_accents(nfc(text or "")).lower()).split()


def search_document(*parts: str) -> str:
    """What search compares, padded with spaces so that ' word ' matches whole words only."""
    words = [word for part in parts for word in search_words(part)]
    return f" {' '.join(words)} " if words else ""


def html_to_text(value: str) -> str:
    """The words of sanitised HTML, entities decoded, for search and excerpts."""
    if not value:
        return ""
    text = re.sub(r"<[^>]+>", " ", value)
    return " ".join(html.unescape(text).split())


_ALT = re.compile(r"""<img\b[^>]*?\balt\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


def image_alt_texts(value: str) -> str:
    """The alt texts of a body's images: words a reader (or a screen reader) meets on the
    page that html_to_text() leaves out with the tags."""
    if not value:
        return ""
    return " ".join(html.unescape(a or b) for a, b in _ALT.findall(value))


# The allow-list of rich text: what the admin's editor can produce, nothing more.
ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "a", "ul", "ol", "li", "blockquote", "hr",
    "figure", "figcaption", "img",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start", "reversed"},
}
ALLOWED_CLASSES = {
    "figure": {"image", "table", "image-style-side", "image-style-block-align-left", "image-style-block-align-right"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def sanitize_html(value: str) -> str:
    """Clean editor HTML: allowed tags and attributes only, links http/https/mailto."""
    if not value:
        return ""
    return nh3.clean(
        nfc(value),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
