"""Every row belongs to a site (core/sites.py): the first one, for the rows already here."""

import django.db.models.deletion

import core.sites
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("network", "0002_first_site"),
        ('pages', '0003_search_vector'),
        ('sites', '0002_alter_domain_unique'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='page',
            name='page_path_unique_per_language',
        ),
        migrations.AddField(
            model_name='page',
            name='site',
            field=models.ForeignKey(default=core.sites.current_site_id, editable=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='sites.site', verbose_name='trang'),
        ),
        migrations.AddConstraint(
            model_name='page',
            constraint=models.UniqueConstraint(fields=('site', 'language', 'path'), name='page_path_unique_per_language', violation_error_message='Đã có trang với đường dẫn này.'),
        ),
    ]
