"""manage.py import_nukeviet: bring the old NukeViet 4 site's content across (README, "Moving from NukeViet")."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

import pagecache
from core.sites import FIRST_SITE_ID, serving
from network.registry import registry
from nukeviet.banners import BannersImporter
from nukeviet.bodylinks import Relinker
from nukeviet.laws import LawsImporter
from nukeviet.media import Uploads
from nukeviet.modules import ModulesImporter
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
        parser.add_argument(
            "--site",
            help="tên miền của trang nhận nội dung (mỗi cổng cũ vào một trang); mặc định: trang đầu tiên",
        )
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
        parser.add_argument(
            "--report", metavar="FILE", help="ghi thêm báo cáo chi tiết dạng CSV vào FILE (mở được bằng Excel)"
        )
        parser.add_argument(
            "--no-fetch",
            action="store_true",
            help="không tải ảnh mà bài cũ lấy từ trang khác (chỉ liệt kê chúng trong báo cáo)",
        )

    def handle(self, *args, **options):
        site = FIRST_SITE_ID
        if options["site"]:
            found = registry.site_named(options["site"])
            if found is None:
                raise CommandError(
                    f"Không có trang nào có tên miền {options['site']}: hãy tạo trang trước (create_site)."
                )
            site = found.pk
        # Every look-up and every row of the import is that site's (core/sites.py).
        with serving(site):
            self._import(options)

    def _import(self, options):
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
        report = Report(dry_run=dry_run, folder=options["report_dir"], stream=self.stdout, csv_path=options["report"])
        domains = [*options["old_domain"], *source.config("my_domains").split(",")]
        uploads = Uploads(uploads_root, domains=domains, dry_run=dry_run, report=report, fetch=not options["no_fetch"])
        relinker = Relinker(uploads.domains, report)
        modules = ModulesImporter(source, report)
        importers = [modules, *self._importers(source, uploads, report, relinker, modules, options)]
        present = [importer for importer in importers[1:] if importer.present()]
        if not present:
            source.close()
            raise CommandError(
                f"Không thấy bảng nào của NukeViet với tiền tố “{options['prefix']}_{options['lang']}_” "
                f"trong cơ sở dữ liệu “{source.database}” (thử --prefix, --lang, --module)."
            )
        if not uploads_root:
            report.note("Không có --uploads: ảnh và tệp của cổng cũ không được mang sang.")
        try:
            self._run([modules, *present, relinker], dry_run)
        except SourceError as error:
            raise CommandError(f"{error} Phần đã nhập được giữ lại; chạy lại lệnh để tiếp tục.") from None
        finally:
            source.close()
            self.stdout.write("\n" + report.summary())
            self.stdout.write(f"\nĐã lưu báo cáo: {report.save()}")
        if not dry_run:
            pagecache.invalidate_all()  # bulk updates send no signal: every page may have changed
        self.stdout.write(self.style.SUCCESS("Chạy thử xong, không ghi gì." if dry_run else "Nhập xong."))

    @staticmethod
    def _importers(source, uploads, report, relinker, modules, options):
        """An importer for each module, under the titles the old site's addresses use (nv4_vi_modules,
        read first; the installer's names where the old site has no such table)."""
        modules.read()
        size, news = options["batch_size"], options["module"]
        title = (modules.titles("news", news) or [news])[0]
        yield NewsImporter(source, uploads, report, module=news, batch_size=size, title=title, relinker=relinker)
        laws = (modules.titles("laws") or ["laws"])[0]
        yield LawsImporter(source, uploads, report, batch_size=size, title=laws, relinker=relinker)
        for data in modules.data_of("page") or ["page", "about"]:
            title = (modules.titles("page", data) or [data])[0]
            yield PagesImporter(source, uploads, report, module=data, title=title, relinker=relinker)
        yield BannersImporter(source, uploads, report)

    def _run(self, steps, dry_run: bool) -> None:
        """The importers in turn, then the body links that waited for the rest (Relinker.finish)."""

        def run_all():
            for step in steps:
                if isinstance(step, Relinker):
                    step.finish()
                else:
                    step.run()

        if not dry_run:
            return run_all()
        try:
            with transaction.atomic():  # every batch a savepoint inside it, all rolled back at the end
                run_all()
                raise DryRunFinished
        except DryRunFinished:
            pass
