"""While the database does not answer: 503 "đang bảo trì" with Retry-After, JSON for a vote,
nothing saved, and service back by itself."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client

from ratings.models import Vote
from tests.factories import make_article

pytestmark = pytest.mark.django_db

DOWN = OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')


def test_a_page_made_afresh_is_a_503_maintenance_page_then_comes_back(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    article = make_article(title="Tin khi cơ sở dữ liệu ngừng")
    with mock.patch("articles.pagesql.published_article", side_effect=DOWN):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 503 and response["Retry-After"] == "30"
    html = response.content.decode()
    assert "đang bảo trì" in html and '<html lang="vi">' in html
    assert "no-store" in response["Cache-Control"]
    assert client.get(article.get_absolute_url()).status_code == 200  # by itself, once it answers


def test_a_vote_gets_a_json_503_and_nothing_is_saved(client):
    article = make_article()
    with mock.patch("ratings.services.Vote.objects.create", side_effect=DOWN):
        response = client.post(
            f"/danh-gia/{article.pk}/", {"stars": "5"}, HTTP_ORIGIN="http://testserver", HTTP_ACCEPT="application/json"
        )
    assert response.status_code == 503 and "đang bảo trì" in response.json()["message"]
    article.refresh_from_db()
    assert (article.rating_sum, article.rating_count) == (0, 0) and not Vote.objects.exists()
    plain = Client()
    with mock.patch("ratings.services.Vote.objects.create", side_effect=DOWN):
        page = plain.post(f"/danh-gia/{article.pk}/", {"stars": "5"}, HTTP_ORIGIN="http://testserver")
    assert page.status_code == 503 and "đang bảo trì" in page.content.decode()
