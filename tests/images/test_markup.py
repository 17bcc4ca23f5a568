"""<picture> on the pages and responsive body images (images/markup.py)."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.core.files.storage import default_storage
from django.template import engines
from django.utils import timezone

from articles.models import Article, SiteBanner
from core.text import sanitize_html
from images.markup import BODY_IMAGE_SIZES, responsive_body
from tests.factories import image_bytes, image_upload, make_article, make_category
from tests.images.helpers import WIDTHS, upload

pytestmark = pytest.mark.django_db


# --- pages ------------------------------------------------------------------------------


def picture_of(html: str, container: str) -> str:
    match = re.search(re.escape(container) + r".*?(<picture>.*?</picture>)", html, re.S)
    assert match, f"no <picture> in {container}"
    return match.group(1)


def test_article_page_lead_banner_is_an_eager_picture_with_webp_and_sizes(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    article = make_article(
        lead_image=image_upload(size=(1600, 1000)),
        lead_image_alt="Quang cảnh hội nghị",
        lead_image_caption="Chú thích ảnh",
    )
    html = client.get(article.get_absolute_url()).content.decode()
    url = default_storage.url(article.lead_image.name)
    base = url.removesuffix(".jpg")
    figure = re.search(r'<figure class="article-banner">(.*?)</figure>', html, re.S).group(1)
    picture = picture_of(figure, "")
    webp = ", ".join(f"{base}-{w}w.webp {w}w" for w in WIDTHS) + f", {base}.webp 1600w"
    jpeg = ", ".join(f"{base}-{w}w.jpg {w}w" for w in WIDTHS) + f", {url} 1600w"
    assert f'<source type="image/webp" srcset="{webp}" sizes="' in picture
    assert f'<img src="{url}" srcset="{jpeg}" sizes="' in picture
    assert 'width="1600" height="1000" alt="Quang cảnh hội nghị"' in picture
    assert 'loading="lazy"' not in picture and 'fetchpriority="high"' in picture
    assert "<figcaption>Chú thích ảnh</figcaption>" in figure
    for candidate in re.findall(r"(/media/\S+) \d+w", picture):  # every URL offered is a real file
        assert default_storage.exists(candidate.removeprefix("/media/"))


def test_cards_are_lazy_decorative_pictures(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    article = make_article(title="Tin có ảnh", lead_image=image_upload(size=(900, 600)), lead_image_alt="Cánh đồng")
    make_article(category=article.category, title="Tin nổi bật", is_featured=True)
    # The home's row of three shows it a third of the content column wide; a list beside the text.
    sizes = {
        "/": "(min-width: 64rem) 17rem, (min-width: 48rem) 30vw, 7.5rem",
        article.category.get_absolute_url(): "(min-width: 48rem) 12rem, 7.5rem",
    }
    for path, shown in sizes.items():
        html = client.get(path).content.decode()
        picture = picture_of(html, f'<a class="card-image" href="{article.get_absolute_url()}"')
        assert 'alt=""' in picture and 'loading="lazy"' in picture and 'decoding="async"' in picture
        assert 'width="900" height="600"' in picture and "-480w.webp 480w" in picture
        assert f'sizes="{shown}"' in picture


def test_header_site_banner_is_an_eager_picture(client, db):
    SiteBanner(
        image=image_upload(size=(1500, 200)), alt="Banner 30-4-2024", shown_from=timezone.now() - timedelta(1)
    ).save()
    html = client.get("/").content.decode()
    picture = picture_of(html, '<div class="site-banner">')
    assert 'type="image/webp"' in picture and "-1200w.webp 1200w" in picture
    assert 'width="1500" height="200" alt="Banner 30-4-2024"' in picture and 'sizes="100vw"' in picture
    assert 'loading="lazy"' not in picture


def test_pages_never_touch_the_disk_to_show_pictures(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    article = make_article(lead_image=image_upload(size=(900, 600)), lead_image_alt="Ảnh")
    SiteBanner(image=image_upload(size=(1500, 200)), alt="Banner", shown_from=timezone.now() - timedelta(1)).save()
    boom = AssertionError("file system access while rendering a page")
    with (
        mock.patch.object(default_storage, "open", side_effect=boom),
        mock.patch.object(default_storage, "exists", side_effect=boom),
        mock.patch.object(default_storage, "size", side_effect=boom),
        mock.patch.object(default_storage, "path", side_effect=boom),
    ):
        for path in ("/", article.get_absolute_url(), article.category.get_absolute_url()):
            response = client.get(path)
            assert response.status_code == 200 and b"<picture>" in response.content


def test_picture_writes_an_empty_alt_and_copes_with_small_or_missing_images(db):
    template = engines["jinja2"].from_string("{{ picture(image, w, h, alt, lazy=True) }}")
    small = make_article(lead_image=image_upload(size=(300, 200)), lead_image_alt="Nhỏ").lead_image
    html = template.render({"image": small, "w": 300, "h": 200, "alt": ""})
    base = default_storage.url(small.name).removesuffix(".jpg")
    assert html == (
        f'<picture><source type="image/webp" srcset="{base}.webp"><img src="{base}.jpg" width="300" height="200" '
        'alt="" loading="lazy" decoding="async"></picture>'
    )
    assert template.render({"image": None, "w": None, "h": None, "alt": "x"}) == ""
    escaped = template.render({"image": small, "w": 300, "h": 200, "alt": 'Ảnh "đẹp" <b>'})
    assert 'alt="Ảnh &#34;đẹp&#34; &lt;b&gt;"' in escaped


# --- body images -----------------------------------------------------------------------


def body_with(url: str, caption="Quang cảnh hội nghị", alt="Đại biểu dự hội nghị") -> str:
    return (
        f'<p>Mở đầu.</p><figure class="image"><img src="{url}" alt="{alt}"><figcaption>{caption}</figcaption></figure>'
    )


def test_body_images_uploaded_in_the_editor_become_responsive_and_keep_their_caption(client, editor, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.force_login(editor)
    url = upload(client, image_bytes(size=(1600, 1200))).json()["url"]
    article = make_article(body=body_with(url))
    base = url.removesuffix(".jpg")
    srcset = ", ".join(f"{base}-{w}w.jpg {w}w" for w in WIDTHS) + f", {url} 1600w"
    assert article.body == (
        f'<p>Mở đầu.</p><figure class="image"><img src="{url}" alt="Đại biểu dự hội nghị" width="1600" '
        f'height="1200" srcset="{srcset}" sizes="{BODY_IMAGE_SIZES}" loading="lazy" decoding="async">'
        "<figcaption>Quang cảnh hội nghị</figcaption></figure>"
    )
    client.logout()
    html = client.get(article.get_absolute_url()).content.decode()
    assert article.body in html


def test_responsive_body_is_idempotent_over_saves(client, editor):
    client.force_login(editor)
    url = upload(client, image_bytes(size=(1000, 700))).json()["url"]
    article = make_article(body=body_with(url, alt='Ảnh "đẹp" & <rõ>') + f'<p><img src="{url}" alt=""></p>')
    first = article.body
    assert first.count('loading="lazy"') == 2 and first.count("-800w.jpg 800w") == 2
    article.save()
    assert article.body == first
    article.refresh_from_db()
    article.save()
    assert article.body == first
    assert responsive_body(first) == first


def test_body_enrichment_adds_only_what_the_sanitiser_lets_through_again(client, editor):
    client.force_login(editor)
    url = upload(client, image_bytes(size=(1000, 700))).json()["url"]
    enriched = make_article(body=body_with(url)).body
    # The sanitiser, run on the enriched body, removes exactly the attributes added for the
    # browser (srcset, sizes, loading, decoding) and changes nothing else.
    again = sanitize_html(enriched)
    for attribute in ("srcset", "sizes", "loading", "decoding"):
        enriched = re.sub(rf' {attribute}="[^"]*"', "", enriched)
    assert again == enriched


def test_small_body_images_get_dimensions_but_no_srcset(client, editor):
    client.force_login(editor)
    url = upload(client, image_bytes(size=(320, 200))).json()["url"]
    body = make_article(body=body_with(url)).body
    assert (
        f'<img src="{url}" alt="Đại biểu dự hội nghị" width="320" height="200" loading="lazy" decoding="async">' in body
    )
    assert "srcset" not in body


def test_other_body_images_are_left_as_they_are(db, settings):
    (settings.MEDIA_ROOT / "cu").mkdir(parents=True)
    (settings.MEDIA_ROOT / "cu" / "a.jpg").write_bytes(image_bytes(size=(700, 500)))  # stored before renditions
    outside = settings.MEDIA_ROOT.parent / "bi-mat.jpg"
    outside.write_bytes(image_bytes(size=(700, 500)))
    untouched = [
        '<img src="https://example.com/media/a.jpg" alt="ngoài">',
        '<img src="/media/uploads/khong-co.jpg" alt="mất">',
        '<img src="/media/../bi-mat.jpg" alt="ra ngoài">',
        '<img src="/media/cu/a.jpg?v=2" alt="truy vấn">',
        '<img src="/static/img/logo.png" alt="tĩnh">',
    ]
    body = make_article(body="".join(f"<p>{img}</p>" for img in untouched)).body
    for img in untouched:
        assert img in body
    legacy = make_article(body='<p><img src="/media/cu/a.jpg" alt="cũ"></p>').body
    assert (
        legacy == '<p><img src="/media/cu/a.jpg" alt="cũ" width="700" height="500" loading="lazy" decoding="async"></p>'
    )


def test_an_img_inside_an_attribute_is_not_an_image(db):
    html = '<p><a href="https://example.com/" title="&lt;img src=/media/x.jpg&gt;">liên kết</a></p>'
    assert responsive_body(html) == html


def test_an_article_saved_in_the_admin_gets_responsive_body_images(client, editor):
    client.force_login(editor)
    url = upload(client, image_bytes(size=(1200, 800))).json()["url"]
    category = make_category()
    response = client.post(
        "/admin/articles/article/add/",
        {
            "title": "Bài có ảnh trong thân bài",
            "category": category.pk,
            "summary": "Sapo",
            "body": body_with(url),
            "status": "draft",
            "published_at_0": "02/02/2022",
            "published_at_1": "06:32:00",
        },
    )
    assert response.status_code == 302, re.findall(r"errorlist.*?</ul>", response.content.decode(), re.S)
    article = Article.objects.get()
    assert f'srcset="{url.removesuffix(".jpg")}-480w.jpg 480w' in article.body
    assert "<figcaption>Quang cảnh hội nghị</figcaption>" in article.body
