"""The feeds with uploads in object storage: a photo's size is asked of the bucket once, and a
photo missing from the bucket costs its enclosure, never the feed."""

import pytest
from django.core.cache import cache, caches

from tests.factories import image_upload, make_article

pytestmark = pytest.mark.django_db


def enclosures(client) -> list[str]:
    response = client.get("/rss/")
    assert response.status_code == 200
    return [line for line in response.content.decode().split("<") if line.startswith("enclosure ")]


def test_a_feed_gives_each_photo_its_size_from_the_bucket_once_and_survives_a_missing_one(client, bucket, settings):
    settings.IMAGE_JOB_LOCK_DIR = settings.MEDIA_ROOT / "locks"
    kept = make_article(title="Hội nghị sơ kết", lead_image=image_upload(size=(800, 500)), lead_image_alt="Ảnh")
    lost = make_article(title="Lễ ra quân", lead_image=image_upload(size=(800, 500)), lead_image_alt="Ảnh")
    bucket.client.delete_object(Bucket=bucket.name, Key=lost.lead_image.name)
    cache.clear()

    [enclosure] = enclosures(client)
    size = len(bucket.get(kept.lead_image.name))
    assert f'url="{settings.MEDIA_URL}{kept.lead_image.name}"' in enclosure
    assert f'length="{size}"' in enclosure

    # Asked once: with the page cache emptied and the photo gone from the bucket, the feed
    # made afresh still says its size, without asking the bucket again.
    bucket.client.delete_object(Bucket=bucket.name, Key=kept.lead_image.name)
    caches["pages"].clear()
    [enclosure] = enclosures(client)
    assert f'length="{size}"' in enclosure
