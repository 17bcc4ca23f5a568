"""`manage.py create_site` (issue 24, point 6): a new site and its first administrator in one
step, refused with a Vietnamese message and nothing made when the input is wrong."""

import io

import pytest
from django.contrib.auth.models import User
from django.contrib.sites.models import Site
from django.core.management import CommandError, call_command

from accounts import roles
from network.models import HostName, Membership
from network.registry import registry

pytestmark = pytest.mark.django_db


def create(*args):
    out = io.StringIO()
    call_command("create_site", *args, stdout=out)
    return out.getvalue()


def test_a_site_is_made_with_its_administrator_who_can_log_in(client, settings):
    settings.ADMIN_REQUIRE_2FA = False
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, ".localhost"]
    said = create(
        "xabinhnhi.localhost", "Đảng ủy xã Bình Nhì", "--admin", "truongbanxa", "--alias", "binhnhi.localhost"
    )
    site = Site.objects.get(domain="xabinhnhi.localhost")
    assert site.name == "Đảng ủy xã Bình Nhì" and registry.site(site.pk).name == "Đảng ủy xã Bình Nhì"
    assert HostName.objects.get(host="binhnhi.localhost").site == site
    chief = User.objects.get(username="truongbanxa")
    assert roles.role_of(chief, site) == roles.ADMINS and chief.is_staff
    password = said.split("Mật khẩu: ")[1].split()[0]
    login = client.post(
        "/admin/login/", {"username": "truongbanxa", "password": password}, HTTP_HOST="xabinhnhi.localhost"
    )
    assert login.status_code == 302


def test_a_child_names_its_parent_and_an_existing_account_keeps_its_password():
    create("tinh.localhost", "Tỉnh ủy Đồng Tháp", "--admin", "tinh")
    chief = User.objects.get(username="tinh")
    said = create("xatanphu.localhost", "Đảng ủy xã Tân Phú", "--admin", "tinh", "--parent", "tinh.localhost")
    assert "mật khẩu không đổi" in said
    child = Site.objects.get(domain="xatanphu.localhost")
    assert child.settings.parent.domain == "tinh.localhost"
    assert set(Membership.objects.filter(user=chief).values_list("site__domain", flat=True)) == {
        "tinh.localhost",
        "xatanphu.localhost",
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("testserver", "Trùng tên", "--admin", "a"), "đã là tên chính của trang"),
        (("xa.localhost", "Xã", "--admin", "a", "--parent", "khongco.localhost"), "trang cấp trên phải có sẵn"),
        (("xa.localhost", "Xã", "--admin", "a", "--alias", "localhost"), "đã thuộc trang"),
        (("http://xa/", "Xã", "--admin", "a"), "Tên miền không hợp lệ"),
        (("xa.localhost", "  ", "--admin", "a"), "Hãy đặt tên cho trang"),
        (("xa.localhost", "Xã", "--admin", " "), "cần ít nhất một người quản trị"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_made(args, message):
    sites, users = Site.objects.count(), User.objects.count()
    with pytest.raises(CommandError, match=message):
        create(*args)
    assert (Site.objects.count(), User.objects.count()) == (sites, users)
