"""Messages are deleted after CONTACT_RETENTION_DAYS by a daily command."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from contact.models import Message

pytestmark = pytest.mark.django_db


def make_message(days_old: float) -> Message:
    return Message.objects.create(
        name="Phạm Văn Bình",
        phone="0909123456",
        subject="Góp ý",
        body="Nội dung góp ý.",
        consent=True,
        created_at=timezone.now() - timedelta(days=days_old),
    )


def run() -> str:
    out = io.StringIO()
    call_command("delete_old_messages", stdout=out)
    return out.getvalue()


def test_only_messages_past_the_retention_period_are_deleted(settings):
    settings.CONTACT_RETENTION_DAYS = 30
    kept = [make_message(0), make_message(29.9)]
    make_message(30.1)
    make_message(400)
    assert run().strip() == "Đã xóa 2 góp ý gửi quá 30 ngày."
    assert set(Message.objects.values_list("pk", flat=True)) == {m.pk for m in kept}
    assert run().strip() == "Đã xóa 0 góp ý gửi quá 30 ngày."  # safe to run again


def test_the_default_is_a_year():
    make_message(364)
    make_message(366)
    assert "Đã xóa 1 góp ý gửi quá 365 ngày." in run()
    assert Message.objects.count() == 1
