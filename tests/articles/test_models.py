from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Article, Category
from tests.factories import make_article, make_category, make_user


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["admin", "tim-kiem", "rss", "danh-gia", "news", "healthz", "media", "static"])
def test_category_may_not_take_a_url_segment_another_route_owns(slug):
    category = Category(name="Chuyên mục", slug=slug)
    with pytest.raises(ValidationError) as error:
        category.full_clean()
    assert "đã dành cho trang khác" in str(error.value)
    with pytest.raises(ValidationError):
        category.save()  # scripts and imports are refused too
    assert not Category.objects.filter(slug=slug).exists()


@pytest.mark.django_db
def test_category_named_like_a_route_is_refused_by_name_too():
    with pytest.raises(ValidationError):
        Category(name="Tìm kiếm").save()


@pytest.mark.django_db
def test_two_categories_with_the_same_slug_get_a_message_not_a_500(client):
    make_category(name="Kinh tế - Xã hội", slug="")
    twin = Category(name="Kinh tế Xã hội")
    with pytest.raises(ValidationError) as error:
        twin.full_clean()
    assert "đã có chuyên mục khác dùng" in str(error.value)
    client.force_login(make_user(superuser=True))
    response = client.post("/admin/articles/category/add/", {"name": "Kinh tế Xã hội", "slug": "", "order": 0})
    assert response.status_code == 200 and "đã có chuyên mục khác dùng" in response.content.decode()
    assert Category.objects.count() == 1


@pytest.mark.django_db
def test_database_refuses_a_banner_without_alt_text():
    article = make_article()
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(lead_image="articles/x.jpg", lead_image_alt="")


@pytest.mark.django_db
def test_database_refuses_impossible_rating_totals():
    article = make_article()
    for totals in ({"rating_sum": 6, "rating_count": 1}, {"rating_sum": 0, "rating_count": 1}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Article.objects.filter(pk=article.pk).update(**totals)


@pytest.mark.django_db
def test_expiry_before_publication_is_refused_with_a_vietnamese_message():
    now = timezone.now()
    article = Article(
        title="Bài", category=make_category(), summary="Sapo", published_at=now, expires_at=now - timedelta(hours=1)
    )
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "Thời điểm hết hạn phải sau thời điểm xuất bản." in str(error.value)


@pytest.mark.django_db
def test_published_queryset_is_the_visibility_rule():
    now = timezone.now()
    visible = make_article(published_at=now - timedelta(minutes=1))
    make_article(published_at=now + timedelta(minutes=1))  # scheduled
    make_article(published_at=now - timedelta(days=1), expires_at=now - timedelta(seconds=1))  # expired
    make_article(status=Article.Status.DRAFT)
    still = make_article(published_at=now - timedelta(days=1), expires_at=now + timedelta(minutes=1))
    assert set(Article.objects.published(now=now)) == {visible, still}
    assert visible.is_published(now) and not Article.objects.get(status="draft").is_published(now)


def test_rating_average_and_rounded_stars():
    assert Article(rating_sum=57, rating_count=13).rating_average == 4.4
    assert Article(rating_sum=57, rating_count=13).rating_halves == 9  # 4,4: four and a half stars
    assert Article(rating_sum=9, rating_count=2).rating_halves == 9  # 4,5: four and a half, not five
    assert Article(rating_sum=21, rating_count=5).rating_halves == 8  # 4,2: four
    assert Article(rating_sum=24, rating_count=5).rating_halves == 10  # 4,8: five
    assert Article().rating_average == 0.0 and Article().rating_halves == 0
