import unicodedata

import pytest

from core.text import nfc, sanitize_html, slugify_vi
from tests.factories import make_article, make_category


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Đảng bộ Gò Công Tây", "dang-bo-go-cong-tay"),
        ("ĐẢNG BỘ GÒ CÔNG TÂY", "dang-bo-go-cong-tay"),
        ("Nâng cao chất lượng lãnh đạo", "nang-cao-chat-luong-lanh-dao"),
        ("Kinh tế - Xã hội", "kinh-te-xa-hoi"),
        ("Lễ kỷ niệm 30/4/2024: “Thống nhất”!", "le-ky-niem-30-4-2024-thong-nhat"),
        ("Đồng chí Phạm Nguyễn Hoàng Vũ", "dong-chi-pham-nguyen-hoang-vu"),
    ],
)
def test_vietnamese_slugs_keep_d_and_drop_diacritics(title, slug):
    assert slugify_vi(title) == slug


def test_slug_of_decomposed_text_is_the_same():
    assert slugify_vi(unicodedata.normalize("NFD", "Đảng bộ Gò Công Tây")) == "dang-bo-go-cong-tay"


@pytest.mark.django_db
def test_article_gets_slug_from_title_and_a_unique_one_when_taken():
    category = make_category()
    first = make_article(title="Đảng bộ Gò Công Tây", category=category)
    second = make_article(title="Đảng bộ Gò Công Tây", category=category)
    assert first.slug == "dang-bo-go-cong-tay"
    assert second.slug == "dang-bo-go-cong-tay-2"


@pytest.mark.django_db
def test_text_pasted_in_nfd_is_stored_nfc():
    nfd = unicodedata.normalize("NFD", "Gò Công Tây")
    article = make_article(title=nfd, summary=nfd, author=nfd, body=f"<p>{nfd}</p>")
    article.refresh_from_db()
    assert article.title == article.summary == article.author == "Gò Công Tây"
    assert unicodedata.is_normalized("NFC", article.body)
    category = make_category(name=nfd, slug="")
    category.refresh_from_db()
    assert category.name == "Gò Công Tây" and category.slug == "go-cong-tay"
    assert nfc(nfd) == "Gò Công Tây"


HOSTILE = [
    ('<script>alert("x")</script><p>an toàn</p>', "<script", "<p>an toàn</p>"),
    ('<p onclick="steal()">chữ</p>', "onclick", "<p>chữ</p>"),
    ('<a href="javascript:alert(1)">bấm</a>', "javascript:", "bấm"),
    ('<img src="x.jpg" onerror="steal()" alt="ảnh">', "onerror", 'alt="ảnh"'),
    ('<iframe src="https://evil.example"></iframe><p>ok</p>', "<iframe", "<p>ok</p>"),
    ('<p style="position:fixed">chữ</p>', "style=", "<p>chữ</p>"),
    ('<a href="data:text/html,<script>x</script>">x</a>', "data:", ">x</a>"),
    ("<svg><script>alert(1)</script></svg>", "<svg", ""),
    ('<form action="https://evil.example"><input name="q"></form>', "<form", ""),
]


@pytest.mark.parametrize(("dirty", "gone", "kept"), HOSTILE)
def test_hostile_html_is_cleaned_when_saved(dirty, gone, kept):
    cleaned = sanitize_html(dirty)
    assert gone not in cleaned
    assert kept in cleaned


@pytest.mark.django_db
def test_article_body_is_sanitised_in_the_model_layer():
    article = make_article(body='<p onmouseover="x()">Xin chào</p><script>alert(1)</script>')
    article.refresh_from_db()
    assert article.body == "<p>Xin chào</p>"


def test_editor_output_survives_sanitising():
    html = (
        '<h2>1/ Mục một</h2><p><strong>đậm</strong> <i>nghiêng</i> <a href="https://tiengiang.gov.vn">liên kết</a>'
        ' <a href="mailto:a@b.vn">thư</a></p><ul><li>một</li></ul><ol><li>hai</li></ol><blockquote><p>trích</p>'
        '</blockquote><figure class="image"><img src="/media/uploads/2026/11/a.jpg" alt="Ảnh"><figcaption>Chú thích'
        '</figcaption></figure><figure class="table"><table><tbody><tr><td>ô</td></tr></tbody></table></figure>'
    )
    cleaned = sanitize_html(html)
    for fragment in (
        "<h2>1/ Mục một</h2>",
        "<strong>đậm</strong>",
        "<i>nghiêng</i>",
        'href="https://tiengiang.gov.vn"',
        'href="mailto:a@b.vn"',
        "<blockquote>",
        '<figure class="image"><img src="/media/uploads/2026/11/a.jpg" alt="Ảnh"><figcaption>Chú thích</figcaption>',
        '<figure class="table"><table>',
    ):
        assert fragment in cleaned
