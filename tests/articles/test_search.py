"""Search finds every text a reader sees on an article's page."""

import pytest

from tests.factories import make_article


@pytest.mark.django_db
def test_captions_and_alt_texts_are_found(client):
    body = (
        '<figure><img src="/media/x.jpg" alt="Hội nghị tại hội trường xã Bình Nhì">'
        "<figcaption>Ban Chấp hành Đảng bộ xã Vĩnh Hựu nhiệm kỳ 2020 - 2025</figcaption></figure><p>Nội dung.</p>"
    )
    article = make_article(
        title="Đại hội Đảng bộ", body=body, lead_image_caption="Đoàn viên xã Yên Luông ra quân", summary="Tin."
    )
    for query in ("Vĩnh Hựu", "binh nhi", "yen luong"):
        page = client.get("/tim-kiem/", {"q": query}).content.decode()
        assert article.title in page, query
