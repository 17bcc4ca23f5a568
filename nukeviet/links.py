"""The shapes of the old NukeViet portal's addresses, read into one form (OldLink).

NukeViet writes a link in the form index.php?language=vi&nv=<module>&op=<op> and, with its
URL rewriting on, as /vi/<module>/<op><ending>: ".html" after an article or a page, "/" after
the rest ("rewrite_exturl", "rewrite_endurl"). "rewrite_optional" drops the language, and
"rewrite_op_mod" the name of the site's home module, so that an article of the news module is
also /<category>/<alias>-<id>.html. The module's name in an address is its title in
nv4_vi_modules (the installer's "news", "about", "laws"..., or one the site gave, "Tin-tuc"),
mapped to the module it runs (module_file) and its tables (module_data). Uploads keep their
path under /uploads/ (thumbnails under /assets/).

    /news/<category>/<alias>-<id>.html   -> OldLink("news", ("<category>", "<alias>-<id>"))
    /vi/news/tag/<alias>                 -> OldLink("news", ("tag", "<alias>"))
    index.php?nv=news&op=<cat>/<a>-<id>  -> OldLink("news", ("<cat>", "<a>-<id>"))
    /<category>/page-2                   -> OldLink("news", ("<category>", "page-2"))
    /about/<alias>.html                  -> OldLink("page", ("<alias>",), data="about")
    /uploads/news/2022_02/x.jpg          -> OldLink("uploads", ("news/2022_02/x.jpg",))

Answering them is nukeviet/oldlinks.py's part.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, unquote, urlsplit

from core.text import nfc

# A NukeViet 4 site's modules as its installer names them: title (the address) -> module_file.
# nukeviet.OldModule rows, written by the import from the old nv4_vi_modules, come first.
INSTALLED_MODULES = {
    "news": "news",
    "about": "page",
    "page": "page",
    "siteterms": "page",
    "laws": "laws",
    "contact": "contact",
    "seek": "seek",
    "feeds": "feeds",
    "users": "users",
    "statistics": "statistics",
    "voting": "voting",
    "banners": "banners",
    "comment": "comment",
    "menu": "menu",
    "freecontent": "freecontent",
    "two-step-verification": "two-step-verification",
    "myapi": "myapi",
    "SitemapIndex": "sitemap",
}
LANGUAGES = {"vi", "en"}  # the portal's; a /fr/... link is no link of ours
FILE_FOLDERS = ("uploads", "assets")
_SITEMAP = re.compile(r"^sitemap(?:-(?P<lang>[a-z]{2}))?(?:\.(?P<module>[\w-]+))?(?:\.(?P<op>[\w-]+))?\.xml$")
_ARTICLE_OP = re.compile(r"^(?P<alias>.*?)-(?P<id>[0-9]{1,10})$")
_PAGE_OP = re.compile(r"^page-(?P<n>[0-9]{1,6})$")


@dataclass(frozen=True)
class OldLink:
    module: str  # the module it runs: news, page, laws, contact, seek, uploads ...
    op: tuple[str, ...] = ()
    data: str = ""  # the module's tables (module_data): "about" for /about/...
    lang: str = "vi"
    query: dict = field(default_factory=dict, compare=False, hash=False)
    per_page: int = field(default=0, compare=False)  # its module's list pages, when the import read it

    @property
    def article(self) -> tuple[str, str, int] | None:
        """(category alias, article alias, old id) when the op names a news article."""
        op = self.op[1:] if self.op[:1] in (("print",), ("savefile",), ("sendmail",), ("rating",)) else self.op
        if len(op) != 2 or _PAGE_OP.match(op[1]):
            return None
        found = _ARTICLE_OP.match(op[1])
        return (op[0], found.group("alias"), int(found.group("id"))) if found else None

    @property
    def page_number(self) -> int | None:
        """N of a list's /page-N (the last segment)."""
        found = _PAGE_OP.match(self.op[-1]) if self.op else None
        return int(found.group("n")) if found else None


