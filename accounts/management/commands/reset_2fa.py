from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts import twofactor


class Command(BaseCommand):
    help = (
        "Xóa ứng dụng xác thực và mã dự phòng của một tài khoản (khi người dùng mất điện thoại và mã dự phòng). "
        "Lần đăng nhập sau, tài khoản phải thiết lập lại nếu bắt buộc."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có tài khoản “{username}”.")
        twofactor.switch_off(user)
        self.stdout.write(f"Đã xóa xác thực hai lớp của “{username}”.")
