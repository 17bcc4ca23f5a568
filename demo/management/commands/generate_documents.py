"""Many documents for benchmarks (bench/documents.py): realistic numbers, types, bodies and
dates, written in batches; --delete removes them (they are recognised by their issuer)."""

import random
import time
from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Max

import pagecache
from core.text import search_document
from demo.documents import DOCUMENTS
from documents.models import Document, DocumentType, Field, Issuer

ISSUER = "Đơn vị thử nghiệm (dữ liệu sinh tự động)"
SUFFIXES = {"Nghị quyết": "NQ", "Chỉ thị": "CT", "Kết luận": "KL", "Quy định": "QĐ", "Quy chế": "QC",
            "Hướng dẫn": "HD", "Kế hoạch": "KH", "Chương trình": "CTr", "Thông báo": "TB", "Báo cáo": "BC",
            "Công văn": "CV", "Quyết định": "QĐ"}  # fmt: skip


class Command(BaseCommand):
    help = "Tạo nhanh nhiều văn bản thử để đo hiệu năng của mục Văn bản; không đụng tới văn bản thật."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=1000, help="số văn bản cần tạo (mặc định 1000)")
        parser.add_argument("--seed", type=int, default=1, help="hạt giống ngẫu nhiên (kết quả lặp lại được)")
        parser.add_argument("--batch", type=int, default=2000)
        parser.add_argument("--delete", action="store_true", help="xóa các văn bản thử đã tạo")

    def handle(self, *args, count, seed, batch, delete, **options):
        issuer, _ = Issuer.objects.get_or_create(slug="don-vi-thu-nghiem", defaults={"name": ISSUER, "order": 999})
        if delete:
            deleted, _ = Document.objects.filter(issuer=issuer).delete()
            issuer.delete()
            pagecache.invalidate_all()
            self.stdout.write(self.style.SUCCESS(f"Đã xóa {deleted} dòng dữ liệu thử."))
            return
        if count < 1:
            raise CommandError("--count phải lớn hơn 0.")
        started = time.monotonic()
        rng = random.Random(seed)  # noqa: S311 - test data, not secrets
        types = {t.name: t for t in DocumentType.objects.all()}
        fields = list(Field.objects.all())
        if not types:
            raise CommandError("Chưa có danh mục loại văn bản (chạy manage.py migrate trước).")
        first = (Document.objects.aggregate(last=Max("id"))["last"] or 0) + 1
        made = 0
        while made < count:
            rows = [
                self.document(rng, first + made + n, issuer, types, fields) for n in range(min(batch, count - made))
            ]
            with transaction.atomic():
                Document.objects.bulk_create(rows)
            made += len(rows)
        pagecache.invalidate_all()
        self.stdout.write(self.style.SUCCESS(f"Đã tạo {made} văn bản thử trong {time.monotonic() - started:.1f} giây."))

    @staticmethod
    def document(rng, n, issuer, types, fields) -> Document:
        kind_name = rng.choice(list(types))
        number = f"{n}-{SUFFIXES.get(kind_name, 'VB')}/TN"
        summary = rng.choice(DOCUMENTS)[4]
        issued = date(2010, 1, 1) + timedelta(days=rng.randrange(16 * 365))
        field = rng.choice(fields) if fields else None
        parts = [number, summary, kind_name, ISSUER, field.name if field else ""]
        return Document(
            number=number,
            number_key=search_document(kind_name, number)[:120],
            doc_type=types[kind_name],
            issuer=issuer,
            field=field,
            summary=summary,
            slug=f"vb-thu-{n}",
            issued_on=issued,
            status=Document.Status.PUBLISHED,
            search_text=search_document(*parts),
        )
