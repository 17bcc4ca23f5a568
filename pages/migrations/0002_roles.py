"""The newsroom's roles over pages: writers draft, approvers publish, "Quản trị" everything."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

WRITERS = "Phóng viên / Biên tập viên"
APPROVERS = "Thư ký tòa soạn / Duyệt bài"
ADMINS = "Quản trị"
WRITER_CODENAMES = ["add_page", "change_page", "view_page"]
APPROVER_CODENAMES = [*WRITER_CODENAMES, "delete_page", "publish_page", "change_any_page"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("pages")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ours = Permission.objects.filter(content_type__app_label="pages")
    for group_name, codenames in ((WRITERS, WRITER_CODENAMES), (APPROVERS, APPROVER_CODENAMES), (ADMINS, None)):
        group = Group.objects.filter(name=group_name).first()
        if group is not None:
            group.permissions.add(*(ours if codenames is None else ours.filter(codename__in=codenames)))


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_pages"),
        ("articles", "0004_newsroom_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
