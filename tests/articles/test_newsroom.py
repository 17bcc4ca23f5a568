"""The editors' newsroom: roles, workflow, scheduling, preview, revisions, editing lock, print view."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone
from reversion.models import Version

from articles.models import Article
from tests.factories import give_role, make_article, make_category, make_user

WRITERS = "Phóng viên / Biên tập viên"
APPROVERS = "Thư ký tòa soạn / Duyệt bài"
ADMINS = "Quản trị"


def member_of(group_name, **kwargs):
    user = make_user(staff=True, **kwargs)
    give_role(user, group_name)
    return user


def form_data(category, **overrides):
    data = {
        "title": "Bài viết thử nghiệm",
        "slug": "",
        "category": category.pk,
        "summary": "Sapo.",
        "body": "<p>Nội dung.</p>",
        "author": "Ban Tuyên giáo",
        "status": "draft",
        "published_at_0": "02/02/2022",
        "published_at_1": "06:32:00",
        "expires_at_0": "",
        "expires_at_1": "",
        "allow_rating": "on",
    }
    data.update(overrides)
    return data


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def category(db):
    return make_category(name="Xây dựng Đảng", slug="xay-dung-dang")


# --- roles: the permission matrix, enforced on the server ---------------------------


def test_the_three_groups_exist_with_their_permissions(db):
    writers, approvers, admins = (Group.objects.get(name=n) for n in (WRITERS, APPROVERS, ADMINS))
    codes = lambda group: set(group.permissions.values_list("codename", flat=True))  # noqa: E731
    assert {"add_article", "change_article", "view_article"} <= codes(writers)
    assert not {"publish_article", "delete_article", "change_any_article"} & codes(writers)
    assert {"publish_article", "delete_article", "change_any_article"} <= codes(approvers)
    assert {"add_user", "change_group", "change_category", "change_sitebanner", "delete_vote"} <= codes(admins)


def test_writer_writes_a_draft_and_submits_it_but_cannot_publish_even_with_a_forged_post(category):
    writer = member_of(WRITERS)
    client = logged_in(writer)
    form = client.get("/admin/articles/article/add/").content.decode()
    assert 'value="pending"' in form and 'value="published"' not in form

    forged = client.post("/admin/articles/article/add/", form_data(category, status="published"))
    assert forged.status_code == 200  # the form refuses it
    assert "Hãy chọn một lựa chọn hợp lệ" in forged.content.decode()
    assert not Article.objects.exists()

    assert client.post("/admin/articles/article/add/", form_data(category)).status_code == 302
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT and article.created_by == writer
    client.post("/admin/articles/article/", {"action": "submit_for_review", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == Article.Status.PENDING

    client.post("/admin/articles/article/", {"action": "publish", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == Article.Status.PENDING
    assert client.get(article.get_absolute_url()).status_code == 404


def test_writer_cannot_edit_someone_elses_article_or_their_own_once_published(category):
    writer, colleague = member_of(WRITERS), member_of(WRITERS)
    theirs = make_article(
        category=category, status=Article.Status.DRAFT, created_by=colleague, title="Bài của đồng nghiệp"
    )
    mine = make_article(category=category, status=Article.Status.PUBLISHED, created_by=writer, title="Bài đã đăng")
    client = logged_in(writer)
    # Someone else's article is not even there for a writer; their own published one is refused.
    for article, refused in ((theirs, 302), (mine, 403)):
        response = client.post(
            f"/admin/articles/article/{article.pk}/change/", form_data(category, title="Sửa trộm", slug=article.slug)
        )
        assert response.status_code == refused
        article.refresh_from_db()
        assert article.title != "Sửa trộm"
    assert client.post(f"/admin/articles/article/{theirs.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Article.objects.filter(pk=theirs.pk).exists()


@pytest.mark.django_db
def test_writer_with_delete_rights_cannot_delete_a_published_article(client):
    writer = make_user(staff=True, perms=["view_article", "change_article", "delete_article"])
    article = make_article(created_by=writer)
    client.force_login(writer)
    assert client.post(f"/admin/articles/article/{article.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Article.objects.filter(pk=article.pk).exists()


def test_approver_publishes_edits_any_article_unpublishes_and_deletes(category):
    writer, approver = member_of(WRITERS), member_of(APPROVERS)
    draft = make_article(category=category, status=Article.Status.PENDING, created_by=writer)
    client = logged_in(approver)
    response = client.post(
        f"/admin/articles/article/{draft.pk}/change/",
        form_data(category, title="Tiêu đề đã biên tập", slug=draft.slug, status="published"),
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED and draft.title == "Tiêu đề đã biên tập"
    assert client.get(draft.get_absolute_url()).status_code == 200
    client.post("/admin/articles/article/", {"action": "unpublish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Article.Status.UNPUBLISHED
    assert Client().get(draft.get_absolute_url()).status_code == 404
    assert Article.objects.filter(pk=draft.pk).exists()  # withdrawn, kept
    assert client.post(f"/admin/articles/article/{draft.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not Article.objects.filter(pk=draft.pk).exists()
    entry = LogEntry.objects.get(object_id=str(draft.pk), action_flag=DELETION)
    assert entry.user == approver and entry.action_time


def test_admin_group_manages_users_categories_and_banners(db):
    client = logged_in(member_of(ADMINS))
    for url in ("/admin/auth/user/add/", "/admin/articles/category/add/", "/admin/articles/sitebanner/add/"):
        assert client.get(url).status_code == 200
    writer_client = logged_in(member_of(WRITERS))
    for url in ("/admin/auth/user/add/", "/admin/articles/category/add/", "/admin/articles/sitebanner/add/"):
        assert writer_client.get(url).status_code == 403


def test_publishing_a_draft_started_days_ago_dates_it_now_and_logs_who(category):
    approver = member_of(APPROVERS)
    old_draft = make_article(
        category=category, status=Article.Status.PENDING, published_at=timezone.now() - timedelta(days=10)
    )
    client = logged_in(approver)
    client.post("/admin/articles/article/", {"action": "publish", "_selected_action": [old_draft.pk]})
    old_draft.refresh_from_db()
    assert timezone.now() - old_draft.published_at < timedelta(minutes=1)
    entry = LogEntry.objects.filter(object_id=str(old_draft.pk)).latest("action_time")
    assert entry.user == approver and "Xuất bản" in entry.get_change_message()


def test_status_labels_and_filters_in_the_change_list(category):
    now = timezone.now()
    make_article(category=category, title="Bài hẹn giờ", published_at=now + timedelta(days=1))
    make_article(category=category, title="Bài hết hạn", published_at=now - timedelta(days=3), expires_at=now)
    make_article(category=category, title="Bài đang hiện")
    client = logged_in(member_of(APPROVERS))
    html = client.get("/admin/articles/article/").content.decode()
    assert "Hẹn giờ đăng" in html and "Hết hạn" in html and "Đã xuất bản" in html
    scheduled = client.get("/admin/articles/article/?tinh-trang=scheduled").content.decode()
    assert "Bài hẹn giờ" in scheduled and "Bài đang hiện" not in scheduled and "Bài hết hạn" not in scheduled


# --- scheduling: decided at query time, with the page cache on ----------------------


def test_scheduled_article_appears_at_its_minute_through_the_page_cache(category):
    start = timezone.now().replace(second=0, microsecond=0) + timedelta(hours=2)
    older = make_article(category=category, title="Tin trước đó", published_at=start - timedelta(days=1))
    scheduled = make_article(category=category, title="Tin hẹn giờ đăng", published_at=start)
    reader = Client()
    pages = ["/", category.get_absolute_url(), older.get_absolute_url()]
    with time_machine.travel(start - timedelta(minutes=1), tick=False):
        for url in pages:
            assert "Tin hẹn giờ đăng" not in reader.get(url).content.decode()
        assert reader.get(pages[0])["X-Page-Cache"] == "hit"  # cached, but only until the minute
        assert reader.get(scheduled.get_absolute_url()).status_code == 404
    with time_machine.travel(start + timedelta(minutes=1), tick=False):
        for url in pages:
            assert "Tin hẹn giờ đăng" in reader.get(url).content.decode(), url
        assert reader.get(scheduled.get_absolute_url()).status_code == 200


def test_expired_article_leaves_at_its_minute_and_is_kept(category):
    end = timezone.now().replace(second=0, microsecond=0) + timedelta(hours=2)
    expiring = make_article(category=category, title="Tin sắp hết hạn", expires_at=end)
    reader = Client()
    with time_machine.travel(end - timedelta(minutes=1), tick=False):
        assert "Tin sắp hết hạn" in reader.get("/").content.decode()
        assert reader.get(expiring.get_absolute_url()).status_code == 200
    with time_machine.travel(end + timedelta(minutes=1), tick=False):
        assert "Tin sắp hết hạn" not in reader.get("/").content.decode()
        assert reader.get(expiring.get_absolute_url()).status_code == 404
    assert Article.objects.filter(pk=expiring.pk).exists()


# --- preview ---------------------------------------------------------------------


def test_preview_shows_a_draft_to_staff_marked_and_never_cached(category):
    writer = member_of(WRITERS)
    draft = make_article(category=category, status=Article.Status.DRAFT, title="Bản thảo chưa đăng", created_by=writer)
    response = logged_in(writer).get(f"/xem-truoc/{draft.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bản xem trước" in html and "Bản thảo chưa đăng" in html and '<h1 class="article-title">' in html
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow" and "X-Page-Cache" not in response
    anonymous = Client().get(f"/xem-truoc/{draft.pk}/")
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
    assert Client().get(draft.get_absolute_url()).status_code == 404
    assert logged_in(make_user()).get(f"/xem-truoc/{draft.pk}/").status_code == 302  # not staff


# --- revisions -------------------------------------------------------------------


def test_every_save_keeps_a_revision_that_can_be_compared_and_restored_without_touching_ratings(category):
    from ratings.models import Vote

    approver = member_of(APPROVERS, first_name="Lan", last_name="Nguyễn")
    client = logged_in(approver)
    client.post("/admin/articles/article/add/", form_data(category, title="Tiêu đề đầu tiên", body="<p>Bản một</p>"))
    article = Article.objects.get()
    client.post(
        f"/admin/articles/article/{article.pk}/change/",
        form_data(category, title="Tiêu đề sửa lại", body="<p>Bản hai</p>", slug=article.slug, status="published"),
    )
    versions = Version.objects.get_for_object(article)
    assert len(versions) == 2
    assert versions[0].revision.user == approver and versions[0].revision.date_created

    compare = client.get(
        f"/admin/articles/article/{article.pk}/history/compare/",
        {"version_id1": versions[1].pk, "version_id2": versions[0].pk},
    ).content.decode()
    assert "Tiêu đề đầu tiên" in compare and "Tiêu đề sửa lại" in compare
    assert "So sánh" in compare and "Quay về phiên bản này" in compare  # in Vietnamese

    article.refresh_from_db()
    vote_client = Client()
    vote_client.post(f"/danh-gia/{article.pk}/", {"stars": "4"}, HTTP_ORIGIN="http://testserver")
    assert Vote.objects.count() == 1

    restore = client.post(
        f"/admin/articles/article/{article.pk}/history/{versions[1].pk}/",
        form_data(category, title="Tiêu đề đầu tiên", body="<p>Bản một</p>", slug=article.slug, status="published"),
    )
    assert restore.status_code == 302
    article.refresh_from_db()
    assert article.title == "Tiêu đề đầu tiên" and article.body == "<p>Bản một</p>"
    assert (article.rating_sum, article.rating_count) == (4, 1)  # the vote survives the restore


def test_a_stale_editor_form_does_not_overwrite_votes_that_came_in_meanwhile(category):
    article = make_article(category=category)
    client = logged_in(member_of(APPROVERS))
    client.get(f"/admin/articles/article/{article.pk}/change/")  # form loaded with 0 votes
    Client().post(f"/danh-gia/{article.pk}/", {"stars": "5"}, HTTP_ORIGIN="http://testserver")
    client.post(
        f"/admin/articles/article/{article.pk}/change/",
        form_data(category, title="Sửa sau khi có phiếu", slug=article.slug, status="published"),
    )
    article.refresh_from_db()
    assert article.title == "Sửa sau khi có phiếu" and (article.rating_sum, article.rating_count) == (5, 1)


# --- editing lock ----------------------------------------------------------------


def test_editing_lock_warns_the_second_editor_and_allows_a_takeover(category):
    article = make_article(category=category)
    lan = logged_in(member_of(APPROVERS, username="lan", first_name="Lan"))
    minh = logged_in(member_of(APPROVERS, username="minh", first_name="Minh"))
    url = f"/admin/articles/article/{article.pk}/change/"
    assert "đang mở bài này để sửa" not in lan.get(url).content.decode()
    warned = minh.get(url).content.decode()
    assert "Lan đang mở bài này để sửa" in warned and "?tiep-quan=1" in warned
    assert "đang mở bài này" not in minh.get(f"{url}?tiep-quan=1").content.decode()
    beat = lan.post(f"/admin/articles/article/{article.pk}/giu-cho/").json()
    assert beat["ok"] is False and "Minh đã tiếp quản" in beat["message"]
    assert minh.post(f"/admin/articles/article/{article.pk}/giu-cho/").json() == {"ok": True, "message": ""}
    assert Client().post(f"/admin/articles/article/{article.pk}/giu-cho/").status_code == 302


@pytest.mark.django_db
def test_non_numeric_admin_ids_are_not_a_500_and_viewers_take_no_lock(client):
    client.force_login(make_user(superuser=True))
    assert client.get("/admin/articles/article/abc/change/").status_code in (302, 404)
    article = make_article()
    viewer = Client()
    viewer.force_login(make_user(staff=True, perms=["view_article"], first_name="Người xem"))
    assert viewer.get(f"/admin/articles/article/{article.pk}/change/").status_code == 200
    assert "đang mở bài này" not in client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()


# --- print view ------------------------------------------------------------------


def test_print_view_has_site_address_date_author_and_text(client, category):
    article = make_article(category=category, title="Bài để in", author="Đồng chí Trần Văn B")
    html = client.get(f"/ban-in/{article.pk}.html").content.decode()
    assert "Huyện ủy Gò Công Tây" in html and f"http://testserver{article.get_absolute_url()}" in html
    assert "Bài để in" in html and "Tác giả bài viết: <strong>Đồng chí Trần Văn B</strong>" in html
    assert "Lưu dưới dạng PDF" in html and 'class="site-nav"' not in html
    assert f'href="/ban-in/{article.pk}.html"' in client.get(article.get_absolute_url()).content.decode()
    draft = make_article(category=category, status=Article.Status.DRAFT)
    assert client.get(f"/ban-in/{draft.pk}.html").status_code == 404
