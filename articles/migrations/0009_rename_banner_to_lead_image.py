"""The article's photo is its "lead image", no longer a "banner" (the site's header
banner is SiteBanner). Columns are renamed in place, so every photo, alt text and
caption stays; the stored revisions are rewritten too, so that restoring an old
revision keeps its photo (reversion drops fields it does not know)."""

import json

from django.db import migrations, models

import images.checks

RENAMED = {
    "banner": "lead_image",
    "banner_alt": "lead_image_alt",
    "banner_caption": "lead_image_caption",
    "banner_width": "lead_image_width",
    "banner_height": "lead_image_height",
}


def _rename_in_revisions(apps, mapping):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Version = apps.get_model("reversion", "Version")
    content_type = ContentType.objects.filter(app_label="articles", model="article").first()
    if content_type is None:
        return
    versions = Version.objects.filter(content_type=content_type, format="json")
    for version in versions.iterator():
        data = json.loads(version.serialized_data)
        changed = False
        for entry in data:
            fields = entry.get("fields", {})
            for old, new in mapping.items():
                if old in fields:
                    fields[new] = fields.pop(old)
                    changed = True
        if changed:
            version.serialized_data = json.dumps(data, ensure_ascii=False)
            version.save(update_fields=["serialized_data"])


def forwards(apps, schema_editor):
    _rename_in_revisions(apps, RENAMED)


def backwards(apps, schema_editor):
    _rename_in_revisions(apps, {new: old for old, new in RENAMED.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_featured_index"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="article", name="article_banner_has_alt"),
        *(migrations.RenameField(model_name="article", old_name=old, new_name=new) for old, new in RENAMED.items()),
        migrations.AlterField(
            model_name="article",
            name="lead_image",
            field=models.ImageField(
                blank=True,
                height_field="lead_image_height",
                help_text="JPEG, PNG, WebP hoặc GIF; ảnh được kiểm tra, xoay đúng chiều và xóa thông tin EXIF.",
                upload_to="articles/%Y/%m/",
                validators=[images.checks.validate_image],
                verbose_name="ảnh đại diện",
                width_field="lead_image_width",
            ),
        ),
        migrations.AddConstraint(
            model_name="article",
            constraint=models.CheckConstraint(
                condition=models.Q(("lead_image", ""), models.Q(("lead_image_alt", ""), _negated=True), _connector="OR"),
                name="article_lead_image_has_alt",
                violation_error_message="Hãy nhập mô tả ảnh (alt) cho ảnh đại diện.",
            ),
        ),
        migrations.RunPython(forwards, backwards, elidable=True),
    ]
