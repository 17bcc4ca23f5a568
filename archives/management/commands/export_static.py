from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archives.export import ExportError, export_site
from network.registry import registry


class Command(BaseCommand):
    help = (
        "Xuất toàn bộ một trang (thường là trang lưu trữ) thành tệp tĩnh: các trang, ảnh, văn bản và "
        "bảng chuyển hướng liên kết cũ theo cú pháp nginx, để nginx phục vụ một mình."
    )

    def add_arguments(self, parser):
        parser.add_argument("--site", required=True, help="tên miền của trang, ví dụ huyengocongtay.dongthap.gov.vn")
        parser.add_argument("folder", help="thư mục ghi bản xuất (trống, hoặc bản xuất trước sẽ được thay)")

    def handle(self, *args, site, folder, **options):
        found = registry.site_named(site)
        if found is None:
            raise CommandError(f"Không có trang nào có tên miền {site}.")
        try:
            report = export_site(found, Path(folder))
        except ExportError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã xuất trang “{found.name}” vào {folder}: {report.pages} trang, {report.files} tệp, "
                f"{report.old_links} liên kết cũ, {report.bytes / 1e6:.1f} MB."
            )
        )
        if report.broken:
            self.stdout.write(
                f"{len(report.broken)} liên kết trong trang không mở được (bỏ qua), ví dụ: "
                + ", ".join(report.broken[:5])
            )
        self.stdout.write(
            f"Cấu hình nginx: {folder}/_nginx/maps.conf (khối http) và {folder}/_nginx/site.conf (khối server)."
        )
