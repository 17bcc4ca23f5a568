"""The inbox in the admin: who sees it, the states, who handled a message."""

import re

import pytest
from django.utils import timezone

from contact.models import Message
from tests.factories import give_role, make_user

pytestmark = pytest.mark.django_db
INBOX = "/admin/contact/message/"


def make_message(**overrides) -> Message:
    fields = {
        "name": "Lê Thị Hoa",
        "email": "hoa@example.vn",
        "subject": "Hỏi về thủ tục kết nạp Đảng",
        "body": "Xin hỏi thủ tục kết nạp Đảng cho đoàn viên.",
        "consent": True,
    }
    fields.update(overrides)
    return Message.objects.create(**fields)


@pytest.fixture
def approver(client):
    user = make_user(staff=True, username="thuky")
    give_role(user, "Thư ký tòa soạn / Duyệt bài")
    client.force_login(user)
    return user


def test_approvers_read_the_inbox_with_a_count_of_new_messages(client, approver):
    make_message()
    make_message(subject="Đã xong", state=Message.State.ANSWERED)
    html = client.get(INBOX).content.decode()
    assert "Hộp thư góp ý (1 góp ý mới)" in html
    assert "Hỏi về thủ tục kết nạp Đảng" in html and "Lê Thị Hoa" in html
    assert "Mới" in html and "Đã trả lời" in html
    assert client.get(f"{INBOX}?state__exact=new").content.decode().count('class="action-checkbox"') == 1
    assert "Hỏi về thủ tục" in client.get(f"{INBOX}?q=kết+nạp").content.decode()
    assert client.get(f"{INBOX}add/").status_code == 403  # messages come from citizens only


def test_changing_the_state_records_who_and_when_and_the_citizens_words_stay(client, approver):
    message = make_message()
    page = client.get(f"{INBOX}{message.pk}/change/").content.decode()
    assert 'name="state"' in page and 'name="staff_note"' in page
    assert 'name="body"' not in page and 'name="email"' not in page  # read-only
    response = client.post(
        f"{INBOX}{message.pk}/change/",
        {"state": "in_progress", "staff_note": "Đã chuyển Ban Tổ chức", "body": "sửa", "name": "khác"},
    )
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.state == Message.State.IN_PROGRESS and message.handled_by == approver
    assert message.handled_at is not None and message.staff_note == "Đã chuyển Ban Tổ chức"
    assert message.body == "Xin hỏi thủ tục kết nạp Đảng cho đoàn viên." and message.name == "Lê Thị Hoa"


def test_a_note_alone_does_not_change_who_handled_it(client, approver):
    other = make_user(staff=True)
    earlier = timezone.now() - timezone.timedelta(days=1)
    message = make_message(state=Message.State.IN_PROGRESS, handled_by=other, handled_at=earlier)
    client.post(f"{INBOX}{message.pk}/change/", {"state": "in_progress", "staff_note": "Gọi lại chiều nay"})
    message.refresh_from_db()
    assert message.handled_by == other and message.handled_at == earlier


def test_actions_mark_many_messages_at_once(client, approver):
    messages = [make_message(), make_message(), make_message(state=Message.State.ANSWERED)]
    for action, state in (("mark_in_progress", "in_progress"), ("mark_answered", "answered")):
        response = client.post(INBOX, {"action": action, "_selected_action": [m.pk for m in messages[:2]]}, follow=True)
        assert re.search(r"Đã chuyển 2 góp ý sang “(Đang xử lý|Đã trả lời)”", response.content.decode())
        assert {m.state for m in Message.objects.filter(pk__in=[m.pk for m in messages[:2]])} == {state}
    assert set(Message.objects.values_list("handled_by", flat=True)) == {approver.pk, None}


def test_writers_do_not_see_the_inbox(client):
    writer = make_user(staff=True)
    give_role(writer, "Phóng viên / Biên tập viên")
    client.force_login(writer)
    assert client.get(INBOX).status_code == 403


def test_the_roles_migration_gives_the_groups_their_rights():
    from django.contrib.auth.models import Group

    approvers = Group.objects.get(name="Thư ký tòa soạn / Duyệt bài")
    admins = Group.objects.get(name="Quản trị")
    ours = {"add_message", "change_message", "delete_message", "view_message"}
    assert ours & set(approvers.permissions.values_list("codename", flat=True)) == {"view_message", "change_message"}
    assert ours <= set(admins.permissions.values_list("codename", flat=True))
