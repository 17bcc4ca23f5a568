"""Clear actions instead of a status menu: each role sees only the buttons it may press."""

import datetime
import re

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import give_role, make_article, make_category, make_user

pytestmark = pytest.mark.django_db


def buttons(html: str) -> list[str]:
    block = re.search(r'<div class="submit-row workflow-actions".*?</div>', html, re.S)
    return re.findall(r'<button type="submit" name="status" value="[a-z]+"[^>]*>([^<]+)</button>', block.group(0))


def user_in(group: str, username: str):
    user = make_user(staff=True, username=username)
    give_role(user, group)
    return user


def form_data(category, **overrides):
    data = {
        "title": "Tin thử nút",
        "category": category.pk,
        "summary": "Sapo.",
        "body": "<p>Nội dung.</p>",
        "published_at_0": "28/11/2026",
        "published_at_1": "08:00",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_a_writer_sees_save_draft_and_send_for_review_only(client):
    client.force_login(user_in("Phóng viên / Biên tập viên", "pv"))
    html = client.get("/admin/articles/article/add/").content.decode()
    assert buttons(html) == ["Lưu nháp", "Gửi duyệt"]
    assert 'name="status"' not in html.split('<div class="submit-row workflow-actions"')[0]  # no status menu


def test_an_approver_publishes_or_schedules_and_withdraws_only_what_is_published(client):
    client.force_login(user_in("Thư ký tòa soạn / Duyệt bài", "tk"))
    draft = make_article(status=Article.Status.PENDING)
    assert buttons(client.get(f"/admin/articles/article/{draft.pk}/change/").content.decode()) == [
        "Lưu nháp", "Xuất bản",
    ]  # fmt: skip
    later = make_article(status=Article.Status.DRAFT, published_at=timezone.now() + datetime.timedelta(days=1))
    assert "Hẹn giờ xuất bản" in buttons(client.get(f"/admin/articles/article/{later.pk}/change/").content.decode())
    live = make_article()
    html = client.get(f"/admin/articles/article/{live.pk}/change/").content.decode()
    assert buttons(html) == ["Lưu, giữ đã xuất bản", "Gỡ xuống"]
    assert "Xem trên trang web" in html and live.get_absolute_url() in html


def test_view_on_site_only_for_what_readers_can_see_and_the_preview_is_at_the_top(client):
    client.force_login(make_user(superuser=True))
    draft = make_article(status=Article.Status.DRAFT)
    html = client.get(f"/admin/articles/article/{draft.pk}/change/").content.decode()
    assert "Xem trên trang web" not in html
    first_fieldset = html[html.index("<fieldset") : html.index("</fieldset>")]
    assert f"/xem-truoc/{draft.pk}/" in first_fieldset


def test_the_pressed_button_sets_the_status_and_the_message_says_what_happened(client):
    category = make_category()
    client.force_login(user_in("Phóng viên / Biên tập viên", "pv"))
    response = client.post("/admin/articles/article/add/", form_data(category, status="pending"), follow=True)
    article = Article.objects.get(title="Tin thử nút")
    assert article.status == Article.Status.PENDING
    assert "Đã gửi “Tin thử nút” để Thư ký tòa soạn duyệt." in response.content.decode()


def test_plain_save_keeps_the_status(client):
    client.force_login(make_user(superuser=True))
    live = make_article(title="Tin đang hiển thị")
    data = form_data(live.category, title="Tin đang hiển thị (sửa)", slug=live.slug)
    data["published_at_0"] = timezone.localtime(live.published_at).strftime("%d/%m/%Y")
    data["published_at_1"] = timezone.localtime(live.published_at).strftime("%H:%M")
    response = client.post(f"/admin/articles/article/{live.pk}/change/", data)
    assert response.status_code == 302
    live.refresh_from_db()
    assert live.status == Article.Status.PUBLISHED and live.title == "Tin đang hiển thị (sửa)"
