"""Editors see only their own sites (issue 24, point 2): a role is held at a site, the admin
works on one of the person's sites at a time, and a forged request for another site's row
finds nothing to change."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from reversion.models import Version

from accounts import roles
from articles.models import Article, Category
from core.sites import serving
from network.models import Membership
from tests.factories import give_role, make_article, make_category, make_site, make_user

pytestmark = pytest.mark.django_db

XA = "xabinhnhi.localhost"
PASSWORD = "Mat-khau-dai-hon-12"


@pytest.fixture(autouse=True)
def no_second_step(settings):
    settings.ADMIN_REQUIRE_2FA = False  # the administrators here log in with a password alone
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, ".localhost"]


@pytest.fixture
def commune():
    return make_site(XA, "Đảng ủy xã Bình Nhì")


@pytest.fixture
def two_sites(commune):
    """A draft on each site, in each site's own category."""
    district_draft = make_article(
        title="Bản nháp của huyện", status="draft", category=make_category(name="Tin huyện", slug="tin-huyen")
    )
    with serving(commune):
        commune_draft = make_article(
            title="Bản nháp của xã", status="draft", category=make_category(name="Tin xã", slug="tin-xa")
        )
    return district_draft, commune_draft


def logged_in(user, host="testserver"):
    client = Client(HTTP_HOST=host)
    client.force_login(user)
    return client


def article_form(category_pk, **overrides):
    return {
        "title": "Bài viết thử nghiệm",
        "slug": "",
        "category": category_pk,
        "summary": "Sapo.",
        "body": "<p>Nội dung.</p>",
        "author": "Ban Tuyên giáo",
        "status": "draft",
        "published_at_0": "02/02/2022",
        "published_at_1": "06:32:00",
        **overrides,
    }


def test_an_editor_sees_lists_searches_and_chooses_only_their_sites_rows(commune, two_sites):
    approver = give_role(make_user(), roles.APPROVERS, site=commune)
    client = logged_in(approver, XA)
    listing = client.get("/admin/articles/article/").content.decode()
    assert "Bản nháp của xã" in listing and "Bản nháp của huyện" not in listing
    found = client.get("/admin/articles/article/?q=b%E1%BA%A3n+nh%C3%A1p").content.decode()
    assert "Bản nháp của xã" in found and "Bản nháp của huyện" not in found
    form = client.get("/admin/articles/article/add/").content.decode()
    assert "Tin xã" in form and "Tin huyện" not in form  # the category drop-down
    assert "Quản trị Đảng ủy xã Bình Nhì" in form  # the header names the site worked on


def test_a_forged_post_for_another_sites_article_or_category_changes_nothing(commune, two_sites):
    district_draft, _ = two_sites
    approver = give_role(make_user(), roles.APPROVERS, site=commune)
    client = logged_in(approver, XA)
    url = f"/admin/articles/article/{district_draft.pk}/change/"
    response = client.post(url, article_form(district_draft.category_id, title="Đã bị sửa"), follow=True)
    assert "không tồn tại" in response.content.decode()
    district_draft.refresh_from_db()
    assert district_draft.title == "Bản nháp của huyện"

    before = Article.objects.count()
    district_category = Category.objects.get(slug="tin-huyen")
    response = client.post("/admin/articles/article/add/", article_form(district_category.pk))
    assert response.status_code == 200 and "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert Article.objects.count() == before


def test_a_role_counts_at_its_own_site_only(commune, two_sites):
    writer = give_role(make_user(), roles.WRITERS, site=commune)
    assert roles.role_of(writer, commune) == roles.WRITERS and roles.role_of(writer, 1) == roles.NO_ROLE
    with serving(commune):
        assert writer.has_perm("articles.add_article")
    assert not User.objects.get(pk=writer.pk).has_perm("articles.add_article")  # at the first site
    # On the district's own host, the admin still works on the commune: the one site they have.
    listing = logged_in(writer).get("/admin/articles/article/").content.decode()
    assert "Quản trị Đảng ủy xã Bình Nhì" in listing and "Bản nháp của huyện" not in listing


