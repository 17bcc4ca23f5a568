"""A new site with its first administrator, in one step (`manage.py create_site`, the demo):
checked as the admin's form checks it, and either all of it is made or nothing."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.sites.models import Site
from django.core.exceptions import ValidationError
from django.db import transaction

from core.roles import ADMINS

from .access import grant
from .hosts import normalise_host
from .models import HostName, SiteSettings, validate_host


@transaction.atomic
def create_site(domain: str, name: str, administrator: str, *, parent: str = "", aliases=(), **identity):
    """(the site, the administrator's new password or "" if the account existed). Raises
    ValidationError, in Vietnamese, with nothing saved."""
    domain, name, administrator = normalise_host(domain), (name or "").strip(), (administrator or "").strip()
    if not name:
        raise ValidationError("Hãy đặt tên cho trang, ví dụ “Đảng ủy xã Bình Nhì”.")
    if not administrator:
        raise ValidationError("Một trang cần ít nhất một người quản trị: hãy cho tên đăng nhập của người đó.")
    validate_host(domain)
    above = None
    if parent:
        above = Site.objects.filter(domain=normalise_host(parent)).first()
        if above is None:
            raise ValidationError(f"Không có trang nào có tên miền {parent}: trang cấp trên phải có sẵn.")
    names = [normalise_host(alias) for alias in aliases]
    for alias in names:
        validate_host(alias)
    site = Site.objects.create(domain=domain, name=name)
    settings_row = SiteSettings(site=site, parent=above, **identity)
    settings_row.full_clean()
    settings_row.save()
    for alias in names:
        HostName.objects.create(site=site, host=alias)
    User = get_user_model()
    user = User.objects.filter(username=administrator).first()
    password = ""
    if user is None:
        password = secrets.token_urlsafe(12)
        user = User.objects.create_user(username=administrator, password=password)
    grant(user, site.pk, ADMINS)
    return site, password
