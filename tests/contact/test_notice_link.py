"""The office's e-mail about a new message links to it in the admin with a whole address, one a
mail program can open (issue 25, point 11): SITE_URL for the first site, a commune's own name
for a commune's message."""

import re

import pytest
from django.core import mail
from django.test import Client

from contact.models import Message
from tests.contact.helpers import send
from tests.factories import make_site

pytestmark = pytest.mark.django_db


def admin_link(body: str) -> str:
    return re.search(r"Xem và xử lý trong trang quản trị: (\S+)", body).group(1)


def test_the_first_sites_message_links_to_site_url(client, settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://huyenuygocongtay.vn"
    with django_capture_on_commit_callbacks(execute=True):
        send(client)
    message = Message.objects.get()
    link = admin_link(mail.outbox[0].body)
    assert link == f"https://huyenuygocongtay.vn/admin/contact/message/{message.pk}/change/"


def test_without_site_url_the_link_is_https_on_the_sites_name(client, settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = ""
    with django_capture_on_commit_callbacks(execute=True):
        send(client)
    link = admin_link(mail.outbox[0].body)
    assert re.fullmatch(r"https://[^/]+/admin/contact/message/\d+/change/", link), link


def test_a_communes_message_links_to_the_communes_admin(settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://huyenuygocongtay.vn"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, ".localhost"]
    make_site("xahoabinh.localhost", "Đảng ủy xã Hòa Bình")
    with django_capture_on_commit_callbacks(execute=True):
        response = send(Client(HTTP_HOST="xahoabinh.localhost"), headers={"HTTP_ORIGIN": "http://xahoabinh.localhost"})
    assert response.status_code == 303
    message = Message.objects.get()
    link = admin_link(mail.outbox[0].body)
    assert link == f"https://xahoabinh.localhost/admin/contact/message/{message.pk}/change/"
