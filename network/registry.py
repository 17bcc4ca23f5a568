"""Host name -> site, for every request, from memory.

Each process keeps every site of the installation (a hundred are a few kilobytes) and the
version of the page-cache tag NETWORK it read them under. A request costs a look-up in a
dict and, to know the copy is current, that tag's version, which pagecache's mirror keeps in
memory too (Redis tells it of a change): no query on a warm worker. Any change to a site, its
settings or its host names bumps the tag (pagecache/purge.py, apps.py), and every process
reloads on its next request. Without a shared cache (dummy://) the copy is trusted for
RELOAD_SECONDS.
"""

import threading
import time
from dataclasses import dataclass
from datetime import date

from django.contrib.sites import models as sites_models
from django.contrib.sites.models import Site
from django.db import InterfaceError, OperationalError, transaction

import pagecache

from .hosts import normalise_host, without_port
from .models import NETWORK

RELOAD_SECONDS = 5.0
DATABASE_ERRORS = (OperationalError, InterfaceError)


@dataclass(frozen=True)
class SiteInfo:
    """What a page needs to know of its site, without a query."""

    pk: int
    domain: str
    name: str
    tagline: str = ""
    name_en: str = ""
    tagline_en: str = ""
    owner: str = ""
    responsible: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    licence: str = ""
    logo: str = ""
    map_url: str = ""
    contact_email: str = ""
    parent_id: int | None = None
    archived_on: date | None = None
    successor_id: int | None = None

    @property
    def is_archive(self) -> bool:
        return self.archived_on is not None

    def name_in(self, lang: str) -> str:
        """The name to show on a page in `lang`: on an English page the English one where the site
        has one, else the Vietnamese one (which the page then marks lang="vi")."""
        return (self.name_en or self.name) if lang == "en" else self.name

    @property
    def office(self) -> str:
        """Who answers the readers: "Văn phòng Huyện ủy Gò Công Tây", "Văn phòng Đảng ủy xã Hòa Bình"."""
        return f"Văn phòng {self.name}"


# What a page made before any site was known shows (a 400 for a forged Host header): no site's name.
NO_SITE = SiteInfo(pk=0, domain="", name="Cổng thông tin điện tử")


@dataclass(frozen=True)
class Snapshot:
    sites: dict[int, SiteInfo]
    objects: dict[int, Site]  # for Django's own get_current_site() (feeds, sitemaps)
    main: dict[str, int]  # main host name, with and without its port -> site
    served: dict[str, int]  # other names served as they are
    redirected: dict[str, int]  # other names: 301 to the main one


def _load() -> Snapshot:
    from .models import HostName, SiteSettings

    settings_of = {row.site_id: row for row in SiteSettings.objects.all()}
    sites, objects, main = {}, {}, {}
    for site in Site.objects.all():
        extra = settings_of.get(site.pk)
        fields = {}
        if extra:
            fields = {
                name: getattr(extra, name)
                for name in SiteInfo.__dataclass_fields__
                if name not in ("pk", "domain", "name") and hasattr(extra, name)
            }
        sites[site.pk] = SiteInfo(pk=site.pk, domain=site.domain, name=site.name, **fields)
        objects[site.pk] = site
        host = normalise_host(site.domain)
        main[host] = site.pk
        main.setdefault(without_port(host), site.pk)
    served, redirected = {}, {}
    for name in HostName.objects.all():
        (redirected if name.redirect else served)[name.host] = name.site_id
    return Snapshot(sites, objects, main, served, redirected)


class Registry:
    def __init__(self):
        self.lock = threading.Lock()
        self.snapshot: Snapshot | None = None
        self.version = None
        self.loaded_at = 0.0

    def _current_version(self):
        if not pagecache.enabled():
            return None
        try:
            return pagecache.version_of(NETWORK)
        except pagecache.CACHE_ERRORS:
            return None

    def current(self) -> Snapshot:
        version = self._current_version()
        snapshot = self.snapshot
        now = time.monotonic()
        stale = now - self.loaded_at > RELOAD_SECONDS if version is None else version != self.version
        if snapshot is None or stale:
            with self.lock:
                try:
                    snapshot = _load()
                except DATABASE_ERRORS:
                    if snapshot is None:
                        raise  # a cold process with no database: the middleware answers 503
                    return snapshot  # the copy it has, until the database answers again
                self.snapshot, self.version, self.loaded_at = snapshot, version, now
        return snapshot

    def forget(self) -> None:
        with self.lock:
            self.snapshot = None

    def resolve(self, host: str) -> tuple[SiteInfo | None, str | None]:
        """(the site `host` serves, None), (None, the main name to send the reader to), or (None, None)."""
        snapshot = self.current()
        host = normalise_host(host)
        bare = without_port(host)
        pk = snapshot.main.get(host) or snapshot.main.get(bare) or snapshot.served.get(bare)
        if pk:
            site = snapshot.sites[pk]
            # What Django's get_current_site() reads first (feeds, sitemaps); clear_cache() rebinds it.
            sites_models.SITE_CACHE[host] = snapshot.objects[pk]
            return site, None
        pk = snapshot.redirected.get(bare)
        if pk:
            return None, snapshot.sites[pk].domain
        return None, None

    def site_named(self, host: str) -> SiteInfo | None:
        """The site a name belongs to, whichever of its names (for commands: --site HOST)."""
        site, main = self.resolve(without_port(normalise_host(host)))
        return self.resolve(main)[0] if site is None and main else site

    def site(self, pk: int) -> SiteInfo | None:
        return self.current().sites.get(pk)

    def all(self) -> list[SiteInfo]:
        return list(self.current().sites.values())


registry = Registry()


def site_changed(sender, instance, **kwargs) -> None:
    """A Site saved or deleted: its pages and the registry (Site cannot declare page_cache_tags)."""
    from pagecache.purge import purge

    registry.forget()
    purge((pagecache.CONTENT,), site=instance.pk)
    network_changed(sender)


def network_changed(sender, **kwargs) -> None:
    """A site, its settings or its host names changed: every process reloads the registry
    (the installation's NETWORK version; each site's pages are cleared by their own tags)."""
    pagecache.invalidate(NETWORK, site=None)
    transaction.on_commit(lambda: pagecache.invalidate(NETWORK, site=None))


def site_of_host(host: str) -> int | None:
    """For the page cache (pagecache.register_sites): the site a host serves, if any."""
    try:
        site, _main = registry.resolve(host)
    except DATABASE_ERRORS:
        return None
    return site.pk if site is not None else None


def sites_above(site_id) -> tuple[int, ...]:
    """For the page cache: the parent of a site, its parent's parent... (none for the first call
    of a cold process without a database: nothing above is cleared that the copy cannot name)."""
    try:
        snapshot = registry.current()
    except DATABASE_ERRORS:
        return ()
    above, seen = [], {site_id}
    info = snapshot.sites.get(site_id)
    while info is not None and info.parent_id and info.parent_id not in seen:
        above.append(info.parent_id)
        seen.add(info.parent_id)
        info = snapshot.sites.get(info.parent_id)
    return tuple(above)


def sites_below(site_id) -> list:
    """The sites whose parent is `site_id` (SiteInfo), by name."""
    return sorted((info for info in registry.all() if info.parent_id == site_id), key=lambda info: info.name)
