"""Tiny factories: the smallest valid objects, overridable field by field."""

import io
from datetime import timedelta
from itertools import count

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.models import Article, Category

_numbers = count(1)


def make_category(**overrides) -> Category:
    n = next(_numbers)
    fields = {"name": f"Chuyên mục {n}", "slug": f"chuyen-muc-{n}"}
    fields.update(overrides)
    return Category.objects.create(**fields)


def make_article(**overrides) -> Article:
    n = next(_numbers)
    fields = {
        "title": f"Bài viết số {n}",
        "summary": f"Tóm tắt bài viết số {n}.",
        "body": f"<p>Nội dung bài viết số {n}.</p>",
        "author": "Ban Tuyên giáo Huyện ủy",
        "status": Article.Status.PUBLISHED,
        "published_at": timezone.now() - timedelta(days=1),
    }
    fields.update(overrides)
    if "category" not in fields:
        fields["category"] = make_category()
    article = Article(**fields)
    article.save()
    return article


def make_user(*, staff=False, superuser=False, perms=(), **overrides):
    n = next(_numbers)
    user = get_user_model().objects.create_user(
        username=overrides.pop("username", f"nguoidung{n}"),
        password=overrides.pop("password", "mat-khau-thu"),
        is_staff=staff or superuser,
        is_superuser=superuser,
        **overrides,
    )
    if perms:
        from django.contrib.auth.models import Permission

        user.user_permissions.set(Permission.objects.filter(codename__in=perms))
    return user


def image_bytes(fmt="JPEG", size=(64, 48), color=(200, 30, 30), **save_kwargs) -> bytes:
    out = io.BytesIO()
    Image.new("RGB" if fmt != "PNG" else "RGBA", size, color).save(out, fmt, **save_kwargs)
    return out.getvalue()


def image_upload(name="anh.jpg", fmt="JPEG", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, image_bytes(fmt, **kwargs), content_type=f"image/{fmt.lower()}")


def newsroom_group(name: str):
    """The group made by the newsroom migration; made again after a transactional test flushed it."""
    import importlib

    from django.contrib.auth.models import Group, Permission

    migration = importlib.import_module("articles.migrations.0004_newsroom_groups")
    group, created = Group.objects.get_or_create(name=name)
    if created:
        if name == migration.ADMINS:
            group.permissions.set(Permission.objects.filter(content_type__app_label__in=migration.ADMIN_APPS))
        else:
            pairs = {
                migration.WRITERS: migration.WRITER_PERMISSIONS,
                migration.APPROVERS: migration.APPROVER_PERMISSIONS,
            }
            for app_label, codename in pairs[name]:
                group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        _grant_later_roles(group)
    return group


# The apps whose migrations give the newsroom's groups their permissions after articles' 0004:
# (app label, migration module) - each module names WRITER_CODENAMES, APPROVER_CODENAMES, and
# the three group names; "Quản trị" gets every permission of the app.
LATER_ROLE_MIGRATIONS = [
    ("documents", "documents.migrations.0002_lists_and_roles"),
    ("pages", "pages.migrations.0002_roles"),
    ("people", "people.migrations.0002_roles"),
    ("contact", "contact.migrations.0002_inbox_roles"),
]


def _grant_later_roles(group):
    """What those migrations gave the group (a migration names only the groups it grants to)."""
    import importlib

    from django.contrib.auth.models import Permission

    for app_label, module_name in LATER_ROLE_MIGRATIONS:
        migration = importlib.import_module(module_name)
        ours = Permission.objects.filter(content_type__app_label=app_label)
        codenames = {
            getattr(migration, "WRITERS", None): getattr(migration, "WRITER_CODENAMES", None),
            getattr(migration, "APPROVERS", None): getattr(migration, "APPROVER_CODENAMES", None),
        }
        if group.name == migration.ADMINS:
            group.permissions.add(*ours)
        elif codenames.get(group.name):
            group.permissions.add(*ours.filter(codename__in=codenames[group.name]))
