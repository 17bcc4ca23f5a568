"""The English pages: their language, English positions and unit names where given (Vietnamese,
marked lang="vi", where not), and hreflang links both ways."""

import pytest

from tests.people.helpers import json_ld, make_person, make_term, make_unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    current, past = make_term(2025, 2030, current=True), make_term(2020, 2025)
    office = make_unit("Văn phòng Huyện ủy", name_en="Office of the District Party Committee")
    board = make_unit("Ban Dân vận Huyện ủy")  # no English name
    make_person(
        "Nguyễn Văn A (mẫu)",
        term=current,
        unit=office,
        position="Chánh Văn phòng Huyện ủy",
        position_en="Chief of the Office",
        duties="Phụ trách văn phòng",
        duties_en="In charge of the office",
    )
    make_person("Võ Văn G (mẫu)", term=current, unit=board, position="Trưởng Ban Dân vận Huyện ủy", duties="Dân vận")
    make_person("Hồ Văn Q (mẫu)", term=past, unit=office, position="Chánh Văn phòng", position_en="Former Chief")
    return current


def test_the_english_leaders_page_is_in_english(client, organisation):
    response = client.get("/en/leaders/")
    page = response.content.decode()
    assert response.status_code == 200 and response["Content-Language"] == "en"
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "<title>Leaders - Term 2025 - 2030 - Go Cong Tay District Party Committee</title>" in page
    assert "Skip to main content" in page
    assert '<li><a href="/en/">Home</a></li>' in page and '<span aria-current="page">Leaders</span>' in page
    assert '<p class="leader-position">Chief of the Office</p>' in page
    assert '<ul class="leader-duties">' in page and "<li>In charge of the office</li>" in page
    # No English given: the Vietnamese, marked so that a screen reader pronounces it as Vietnamese.
    assert '<p class="leader-position" lang="vi">Trưởng Ban Dân vận Huyện ủy</p>' in page
    assert '<ul class="leader-duties" lang="vi">' in page
    assert '<h2 class="leader-name" lang="vi">Nguyễn Văn A (mẫu)</h2>' in page
    assert json_ld(page)["name"] == "Go Cong Tay District Party Committee"
    assert json_ld(page)["member"][0]["jobTitle"] == "Chief of the Office"


def test_the_english_chart_uses_english_unit_names_where_given(client, organisation):
    page = " ".join(client.get("/en/organisation/").content.decode().split())
    assert ">Office of the District Party Committee</h2>" in page
    assert 'lang="vi">Ban Dân vận Huyện ủy</h2>' in page
    assert '<ul class="org-people" aria-label="Members: Office of the District Party Committee">' in page


@pytest.mark.parametrize(
    ("vi", "en"), [("/gioi-thieu/lanh-dao/", "/en/leaders/"), ("/gioi-thieu/co-cau-to-chuc/", "/en/organisation/")]
)
def test_hreflang_links_both_ways_for_each_term(client, organisation, vi, en):
    for url in (vi, en):
        page = client.get(url).content.decode()
        assert f'<link rel="alternate" hreflang="vi" href="http://testserver{vi}">' in page
        assert f'<link rel="alternate" hreflang="en" href="http://testserver{en}">' in page
    # Each header's language switch leads to the same page in the other language.
    assert (
        f'<a class="language-switch" href="{en}" hreflang="en" lang="en">English</a>' in client.get(vi).content.decode()
    )
    assert f'class="language-switch" href="{vi}"' in client.get(en).content.decode()
    past = client.get(en, {"nhiem-ky": "2020-2025"}).content.decode()
    assert f'hreflang="vi" href="http://testserver{vi}?nhiem-ky=2020-2025">' in past
    assert "Former Chief" in past and "This is a past term." in past


def test_an_unknown_term_in_english_is_a_404_in_english(client, organisation):
    response = client.get("/en/leaders/", {"nhiem-ky": "1990-1995"})
    assert response.status_code == 404
    assert "There is no term “1990-1995”." in response.content.decode()
