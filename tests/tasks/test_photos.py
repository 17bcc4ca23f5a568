"""With a queue, an upload stores its checked original and a worker makes the renditions;
pages offer the original alone until they exist (images/deferred.py)."""

import re

import pytest
from django.core.files.storage import default_storage

from images.renditions import make_missing_renditions, remove_image
from tests.factories import image_bytes, image_upload, make_article, make_user
from tests.images.helpers import WIDTHS, media_files, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    return make_user(staff=True, perms=["add_article", "change_article", "view_article"])


def test_an_editor_upload_stores_the_original_and_queues_its_renditions(
    client, editor, queue, settings, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, image_bytes(size=(1600, 1000)))
    assert response.status_code == 200
    name = response.json()["url"].removeprefix(settings.MEDIA_URL)
    assert media_files(settings) == [name]  # the original only, yet
    assert queue == [(make_missing_renditions, (name,))]

    queue.run()
    base = name.removesuffix(".jpg")
    expected = {name, f"{base}.webp"} | {f"{base}-{w}w.{ext}" for w in WIDTHS for ext in ("webp", "jpg")}
    assert set(media_files(settings)) == expected


def offered(html: str) -> list[str]:
    picture = re.search(r'<figure class="article-banner">.*?(<picture>.*?</picture>)', html, re.S).group(1)
    return re.findall(r"/media/[^\s\"]+", picture)


def test_the_article_shows_its_original_photo_until_the_worker_has_made_the_renditions(
    client, queue, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 0
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(lead_image=image_upload(size=(1600, 1000)), lead_image_alt="Hội nghị")
    url = default_storage.url(article.lead_image.name)

    html = client.get(article.get_absolute_url()).content.decode()
    assert offered(html) == [url]  # no broken rendition links
    assert 'type="image/webp"' not in html.split('class="article-banner"')[1].split("</figure>")[0]

    queue.run()
    urls = offered(client.get(article.get_absolute_url()).content.decode())
    assert f"{url.removesuffix('.jpg')}-480w.webp" in urls and len(set(urls)) == 2 * (len(WIDTHS) + 1)
    assert all(default_storage.exists(u.removeprefix(settings.MEDIA_URL)) for u in urls)


def test_the_rendition_task_can_run_again_or_after_the_photo_was_removed(
    client, editor, queue, settings, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        name = upload(client, image_bytes(size=(900, 600))).json()["url"].removeprefix(settings.MEDIA_URL)
    make_missing_renditions(name)
    made = media_files(settings)
    make_missing_renditions(name)  # a retry after a success: nothing new, nothing renamed
    assert media_files(settings) == made and len(made) == 6  # original, .webp, 480 and 800 px in WebP and JPEG

    (settings.MEDIA_ROOT / name.replace(".jpg", "-480w.webp")).unlink()  # a try that stopped half-way
    make_missing_renditions(name)
    assert media_files(settings) == made

    remove_image(default_storage, name)
    make_missing_renditions(name)  # the photo went before its turn came
    assert media_files(settings) == []


def test_without_a_queue_the_renditions_come_with_the_upload(client, editor, settings):
    client.force_login(editor)
    name = upload(client, image_bytes(size=(900, 600))).json()["url"].removeprefix(settings.MEDIA_URL)
    assert len(media_files(settings)) == 6 and name in media_files(settings)


def test_a_page_cached_while_its_photo_waited_is_made_again_with_the_renditions(
    client, queue, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 600
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(lead_image=image_upload(size=(1600, 1000)), lead_image_alt="Hội nghị")
    url = default_storage.url(article.lead_image.name)
    assert offered(client.get(article.get_absolute_url()).content.decode()) == [url]
    cached = client.get(article.get_absolute_url())
    assert cached["X-Page-Cache"] == "hit" and offered(cached.content.decode()) == [url]

    queue.run()
    response = client.get(article.get_absolute_url())
    assert response["X-Page-Cache"] == "miss"
    assert f"{url.removesuffix('.jpg')}-480w.webp" in offered(response.content.decode())
