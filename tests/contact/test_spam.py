"""Spam held off without a third-party captcha: a honeypot, a minimum fill time, a limit per address."""

import pytest
from django.core import mail
from django.test import Client

from contact.models import Message
from core import limits
from tests.contact.helpers import send, stamp

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_local_counts(monkeypatch):
    monkeypatch.setattr(limits, "_local_counts", {})


@pytest.mark.parametrize(
    ("overrides", "said"),
    [
        (lambda: {"website": "http://spam.example"}, "một ô ẩn dùng để chặn thư rác tự động đã có chữ"),
        (lambda: {"started": stamp(seconds_ago=0)}, "quá nhanh sau khi mở trang"),
        (lambda: {"started": stamp(seconds_ago=3 * 24 * 3600)}, "Trang này đã mở quá lâu"),
        (lambda: {"started": stamp()[:-2] + "xx"}, "không biết trang được mở lúc nào"),
        (lambda: {"started": "1700000000"}, "không biết trang được mở lúc nào"),
        (lambda: {"started": None}, "không biết trang được mở lúc nào"),
    ],
    ids=["honeypot", "too-fast", "expired", "tampered", "unsigned", "missing"],
)
def test_what_the_traps_catch_is_refused_calmly_and_nothing_is_stored(client, overrides, said):
    response = send(client, **overrides())  # made now: a stamp ages while tests are collected
    html = response.content.decode()
    assert response.status_code == 400 and said in html
    assert not Message.objects.exists() and not mail.outbox
    # A person caught by mistake sends again: what they typed is there, the trap empty, a new stamp.
    assert 'value="Nguyễn Văn An"' in html
    assert '<input type="text" name="website" id="id_website" value="" autocomplete="off" tabindex="-1">' in html
    assert 'name="started" value="' in html


def test_the_minimum_fill_time_follows_the_setting(client, settings):
    settings.CONTACT_MIN_FILL_SECONDS = 30
    assert send(client, started=stamp(seconds_ago=10)).status_code == 400
    assert send(client, started=stamp(seconds_ago=40)).status_code == 303


def test_the_honeypot_is_hidden_by_a_class_not_an_inline_style(client):
    html = client.get("/lien-he/").content.decode()
    assert '<div class="contact-trap" aria-hidden="true">' in html and "style=" not in html


@pytest.mark.parametrize(
    "headers",
    [{"HTTP_ORIGIN": "https://evil.example"}, {"HTTP_ORIGIN": "null"}, {"HTTP_ORIGIN": ""}],
    ids=["other-origin", "null-origin", "none"],
)
def test_cross_site_posts_are_refused(client, headers):
    response = send(client, headers=headers)
    assert response.status_code == 403 and "không được gửi từ trang Liên hệ - Góp ý" in response.content.decode()
    assert not Message.objects.exists()


def test_a_same_site_referer_is_enough_when_a_browser_sends_no_origin(client):
    response = send(client, headers={"HTTP_ORIGIN": "", "HTTP_REFERER": "http://testserver/lien-he/"})
    assert response.status_code == 303


def test_too_many_messages_from_one_address_get_429(settings):
    settings.CONTACT_MESSAGES_PER_IP_PER_HOUR = 2
    codes = [send(Client(REMOTE_ADDR="203.0.113.7")).status_code for _ in range(3)]
    assert codes == [303, 303, 429]
    limited = send(Client(REMOTE_ADDR="203.0.113.7"), subject="Lần thứ tư")
    html = limited.content.decode()
    assert limited.status_code == 429 and "Vui lòng thử lại sau một giờ" in html
    assert 'value="Lần thứ tư"' in html  # what was typed stays, to be sent later
    assert "no-store" in limited["Cache-Control"]
    assert Message.objects.count() == 2
    assert send(Client(REMOTE_ADDR="198.51.100.9")).status_code == 303  # someone else


def test_mistakes_do_not_use_up_the_allowance(settings):
    settings.CONTACT_MESSAGES_PER_IP_PER_HOUR = 1
    for _ in range(3):
        assert send(Client(REMOTE_ADDR="203.0.113.7"), name="").status_code == 400
    assert send(Client(REMOTE_ADDR="203.0.113.7")).status_code == 303


def test_one_ipv6_network_shares_one_allowance(settings):
    settings.CONTACT_MESSAGES_PER_IP_PER_HOUR = 2
    addresses = ["2001:db8:1:2::1", "2001:db8:1:2::abcd", "2001:db8:1:2:ffff::9"]
    assert [send(Client(REMOTE_ADDR=address)).status_code for address in addresses] == [303, 303, 429]
    assert send(Client(REMOTE_ADDR="2001:db8:1:3::1")).status_code == 303  # another network


def test_behind_a_trusted_proxy_the_address_the_proxy_saw_counts(settings):
    settings.CONTACT_MESSAGES_PER_IP_PER_HOUR = 1
    settings.TRUSTED_PROXY_COUNT = 1

    def from_sender(address, spoof=""):
        forwarded = f"{spoof}, {address}" if spoof else address
        return send(Client(REMOTE_ADDR="127.0.0.1"), headers={"HTTP_X_FORWARDED_FOR": forwarded}).status_code

    assert [from_sender("203.0.113.7"), from_sender("198.51.100.9")] == [303, 303]  # two people behind nginx
    assert from_sender("203.0.113.7", spoof="10.9.9.9") == 429  # the same one, whatever it writes itself


def test_a_client_cannot_dodge_the_limit_with_its_own_x_forwarded_for(settings):
    settings.CONTACT_MESSAGES_PER_IP_PER_HOUR = 1
    codes = [
        send(Client(REMOTE_ADDR="203.0.113.7"), headers={"HTTP_X_FORWARDED_FOR": f"10.0.0.{n}"}).status_code
        for n in range(2)
    ]
    assert codes == [303, 429]


class DownCache:
    def add(self, *args, **kwargs):
        raise ConnectionRefusedError("cache down")

    incr = set = add


def test_while_the_cache_is_down_messages_arrive_and_each_process_counts_alone(settings, monkeypatch):
    settings.CONTACT_MESSAGES_PER_IP_PER_HOUR = 2
    monkeypatch.setattr(limits, "cache", DownCache())
    codes = [send(Client(REMOTE_ADDR="203.0.113.7")).status_code for _ in range(3)]
    assert codes == [303, 303, 429]
    assert Message.objects.count() == 2


def test_after_a_mistake_the_wait_still_runs_from_when_the_page_was_opened(client):
    opened = stamp(seconds_ago=1)  # a quick first try, with a mistake as well
    html = send(client, started=opened, phone="", email="").content.decode()
    assert f'name="started" value="{opened}"' in html  # fixing one field takes no new wait
    tampered = opened[:-2] + "xx"
    html = send(client, started=tampered).content.decode()
    assert 'name="started" value="' in html and tampered not in html  # a bad stamp is replaced
