"""Images done right: checked uploads, renditions made once, <picture> and responsive body images."""

import io
import re
import struct
import zlib
from datetime import timedelta
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.template import engines
from django.utils import timezone
from PIL import Image

from articles.models import Article, SiteBanner
from core.text import sanitize_html
from images.checks import validate_image
from images.markup import BODY_IMAGE_SIZES, responsive_body
from tests.factories import image_bytes, image_upload, make_article, make_category, make_user

pytestmark = pytest.mark.django_db

UPLOAD_URL = "/quan-tri/tai-anh/"
WIDTHS = (480, 800, 1200)


@pytest.fixture
def editor(db):
    return make_user(staff=True, perms=["add_article", "change_article", "view_article"])


def upload(client, data: bytes, name="anh.jpg"):
    return client.post(UPLOAD_URL, {"upload": SimpleUploadedFile(name, data)})


def stored(settings, name_or_url: str) -> Image.Image:
    image = Image.open(settings.MEDIA_ROOT / name_or_url.removeprefix(settings.MEDIA_URL))
    image.load()
    return image


def media_files(settings) -> list[str]:
    root = settings.MEDIA_ROOT
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()) if root.exists() else []


def bomb_png(width=30000, height=30000) -> bytes:
    """A tiny PNG whose header declares `width`×`height` pixels (with a valid CRC)."""
    data = image_bytes("PNG", size=(8, 8))
    assert data[12:16] == b"IHDR"
    ihdr = b"IHDR" + struct.pack(">II", width, height) + data[24:29]
    return data[:8] + struct.pack(">I", 13) + ihdr + struct.pack(">I", zlib.crc32(ihdr)) + data[33:]


def bilevel_bomb() -> bytes:
    """A real PNG of 20000×20000 one-bit pixels: some kilobytes that decode to 400 million pixels."""
    out = io.BytesIO()
    Image.new("1", (20000, 20000)).save(out, "PNG")
    return out.getvalue()


# --- what is refused ----------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<?php echo 'not an image'; ?>", "không phải là ảnh hợp lệ"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "không phải là ảnh hợp lệ"),
        (image_bytes("BMP"), "không được hỗ trợ"),
        (image_bytes("TIFF"), "không được hỗ trợ"),
    ],
    ids=["php", "broken-png", "bmp", "tiff"],
)
def test_non_images_and_other_formats_are_refused_and_nothing_is_stored(client, editor, settings, data, message):
    client.force_login(editor)
    response = upload(client, data)
    assert response.status_code == 400
    assert message in response.json()["error"]["message"]
    assert media_files(settings) == []


