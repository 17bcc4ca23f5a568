"""The old NukeViet links of an exported archive, in nginx's syntax (`map` blocks).

The portal answers an old link by reading it (nukeviet/links.py) and asking the one resolver
where it leads now (nukeviet/oldlinks.py). An exported archive has no Python, so the answers
are asked here, once, for every old address the import knows, and written down:

- an article by its old id, whatever the rest of the address (/news/<category>/<alias>-<id>.html,
  /<category>/<alias>-<id>.html, index.php?...&op=<category>/<alias>-<id>): the old site
  named an article by its id alone, and so does the map;
- categories, introduction pages and documents by their old aliases, in the shapes NukeViet
  wrote them (with and without /vi, the module's title, the home module left out);
- uploads by their old path (/uploads/...), to the photo or file they became.

A target GONE (withdrawn on purpose) is written as "gone": nginx answers 410.
Runs within serving(site): every look-up is that site's.
"""

from articles.models import Article, Category
from documents.models import Document
from nukeviet.links import parse
from nukeviet.models import ImportedFile
from nukeviet.oldlinks import GONE, modules, resolve
from pages.models import Page

PREFIXES = ("", "/vi")


def old_link_maps() -> tuple[str, int]:
    """(the maps.conf text, how many old addresses it answers)."""
    known = modules(fresh=True)
    titles = _titles(known)
    paths: dict[str, str] = {}
    for alias in Category.objects.exclude(legacy_alias="").values_list("legacy_alias", flat=True):
        for title in [*titles.get("news", ["news"]), ""]:
            _add(paths, known, [f"{prefix}/{title}/{alias}/".replace("//", "/") for prefix in PREFIXES])
    for alias in Page.objects.exclude(legacy_alias="").values_list("legacy_alias", flat=True):
        for title in titles.get("page", ["about"]):
            _add(paths, known, [f"{prefix}/{title}/{alias}.html" for prefix in PREFIXES])
    for alias, number in Document.objects.exclude(legacy_id=None).values_list("legacy_alias", "legacy_id"):
        for title in titles.get("laws", ["laws"]):
            shapes = [f"{prefix}/{title}/detail/{alias}-{number}.html" for prefix in PREFIXES]
            _add(paths, known, [*shapes, *(shape.replace(f"-{number}.html", ".html") for shape in shapes)])
    for source in ImportedFile.objects.exclude(source__contains="://").values_list("source", flat=True):
        _add(paths, known, [f"/uploads/{source.lstrip('/')}"])
    articles = {}
    for number in Article.objects.exclude(legacy_id=None).values_list("legacy_id", flat=True):
        target = resolve(parse(f"/news/bai/bai-{number}.html", {}, known))
        if target:
            articles[number] = "gone" if target == GONE else target
    text = _maps(paths, articles)
    return text, len(paths) + len(articles)


def _titles(known) -> dict[str, list[str]]:
    """module_file -> the titles the old site gave it (its addresses' first part)."""
    titles: dict[str, list[str]] = {}
    for title, (module_file, _data) in known.by_title.items():
        titles.setdefault(module_file, []).append(title)
    return titles


def _add(paths: dict, known, candidates) -> None:
    for path in candidates:
        if path in paths:
            continue
        link = parse(path, {}, known)
        target = resolve(link) if link else None
        if target and target.split("?", 1)[0] != path:
            paths[path] = "gone" if target == GONE else target


def _quoted(value: str) -> str:
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _maps(paths: dict[str, str], articles: dict[int, str]) -> str:
    lines = [
        "# Made by `manage.py export_static`: the old NukeViet links and where they lead now.",
        "# In the http block: include <export folder>/_nginx/maps.conf;",
        "map $uri $huyenuy_old_path {",
        '    default "";',
        *(f"    {_quoted(path)} {_quoted(target)};" for path, target in sorted(paths.items())),
        "}",
        "map $uri $huyenuy_old_article_id {",
        '    default "";',
        '    "~-(?<old_article_id>[0-9]+)\\.html$" $old_article_id;',
        "}",
        "map $args $huyenuy_old_query_id {",
        '    default "";',
        '    "~(?:^|&)op=[^&]*-(?<old_query_id>[0-9]+)(?:\\.html)?(?:&|$)" $old_query_id;',
        "}",
    ]
    for variable, source in (("$huyenuy_old_article", "$huyenuy_old_article_id"),
                             ("$huyenuy_old_query_article", "$huyenuy_old_query_id")):  # fmt: skip
        lines += [f"map {source} {variable} {{", '    default "";']
        lines += [f"    {number} {_quoted(target)};" for number, target in sorted(articles.items())]
        lines.append("}")
    return "\n".join(lines) + "\n"
