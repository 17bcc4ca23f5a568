"""Uploads with bounded cost (issue 12): large JPEGs decoded at a reduced size, at most
IMAGE_JOBS image jobs at a time on the machine, and a photo stored whole or not at all
(a full disk is a Vietnamese message, for CKEditor and in the admin, never a 500)."""

import errno
import io
import os
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError
from PIL import Image, ImageFile

import images.renditions
import images.storage
from articles.models import Article, SiteBanner
from images.renditions import store_editor_image
from images.storage import AtomicFileSystemStorage
from tests.factories import image_bytes, make_article, make_category, make_user
from tests.images.helpers import media_files, stored, upload

pytestmark = pytest.mark.django_db

DISK_FULL = "ổ đĩa của máy chủ đã đầy"
BUSY = "Máy chủ đang bận xử lý ảnh"


def photo_bytes(size, orientation=None) -> bytes:
    """A JPEG with a yellow top-left corner (to follow a rotation), EXIF orientation if given."""
    photo = Image.new("RGB", size, (10, 120, 200))
    photo.paste((250, 250, 0), (0, 0, size[0] // 8, size[1] // 8))
    exif = photo.getexif()
    if orientation:
        exif[0x0112] = orientation
    out = io.BytesIO()
    photo.save(out, "JPEG", exif=exif)
    return out.getvalue()


@contextmanager
def decoded_sizes():
    """The size at which each picture's pixels were decoded."""
    first_loads, real_load = {}, ImageFile.ImageFile.load

    def load(image):
        first_loads.setdefault(id(image), image.size)  # load() runs again on a decoded picture
        return real_load(image)

    sizes = []
    with mock.patch.object(ImageFile.ImageFile, "load", load):
        yield sizes
    sizes.extend(first_loads.values())


@contextmanager
def disk_full_at_write(settings, number: int):
    """The disk fills up during the `number`th write: half of it reaches the disk, then
    ENOSPC. Yields the files there were in MEDIA_ROOT at that moment."""
    real_write, calls, seen = images.storage._write_all, [0], []

    def write(fd, data):
        calls[0] += 1
        if calls[0] < number:
            return real_write(fd, data)
        seen.extend(media_files(settings))
        real_write(fd, data[: len(data) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with mock.patch.object(images.storage, "_write_all", write):
        yield seen


@contextmanager
def slots_held_by_another_process(settings, slots: int, kind="job"):
    """Another process (as another gunicorn worker would) holds `slots` image job slots
    (kind="wait": waiting places)."""
    folder = settings.IMAGE_JOB_LOCK_DIR
    folder.mkdir(parents=True, exist_ok=True)
    script = (
        "import fcntl, sys\n"
        f"files = [open({str(folder)!r} + f'/image-{kind}-{{n}}', 'a') for n in range({slots})]\n"
        "for f in files: fcntl.flock(f, fcntl.LOCK_EX)\n"
        "print('held', flush=True)\n"
        "sys.stdin.read()\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "held\n"
        yield
    finally:
        holder.stdin.close()  # the holder ends; the kernel frees its locks
        holder.wait(timeout=10)


# --- reduced decoding -------------------------------------------------------------


@pytest.mark.parametrize(
    ("size", "decoded", "stored_size"),
    [
        ((4400, 3000), (2200, 1500), (2000, 1364)),  # 1/2: still wider than the 2000 px stored
        ((8200, 1000), (2050, 250), (2000, 244)),  # 1/4
        ((3000, 2000), (3000, 2000), (2000, 1333)),  # 1/2 would be narrower than 2000 px: full size
    ],
)
def test_a_large_jpeg_is_decoded_at_a_reduced_size_and_stored_at_full_width(
    client, editor, settings, size, decoded, stored_size
):
    client.force_login(editor)
    with decoded_sizes() as sizes:
        response = upload(client, photo_bytes(size))
    assert response.status_code == 200
    assert sizes == [decoded]
    url = response.json()["url"]
    assert stored(settings, url).size == stored_size
    assert stored(settings, url.replace(".jpg", "-1200w.jpg")).width == 1200
    assert stored(settings, url).getpixel((5, 5))[2] < 100  # the yellow corner, top left


def test_a_turned_phone_photo_is_decoded_reduced_by_its_upright_width_and_stored_upright(client, editor, settings):
    # A 3000×4400 file shown turned a quarter (orientation 6): 4400 px wide upright.
    client.force_login(editor)
    with decoded_sizes() as sizes:
        response = upload(client, photo_bytes((3000, 4400), orientation=6))
    assert sizes == [(1500, 2200)]
    image = stored(settings, response.json()["url"])
    assert image.size == (2000, 1364)
    assert image.getpixel((1995, 5))[2] < 100  # the yellow corner has turned to the top right


# --- at most IMAGE_JOBS at a time ---------------------------------------------------


def test_with_every_slot_held_elsewhere_the_upload_is_told_the_server_is_busy(client, editor, settings):
    settings.IMAGE_JOBS, settings.IMAGE_JOB_WAIT = 2, 0.2
    client.force_login(editor)
    with slots_held_by_another_process(settings, 2):
        response = upload(client, image_bytes(size=(800, 600)))
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert BUSY in response.json()["error"]["message"]
    assert media_files(settings) == []
    # The other worker is done: the same photo goes through.
    assert upload(client, image_bytes(size=(800, 600))).status_code == 200


def test_with_no_waiting_place_left_the_upload_is_refused_at_once(client, editor, settings):
    # Waiting holds a worker: with every waiting place taken, the upload does not wait.
    settings.IMAGE_JOBS, settings.IMAGE_JOB_QUEUE, settings.IMAGE_JOB_WAIT = 1, 1, 30
    client.force_login(editor)
    with slots_held_by_another_process(settings, 1), slots_held_by_another_process(settings, 1, kind="wait"):
        started = time.monotonic()
        response = upload(client, image_bytes(size=(800, 600)))
        assert time.monotonic() - started < 10  # not the 30 s of IMAGE_JOB_WAIT
    assert response.status_code == 503 and BUSY in response.json()["error"]["message"]
    assert media_files(settings) == []


@pytest.mark.parametrize(("slots", "most_at_once"), [(1, 1), (2, 2)])
def test_uploads_at_once_take_turns_beyond_the_slots(settings, slots, most_at_once):
    settings.IMAGE_JOBS, settings.IMAGE_JOB_WAIT = slots, 10
    inside, most, lock = [0], [0], threading.Lock()
    both_inside = threading.Event()
    real_prepared = images.renditions.prepared

    def prepared(upload):
        with lock:
            inside[0] += 1
            most[0] = max(most[0], inside[0])
            if inside[0] == 2:
                both_inside.set()
        both_inside.wait(0.3)  # long enough for the other upload to come in, if it may
        with lock:
            inside[0] -= 1
        return real_prepared(upload)

    urls = []
    uploads = [SimpleUploadedFile(f"anh{n}.jpg", image_bytes(size=(600, 400))) for n in range(2)]
    with mock.patch.object(images.renditions, "prepared", prepared):
        threads = [threading.Thread(target=lambda u=u: urls.append(store_editor_image(u))) for u in uploads]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert most[0] == most_at_once
    assert len(urls) == 2


def test_a_failed_job_frees_its_slot(client, editor, settings):
    settings.IMAGE_JOBS, settings.IMAGE_JOB_WAIT = 1, 0.2
    client.force_login(editor)
    truncated = image_bytes(size=(800, 600))[:-300]  # a sound header, pixels missing
    response = upload(client, truncated)
    assert response.status_code == 400
    assert "không phải là ảnh hợp lệ" in response.json()["error"]["message"]
    with disk_full_at_write(settings, 1):
        assert upload(client, image_bytes(size=(800, 600))).status_code == 507
    assert upload(client, image_bytes(size=(800, 600))).status_code == 200


# --- a full disk, a failing storage ---------------------------------------------------


@pytest.mark.parametrize("failing_write", [1, 4], ids=["first-file", "mid-way"])
def test_a_full_disk_gives_ckeditor_its_json_error_and_leaves_no_file(client, editor, settings, failing_write):
    client.force_login(editor)
    with disk_full_at_write(settings, failing_write) as there_before:
        response = upload(client, image_bytes(size=(1600, 1000)))
    assert response.status_code == 507
    assert response["Content-Type"] == "application/json"
    assert DISK_FULL in response.json()["error"]["message"]
    complete = [name for name in there_before if not name.endswith(".part")]
    assert len(complete) == failing_write - 1  # files of the photo were complete when it failed
    assert media_files(settings) == []  # neither those, nor a truncated or temporary one


def test_any_storage_error_gives_ckeditor_its_json_error_and_leaves_no_file(client, editor, settings):
    real_save, calls = AtomicFileSystemStorage._save, [0]

    def save(storage, name, content):
        calls[0] += 1
        if calls[0] == 3:
            raise RuntimeError("the storage service did not answer")
        return real_save(storage, name, content)

    client.force_login(editor)
    with mock.patch.object(AtomicFileSystemStorage, "_save", save):
        response = upload(client, image_bytes(size=(1600, 1000)))
    assert response.status_code == 503
    assert "lỗi lưu trữ" in response.json()["error"]["message"]
    assert media_files(settings) == []


def test_the_storage_names_a_file_only_once_it_is_complete(settings):
    storage = AtomicFileSystemStorage(location=settings.MEDIA_ROOT)
    final = settings.MEDIA_ROOT / "uploads" / "anh.jpg"
    real_write, seen = images.storage._write_all, []

    def write(fd, data):
        seen.append((final.exists(), [p.name for p in final.parent.iterdir()]))
        real_write(fd, data)

    with mock.patch.object(images.storage, "_write_all", write):
        assert storage.save("uploads/anh.jpg", ContentFile(b"x" * 200_000)) == "uploads/anh.jpg"
    assert seen and all(not exists and names[0].startswith(".anh.jpg.") for exists, names in seen)
    assert final.read_bytes() == b"x" * 200_000 and final.stat().st_mode & 0o777 == 0o644
    assert media_files(settings) == ["uploads/anh.jpg"]
    # The name is taken: the next file gets another, the first stays whole.
    assert storage.save("uploads/anh.jpg", ContentFile(b"y")) != "uploads/anh.jpg"
    assert final.read_bytes() == b"x" * 200_000


# --- the admin's photo fields -----------------------------------------------------------


def article_form(**overrides) -> dict:
    return {
        "title": "Bài có ảnh đại diện",
        "category": make_category().pk,
        "summary": "Sapo",
        "body": "<p>Nội dung</p>",
        "lead_image": SimpleUploadedFile("anh.jpg", image_bytes(size=(1600, 1000))),
        "lead_image_alt": "Hội nghị",
        "status": "draft",
        "published_at_0": "02/02/2022",
        "published_at_1": "06:32:00",
        "allow_rating": "on",
        **overrides,
    }


def banner_form() -> dict:
    return {
        "image": SimpleUploadedFile("banner.jpg", image_bytes(size=(1500, 200))),
        "alt": "Banner 30-4",
        "shown_from_0": "2024-04-30",
        "shown_from_1": "00:00:00",
        "order": "0",
        "is_active": "on",
    }


def field_error(response, field: str) -> str:
    assert response.status_code == 200
    return str(response.context["adminform"].form.errors.get(field, ""))


def test_a_full_disk_when_adding_an_article_is_an_error_on_the_photo_and_saves_nothing(client, editor, settings):
    client.force_login(editor)
    with disk_full_at_write(settings, 3):
        response = client.post("/admin/articles/article/add/", article_form())
    assert DISK_FULL in field_error(response, "lead_image")
    assert not Article.objects.exists() and media_files(settings) == []
    # The same form with room on the disk is saved: it was only the disk.
    assert client.post("/admin/articles/article/add/", article_form()).status_code == 302
    assert Article.objects.get().lead_image_width == 1600 and len(media_files(settings)) == 8


def test_a_full_disk_when_changing_an_article_leaves_the_article_as_it_was(client, settings):
    client.force_login(make_user(superuser=True))
    article = make_article(title="Tiêu đề cũ", status=Article.Status.DRAFT)
    url = f"/admin/articles/article/{article.pk}/change/"
    with disk_full_at_write(settings, 2):
        response = client.post(url, article_form(title="Tiêu đề mới", category=article.category_id))
    assert DISK_FULL in field_error(response, "lead_image")
    article.refresh_from_db()
    assert (article.title, article.lead_image.name) == ("Tiêu đề cũ", "")
    assert media_files(settings) == []


def test_a_full_disk_when_adding_a_banner_is_an_error_on_the_photo_and_saves_nothing(client, settings):
    client.force_login(make_user(superuser=True))
    with disk_full_at_write(settings, 5):
        response = client.post("/admin/articles/sitebanner/add/", banner_form())
    assert DISK_FULL in field_error(response, "image")
    assert not SiteBanner.objects.exists() and media_files(settings) == []
    assert client.post("/admin/articles/sitebanner/add/", banner_form()).status_code == 302
    assert SiteBanner.objects.get().image_width == 1500


def test_a_busy_server_when_adding_a_banner_is_an_error_on_the_photo(client, settings):
    settings.IMAGE_JOBS, settings.IMAGE_JOB_WAIT = 1, 0.2
    client.force_login(make_user(superuser=True))
    with slots_held_by_another_process(settings, 1):
        response = client.post("/admin/articles/sitebanner/add/", banner_form())
    assert BUSY in field_error(response, "image")
    assert not SiteBanner.objects.exists() and media_files(settings) == []


def test_a_banner_whose_row_fails_to_save_leaves_no_photo(client, settings):
    client.force_login(make_user(superuser=True))
    failing_save = mock.patch.object(SiteBanner, "save", side_effect=DatabaseError("the database went away"))
    with failing_save, pytest.raises(DatabaseError):
        client.post("/admin/articles/sitebanner/add/", banner_form())
    assert media_files(settings) == []
