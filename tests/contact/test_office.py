"""Each site's contact page names its own office: a commune's readers write to the commune's
Party committee, not to a district that no longer exists (issue 25)."""

import pytest
from django.core import mail
from django.test import Client

from tests.contact.helpers import send
from tests.factories import edit_site, make_site

XA = "xahoabinh.localhost"


@pytest.fixture
def commune(db, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, ".localhost"]
    return make_site(
        XA, "Đảng ủy xã Hòa Bình", address="Ấp Hòa Bình", phone="0273 3999 999", email="vanphong.xahoabinh@example.vn"
    )


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


def test_a_communes_message_goes_to_the_communes_own_mailbox(settings, commune, django_capture_on_commit_callbacks):
    settings.CONTACT_EMAIL = "vanphong.huyen@example.vn"  # the first site's, from the environment
    client = Client(HTTP_HOST=XA)
    with django_capture_on_commit_callbacks(execute=True):
        send(client, headers={"HTTP_ORIGIN": f"http://{XA}"})
    assert mail.outbox[-1].to == ["vanphong.xahoabinh@example.vn"]  # its e-mail: no mailbox of its own given
    assert "Góp ý mới trên cổng thông tin Đảng ủy xã Hòa Bình." in mail.outbox[-1].body
    edit_site(commune.pk, contact_email="gopy.xahoabinh@example.vn")  # its "hộp thư nhận góp ý"
    with django_capture_on_commit_callbacks(execute=True):
        send(client, headers={"HTTP_ORIGIN": f"http://{XA}"}, subject="Góp ý thứ hai")
    assert mail.outbox[-1].to == ["gopy.xahoabinh@example.vn"]


def test_the_first_sites_mailbox_setting_wins_over_the_environment(
    client, db, settings, django_capture_on_commit_callbacks
):
    settings.CONTACT_EMAIL = "vanphong.huyen@example.vn"
    edit_site(1, contact_email="gopy.huyen@example.vn")
    with django_capture_on_commit_callbacks(execute=True):
        send(client)
    assert mail.outbox[-1].to == ["gopy.huyen@example.vn"]
