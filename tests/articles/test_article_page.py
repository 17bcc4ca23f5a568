import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, SiteBanner, Tag, Topic
from tests.factories import make_article, make_category

SEED_TITLE = "Nâng cao chất lượng lãnh đạo của Đảng bộ xã, thị trấn ở huyện Gò Công Tây trong giai đoạn hiện nay"
CAPTION = "Ban Chấp hành Đảng bộ xã Vĩnh Hựu nhiệm kỳ 2020 - 2025"


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return Article.objects.get(title=SEED_TITLE)


def test_seed_page_shows_what_the_old_portal_showed_in_its_order(client, demo):
    banner = SiteBanner.objects.get(alt="Banner 30-4-2024")
    banner.shown_until = None  # as the old portal showed it, in its window (the demo's has ended)
    banner.save()
    response = client.get(demo.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    text = text_of(html.split("<body", 1)[1])  # what the reader sees, not the metadata in <head>
    expected_in_order = [
        "Banner 30-4-2024",
        SEED_TITLE,
        "Thứ tư - 02/02/2022 06:32",
        "Đảng ta luôn coi công tác xây dựng Đảng là công tác cực kỳ quan trọng",
        CAPTION,
        "Tổ chức cơ sở Đảng được xác định là nền tảng",
        "1/ Nâng cao chất lượng lãnh đạo của các Đảng bộ xã, thị trấn",
        "2/ Nâng cao năng lực lãnh đạo của Đảng bộ xã, thị trấn",
        "Chú trọng công tác kiểm tra của cấp ủy, của cơ quan chuyên môn…",
        "Tác giả bài viết: Đồng chí Phạm Nguyễn Hoàng Vũ - Phó Bí thư Thường trực Huyện ủy",
        "Tổng số điểm của bài viết là: 57 trong 13 đánh giá",
        "Xếp hạng: 4,4 - 13 phiếu bầu",
        "Những tin mới hơn",
        "Những tin cũ hơn",
    ]
    body = html.split("<body", 1)[1]
    positions = [body.find("Banner 30-4-2024")] + [text.find(s) for s in expected_in_order[1:]]
    assert -1 not in positions, dict(zip(expected_in_order, positions, strict=True))
    assert positions[1:] == sorted(positions[1:])
    assert f'alt="{CAPTION}"' in html
    assert f"<figcaption>{CAPTION}</figcaption>" in html
    assert '<h1 class="article-title">' in html
    assert 'alt="Banner 30-4-2024"' in html
    assert 'aria-label="Xếp hạng 4,4 trên 5, 13 phiếu bầu"' in html


def test_newer_and_older_lists_are_the_ten_nearest_of_the_same_category(client, demo):
    response = client.get(demo.get_absolute_url())
    same = Article.objects.published().filter(category=demo.category)
    newer = list(same.filter(published_at__gt=demo.published_at).order_by("published_at")[:10])
    older = list(same.filter(published_at__lt=demo.published_at).order_by("-published_at")[:10])
    assert len(newer) == len(older) == 10
    assert [a.title for a in response.context_data["newer"]] == [a.title for a in newer]
    assert [a.title for a in response.context_data["older"]] == [a.title for a in older]
    html = response.content.decode()
    newer_block = html[html.index("Những tin mới hơn") : html.index("Những tin cũ hơn")]
    older_block = html[html.index("Những tin cũ hơn") :]
    older_block = older_block[: older_block.index("</section>")]
    assert newer_block.count("<li>") == older_block.count("<li>") == 10
    # nearest first on both sides
    assert newer_block.index(newer[0].title) < newer_block.index(newer[9].title)
    assert older_block.index(older[0].title) < older_block.index(older[9].title)
    # the 11th nearest is not shown
    eleventh = same.filter(published_at__gt=demo.published_at).order_by("published_at")[10]
    assert eleventh.title not in newer_block


def test_neighbour_lists_skip_other_categories_and_unpublished(client, db):
    category = make_category()
    now = timezone.now()
    article = make_article(category=category, published_at=now - timedelta(days=5))
    make_article(category=category, title="Tin cũ đã đăng", published_at=now - timedelta(days=6))
    make_article(category=category, title="Tin mới đã đăng", published_at=now - timedelta(days=4))
    make_article(category=category, title="Bản nháp", status=Article.Status.DRAFT, published_at=now - timedelta(days=4))
    make_article(category=category, title="Hẹn giờ", published_at=now + timedelta(days=1))
    make_article(category=category, title="Hết hạn", published_at=now - timedelta(days=6), expires_at=now)
    make_article(title="Tin chuyên mục khác", published_at=now - timedelta(days=4))
    # The page's own lists: the side column's "Tin mới" has the whole site's newest.
    text = text_of(client.get(article.get_absolute_url()).content.decode().split("<main", 1)[1].split("</main>")[0])
    assert "Tin cũ đã đăng" in text and "Tin mới đã đăng" in text
    for hidden in ("Bản nháp", "Hẹn giờ", "Hết hạn", "Tin chuyên mục khác"):
        assert hidden not in text


def test_same_minute_articles_are_ordered_by_id_without_gaps_or_repeats(client, db):
    category = make_category()
    moment = timezone.now() - timedelta(hours=1)
    articles = [make_article(category=category, published_at=moment) for _ in range(3)]
    response = client.get(articles[1].get_absolute_url())
    assert [a.pk for a in response.context_data["newer"]] == [articles[2].pk]
    assert [a.pk for a in response.context_data["older"]] == [articles[0].pk]


def test_wrong_slug_or_category_redirects_permanently_to_the_canonical_url(client, db):
    article = make_article(title="Đảng bộ Gò Công Tây")
    other = make_category(slug="khac")
    canonical = article.get_absolute_url()
    assert canonical == f"/{article.category.slug}/dang-bo-go-cong-tay-{article.pk}.html"
    for wrong in (
        f"/{article.category.slug}/ten-cu-{article.pk}.html",
        f"/{other.slug}/dang-bo-go-cong-tay-{article.pk}.html",
    ):
        response = client.get(wrong)
        assert response.status_code == 301
        assert response["Location"] == canonical


@pytest.mark.parametrize(
    "overrides",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.PENDING},
        {"published_at": timezone.now() + timedelta(minutes=5)},
        {"published_at": timezone.now() - timedelta(days=2), "expires_at": timezone.now() - timedelta(minutes=1)},
    ],
    ids=["draft", "pending", "scheduled", "expired"],
)
def test_unpublished_articles_are_404_to_the_public(client, db, overrides):
    article = make_article(**overrides)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()
    assert article.title not in response.content.decode()


