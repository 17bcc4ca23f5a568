from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from network.creation import create_site


class Command(BaseCommand):
    help = "Tạo một trang mới (xã, phường, tỉnh) với người quản trị đầu tiên của trang."

    def add_arguments(self, parser):
        parser.add_argument("domain", help="tên miền chính, ví dụ xabinhnhi.dongthap.gov.vn")
        parser.add_argument("name", help="tên trang, ví dụ “Đảng ủy xã Bình Nhì”")
        parser.add_argument(
            "--admin", required=True, help="tên đăng nhập của người quản trị trang (tạo mới nếu chưa có)"
        )
        parser.add_argument("--parent", default="", help="tên miền của trang cấp trên (tỉnh)")
        parser.add_argument("--alias", action="append", default=[], help="tên miền khác, chuyển về tên chính")
        parser.add_argument("--tagline", default="")
        parser.add_argument("--email", default="")
        parser.add_argument("--phone", default="")
        parser.add_argument("--address", default="")

    def handle(self, *args, domain, name, admin, parent, alias, **options):
        identity = {key: options[key] for key in ("tagline", "email", "phone", "address")}
        try:
            site, password = create_site(domain, name, admin, parent=parent, aliases=alias, **identity)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(self.style.SUCCESS(f"Đã tạo trang “{site.name}” tại {site.domain}."))
        if password:
            self.stdout.write(
                f"  Người quản trị: {admin}\n  Mật khẩu: {password}\n"
                "Hãy gửi riêng cho người này và đề nghị đổi mật khẩu sau lần đăng nhập đầu tiên."
            )
        else:
            self.stdout.write(f"  {admin} là người quản trị của trang (tài khoản đã có, mật khẩu không đổi).")
