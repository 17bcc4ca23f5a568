"""Demo content: the old portal's seed article and enough around it to read.

Idempotent: every row is looked up by its slug first, so a second run finds
everything in place and changes nothing.
"""

import colorsys
import io
import math
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from PIL import Image, ImageDraw

from articles.models import Article, Category, SiteBanner
from articles.text import slugify_vi
from ratings import services
from ratings.models import Vote

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"
TZ = ZoneInfo("Asia/Ho_Chi_Minh")

CATEGORIES = [
    ("Xây dựng Đảng", "Công tác xây dựng Đảng, chỉnh đốn Đảng và hệ thống chính trị ở cơ sở."),
    ("Tin hoạt động", "Hoạt động của Huyện ủy, các ban Đảng và cơ sở Đảng trong huyện."),
    ("Kinh tế - Xã hội", "Phát triển kinh tế, nông thôn mới, an sinh xã hội."),
    ("Quốc phòng - An ninh", "Quốc phòng toàn dân, an ninh chính trị, trật tự an toàn xã hội."),
]

SEED = {
    "title": ("Nâng cao chất lượng lãnh đạo của Đảng bộ xã, thị trấn ở huyện Gò Công Tây trong giai đoạn hiện nay"),
    "published_at": datetime(2022, 2, 2, 6, 32, tzinfo=TZ),
    "summary": (
        "Đảng ta luôn coi công tác xây dựng Đảng là công tác cực kỳ quan trọng, nhiều văn kiện của Đảng đã "
        "xác định xây dựng Đảng là nhiệm vụ then chốt, có ý nghĩa sống còn đối với sự tồn vong, đối với sự "
        "thành bại của sự nghiệp cách mạng do Đảng lãnh đạo. Đảng ta luôn quan tâm đến năng lực lãnh đạo và "
        "sức chiến đấu của các tổ chức cơ sở đảng, đặc biệt là các cơ sở đảng ở xã, thị trấn. Nhờ đó mà các "
        "tổ chức cơ sở Đảng đã vươn lên thực hiện khá tốt chức năng, là hạt nhân lãnh đạo chính trị ở cơ sở, "
        "góp phần đáng kể vào thành tích chung của Đảng."
    ),
    "author": "Đồng chí Phạm Nguyễn Hoàng Vũ - Phó Bí thư Thường trực Huyện ủy",
    "caption": "Ban Chấp hành Đảng bộ xã Vĩnh Hựu nhiệm kỳ 2020 - 2025",
}
# 13 votes, 57 points: the seed page's "57 trong 13 đánh giá", "4.4 - 13 phiếu bầu".
SEED_VOTES = [5] * 6 + [4] * 6 + [3]

PLACES = [
    "thị trấn Vĩnh Bình", "xã Bình Nhì", "xã Bình Phú", "xã Bình Tân", "xã Đồng Sơn", "xã Đồng Thạnh",
    "xã Long Bình", "xã Long Vĩnh", "xã Thành Công", "xã Thạnh Nhựt", "xã Thạnh Trị", "xã Vĩnh Hựu",
    "xã Yên Luông",
]  # fmt: skip
PARTY_TOPICS = [
    "Đảng bộ {place} tổng kết công tác xây dựng Đảng năm {year}",
    "Hội nghị học tập, quán triệt nghị quyết của Đảng tại {place}",
    "{place} kết nạp đảng viên mới là đoàn viên ưu tú",
    "Đảng ủy {place} kiểm tra, giám sát chi bộ ấp năm {year}",
    "Sinh hoạt chi bộ chuyên đề học tập và làm theo Bác tại {place}",
]
OTHER_TOPICS = {
    "Tin hoạt động": [
        "Ban Thường vụ Huyện ủy làm việc với Đảng ủy {place}",
        "Huyện ủy Gò Công Tây sơ kết công tác dân vận tại {place}",
        "Trao Huy hiệu Đảng cho đảng viên lão thành ở {place}",
    ],
    "Kinh tế - Xã hội": [
        "{place} đạt chuẩn nông thôn mới nâng cao",
        "Mô hình trồng rau an toàn mang lại thu nhập khá ở {place}",
        "Trao nhà tình nghĩa cho gia đình chính sách tại {place}",
    ],
    "Quốc phòng - An ninh": [
        "Lễ giao nhận quân năm {year} tại {place}",
        "{place} ra mắt mô hình tổ tự quản về an ninh trật tự",
    ],
}


def demo_image(seed: int, size=(800, 533)) -> ContentFile:
    """A calm abstract picture: a stand-in for a news photo (no real people in demo data)."""
    hue = (seed * 0.137) % 1.0
    top = tuple(int(c * 255) for c in colorsys.hsv_to_rgb(hue, 0.35, 0.85))
    bottom = tuple(int(c * 255) for c in colorsys.hsv_to_rgb((hue + 0.08) % 1.0, 0.55, 0.45))
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    width, height = size
    for y in range(height):
        t = y / height
        draw.line([(0, y), (width, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)))
    draw.rectangle([width * 0.1, height * 0.62, width * 0.9, height * 0.78], fill=(163, 21, 21))
    draw.rectangle([width * 0.1, height * 0.62, width * 0.9, height * 0.64], fill=(255, 214, 0))
    for i in range(9):  # a row of figures, like a group photo
        x = width * (0.16 + i * 0.085)
        draw.ellipse([x - 18, height * 0.40, x + 18, height * 0.40 + 36], fill=(60, 45, 40))
        draw.rectangle([x - 24, height * 0.40 + 40, x + 24, height * 0.62], fill=(240, 240, 235))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=82)
    return ContentFile(out.getvalue(), name=f"demo-{seed}.jpg")


