"""Importing a large NukeViet site: time and memory of `manage.py import_nukeviet`.

    scripts/with-postgres .venv/bin/python bench/import_nukeviet.py [--articles 100000] [--photos 0]

Fills a MariaDB database (127.0.0.1:3306, root; `nv_bench`, dropped and made anew) with
NukeViet's news tables (tests/nukeviet/schema.sql) and generated rows: 12 categories, 300
tags, --articles articles with Vietnamese bodies full of the old editor's markup, tags and
old ratings, links to other articles in the old shape (one to an earlier article each, and
every tenth to a later one); --photos of them with a lead photo in a generated uploads/ folder. Then imports
them into a fresh bench database (PostgreSQL, never real content) and prints: articles per
second, the whole run's time, the process's memory every few seconds (flat: batches of 500,
nothing kept between them), and the second run's time (nothing changed: every row compared
and left alone).
"""

import argparse
import io
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pymysql
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT, bench_env, manage

SCHEMA = ROOT / "tests" / "nukeviet" / "schema.sql"
SERVER = {"host": "127.0.0.1", "port": 3306, "user": "root", "password": "", "charset": "utf8mb4"}
NAME = "nv_bench"
PLACES = ["Vĩnh Bình", "Bình Nhì", "Bình Phú", "Đồng Sơn", "Long Bình", "Thạnh Trị", "Yên Luông", "Vĩnh Hựu"]
BODY = (
    '<p class="MsoNormal" style="text-align: justify;"><span style="font-size:14px;"><font face="Arial">'
    "Sáng ngày {d}/5, Đảng ủy xã {place} tổ chức hội nghị &quot;sơ kết&quot; công tác xây dựng Đảng"
    "&nbsp;&nbsp;&nbsp;năm {year}.</font></span><o:p></o:p></p>"
    "<p>Tại hội nghị, các đại biểu đã thảo luận, đánh giá kết quả đạt được, chỉ ra những hạn chế và đề ra "
    "giải pháp trong thời gian tới, nhất là công tác tuyên truyền, vận động Nhân dân.</p>"
    * 4
    + "<p>&nbsp;</p><table border=1><tr><td>Chỉ tiêu</td><td>Kết quả</td></tr></table>"
)


