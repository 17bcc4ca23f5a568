"""The first site: an installation always has one, made from the settings it had before there
were sites (SITE_NAME, SITE_TAGLINE, ... and ALLOWED_HOSTS), so an existing portal goes on
answering on its names with its identity, and a fresh one starts with a site to write in."""

from django.conf import settings
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections

from .hosts import normalise_host, without_port

# The machine's own names always reach the first site, whatever ALLOWED_HOSTS held when it was
# made: a health probe, `curl 127.0.0.1`, or a server migrated before its names were set.
LOOPBACK = ("localhost", "127.0.0.1", "[::1]")


def seed_hosts(allowed_hosts) -> tuple[str, list[str]]:
    """(the main name, the other names served as they are) from ALLOWED_HOSTS' plain names
    (".example.vn" and "*" are patterns, not names), then the loopback names."""
    names = []
    for entry in [*allowed_hosts, *LOOPBACK]:
        host = without_port(normalise_host(entry))
        if host and not host.startswith((".", "*")) and host not in names:
            names.append(host)
    return names[0], names[1:]


def identity_from_settings() -> dict:
    email = settings.SITE_EMAIL
    contact = getattr(settings, "CONTACT_EMAIL", email)
    return {
        "tagline": settings.SITE_TAGLINE,
        "name_en": settings.SITE_NAME_EN,
        "tagline_en": settings.SITE_TAGLINE_EN,
        "owner": settings.SITE_OWNER,
        "responsible": settings.SITE_RESPONSIBLE,
        "address": settings.SITE_ADDRESS,
        "phone": settings.SITE_PHONE,
        "email": email,
        "licence": settings.SITE_LICENCE,
        "logo": settings.SITE_LOGO,
        "map_url": getattr(settings, "SITE_MAP_URL", ""),
        "contact_email": "" if contact == email else contact,
    }


def make_first_site(Site, SiteSettings, HostName, using: str = DEFAULT_DB_ALIAS) -> None:
    """Unless some site has its settings already: site 1 (Django's example.com if it made one,
    else a new row) takes the settings' name, hosts and identity. Models are passed in, so a
    migration can call this with its historical ones."""
    if SiteSettings.objects.using(using).exists():
        return
    main, served = seed_hosts(settings.ALLOWED_HOSTS)
    site = Site.objects.using(using).filter(pk=1).first() or Site(pk=1)
    site.domain, site.name = main, settings.SITE_NAME
    site.save(using=using)
    # An id given by hand leaves the sequence behind: the next site would take 1 again.
    with connections[using].cursor() as cursor:
        for command in connections[using].ops.sequence_reset_sql(no_style(), [Site]):
            cursor.execute(command)
    # A migration's historical model may not have every field yet (0004 adds the English ones).
    known = {field.name for field in SiteSettings._meta.get_fields()}
    identity = {name: value for name, value in identity_from_settings().items() if name in known}
    SiteSettings.objects.using(using).create(site_id=site.pk, **identity)
    for host in served:
        if not Site.objects.using(using).filter(domain=host).exists():
            HostName.objects.using(using).get_or_create(host=host, defaults={"site_id": site.pk, "redirect": False})


def ensure_first_site(sender, using="default", **kwargs) -> None:
    """post_migrate (also after a test database's flush): once, after this app's tables exist."""
    if sender.name != "network":
        return
    from django.contrib.sites.models import Site

    from .models import HostName, SiteSettings
    from .registry import registry

    if not SiteSettings.objects.using(using).exists():
        make_first_site(Site, SiteSettings, HostName, using)
        registry.forget()
