"""Each site's contact page names its own office: a commune's readers write to the commune's
Party committee, not to a district that no longer exists (issue 25)."""

import pytest
from django.test import Client

from tests.contact.helpers import send
from tests.factories import make_site

XA = "xahoabinh.localhost"


@pytest.fixture
def commune(db, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, ".localhost"]
    return make_site(XA, "Đảng ủy xã Hòa Bình", address="Ấp Hòa Bình", phone="0273 3999 999")


def test_the_contact_page_names_the_sites_own_office(client, commune):
    html = client.get("/lien-he/", HTTP_HOST=XA).content.decode()
    assert "Văn phòng Đảng ủy xã Hòa Bình" in html
    assert "Tôi đồng ý cho Văn phòng Đảng ủy xã Hòa Bình dùng các thông tin trên" in html
    assert "Huyện ủy" not in html
    district = client.get("/lien-he/").content.decode()
    assert "được chuyển đến Văn phòng Huyện ủy Gò Công Tây" in district


def test_the_thanks_names_the_office_that_received_it(commune):
    client = Client(HTTP_HOST=XA)
    response = send(client, headers={"HTTP_ORIGIN": f"http://{XA}"})
    assert response.status_code == 303, response.content.decode()[:500]
    html = client.get(response["Location"].split("#")[0]).content.decode()
    assert "Văn phòng Đảng ủy xã Hòa Bình đã nhận được" in html
