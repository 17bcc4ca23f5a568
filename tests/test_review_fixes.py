"""Edge cases found in review: each was a 500, a stale cache or a leak."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from articles.models import Article, Category
from tests.factories import make_article, make_category, make_user


@pytest.mark.django_db
def test_caching_resumes_after_a_scheduled_moment_has_passed(client):
    start = timezone.now().replace(microsecond=0) + timedelta(hours=1)
    make_article(title="Tin hẹn giờ thứ nhất", published_at=start)
    make_article(title="Tin hẹn giờ thứ hai", published_at=start + timedelta(hours=5))
    with time_machine.travel(start - timedelta(minutes=1), tick=False):
        client.get("/")
    with time_machine.travel(start + timedelta(minutes=1), tick=False):
        assert "Tin hẹn giờ thứ nhất" in client.get("/").content.decode()
        second = client.get("/")
        assert second["X-Page-Cache"] == "hit"  # cached again, until the next scheduled article
        assert int(second["X-Accel-Expires"]) > 0


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
@pytest.mark.parametrize("cursor", ["²", "١٢", "1e3", " 1"])
def test_odd_digits_in_a_page_cursor_are_404(client, cursor):
    category = make_category()
    make_article(category=category)
    assert client.get(category.get_absolute_url(), {"truoc": cursor}).status_code == 404


@pytest.mark.django_db
def test_a_page_cursor_says_nothing_about_drafts(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    category = make_category()
    make_article(category=category)
    draft = make_article(category=category, status=Article.Status.DRAFT)
    assert client.get(category.get_absolute_url(), {"truoc": draft.pk}).status_code == 404


@pytest.mark.django_db
def test_non_numeric_admin_ids_are_not_a_500_and_viewers_take_no_lock(client):
    client.force_login(make_user(superuser=True))
    assert client.get("/admin/articles/article/abc/change/").status_code in (302, 404)
    article = make_article()
    viewer = Client()
    viewer.force_login(make_user(staff=True, perms=["view_article"], first_name="Người xem"))
    assert viewer.get(f"/admin/articles/article/{article.pk}/change/").status_code == 200
    assert "đang mở bài này" not in client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()


@pytest.mark.django_db
def test_shared_link_parameters_do_not_make_new_copies(client):
    article = make_article()
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "miss"
    shared = client.get(article.get_absolute_url(), {"fbclid": "IwAR0abc", "utm_source": "zalo"})
    assert shared["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_nul_in_an_old_portal_link_is_404(client):
    assert client.get("/news/a%00b/").status_code == 404


@pytest.mark.django_db
def test_writer_with_delete_rights_cannot_delete_a_published_article(client):
    writer = make_user(staff=True, perms=["view_article", "change_article", "delete_article"])
    article = make_article(created_by=writer)
    client.force_login(writer)
    assert client.post(f"/admin/articles/article/{article.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Article.objects.filter(pk=article.pk).exists()


@pytest.mark.django_db
def test_articles_of_a_hidden_category_link_to_no_missing_page(client):
    hidden = make_category(name="Chuyên mục đã ẩn", is_active=False)
    article = make_article(category=hidden)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Chuyên mục đã ẩn" in html and f'href="{hidden.get_absolute_url()}"' not in html
