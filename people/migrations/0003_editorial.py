"""People are content like the rest (core/editorial.py): a status, a publication time and
who created them. Everyone already on the pages stays there: published since the last
time they were edited."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models
from django.db.models import F

STATUSES = [
    ("draft", "Bản nháp"),
    ("pending", "Chờ duyệt"),
    ("published", "Đã xuất bản"),
    ("unpublished", "Đã gỡ xuống"),
]


def published_when_last_edited(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    Person.objects.update(published_at=F("updated_at"), created_at=F("updated_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0002_roles"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="person",
            options={
                "ordering": ["order", "name", "id"],
                "permissions": [
                    ("publish_person", "Có thể duyệt, xuất bản, hẹn giờ và gỡ cán bộ"),
                    ("change_any_person", "Có thể sửa cán bộ của người khác"),
                ],
                "verbose_name": "cán bộ",
                "verbose_name_plural": "cán bộ",
            },
        ),
        # Every row there is now is on the public pages: published. New ones start as drafts.
        migrations.AddField(
            model_name="person",
            name="status",
            field=models.CharField(choices=STATUSES, default="published", max_length=16, verbose_name="trạng thái"),
        ),
        migrations.AlterField(
            model_name="person",
            name="status",
            field=models.CharField(choices=STATUSES, default="draft", max_length=16, verbose_name="trạng thái"),
        ),
        migrations.AddField(
            model_name="person",
            name="published_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now,
                help_text="Đặt thời điểm trong tương lai để hẹn giờ đăng.",
                verbose_name="thời điểm xuất bản",
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="created_at",
            field=models.DateTimeField(auto_now_add=True, default=django.utils.timezone.now, verbose_name="ngày tạo"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="person",
            name="created_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="người tạo",
            ),
        ),
        migrations.RunPython(published_when_last_edited, migrations.RunPython.noop),
    ]