def fill(articles: int, photos: int, uploads: Path) -> None:
    server = pymysql.connect(**SERVER, autocommit=True)
    with server.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {NAME}")
        cursor.execute(f"CREATE DATABASE {NAME} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
        cursor.execute(f"USE {NAME}")
        for statement in SCHEMA.read_text(encoding="utf-8").split(";\n"):
            lines = [line for line in statement.splitlines() if not line.startswith("--")]
            if "".join(lines).strip():
                cursor.execute("\n".join(lines))
        for catid in range(1, 13):
            cursor.execute(
                "INSERT INTO nv4_vi_news_cat (catid, parentid, title, alias, weight) VALUES (%s, %s, %s, %s, %s)",
                (catid, 0 if catid <= 4 else (catid % 4) + 1, f"Chuyên mục {catid}", f"Chuyen-muc-{catid}", catid),
            )
        cursor.executemany(
            "INSERT INTO nv4_vi_news_tags (tid, alias, keywords) VALUES (%s, %s, %s)",
            [(t, f"tu-khoa-{t}", f"từ khóa {t}") for t in range(1, 301)],
        )
        rng = random.Random(11)
        for start in range(1, articles + 1, 1000):
            ids = range(start, min(start + 1000, articles + 1))
            rows, details, tags = [], [], []
            for i in ids:
                place, year = rng.choice(PLACES), 2012 + i % 12
                votes = rng.randint(0, 20)
                photo = f"bench/{i % 50}.jpg" if i <= photos else ""
                rows.append((i, rng.randint(1, 12), f"Hội nghị sơ kết công tác xây dựng Đảng tại xã {place} số {i}",
                             f"Hoi-nghi-so-ket-{i}", f"Đảng ủy xã {place} sơ kết &amp; đề ra phương hướng.",
                             1325376000 + i * 3000, votes * 4, votes, photo, 1 if photo else 0))  # fmt: skip
                # A link to an earlier article (rewritten at once) and, every tenth, to a later one
                # (rewritten at the end of the run), as the old editors linked related news.
                later = f' và <a href="/news/Chuyen-muc-1/Hoi-nghi-so-ket-{i + 5}-{i + 5}.html">bài sau</a>'
                links = (f'<p>Xem thêm <a href="/news/Chuyen-muc-1/Hoi-nghi-so-ket-{i - 1}-{i - 1}.html">bài trước</a>'
                         f"{later if i % 10 == 0 else ''}.</p>")  # fmt: skip
                details.append((i, "", BODY.format(d=i % 28 + 1, place=place, year=year) + links))
                tags += [(i, (i * 7) % 300 + 1, "x"), (i, (i * 13) % 300 + 1, "y")]
            cursor.executemany(
                "INSERT INTO nv4_vi_news_rows (id, catid, title, alias, hometext, publtime, total_rating, "
                "click_rating, homeimgfile, homeimgthumb, homeimgalt, allowed_rating, status) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, 'Ảnh', 1, 1)",
                rows,
            )
            cursor.executemany(
                "INSERT INTO nv4_vi_news_detail (id, description, bodyhtml) VALUES (%s, %s, %s)", details
            )
            cursor.executemany("INSERT IGNORE INTO nv4_vi_news_tags_id (id, tid, keyword) VALUES (%s, %s, %s)", tags)
    server.close()
    folder = uploads / "news" / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(50):
        out = io.BytesIO()
        Image.new("RGB", (1200, 800), (n * 5, 80, 120)).save(out, "JPEG")
        (folder / f"{n}.jpg").write_bytes(out.getvalue())


def run_import(env, uploads: Path) -> tuple[float, list[int], str]:
    """Run the command, sampling its resident memory (MB) every 2 seconds."""
    command = [sys.executable, "manage.py", "import_nukeviet", "--database", f"mysql://root@127.0.0.1/{NAME}",
               "--uploads", str(uploads), "--report-dir", str(uploads.parent / "reports")]  # fmt: skip
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    samples: list[int] = []

    def sample():
        while process.poll() is None:
            try:
                status = Path(f"/proc/{process.pid}/status").read_text()
                samples.append(int(next(line for line in status.splitlines() if line.startswith("VmRSS")).split()[1]))
            except (OSError, StopIteration):
                pass
            time.sleep(2)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    output = process.communicate()[0]
    elapsed = time.perf_counter() - started
    thread.join()
    if process.returncode:
        sys.exit(output)
    return elapsed, [kb // 1024 for kb in samples], output


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--photos", type=int, default=0, help="how many articles have a lead photo")
    args = parser.parse_args()
    env = bench_env("huyenuy_bench_import", CACHE_URL="dummy://", MEDIA_ROOT=tempfile.mkdtemp(prefix="bench-media-"))
    manage(env, "migrate", "--noinput")
    manage(env, "flush", "--noinput")  # a clean portal each time: the first run imports everything
    with tempfile.TemporaryDirectory(prefix="nv-bench-") as folder:
        uploads = Path(folder) / "uploads"
        started = time.perf_counter()
        fill(args.articles, args.photos, uploads)
        print(
            f"old site filled: {args.articles} articles, {args.photos} with a photo, "
            f"{time.perf_counter() - started:.0f} s"
        )
        first, memory, output = run_import(env, uploads)
        print(output.split("Báo cáo nhập dữ liệu từ NukeViet", 1)[-1].split("Đã lưu báo cáo")[0].strip())
        print(f"first run:  {first:.0f} s, {args.articles / first:.0f} articles/s")
        print(f"memory (MB, every 2 s): {memory[:3]} ... {memory[-3:]}; peak {max(memory or [0])}")
        second, memory, output = run_import(env, uploads)
        print(
            f"second run (nothing changed): {second:.0f} s, {args.articles / second:.0f} articles/s; "
            f"peak {max(memory or [0])} MB"
        )
    pymysql.connect(**SERVER, autocommit=True).cursor().execute(f"DROP DATABASE IF EXISTS {NAME}")


if __name__ == "__main__":
    main()
