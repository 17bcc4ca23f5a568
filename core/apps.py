from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared helpers, and the site-wide commands: backup, restore."""

    name = "core"
    verbose_name = "Hệ thống"
