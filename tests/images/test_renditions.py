"""Renditions made once, when a photo is stored: 480/800/1200 px in WebP and JPEG (images/renditions.py)."""

import io
import re

import pytest
from django.core.management import call_command

from articles.models import SiteBanner
from tests.factories import image_bytes, image_upload, make_article
from tests.images.helpers import media_files, stored, upload

pytestmark = pytest.mark.django_db


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
