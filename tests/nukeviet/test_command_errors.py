"""A bad address or an unreachable server: a clear Vietnamese message, no traceback, nothing written."""

import pytest
from django.core.management import CommandError, call_command

from articles.models import Category

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("postgres://x@y/z", "Địa chỉ cơ sở dữ liệu không hợp lệ"),
        ("mysql://root@127.0.0.1:abc/db", "Cổng trong địa chỉ cơ sở dữ liệu không phải là số"),
        ("mysql://root@127.0.0.1:1/nukeviet", "Không kết nối được máy chủ cơ sở dữ liệu 127.0.0.1:1"),
    ],
)
def test_bad_database_is_told_in_vietnamese(url, message):
    with pytest.raises(CommandError, match=message):
        call_command("import_nukeviet", "--database", url)
    assert not Category.objects.exists()


def test_missing_uploads_folder(tmp_path):
    with pytest.raises(CommandError, match="Không có thư mục uploads"):
        call_command("import_nukeviet", "--database", "mysql://root@127.0.0.1/x", "--uploads", str(tmp_path / "no"))


def test_unknown_database_and_prefix(old_site):
    from .oldsite import server_or_skip

    server_or_skip().close()
    with pytest.raises(CommandError, match="Không có cơ sở dữ liệu “khong_co_csdl”"):
        call_command("import_nukeviet", "--database", "mysql://root@127.0.0.1/khong_co_csdl")
    with pytest.raises(CommandError, match="Không thấy bảng nào của NukeViet"):
        call_command("import_nukeviet", "--database", old_site.url, "--prefix", "nv3")
