"""Demo content: the old portal's seed article and enough around it to read.

Idempotent: every row is looked up by its slug first, so a second run finds
everything in place and changes nothing.
"""

from datetime import datetime, timedelta

from django.core.management.base import BaseCommand
from django.db import transaction

from articles.models import Article, Category, SiteBanner
from core.sites import FIRST_SITE_ID, serving
from core.text import slugify_vi
from demo.data import CATEGORIES, OTHER_TOPICS, PARTY_TOPICS, PLACES, SEED, SEED_BODY_FILE, SEED_VOTES, TZ, demo_body
from demo.navigation import load_navigation
from demo.network import load_network
from demo.pages import load_pages
from demo.people import load_people
from demo.pictures import banner_image, demo_image
from demo.readership import load_views
from demo.register import load_documents
from ratings import services
from ratings.models import Vote


class Command(BaseCommand):
    help = (
        "Tạo nội dung mẫu: chuyên mục, bài viết mẫu của cổng cũ, banner 30-4-2024, văn bản, "
        "lượt xem 30 ngày qua cho mục Xem nhiều (chạy lại không thay đổi gì)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--network",
            action="store_true",
            help="thêm mạng trang mẫu: Tỉnh ủy, hai xã/phường, và trang huyện làm trang lưu trữ (make run)",
        )

    def handle(self, *args, network=False, **options):
        with transaction.atomic(), serving(FIRST_SITE_ID):  # the district's content: the first site's
            categories = self.load_categories()
            seed = self.load_seed(categories["xay-dung-dang"])
            created = self.load_neighbours(categories, seed)
            self.load_banner()
            documents = load_documents()
            pages = load_pages()
            people = load_people()
            load_navigation()
            views = load_views()
            hosts = load_network() if network else []
        for host in hosts:
            self.stdout.write(f"  Trang mẫu: {host}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Nội dung mẫu sẵn sàng: {Article.objects.count()} bài viết ({created} bài mới), "
                f"{documents} văn bản mới, {pages} trang giới thiệu mới, {people} người trong tổ chức (mẫu), "
                f"{views} dòng lượt xem theo ngày mới, "
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
                body=SEED_BODY_FILE.read_text(encoding="utf-8"),
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
        # The holiday's banner, for its month only: shown in 2026 it looked forgotten (issue 16).
        shown_until = datetime(2024, 5, 31, 23, 59, tzinfo=TZ)
        banner = SiteBanner.objects.filter(alt="Banner 30-4-2024").first()
        if banner is not None:
            if banner.shown_until is None:  # loaded before it had an end: given one, through save()
                banner.shown_until = shown_until
                banner.save()
            return
        SiteBanner(
            image=banner_image(),
            alt="Banner 30-4-2024",
            shown_from=datetime(2024, 4, 1, tzinfo=TZ),
            shown_until=shown_until,
        ).save()
