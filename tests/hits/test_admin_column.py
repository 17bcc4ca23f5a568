"""Editors see how often an article was read: the week's views in the list, the total on the form."""

import datetime

import pytest
from django.utils import timezone

from hits.models import DailyViews
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db


def test_the_article_list_and_form_show_the_views(client):
    article = make_article(title="Tin được đọc nhiều")
    today = timezone.localdate()
    DailyViews.objects.create(article=article, day=today, count=40)
    DailyViews.objects.create(article=article, day=today - datetime.timedelta(days=3), count=2)
    DailyViews.objects.create(article=article, day=today - datetime.timedelta(days=20), count=100)  # not this week
    client.force_login(make_user(superuser=True))
    listing = client.get("/admin/articles/article/").content.decode()
    assert "xem 7 ngày" in listing.lower() and '<td class="field-views_7_days">42</td>' in listing
    form = client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert "142" in form
