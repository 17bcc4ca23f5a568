"""Every row belongs to a site (core/sites.py): the first one, for the rows already here."""

import django.db.models.deletion

import core.sites
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("network", "0002_first_site"),
        ('articles', '0014_extra_categories_show_on_home'),
        ('sites', '0002_alter_domain_unique'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='article',
            name='site',
            field=models.ForeignKey(default=core.sites.current_site_id, editable=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='sites.site', verbose_name='trang'),
        ),
        migrations.AddField(
            model_name='category',
            name='site',
            field=models.ForeignKey(default=core.sites.current_site_id, editable=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='sites.site', verbose_name='trang'),
        ),
        migrations.AddField(
            model_name='sitebanner',
            name='site',
            field=models.ForeignKey(default=core.sites.current_site_id, editable=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='sites.site', verbose_name='trang'),
        ),
        migrations.AddField(
            model_name='tag',
            name='site',
            field=models.ForeignKey(default=core.sites.current_site_id, editable=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='sites.site', verbose_name='trang'),
        ),
        migrations.AddField(
            model_name='topic',
            name='site',
            field=models.ForeignKey(default=core.sites.current_site_id, editable=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='sites.site', verbose_name='trang'),
        ),
        migrations.AlterField(
            model_name='article',
            name='legacy_id',
            field=models.PositiveIntegerField(blank=True, help_text='Số cuối đường dẫn bài trên cổng NukeViet cũ (…-123.html), để liên kết cũ vẫn mở được.', null=True, verbose_name='mã bài trên cổng cũ'),
        ),
        migrations.AlterField(
            model_name='article',
            name='slug',
            field=models.SlugField(blank=True, help_text='Tạo tự động từ tiêu đề; chỉ chữ không dấu, số và dấu gạch ngang.', max_length=200, verbose_name='đường dẫn'),
        ),
        migrations.AlterField(
            model_name='category',
            name='slug',
            field=models.SlugField(blank=True, help_text='Để trống để tạo tự động từ tên (ví dụ: xay-dung-dang).', max_length=120, verbose_name='đường dẫn'),
        ),
        migrations.AlterField(
            model_name='tag',
            name='slug',
            field=models.SlugField(blank=True, max_length=120, verbose_name='đường dẫn'),
        ),
        migrations.AlterField(
            model_name='topic',
            name='slug',
            field=models.SlugField(blank=True, max_length=200, verbose_name='đường dẫn'),
        ),
        migrations.AddConstraint(
            model_name='article',
            constraint=models.UniqueConstraint(fields=('site', 'slug'), name='article_slug_unique_per_site'),
        ),
        migrations.AddConstraint(
            model_name='article',
            constraint=models.UniqueConstraint(fields=('site', 'legacy_id'), name='article_legacy_id_unique_per_site'),
        ),
        migrations.AddConstraint(
            model_name='category',
            constraint=models.UniqueConstraint(fields=('site', 'slug'), name='category_slug_unique_per_site'),
        ),
        migrations.AddConstraint(
            model_name='tag',
            constraint=models.UniqueConstraint(fields=('site', 'slug'), name='tag_slug_unique_per_site'),
        ),
        migrations.AddConstraint(
            model_name='topic',
            constraint=models.UniqueConstraint(fields=('site', 'slug'), name='topic_slug_unique_per_site'),
        ),
    ]
