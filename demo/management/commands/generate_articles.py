"""Bulk test data: realistic Vietnamese articles for benchmarks and growth tests.

    manage.py generate_articles --count 100000 [--categories 8] [--seed 1]

Articles go into categories of their own ("Dữ liệu thử 1" …, slugs
`du-lieu-thu-N`) and are published over the past years; nothing that exists is
changed. `--delete` removes exactly what this command made (and nothing else).
Rows are written with bulk_create, so Article.save() is bypassed: the derived
fields (slug, sanitised body, search text) are computed here the same way.
"""

import random
import time
from datetime import timedelta

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

import pagecache
from articles.models import Article, Category
from core.sites import FIRST_SITE_ID, serving
from core.text import html_to_text, sanitize_html, search_document, slugify_vi
from demo.data import PLACES
from demo.pictures import demo_image
from network.registry import registry

PREFIX = "du-lieu-thu-"
SUBJECTS = [
    "Đảng ủy {p} tổ chức hội nghị sơ kết công tác xây dựng Đảng",
    "Hội Nông dân {p} ra mắt mô hình trồng lúa chất lượng cao",
    "{p} đẩy mạnh chuyển đổi số trong cải cách hành chính",
    "Đoàn Thanh niên {p} ra quân chiến dịch Mùa hè xanh",
    "Mặt trận Tổ quốc {p} trao nhà Đại đoàn kết cho hộ nghèo",
    "{p} tổ chức lễ giao nhận quân",
    "Hội Liên hiệp Phụ nữ {p} tuyên truyền phòng chống bạo lực gia đình",
    "Công an {p} ra mắt tổ an ninh trật tự ở cơ sở",
    "{p} về đích nông thôn mới nâng cao",
    "Chi bộ ấp thuộc {p} sinh hoạt chuyên đề học tập và làm theo Bác",
    "Ban Thường vụ Huyện ủy kiểm tra việc thực hiện nghị quyết tại {p}",
    "{p} vận động Nhân dân hiến đất làm đường giao thông nông thôn",
]
SENTENCES = [
    "Hội nghị đã đánh giá kết quả thực hiện nhiệm vụ chính trị, chỉ ra những hạn chế và đề ra giải pháp.",
    "Cán bộ, đảng viên phát huy vai trò tiên phong, gương mẫu, gắn bó mật thiết với Nhân dân.",
    "Địa phương tập trung phát triển kinh tế - xã hội, giữ vững quốc phòng, an ninh.",
    "Công tác tuyên truyền được đổi mới, phù hợp với điều kiện của từng ấp, khu phố.",
    "Nhân dân đồng tình, hưởng ứng tích cực các phong trào thi đua yêu nước.",
    "Đời sống vật chất và tinh thần của người dân từng bước được nâng lên.",
    "Các chỉ tiêu chủ yếu của nghị quyết đại hội đều đạt và vượt kế hoạch đề ra.",
]
AUTHORS = ["Ban Tuyên giáo Huyện ủy", "Văn phòng Huyện ủy", "Phóng viên Trung tâm Văn hóa - Thể thao và Truyền thanh"]


class Command(BaseCommand):
    help = "Tạo nhanh nhiều bài viết thử (tiếng Việt) để đo hiệu năng; không đụng tới nội dung thật."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=1000, help="số bài cần tạo (mặc định 1000)")
        parser.add_argument("--categories", type=int, default=8, help="số chuyên mục thử (mặc định 8)")
        parser.add_argument("--years", type=int, default=5, help="rải ngày đăng trong bấy nhiêu năm qua")
        parser.add_argument("--seed", type=int, default=1, help="hạt giống ngẫu nhiên (kết quả lặp lại được)")
        parser.add_argument("--batch", type=int, default=2000)
        parser.add_argument("--delete", action="store_true", help="xóa các bài và chuyên mục thử đã tạo")
        parser.add_argument("--site", help="tên miền của trang nhận bài thử (mặc định: trang đầu tiên)")

    def handle(self, *args, site=None, **options):
        site_id = FIRST_SITE_ID
        if site:
            found = registry.site_named(site)
            if found is None:
                raise CommandError(f"Không có trang nào có tên miền {site}.")
            site_id = found.pk
        with serving(site_id):  # the articles, their categories and every look-up: that site's
            self.generate(**options)

    def generate(self, *, count, categories, years, seed, batch, delete, **options):
        if delete:
            generated = Category.objects.filter(slug__startswith=PREFIX)
            deleted, _ = Article.objects.filter(category__in=generated).delete()
            generated.delete()
            pagecache.invalidate_all()
            self.stdout.write(self.style.SUCCESS(f"Đã xóa {deleted} dòng dữ liệu thử."))
            return
        if count < 1 or categories < 1:
            raise CommandError("--count và --categories phải lớn hơn 0.")
        started = time.monotonic()
        rng = random.Random(seed)  # noqa: S311 - test data, not secrets
        owned = [
            Category.objects.get_or_create(
                slug=f"{PREFIX}{n}", defaults={"name": f"Dữ liệu thử {n}", "order": 100 + n}
            )[0]
            for n in range(1, categories + 1)
        ]
        now = timezone.now()
        span = timedelta(days=365 * years).total_seconds()
        first_number = (Article.objects.aggregate(last=Max("id"))["last"] or 0) + 1
        image_url = self.shared_image()
        made = 0
        # A few hundred distinct articles, computed once (sanitising and search text
        # are the slow part), then reused with their own dates and addresses.
        pool = [self.content(rng, image_url) for _ in range(min(count, 500))]
        while made < count:
            rows = []
            for _ in range(min(batch, count - made)):
                number = first_number + made + len(rows)
                fields = dict(rng.choice(pool))
                slug = f"{fields.pop('slug')}-t{number}"
                rows.append(
                    Article(
                        **fields,
                        slug=slug,
                        category=rng.choice(owned),
                        status=Article.Status.PUBLISHED,
                        published_at=now - timedelta(seconds=rng.random() * span),
                    )
                )
            with transaction.atomic():
                Article.objects.bulk_create(rows)
            made += len(rows)
        pagecache.invalidate_all()
        self.stdout.write(
            self.style.SUCCESS(f"Đã tạo {made} bài viết thử trong {time.monotonic() - started:.1f} giây.")
        )

    @staticmethod
    def shared_image() -> str:
        """One photo for every generated body (the demo's calm stand-in picture)."""
        name = "generated/anh-minh-hoa.jpg"
        if not default_storage.exists(name):
            default_storage.save(name, demo_image(3))
        return default_storage.url(name)

    @staticmethod
    def content(rng, image_url) -> dict:
        place = rng.choice(PLACES)
        title = rng.choice(SUBJECTS).format(p=place)
        title = title[0].upper() + title[1:]
        summary = f"Tại {place}, {rng.choice(SENTENCES)[0].lower()}{rng.choice(SENTENCES)[1:]}"
        paragraphs = [f"<p>{' '.join(rng.sample(SENTENCES, 3))}</p>" for _ in range(rng.randint(3, 6))]
        caption = f"Quang cảnh hoạt động tại {place}"
        figure = (
            f'<figure class="image"><img src="{image_url}" alt="{caption}" width="800" height="533">'
            f"<figcaption>{caption}</figcaption></figure>"
        )
        body = sanitize_html("".join(paragraphs[:2]) + figure + "".join(paragraphs[2:]))
        author = rng.choice(AUTHORS)
        return {
            "title": title,
            "slug": slugify_vi(title, 180),
            "summary": summary,
            "body": body,
            "author": author,
            "search_title": search_document(title),
            "search_text": search_document(title, summary, html_to_text(body), author),
        }
