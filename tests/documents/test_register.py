"""The register as readers use it: the list, its filters, search by number and words, one page."""

import datetime
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from documents.models import Document, DocumentType, Field, Issuer
from tests.documents.helpers import make_document, pdf_upload

pytestmark = pytest.mark.django_db


def listed_numbers(response) -> list[str]:
    pattern = r'class="register-number"><a href="[^"]+">[^<]* số <span class="nowrap">([^<]+)</span></a>'
    return re.findall(pattern, response.content.decode())


def test_the_list_shows_published_documents_newest_first(client):
    make_document("01-NQ/HU", issued_on=datetime.date(2024, 1, 5))
    make_document("02-CT/HU", doc_type=DocumentType.objects.get(slug="chi-thi"), issued_on=datetime.date(2025, 6, 1))
    make_document("03-KH/HU", status=Document.Status.DRAFT)
    make_document("04-KH/HU", published_at=timezone.now() + datetime.timedelta(days=1))  # scheduled
    response = client.get("/van-ban/")
    assert response.status_code == 200
    assert listed_numbers(response) == ["02-CT/HU", "01-NQ/HU"]


@pytest.mark.parametrize("typed", ["15-NQ/HU", "15 nq hu", "nq 15", "15-nq/hu", " NQ  15 "])
def test_numbers_are_found_as_people_type_them(client, typed):
    make_document("15-NQ/HU")
    make_document("115-NQ/HU", summary="Về một việc khác hẳn")
    make_document("15-KH/HU", summary="Kế hoạch thực hiện")
    response = client.get("/van-ban/", {"q": typed})
    assert listed_numbers(response) == ["15-NQ/HU"]


def test_words_are_found_without_diacritics_and_an_exact_number_comes_first(client):
    make_document("20-KH/HU", summary="Kế hoạch triển khai Nghị quyết 15-NQ/HU về chuyển đổi số")
    make_document("15-NQ/HU", issued_on=datetime.date(2020, 1, 1))
    assert listed_numbers(client.get("/van-ban/", {"q": "chuyen doi so"})) == ["20-KH/HU", "15-NQ/HU"]
    assert listed_numbers(client.get("/van-ban/", {"q": "nghi quyet 15"}))[0] == "15-NQ/HU"


def test_the_words_inside_a_pdf_are_found(client):
    make_document("07-HD/HU", summary="Hướng dẫn", files=[pdf_upload(lines=["Huong dan bau cu dai bieu khoa moi"])])
    assert listed_numbers(client.get("/van-ban/", {"q": "bầu cử đại biểu"})) == ["07-HD/HU"]


def test_filters_combine_and_keep_their_state_in_the_address(client):
    directive = DocumentType.objects.get(slug="chi-thi")
    province = Issuer.objects.get(slug="tinh-uy-tien-giang")
    party = Field.objects.get(slug="xay-dung-dang")
    make_document("01-CT/TU", doc_type=directive, issuer=province, field=party, issued_on=datetime.date(2024, 5, 1))
    make_document("02-CT/TU", doc_type=directive, issuer=province, issued_on=datetime.date(2023, 5, 1))
    make_document("03-CT/HU", doc_type=directive, field=party, issued_on=datetime.date(2024, 5, 1))
    for n in range(25):
        make_document(f"{100 + n}-CT/TU", doc_type=directive, issuer=province, issued_on=datetime.date(2024, 1, 1))

    response = client.get("/van-ban/", {"loai": "chi-thi", "co_quan": "tinh-uy-tien-giang", "nam": "2024"})
    numbers = listed_numbers(response)
    assert "01-CT/TU" in numbers and "02-CT/TU" not in numbers and "03-CT/HU" not in numbers
    page = response.content.decode()
    assert "selected>Chỉ thị</option>" in page.replace('value="chi-thi" ', "")  # the form shows the choice
    next_link = re.search(r'rel="next" href="\?([^"]+)"', page).group(1).replace("&amp;", "&")
    assert set(next_link.split("&")) == {"loai=chi-thi", "co_quan=tinh-uy-tien-giang", "nam=2024", "trang=2"}

    both = client.get("/van-ban/", {"loai": "chi-thi", "linh_vuc": "xay-dung-dang", "nam": "2024"})
    assert sorted(listed_numbers(both)) == ["01-CT/TU", "03-CT/HU"]


