"""The article page's SQL (articles/pagesql.py) answers what the ORM querysets answer.

The ORM's published() is the rule of what readers may see; the hand-written
statements must agree with it on every kind of article a reader must not see
(draft, waiting for approval, taken down, scheduled, expired), on ties of the
publication time, and on the header's categories and banner windows.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from articles import pagesql
from articles.models import Article, Attachment, Category, SiteBanner, Tag, Topic
from tests.factories import image_upload, make_article, make_category


def links(rows):
    return [(row.pk, row.title, row.get_absolute_url()) for row in rows]


def orm_links(queryset):
    return [(a.pk, a.title, a.get_absolute_url()) for a in queryset.select_related("category")]


@pytest.fixture
def newsroom(db):
    """A category with published articles around a middle one, and everything a
    reader must not see mixed in between."""
    now = timezone.now()
    category, other = make_category(), make_category()
    topic = Topic.objects.create(name="Đại hội Đảng bộ huyện")
    tags = [Tag.objects.create(name=name) for name in ("Đại hội", "Nông thôn mới", "Chuyển đổi số")]
    middle = make_article(category=category, published_at=now - timedelta(days=30), topic=topic)
    middle.tags.set(tags[:2])
    made = []
    for day in range(1, 16):
        for when in (now - timedelta(days=30 + day), now - timedelta(days=30 - day)):
            article = make_article(category=category, published_at=when, topic=topic if day % 3 == 0 else None)
            article.tags.set(tags[day % 3 : day % 3 + 1])
            made.append(article)
    # Same second as the middle one, on both sides of its id.
    made.append(make_article(category=category, published_at=middle.published_at))
    hidden = [
        make_article(category=category, published_at=now - timedelta(days=29), status=Article.Status.DRAFT),
        make_article(category=category, published_at=now - timedelta(days=31), status=Article.Status.PENDING),
        make_article(category=category, published_at=now - timedelta(days=28), status=Article.Status.UNPUBLISHED),
        make_article(category=category, published_at=now + timedelta(hours=1)),  # scheduled
        make_article(category=category, published_at=now - timedelta(days=32), expires_at=now - timedelta(hours=1)),
        make_article(category=other, published_at=now - timedelta(days=30), topic=topic),
    ]
    for article in hidden[:-1]:
        article.tags.set(tags)
    still_shown = make_article(category=category, published_at=now - timedelta(days=27), expires_at=now + timedelta(1))
    still_shown.tags.set(tags[:1])
    return {"middle": middle, "category": category, "topic": topic, "tags": tags, "hidden": hidden}


def test_the_article_is_found_only_when_readers_may_see_it(newsroom):
    middle = newsroom["middle"]
    found = pagesql.published_article(middle.pk)
    expected = Article.objects.published().for_page().get(pk=middle.pk)
    for field in ("title", "slug", "summary", "body", "author", "published_at", "updated_at", "rating_sum"):
        assert getattr(found, field) == getattr(expected, field), field
    assert found.category == expected.category and found.category.name == expected.category.name
    assert found.topic == expected.topic and found.topic.name == "Đại hội Đảng bộ huyện"
    assert found.allow_rating is True and found.get_absolute_url() == expected.get_absolute_url()
    for article in newsroom["hidden"][:5]:
        assert pagesql.published_article(article.pk) is None, article.status
    assert pagesql.published_article(10**9) is None


def test_newer_and_older_are_the_orms_nearest_published_of_the_category(newsroom):
    middle = newsroom["middle"]
    same_category = Article.objects.published().filter(category=middle.category)
    newer, older = pagesql.neighbours(middle, 10)
    assert links(newer) == orm_links(same_category.newer_than(middle)[:10])
    assert links(older) == orm_links(same_category.older_than(middle)[:10])
    assert len(newer) == len(older) == 10
    shown = {link.pk for link in newer + older}
    assert not shown & {article.pk for article in newsroom["hidden"]}


def test_the_newest_and_the_oldest_have_one_side_empty(newsroom):
    listed = Article.objects.published().filter(category=newsroom["category"]).newest_first()
    newest, oldest = listed.first(), listed.last()
    assert pagesql.neighbours(newest, 10)[0] == []
    assert pagesql.neighbours(oldest, 10)[1] == []
    assert links(pagesql.neighbours(newest, 3)[1]) == orm_links(listed.older_than(newest)[:3])


def test_tags_topic_and_related_lists_match_the_orm(newsroom):
    middle = newsroom["middle"]
    tags = pagesql.tags(middle)
    assert [tag.name for tag in tags] == [tag.name for tag in middle.tags.all()] == ["Nông thôn mới", "Đại hội"]
    published = Article.objects.published().exclude(pk=middle.pk)
    topic = newsroom["topic"]
    assert links(pagesql.topic_articles(middle, 10)) == orm_links(published.filter(topic=topic).newest_first()[:10])
    related = pagesql.related(middle, [tag.pk for tag in tags], 5, topic.pk)
    expected = published.filter(tags__in=tags).exclude(topic=topic).distinct().newest_first()[:5]
    assert links(related) == orm_links(expected) and len(related) == 5
    without_topic = pagesql.related(middle, [tag.pk for tag in tags], 50, None)
    assert links(without_topic) == orm_links(published.filter(tags__in=tags).distinct().newest_first()[:50])
    assert pagesql.related(middle, [], 5, None) == []


def test_the_attachments_are_the_articles_own_in_their_order_without_their_text(newsroom, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    middle, other = newsroom["middle"], make_article()

    def attach(article, name, order):
        upload = SimpleUploadedFile(f"{order}.pdf", pdf, "application/pdf")
        return Attachment.objects.create(article=article, name=name, order=order, file=upload)

    second, first = attach(middle, "Phụ lục 2.pdf", 2), attach(middle, "Kế hoạch số 120.pdf", 1)
    attach(other, "Của bài khác.pdf", 0)
    found = pagesql.attachments(middle)
    assert (
        [(a.pk, a.name, a.kind, a.size) for a in found]
        == [(a.pk, a.name, a.kind, a.size) for a in middle.attachments.all()]
        == [(first.pk, "Kế hoạch số 120.pdf", "pdf", len(pdf)), (second.pk, "Phụ lục 2.pdf", "pdf", len(pdf))]
    )
    assert all("text" in a.get_deferred_fields() for a in found)  # a PDF's words are not read for the page
    assert pagesql.attachments(other)[0].name == "Của bài khác.pdf"
    html = client.get(middle.get_absolute_url()).content.decode()
    assert html.index(first.get_absolute_url()) < html.index(second.get_absolute_url())
    assert "Của bài khác.pdf" not in html


def test_header_categories_and_banner_match_the_orm(db):
    now = timezone.now()
    Category.objects.all().delete()
    top = [make_category(name=name, order=order) for name, order in (("Tin tức", 2), ("Xây dựng Đảng", 1))]
    make_category(name="Ẩn", is_active=False)
    make_category(name="Con", parent=top[0])
    expected = list(Category.objects.filter(is_active=True, parent__isnull=True))
    found = pagesql.nav_categories()
    assert [c.name for c in found] == [c.name for c in expected] == ["Xây dựng Đảng", "Tin tức"]
    assert all(c.is_active is True for c in found)

    assert pagesql.current_banner() is None
    banners = [
        SiteBanner(alt="Đã hết", shown_from=now - timedelta(10), shown_until=now - timedelta(1)),
        SiteBanner(alt="Sắp tới", shown_from=now + timedelta(1)),
        SiteBanner(alt="Tắt", shown_from=now - timedelta(10), is_active=False),
        SiteBanner(alt="Đang hiện", shown_from=now - timedelta(2), shown_until=now + timedelta(2)),
        SiteBanner(alt="Cũ hơn", shown_from=now - timedelta(5)),
    ]
    for banner in banners:
        banner.image = image_upload()
        banner.save()
    banner = pagesql.current_banner()
    assert banner == SiteBanner.objects.current().first() and banner.alt == "Đang hiện"
    assert banner.image.url.startswith("/media/") and banner.image_width == 64


def test_a_category_is_found_as_the_orm_finds_a_visible_one_with_its_visible_subcategories(db, client):
    parent = make_category(name="Xây dựng Đảng", slug="xay-dung-dang")
    child = make_category(name="Công tác tổ chức", slug="cong-tac-to-chuc", parent=parent, order=2)
    first = make_category(name="Kiểm tra, giám sát", slug="kiem-tra-giam-sat", parent=child, order=1)
    make_category(name="Đã tắt", slug="da-tat", parent=child, is_active=False)
    hidden = make_category(name="Chuyên mục ẩn", slug="chuyen-muc-an", is_active=False)
    for slug in ("xay-dung-dang", "cong-tac-to-chuc", "kiem-tra-giam-sat"):
        found = pagesql.visible_category(slug)
        orm = Category.objects.visible().select_related("parent").get(slug=slug)
        assert (found.pk, found.name, found.parent_id) == (orm.pk, orm.name, orm.parent_id)
        assert (found.parent.name if found.parent else None) == (orm.parent.name if orm.parent else None)
        expected = list(orm.children.visible().order_by("order", "name"))
        assert [c.pk for c in found.subcategories] == [c.pk for c in expected]
    assert [c.name for c in pagesql.visible_category("cong-tac-to-chuc").subcategories] == ["Kiểm tra, giám sát"]
    assert pagesql.visible_category(hidden.slug) is None and pagesql.visible_category("khong-co") is None
    # Its page: the subcategory's article is its own, a hidden category's page is not there.
    make_article(title="Tin kiểm tra", category=first)
    assert "Tin kiểm tra" in client.get("/cong-tac-to-chuc/").content.decode()
    assert client.get("/chuyen-muc-an/").status_code == 404


def test_a_page_cursor_is_only_a_published_article(newsroom):
    middle = newsroom["middle"]
    position = pagesql.published_position(middle.pk)
    assert (position.pk, position.published_at) == (middle.pk, middle.published_at)
    for article in newsroom["hidden"][:5]:
        assert pagesql.published_position(article.pk) is None, article.status


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements: PostgreSQL only")
def test_postgresql_prepares_the_page_statements_and_plans_them_once(client, newsroom, settings):
    settings.PAGE_CACHE_SECONDS = 0
    with connection.cursor() as cursor:
        cursor.execute("SHOW plan_cache_mode")
        assert cursor.fetchone()[0] == "force_generic_plan"
    for _ in range(7):
        assert client.get(newsroom["middle"].get_absolute_url()).status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = " ".join(row[0] for row in cursor.fetchall())
    assert "UNION ALL" in prepared and '"articles_tag"' in prepared  # the neighbours, the keywords
    # A category page, first and from a cursor: its category, subcategories and cards.
    category = newsroom["category"]
    for _ in range(7):
        first = client.get(category.get_absolute_url())
        older = client.get(category.get_absolute_url() + f"?truoc={newsroom['middle'].pk}")
        assert first.status_code == older.status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements WHERE statement LIKE %s", ["%articles_category%"])
        statements = [row[0] for row in cursor.fetchall()]
    assert any("articles_article_extra_categories" in sql and "UNION ALL" in sql for sql in statements)
    assert any('"articles_category"."slug" = $' in sql for sql in statements)


def test_the_home_statements_answer_what_the_querysets_answer(newsroom):
    """The home page's top and category blocks (pagesql.front, home_blocks) against
    published().on_home() itself: featured or not, kept off the home page, drafts,
    scheduled and expired articles all mixed in."""
    now = timezone.now()
    category, other = newsroom["category"], make_category(name="Quốc phòng - An ninh")
    for day in (1, 2, 3, 6):
        make_article(category=other, published_at=now - timedelta(days=day), is_featured=day != 2)
    make_article(category=other, published_at=now - timedelta(hours=5), is_featured=True, show_on_home=False)
    make_article(category=other, published_at=now + timedelta(hours=2), is_featured=True)  # scheduled
    make_article(category=other, published_at=now - timedelta(hours=3), status=Article.Status.DRAFT)
    listed = Article.objects.published().on_home().newest_first()

    featured, newest = pagesql.front(4, 10)
    expected_featured = list(listed.filter(is_featured=True)[:4])
    assert [a.pk for a in featured] == [a.pk for a in expected_featured]
    assert [a.pk for a in newest] == [a.pk for a in listed.exclude(pk__in=[a.pk for a in featured])[:10]]
    assert all(a.category.name for a in featured + newest)  # the category is read with the row

    categories = pagesql.home_categories()
    assert [c.pk for c in categories] == [c.pk for c in Category.objects.on_home()]
    shown = [a.pk for a in newest[:3]]
    blocks = pagesql.home_blocks(categories, shown, 4, 10)
    for each in (category, other):
        expected = listed.filter(category=each).exclude(pk__in=shown)[:4]
        assert [a.pk for a in blocks[each.pk]] == [a.pk for a in expected], each.name


def test_a_category_page_statement_answers_what_in_categories_answers(newsroom):
    """pagesql.category_page against published().in_categories(): its own articles and a
    subcategory's, one filed there as an extra category, hidden ones mixed in; the first page
    and both cursors, ties of the publication time included."""
    category = newsroom["category"]
    child = make_category(name="Công tác tổ chức", parent=category)
    elsewhere = make_category(name="Văn hóa - Xã hội")
    middle = newsroom["middle"]
    make_article(category=child, published_at=middle.published_at)
    extra = make_article(category=elsewhere, published_at=middle.published_at - timedelta(hours=1))
    extra.extra_categories.add(category)
    draft = make_article(category=elsewhere, status=Article.Status.DRAFT)
    draft.extra_categories.add(category)
    ids = [category.pk, child.pk]
    listed = Article.objects.published().in_categories(ids)
    position = pagesql.published_position(middle.pk)

    assert [a.pk for a in pagesql.category_page(ids, None, None, 21)] == [a.pk for a in listed.newest_first()[:21]]
    older = pagesql.category_page(ids, position, None, 21)
    assert [a.pk for a in older] == [a.pk for a in listed.older_than(position)[:21]]
    assert extra.pk in [a.pk for a in older] and draft.pk not in [a.pk for a in older]
    newer = pagesql.category_page(ids, None, position, 21)
    assert [a.pk for a in newer] == [a.pk for a in listed.newer_than(position)[:21]]
    assert all(a.category.slug for a in older + newer)