class Modules:
    """Module titles as they appear in addresses -> (module_file, module_data). Case matters
    in NukeViet's titles, but people type them in any case: both are tried."""

    def __init__(self, imported: dict[str, tuple[str, str]] | None = None, home: str = "news", per_page=None):
        self.by_title = {title: (file, title) for title, file in INSTALLED_MODULES.items()}
        self.by_title.update(imported or {})
        self.lower = {title.lower(): value for title, value in self.by_title.items()}
        self.home = home  # the module the short form (rewrite_op_mod) leaves out
        self.per_page = per_page or {}  # a news module's (module_data) articles a list page

    def get(self, title: str) -> tuple[str, str] | None:
        return self.by_title.get(title) or self.lower.get(title.lower())


def _ops(value: str) -> tuple[str, ...]:
    parts = [part for part in value.split("/") if part]
    if parts:
        last = parts[-1]
        parts[-1] = last[: -len(".html")] if last.lower().endswith(".html") else last
    return tuple(nfc(part) for part in parts if part)


def parse(path: str, query: dict | str = "", modules: Modules | None = None) -> OldLink | None:
    """The old link that `path` (decoded or not) and its query string make, or None when they are
    not in any of NukeViet's shapes."""
    modules = modules or Modules()
    if isinstance(query, str):
        query = dict(parse_qsl(query, keep_blank_values=True))
    path = nfc(unquote(path)).replace("\\", "/")
    segments = [part for part in path.split("/") if part]
    rest = {key: value for key, value in query.items() if key not in ("language", "nv", "op")}
    if segments[:1] == ["index.php"] or (not segments and "nv" in query):
        if len(segments) > 1:
            return None
        return _from_query(query, rest, modules)
    lang = "vi"
    if segments and segments[0] in LANGUAGES:
        lang, segments = segments[0], segments[1:]
    if not segments:
        return None
    if segments[0] in FILE_FOLDERS and len(segments) > 2:
        return OldLink(segments[0], ("/".join(segments[1:]),), lang=lang, query=rest)
    sitemap = _SITEMAP.match(segments[0]) if len(segments) == 1 else None
    if sitemap and segments[0] != "sitemap.xml":
        lang = sitemap.group("lang") or lang
        known = modules.get(sitemap.group("module") or "") if sitemap.group("module") else None
        return OldLink(known[0] if known else "sitemap", ("sitemap",), data=known[1] if known else "", lang=lang)
    known = modules.get(segments[0])
    if known:
        file, data = known
        return _link(modules, file, data, _ops("/".join(segments[1:])), lang, rest)
    # The short form: the home module's op without the module's name.
    file, data = modules.get(modules.home) or ("news", modules.home)
    return _link(modules, file, data, _ops("/".join(segments)), lang, rest)


def _link(modules: Modules, file: str, data: str, op, lang: str, query: dict) -> OldLink:
    return OldLink(file, op, data=data, lang=lang, query=query, per_page=modules.per_page.get(data, 0))


def _from_query(query: dict, rest: dict, modules: Modules) -> OldLink | None:
    lang = query.get("language", "vi")
    if lang not in LANGUAGES:
        return None
    title = query.get("nv", "") or modules.home
    known = modules.get(title)
    if known is None:
        return None
    file, data = known
    return _link(modules, file, data, _ops(query.get("op", "")), lang, rest)


def old_address(url: str, domains) -> tuple[str, str] | None:
    """(path, query) of a link in an old body that points into the old site: relative, or absolute
    on one of its domains (`domains`: hosts without "www."). None for another site's, mailto: ..."""
    url = (url or "").strip()
    if not url or url.startswith(("#", "mailto:", "tel:", "data:", "javascript:")):
        return None
    parts = urlsplit(url)
    if parts.scheme or url.startswith("//"):
        host = (parts.hostname or "").removeprefix("www.")
        if parts.scheme not in ("http", "https", "") or host not in domains:
            return None
    return parts.path, parts.query
