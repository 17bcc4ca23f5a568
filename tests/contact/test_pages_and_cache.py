"""The contact page is cached like any other; nothing per reader in it, the thanks never cached."""

import pytest
from django.test import Client

from tests.contact.helpers import send

pytestmark = pytest.mark.django_db


def test_the_page_is_cached_and_carries_no_csrf_token_or_cookie():
    first, second = Client(), Client()
    assert first.get("/lien-he/")["X-Page-Cache"] == "miss"
    cached = second.get("/lien-he/")
    assert cached["X-Page-Cache"] == "hit"
    html = cached.content.decode()
    assert "csrfmiddlewaretoken" not in html and not cached.cookies
    assert "Cookie" not in cached.get("Vary", "")
    assert Client().get("/en/contact/").status_code == 200
    assert Client().get("/en/contact/")["X-Page-Cache"] == "hit"


def test_the_thanks_goes_to_the_sender_only_and_is_never_cached():
    sender, other = Client(), Client()
    other.get("/lien-he/")  # the page is in the cache
    response = send(sender)
    assert response.status_code == 303 and "no-store" in response["Cache-Control"]
    thanked = sender.get(response["Location"])
    assert "Cảm ơn bạn đã gửi góp ý" in thanked.content.decode()
    assert "X-Page-Cache" not in thanked  # the messages cookie takes it around the cache
    for _ in range(2):
        page = other.get("/lien-he/")
        assert page["X-Page-Cache"] == "hit" and "Cảm ơn" not in page.content.decode()
    assert "Cảm ơn" not in Client().get("/lien-he/").content.decode()


def test_answers_to_a_post_are_never_cached(client):
    for response in (send(client, name=""), send(client, website="x"), send(client, headers={"HTTP_ORIGIN": ""})):
        assert "no-store" in response["Cache-Control"] and "X-Page-Cache" not in response
    assert "Vui lòng" not in Client().get("/lien-he/").content.decode().split("<main", 1)[1].split("<form", 1)[0]


def test_a_query_string_does_not_make_another_page():
    Client().get("/lien-he/")
    assert Client().get("/lien-he/?da-gui=1&utm_source=zalo")["X-Page-Cache"] == "hit"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/contact/", "/lien-he/"),
        ("/contact", "/lien-he/"),
        ("/contact/lien-he-van-phong.html", "/lien-he/"),
        ("/vi/contact/", "/lien-he/"),
        ("/vi/contact/ban-tuyen-giao/", "/lien-he/"),
        ("/en/contact", "/en/contact/"),
        ("/en/contact/office/", "/en/contact/"),
    ],
)
def test_the_old_portals_contact_links_answer_301(client, old, new):
    response = client.get(old)
    assert response.status_code == 301 and response["Location"] == new
