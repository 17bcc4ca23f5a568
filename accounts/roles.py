"""The newsroom's roles: one choice that makes a working account (README "For editors").

A role is held at a site (network.Membership): one of the groups of core/roles.py, whose
rights count at that site only (network/access.py), plus the staff flag the admin's login
needs. The site is the one being worked on unless named: the admin's, or the first site for
a command.
"""

from core.roles import ADMINS, APPROVERS, ROLES, WRITERS
from core.sites import current_site_id, site_id_of
from network.access import grant, memberships_of, refresh_staff, role_at

__all__ = [
    "ADMINS",
    "APPROVERS",
    "NO_ROLE",
    "ROLES",
    "WRITERS",
    "cannot_log_in",
    "refresh_staff",
    "role_of",
    "set_role",
]

NO_ROLE = ""


def _site(site) -> int:
    return current_site_id() if site is None else site_id_of(site)


def role_of(user, site=None) -> str:
    """The user's newsroom role at `site` (the site being worked on), or NO_ROLE."""
    return role_at(user, _site(site))


def cannot_log_in(user) -> bool:
    """With a role somewhere, yet refused at the admin's login: the staff flag is off."""
    return user.is_active and not user.is_staff and bool(memberships_of(user))


def set_role(user, role: str, site=None) -> None:
    """Give the user `role` at `site` (replacing the role they had there) and let them in - or,
    with no role, take them off the site: with no site left they cannot log in (a superuser
    keeps the staff flag)."""
    if role not in (*ROLES, NO_ROLE):
        raise ValueError(f"unknown role {role!r}")
    grant(user, _site(site), role)
