"""The newsroom's three groups and their permissions (README.md, "For editors")."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

WRITERS = "Phóng viên / Biên tập viên"
APPROVERS = "Thư ký tòa soạn / Duyệt bài"
ADMINS = "Quản trị"

WRITER_PERMISSIONS = [
    ("articles", "add_article"),
    ("articles", "change_article"),
    ("articles", "view_article"),
    ("articles", "view_category"),
    ("articles", "view_sitebanner"),
]
APPROVER_PERMISSIONS = [
    *WRITER_PERMISSIONS,
    ("articles", "delete_article"),
    ("articles", "publish_article"),
    ("articles", "change_any_article"),
    ("ratings", "view_vote"),
]
ADMIN_APPS = ["articles", "ratings", "auth", "admin", "reversion"]


def create_groups(apps, schema_editor):
    # Permissions are normally made after all migrations; these groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(pairs):
        found = []
        for app_label, codename in pairs:
            found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        return found

    Group.objects.get_or_create(name=WRITERS)[0].permissions.set(permissions(WRITER_PERMISSIONS))
    Group.objects.get_or_create(name=APPROVERS)[0].permissions.set(permissions(APPROVER_PERMISSIONS))
    Group.objects.get_or_create(name=ADMINS)[0].permissions.set(
        Permission.objects.filter(content_type__app_label__in=ADMIN_APPS)
    )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[WRITERS, APPROVERS, ADMINS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_workflow_statuses_and_permissions"),
        ("ratings", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
