"""Bad input: a Vietnamese (or English) message next to the field, what was typed kept, nothing stored."""

import re

import pytest

from contact.models import Message
from tests.contact.helpers import send

pytestmark = pytest.mark.django_db


def error_of(html: str, field: str) -> str:
    found = re.search(rf'<p class="field-error" id="id_{field}-loi">(.*?)</p>', html)
    return found.group(1) if found else ""


def test_missing_fields_are_named_in_vietnamese_and_typed_values_stay(client):
    response = send(client, name="", subject="", email="an@example.vn")
    html = response.content.decode()
    assert response.status_code == 400 and not Message.objects.exists()
    assert error_of(html, "name") == "Vui lòng nhập họ và tên."
    assert error_of(html, "subject") == "Vui lòng nhập tiêu đề."
    # The field points at its error for screen readers, and is marked invalid.
    assert re.search(r'<input type="text" name="name"[^>]*aria-describedby="id_name-loi"[^>]*aria-invalid="true"', html)
    # What was typed is still there.
    assert 'value="an@example.vn"' in html
    assert "đèn đường ấp Bình Cách đã hỏng hơn một tuần.</textarea>" in html
    # A summary at the top links to each field to fix.
    assert '<a href="#id_name">Họ và tên</a>: Vui lòng nhập họ và tên.' in html
    assert "no-store" in response["Cache-Control"]


def test_an_email_or_a_phone_is_required(client):
    html = send(client, email="", phone="").content.decode()
    assert error_of(html, "email") == "Vui lòng ghi thư điện tử hoặc số điện thoại để chúng tôi trả lời bạn."
    assert not Message.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("email", "an@", "Thư điện tử chưa đúng, ví dụ: ten@gmail.com."),
        ("phone", "gọi tôi nhé", "Số điện thoại chưa đúng"),
        ("phone", "12", "Số điện thoại chưa đúng"),
        ("body", "Ngắn", "Nội dung quá ngắn"),
        ("subject", "x" * 201, "Tối đa 200 ký tự (hiện có 201)."),
        ("subject", "Tiêu đề\r\nBcc: a@example.com", ""),  # a new line in a subject is just a space
        ("name", "Nguyễn\x00An", "Có ký tự không hợp lệ, vui lòng gõ lại."),
    ],
)
def test_bad_values_are_explained(client, field, value, expected):
    response = send(client, **{field: value})
    if not expected:
        assert response.status_code == 303
        assert Message.objects.get().subject == "Tiêu đề Bcc: a@example.com"
        return
    assert response.status_code == 400 and not Message.objects.exists()
    assert error_of(response.content.decode(), field).startswith(expected)


def test_consent_is_required(client):
    html = send(client, consent=None).content.decode()
    assert error_of(html, "consent") == ("Vui lòng đánh dấu ô đồng ý để chúng tôi có thể lưu và trả lời góp ý của bạn.")
    assert not Message.objects.exists()


def test_the_english_form_explains_in_english(client):
    html = send(client, "/en/contact/", email="", phone="", consent=None).content.decode()
    assert error_of(html, "email") == "Please give an e-mail address or a phone number so that we can answer you."
    assert error_of(html, "consent") == "Please tick the consent box so that we may store and answer your message."
    assert "Vui lòng" not in html.split("<main", 1)[1].split("</main>", 1)[0]
    assert not Message.objects.exists()


def test_the_database_refuses_a_message_without_a_way_to_answer_or_consent():
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Message.objects.create(name="A", subject="B", body="C", consent=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Message.objects.create(name="A", subject="B", body="C", email="a@example.vn", consent=False)
