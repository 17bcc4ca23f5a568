"""Every row belongs to a site (core/sites.py): the first one, for the rows already here."""

import django.db.models.deletion

import core.sites
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("network", "0002_first_site"),
        ('articles', '0015_site'),
        ('documents', '0004_search_vector'),
        ('sites', '0002_alter_domain_unique'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='document',
            name='site',
            field=models.ForeignKey(default=core.sites.current_site_id, editable=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='sites.site', verbose_name='trang'),
        ),
        migrations.AddField(
            model_name='documenttype',
            name='site',
            field=models.ForeignKey(default=core.sites.current_site_id, editable=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='sites.site', verbose_name='trang'),
        ),
        migrations.AddField(
            model_name='field',
            name='site',
            field=models.ForeignKey(default=core.sites.current_site_id, editable=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='sites.site', verbose_name='trang'),
        ),
        migrations.AddField(
            model_name='issuer',
            name='site',
            field=models.ForeignKey(default=core.sites.current_site_id, editable=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='sites.site', verbose_name='trang'),
        ),
        migrations.AlterField(
            model_name='document',
            name='legacy_id',
            field=models.PositiveIntegerField(blank=True, help_text='Số của văn bản trong mục “laws” của cổng NukeViet cũ, để liên kết cũ vẫn mở được.', null=True, verbose_name='mã văn bản trên cổng cũ'),
        ),
        migrations.AlterField(
            model_name='documenttype',
            name='name',
            field=models.CharField(max_length=160, verbose_name='tên'),
        ),
        migrations.AlterField(
            model_name='documenttype',
            name='slug',
            field=models.SlugField(blank=True, max_length=160, verbose_name='đường dẫn'),
        ),
        migrations.AlterField(
            model_name='field',
            name='name',
            field=models.CharField(max_length=160, verbose_name='tên'),
        ),
        migrations.AlterField(
            model_name='field',
            name='slug',
            field=models.SlugField(blank=True, max_length=160, verbose_name='đường dẫn'),
        ),
        migrations.AlterField(
            model_name='issuer',
            name='name',
            field=models.CharField(max_length=160, verbose_name='tên'),
        ),
        migrations.AlterField(
            model_name='issuer',
            name='slug',
            field=models.SlugField(blank=True, max_length=160, verbose_name='đường dẫn'),
        ),
        migrations.AddConstraint(
            model_name='document',
            constraint=models.UniqueConstraint(fields=('site', 'legacy_id'), name='document_legacy_id_unique_per_site'),
        ),
        migrations.AddConstraint(
            model_name='documenttype',
            constraint=models.UniqueConstraint(fields=('site', 'name'), name='documents_documenttype_name_unique_per_site', violation_error_message='Tên này đã có trong danh sách của trang.'),
        ),
        migrations.AddConstraint(
            model_name='documenttype',
            constraint=models.UniqueConstraint(fields=('site', 'slug'), name='documents_documenttype_slug_unique_per_site', violation_error_message='Đường dẫn này đã có trong danh sách của trang; hãy sửa tên hoặc đường dẫn.'),
        ),
        migrations.AddConstraint(
            model_name='field',
            constraint=models.UniqueConstraint(fields=('site', 'name'), name='documents_field_name_unique_per_site', violation_error_message='Tên này đã có trong danh sách của trang.'),
        ),
        migrations.AddConstraint(
            model_name='field',
            constraint=models.UniqueConstraint(fields=('site', 'slug'), name='documents_field_slug_unique_per_site', violation_error_message='Đường dẫn này đã có trong danh sách của trang; hãy sửa tên hoặc đường dẫn.'),
        ),
        migrations.AddConstraint(
            model_name='issuer',
            constraint=models.UniqueConstraint(fields=('site', 'name'), name='documents_issuer_name_unique_per_site', violation_error_message='Tên này đã có trong danh sách của trang.'),
        ),
        migrations.AddConstraint(
            model_name='issuer',
            constraint=models.UniqueConstraint(fields=('site', 'slug'), name='documents_issuer_slug_unique_per_site', violation_error_message='Đường dẫn này đã có trong danh sách của trang; hãy sửa tên hoặc đường dẫn.'),
        ),
    ]
