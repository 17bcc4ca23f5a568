"""`make run`'s small network (issue 24, point 6): load_demo --network makes the province,
two communes with their own content and the district as an archive, each on its *.localhost
name, and a second run changes nothing."""

import io

import pytest
from django.contrib.sites.models import Site
from django.core.management import call_command

from articles.models import Article
from network.registry import registry

pytestmark = pytest.mark.django_db

SEED_TITLE = "Nâng cao chất lượng lãnh đạo của Đảng bộ xã, thị trấn ở huyện Gò Công Tây trong giai đoạn hiện nay"


def test_each_demo_site_answers_on_its_own_name_with_its_own_content(client, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, ".localhost"]
    out = io.StringIO()
    call_command("load_demo", "--network", stdout=out)
    assert "tinhuydongthap.localhost" in out.getvalue()
    counts = (Site.objects.count(), Article.objects.count())
    call_command("load_demo", "--network", stdout=io.StringIO())
    assert (Site.objects.count(), Article.objects.count()) == counts == (4, counts[1])

    district = client.get("/", HTTP_HOST="huyengocongtay.localhost:8000").content.decode()
    assert "Gò Công Tây" in district and SEED_TITLE in district
    # The archive's notice links its successor on the port the reader came by (make run's :8000).
    assert '<a href="http://tinhuydongthap.localhost:8000/">Tỉnh ủy Đồng Tháp</a>' in district
    for host, name, own in [
        ("tinhuydongthap.localhost:8000", "Tỉnh ủy Đồng Tháp", "tỉnh Đồng Tháp"),
        ("xahoabinh.localhost:8000", "Đảng ủy xã Hòa Bình", "xã Hòa Bình"),
        ("phuongthongnhat.localhost:8000", "Đảng ủy phường Thống Nhất", "phường Thống Nhất"),
    ]:
        home = client.get("/", HTTP_HOST=host)
        html = home.content.decode()
        assert home.status_code == 200 and name in html and own in html
        assert SEED_TITLE not in html
        assert client.get("/gioi-thieu/", HTTP_HOST=host).status_code == 200
    archive = registry.site(1)
    assert archive.is_archive and registry.site(archive.successor_id).name == "Tỉnh ủy Đồng Tháp"
    communes = [site for site in registry.all() if site.parent_id]
    assert {site.name for site in communes} == {"Đảng ủy xã Hòa Bình", "Đảng ủy phường Thống Nhất"}
