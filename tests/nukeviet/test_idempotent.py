"""Safe to run again: nothing changes the second time; a change on the old site is brought
across; a dry run writes nothing; an interrupted run resumes."""

import pytest
from django.core.files.storage import default_storage

from articles.models import Article, Attachment, Category, SiteBanner, Tag
from documents.models import Document
from nukeviet.models import ImportedRecord
from pages.models import Page

pytestmark = pytest.mark.django_db
MODELS = (Category, Tag, Article, Attachment, Document, Page, SiteBanner, ImportedRecord)


def snapshot():
    rows = {model.__name__: sorted(model.objects.values_list(flat=False).order_by("pk")) for model in MODELS}
    rows["tags"] = sorted(Article.tags.through.objects.values_list("article_id", "tag_id"))
    files = sorted(p.relative_to(default_storage.location).as_posix()
                   for p in __import__("pathlib").Path(default_storage.location).rglob("*") if p.is_file())  # fmt: skip
    return rows, files


def without_times(rows):
    return {
        name: [tuple(v for v in row if not hasattr(v, "tzinfo")) for row in values] for name, values in rows.items()
    }


def test_a_second_run_changes_nothing(run_import):
    run_import()
    before_rows, before_files = snapshot()
    out = run_import()
    after_rows, after_files = snapshot()
    assert "thêm mới" not in out and "cập nhật" not in out
    assert "Bài viết: không đổi 6, bỏ qua 1" in out
    assert after_files == before_files
    assert without_times(after_rows) == without_times(before_rows)


def test_a_changed_row_is_updated_and_votes_kept(run_import, old_site, client):
    run_import()
    article = Article.objects.get(legacy_id=125)
    client.post(f"/danh-gia/{article.pk}/", {"stars": "3"}, HTTP_ORIGIN="http://testserver")
    old_site.execute("UPDATE nv4_vi_news_rows SET title = 'Tiêu đề đã sửa', total_rating = 60, click_rating = 14 "
                     "WHERE id = 125")  # fmt: skip
    old_site.execute("UPDATE nv4_vi_news_rows SET hitstotal = hitstotal + 100")  # readers' visits: no change
    out = run_import()
    assert "Bài viết: cập nhật 1, không đổi 5, bỏ qua 1" in out
    article.refresh_from_db()
    assert article.title == "Tiêu đề đã sửa" and article.slug.startswith("nang-cao")
    assert (article.rating_sum, article.rating_count) == (63, 15)  # 60/14 from the old site, our own 3/1
    assert Article.objects.count() == 6


def test_a_missing_photo_found_later_is_brought_on_the_next_run(run_import, old_site):
    from .oldsite import photo

    run_import()
    (old_site.uploads / "news/2019_01").mkdir(parents=True)
    (old_site.uploads / "news/2019_01/mat-anh.jpg").write_bytes(photo((700, 400)))
    out = run_import()
    assert "Bài viết: cập nhật 1, không đổi 5" in out
    assert Article.objects.get(legacy_id=134).lead_image


def test_dry_run_writes_nothing_but_reports(run_import):
    before = snapshot()
    out = run_import("--dry-run")
    assert snapshot() == before
    assert "Bài viết: thêm mới 6, bỏ qua 1" in out
    assert "chạy thử" in out.lower()


def test_an_interrupted_run_resumes(run_import, monkeypatch):
    from nukeviet import news

    real = news.NewsImporter._article
    calls = {"n": 0}

    def crash_on_the_fifth(self, r, *args):
        calls["n"] += 1
        if calls["n"] == 5:
            raise KeyboardInterrupt
        return real(self, r, *args)

    monkeypatch.setattr(news.NewsImporter, "_article", crash_on_the_fifth)
    with pytest.raises(KeyboardInterrupt):
        run_import("--batch-size", "2")
    assert Article.objects.count() == 4  # two whole batches committed, the third rolled back
    monkeypatch.setattr(news.NewsImporter, "_article", real)
    out = run_import("--batch-size", "2")
    assert "Bài viết: thêm mới 2, không đổi 4, bỏ qua 1" in out
    assert Article.objects.count() == 6


def test_the_old_view_counts_come_across_and_keep_growing_until_the_switch(run_import, old_site, client):
    from tests.factories import make_user

    old_site.execute("UPDATE nv4_vi_news_rows SET hitstotal = 1234 WHERE id = 125")
    run_import()
    article = Article.objects.get(legacy_id=125)
    assert article.legacy_views == 1234
    old_site.execute("UPDATE nv4_vi_news_rows SET hitstotal = 1300 WHERE id = 125")  # read meanwhile
    run_import()  # the row itself is unchanged: only the count follows
    article.refresh_from_db()
    assert article.legacy_views == 1300
    client.force_login(make_user(superuser=True))
    form = client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert "1300" in form  # the total editors see starts from the old portal's
