"""The newsroom's roles over the organisation pages: "Quản trị" keeps them, the approvers may look."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

WRITERS = "Phóng viên / Biên tập viên"
APPROVERS = "Thư ký tòa soạn / Duyệt bài"
ADMINS = "Quản trị"
WRITER_CODENAMES = []
APPROVER_CODENAMES = ["view_term", "view_unit", "view_person"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("people")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ours = Permission.objects.filter(content_type__app_label="people")
    for group_name, codenames in ((APPROVERS, APPROVER_CODENAMES), (ADMINS, None)):
        group = Group.objects.filter(name=group_name).first()
        if group is not None:
            group.permissions.add(*(ours if codenames is None else ours.filter(codename__in=codenames)))


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_organisation"),
        ("articles", "0004_newsroom_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
