"""The parent sees its children (issue 24, point 3): the province's home page shows its
communes' newest articles at their own addresses, features one without copying it, and
offers a network-wide feed; a change on a commune clears the province's pages that show it."""

import pytest
from django.test import Client

from accounts import roles
from articles.below import FeaturedFromBelow
from articles.models import Article
from core.sites import serving
from tests.factories import give_role, make_article, make_category, make_site, make_user

pytestmark = pytest.mark.django_db

PROVINCE, COMMUNE, OTHER = "tinhuydongthap.localhost", "xahoabinh.localhost", "xakhac.localhost"


@pytest.fixture
def network(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, ".localhost"]
    settings.ADMIN_REQUIRE_2FA = False
    province = make_site(PROVINCE, "Tỉnh ủy Đồng Tháp")
    commune = make_site(COMMUNE, "Đảng ủy xã Hòa Bình", parent=province)
    unrelated = make_site(OTHER, "Đảng ủy xã Khác")  # no parent
    with serving(province):
        ours = make_article(title="Tin của tỉnh", category=make_category(slug="tin-tuc"))
    with serving(commune):
        theirs = make_article(title="Tin của xã Hòa Bình", category=make_category(slug="tin-tuc"))
    with serving(unrelated):
        stranger = make_article(title="Tin của xã khác", category=make_category(slug="tin-tuc"))
    return province, commune, ours, theirs, stranger


def test_the_parents_home_shows_its_childrens_newest_articles_at_their_own_addresses(client, network):
    _province, _commune, _ours, theirs, _stranger = network
    home = client.get("/", HTTP_HOST=PROVINCE).content.decode()
    assert "Tin từ các xã, phường" in home
    assert f'href="http://{COMMUNE}{theirs.get_absolute_url()}"' in home and "Đảng ủy xã Hòa Bình" in home
    assert "Tin của xã khác" not in home
    # Behind nginx the app server's own port (SERVER_PORT) is nobody's address: never in a link.
    behind = client.get("/", HTTP_HOST=PROVINCE, SERVER_PORT="8000").content.decode()
    assert f'href="http://{COMMUNE}{theirs.get_absolute_url()}"' in behind and ":8000" not in behind
    # The article stays the commune's: its own page, canonical and all, on its own host only.
    page = client.get(theirs.get_absolute_url(), HTTP_HOST=COMMUNE).content.decode()
    assert f'<link rel="canonical" href="http://{COMMUNE}{theirs.get_absolute_url()}">' in page
    assert client.get(theirs.get_absolute_url(), HTTP_HOST=PROVINCE).status_code == 404
    # A commune has no block of its own (nothing below it).
    assert "Tin từ các xã, phường" not in client.get("/", HTTP_HOST=COMMUNE).content.decode()


def test_a_change_on_a_child_clears_the_parents_cached_home(client, network):
    _province, _commune, _ours, theirs, stranger = network
    assert client.get("/", HTTP_HOST=PROVINCE)["X-Page-Cache"] == "miss"
    assert client.get("/", HTTP_HOST=PROVINCE)["X-Page-Cache"] == "hit"
    theirs.title = "Tin của xã Hòa Bình (cập nhật)"
    theirs.save()
    again = client.get("/", HTTP_HOST=PROVINCE)
    assert again["X-Page-Cache"] == "miss" and "(cập nhật)" in again.content.decode()
    stranger.save()  # a site that is not below it: the province's page stays cached
    assert client.get("/", HTTP_HOST=PROVINCE)["X-Page-Cache"] == "hit"


def test_a_parents_editor_features_a_childs_article_without_copying_it(network):
    province, commune, _ours, theirs, stranger = network
    approver = give_role(make_user(), roles.APPROVERS, site=province)
    client = Client(HTTP_HOST=PROVINCE)
    client.force_login(approver)
    form = client.get("/admin/articles/featuredfrombelow/add/").content.decode()
    assert "Tin của xã Hòa Bình" in form and "Tin của xã khác" not in form and "Tin của tỉnh" not in form
    forged = client.post("/admin/articles/featuredfrombelow/add/", {"article": stranger.pk, "order": 0})
    assert forged.status_code == 200 and "Hãy chọn một lựa chọn hợp lệ" in forged.content.decode()
    assert not FeaturedFromBelow.objects.exists()
    articles = Article.objects.count()
    assert client.post("/admin/articles/featuredfrombelow/add/", {"article": theirs.pk, "order": 0}).status_code == 302
    featured = FeaturedFromBelow.objects.get()
    assert featured.site_id == province.pk and featured.article_id == theirs.pk and Article.objects.count() == articles
    home = Client().get("/", HTTP_HOST=PROVINCE).content.decode()
    assert 'class="below-featured"' in home and f"http://{COMMUNE}{theirs.get_absolute_url()}" in home
    # A commune's editor has nothing to feature from below.
    writer = give_role(make_user(), roles.APPROVERS, site=commune)
    theirs_client = Client(HTTP_HOST=COMMUNE)
    theirs_client.force_login(writer)
    assert "featuredfrombelow" not in theirs_client.get("/admin/").content.decode()


def test_the_network_feed_covers_the_parent_and_its_children(client, network):
    _province, _commune, ours, theirs, _stranger = network
    feed = client.get("/rss/toan-mang/", HTTP_HOST=PROVINCE).content.decode()
    assert "Tin toàn mạng - Tỉnh ủy Đồng Tháp" in feed
    assert f"http://{COMMUNE}{theirs.get_absolute_url()}" in feed
    assert f"http://{PROVINCE}{ours.get_absolute_url()}" in feed
    assert "Tin của xã khác" not in feed
    own = client.get("/rss/", HTTP_HOST=PROVINCE).content.decode()
    assert "<title>Tỉnh ủy Đồng Tháp</title>" in own and "Tin của xã Hòa Bình" not in own


def test_a_network_wide_search_on_the_parent_covers_its_children(client, network):
    _province, _commune, _ours, theirs, _stranger = network
    own = client.get("/tim-kiem/", {"q": "tin cua"}, HTTP_HOST=PROVINCE).content.decode()
    assert "Tin của tỉnh" in own and "Tin của xã Hòa Bình" not in own
    assert 'name="toan_mang"' in own
    wide = client.get("/tim-kiem/", {"q": "tin cua", "toan_mang": "on"}, HTTP_HOST=PROVINCE).content.decode()
    assert "Tin của tỉnh" in wide and f"http://{COMMUNE}{theirs.get_absolute_url()}" in wide
    assert "Tin của xã khác" not in wide
    # A commune has nothing below it: no such choice, and a forged one covers its own site only.
    commune_page = client.get("/tim-kiem/", {"q": "tin cua", "toan_mang": "on"}, HTTP_HOST=COMMUNE)
    html = commune_page.content.decode()
    assert 'name="toan_mang"' not in html and "Tin của xã Hòa Bình" in html and "Tin của tỉnh" not in html
