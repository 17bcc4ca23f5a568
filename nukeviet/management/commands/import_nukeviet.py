"""manage.py import_nukeviet: bring the old NukeViet 4 site's content across (README, "Moving from NukeViet")."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

import pagecache
from nukeviet.banners import BannersImporter
from nukeviet.laws import LawsImporter
from nukeviet.media import Uploads
from nukeviet.news import NewsImporter
from nukeviet.pages import PagesImporter
from nukeviet.report import Report
from nukeviet.source import Source, SourceError


class DryRunFinished(Exception):
    """Raised at the end of a dry run to roll back everything it did."""


class Command(BaseCommand):
    help = "Nhập chuyên mục, bài viết, ảnh, điểm đánh giá, văn bản, trang và banner từ cơ sở dữ liệu NukeViet 4."

    def add_arguments(self, parser):
        parser.add_argument("--database", required=True, help="mysql://tên:mật-khẩu@máy-chủ:3306/tên-csdl của cổng cũ")
        parser.add_argument("--uploads", help="thư mục uploads/ của cổng cũ (đã chép sang máy này)")
        parser.add_argument("--prefix", default="nv4", help="tiền tố bảng của NukeViet (mặc định nv4)")
        parser.add_argument("--lang", default="vi", help="ngôn ngữ dữ liệu (mặc định vi)")
        parser.add_argument("--module", default="news", help="tên bảng của mô-đun tin tức (mặc định news)")
        parser.add_argument(
            "--old-domain",
            action="append",
            default=[],
            help="tên miền cũ, để nhận ra ảnh và liên kết viết đầy đủ địa chỉ (lặp lại được)",
        )
        parser.add_argument("--batch-size", type=int, default=500, help="số dòng mỗi giao dịch (mặc định 500)")
        parser.add_argument("--dry-run", action="store_true", help="chạy thử: đọc, kiểm tra, báo cáo, không ghi gì")
        parser.add_argument("--report-dir", help="thư mục lưu báo cáo (mặc định var/import-reports)")

    def handle(self, *args, **options):
        uploads_root = options["uploads"]
        if uploads_root and not Path(uploads_root).is_dir():
            raise CommandError(f"Không có thư mục uploads “{uploads_root}”.")
        if options["batch_size"] < 1:
            raise CommandError("--batch-size phải là số dương.")
        try:
            source = Source(options["database"], prefix=options["prefix"], lang=options["lang"])
        except SourceError as error:
            raise CommandError(str(error)) from None
        dry_run = options["dry_run"]
        report = Report(dry_run=dry_run, folder=options["report_dir"], stream=self.stdout)
        domains = [*options["old_domain"], *source.config("my_domains").split(",")]
        uploads = Uploads(uploads_root, domains=domains, dry_run=dry_run, report=report)
        size = options["batch_size"]
        importers = [
            NewsImporter(source, uploads, report, module=options["module"], batch_size=size),
            LawsImporter(source, uploads, report, batch_size=size),
            PagesImporter(source, uploads, report, module="page"),
            PagesImporter(source, uploads, report, module="about"),
            BannersImporter(source, uploads, report),
        ]
        present = [importer for importer in importers if importer.present()]
        if not present:
            source.close()
            raise CommandError(
                f"Không thấy bảng nào của NukeViet với tiền tố “{options['prefix']}_{options['lang']}_” "
                f"trong cơ sở dữ liệu “{source.database}” (thử --prefix, --lang, --module)."
            )
        if not uploads_root:
            report.note("Không có --uploads: ảnh và tệp của cổng cũ không được mang sang.")
        try:
            self._run(present, dry_run)
        except SourceError as error:
            raise CommandError(f"{error} Phần đã nhập được giữ lại; chạy lại lệnh để tiếp tục.") from None
        finally:
            source.close()
            self.stdout.write("\n" + report.summary())
            self.stdout.write(f"\nĐã lưu báo cáo: {report.save()}")
        if not dry_run:
            pagecache.invalidate_all()  # bulk updates send no signal: every page may have changed
        self.stdout.write(self.style.SUCCESS("Chạy thử xong, không ghi gì." if dry_run else "Nhập xong."))

    def _run(self, importers, dry_run: bool) -> None:
        if not dry_run:
            for importer in importers:
                importer.run()
            return
        try:
            with transaction.atomic():  # every batch a savepoint inside it, all rolled back at the end
                for importer in importers:
                    importer.run()
                raise DryRunFinished
        except DryRunFinished:
            pass
