"""The menu and links every page shows, as plain data for the templates (cached by core/chrome.py)."""

from articles.models import Category
from pages.models import Page

from .models import MenuItem, WebLink


def build() -> dict:
    return {"main_menu": main_menu(), "web_links": web_links()}


def main_menu() -> list[dict]:
    """The menu the admin edits (menu chính); until it has any item, an automatic one:
    the visible top-level categories with their subcategories, then the register."""
    items = list(MenuItem.objects.filter(is_active=True).select_related("category", "page"))
    if not items:
        return automatic_menu()
    shown = [item for item in items if _target_visible(item)]
    children: dict[int, list[dict]] = {}
    for item in shown:
        if item.parent_id:
            children.setdefault(item.parent_id, []).append(_entry(item))
    return [{**_entry(item), "children": children.get(item.pk, [])} for item in shown if not item.parent_id]


def automatic_menu() -> list[dict]:
    """Until the menu is edited: Giới thiệu (with the pages marked "hiện trên menu" and the
    leaders' and organisation's pages), the visible top-level categories with their visible
    subcategories, the register, and the contact page - four queries, whatever the site holds."""
    visible = list(Category.objects.visible().order_by("order", "name"))
    children: dict[int, list[dict]] = {}
    for category in visible:
        if category.parent_id:
            children.setdefault(category.parent_id, []).append(_link(category.name, category.get_absolute_url()))
    categories = [
        {**_link(c.name, c.get_absolute_url()), "children": children.get(c.pk, [])}
        for c in visible
        if c.parent_id is None
    ]
    return [*_about(), *categories, _top("Văn bản", "/van-ban/"), _top("Liên hệ - Góp ý", "/lien-he/")]


def _about() -> list[dict]:
    pages = list(Page.objects.in_menu(language="vi"))
    root = (
        next((page for page in pages if page.depth == 0), None)
        or Page.objects.published().filter(language="vi", path="").first()
    )
    if root is None:
        return []
    below = [_link(page.title, page.get_absolute_url()) for page in pages if page.depth == 1]
    below += [_link("Lãnh đạo", "/gioi-thieu/lanh-dao/"), _link("Cơ cấu tổ chức", "/gioi-thieu/co-cau-to-chuc/")]
    return [{**_link(root.title, root.get_absolute_url()), "children": below}]


def _top(title: str, href: str) -> dict:
    return {**_link(title, href), "children": []}


def _target_visible(item: MenuItem) -> bool:
    """An item whose category is switched off or whose page is not published is left out."""
    if item.kind == MenuItem.Kind.CATEGORY:
        return item.category.is_active
    if item.kind == MenuItem.Kind.PAGE:
        return item.page.is_published()
    return True


def web_links() -> list[dict]:
    return [
        {"name": link.name, "url": link.url, "logo": link.logo, "width": link.logo_width, "height": link.logo_height}
        for link in WebLink.objects.filter(is_active=True)
    ]


def _entry(item: MenuItem) -> dict:
    return {**_link(item.title, item.href), "external": item.is_external}


def _link(title: str, href: str) -> dict:
    return {"title": title, "href": href, "external": False}
