"""The newsroom's roles: one choice that makes a working account (README "For editors").

A role is one of the three groups of core/roles.py (what each may do is declared there)
plus the staff flag the admin's login needs: putting a user in a group alone leaves them
locked out.
"""

from django.contrib.auth.models import Group
from django.db import transaction

from core.roles import ADMINS, APPROVERS, ROLES, WRITERS

__all__ = ["ADMINS", "APPROVERS", "NO_ROLE", "ROLES", "WRITERS", "cannot_log_in", "role_of", "set_role"]

NO_ROLE = ""


def role_of(user) -> str:
    """The highest newsroom role among the user's groups (reads prefetched groups if any)."""
    names = {group.name for group in user.groups.all()}
    return next((role for role in reversed(ROLES) if role in names), NO_ROLE)


def cannot_log_in(user) -> bool:
    """In a newsroom group, yet refused at the admin's login: the staff flag is off."""
    return user.is_active and not user.is_staff and role_of(user) != NO_ROLE


@transaction.atomic
def set_role(user, role: str) -> None:
    """Put the user in `role`'s group only (other groups are kept) and let them in - or,
    with no role, out: a superuser keeps the staff flag, who else has none cannot log in."""
    if role not in (*ROLES, NO_ROLE):
        raise ValueError(f"unknown role {role!r}")
    user.groups.remove(*Group.objects.filter(name__in=ROLES).exclude(name=role))
    if role:
        user.groups.add(Group.objects.get(name=role))  # made after every migrate; missing is a bug
    staff = bool(role) or user.is_superuser
    if user.is_staff != staff:
        user.is_staff = staff
        user.save(update_fields=["is_staff"])
