from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.urls import register_converter


class CoreConfig(AppConfig):
    """Shared helpers, the editorial model and its roles, and the site-wide commands: backup, restore."""

    name = "core"
    verbose_name = "Hệ thống"

    def ready(self):
        import pagecache

        from . import editorial, roles
        from .converters import IdConverter

        register_converter(IdConverter, "id")  # before any URLconf is read: core is installed first
        pagecache.register_schedule(editorial.next_change)  # every kind of content's scheduled moments
        # After every migrate (and a test database's flush): the roles of core/roles.py.
        post_migrate.connect(roles.apply_after_migrate, dispatch_uid="core-roles")
