"""Accounts a non-programmer can make (issue 16, point 3): a role is a working account,
no role says so, and the login tells a known account why it is refused."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.test import Client

from accounts import roles
from tests.factories import give_role, make_user, newsroom_group

pytestmark = pytest.mark.django_db

PASSWORD = "Mat-khau-dai-hon-12"
NOT_STAFF = "chưa được cấp quyền vào trang quản trị"


@pytest.fixture
def administrator(client):
    for role in roles.ROLES:
        newsroom_group(role)
    client.force_login(make_user(superuser=True, username="quantri"))
    return client


def add_user(client, username: str, role: str):
    data = {"username": username, "usable_password": "true", "password1": PASSWORD, "password2": PASSWORD}
    return client.post("/admin/auth/user/add/", {**data, "role": role}, follow=True)


def logs_in(username: str) -> bool:
    response = Client().post("/admin/login/", {"username": username, "password": PASSWORD})
    return response.status_code == 302


def test_the_add_page_offers_the_roles(administrator):
    html = administrator.get("/admin/auth/user/add/").content.decode()
    assert "Vai trò" in html
    for role in roles.ROLES:
        assert f'value="{role}"' in html
    assert "Không có vai trò (không vào được trang quản trị)" in html


def test_choosing_a_role_makes_an_account_that_logs_in(administrator):
    response = add_user(administrator, "phongvien", roles.WRITERS)
    assert response.status_code == 200
    user = User.objects.get(username="phongvien")
    assert user.is_staff and not user.is_superuser
    assert roles.role_of(user) == roles.WRITERS and not user.groups.exists()  # a role at this site
    assert logs_in("phongvien")


def test_no_role_says_the_account_cannot_log_in(administrator):
    response = add_user(administrator, "bandoc", roles.NO_ROLE)
    assert "chưa có vai trò nên chưa đăng nhập được trang quản trị" in response.content.decode()
    assert not User.objects.get(username="bandoc").is_staff
    assert not logs_in("bandoc")


def test_changing_the_role_moves_the_account_and_none_takes_it_out(administrator):
    add_user(administrator, "lan", roles.WRITERS)
    user = User.objects.get(username="lan")
    url = f"/admin/auth/user/{user.pk}/change/"
    html = administrator.get(url).content.decode()
    assert f'<option value="{roles.WRITERS}" selected>' in html

    form = {"username": "lan", "role": roles.APPROVERS, "is_active": "on", "is_staff": "on"}
    form |= {"date_joined_0": "2026-01-02", "date_joined_1": "08:00"}
    form |= {"memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0"}  # no other site's role
    response = administrator.post(url, form)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert roles.role_of(User.objects.get(pk=user.pk)) == roles.APPROVERS

    response = administrator.post(url, {**form, "role": roles.NO_ROLE})
    user.refresh_from_db()
    assert not user.is_staff and roles.role_of(user) == roles.NO_ROLE


def test_a_role_holder_without_the_staff_flag_is_flagged_in_the_list(administrator):
    user = give_role(make_user(username="cu"), roles.WRITERS)
    User.objects.filter(pk=user.pk).update(is_staff=False)  # the flag turned off by hand
    user.refresh_from_db()
    html = administrator.get("/admin/auth/user/").content.decode()
    assert "Chưa vào được: có vai trò nhưng chưa bật" in html
    assert roles.cannot_log_in(user)


def test_the_login_says_why_only_when_the_password_is_right():
    user = give_role(make_user(username="cu", password=PASSWORD), roles.WRITERS)
    User.objects.filter(pk=user.pk).update(is_staff=False)
    client = Client()
    wrong = client.post("/admin/login/", {"username": "cu", "password": "sai"}).content.decode()
    assert NOT_STAFF not in wrong
    right = client.post("/admin/login/", {"username": "cu", "password": PASSWORD})
    assert right.status_code == 200 and NOT_STAFF in right.content.decode()
    assert "_auth_user_id" not in client.session
    # The right password is no failure for the lockout: only the wrong one was counted.
    assert AccessAttempt.objects.get(username="cu").failures_since_start == 1
