"""Sending the contact form as a browser on our own page would."""

import time

from django.core import signing
from django.test import Client

from contact.forms import SALT

ORIGIN = "http://testserver"


def stamp(seconds_ago: int = 60) -> str:
    """The signed time a contact page was made, `seconds_ago`."""
    return signing.dumps(int(time.time()) - seconds_ago, salt=SALT)


def form_data(**overrides) -> dict:
    data = {
        "name": "Nguyễn Văn An",
        "email": "an.nguyen@example.vn",
        "phone": "",
        "subject": "Đèn đường ấp Bình Cách bị hỏng",
        "body": "Kính gửi Văn phòng Huyện ủy, đèn đường ấp Bình Cách đã hỏng hơn một tuần.",
        "consent": "on",
        "website": "",
        "started": stamp(),
    }
    data.update(overrides)
    return {name: value for name, value in data.items() if value is not None}


def send(client: Client | None = None, url: str = "/lien-he/", headers: dict | None = None, **overrides):
    headers = {"HTTP_ORIGIN": ORIGIN, **(headers or {})}
    return (client or Client()).post(url, form_data(**overrides), **headers)
