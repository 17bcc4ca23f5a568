import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Tạo tài khoản quản trị đầu tiên nếu chưa có, và in cách đăng nhập."

    def add_arguments(self, parser):
        parser.add_argument("--base-url", default="http://127.0.0.1:8000", help="địa chỉ cổng để in hướng dẫn")

    def handle(self, *args, base_url, **options):
        login_url = f"{base_url.rstrip('/')}/admin/"
        User = get_user_model()
        admins = User.objects.filter(is_superuser=True, is_active=True)
        if admins.exists():
            names = ", ".join(admins.values_list("username", flat=True)[:3])
            self.stdout.write(
                f"Đã có tài khoản quản trị ({names}). Đăng nhập tại {login_url} ; "
                "quên mật khẩu: python manage.py changepassword <tên>."
            )
            return
        username = os.environ.get("ADMIN_USERNAME", "admin")
        password = os.environ.get("ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã tạo tài khoản quản trị. Đăng nhập tại {login_url}\n"
                f"  Tên đăng nhập: {username}\n  Mật khẩu: {password}\n"
                "Hãy ghi lại và đổi mật khẩu sau lần đăng nhập đầu tiên (mật khẩu này chỉ in ra một lần)."
            )
        )
