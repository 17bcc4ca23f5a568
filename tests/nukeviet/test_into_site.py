"""`import_nukeviet --site HOST` (issue 24, point 4): each old portal into its own site; the
same old site imported into two sites makes two sets of rows, each with its own old links."""

import pytest
from django.core.management import CommandError

from articles.models import Article, Category
from core.sites import serving
from demo.data import SEED
from tests.factories import make_site

from .oldsite import SEED_ID

pytestmark = pytest.mark.django_db

COMMUNE = "xahoabinh.localhost"


def test_an_old_site_goes_into_the_site_named_and_its_old_links_answer_there(run_import, client, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, ".localhost"]
    commune = make_site(COMMUNE, "Đảng ủy xã Hòa Bình")
    run_import("--site", COMMUNE)
    assert not Article.objects.on(1).exists() and not Category.objects.on(1).exists()
    with serving(commune):
        seed = Article.objects.get(legacy_id=SEED_ID)
    assert seed.site_id == commune.pk and seed.title == SEED["title"]
    old = f"/news/Xay-dung-Dang/bai-{SEED_ID}.html"
    assert client.get(old, HTTP_HOST=COMMUNE).headers["Location"] == seed.get_absolute_url()
    assert client.get(old).status_code == 404  # the district's site has no such article
    # The same old site into the first site as well: its own copy, the commune's untouched.
    run_import()
    first = Article.objects.on(1).get(legacy_id=SEED_ID)
    assert first.pk != seed.pk and Article.objects.on(commune).count() == Article.objects.on(1).count()
    assert client.get(old).headers["Location"] == first.get_absolute_url()


def test_an_unknown_site_is_refused_before_anything_is_read(run_import):
    with pytest.raises(CommandError, match=r"Không có trang nào có tên miền xakhongco\.localhost"):
        run_import("--site", "xakhongco.localhost")
    assert not Article.objects.exists()
