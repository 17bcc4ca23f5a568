"""What the readers' Jinja2 templates may call (gathered by core/jinja2.py), for every app:

side_column(latest, documents, links)   the side column (includes/_side.html), made once a version
site_header(), site_footer(links)       the header and footer (includes/_header.html, _footer.html), the same

value|ngay_thang          a date as 02/02/2022
size|dung_luong           a file size as readers read it: "1,2 MB", "350 KB"
text|unbroken             never broken across lines: "15-NQ/HU", "0273 3826 123"
address|email_lines       an e-mail address that may break before its "@", never in its domain
"""

from jinja2 import pass_context
from markupsafe import Markup

from . import chrome


def ngay_thang(value) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


def dung_luong(size: int) -> str:
    """Vietnamese decimals use a comma."""
    if size < 1024:
        return f"{size} byte"
    for unit in ("KB", "MB", "GB"):
        size /= 1024
        if size < 1024 or unit == "GB":
            text = f"{size:.1f}".replace(".", ",") if size < 10 else f"{size:.0f}"
            return f"{text.removesuffix(',0')} {unit}"
    return ""


def unbroken(text) -> Markup:
    """A document number, a phone number: a line break inside one changes what it says."""
    return Markup('<span class="nowrap">%s</span>') % text if text else Markup("")


def email_lines(address) -> Markup:
    """On a narrow screen the address may go on the next line at its "@", not in the domain."""
    if not address:
        return Markup("")
    local, at, domain = str(address).rpartition("@")
    if not at:
        return unbroken(address)
    return Markup("%s<wbr>@%s") % (local, unbroken(domain))


@pass_context
def side_column(context, latest: bool, documents: bool, links: bool) -> Markup:
    """includes/_side_column.html for the site being served (core/chrome.py: rendered()): what
    it shows is kept under the content version, so its HTML is the same on every page until then."""
    web_links = context.get("web_links") or []
    template = context.environment.get_template("includes/_side_column.html")

    def render() -> str:
        return template.render(side_latest=latest, side_documents=documents, side_links=links, web_links=web_links)

    name = f"side-column:{int(latest)}{int(documents)}{int(links)}"
    return Markup(chrome.rendered(name, render))  # noqa: S704 - rendered by Jinja2 with autoescape


def _menu_paths(menu) -> set[str]:
    return {"/", *(item["href"] for item in menu), *(child["href"] for item in menu for child in item["children"])}


@pass_context
def site_header(context) -> Markup:
    """includes/_header.html, made once per content version in each process for each way it
    can differ from page to page: the menu item marked as the page (aria-current: the page's
    own address or its category's, when the menu has it) and the language switch's address.
    An article page's header is its category page's, without that page marked."""
    path = context["request"].path
    paths = _menu_paths(context.get("main_menu") or [])
    category = context.get("current_category_slug")
    marked = (path if path in paths else "", f"/{category}/" if category and f"/{category}/" in paths else "")
    alternate = context.get("alternate_url") or ""
    template = context.environment.get_template("includes/_header.html")
    name = f"site-header:{marked[0]}:{marked[1]}:{alternate}"
    return Markup(chrome.rendered(name, lambda: template.render(context.get_all())))  # noqa: S704 - autoescaped


@pass_context
def site_footer(context, links: bool = True) -> Markup:
    """includes/_footer.html ("Liên kết website" there unless `links` is False: the home page
    has them in its side column), made once per content version in each process."""
    template = context.environment.get_template("includes/_footer.html")
    values = {**context.get_all(), "footer_links": links}
    return Markup(chrome.rendered(f"site-footer:{int(links)}", lambda: template.render(values)))  # noqa: S704


GLOBALS = {"side_column": side_column, "site_header": site_header, "site_footer": site_footer}
FILTERS = {"ngay_thang": ngay_thang, "dung_luong": dung_luong, "unbroken": unbroken, "email_lines": email_lines}
