"""The newsroom's three groups read the views per day. Once given here; core/roles.py's now (applied after every migrate)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("hits", "0001_daily_views"),
        ("articles", "0004_newsroom_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = []
