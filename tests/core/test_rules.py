"""A rule written once as a Q: the database and one object in memory give the same answer."""

from datetime import timedelta

import pytest
from django.db.models import Q
from django.utils import timezone

from articles.models import Article, SiteBanner
from core.rules import holds
from tests.factories import image_upload, make_article


@pytest.mark.django_db
def test_is_published_and_the_admin_states_agree_with_the_querysets():
    now = timezone.now()
    articles = [
        make_article(),
        make_article(status=Article.Status.DRAFT),
        make_article(status=Article.Status.PENDING),
        make_article(status=Article.Status.UNPUBLISHED),
        make_article(published_at=now + timedelta(hours=2)),
        make_article(published_at=now - timedelta(days=3), expires_at=now - timedelta(hours=1)),
        make_article(published_at=now - timedelta(days=3), expires_at=now + timedelta(hours=1)),
        make_article(published_at=now),  # the very moment: published_at <= now
    ]
    published = set(Article.objects.published(now).values_list("pk", flat=True))
    scheduled = set(Article.objects.scheduled(now).values_list("pk", flat=True))
    expired = set(Article.objects.expired(now).values_list("pk", flat=True))
    assert published and scheduled and expired
    for article in articles:
        assert article.is_published(now) == (article.pk in published), article.status
        state = article.public_state(now)
        if article.pk in scheduled:
            assert state == "Hẹn giờ đăng"
        elif article.pk in expired:
            assert state == "Hết hạn"
        else:
            assert state == article.get_status_display()


@pytest.mark.django_db
def test_a_banner_state_agrees_with_its_window():
    now = timezone.now()
    banners = {
        "Đang hiển thị": SiteBanner(image=image_upload(), alt="live", shown_from=now - timedelta(days=1)),
        "Sắp hiển thị": SiteBanner(image=image_upload(), alt="coming", shown_from=now + timedelta(days=1)),
        "Đã qua": SiteBanner(
            image=image_upload(), alt="past", shown_from=now - timedelta(days=9), shown_until=now - timedelta(days=1)
        ),
        "Tắt": SiteBanner(image=image_upload(), alt="off", shown_from=now - timedelta(days=1), is_active=False),
    }
    for banner in banners.values():
        banner.save()
    assert list(SiteBanner.objects.current(now)) == [banners["Đang hiển thị"]]
    assert list(SiteBanner.objects.coming(now)) == [banners["Sắp hiển thị"]]
    for state, banner in banners.items():
        assert banner.state(now) == state


class Thing:
    def __init__(self, **values):
        self.__dict__.update(values)


def test_holds_follows_sql_on_null_and_refuses_what_it_does_not_know():
    assert holds(Q(a__isnull=True) | Q(a__gt=3), Thing(a=None))
    assert not holds(Q(a__lte=3), Thing(a=None))  # NULL <= 3 is not true in SQL either
    assert holds(~Q(a=1), Thing(a=2)) and not holds(~Q(a=1), Thing(a=1))
    with pytest.raises(ValueError, match="icontains"):
        holds(Q(a__icontains="x"), Thing(a="x"))
    with pytest.raises(ValueError, match="category__slug"):
        holds(Q(category__slug="x"), Thing(category=None))  # no relations: a lookup it does not know
