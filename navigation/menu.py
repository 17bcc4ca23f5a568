"""The menu and links every page shows, as plain data for the templates (cached by core/chrome.py)."""

from articles.models import Category

from .models import MenuItem, WebLink


def build() -> dict:
    return {"main_menu": main_menu(), "web_links": web_links()}


def main_menu() -> list[dict]:
    """The menu the admin edits (menu chính); until it has any item, an automatic one:
    the visible top-level categories with their subcategories, then the register."""
    items = list(MenuItem.objects.filter(is_active=True).select_related("category"))
    if not items:
        return automatic_menu()
    shown = [item for item in items if item.kind != MenuItem.Kind.CATEGORY or item.category.is_active]
    children: dict[int, list[dict]] = {}
    for item in shown:
        if item.parent_id:
            children.setdefault(item.parent_id, []).append(_entry(item))
    return [{**_entry(item), "children": children.get(item.pk, [])} for item in shown if not item.parent_id]


def automatic_menu() -> list[dict]:
    """Visible top-level categories (as Category.objects.in_menu()) with their visible
    subcategories, in the admin's order, from one query; then the register."""
    visible = list(Category.objects.visible().order_by("order", "name"))
    children: dict[int, list[dict]] = {}
    for category in visible:
        if category.parent_id:
            children.setdefault(category.parent_id, []).append(_link(category.name, category.get_absolute_url()))
    menu = [
        {**_link(c.name, c.get_absolute_url()), "children": children.get(c.pk, [])}
        for c in visible
        if c.parent_id is None
    ]
    return [*menu, {**_link("Văn bản", "/van-ban/"), "children": []}]


def web_links() -> list[dict]:
    return [
        {"name": link.name, "url": link.url, "logo": link.logo, "width": link.logo_width, "height": link.logo_height}
        for link in WebLink.objects.filter(is_active=True)
    ]


def _entry(item: MenuItem) -> dict:
    return {**_link(item.title, item.href), "external": item.is_external}


def _link(title: str, href: str) -> dict:
    return {"title": title, "href": href, "external": False}
