"""Every piece of content belongs to one site (core/sites.py), and a site's readers see only its own."""

import pytest
from django import forms
from django.contrib.sites.models import Site
from django.core.exceptions import ValidationError

from articles.models import Article, Category
from contact.models import Message
from core.sites import serving
from documents.models import DocumentType
from navigation.models import MenuItem
from network.deletion import SiteNotDeleted, delete_site
from people.models import Term
from tests.factories import make_article, make_category, make_site

pytestmark = pytest.mark.django_db

XA = "xabinhnhi.localhost"


@pytest.fixture
def commune(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, ".localhost"]
    return make_site(XA, "Đảng ủy xã Bình Nhì", owner="Đảng ủy xã Bình Nhì")


def on_commune(commune, **fields):
    """An article written on the commune's site, in a category of its own."""
    with serving(commune):
        category = make_category(name="Tin tức xã", slug="tin-tuc")
        return make_article(category=category, **fields)


def test_content_written_before_there_were_sites_belongs_to_the_first():
    article = make_article()
    assert article.site_id == 1 and article.category.site_id == 1


def test_two_sites_may_each_have_the_same_addresses(commune):
    make_category(name="Tin tức", slug="tin-tuc")
    article = on_commune(commune, title="Bài viết số 1")
    assert article.site_id == commune.pk and article.category.slug == "tin-tuc"
    assert Category.objects.filter(slug="tin-tuc").count() == 2


def test_the_same_path_on_two_hosts_shows_each_sites_own_article(client, commune):
    ours = make_article(category=make_category(slug="tin-tuc"), title="Tin của huyện")
    theirs = on_commune(commune, title="Tin của xã")
    assert client.get(ours.get_absolute_url()).status_code == 200
    assert client.get(theirs.get_absolute_url()).status_code == 404  # the commune's, asked of the district
    xa = client.get(theirs.get_absolute_url(), HTTP_HOST=XA)
    assert xa.status_code == 200 and "Tin của xã" in xa.content.decode()
    assert client.get(ours.get_absolute_url(), HTTP_HOST=XA).status_code == 404
    district_home, xa_home = client.get("/").content.decode(), client.get("/", HTTP_HOST=XA).content.decode()
    assert "Tin của huyện" in district_home and "Tin của xã" not in district_home
    assert "Tin của xã" in xa_home and "Tin của huyện" not in xa_home
    found = client.get("/tim-kiem/?q=tin+cua", HTTP_HOST=XA).content.decode()
    assert "Tin của xã" in found and "Tin của huyện" not in found


def test_a_vote_for_another_sites_article_is_refused_and_counts_nothing(client, commune):
    theirs = on_commune(commune)
    response = client.post(f"/danh-gia/{theirs.pk}/", {"stars": "5"}, HTTP_ORIGIN="http://testserver")
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.rating_count == 0


def test_an_article_cannot_be_filed_in_another_sites_category(commune):
    theirs = on_commune(commune)
    article = make_article()
    article.category = theirs.category
    with pytest.raises(ValidationError) as refused:
        article.full_clean()
    assert "thuộc trang khác (Đảng ủy xã Bình Nhì)" in str(refused.value.message_dict["category"])


def test_content_cannot_be_moved_to_another_site(commune):
    article = make_article(title="Ở lại huyện")
    article.site_id = commune.pk
    with pytest.raises(ValidationError, match="Không chuyển được nội dung sang trang khác"):
        article.save()
    assert Article.objects.get(pk=article.pk).site_id == 1


def test_a_new_row_of_a_page_being_served_is_that_sites(commune):
    with serving(commune):
        item = MenuItem.objects.create(label="Giới thiệu", kind=MenuItem.Kind.PATH, path="/")
        message = Message.objects.create(
            name="Nguyễn Văn A", email="a@example.vn", subject="Góp ý", body="Nội dung", consent=True
        )
    assert item.site_id == message.site_id == commune.pk


def test_a_name_taken_on_this_site_is_refused_in_vietnamese_and_free_on_another(commune):
    class TypeForm(forms.ModelForm):
        class Meta:
            model = DocumentType
            fields = ["name"]

    DocumentType.objects.create(name="Quy chế phối hợp")
    form = TypeForm({"name": "Quy chế phối hợp"})
    assert not form.is_valid() and "Tên này đã có trong danh sách của trang." in str(form.errors)
    with serving(commune):
        assert TypeForm({"name": "Quy chế phối hợp"}).is_valid()


def test_each_site_has_its_own_current_term(commune):
    Term.objects.create(name="Nhiệm kỳ 2020 - 2025", start_year=2020, end_year=2025, is_current=True)
    with serving(commune):
        term = Term(name="Nhiệm kỳ 2025 - 2030", start_year=2025, end_year=2030, is_current=True)
        term.full_clean()
        term.save()
    assert Term.objects.filter(is_current=True).count() == 2


def test_deleting_a_site_needs_its_name_and_deletes_its_rows_and_no_other_sites(admin_client, commune):
    ours = make_article()
    theirs = on_commune(commune)
    with serving(commune):
        child = make_category(name="Tin xã con", slug="tin-xa-con", parent=theirs.category)
    url = f"/admin/sites/site/{commune.pk}/delete/"
    page = admin_client.get(url).content.decode()
    assert "Gõ lại tên trang để xác nhận" in page and "1 bài viết" in page
    refused = admin_client.post(url, {"typed_name": "Đảng ủy xã"})
    assert refused.status_code == 400 and "không khớp: chưa xóa gì" in refused.content.decode()
    assert Article.objects.filter(pk=theirs.pk).exists()
    assert admin_client.post(url, {"typed_name": "Đảng ủy xã Bình Nhì"}).status_code == 302
    assert list(Article.objects.values_list("pk", flat=True)) == [ours.pk]
    assert not Category.objects.filter(pk__in=[theirs.category_id, child.pk]).exists()
    assert Category.objects.filter(pk=ours.category_id).exists() and not Site.objects.filter(pk=commune.pk).exists()


def test_a_site_another_sites_row_points_at_is_not_deleted(commune):
    theirs = on_commune(commune)
    MenuItem.objects.create(label="Tin xã", kind=MenuItem.Kind.CATEGORY, category=theirs.category)
    with pytest.raises(SiteNotDeleted, match="mục menu “Tin xã” của trang Huyện ủy Gò Công Tây"):
        delete_site(commune, "Đảng ủy xã Bình Nhì")
    assert Article.objects.filter(pk=theirs.pk).exists()


def test_a_change_on_one_site_clears_only_that_sites_cached_pages(client, commune):
    ours = make_article(category=make_category(slug="tin-tuc"), title="Tin của huyện")
    theirs = on_commune(commune, title="Tin của xã")
    for host in ("testserver", XA):  # the same path, each site's own copy
        assert client.get("/", HTTP_HOST=host)["X-Page-Cache"] == "miss"
        assert client.get("/", HTTP_HOST=host)["X-Page-Cache"] == "hit"
    theirs.title = "Tin của xã (đã sửa)"
    theirs.save()
    xa = client.get("/", HTTP_HOST=XA)
    assert xa["X-Page-Cache"] == "miss" and "Tin của xã (đã sửa)" in xa.content.decode()
    district = client.get("/")
    assert district["X-Page-Cache"] == "hit" and "Tin của huyện" in district.content.decode()
    ours.save()  # and the other way round
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get("/", HTTP_HOST=XA)["X-Page-Cache"] == "hit"
