"""The newsroom's three groups read the views per day (the admin's "Lượt xem theo ngày")."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ["Phóng viên / Biên tập viên", "Thư ký tòa soạn / Duyệt bài", "Quản trị"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("hits")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    view = Permission.objects.get(content_type__app_label="hits", codename="view_dailyviews")
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(view)


class Migration(migrations.Migration):
    dependencies = [
        ("hits", "0001_daily_views"),
        ("articles", "0004_newsroom_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
