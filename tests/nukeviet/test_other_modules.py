"""laws -> documents register, page -> introduction pages, banners -> header banners."""

from datetime import date

import pytest

from articles.models import SiteBanner
from documents.models import Document
from pages.models import Page

pytestmark = pytest.mark.django_db


def test_laws_become_documents_with_their_files_and_old_links(run_import, client):
    out = run_import()
    document = Document.objects.get(legacy_id=7)
    assert (document.number, document.doc_type.name, document.issuer.name) == (
        "15-NQ/HU", "Nghị quyết", "Huyện ủy Gò Công Tây")  # fmt: skip
    assert document.field.name == "Xây dựng Đảng"
    assert document.summary == "Về nâng cao năng lực lãnh đạo & sức chiến đấu của tổ chức cơ sở đảng"
    assert document.issued_on == date(2024, 1, 15) and document.signer == "Phạm Nguyễn Hoàng Vũ"
    assert document.signer_position == "Phó Bí thư Thường trực Huyện ủy"
    assert document.is_published() and document.files.get().kind == "pdf"
    response = client.get("/laws/detail/Nghi-quyet-15-NQ-HU/")
    assert response.status_code == 301 and response["Location"] == document.get_absolute_url()
    assert client.get(document.get_absolute_url()).status_code == 200
    assert "Văn bản: thêm mới 2" in out


def test_pages_keep_their_old_alias(run_import, client):
    run_import()
    page = Page.objects.get(legacy_alias="Lich-su-Dang-bo")
    assert page.title == "Lịch sử Đảng bộ huyện" and page.parent.path == ""
    assert page.summary == "Quá trình hình thành & phát triển." and page.photo_alt == "Trụ sở Huyện ủy"
    assert page.photo and "/media/uploads/" in page.body
    response = client.get("/page/Lich-su-Dang-bo.html")
    assert response.status_code == 301 and response["Location"] == page.get_absolute_url()
    assert client.get(page.get_absolute_url()).status_code == 200


def test_header_banners_with_their_windows(run_import):
    out = run_import()
    banner = SiteBanner.objects.get()
    assert banner.alt == "Banner 30-4-2024" and banner.image_width == 1200
    assert banner.shown_from.timestamp() == 1713546000 and banner.shown_until.timestamp() == 1714928400
    assert "Bỏ qua banner 2: quảng cáo ở cột bên không dẫn tới đâu" in out  # never the header
