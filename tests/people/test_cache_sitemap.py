"""The people pages in the page cache (cleared exactly by any change to the organisation,
and not the news), and in the sitemap."""

import xml.etree.ElementTree as ET

import pytest
from django.contrib.sitemaps import views as sitemap_views
from django.test import RequestFactory

from people.models import Unit
from people.sitemaps import PeopleSitemap
from tests.people.helpers import make_person, make_term, make_unit

pytestmark = pytest.mark.django_db
PAGES = ["/gioi-thieu/lanh-dao/", "/gioi-thieu/co-cau-to-chuc/", "/en/leaders/", "/en/organisation/"]
LOC = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"


def cached(client, url, **params) -> str:
    return client.get(url, params)["X-Page-Cache"]


@pytest.fixture
def person():
    term = make_term(current=True)
    make_term(2020, 2025)
    return make_person("Nguyễn Văn A (mẫu)", term=term, unit=make_unit())


def test_editing_a_person_clears_the_people_pages_and_not_the_home_page(client, person):
    from articles.models import Article  # noqa: F401 - the home page needs the articles app's tables

    for url in [*PAGES, "/"]:
        assert cached(client, url) == "miss"
        assert cached(client, url) == "hit"
    assert cached(client, PAGES[0], **{"nhiem-ky": "2020-2025"}) == "miss"
    assert cached(client, PAGES[0], **{"nhiem-ky": "2020-2025", "utm_source": "zalo"}) == "hit"  # same copy
    person.position = "Bí thư Huyện ủy khóa XIII"
    person.save()
    for url in PAGES:
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url
    assert "Bí thư Huyện ủy khóa XIII" in client.get(PAGES[0]).content.decode()
    assert cached(client, PAGES[0], **{"nhiem-ky": "2020-2025"}) == "miss"
    assert cached(client, "/") == "hit"  # the news was not touched


@pytest.mark.parametrize("change", ["unit", "term", "delete"])
def test_units_terms_and_deletions_clear_the_pages_too(client, person, change):
    for url in PAGES:
        client.get(url)
    if change == "unit":
        Unit.objects.get(pk=person.unit_id).save()
    elif change == "term":
        person.term.save()
    else:
        person.delete()
    assert all(cached(client, url) == "miss" for url in PAGES)


def test_the_sitemap_section_lists_the_four_pages(person):
    request = RequestFactory().get("/sitemap-people.xml")
    response = sitemap_views.sitemap(request, sitemaps={"people": PeopleSitemap})
    response.render()
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    assert [node.text for node in root.iter(LOC)] == [f"http://testserver{url}" for url in PAGES]
    assert "<lastmod>" in response.content.decode()


def test_the_sitemap_section_is_served_once_the_project_lists_it(client, person):
    from huyenuy.urls import SECTIONS

    if "people" not in SECTIONS:
        pytest.skip('huyenuy/urls.py SECTIONS has no "people": PeopleSitemap yet')
    root = ET.fromstring(client.get("/sitemap-people.xml").content)  # noqa: S314 - our own response
    assert [node.text for node in root.iter(LOC)] == [f"http://testserver{url}" for url in PAGES]
