from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save


class NetworkConfig(AppConfig):
    """The sites of the installation and their host names."""

    name = "network"
    verbose_name = "Mạng cổng thông tin"

    def ready(self):
        from django.contrib.sites.models import Site

        import pagecache
        from core.sites import current_site_id

        from . import registry, setup
        from .models import HostName, SiteSettings

        # Each site's pages have their own versions in the page cache: a change clears its site's.
        pagecache.register_sites(registry.site_of_host, current_site_id, registry.sites_above)
        for model in (SiteSettings, HostName):
            post_save.connect(registry.network_changed, sender=model, dispatch_uid=f"network-{model.__name__}-saved")
            post_delete.connect(
                registry.network_changed, sender=model, dispatch_uid=f"network-{model.__name__}-deleted"
            )

        # Site is Django's model, so it cannot declare its page-cache tags itself.
        post_save.connect(registry.site_changed, sender=Site, dispatch_uid="network-site-saved")
        post_delete.connect(registry.site_changed, sender=Site, dispatch_uid="network-site-deleted")
        # After every migrate (and a test database's flush): there is always a first site.
        post_migrate.connect(setup.ensure_first_site, dispatch_uid="network-first-site")
