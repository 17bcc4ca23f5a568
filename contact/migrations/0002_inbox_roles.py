"""Who reads the inbox: "Quản trị" everything, "Thư ký tòa soạn / Duyệt bài" reads and answers."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

APPROVERS = "Thư ký tòa soạn / Duyệt bài"
ADMINS = "Quản trị"
APPROVER_CODENAMES = ["view_message", "change_message"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("contact")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ours = Permission.objects.filter(content_type__app_label="contact")
    for group_name, codenames in ((APPROVERS, APPROVER_CODENAMES), (ADMINS, None)):
        group = Group.objects.filter(name=group_name).first()
        if group is not None:
            group.permissions.add(*(ours if codenames is None else ours.filter(codename__in=codenames)))


class Migration(migrations.Migration):
    dependencies = [
        ("contact", "0001_inbox"),
        ("articles", "0004_newsroom_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
