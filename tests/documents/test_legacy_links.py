"""The old portal's "laws" links still reach the document, a file, or the register."""

import pytest

from documents.models import Document
from tests.documents.helpers import make_document, pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def resolution():
    document = make_document("15-NQ/HU", files=[pdf_upload("a.pdf"), pdf_upload("b.pdf")])
    document.legacy_alias = "nghi-quyet-15-nq-hu-ve-chuyen-doi-so"
    document.legacy_id = 321
    document.save()
    return document


@pytest.mark.parametrize(
    "old",
    [
        "/laws/detail/nghi-quyet-15-nq-hu-ve-chuyen-doi-so/",
        "/laws/detail/nghi-quyet-15-nq-hu-ve-chuyen-doi-so.html",
        "/vi/laws/detail/nghi-quyet-15-nq-hu-ve-chuyen-doi-so",
    ],
)
def test_an_old_document_link_moves_permanently_to_the_document(client, resolution, old):
    response = client.get(old)
    assert response.status_code == 301 and response.url == resolution.get_absolute_url()


def test_an_old_download_link_moves_to_that_file(client, resolution):
    second = list(resolution.files.all())[1]
    response = client.get("/laws/detail/nghi-quyet-15-nq-hu-ve-chuyen-doi-so/", {"download": "1", "id": "1"})
    assert response.status_code == 301 and response.url == second.get_absolute_url() + "?tai-ve=1"


def test_a_withdrawn_or_unknown_document_is_a_404(client, resolution):
    resolution.status = Document.Status.UNPUBLISHED
    resolution.save()
    assert client.get("/laws/detail/nghi-quyet-15-nq-hu-ve-chuyen-doi-so/").status_code == 404
    assert client.get("/laws/detail/khong-co/").status_code == 404


@pytest.mark.parametrize(
    "old, new",
    [
        ("/laws/", "/van-ban/"),
        ("/vi/laws", "/van-ban/"),
        ("/laws/Nghi-quyet/", "/van-ban/?loai=nghi-quyet"),
        ("/laws/subject/Huyen-uy-Go-Cong-Tay/", "/van-ban/?co_quan=huyen-uy-go-cong-tay"),
        ("/laws/area/Kinh-te/", "/van-ban/?linh_vuc=kinh-te"),
        ("/laws/area/khong-co/", "/van-ban/"),
        ("/laws/signer/12-nguyen-van-a/", "/van-ban/"),
        ("/laws/rss/", "/van-ban/rss/"),
        ("/laws/search/?q=15-NQ/HU", "/van-ban/?q=15-NQ%2FHU"),
    ],
)
def test_old_lists_move_to_the_register_filtered_alike(client, old, new):
    path, _, query = old.partition("?")
    response = client.get(path, dict([query.split("=", 1)]) if query else {})
    assert response.status_code == 301 and response.url == new
