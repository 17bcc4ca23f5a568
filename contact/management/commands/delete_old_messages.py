from django.core.management.base import BaseCommand

from contact import services


class Command(BaseCommand):
    help = (
        "Xóa các góp ý gửi quá CONTACT_RETENTION_DAYS ngày (mặc định 365), như trang Liên hệ - Góp ý "
        "đã cam kết với người gửi (Nghị định 13/2023/NĐ-CP). Chạy hằng ngày; chạy lại nhiều lần không sao."
    )

    def handle(self, *args, **options):
        days = services.retention_days()
        deleted = services.delete_old_messages(days)
        self.stdout.write(f"Đã xóa {deleted} góp ý gửi quá {days} ngày.")
