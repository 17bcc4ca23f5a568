"""Every row belongs to a site (core/sites.py): the first one, for the rows already here."""

import django.db.models.deletion

import core.sites
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("network", "0002_first_site"),
        ('people', '0003_editorial'),
        ('sites', '0002_alter_domain_unique'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='term',
            name='people_one_current_term',
        ),
        migrations.AddField(
            model_name='person',
            name='site',
            field=models.ForeignKey(default=core.sites.current_site_id, editable=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='sites.site', verbose_name='trang'),
        ),
        migrations.AddField(
            model_name='term',
            name='site',
            field=models.ForeignKey(default=core.sites.current_site_id, editable=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='sites.site', verbose_name='trang'),
        ),
        migrations.AddField(
            model_name='unit',
            name='site',
            field=models.ForeignKey(default=core.sites.current_site_id, editable=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='sites.site', verbose_name='trang'),
        ),
        migrations.AlterField(
            model_name='term',
            name='slug',
            field=models.SlugField(blank=True, help_text='Trong địa chỉ trang (?nhiem-ky=2025-2030); để trống để tạo từ các năm.', max_length=60, verbose_name='đường dẫn'),
        ),
        migrations.AlterField(
            model_name='unit',
            name='slug',
            field=models.SlugField(blank=True, max_length=160, verbose_name='đường dẫn'),
        ),
        migrations.AddConstraint(
            model_name='term',
            constraint=models.UniqueConstraint(fields=('site', 'slug'), name='people_term_slug_unique_per_site'),
        ),
        migrations.AddConstraint(
            model_name='term',
            constraint=models.UniqueConstraint(condition=models.Q(('is_current', True)), fields=('site',), name='people_one_current_term', violation_error_message='Mỗi lúc chỉ có một nhiệm kỳ hiện tại.'),
        ),
        migrations.AddConstraint(
            model_name='unit',
            constraint=models.UniqueConstraint(fields=('site', 'slug'), name='people_unit_slug_unique_per_site'),
        ),
    ]
