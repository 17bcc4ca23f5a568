from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backups import BackupError, restore


class Command(BaseCommand):
    help = "Phục hồi cổng từ một tệp sao lưu của `manage.py backup` (ghi đè cơ sở dữ liệu và ảnh hiện có)."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="tệp .tar.gz do `manage.py backup` tạo ra")

    def handle(self, *args, archive, **options):
        try:
            restore(Path(archive))
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(f"Đã phục hồi từ {archive}; bộ nhớ đệm trang đã được xóa."))
