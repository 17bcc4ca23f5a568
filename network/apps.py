from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save


class NetworkConfig(AppConfig):
    """The sites of the installation and their host names."""

    name = "network"
    verbose_name = "Mạng cổng thông tin"

    def ready(self):
        from django.contrib.sites.models import Site

        from . import registry, setup

        # Site is Django's model, so it cannot declare its page-cache tags itself.
        post_save.connect(registry.site_changed, sender=Site, dispatch_uid="network-site-saved")
        post_delete.connect(registry.site_changed, sender=Site, dispatch_uid="network-site-deleted")
        # After every migrate (and a test database's flush): there is always a first site.
        post_migrate.connect(setup.ensure_first_site, dispatch_uid="network-first-site")
