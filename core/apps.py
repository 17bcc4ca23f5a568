from django.apps import AppConfig
from django.urls import register_converter


class CoreConfig(AppConfig):
    """Shared helpers, and the site-wide commands: backup, restore."""

    name = "core"
    verbose_name = "Hệ thống"

    def ready(self):
        from .converters import IdConverter

        register_converter(IdConverter, "id")  # before any URLconf is read: core is installed first
