"""Hostile input, generated: whatever path, query, method or body a client sends to a public
address or the vote endpoint, the answer is never a 5xx (hypothesis)."""

import string

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import make_article

SEGMENTS = ["", "tin-tuc", "xay-dung-dang", "tag", "dong-su-kien", "tim-kiem", "rss", "ban-in", "danh-gia",
            "news", "vi", "sitemap-articles.xml", "robots.txt", "healthz", "xem-truoc", "van-ban", "tep",
            "gioi-thieu", "lanh-dao", "co-cau-to-chuc", "en", "leaders", "lien-he", "contact", "laws", "detail",
            "page", "about", "luot-xem", "tep-dinh-kem"]  # fmt: skip
text = st.text(alphabet=string.printable + "ĐđÂâăƯươếệỏ\x00\u202e😀", max_size=40)
segment = st.one_of(st.sampled_from(SEGMENTS), text.map(lambda value: value.replace("/", "")))
query = st.dictionaries(
    st.sampled_from(
        [
            "q",
            "trang",
            "truoc",
            "sau",
            "p",
            "chuyen_muc",
            "tu_ngay",
            "den_ngay",
            "muc",
            "loai",
            "co_quan",
            "linh_vuc",
            "nam",
            "nhiem-ky",
            "tai-ve",
            "download",
            "id",
            "x",
        ]
    ),
    text,
    max_size=4,
)


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        article = make_article(title="Bài để thử dữ liệu lạ")
    yield article
    with django_db_blocker.unblock():
        article.delete()
        article.category.delete()


@pytest.mark.django_db
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    method=st.sampled_from(["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "TRACE"]),
    path=st.lists(segment, min_size=1, max_size=4),
    params=query,
    body=st.dictionaries(st.sampled_from(["stars", "q", "csrfmiddlewaretoken"]), text, max_size=2),
    suffix=st.sampled_from(["", "/", ".html", "-1.html", "-99999999999999999999.html"]),
)
def test_no_request_to_a_public_address_is_answered_with_a_5xx(site, method, path, params, body, suffix):
    client = Client(raise_request_exception=False)
    address = "/" + "/".join(path).lstrip("/") + suffix  # "//x" would be a host to the test client
    response = client.generic(method, address, data=body if method == "POST" else "", QUERY_STRING=_encode(params))
    assert response.status_code < 500, (method, address, params, body)


@pytest.mark.django_db
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(stars=text, origin=st.sampled_from(["http://testserver", "https://evil.example", "", "null"]), accept=text)
def test_no_vote_is_answered_with_a_5xx(site, stars, origin, accept):
    client = Client(raise_request_exception=False)
    response = client.post(f"/danh-gia/{site.pk}/", {"stars": stars}, HTTP_ORIGIN=origin, HTTP_ACCEPT=accept)
    assert response.status_code < 500, (stars, origin, accept)


@pytest.mark.django_db
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    fields=st.dictionaries(
        st.sampled_from(["name", "email", "phone", "subject", "body", "consent", "website", "started"]),
        text,
        max_size=8,
    ),
    origin=st.sampled_from(["http://testserver", "https://evil.example", "", "null"]),
    address=st.sampled_from(["/lien-he/", "/en/contact/"]),
)
def test_no_contact_message_is_answered_with_a_5xx(fields, origin, address):
    client = Client(raise_request_exception=False)
    response = client.post(address, fields, HTTP_ORIGIN=origin)
    assert response.status_code < 500, (fields, origin, address)


@pytest.mark.django_db
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.binary(max_size=200), agent=text, origin=st.sampled_from(["http://testserver", "", "null"]))
def test_no_view_beacon_is_answered_with_a_5xx(site, body, agent, origin):
    client = Client(raise_request_exception=False)
    response = client.post(
        f"/luot-xem/{site.pk}/", body, content_type="text/plain", HTTP_ORIGIN=origin, HTTP_USER_AGENT=agent
    )
    assert response.status_code < 500, (body, agent, origin)


def _encode(params: dict) -> str:
    from urllib.parse import urlencode

    return urlencode(params)
