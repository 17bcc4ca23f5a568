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


def make_site(domain: str, name: str, **fields):
    """Another site of the installation (django.contrib.sites' Site and its network.SiteSettings)."""
    from django.contrib.sites.models import Site

    from network.models import SiteSettings

    site = Site.objects.create(domain=domain, name=name)
    SiteSettings.objects.create(site=site, **fields)
    return site


def edit_site(site_id: int = 1, **fields):
    """Change a site's identity as its administrator would (network.SiteSettings): saved,
    so its pages and every process's list of sites are renewed."""
    from network.models import SiteSettings

    row = SiteSettings.objects.get(site_id=site_id)
    for name, value in fields.items():
        setattr(row, name, value)
    row.save()
    return row


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


def give_role(user, role: str, site=None):
    """`role` (core/roles.py) at `site` (the first site unless told), as an administrator's
    choice in the admin would: the account can log in and has the role's rights there only."""
    from accounts.roles import set_role

    newsroom_group(role)
    set_role(user, role, site=site)
    return user


def image_bytes(fmt="JPEG", size=(64, 48), color=(200, 30, 30), **save_kwargs) -> bytes:
    out = io.BytesIO()
    Image.new("RGB" if fmt != "PNG" else "RGBA", size, color).save(out, fmt, **save_kwargs)
    return out.getvalue()


def image_upload(name="anh.jpg", fmt="JPEG", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, image_bytes(fmt, **kwargs), content_type=f"image/{fmt.lower()}")


def newsroom_group(name: str):
    """The group of core/roles.py, with its permissions (made again if a test removed it)."""
    from django.contrib.auth.models import Group

    from core import roles

    if not Group.objects.filter(name=name).exists():
        roles.apply()
    return Group.objects.get(name=name)
