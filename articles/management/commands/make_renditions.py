from django.core.management.base import BaseCommand

from articles.images import make_missing_renditions


class Command(BaseCommand):
    help = "Tạo các bản ảnh thu nhỏ (480/800/1200 px, WebP và JPEG) còn thiếu cho ảnh đã lưu trước đây."

    def handle(self, *args, **options):
        created = make_missing_renditions()
        self.stdout.write(self.style.SUCCESS(f"Đã tạo {created} bản ảnh còn thiếu."))
