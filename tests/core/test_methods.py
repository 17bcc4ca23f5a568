"""An address answers 405, with the methods it serves, to a method it does not serve."""

import pytest

from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def addresses():
    article = make_article()
    return ["/", article.category.get_absolute_url(), article.get_absolute_url(), "/tim-kiem/?q=x", "/rss/",
            "/sitemap.xml", "/robots.txt", f"/danh-gia/{article.pk}/"]  # fmt: skip


@pytest.mark.parametrize("method", ["put", "delete", "patch", "trace", "options"])
def test_methods_no_address_serves_are_405_with_allow(client, addresses, method):
    for address in addresses:
        response = client.generic(method.upper(), address)
        assert response.status_code == 405, (method, address)
        assert "GET" in response["Allow"] or "POST" in response["Allow"]
        assert "<html" not in response.content.decode()  # no page: a TRACE echoes nothing


def test_a_post_to_a_page_is_405_not_a_csrf_refusal(client, addresses):
    for address in addresses[:4]:
        response = client.post(address)
        assert response.status_code == 405 and response["Allow"] == "GET, HEAD", address


def test_pages_and_the_admin_still_answer_what_they_serve(admin_client, addresses):
    for address in addresses[:7]:
        assert admin_client.get(address).status_code == 200, address
        assert admin_client.head(address).status_code == 200, address
    assert admin_client.get("/admin/articles/article/").status_code == 200
