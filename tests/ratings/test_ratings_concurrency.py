"""Votes arriving at the same moment, each on its own database connection (PostgreSQL)."""

import threading

import pytest
from django.conf import settings as django_settings
from django.core import signing
from django.db import connection
from django.test import Client

from articles.models import Article
from ratings.models import Vote
from tests.factories import make_article

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locking under concurrency: PostgreSQL only"),
    pytest.mark.django_db(transaction=True),
]


def run_at_once(count, work):
    barrier = threading.Barrier(count)
    results = [None] * count

    def run(i):
        try:
            barrier.wait(timeout=300)  # only a guard against a hang: a busy machine starts threads slowly
            results[i] = work(i)
        finally:
            connection.close()  # each thread had a connection of its own

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)  # only a guard against a hang
    return results


def cast(client, article_id, stars):
    return client.post(
        f"/danh-gia/{article_id}/", {"stars": stars}, HTTP_ORIGIN="http://testserver", HTTP_ACCEPT="application/json"
    ).status_code


def test_sixty_readers_at_once_give_exactly_sixty_votes(settings):
    settings.RATING_VOTES_PER_IP_PER_HOUR = 1000
    article = make_article()
    stars = [i % 5 + 1 for i in range(60)]
    codes = run_at_once(60, lambda i: cast(Client(REMOTE_ADDR=f"10.0.0.{i}"), article.pk, str(stars[i])))
    assert codes == [200] * 60
    article.refresh_from_db()
    assert (article.rating_count, article.rating_sum) == (60, sum(stars))
    assert Vote.objects.filter(article=article).count() == 60


def test_one_reader_sending_ten_votes_at_once_is_counted_once(settings):
    settings.RATING_VOTES_PER_IP_PER_HOUR = 1000
    article = make_article()
    signer = signing.get_cookie_signer(salt=django_settings.RATING_COOKIE_NAME + "ratings.voter")
    cookie = signer.sign("mot-ban-doc-duy-nhat")

    def same_reader(i):
        client = Client()
        client.cookies[django_settings.RATING_COOKIE_NAME] = cookie
        return cast(client, article.pk, "5")

    codes = run_at_once(10, same_reader)
    assert sorted(codes) == [200] + [409] * 9
    article.refresh_from_db()
    assert (article.rating_count, article.rating_sum) == (1, 5)
    assert Article.objects.get(pk=article.pk).votes.count() == 1
