from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backups import BackupError, backup


class Command(BaseCommand):
    help = "Sao lưu toàn bộ cổng (cơ sở dữ liệu và ảnh đã tải lên) vào một tệp .tar.gz có ghi ngày."

    def add_arguments(self, parser):
        parser.add_argument("--output", default="var/backups", help="thư mục chứa tệp sao lưu (mặc định var/backups)")

    def handle(self, *args, output, **options):
        try:
            archive = backup(Path(output))
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(f"Đã sao lưu vào {archive}"))