def test_oversized_file_is_refused(client, editor, settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 2000
    client.force_login(editor)
    response = upload(client, image_bytes(size=(400, 400), quality=100))
    assert response.status_code == 400
    assert "Ảnh quá lớn" in response.json()["error"]["message"]
    assert media_files(settings) == []


def test_too_many_pixels_are_refused_with_the_limit(client, editor, settings):
    settings.IMAGE_UPLOAD_MAX_PIXELS = 100 * 100
    client.force_login(editor)
    response = upload(client, image_bytes(size=(200, 101)))
    assert response.status_code == 400
    message = response.json()["error"]["message"]
    assert "200×101 điểm ảnh, vượt quá giới hạn" in message and "10.000 điểm ảnh" in message
    assert media_files(settings) == []


@pytest.mark.parametrize("make_bomb", [bomb_png, bilevel_bomb], ids=["png-header-30000x30000", "bilevel-20000x20000"])
def test_decompression_bombs_are_refused_before_decoding_and_nothing_is_stored(client, editor, settings, make_bomb):
    data = make_bomb()
    assert len(data) < 100_000  # tiny on the wire
    client.force_login(editor)
    with mock.patch.object(Image.Image, "load", side_effect=AssertionError("decoded a bomb")):
        response = upload(client, data, name="bom.png")
    assert response.status_code == 400
    assert "quá lớn, không thể xử lý" in response.json()["error"]["message"]
    assert media_files(settings) == []


def test_a_bomb_lead_image_is_refused_in_the_admin_and_nothing_is_saved(client, editor, settings):
    client.force_login(editor)
    response = client.post(
        "/admin/articles/article/add/",
        {
            "title": "Bài có ảnh bom",
            "category": make_category().pk,
            "summary": "Sapo",
            "lead_image": SimpleUploadedFile("bom.png", bomb_png()),
            "lead_image_alt": "ảnh",
            "status": "draft",
            "published_at_0": "02/02/2022",
            "published_at_1": "06:32:00",
        },
    )
    assert response.status_code == 200
    assert 'id="id_lead_image_error"' in response.content.decode()
    assert not Article.objects.exists() and media_files(settings) == []


def test_the_model_field_validator_refuses_a_bomb_with_a_clear_message():
    upload = SimpleUploadedFile("bom.png", bomb_png())
    upload._committed = False  # as the admin's form hands it over: not stored yet
    with pytest.raises(ValidationError, match="quá lớn, không thể xử lý"):
        validate_image(upload)


def test_phone_mpo_photos_are_taken_as_jpeg(client, editor, settings):
    photo, depth = Image.new("RGB", (900, 600), (10, 120, 200)), Image.new("RGB", (90, 60))
    out = io.BytesIO()
    photo.save(out, "MPO", save_all=True, append_images=[depth])
    assert Image.open(io.BytesIO(out.getvalue())).format == "MPO"
    client.force_login(editor)
    response = upload(client, out.getvalue())
    assert response.status_code == 200
    image = stored(settings, response.json()["url"])
    assert (image.format, image.size) == ("JPEG", (900, 600))


# --- what is kept, and how ------------------------------------------------------


def test_exif_orientation_is_applied_and_exif_gps_xmp_are_stripped_everywhere(client, editor, settings):
    photo = Image.new("RGB", (900, 600), (10, 120, 200))
    photo.paste((250, 250, 0), (0, 0, 100, 50))  # a yellow corner to follow the rotation
    exif = photo.getexif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to show upright
    exif[0x010F] = "Máy ảnh"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (10.0, 21.0, 5.5)  # latitude: where the editor lives
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><exif:GPSLatitude>10,21N</exif:GPSLatitude></x:xmpmeta>'
    out = io.BytesIO()
    photo.save(out, "JPEG", exif=exif, xmp=xmp)
    client.force_login(editor)
    response = upload(client, out.getvalue())
    assert response.status_code == 200
    files = media_files(settings)
    assert len(files) == 4  # the original, its WebP, 480w in WebP and JPEG
    for name in files:
        raw = (settings.MEDIA_ROOT / name).read_bytes()
        image = stored(settings, name)
        assert image.width < image.height  # upright: 600×900, 320×480
        assert not image.getexif() and "exif" not in image.info and "xmp" not in image.info
        assert b"Exif" not in raw and b"GPSLatitude" not in raw and b"xmpmeta" not in raw
    upright = stored(settings, response.json()["url"])
    assert upright.size == (600, 900)
    assert upright.getpixel((595, 5))[2] < 100  # the yellow corner is now top right


def test_transparent_png_keeps_transparency_with_webp_and_png_copies(client, editor, settings):
    logo = Image.new("RGBA", (1000, 500), (163, 21, 21, 0))
    logo.paste((163, 21, 21, 255), (100, 100, 900, 400))
    out = io.BytesIO()
    logo.save(out, "PNG")
    client.force_login(editor)
    url = upload(client, out.getvalue(), name="logo.png").json()["url"]
    assert url.endswith(".png")
    for suffix in (".png", ".webp", "-480w.png", "-480w.webp", "-800w.png", "-800w.webp"):
        image = stored(settings, url.removesuffix(".png") + suffix)
        assert image.mode == "RGBA" and image.getpixel((0, 0))[3] == 0


def test_an_opaque_rgba_png_is_stored_as_jpeg(client, editor, settings):
    client.force_login(editor)
    url = upload(client, image_bytes("PNG", size=(500, 300)), name="anh.png").json()["url"]
    assert url.endswith(".jpg") and stored(settings, url).format == "JPEG"


# --- renditions --------------------------------------------------------------------


def test_a_1600_px_upload_gets_every_rendition_in_webp_and_jpeg(client, editor, settings):
    client.force_login(editor)
    url = upload(client, image_bytes(size=(1600, 1000))).json()["url"]
    assert re.fullmatch(r"/media/uploads/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", url)
    base = url.removesuffix(".jpg")
    expected = {
        ".jpg": ("JPEG", (1600, 1000)),
        ".webp": ("WEBP", (1600, 1000)),
        "-480w.webp": ("WEBP", (480, 300)),
        "-480w.jpg": ("JPEG", (480, 300)),
        "-800w.webp": ("WEBP", (800, 500)),
        "-800w.jpg": ("JPEG", (800, 500)),
        "-1200w.webp": ("WEBP", (1200, 750)),
        "-1200w.jpg": ("JPEG", (1200, 750)),
    }
    for suffix, (fmt, size) in expected.items():
        image = stored(settings, base + suffix)
        assert (image.format, image.size) == (fmt, size), suffix
    assert len(media_files(settings)) == len(expected)


def test_a_600_px_upload_gets_no_rendition_wider_than_itself(client, editor, settings):
    client.force_login(editor)
    url = upload(client, image_bytes(size=(600, 400))).json()["url"]
    name = url.removeprefix("/media/").removesuffix(".jpg")
    assert media_files(settings) == sorted([f"{name}.jpg", f"{name}.webp", f"{name}-480w.jpg", f"{name}-480w.webp"])
    assert all(stored(settings, path).width <= 600 for path in media_files(settings))


def test_a_photo_wider_than_2000_px_is_scaled_down_and_is_the_largest_copy(db, settings):
    article = make_article(lead_image=image_upload(size=(3000, 1500)), lead_image_alt="Toàn cảnh")
    assert (article.lead_image_width, article.lead_image_height) == (2000, 1000)
    base = article.lead_image.name.removesuffix(".jpg")
    widths = sorted(stored(settings, path).width for path in media_files(settings) if path.endswith(".jpg"))
    assert widths == [480, 800, 1200, 2000]
    assert stored(settings, f"{base}.webp").size == (2000, 1000)


def test_article_and_site_banners_get_renditions_when_saved(db, settings):
    article = make_article(lead_image=image_upload(size=(1000, 600)), lead_image_alt="Hội nghị")
    assert re.fullmatch(r"articles/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", article.lead_image.name)
    assert (article.lead_image_width, article.lead_image_height) == (1000, 600)
    banner = SiteBanner(image=image_upload(size=(1500, 200)), alt="Banner 30-4")
    banner.save()
    assert re.fullmatch(r"banners/\d{4}/[0-9a-f]{32}\.jpg", banner.image.name)
    assert (banner.image_width, banner.image_height) == (1500, 200)
    for name, widths in ((article.lead_image.name, (480, 800)), (banner.image.name, (480, 800, 1200))):
        base = name.removesuffix(".jpg")
        expected = {name, f"{base}.webp"} | {f"{base}-{w}w.{ext}" for w in widths for ext in ("jpg", "webp")}
        assert expected <= set(media_files(settings))
    # Saving again makes nothing new: renditions are made once, when the image is stored.
    before = media_files(settings)
    article.title = "Tiêu đề mới"
    article.save()
    banner.save()
    assert media_files(settings) == before


def test_missing_renditions_of_images_stored_before_them_can_be_made(db, settings):
    article = make_article(lead_image=image_upload(size=(1000, 600)), lead_image_alt="Hội nghị")
    for path in media_files(settings):
        if path != article.lead_image.name:
            (settings.MEDIA_ROOT / path).unlink()
    out = io.StringIO()
    call_command("make_renditions", stdout=out)
    assert "Đã tạo 1 bản ảnh còn thiếu." in out.getvalue()
    base = article.lead_image.name.removesuffix(".jpg")
    assert stored(settings, f"{base}-800w.webp").size == (800, 480)
    call_command("make_renditions", stdout=out)
    assert "Đã tạo 0 bản ảnh còn thiếu." in out.getvalue()


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
    for path in ("/", article.category.get_absolute_url()):
        html = client.get(path).content.decode()
        picture = picture_of(html, f'<a class="card-image" href="{article.get_absolute_url()}"')
        assert 'alt=""' in picture and 'loading="lazy"' in picture and 'decoding="async"' in picture
        assert 'width="900" height="600"' in picture and "-480w.webp 480w" in picture
        assert 'sizes="(min-width: 48rem) 12rem, 7.5rem"' in picture


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