def banner_image() -> ContentFile:
    image = Image.new("RGB", (1200, 180), (163, 21, 21))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 150, 1200, 180], fill=(255, 214, 0))
    cx, cy, r = 90, 75, 55  # the yellow star
    points = []
    for k in range(10):
        radius = r if k % 2 == 0 else r * 0.4
        angle = -math.pi / 2 + k * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    draw.polygon(points, fill=(255, 214, 0))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return ContentFile(out.getvalue(), name="banner-30-4-2024.jpg")


def demo_body(title: str, place: str) -> str:
    return (
        f"<p>Thực hiện chương trình công tác năm, {place} đã tổ chức triển khai nội dung “{title}” "
        "với sự tham dự của đông đảo cán bộ, đảng viên và Nhân dân trên địa bàn.</p>"
        "<p>Tại buổi làm việc, các đại biểu đã thảo luận, đánh giá kết quả đạt được, chỉ ra những hạn chế "
        "và đề ra giải pháp trong thời gian tới, nhất là công tác tuyên truyền, vận động Nhân dân.</p>"
        "<h2>Nhiệm vụ thời gian tới</h2>"
        "<ul><li>Tiếp tục nâng cao chất lượng sinh hoạt chi bộ.</li>"
        "<li>Phát huy vai trò tiên phong, gương mẫu của cán bộ, đảng viên.</li>"
        "<li>Gắn kết quả thực hiện với đánh giá, xếp loại cuối năm.</li></ul>"
    )


class Command(BaseCommand):
    help = "Tạo nội dung mẫu: chuyên mục, bài viết mẫu của cổng cũ, banner 30-4-2024 (chạy lại không thay đổi gì)."

    def handle(self, *args, **options):
        with transaction.atomic():
            categories = self.load_categories()
            seed = self.load_seed(categories["xay-dung-dang"])
            created = self.load_neighbours(categories, seed)
            self.load_banner()
        self.stdout.write(
            self.style.SUCCESS(
                f"Nội dung mẫu sẵn sàng: {Article.objects.count()} bài viết ({created} bài mới), "
                f"bài mẫu tại {seed.get_absolute_url()}"
            )
        )

    def load_categories(self):
        categories = {}
        for order, (name, description) in enumerate(CATEGORIES):
            category, _ = Category.objects.get_or_create(
                slug=slugify_vi(name), defaults={"name": name, "description": description, "order": order}
            )
            categories[category.slug] = category
        return categories

    def load_seed(self, category):
        slug = slugify_vi(SEED["title"])
        article = Article.objects.filter(slug=slug).first()
        if article is None:
            article = Article(
                title=SEED["title"],
                slug=slug,
                category=category,
                summary=SEED["summary"],
                body=(DEMO_DIR / "seed_article_body.html").read_text(encoding="utf-8"),
                author=SEED["author"],
                lead_image=demo_image(7, size=(1000, 600)),
                lead_image_alt=SEED["caption"],
                lead_image_caption=SEED["caption"],
                status=Article.Status.PUBLISHED,
                published_at=SEED["published_at"],
                is_featured=True,
            )
            article.save()
        if not article.votes.exists():
            Vote.objects.bulk_create(
                Vote(article=article, stars=stars, voter_key=services.voter_key_for(f"demo-{i}"))
                for i, stars in enumerate(SEED_VOTES)
            )
            services.recount(Article.objects.filter(pk=article.pk))
            article.refresh_from_db()
        return article

    def load_neighbours(self, categories, seed) -> int:
        """26 party-building articles before the seed and 26 after it, and a few elsewhere."""
        plans = []
        for i in range(52):
            offset = (i // 2 + 1) * 3  # every 3 days, alternating before and after
            when = seed.published_at + timedelta(days=offset if i % 2 else -offset, hours=i % 5)
            place = PLACES[i % len(PLACES)]
            title = PARTY_TOPICS[(i // len(PLACES)) % len(PARTY_TOPICS)].format(place=place, year=when.year)
            plans.append((categories["xay-dung-dang"], title, place, when))
        for name, topics in OTHER_TOPICS.items():
            for j, topic in enumerate(topics * 2):
                place = PLACES[(j * 5 + len(name)) % len(PLACES)]
                when = datetime(2022, 1, 10, 8, 0, tzinfo=TZ) + timedelta(days=11 * j + len(name))
                plans.append((categories[slugify_vi(name)], topic.format(place=place, year=when.year), place, when))

        created = 0
        for n, (category, title, place, when) in enumerate(plans):
            title = title[0].upper() + title[1:]
            if Article.objects.filter(slug=slugify_vi(title)).exists():
                continue
            Article(
                title=title,
                category=category,
                summary=f"Sáng ngày {when:%d/%m/%Y}, {place} tổ chức hoạt động “{title}”, "
                "góp phần thực hiện thắng lợi nghị quyết đại hội Đảng bộ các cấp nhiệm kỳ 2020 - 2025.",
                body=demo_body(title, place),
                author="Ban Tuyên giáo Huyện ủy",
                lead_image=demo_image(n),
                lead_image_alt=f"Quang cảnh hoạt động tại {place}",
                lead_image_caption=f"Quang cảnh hoạt động tại {place}",
                status=Article.Status.PUBLISHED,
                published_at=when,
            ).save()
            created += 1
        return created

    def load_banner(self):
        if SiteBanner.objects.filter(alt="Banner 30-4-2024").exists():
            return
        SiteBanner(
            image=banner_image(),
            alt="Banner 30-4-2024",
            # Shown from its holiday on, with no end: the demo site should show it today.
            shown_from=datetime(2024, 4, 1, tzinfo=TZ),
        ).save()