@pytest.mark.parametrize(
    "params, message",
    [
        ({"loai": "khong-co"}, "Không có loại văn bản này."),
        ({"nam": "hai-nghin"}, "Năm phải là một số"),
        ({"nam": "99999"}, "Năm không hợp lệ."),
        ({"q": "x" * 300}, "Từ khóa quá dài"),
    ],
)
def test_a_wrong_filter_gets_a_message_not_an_error(client, params, message):
    make_document()
    response = client.get("/van-ban/", params)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_expired_and_replaced_documents_stay_listed_and_marked(client):
    new = make_document("30-NQ/HU", issued_on=datetime.date(2025, 1, 1))
    make_document("10-NQ/HU", issued_on=datetime.date(2020, 1, 1), replaced_by=new)
    make_document("11-QĐ/HU", issued_on=datetime.date(2020, 1, 1), expires_on=datetime.date(2021, 1, 1))
    page = client.get("/van-ban/").content.decode()
    assert "Đã được thay thế" in page and "Hết hiệu lực" in page
    old = client.get(Document.objects.get(number="10-NQ/HU").get_absolute_url()).content.decode()
    assert "Đã được thay thế" in old and new.get_absolute_url() in old
    assert "Thay thế" in client.get(new.get_absolute_url()).content.decode()  # the new one names the old


def test_the_list_costs_the_same_queries_however_many_documents(client, django_assert_max_num_queries):
    make_document("1-NQ/HU")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get("/van-ban/", {"loai": "nghi-quyet"})
    for n in range(2, 40):
        make_document(f"{n}-NQ/HU")
    with django_assert_max_num_queries(len(few)):
        client.get("/van-ban/", {"loai": "nghi-quyet"})


def test_a_document_page_shows_every_field_its_files_and_the_pdf_viewer(client):
    document = make_document(
        "15-NQ/HU",
        field=Field.objects.get(slug="kinh-te"),
        effective_on=datetime.date(2025, 3, 15),
        files=[pdf_upload("Nghị quyết 15-NQ-HU.pdf")],
    )
    response = client.get(document.get_absolute_url())
    page = response.content.decode()
    expected = ["Nghị quyết số 15-NQ/HU", "Huyện ủy Gò Công Tây", "12/03/2025", "15/03/2025", "Kinh tế"]
    expected += ["Nguyễn Văn A - Bí thư Huyện ủy", "Còn hiệu lực", "Nghị quyết 15-NQ-HU.pdf", "PDF", "Tải về"]
    for text in expected:
        assert text in page, text
    file_url = document.files.get().get_absolute_url()
    assert f'<iframe src="{file_url}"' in page
    data = json.loads(re.search(r'<script type="application/ld\+json">(.+?)</script>', page).group(1))
    assert data["legislationIdentifier"] == "15-NQ/HU" and data["encoding"][0]["encodingFormat"] == "application/pdf"


def test_an_old_address_of_a_document_moves_permanently(client):
    document = make_document()
    response = client.get(f"/van-ban/ten-cu-{document.pk}.html")
    assert response.status_code == 301 and response.url == document.get_absolute_url()


def test_a_draft_is_not_shown_to_readers(client):
    document = make_document(status=Document.Status.DRAFT)
    assert client.get(document.get_absolute_url()).status_code == 404


def test_a_number_is_unique_per_issuer_with_a_clear_message():
    make_document("15-NQ/HU")
    make_document("15-NQ/HU", issuer=Issuer.objects.get(slug="tinh-uy-tien-giang"))  # another issuer: fine
    duplicate = Document(
        number="15-NQ/HU",
        doc_type=DocumentType.objects.first(),
        issuer=Issuer.objects.get(slug="huyen-uy-go-cong-tay"),
        summary="x",
        issued_on=datetime.date(2025, 1, 1),
    )
    with pytest.raises(ValidationError, match="đã có văn bản mang số/ký hiệu này"):
        duplicate.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_every_page_links_to_the_register_and_marks_it_when_open(client):
    home = client.get("/").content.decode()
    assert '<a href="/van-ban/">Văn bản</a>' in home
    assert '<a href="/van-ban/" aria-current="page">Văn bản</a>' in client.get("/van-ban/").content.decode()
