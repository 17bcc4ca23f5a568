"""The register's starting lists (editable in the admin) and the newsroom's roles over documents."""

from django.contrib.auth.management import create_permissions
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

WRITERS = "Phóng viên / Biên tập viên"
APPROVERS = "Thư ký tòa soạn / Duyệt bài"
ADMINS = "Quản trị"
WRITER_CODENAMES = ["add_document", "change_document", "view_document", "add_documentfile", "change_documentfile",
                    "delete_documentfile", "view_documentfile", "view_documenttype", "view_issuer", "view_field"]  # fmt: skip
APPROVER_CODENAMES = [*WRITER_CODENAMES, "delete_document", "publish_document", "change_any_document"]


def seed(apps, schema_editor):
    for model_name, names in (("DocumentType", TYPES), ("Issuer", ISSUERS), ("Field", FIELDS)):
        model = apps.get_model("documents", model_name)
        for order, name in enumerate(names, start=1):
            model.objects.get_or_create(slug=slugify_vi(name, 160), defaults={"name": name, "order": order})

    app_config = apps.get_app_config("documents")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ours = Permission.objects.filter(content_type__app_label="documents")
    for group_name, codenames in ((WRITERS, WRITER_CODENAMES), (APPROVERS, APPROVER_CODENAMES), (ADMINS, None)):
        group = Group.objects.filter(name=group_name).first()
        if group is not None:
            group.permissions.add(*(ours if codenames is None else ours.filter(codename__in=codenames)))


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0001_register"),
        ("articles", "0004_newsroom_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
