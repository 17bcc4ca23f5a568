"""manage.py backup and restore: one archive, a round trip that gives back articles, votes,
users, revisions and photos exactly, and no page from before the restore after it."""

import hashlib
import io
from pathlib import Path

import pytest
import reversion
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from reversion.models import Version

from articles.models import Article
from ratings.models import Vote
from ratings.services import vote_cast
from tests.factories import image_upload, make_article, make_user

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump and pg_restore: PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


def checksums(root: Path) -> dict:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in root.rglob("*") if p.is_file()
    }


def state():
    return {
        "articles": sorted(Article.objects.values_list("id", "title", "status", "rating_sum", "rating_count")),
        "votes": sorted(Vote.objects.values_list("article_id", "stars", "voter_key")),
        "users": sorted(get_user_model().objects.values_list("username", "password")),
        "revisions": sorted(Version.objects.values_list("object_id", "serialized_data")),
    }


def test_a_backup_restores_everything_and_no_page_from_before_is_served(settings, tmp_path):
    make_user(username="bientap")
    with reversion.create_revision():
        article = make_article(title="Tin trước khi sao lưu", lead_image=image_upload(), lead_image_alt="Ảnh")
    vote_cast(article=article, stars=5, voter_key="a" * 64)
    before, photos = state(), checksums(Path(settings.MEDIA_ROOT))
    assert photos and before["revisions"]

    out = io.StringIO()
    call_command("backup", "--output", str(tmp_path / "sao-luu"), stdout=out)
    [archive] = (tmp_path / "sao-luu").glob("huyenuy-*.tar.gz")
    assert str(archive) in out.getvalue()

    # A bad day: the article defaced and cached so, a vote and a user gone, a photo deleted.
    Article.objects.filter(pk=article.pk).update(title="Trang bị xâm nhập")
    Vote.objects.all().delete()
    get_user_model().objects.filter(username="bientap").delete()
    next(p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()).unlink()
    reader = Client()
    assert "Trang bị xâm nhập" in reader.get(article.get_absolute_url()).content.decode()
    assert reader.get(article.get_absolute_url())["X-Page-Cache"] == "hit"

    call_command("restore", str(archive), stdout=io.StringIO())
    assert state() == before
    assert checksums(Path(settings.MEDIA_ROOT)) == photos
    page = reader.get(article.get_absolute_url())
    assert page["X-Page-Cache"] == "miss" and "Tin trước khi sao lưu" in page.content.decode()
    # Search finds the title as it was, not the defaced one (on PostgreSQL through the search
    # table, partitioned by month: restored whole), and a new article is found too.
    assert "Tin trước khi sao lưu" in reader.get("/tim-kiem/?q=truoc+khi+sao+luu").content.decode()
    assert "Trang bị xâm nhập" not in reader.get("/tim-kiem/?q=xam+nhap").content.decode()
    make_article(title="Tin sau khi phục hồi")
    assert "Tin sau khi phục hồi" in reader.get("/tim-kiem/?q=phuc+hoi").content.decode()


def test_a_missing_or_broken_archive_is_refused_in_vietnamese_and_changes_nothing(tmp_path):
    article = make_article(title="Không đổi")
    with pytest.raises(CommandError, match="Không có tệp sao lưu"):
        call_command("restore", str(tmp_path / "khong-co.tar.gz"))
    broken = tmp_path / "hong.tar.gz"
    broken.write_bytes(b"not an archive")
    with pytest.raises(CommandError, match="không đọc được"):
        call_command("restore", str(broken))
    assert Article.objects.get(pk=article.pk).title == "Không đổi"


def test_restore_creates_the_database_when_it_is_gone(tmp_path):
    """The README's restore after the database was dropped (a new server, a DROP by mistake)."""
    import os
    import subprocess
    import sys

    import psycopg

    make_article(title="Tin phải còn sau khi khôi phục")
    call_command("backup", "--output", str(tmp_path), stdout=io.StringIO())
    [archive] = tmp_path.glob("huyenuy-*.tar.gz")
    db = connection.settings_dict
    server = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    name = f"huyenuy_restore_{os.getpid()}"
    env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "DEBUG": "1",
        "DATABASE_URL": f"{server}/{name}",
        "MEDIA_ROOT": str(tmp_path / "media-moi"),
        "CACHE_URL": "dummy://",
    }
    root = Path(__file__).resolve().parents[2]
    try:
        result = subprocess.run(
            [sys.executable, "manage.py", "restore", str(archive)], cwd=root, env=env, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr[-2000:]
        with psycopg.connect(f"{server}/{name}") as restored:
            titles = [row[0] for row in restored.execute("SELECT title FROM articles_article")]
        assert "Tin phải còn sau khi khôi phục" in titles
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
