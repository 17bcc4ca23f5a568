"""A citizen sends a message: it is stored, the office is told, the citizen is thanked."""

import unicodedata

import pytest
from django.core import mail

from contact.models import Message
from tests.contact.helpers import form_data, send

pytestmark = pytest.mark.django_db


def test_the_page_shows_the_offices_contacts_a_map_link_and_the_form(client, settings):
    settings.SITE_MAP_URL = "https://www.openstreetmap.org/?mlat=10.35&mlon=106.6"
    html = client.get("/lien-he/").content.decode()
    assert '<h1 class="page-title">Liên hệ - Góp ý</h1>' in html
    assert settings.SITE_ADDRESS in html
    phone = f'<span class="nowrap">{settings.SITE_PHONE}</span>'  # one line: never broken inside
    assert f'<a href="tel:{settings.SITE_PHONE.replace(" ", "")}">{phone}</a>' in html
    local, domain = settings.SITE_EMAIL.split("@")
    email = f'{local}<wbr>@<span class="nowrap">{domain}</span>'  # a new line at "@" only
    assert f'<a href="mailto:{settings.SITE_EMAIL}">{email}</a>' in html
    assert (
        '<a class="contact-map" href="https://www.openstreetmap.org/?mlat=10.35&amp;mlon=106.6" '
        'target="_blank" rel="noopener noreferrer">' in html
    )
    assert "<iframe" not in html
    assert '<form class="contact-form" method="post" action="/lien-he/#loi-bieu-mau" novalidate>' in html
    for label in ("Họ và tên", "Thư điện tử", "Số điện thoại", "Tiêu đề", "Nội dung góp ý"):
        assert f">{label}" in html
    # Decree 13/2023: the purpose and how long it is kept, said next to the consent box.
    assert "để trả lời góp ý của bạn" in html and "lưu tối đa 365 ngày rồi xóa" in html
    assert 'aria-describedby="id_consent-goi-y"' in html


def test_the_retention_period_shown_follows_the_setting(client, settings):
    settings.CONTACT_RETENTION_DAYS = 180
    assert "lưu tối đa 180 ngày rồi xóa" in client.get("/lien-he/").content.decode()


def test_a_valid_message_is_stored_the_office_is_emailed_and_the_citizen_thanked(
    client, settings, django_capture_on_commit_callbacks
):
    settings.CONTACT_EMAIL = "vanphong@example.vn"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = send(client)
    assert len(callbacks) == 1  # the e-mail waits for the commit
    assert response.status_code == 303 and response["Location"] == "/lien-he/#noi-dung"
    message = Message.objects.get()
    assert (message.name, message.email, message.phone) == ("Nguyễn Văn An", "an.nguyen@example.vn", "")
    assert message.subject == "Đèn đường ấp Bình Cách bị hỏng" and message.consent and message.language == "vi"
    assert message.state == Message.State.NEW and message.handled_by is None
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["vanphong@example.vn"] and sent.subject == "[Góp ý] Đèn đường ấp Bình Cách bị hỏng"
    assert "Nguyễn Văn An" in sent.body and "đèn đường ấp Bình Cách đã hỏng" in sent.body
    assert f"/admin/contact/message/{message.pk}/change/" in sent.body
    page = client.get(response["Location"])
    assert "Cảm ơn bạn đã gửi góp ý" in page.content.decode()
    assert "Cảm ơn" not in client.get("/lien-he/").content.decode()  # said once


def test_without_contact_email_the_sites_email_is_told(client, settings, django_capture_on_commit_callbacks):
    if hasattr(settings, "CONTACT_EMAIL"):
        del settings.CONTACT_EMAIL
    with django_capture_on_commit_callbacks(execute=True):
        send(client)
    assert mail.outbox[0].to == [settings.SITE_EMAIL]


def test_a_phone_number_alone_is_enough(client):
    assert send(client, email="", phone="0909 123 456").status_code == 303
    assert Message.objects.get().phone == "0909 123 456"


def test_text_is_stored_nfc(client):
    decomposed = unicodedata.normalize("NFD", "Góp ý về đường Vĩnh Bình")
    send(client, subject=decomposed, name=unicodedata.normalize("NFD", "Trần Thị Bích"))
    message = Message.objects.get()
    assert message.subject == "Góp ý về đường Vĩnh Bình" and message.name == "Trần Thị Bích"


def test_a_mail_server_that_fails_loses_nothing_and_the_citizen_is_thanked(
    client, settings, django_capture_on_commit_callbacks, caplog
):
    settings.EMAIL_BACKEND = "tests.contact.test_sending.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client)
    assert response.status_code == 303
    assert Message.objects.count() == 1
    assert "Cảm ơn bạn đã gửi góp ý" in client.get(response["Location"]).content.decode()
    lines = [r for r in caplog.records if r.name == "contact.services"]
    assert len(lines) == 1 and "not sent" in lines[0].getMessage() and lines[0].exc_info is None


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("[Errno 111] Connection refused")


def test_the_english_form_sends_in_english(client, settings, django_capture_on_commit_callbacks):
    html = client.get("/en/contact/").content.decode()
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert '<h1 class="page-title">Contact us</h1>' in html
    assert '<form class="contact-form" method="post" action="/en/contact/#loi-bieu-mau" novalidate>' in html
    assert ">Full name" in html and ">Send message</button>" in html
    assert "only to answer your message" in html and "kept for at most 365 days and then deleted" in html
    assert '<link rel="alternate" hreflang="vi" href="http://testserver/lien-he/">' in html
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/contact/">' in html
    assert '<a class="language-switch" href="/lien-he/" hreflang="vi" lang="vi">' in html  # the English header
    assert '<span lang="vi">' + settings.SITE_ADDRESS in html
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, "/en/contact/", subject="Visiting the memorial")
    assert response.status_code == 303 and response["Location"] == "/en/contact/#noi-dung"
    assert Message.objects.get().language == "en"
    assert "Thank you for your message" in client.get(response["Location"]).content.decode()


def test_the_vietnamese_page_links_its_english_twin(client):
    html = client.get("/lien-he/").content.decode()
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/contact/">' in html
    assert '<link rel="canonical" href="http://testserver/lien-he/">' in html
    assert '<a class="language-switch" href="/en/contact/" hreflang="en" lang="en">' in html


def test_no_raw_address_is_stored(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    from django.test import Client

    send(Client(REMOTE_ADDR="127.0.0.1"), headers={"HTTP_X_FORWARDED_FOR": "203.0.113.77"})
    send(Client(REMOTE_ADDR="127.0.0.1"), headers={"HTTP_X_FORWARDED_FOR": "203.0.113.77"})
    first, second = Message.objects.all()
    assert len(first.sender_key) == 64 and first.sender_key == second.sender_key  # one sender, seen as such
    stored = " ".join(str(value) for value in Message.objects.values_list().get(pk=first.pk))
    assert "203.0.113" not in stored and "127.0.0.1" not in stored


def test_get_with_junk_data_still_shows_the_page(client):
    assert client.get("/lien-he/", form_data()).status_code == 200
