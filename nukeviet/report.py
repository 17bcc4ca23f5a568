"""What a run did, counted as it goes: printed at the end and saved to var/import-reports/.

Counters stay in memory; the details (each skipped row with its reason, each missing file)
go straight to the report file, so memory stays flat however many there are.
"""

import time
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.utils import timezone

KINDS = {
    "news.category": "Chuyên mục",
    "news.topic": "Dòng sự kiện",
    "news.tag": "Từ khóa",
    "news.article": "Bài viết",
    "news.attachment": "Tệp đính kèm",
    "laws.document": "Văn bản",
    "laws.replacement": "Văn bản bị thay thế",
    "pages.page": "Trang giới thiệu",
    "banners.banner": "Banner",
}
OUTCOMES = {"imported": "thêm mới", "updated": "cập nhật", "unchanged": "không đổi", "skipped": "bỏ qua"}
SHOWN_DETAILS = 20  # printed at the end; the file has them all


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
    def __init__(self, *, dry_run: bool, folder: Path | None = None, stream=None):
        self.dry_run = dry_run
        self.counts = Counter()
        self.missing = 0
        self.skipped = 0
        self.row_missing: list[str] = []  # the missing files of the row being imported (importers reset it)
        self.started = time.monotonic()
        self.stream = stream
        folder = Path(folder or Path(settings.BASE_DIR) / "var" / "import-reports")
        folder.mkdir(parents=True, exist_ok=True)
        stamp = timezone.localtime().strftime("%Y-%m-%d-%H%M%S")
        self.path = folder / f"{stamp}{'-thu' if dry_run else ''}.txt"
        self._details = (folder / f".{self.path.name}.details").open("w", encoding="utf-8")
        self._shown: list[str] = []
        self._progress_at = 0.0

    # --- counting ---------------------------------------------------------------

    def count(self, kind: str, outcome: str) -> None:
        self.counts[kind, outcome] += 1

    def skip(self, kind: str, key, reason: str) -> None:
        self.count(kind, "skipped")
        self.skipped += 1
        self._detail(f"Bỏ qua {KINDS.get(kind, kind).lower()} {key}: {reason}")

    def missing_file(self, where: str, path: str) -> None:
        self.missing += 1
        self.row_missing.append(path)
        self._detail(f"Thiếu tệp {path} ({where})")

    def bad_file(self, where: str, path: str, reason: str) -> None:
        self.missing += 1
        self._detail(f"Không nhận tệp {path} ({where}): {reason}")

    def note(self, line: str) -> None:
        self._detail(line)

    def _detail(self, line: str) -> None:
        self._details.write(line + "\n")
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
        if self._shown:
            lines += ["", "Chi tiết (toàn bộ trong tệp báo cáo):", *self._shown]
        return "\n".join(lines)

    def save(self) -> Path:
        """The summary, then every detail line, into the dated report file."""
        self._details.close()
        details = self._details.name
        with self.path.open("w", encoding="utf-8") as out:
            out.write(self.summary() + "\n\nToàn bộ chi tiết:\n")
            with open(details, encoding="utf-8") as lines:
                for line in lines:
                    out.write(line)
        Path(details).unlink()
        return self.path
