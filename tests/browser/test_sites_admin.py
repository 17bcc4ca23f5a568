"""Issue 24, point 2, in a real browser: an editor of one commune, on the commune's own host,
sees and opens only that commune's drafts; another commune's draft is not there even by its
address."""

import re

import pytest
from playwright.sync_api import expect

from accounts import roles
from core.sites import serving
from tests.factories import give_role, make_article, make_category, make_site, make_user

pytestmark = [pytest.mark.browser, pytest.mark.live]

PASSWORD = "Bien-tap-vien-2024!"


def test_an_editor_of_one_commune_cannot_reach_anothers_drafts(new_context, live_server, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, ".localhost"]
    hoabinh = make_site("xahoabinh.localhost", "Đảng ủy xã Hòa Bình")
    thongnhat = make_site("phuongthongnhat.localhost", "Đảng ủy phường Thống Nhất")
    with serving(hoabinh):
        ours = make_article(title="Bản nháp của xã Hòa Bình", status="draft", category=make_category(slug="tin"))
    with serving(thongnhat):
        theirs = make_article(
            title="Bản nháp của phường Thống Nhất", status="draft", category=make_category(slug="tin")
        )
    give_role(make_user(username="thuky.hoabinh", password=PASSWORD), roles.APPROVERS, site=hoabinh)

    port = live_server.url.rsplit(":", 1)[1]
    editor = new_context(base_url=f"http://xahoabinh.localhost:{port}").new_page()
    editor.goto("/admin/")
    editor.get_by_label("Tên đăng nhập").fill("thuky.hoabinh")
    editor.get_by_label("Mật khẩu").fill(PASSWORD)
    editor.get_by_role("button", name="Đăng nhập").click()
    expect(editor).to_have_url(re.compile(r"/admin/$"))
    expect(editor.locator("#site-name")).to_contain_text("Đảng ủy xã Hòa Bình")

    editor.goto("/admin/articles/article/")
    expect(editor.locator("#result_list")).to_contain_text(ours.title)
    expect(editor.locator("#result_list")).not_to_contain_text(theirs.title)
    editor.get_by_role("link", name=ours.title).click()
    expect(editor.locator("#id_title")).to_have_value(ours.title)

    # The other commune's draft, by its address: the admin says there is no such article.
    editor.goto(f"/admin/articles/article/{theirs.pk}/change/")
    expect(editor.locator(".messagelist")).to_contain_text("không tồn tại")
    expect(editor.locator("body")).not_to_contain_text(theirs.title)
    # Nor its preview, on this host or the other one.
    assert editor.goto(f"/xem-truoc/{theirs.pk}/").status == 404
