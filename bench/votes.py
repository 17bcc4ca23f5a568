"""Vote throughput through gunicorn with several workers on PostgreSQL, and a count of lost votes.

    make bench            (or: scripts/with-postgres .venv/bin/python bench/votes.py)

Prints votes/s beside GET /healthz (the cheapest request, measured in the same run)
and checks that the article's totals equal exactly what was sent.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import bench_env, fire, gunicorn, http, manage, prepare, row

SETUP = """
from articles.models import Article, Category
from ratings.models import Vote
category, _ = Category.objects.get_or_create(slug="bench-danh-gia", defaults={"name": "Bench đánh giá"})
article, _ = Article.objects.get_or_create(
    slug="bench-bai-danh-gia", defaults={"title": "Bench bài đánh giá", "category": category,
    "summary": "Bài dùng cho phép đo.", "status": "published"})
Vote.objects.filter(article=article).delete()
Article.objects.filter(pk=article.pk).update(rating_sum=0, rating_count=0)
print(article.pk)
"""
TOTALS = "from articles.models import Article; a = Article.objects.get(pk={pk}); print(a.rating_count, a.rating_sum)"


def main(votes=600, workers=4, concurrency=16):
    env = bench_env(CACHE_URL="redis://127.0.0.1:6379/14")
    prepare(env)
    pk = int(manage(env, "shell", "--no-imports", "-c", SETUP).split()[-1])
    with gunicorn(env, workers=workers) as base:
        origin = {"Origin": base, "Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded"}
        fire(50, lambda i: http("GET", f"{base}/healthz"))  # warm up every worker
        seconds, latencies, _ = fire(votes, lambda i: http("GET", f"{base}/healthz"), concurrency)
        baseline = votes / seconds
        print(f"gunicorn {workers} workers, {concurrency} concurrent clients, {votes} requests each")
        print(row("GET /healthz (baseline)", seconds, latencies, votes))

        stars = [i % 5 + 1 for i in range(votes)]
        seconds, latencies, codes = fire(
            votes, lambda i: http("POST", f"{base}/danh-gia/{pk}/", f"stars={stars[i]}", origin), concurrency
        )
        print(row("POST /danh-gia/ (new reader each)", seconds, latencies, votes, baseline))

        burst = [i % 5 + 1 for i in range(60)]
        _, _, burst_codes = fire(60, lambda i: http("POST", f"{base}/danh-gia/{pk}/", f"stars={burst[i]}", origin), 60)

    count, total = map(int, manage(env, "shell", "--no-imports", "-c", TOTALS.format(pk=pk)).split())
    expected = (votes + 60, sum(stars) + sum(burst))
    refused = sum(code != 200 for code in codes + burst_codes)
    print(f"60 readers at the same moment: {burst_codes.count(200)} accepted")
    print(f"votes sent {expected[0]}, refused {refused}, counted {count}; points sent {expected[1]}, counted {total}")
    lost = expected[0] - refused - count
    print(f"lost votes: {lost}")
    return 0 if lost == 0 and refused == 0 and total == expected[1] else 1


if __name__ == "__main__":
    sys.exit(main())
