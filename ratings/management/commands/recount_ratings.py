from django.core.management.base import BaseCommand

from ratings import services


class Command(BaseCommand):
    help = "Tính lại tổng điểm và số lượt đánh giá của mọi bài viết từ các phiếu đã lưu."

    def handle(self, *args, **options):
        updated = services.recount()
        self.stdout.write(self.style.SUCCESS(f"Đã tính lại điểm đánh giá của {updated} bài viết."))
