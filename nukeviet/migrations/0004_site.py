"""Every row belongs to a site (core/sites.py): the first one, for the rows already here."""

import django.db.models.deletion

import core.sites
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("network", "0002_first_site"),
        ('nukeviet', '0003_fidelity'),
        ('sites', '0002_alter_domain_unique'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='importedrecord',
            name='nukeviet_record_unique',
        ),
        migrations.AddField(
            model_name='importedfile',
            name='site',
            field=models.ForeignKey(default=core.sites.current_site_id, editable=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='sites.site', verbose_name='trang'),
        ),
        migrations.AddField(
            model_name='importedrecord',
            name='site',
            field=models.ForeignKey(default=core.sites.current_site_id, editable=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='sites.site', verbose_name='trang'),
        ),
        migrations.AddField(
            model_name='oldmodule',
            name='site',
            field=models.ForeignKey(default=core.sites.current_site_id, editable=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='sites.site', verbose_name='trang'),
        ),
        migrations.AlterField(
            model_name='importedfile',
            name='source',
            field=models.CharField(max_length=500),
        ),
        migrations.AlterField(
            model_name='oldmodule',
            name='title',
            field=models.CharField(max_length=100),
        ),
        migrations.AddConstraint(
            model_name='importedfile',
            constraint=models.UniqueConstraint(fields=('site', 'source'), name='nukeviet_file_unique_per_site'),
        ),
        migrations.AddConstraint(
            model_name='importedrecord',
            constraint=models.UniqueConstraint(fields=('site', 'kind', 'legacy_key'), name='nukeviet_record_unique'),
        ),
        migrations.AddConstraint(
            model_name='oldmodule',
            constraint=models.UniqueConstraint(fields=('site', 'title'), name='nukeviet_module_unique_per_site'),
        ),
    ]
