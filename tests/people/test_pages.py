"""What a reader sees on Lãnh đạo and Cơ cấu tổ chức: the current term, past terms on request,
nested lists, links a phone acts on, schema.org data, and a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pagecache
from people.models import PEOPLE_TAG
from tests.factories import image_upload
from tests.people.helpers import json_ld, make_person, make_term, make_unit, persons

pytestmark = pytest.mark.django_db
LEADERS = "/gioi-thieu/lanh-dao/"
CHART = "/gioi-thieu/co-cau-to-chuc/"


@pytest.fixture
def organisation():
    current, past = make_term(2025, 2030, current=True), make_term(2020, 2025)
    committee = make_unit("Ban Chấp hành Đảng bộ huyện", order=1)
    standing = make_unit("Ban Thường vụ Huyện ủy", parent=committee, order=1)
    permanent = make_unit("Thường trực Huyện ủy", parent=standing, order=1)
    office = make_unit("Văn phòng Huyện ủy", order=2, description="Tham mưu tổng hợp cho Huyện ủy.")
    make_person(
        "Nguyễn Văn A (mẫu)",
        term=current,
        unit=permanent,
        duties="Phụ trách chung\nPhụ trách công tác tổ chức, cán bộ",
        phone="0273 3851 001",
        email="bithu@tiengiang.gov.vn",
        photo=image_upload("a.jpg", size=(300, 400)),
        photo_alt="Ảnh chân dung đồng chí Nguyễn Văn A",
        order=1,
    )
    make_person("Trần Thị B (mẫu)", term=current, unit=permanent, position="Phó Bí thư Thường trực Huyện ủy", order=2)
    make_person("Bùi Văn K (mẫu)", term=current, unit=office, position="Chánh Văn phòng Huyện ủy", is_leader=False)
    make_person("Hồ Văn Q (mẫu)", term=past, unit=permanent, position="Bí thư Huyện ủy")
    return {"current": current, "past": past}


def test_the_leaders_page_shows_the_current_terms_leaders_in_order(client, organisation):
    response = client.get(LEADERS)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nhiệm kỳ 2025 - 2030" in page
    assert page.index("Nguyễn Văn A (mẫu)") < page.index("Trần Thị B (mẫu)")
    assert "Hồ Văn Q" not in page  # past term
    assert "Bùi Văn K" not in page  # not a leader: on the chart only
    assert "<li>Phụ trách chung</li>" in page and "<li>Phụ trách công tác tổ chức, cán bộ</li>" in page
    assert 'alt="Ảnh chân dung đồng chí Nguyễn Văn A"' in page and "<picture>" in page
    assert '<li><a href="/gioi-thieu/">Giới thiệu</a></li>' in page
    assert '<li><span aria-current="page">Lãnh đạo</span></li>' in page


def test_phone_and_email_are_links_a_phone_acts_on(client, organisation):
    page = client.get(LEADERS).content.decode()
    assert '<a href="tel:02733851001"><span class="nowrap">0273 3851 001</span></a>' in page
    assert '<a href="mailto:bithu@tiengiang.gov.vn">bithu<wbr>@<span class="nowrap">tiengiang.gov.vn</span></a>' in page


@pytest.mark.parametrize("value", ["2020-2025", "by-id"])
def test_a_past_term_is_browsable_by_its_address_or_its_id(client, organisation, value):
    value = str(organisation["past"].pk) if value == "by-id" else value
    for url in (LEADERS, CHART):
        page = client.get(url, {"nhiem-ky": value}).content.decode()
        assert "Hồ Văn Q (mẫu)" in page and "Nguyễn Văn A (mẫu)" not in page
        assert "Đây là thông tin của nhiệm kỳ đã qua." in page
        assert f'<link rel="canonical" href="http://testserver{url}?nhiem-ky=2020-2025">' in page


def test_the_term_switcher_links_every_term_and_marks_the_one_shown(client, organisation):
    page = client.get(CHART, {"nhiem-ky": "2020-2025"}).content.decode()
    assert f'<a href="{CHART}">Nhiệm kỳ 2025 - 2030 (hiện tại)</a>' in page
    assert f'<a href="{CHART}?nhiem-ky=2020-2025" aria-current="page">Nhiệm kỳ 2020 - 2025</a>' in page
    assert f'<a href="{LEADERS}?nhiem-ky=2020-2025">Lãnh đạo</a>' in page  # the other page, same term


@pytest.mark.parametrize("value", ["2040-2045", "999999", "<script>", "x" * 500])
def test_an_unknown_term_is_a_404_that_says_so_and_offers_the_terms(client, organisation, value):
    response = client.get(LEADERS, {"nhiem-ky": value})
    page = response.content.decode()
    assert response.status_code == 404
    assert "Không có nhiệm kỳ “" in page and "Hãy chọn một nhiệm kỳ dưới đây." in page
    assert "<script>”" not in page
    assert f'<a href="{LEADERS}?nhiem-ky=2020-2025">' in page
    assert response.get("X-Page-Cache") != "hit" and client.get(LEADERS, {"nhiem-ky": value}).status_code == 404


def test_the_chart_is_nested_lists_with_headings_by_level(client, organisation):
    page = client.get(CHART).content.decode()
    compact = " ".join(page.split())
    assert '<ul class="org-chart">' in compact
    assert (
        '<h2 class="org-unit-name" id="don-vi-ban-chap-hanh-dang-bo-huyen">Ban Chấp hành Đảng bộ huyện</h2>' in compact
    )
    assert '<h3 class="org-unit-name" id="don-vi-ban-thuong-vu-huyen-uy">' in compact
    assert '<h4 class="org-unit-name" id="don-vi-thuong-truc-huyen-uy">' in compact
    assert '<ul class="org-units" aria-label="Các đơn vị trực thuộc Ban Chấp hành Đảng bộ huyện">' in compact
    assert '<ul class="org-people" aria-label="Thành viên: Thường trực Huyện ủy">' in compact
    # Thường trực sits inside Ban Thường vụ, inside Ban Chấp hành; the office beside them.
    committee = compact.index("Ban Chấp hành Đảng bộ huyện</h2>")
    assert committee < compact.index("Ban Thường vụ Huyện ủy</h3>") < compact.index("Thường trực Huyện ủy</h4>")
    assert compact.index("Thường trực Huyện ủy</h4>") < compact.index("Văn phòng Huyện ủy</h2>")
    assert "Bùi Văn K (mẫu)" in compact and "Tham mưu tổng hợp cho Huyện ủy." in compact


def test_both_pages_carry_a_government_organization_with_its_people(client, organisation):
    leaders = json_ld(client.get(LEADERS).content.decode())
    assert leaders["@type"] == "GovernmentOrganization" and leaders["name"] == "Huyện ủy Gò Công Tây"
    first = leaders["member"][0]
    assert first == {
        "@type": "Person",
        "name": "Nguyễn Văn A (mẫu)",
        "jobTitle": "Bí thư Huyện ủy",
        "telephone": "0273 3851 001",
        "email": "bithu@tiengiang.gov.vn",
        "image": first["image"],
    }
    assert first["image"].startswith("http://testserver/media/people/")
    chart = json_ld(client.get(CHART).content.decode())
    assert chart["subOrganization"][0]["name"] == "Ban Chấp hành Đảng bộ huyện"
    assert {p["name"] for p in persons(chart)} == {"Nguyễn Văn A (mẫu)", "Trần Thị B (mẫu)", "Bùi Văn K (mẫu)"}


def test_json_ld_cannot_be_closed_by_a_name(client, organisation):
    make_person("</script><script>alert(1)</script>", term=organisation["current"], unit=make_unit("Ban X"))
    page = client.get(LEADERS).content.decode()
    assert "</script><script>alert(1)" not in page
    assert any(p["name"].startswith("</script>") for p in persons(json_ld(page)))


def test_pages_without_any_term_say_so(client):
    for url in (LEADERS, CHART):
        response = client.get(url)
        assert response.status_code == 200 and "Chưa có thông tin nhiệm kỳ." in response.content.decode()


def test_a_term_without_people_says_so(client):
    make_term(current=True)
    assert "Chưa có thông tin lãnh đạo của nhiệm kỳ này." in client.get(LEADERS).content.decode()
    assert "Chưa có thông tin cơ cấu tổ chức của nhiệm kỳ này." in client.get(CHART).content.decode()


@pytest.mark.parametrize("url", [LEADERS, CHART, "/en/leaders/", "/en/organisation/"])
def test_the_queries_stay_the_same_as_people_grow(client, organisation, url):
    client.get(url)  # the header's menu and banner are cached apart from the page: warm them
    pagecache.invalidate(PEOPLE_TAG)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    term, parent = organisation["current"], None
    for n in range(12):
        parent = make_unit(f"Ban số {n}", parent=parent if n % 3 else None)  # nested three deep
        make_person(f"Người số {n}", term=term, unit=parent, email=f"nguoi{n}@tiengiang.gov.vn")
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()  # made afresh: the saves above cleared the cached copy
    assert "Người số 11" in page
    assert 0 < len(many) == len(few), [q["sql"] for q in many.captured_queries]
