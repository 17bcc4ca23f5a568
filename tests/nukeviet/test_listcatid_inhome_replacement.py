"""What the old site knew beyond one category and one page: listcatid (extra categories),
inhome (kept off the home page), and laws replacing one another."""

import pytest

from articles.models import Article, Category
from documents.models import Document

from .oldsite import SEED_ID

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(run_import):
    return run_import()


def test_an_article_in_two_categories_is_listed_in_both(imported, client):
    article = Article.objects.get(legacy_id=130)  # catid 3, listcatid "3,1"
    party = Category.objects.get(legacy_alias="Xay-dung-Dang")
    assert list(article.extra_categories.all()) == [party]
    page = client.get(party.get_absolute_url()).content.decode()
    seed = Article.objects.get(legacy_id=SEED_ID)
    assert page.count(f'href="{article.get_absolute_url()}"') == page.count(f'href="{seed.get_absolute_url()}"') > 0
    assert page.index(article.get_absolute_url()) < page.index(seed.get_absolute_url())  # 2023 before 2022
    assert article.get_absolute_url().startswith("/hoat-dong-co-so/")  # its address: its main category's


def test_inhome_zero_keeps_an_article_and_a_block_off_the_home_page(imported, client):
    hidden = Article.objects.get(legacy_id=134)
    assert hidden.show_on_home is False and Article.objects.get(legacy_id=SEED_ID).show_on_home
    home = client.get("/").content.decode()
    assert hidden.title not in home and Article.objects.get(legacy_id=SEED_ID).title in home
    assert hidden.title in client.get(hidden.category.get_absolute_url()).content.decode()
    assert Category.objects.get(legacy_alias="tag").show_on_home is False
    assert Category.objects.get(legacy_alias="Xay-dung-Dang").show_on_home is True


def test_a_law_links_the_one_it_replaced_and_back(imported, client):
    old, new = Document.objects.get(legacy_id=6), Document.objects.get(legacy_id=7)
    assert old.replaced_by == new and new.replaced_by is None
    old_page = client.get(old.get_absolute_url()).content.decode()
    assert "Đã được thay thế" in old_page and f'href="{new.get_absolute_url()}"' in old_page
    new_page = client.get(new.get_absolute_url()).content.decode()
    number = '<span class="nowrap">08-NQ/HU</span>'  # a document number is never broken across lines
    assert f'href="{old.get_absolute_url()}">{number}</a>' in new_page and "Còn hiệu lực" in new_page
    assert "Văn bản bị thay thế: thêm mới 1, bỏ qua 1" in imported
    assert "Bỏ qua văn bản bị thay thế 99: văn bản 99 không có hoặc không nhập được" in imported


def test_a_replacement_taken_back_on_the_old_site_is_taken_back_here(run_import, old_site):
    run_import()
    assert "Văn bản bị thay thế: không đổi 1" in run_import()
    old_site.execute("UPDATE nv4_vi_laws_row SET replacement = '' WHERE id = 7")
    out = run_import()
    assert "Văn bản bị thay thế: cập nhật 1" in out
    assert Document.objects.get(legacy_id=6).replaced_by is None


def test_an_editor_s_own_replacement_link_is_left_alone(run_import, old_site):
    run_import()
    old = Document.objects.get(legacy_id=6)
    later = Document.objects.get(legacy_id=7)
    later.pk, later.legacy_id, later.legacy_alias, later.number = None, None, "", "20-NQ/HU"
    later._state.adding = True
    later.save()  # written in the portal after the import...
    Document.objects.filter(pk=old.pk).update(replaced_by=later)  # ...and named the replacer by hand
    old_site.execute("UPDATE nv4_vi_laws_row SET replacement = '' WHERE id = 7")
    run_import()
    assert Document.objects.get(pk=old.pk).replaced_by == later