def test_unknown_article_id_is_404(client, db):
    article = make_article()
    assert client.get(f"/{article.category.slug}/abc-{article.pk + 1000}.html").status_code == 404


@pytest.mark.django_db
def test_articles_of_a_hidden_category_link_to_no_missing_page(client):
    hidden = make_category(name="Chuyên mục đã ẩn", is_active=False)
    article = make_article(category=hidden)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Chuyên mục đã ẩn" in html and f'href="{hidden.get_absolute_url()}"' not in html


def test_title_and_text_fields_are_escaped(client, db):
    article = make_article(title="<script>alert('t')</script> Tin", summary="<b>sapo</b>", author="<i>tác giả</i>")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html
    assert "&lt;b&gt;sapo&lt;/b&gt;" in html and "&lt;i&gt;tác giả&lt;/i&gt;" in html


def test_article_page_can_be_printed_and_saved(client, db):
    article = make_article()
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'media="print"' in html and "css/print.css" in html
    print_url = f"/ban-in/{article.pk}.html"
    assert html.count(f'href="{print_url}"') == 1  # one control: "Bản in"
    printable = client.get(print_url).content.decode()
    assert "In bài viết" in printable and "Lưu dưới dạng PDF" in printable
    assert f'<a href="{article.get_absolute_url()}">‹ Quay lại bài viết</a>' in printable


def test_article_page_query_count_does_not_grow_with_articles(client, settings, db):
    settings.PAGE_CACHE_SECONDS = 0  # the view's own queries; a cached page costs none
    category = make_category()
    now = timezone.now()
    topic = Topic.objects.create(name="Đại hội Đảng bộ huyện")
    tags = [Tag.objects.create(name=name) for name in ("Đại hội", "Nông thôn mới")]
    article = make_article(category=category, published_at=now - timedelta(days=50), topic=topic)
    article.tags.set(tags)

    def count_queries():
        client.get(article.get_absolute_url())  # the first view after an edit refills the header cache
        with CaptureQueriesContext(connection) as queries:
            assert client.get(article.get_absolute_url()).status_code == 200
        return len(queries)

    few = count_queries()
    for day in range(1, 40):
        make_article(category=category, published_at=now - timedelta(days=50 + day), topic=topic).tags.set(tags)
        make_article(category=category, published_at=now - timedelta(days=50 - day)).tags.set(tags[:1])
    assert count_queries() == few
    # the article, its newer and older neighbours (one statement), tags, topic, related, attachments
    assert few == 6
