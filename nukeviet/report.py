"""What a run did, counted as it goes: printed at the end, saved to var/import-reports/ and,
with --report FILE, written as CSV for a person to work through.

Every line of detail names the old item (its kind, old id and old address, nukeviet.links) and
says what happened to it and why: skipped, kept because an editor changed it here, a file
missing, a link or photo to look at. Counters stay in memory; the details go straight to
files, so memory stays flat however many there are.
"""

import csv
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

KINDS = {
    "news.category": "Chuyên mục",
    "news.topic": "Dòng sự kiện",
    "news.tag": "Từ khóa",
    "news.article": "Bài viết",
    "news.attachment": "Tệp đính kèm",
    "news.block": "Nhóm tin",
    "laws.document": "Văn bản",
    "laws.replacement": "Văn bản bị thay thế",
    "pages.page": "Trang giới thiệu",
    "banners.banner": "Banner",
    "banners.link": "Liên kết website",
    "modules.module": "Mô-đun",
}
OUTCOMES = {
    "imported": "thêm mới",
    "updated": "cập nhật",
    "unchanged": "không đổi",
    "kept": "giữ bản đã sửa ở cổng mới",
    "skipped": "bỏ qua",
}
# What a detail line is about (the CSV's "kết quả" column).
SKIPPED, KEPT, MISSING, REFUSED, DOUBT = "bỏ qua", "giữ bản sửa", "thiếu tệp", "tệp bị từ chối", "cần xem lại"
SHOWN_DETAILS = 20  # printed at the end; the files have them all
CSV_COLUMNS = ["loại", "mã cũ", "địa chỉ cũ", "kết quả", "lý do"]


@dataclass(frozen=True)
class Item:
    """One old thing: a row of a table, a file. `url` is its address on the old site, if it had one."""

    kind: str
    key: str
    url: str = ""

    def __str__(self) -> str:
        where = f"{KINDS.get(self.kind, self.kind).lower()} {self.key}"
        return f"{where}, {self.url}" if self.url else where


def duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds < 60:
        return f"{seconds} giây"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} phút {seconds} giây"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} giờ {minutes} phút"


def number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


class Report:
    def __init__(self, *, dry_run: bool, folder: Path | None = None, stream=None, csv_path: Path | None = None):
        self.dry_run = dry_run
        self.counts = Counter()
        self.missing = 0
        self.skipped = 0
        self.doubts = 0
        self.row_missing: list[str] = []  # the missing files of the row being imported (importers reset it)
        self.started = time.monotonic()
        self.stream = stream
        folder = Path(folder or Path(settings.BASE_DIR) / "var" / "import-reports")
        folder.mkdir(parents=True, exist_ok=True)
        stamp = timezone.localtime().strftime("%Y-%m-%d-%H%M%S")
        self.path = folder / f"{stamp}{'-thu' if dry_run else ''}.txt"
        self._details = (folder / f".{self.path.name}.details").open("w", encoding="utf-8")
        self.csv_path = Path(csv_path) if csv_path else None
        self._csv_file = None
        if self.csv_path:
            self.csv_path.parent.mkdir(parents=True, exist_ok=True)
            # utf-8-sig: a spreadsheet opened by a double click reads the Vietnamese letters right.
            self._csv_file = self.csv_path.open("w", encoding="utf-8-sig", newline="")
            self._csv = csv.writer(self._csv_file)
            self._csv.writerow(CSV_COLUMNS)
        self._shown: list[str] = []
        self._progress_at = 0.0

    # --- counting ---------------------------------------------------------------

    def count(self, kind: str, outcome: str) -> None:
        self.counts[kind, outcome] += 1

    def skip(self, item: Item, reason: str) -> None:
        self.count(item.kind, "skipped")
        self.skipped += 1
        self._detail(item, SKIPPED, reason, f"Bỏ qua {item}: {reason}")

    def kept(self, item: Item) -> None:
        """Both sides changed: the portal's version stays."""
        self.count(item.kind, "kept")
        reason = "đã sửa ở cổng mới, trên cổng cũ cũng đã đổi: giữ bản ở cổng mới"
        self._detail(item, KEPT, reason, f"Giữ {item}: {reason}")

    def missing_file(self, item: Item, path: str) -> None:
        self.missing += 1
        self.row_missing.append(path)
        self._detail(item, MISSING, path, f"Thiếu tệp {path} ({item})")

    def bad_file(self, item: Item, path: str, reason: str) -> None:
        self.missing += 1
        self._detail(item, REFUSED, f"{path}: {reason}", f"Không nhận tệp {path} ({item}): {reason}")

    def doubt(self, item: Item, reason: str) -> None:
        """Imported, but something in it a person should look at."""
        self.doubts += 1
        self._detail(item, DOUBT, reason, f"Cần xem lại {item}: {reason}")

    def note(self, line: str) -> None:
        """About the run as a whole, not one item."""
        self._detail(None, "", line, line)

    def _detail(self, item: Item | None, what: str, reason: str, line: str) -> None:
        self._details.write(line + "\n")
        if self._csv_file:
            kind = KINDS.get(item.kind, item.kind) if item else ""
            self._csv.writerow([kind, item.key if item else "", item.url if item else "", what, reason])
        if len(self._shown) < SHOWN_DETAILS:
            self._shown.append(line)

    # --- progress ---------------------------------------------------------------

    def progress(self, label: str, done: int, total: int, started: float, force: bool = False) -> None:
        """One line every few seconds: counts, percentage, speed and the time left."""
        now = time.monotonic()
        if self.stream is None or (not force and now - self._progress_at < 2):
            return
        self._progress_at = now
        elapsed = max(now - started, 1e-6)
        rate = done / elapsed
        left = duration((total - done) / rate) if rate and total > done else "0 giây"
        percent = 100 * done // total if total else 100
        self.stream.write(
            f"{label}: {number(done)}/{number(total)} ({percent}%) · {rate:.0f}/giây · còn khoảng {left}\n"
        )
        self.stream.flush()

    # --- the end ------------------------------------------------------------------

    def summary(self) -> str:
        lines = [
            "Báo cáo nhập dữ liệu từ NukeViet" + (" (chạy thử, không ghi gì)" if self.dry_run else ""),
            f"Lúc: {timezone.localtime():%d/%m/%Y %H:%M}, trong {duration(time.monotonic() - self.started)}",
            "",
        ]
        for kind, label in KINDS.items():
            parts = [f"{OUTCOMES[o]} {number(self.counts[kind, o])}" for o in OUTCOMES if self.counts[kind, o]]
            if parts:
                lines.append(f"{label}: " + ", ".join(parts))
        lines.append(f"Tệp thiếu hoặc không nhận: {number(self.missing)}")
        lines.append(f"Mục cần xem lại: {number(self.doubts)}")
        if self._shown:
            lines += ["", "Chi tiết (toàn bộ trong tệp báo cáo):", *self._shown]
        return "\n".join(lines)

    def save(self) -> Path:
        """The summary, then every detail line, into the dated report file (and the CSV closed)."""
        self._details.close()
        if self._csv_file:
            self._csv_file.close()
        details = self._details.name
        with self.path.open("w", encoding="utf-8") as out:
            out.write(self.summary() + "\n\nToàn bộ chi tiết:\n")
            with open(details, encoding="utf-8") as lines:
                for line in lines:
                    out.write(line)
        Path(details).unlink()
        return self.path
