"""Uploaded photos are checked (formats, size, pixels, decompression bombs) and stored clean:
upright, EXIF-free, transparency kept only where there is some (images/checks.py)."""

import io
import struct
import zlib
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.models import Article
from images.checks import validate_image
from tests.factories import image_bytes, make_category
from tests.images.helpers import media_files, stored, upload

pytestmark = pytest.mark.django_db


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
