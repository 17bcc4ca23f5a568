"""One installation, many sites: the host name chooses the site (network/)."""

import pytest
from django.core.exceptions import ValidationError

from network.models import HostName, SiteSettings
from network.registry import registry
from network.setup import seed_hosts
from tests.factories import edit_site, make_site

pytestmark = pytest.mark.django_db

XA = "xabinhnhi.localhost"


@pytest.fixture
def commune(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, ".localhost", ".example.vn"]
    tagline = "Cổng thông tin Đảng bộ xã Bình Nhì"
    return make_site(XA, "Đảng ủy xã Bình Nhì", tagline=tagline, owner="Đảng ủy xã Bình Nhì")


def brand(html: str) -> str:
    return html.split('class="brand-name">', 1)[1].split("<", 1)[0]


def test_the_same_path_on_two_hosts_is_each_sites_own_page_cached_and_not(client, commune):
    for _ in range(2):  # the first answer is made, the second comes from the page cache
        district = client.get("/").content.decode()
        xa = client.get("/", HTTP_HOST=XA).content.decode()
        assert brand(district) == "Huyện ủy Gò Công Tây" and "Đảng ủy xã Bình Nhì" not in district
        assert brand(xa) == "Đảng ủy xã Bình Nhì" and "Cổng thông tin Đảng bộ xã Bình Nhì" in xa
        assert "Huyện ủy Gò Công Tây" not in xa


def test_a_host_that_no_site_has_gets_a_404_naming_no_site(client, commune):
    response = client.get("/", HTTP_HOST="khongco.example.vn")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không có cổng thông tin nào ở địa chỉ này" in html and "khongco.example.vn" in html
    assert "Gò Công Tây" not in html and "Bình Nhì" not in html
    assert client.get("/tin-tuc/", HTTP_HOST="khongco.example.vn").status_code == 404


def test_another_name_of_a_site_sends_the_reader_to_its_main_name(client, commune):
    HostName.objects.create(site=commune, host="binhnhi.example.vn")
    response = client.get("/tim-kiem/?q=n%C3%B4ng+th%C3%B4n", HTTP_HOST="binhnhi.example.vn")
    assert response.status_code == 301
    assert response["Location"] == f"http://{XA}/tim-kiem/?q=n%C3%B4ng+th%C3%B4n"


def test_a_name_kept_for_the_it_team_serves_the_site_as_it_is(client, commune, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "10.0.0.7"]
    HostName.objects.create(site=commune, host="10.0.0.7", redirect=False)
    response = client.get("/", HTTP_HOST="10.0.0.7")
    assert response.status_code == 200 and brand(response.content.decode()) == "Đảng ủy xã Bình Nhì"


def test_the_health_check_answers_on_any_host(client, commune):
    assert client.get("/healthz", HTTP_HOST="khongco.example.vn").status_code == 200


def test_a_warm_worker_resolves_a_host_without_a_query(commune, django_assert_num_queries):
    registry.current()
    with django_assert_num_queries(0):
        site, redirect = registry.resolve(f"{XA}:8000")
    assert site.name == "Đảng ủy xã Bình Nhì" and site.pk == commune.pk and redirect is None


def test_a_change_to_a_site_shows_on_the_next_page(client, commune):
    assert brand(client.get("/", HTTP_HOST=XA).content.decode()) == "Đảng ủy xã Bình Nhì"
    commune.name = "Đảng ủy xã Bình Nhì (mới)"
    commune.save()
    assert brand(client.get("/", HTTP_HOST=XA).content.decode()) == "Đảng ủy xã Bình Nhì (mới)"
    edit_site(commune.pk, owner="Cơ quan chủ quản: Đảng ủy xã Bình Nhì")
    assert "Cơ quan chủ quản: Đảng ủy xã Bình Nhì" in client.get("/", HTTP_HOST=XA).content.decode()


def test_a_host_name_another_site_has_is_refused_in_vietnamese(commune):
    HostName.objects.create(site=commune, host="binhnhi.example.vn")
    for host in ("BinhNhi.example.vn.", XA, "testserver"):
        with pytest.raises(ValidationError) as refused:
            HostName(site_id=1, host=host).full_clean()
        assert "đã" in str(refused.value) and ("thuộc trang" in str(refused.value) or "tên chính" in str(refused.value))
    with pytest.raises(ValidationError, match="Tên miền không hợp lệ"):
        HostName(site=commune, host="http://xa/").full_clean()
    assert HostName.objects.count() == 1 + HostName.objects.filter(site_id=1).count()


def test_a_site_cannot_be_its_own_parent_nor_its_childs_child(commune):
    own = SiteSettings.objects.get(site=commune)
    own.parent = commune
    with pytest.raises(ValidationError, match="chính nó"):
        own.full_clean()
    own.parent_id = 1
    own.full_clean()
    own.save()
    province = SiteSettings.objects.get(site_id=1)
    province.parent = commune
    with pytest.raises(ValidationError, match="cấp trên"):
        province.full_clean()
    successor_only = SiteSettings.objects.get(site=commune)
    successor_only.successor_id = 1
    with pytest.raises(ValidationError, match="ngày ngừng hoạt động"):
        successor_only.full_clean()


def test_the_first_site_is_the_portal_as_it_was_configured():
    site = registry.site(1)
    assert site.domain == "testserver" and site.name == "Huyện ủy Gò Công Tây"
    assert site.owner == "Cơ quan chủ quản: Huyện ủy Gò Công Tây"
    assert set(HostName.objects.filter(site_id=1, redirect=False).values_list("host", flat=True)) >= {
        "localhost",
        "127.0.0.1",
    }
    assert seed_hosts(["WWW.Huyenuy.vn", ".huyenuy.vn", "*", "127.0.0.1:8000", "www.huyenuy.vn"]) == (
        "www.huyenuy.vn",
        ["127.0.0.1", "localhost", "[::1]"],
    )
    # Migrated before its names were set: the machine's own names still reach it.
    assert seed_hosts([".dongthap.gov.vn"]) == ("localhost", ["127.0.0.1", "[::1]"])
