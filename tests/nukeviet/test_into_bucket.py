"""The import with uploads in object storage (STORAGE_URL): the old site's photos and files
go to the bucket through the same pipeline, bodies link them at the bucket's address, and
nothing is written to MEDIA_ROOT. A second run copies nothing again."""

import re

import pytest

from articles.models import Article
from images.renditions import rendition_name
from tests.storage.conftest import bucket, files_under, s3_endpoint  # noqa: F401 - fixtures

from .oldsite import SEED_ID

pytestmark = pytest.mark.django_db


def test_the_old_sites_photos_and_files_land_in_the_bucket(run_import, bucket, settings):  # noqa: F811
    settings.IMAGE_JOB_LOCK_DIR = settings.MEDIA_ROOT.parent / "locks-nukeviet"
    report = run_import()
    assert (
        "Thiếu tệp news/2023_05/khong-co.jpg (bài viết 130, "
        "/news/Hoat-dong-co-so/Hoi-nghi-hoc-tap-va-lam-theo-130.html)" in report
    )  # missing files still reported

    article = Article.objects.get(legacy_id=130)
    src = re.search(r'<figure class="image"><img [^>]*src="([^"]+)"', article.body).group(1)
    assert src.startswith(settings.MEDIA_URL) and settings.MEDIA_URL.startswith(bucket.endpoint)
    stored = src.removeprefix(settings.MEDIA_URL)
    objects = bucket.objects()
    assert {stored, rendition_name(stored, 480, "webp")} <= objects
    seed = Article.objects.get(legacy_id=SEED_ID)
    assert seed.lead_image.name in objects
    attachments = [a.file.name for a in Article.objects.get(legacy_id=130).attachments.all()]
    assert attachments and set(attachments) <= objects
    assert files_under(settings.MEDIA_ROOT) == []

    run_import()
    assert bucket.objects() == objects  # the second run stores nothing new
