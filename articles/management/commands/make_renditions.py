from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand

from articles.models import Article, SiteBanner
from images.renditions import has_renditions, make_renditions, rendition_name


class Command(BaseCommand):
    """Renditions for every lead photo and site banner stored without them: photos stored
    before renditions existed, or restored from a backup of the originals only."""

    help = "Tạo các bản ảnh thu nhỏ (480/800/1200 px, WebP và JPEG) còn thiếu cho ảnh đã lưu trước đây."

    def handle(self, *args, **options):
        names = [
            *Article.objects.exclude(lead_image="").values_list("lead_image", flat=True),
            *SiteBanner.objects.exclude(image="").values_list("image", flat=True),
        ]
        made = 0
        for name in names:
            missing = has_renditions(name) and not default_storage.exists(rendition_name(name, ext="webp"))
            if missing and default_storage.exists(name):
                make_renditions(name)
                made += 1
        self.stdout.write(self.style.SUCCESS(f"Đã tạo {made} bản ảnh còn thiếu."))
