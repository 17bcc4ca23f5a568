"""Migration 0009: the article's "banner" becomes its "lead_image"; nothing is lost."""

import json

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("articles", "0008_featured_index")]
AFTER = [("articles", "0009_rename_banner_to_lead_image")]


@pytest.fixture
def back_to_the_latest_schema():
    """Migrating articles back un-applies what depends on them (later articles migrations,
    documents): every app returns to its latest migration after the test, for the tests after it."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_every_photo_alt_text_caption_and_revision_is_kept(back_to_the_latest_schema):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    category = old.get_model("articles", "Category").objects.create(name="Xây dựng Đảng", slug="xay-dung-dang")
    article = old.get_model("articles", "Article").objects.create(
        title="Tin có ảnh",
        slug="tin-co-anh",
        category=category,
        summary="Sapo",
        banner="articles/2022/02/anh.jpg",
        banner_alt="Ban Chấp hành Đảng bộ xã Vĩnh Hựu",
        banner_caption="Nhiệm kỳ 2020 - 2025",
        banner_width=1000,
        banner_height=600,
    )
    content_type = old.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label="articles", model="article"
    )[0]
    revision = old.get_model("reversion", "Revision").objects.create(comment="", date_created=timezone.now())
    fields = {"title": "Tin có ảnh", "banner": "articles/2022/02/anh.jpg", "banner_alt": "Ảnh cũ"}
    old.get_model("reversion", "Version").objects.create(
        revision=revision,
        object_id=str(article.pk),
        content_type=content_type,
        db="default",
        format="json",
        serialized_data=json.dumps([{"model": "articles.article", "pk": article.pk, "fields": fields}]),
        object_repr="Tin có ảnh",
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    moved = new.get_model("articles", "Article").objects.get(pk=article.pk)
    assert moved.lead_image.name == "articles/2022/02/anh.jpg"
    assert moved.lead_image_alt == "Ban Chấp hành Đảng bộ xã Vĩnh Hựu"
    assert moved.lead_image_caption == "Nhiệm kỳ 2020 - 2025"
    assert (moved.lead_image_width, moved.lead_image_height) == (1000, 600)
    version = new.get_model("reversion", "Version").objects.get(object_id=str(article.pk))
    assert json.loads(version.serialized_data)[0]["fields"] == {
        "title": "Tin có ảnh",
        "lead_image": "articles/2022/02/anh.jpg",
        "lead_image_alt": "Ảnh cũ",
    }
