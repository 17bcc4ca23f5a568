"""Who may do what, where: a person's rights are their role's at the site being worked on.

An account belongs to sites through memberships (models.Membership: a site and one of the
roles of core/roles.py). The roles' rights stay in their groups (core/roles.py gives them);
what changes with sites is which role counts: the one this person has at the site being
served (core/sites.py), never a role held on another site. So `user.has_perm(...)`, and with
it every check of the admin and the newsroom (core/workflow.py), is per site without a word
in them. The province's IT team are superusers: every right on every site.

The admin works on one site at a time (`working_site`): the one chosen in the header (kept in
the session), else the site of the host, if the person belongs there, else their first site.
Its lists, searches, drop-downs and forms then see that site's rows only (core/sites.py), so a
forged POST naming another site's row finds nothing to change.
"""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q

from core.roles import ADMINS, ROLES
from core.sites import current_site_id

WORKING_SITE = "network_working_site"


def memberships_of(user) -> dict[int, str]:
    """{site id: role} of a person (read once per request: cached on the user object)."""
    if not getattr(user, "is_authenticated", False) or not user.pk:
        return {}
    cached = getattr(user, "_site_roles", None)
    if cached is None:
        prefetched = getattr(user, "_prefetched_objects_cache", {}).get("memberships")
        if prefetched is not None:  # a list of accounts: prefetch_related("memberships")
            cached = {membership.site_id: membership.role for membership in prefetched}
        else:
            from .models import Membership

            cached = dict(Membership.objects.filter(user_id=user.pk).values_list("site_id", "role"))
        user._site_roles = cached
    return cached


def forget_memberships(user) -> None:
    for name in ("_site_roles", "_perm_cache", "_group_perm_cache", "_user_perm_cache", "_perm_site"):
        user.__dict__.pop(name, None)
    getattr(user, "_prefetched_objects_cache", {}).pop("memberships", None)


@transaction.atomic
def grant(user, site_id: int, role: str) -> None:
    """`role` at the site (replacing the one held there), or with "" none; then the staff flag
    the admin's login needs: on while the person has a role anywhere (or is a superuser)."""
    from .models import Membership

    if role:
        Membership.objects.update_or_create(user=user, site_id=site_id, defaults={"role": role})
    else:
        Membership.objects.filter(user=user, site_id=site_id).delete()
    refresh_staff(user)


def refresh_staff(user) -> None:
    forget_memberships(user)
    staff = bool(memberships_of(user)) or user.is_superuser
    if user.is_staff != staff:
        user.is_staff = staff
        user.save(update_fields=["is_staff"])


def role_at(user, site_id: int) -> str:
    return memberships_of(user).get(site_id, "")


def manageable_users(user, site_id: int, queryset):
    """The accounts a site's administrator may change: those with a role at `site_id` and at
    none of the sites they do not administer (never a network administrator); everyone for
    the network's administrators. So no site's administrator can take over another site's
    account (its password, its roles)."""
    if user.is_superuser:
        return queryset
    from .models import Membership

    elsewhere = Membership.objects.exclude(
        site_id__in=[site for site, role in memberships_of(user).items() if role == ADMINS]
    ).values("user_id")
    return queryset.filter(memberships__site_id=site_id, is_superuser=False).exclude(pk__in=elsewhere).distinct()


def sites_of(user) -> set[int] | None:
    """The ids of the sites a person works on; None for the network's administrators (all)."""
    if user.is_superuser:
        return None
    return set(memberships_of(user))


def administers(user, site_id: int) -> bool:
    return user.is_superuser or role_at(user, site_id) == ADMINS


class SiteRoleBackend(ModelBackend):
    """Django's ModelBackend, where a newsroom group counts only through a membership of the
    site being served. Other groups (made by hand) and a person's own permissions count as
    before; only the network's administrators can give those."""

    def _get_group_permissions(self, user_obj):
        role = role_at(user_obj, current_site_id())
        groups = Group.objects.filter(user=user_obj).exclude(name__in=ROLES)
        if role:
            groups = Group.objects.filter(Q(pk__in=groups) | Q(name=role))
        return Permission.objects.filter(group__in=groups)

    def get_all_permissions(self, user_obj, obj=None):
        _for_this_site(user_obj)
        permissions = super().get_all_permissions(user_obj, obj)
        if permissions and _is_archive(current_site_id()):
            # An archive's editors correct what is there; nothing new is added.
            return {perm for perm in permissions if not perm.split(".", 1)[-1].startswith(CLOSED_IN_ARCHIVES)}
        return permissions

    def get_group_permissions(self, user_obj, obj=None):
        _for_this_site(user_obj)
        return super().get_group_permissions(user_obj, obj)


CLOSED_IN_ARCHIVES = ("add_",)  # publishing anew: core/workflow.py


def _is_archive(site_id: int) -> bool:
    from .registry import registry

    site = registry.site(site_id)
    return site is not None and site.is_archive


def _for_this_site(user) -> None:
    """ModelBackend keeps what it read on the user object: valid for one site only."""
    site = current_site_id()
    if getattr(user, "_perm_site", None) != site:
        for name in ("_perm_cache", "_group_perm_cache", "_user_perm_cache"):
            user.__dict__.pop(name, None)
        user._perm_site = site


def working_site(request):
    """The site the admin works on for this request (a network SiteInfo)."""
    from .registry import registry

    user = getattr(request, "user", None)
    host_site = getattr(request, "site", None)
    if user is None or not user.is_authenticated:
        return host_site
    allowed = sites_of(user)
    chosen = request.session.get(WORKING_SITE) if hasattr(request, "session") else None
    for candidate in (chosen, getattr(host_site, "pk", None)):
        if candidate and (allowed is None or candidate in allowed):
            site = registry.site(candidate)
            if site is not None:
                return site
    for candidate in sorted(allowed or ()):
        site = registry.site(candidate)
        if site is not None:
            return site
    return host_site
