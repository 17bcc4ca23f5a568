"""Every row belongs to a site (core/sites.py): the first one, for the rows already here."""

import django.db.models.deletion

import core.sites
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("network", "0002_first_site"),
        ('navigation', '0002_page_items'),
        ('sites', '0002_alter_domain_unique'),
    ]

    operations = [
        migrations.AddField(
            model_name='menuitem',
            name='site',
            field=models.ForeignKey(default=core.sites.current_site_id, editable=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='sites.site', verbose_name='trang'),
        ),
        migrations.AddField(
            model_name='weblink',
            name='site',
            field=models.ForeignKey(default=core.sites.current_site_id, editable=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='sites.site', verbose_name='trang'),
        ),
    ]
