import datetime
from itertools import count

from django.utils import timezone

from pages.models import Page
from tests.factories import give_role, make_user

_numbers = count(1)


def make_page(title=None, *, parent=None, **overrides) -> Page:
    fields = {
        "title": title or f"Trang số {next(_numbers)}",
        "summary": "",
        "body": "<p>Nội dung trang.</p>",
        "status": Page.Status.PUBLISHED,
        "published_at": timezone.now() - datetime.timedelta(hours=1),
        "language": parent.language if parent is not None else Page.Language.VI,
    }
    fields.update(overrides)
    page = Page(parent=parent, **fields)
    page.save()
    return page


def make_tree():
    """Giới thiệu -> Lịch sử Đảng bộ -> Thời kỳ kháng chiến; Giới thiệu -> Chức năng, nhiệm vụ."""
    root = make_page("Giới thiệu", summary="Giới thiệu về huyện.")
    history = make_page("Lịch sử Đảng bộ", parent=root, order=1, summary="Những chặng đường.")
    war = make_page("Thời kỳ kháng chiến", parent=history)
    tasks = make_page("Chức năng, nhiệm vụ", parent=root, order=2)
    return root, history, war, tasks


def role_user(group_name: str, username: str):
    """A user of a newsroom group (core/roles.py)."""
    user = make_user(staff=True, username=username)
    give_role(user, group_name)
    return user