def test_switching_sites_needs_a_role_there(commune, two_sites):
    writer = give_role(make_user(), roles.WRITERS, site=commune)
    client = logged_in(writer, XA)
    refused = client.post("/admin/doi-trang/", {"site": "1"}, follow=True).content.decode()
    assert "Bạn không có vai trò ở trang này" in refused
    assert "Bản nháp của huyện" not in client.get("/admin/articles/article/").content.decode()

    give_role(writer, roles.APPROVERS)  # now at the district too
    header = client.get("/admin/").content.decode()
    assert 'name="site"' in header and "Trang đang làm việc" in header
    switched = client.post("/admin/doi-trang/", {"site": "1"}, follow=True).content.decode()
    assert "Bạn đang làm việc với trang “Huyện ủy Gò Công Tây”" in switched
    listing = client.get("/admin/articles/article/").content.decode()
    assert "Bản nháp của huyện" in listing and "Bản nháp của xã" not in listing
    # Working on the district from the commune's host: its preview opens on the district's own name.
    district_draft = two_sites[0]
    form = client.get(f"/admin/articles/article/{district_draft.pk}/change/").content.decode()
    assert f'href="//testserver/xem-truoc/{district_draft.pk}/"' in form


def test_a_sites_administrator_manages_only_that_sites_accounts(commune):
    chief = give_role(make_user(username="truongban"), roles.ADMINS, site=commune)
    ours = give_role(make_user(username="phongvienxa"), roles.WRITERS, site=commune)
    theirs = give_role(make_user(username="phongvienhuyen"), roles.WRITERS)
    shared = give_role(give_role(make_user(username="cahai"), roles.WRITERS, site=commune), roles.WRITERS)
    network = make_user(username="tinh", superuser=True)
    Membership.objects.create(user=network, site=commune, role=roles.WRITERS)
    client = logged_in(chief, XA)
    listing = client.get("/admin/auth/user/").content.decode()
    assert "phongvienxa" in listing
    for other in ("phongvienhuyen", "cahai", "tinh"):
        assert f">{other}<" not in listing
    for user in (theirs, shared, network):  # not even by its address
        page = client.get(f"/admin/auth/user/{user.pk}/password/", follow=True).content.decode()
        assert "không tồn tại" in page or "Không tìm thấy" in page
    form = client.get(f"/admin/auth/user/{ours.pk}/change/").content.decode()
    assert "Vai trò ở trang Đảng ủy xã Bình Nhì" in form and "is_superuser" not in form


def test_a_site_never_loses_its_last_administrator(commune):
    chief = give_role(make_user(username="truongban"), roles.ADMINS, site=commune)
    client = logged_in(chief, XA)
    form = {"username": "truongban", "role": roles.WRITERS, "is_active": "on"}
    response = client.post(f"/admin/auth/user/{chief.pk}/change/", form)
    assert response.status_code == 200
    assert "phải còn ít nhất một người quản trị" in response.content.decode()
    assert roles.role_of(chief, commune) == roles.ADMINS


def test_a_new_site_needs_its_first_administrator(client):
    network = make_user(username="tinh", superuser=True)
    chief = make_user(username="truongbanxa")
    client.force_login(network)
    form = {"domain": "xatanphu.localhost", "name": "Đảng ủy xã Tân Phú"}
    form |= {f"{prefix}-{key}": value for prefix in ("settings", "host_names", "memberships")
             for key, value in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))}  # fmt: skip
    form |= {"settings-TOTAL_FORMS": "1"}
    refused = client.post("/admin/sites/site/add/", form)
    assert refused.status_code == 200 and "cần ít nhất một người quản trị" in refused.content.decode()
    assert not Membership.objects.exists()
    done = client.post("/admin/sites/site/add/", {**form, "first_administrator": chief.pk})
    assert done.status_code == 302
    site = Membership.objects.get(user=chief).site
    assert site.domain == "xatanphu.localhost" and roles.role_of(chief, site) == roles.ADMINS
    chief.refresh_from_db()
    assert chief.is_staff


def test_deleted_items_of_another_site_cannot_be_recovered(commune, two_sites):
    import reversion

    district_pk = two_sites[0].pk
    for article in two_sites:
        with reversion.create_revision():
            article.save()
        article.delete()
    approver = give_role(make_user(), roles.APPROVERS, site=commune)
    client = logged_in(approver, XA)
    page = client.get("/admin/articles/article/recover/").content.decode()
    assert "Bản nháp của xã" in page and "Bản nháp của huyện" not in page
    theirs = Version.objects.get(object_id=str(district_pk), content_type__model="article")
    assert client.get(f"/admin/articles/article/recover/{theirs.pk}/").status_code == 404
