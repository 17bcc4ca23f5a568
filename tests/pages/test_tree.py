"""The tree: addresses from the slugs, breadcrumbs, children, loops and reserved addresses refused."""

import re

import pytest
from django.core.exceptions import ValidationError

from pages.models import Page
from tests.pages.helpers import make_page, make_tree

pytestmark = pytest.mark.django_db


def test_addresses_follow_the_tree_and_vietnamese_titles():
    root, history, war, tasks = make_tree()
    assert root.get_absolute_url() == "/gioi-thieu/"
    assert history.get_absolute_url() == "/gioi-thieu/lich-su-dang-bo/"
    assert war.get_absolute_url() == "/gioi-thieu/lich-su-dang-bo/thoi-ky-khang-chien/"
    assert tasks.slug == "chuc-nang-nhiem-vu"


def test_a_page_shows_its_place_and_its_children(client):
    _root, history, _war, _tasks = make_tree()
    make_page("Bản nháp chưa đăng", parent=history, status=Page.Status.DRAFT)
    html = client.get(history.get_absolute_url()).content.decode()
    nav = re.search(r'<nav class="breadcrumb" aria-label="Vị trí">(.*?)</nav>', html, re.S).group(1)
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', nav) == [("/", "Trang chủ"), ("/gioi-thieu/", "Giới thiệu")]
    assert '<span aria-current="page">Lịch sử Đảng bộ</span>' in nav
    children = re.search(r'<section class="page-children".*?</section>', html, re.S).group(0)
    assert "Thời kỳ kháng chiến" in children and "Bản nháp" not in children
    assert '<h1 class="page-title">Lịch sử Đảng bộ</h1>' in html
    root_html = client.get("/gioi-thieu/").content.decode()
    assert root_html.index("Lịch sử Đảng bộ") < root_html.index("Chức năng, nhiệm vụ")  # by their order


def test_renaming_a_page_moves_its_descendants(client):
    _root, history, war, _tasks = make_tree()
    history.slug = "lich-su"
    history.save()
    war.refresh_from_db()
    assert war.get_absolute_url() == "/gioi-thieu/lich-su/thoi-ky-khang-chien/"
    assert client.get("/gioi-thieu/lich-su/thoi-ky-khang-chien/").status_code == 200
    assert client.get("/gioi-thieu/lich-su-dang-bo/thoi-ky-khang-chien/").status_code == 404


def test_moving_a_subtree_under_another_page(client):
    _root, history, war, tasks = make_tree()
    history.parent = tasks
    history.full_clean()
    history.save()
    war.refresh_from_db()
    assert war.path == "chuc-nang-nhiem-vu/lich-su-dang-bo/thoi-ky-khang-chien"


def test_a_page_cannot_go_under_itself_or_its_descendants():
    root, history, war, tasks = make_tree()
    for parent in (history, war):
        history.parent = parent
        with pytest.raises(ValidationError) as error:
            history.full_clean()
        assert "trang con của nó" in str(error.value)
    history.parent = war
    with pytest.raises(ValidationError):
        history.save()
    history.refresh_from_db()
    assert history.parent == root
    root.parent = tasks
    with pytest.raises(ValidationError):
        root.full_clean()


def test_one_root_per_language_and_one_address_per_level():
    root, history, *_ = make_tree()
    second_root = Page(title="Giới thiệu khác")
    with pytest.raises(ValidationError) as error:
        second_root.full_clean()
    assert "Đã có trang gốc “Giới thiệu”" in str(error.value)
    twin = Page(title="Lịch sử Đảng bộ", parent=root)
    with pytest.raises(ValidationError) as error:
        twin.full_clean()
    assert "đã dùng đường dẫn này" in str(error.value)
    Page(title="Lịch sử Đảng bộ", parent=history).full_clean()  # the same slug one level down is free


@pytest.mark.parametrize(("language", "slug"), [("vi", "lanh-dao"), ("vi", "co-cau-to-chuc"), ("en", "leaders")])
def test_addresses_of_other_apps_are_refused(language, slug):
    root = make_page("Gốc", language=language)
    page = Page(title="Lãnh đạo huyện", slug=slug, parent=root, language=language)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert f"Đường dẫn “{slug}” đã dành cho trang" in str(error.value)
    deeper = make_page("Mục con", parent=root)
    Page(title="x", slug=slug, parent=deeper, language=language).full_clean()  # only the first level is taken


def test_the_parent_must_be_of_the_same_language():
    vi_root = make_page("Giới thiệu")
    page = Page(title="History", language="en", parent=vi_root)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "cùng ngôn ngữ" in str(error.value)


def test_unknown_and_draft_pages_are_404(client):
    root, _history, *_ = make_tree()
    draft = make_page("Nháp", parent=root, status=Page.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get("/gioi-thieu/khong-co/").status_code == 404
    assert client.get("/gioi-thieu/Lich_Su/").status_code == 404


def test_in_menu_lists_published_pages_marked_for_the_menu():
    root, _history, _war, tasks = make_tree()
    tasks.show_in_menu = False
    tasks.save()
    make_page("Nháp", parent=root, status=Page.Status.DRAFT)
    assert [page.title for page in Page.objects.in_menu().filter(parent=root)] == ["Lịch sử Đảng bộ"]


def test_text_is_stored_nfc_and_the_body_sanitised():
    import unicodedata

    page = make_page(
        unicodedata.normalize("NFD", "Điều kiện tự nhiên"), body='<p onclick="x()">A</p><script>x()</script>'
    )
    assert page.title == "Điều kiện tự nhiên" and page.slug == "dieu-kien-tu-nhien"
    assert page.body == "<p>A</p>"


def test_the_page_costs_the_same_queries_however_large_the_tree(client, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _root, _history, war, _tasks = make_tree()
    with CaptureQueriesContext(connection) as few:
        assert client.get(war.get_absolute_url()).status_code == 200
    parent = war
    for n in range(6):
        parent = make_page(f"Cấp {n}", parent=parent)
        for k in range(5):
            make_page(f"Trang {n}-{k}", parent=parent)
    from django.core.cache import caches

    from network.registry import registry

    caches["pages"].clear()
    registry.current()  # the sites, known again as on a warm worker (a cleared cache reloads them)
    with django_assert_max_num_queries(len(few)):
        assert client.get(parent.get_absolute_url()).status_code == 200
