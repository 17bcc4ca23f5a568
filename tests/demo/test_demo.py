import io
import re
from datetime import datetime, timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from articles.models import Article, Category, SiteBanner
from ratings.models import Vote

SEED_TITLE = "Nâng cao chất lượng lãnh đạo của Đảng bộ xã, thị trấn ở huyện Gò Công Tây trong giai đoạn hiện nay"


def snapshot():
    return (
        list(Category.objects.values_list("pk", "slug", "name")),
        list(Article.objects.order_by("pk").values_list("pk", "slug", "updated_at", "rating_sum", "rating_count")),
        list(SiteBanner.objects.values_list("pk", "image")),
        Vote.objects.count(),
    )


@pytest.mark.django_db
def test_load_demo_creates_the_seed_and_neighbours_and_is_idempotent():
    call_command("load_demo", stdout=io.StringIO())
    seed = Article.objects.get(title=SEED_TITLE)
    assert seed.is_published()
    assert seed.author == "Đồng chí Phạm Nguyễn Hoàng Vũ - Phó Bí thư Thường trực Huyện ủy"
    assert (seed.rating_sum, seed.rating_count) == (57, 13)
    assert seed.votes.count() == 13 and sum(seed.votes.values_list("stars", flat=True)) == 57
    assert (
        seed.lead_image
        and seed.lead_image_alt == seed.lead_image_caption == "Ban Chấp hành Đảng bộ xã Vĩnh Hựu nhiệm kỳ 2020 - 2025"
    )
    same = Article.objects.published().filter(category=seed.category)
    assert same.filter(published_at__lt=seed.published_at).count() >= 25
    assert same.filter(published_at__gt=seed.published_at).count() >= 25
    assert Article.objects.exclude(category=seed.category).count() >= 3
    # The holiday's banner has its window: shown around 30 April 2024, not in 2026.
    holiday = datetime(2024, 4, 30, 12, tzinfo=timezone.get_current_timezone())
    assert SiteBanner.objects.current(now=holiday).filter(alt="Banner 30-4-2024").exists()
    assert not SiteBanner.objects.current().filter(alt="Banner 30-4-2024").exists()
    # The votes' keys are hashes, never readable values.
    assert all(len(key) == 64 for key in Vote.objects.values_list("voter_key", flat=True))

    before = snapshot()
    call_command("load_demo", stdout=io.StringIO())
    assert snapshot() == before


@pytest.mark.django_db
def test_the_demo_register_has_a_dozen_documents_with_searchable_pdfs(client):
    from documents.models import Document

    call_command("load_demo", stdout=io.StringIO())
    assert Document.objects.published().count() == 12
    assert all(document.files.get().has_text for document in Document.objects.all())
    page = client.get("/van-ban/").content.decode()
    assert "12 văn bản" in page and "Đã được thay thế" in page
    assert "Nghị quyết số 15-NQ/HU" in client.get("/tim-kiem/", {"q": "nghi quyet 15"}).content.decode()
    call_command("load_demo", stdout=io.StringIO())
    assert Document.objects.count() == 12


@pytest.mark.django_db
def test_a_demo_banner_loaded_without_an_end_gets_one_and_leaves_the_header():
    call_command("load_demo", stdout=io.StringIO())
    banner = SiteBanner.objects.get(alt="Banner 30-4-2024")
    banner.shown_until = None
    banner.save()  # as an older load_demo left it
    assert 'class="site-banner"' in Client().get("/").content.decode()
    call_command("load_demo", stdout=io.StringIO())
    banner.refresh_from_db()
    assert banner.shown_until.year == 2024
    assert 'class="site-banner"' not in Client().get("/").content.decode()


@pytest.mark.django_db
def test_the_demo_has_a_month_of_views_so_xem_nhieu_shows_and_a_second_run_adds_none(client):
    from hits.models import DailyViews

    call_command("load_demo", stdout=io.StringIO())
    today = timezone.localdate()
    assert DailyViews.objects.filter(day=today).count() == 12
    assert DailyViews.objects.filter(day__lt=today - timedelta(days=29)).count() == 0
    assert len(set(DailyViews.objects.values_list("count", flat=True))) > 20  # a spread, not one number
    home = client.get("/").content.decode()
    lists = re.search(r'<aside class="most-read".*?</aside>', home, re.S)
    assert lists and "Chưa có số liệu" not in lists.group(0)
    for heading in ("Trong tuần", "Trong tháng"):
        assert heading in lists.group(0)
    assert len(re.findall(r"<li><a href=", lists.group(0))) == 10  # five a list
    week, month = lists.group(0).split("Trong tháng")
    assert SEED_TITLE in week and SEED_TITLE in month
    links = r'<li><a href="([^"]+)"'
    assert re.findall(links, week) != re.findall(links, month)  # this week's news: not the month's list
    before = list(DailyViews.objects.order_by("article", "day").values_list("article", "day", "count"))
    call_command("load_demo", stdout=io.StringIO())
    assert list(DailyViews.objects.order_by("article", "day").values_list("article", "day", "count")) == before
    assert 'id="van-ban-moi"' in client.get("/").content.decode()
