"""The register's starting lists (editable in the admin). The newsroom's roles over documents
were given here too; they are core/roles.py's now, applied after every migrate."""

from django.db import migrations

from core.text import slugify_vi

TYPES = [
    "Nghị quyết", "Chỉ thị", "Kết luận", "Quy định", "Quy chế", "Hướng dẫn",
    "Kế hoạch", "Chương trình", "Thông báo", "Báo cáo", "Công văn", "Quyết định",
]  # fmt: skip
ISSUERS = [
    "Ban Chấp hành Trung ương", "Bộ Chính trị", "Ban Bí thư", "Tỉnh ủy Tiền Giang",
    "Ban Thường vụ Tỉnh ủy", "Huyện ủy Gò Công Tây", "Ban Thường vụ Huyện ủy",
    "Ban Tổ chức Huyện ủy", "Ban Tuyên giáo Huyện ủy", "Ban Dân vận Huyện ủy",
    "Ủy ban Kiểm tra Huyện ủy", "Văn phòng Huyện ủy",
]  # fmt: skip
FIELDS = [
    "Xây dựng Đảng", "Tổ chức - Cán bộ", "Kiểm tra - Giám sát", "Tuyên giáo", "Dân vận",
    "Nội chính - Phòng, chống tham nhũng", "Kinh tế", "Văn hóa - Xã hội", "Quốc phòng - An ninh",
]  # fmt: skip

def seed(apps, schema_editor):
    for model_name, names in (("DocumentType", TYPES), ("Issuer", ISSUERS), ("Field", FIELDS)):
        model = apps.get_model("documents", model_name)
        for order, name in enumerate(names, start=1):
            model.objects.get_or_create(slug=slugify_vi(name, 160), defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0001_register"),
        ("articles", "0004_newsroom_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
