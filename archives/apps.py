from django.apps import AppConfig


class ArchivesConfig(AppConfig):
    """A site written out as static files for nginx alone (export_static)."""

    name = "archives"
    verbose_name = "Lưu trữ tĩnh"
