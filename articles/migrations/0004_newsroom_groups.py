"""The newsroom's three groups and their permissions (README.md, "For editors"). Once given here; core/roles.py's now (applied after every migrate)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_workflow_statuses_and_permissions"),
        ("ratings", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = []
