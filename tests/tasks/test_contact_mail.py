"""With a queue, the office's e-mail about a citizen's message is sent by a worker, once."""

import logging

import pytest
from django.core import mail

from contact.models import Message
from contact.services import send_notice
from tests.contact.helpers import send

pytestmark = pytest.mark.django_db


def test_the_notice_is_queued_and_sent_once_however_often_it_runs(client, queue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert send(client).status_code == 303
    message = Message.objects.get()
    assert queue == [(send_notice, (message.pk,))] and not mail.outbox

    queue.run()
    send_notice(message.pk)  # a retry after a success
    assert len(mail.outbox) == 1 and mail.outbox[0].subject == "[Góp ý] Đèn đường ấp Bình Cách bị hỏng"
    message.refresh_from_db()
    assert message.notified_at is not None


def test_a_failed_notice_is_logged_with_the_task_and_sent_by_the_next_try(
    client, queue, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.contact.test_sending.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=True):
        send(client)
    job = queue[0]
    with caplog.at_level(logging.WARNING):
        queue.run()
    assert any("contact.services.send_notice" in r.getMessage() for r in caplog.records if r.name == "core.tasks")
    assert Message.objects.get().notified_at is None

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    queue.append(job)
    queue.run()
    assert len(mail.outbox) == 1 and Message.objects.get().notified_at is not None
