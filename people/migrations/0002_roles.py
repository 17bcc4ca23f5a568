"""The newsroom's roles over the organisation pages.

Once the roles were given here, copied from app to app; they are declared once now, in
core/roles.py, and applied after every migrate (core/apps.py). Kept, empty, for the
migrations that name it: a database migrated before the change keeps every group and
permission it had.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_organisation"),
        ("articles", "0004_newsroom_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = []
