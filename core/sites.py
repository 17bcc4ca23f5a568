"""Every piece of content belongs to exactly one site of the installation (django.contrib.sites'
Site; network/ holds the rest of a site). A model says so by inheriting `SiteOwned`:

- the field `site`, set when the row is made (the first site unless told), never moved after:
  a row saved with another site than it was loaded with is refused, so content cannot change
  hands by a forged form or a slip in code;
- clean() refuses a link to another site's row (an article filed in another site's category,
  a menu item pointing at another site's page): every foreign key to a SiteOwned model, and
  the many-to-many ones through `same_site()`;
- `objects.on(site)`: the rows of one site;
- while a site is being served (`serving(site)`: the readers' pages of its host, set by
  network/middleware.py; an import or an export into one site), every query through a
  SiteOwned model's manager sees that site's rows only, and a new row is that site's. So a
  page, a feed, a search or an old link cannot show another site's content, whichever code
  path it takes: the rule is here, not in each view.

Rows that only exist as part of another (an article's attachments, votes, a document's files)
belong to their owner's site and carry no field of their own.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# The site every installation has (network/setup.py makes it from the settings on `migrate`):
# rows written before there were sites, and rows made where no site is named, belong to it.
FIRST_SITE_ID = 1

OTHER_SITE = _("%(what)s thuộc trang khác (%(site)s), không dùng được ở trang này.")
MOVED = _("Không chuyển được nội dung sang trang khác: hãy tạo mới ở trang kia.")


_serving: ContextVar[int | None] = ContextVar("serving_site", default=None)


_host: ContextVar[tuple[int, str] | None] = ContextVar("host_site", default=None)


@contextmanager
def on_host(site, port: str = ""):
    """The request came by `site`'s host name, on `port` (network/middleware.py)."""
    token = _host.set((site_id_of(site), port))
    try:
        yield
    finally:
        _host.reset(token)


def port_of(request) -> str:
    """The port the reader typed (in the Host header: `make run`'s :8000), "" for none. Not
    request.get_port(): behind nginx that is gunicorn's own port, which no reader can reach."""
    host = request.get_host()
    head, _, port = host.rpartition(":")
    return port if head and not host.endswith("]") and port.isdigit() else ""


def with_port(domain: str, port: str) -> str:
    """Another site's main name on the reader's port, when the name carries none."""
    return f"{domain}:{port}" if port and ":" not in domain and port not in ("80", "443") else domain


def site_url(request, site, path: str = "/") -> str:
    """`path` on `site` (a SiteInfo), absolute: its main name on the port the reader typed."""
    return f"{request.scheme}://{with_port(site.domain, port_of(request))}{path}"


def address_on(site_id: int, path: str) -> str:
    """`path` on the site `site_id`: as it is when the request came by that site's host, else
    on that site's main name (the admin working on another site than its host's: a preview)."""
    host = _host.get()
    if host is None or host[0] == site_id:
        return path
    from django.contrib.sites.models import Site

    domain = Site.objects._get_site_by_id(site_id).domain  # Django's own per-process cache of sites
    return f"//{with_port(domain, host[1])}{path}"


def absolute_url(site_id: int, path: str) -> str:
    """`path` on the site `site_id` with scheme and host, for what is read away from any page
    (an e-mail): SITE_URL for the first site; another site's main name with SITE_URL's scheme
    (https when SITE_URL is not set)."""
    from django.contrib.sites.models import Site

    base = settings.SITE_URL
    if base and site_id == FIRST_SITE_ID:
        return f"{base}{path}"
    scheme = base.partition("://")[0] if base else "https"
    domain = Site.objects._get_site_by_id(site_id).domain  # Django's own per-process cache of sites
    return f"{scheme}://{domain}{path}"


def site_id_of(site) -> int:
    return getattr(site, "pk", site)


def served_site_id() -> int | None:
    """The site being served now, or None (the admin, a command, a test outside a page)."""
    return _serving.get()


def current_site_id() -> int:
    """The site a new row belongs to: the one being served, else the first."""
    served = _serving.get()
    return FIRST_SITE_ID if served is None else served


@contextmanager
def serving(site):
    """Within it, SiteOwned managers see `site`'s rows only and new rows are its own."""
    token = _serving.set(site_id_of(site))
    try:
        yield
    finally:
        _serving.reset(token)


class SiteScopedManager(models.Manager):
    def get_queryset(self):
        queryset = super().get_queryset()
        served = _serving.get()
        return queryset if served is None else queryset.filter(site_id=served)

    def across(self, sites):
        """The rows of several sites (Site, SiteInfo or ids), whichever is served: what a parent
        site shows of its children (their newest articles, a network-wide search or feed)."""
        return super().get_queryset().filter(site_id__in=[site_id_of(site) for site in sites])


class SiteQuerySet(models.QuerySet):
    def on(self, site):
        """The rows of `site` (a Site, a network SiteInfo or an id)."""
        return self.filter(site_id=site_id_of(site))

    def as_manager(cls):
        """As QuerySet.as_manager(), with the served site's scope (SiteScopedManager)."""
        manager = SiteScopedManager.from_queryset(cls)()
        manager._built_with_as_manager = True
        return manager

    as_manager.queryset_only = True
    as_manager = classmethod(as_manager)


def parts_of_served(queryset, owner: str):
    """Rows that are part of another (an article's attachments: owner "article"), kept to
    those whose owner is the served site's: they carry no site of their own."""
    served = _serving.get()
    return queryset if served is None else queryset.filter(**{f"{owner}__site_id": served})


def site_folder(folder: str) -> str:
    """Where a site's uploads go: the first site's in `folder` as before there were sites,
    another's under sites/<id>/, so a site's files can be listed, exported or removed alone."""
    site = current_site_id()
    return folder if site == FIRST_SITE_ID else f"sites/{site}/{folder}"


def versions_of_served(queryset):
    """django-reversion's versions (a Version queryset) of the served site's rows only: the
    "recover deleted" list and its pages. A version keeps its row as JSON, site and all."""
    served = _serving.get()
    return queryset if served is None else queryset.filter(serialized_data__regex=rf'"site": {int(served)}[,}}]')


def served_choices(form) -> None:
    """A form's model choices as the site being served sees them. A choice field's queryset
    is made with its form's class, when no site is served: keep its filters, add the site."""
    served = _serving.get()
    if served is None:
        return
    for field in form.fields.values():
        queryset = getattr(field, "queryset", None)
        if queryset is not None and issubclass(queryset.model, SiteOwned):
            field.queryset = queryset.filter(site_id=served)


class SiteOwned(models.Model):
    site = models.ForeignKey(
        "sites.Site",
        verbose_name=_("trang"),
        on_delete=models.CASCADE,
        default=current_site_id,
        editable=False,
        related_name="+",
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        loaded = getattr(self, "_loaded_site_id", None)
        if loaded is not None and self.site_id != loaded:
            raise ValidationError(MOVED)
        super().save(*args, **kwargs)
        self._loaded_site_id = self.site_id

    @classmethod
    def from_db(cls, db, field_names, values):
        row = super().from_db(db, field_names, values)
        row._loaded_site_id = row.__dict__.get("site_id")
        return row

    # A ModelForm leaves out the fields it does not show, and with them any uniqueness that names
    # them; `site` is never shown, yet "unique on this site" must still be checked before saving.
    def validate_unique(self, exclude=None):
        super().validate_unique(exclude=set(exclude or ()) - {"site"})

    def validate_constraints(self, exclude=None):
        super().validate_constraints(exclude=set(exclude or ()) - {"site"})

    # Links a model makes to another site's rows on purpose, and checks itself (a parent site
    # featuring a child's article).
    cross_site_fields: tuple[str, ...] = ()

    def clean(self):
        super().clean()
        errors = {}
        for field in self._meta.concrete_fields:
            if field.name in self.cross_site_fields:
                continue
            if field.is_relation and field.name != "site" and issubclass(field.related_model, SiteOwned):
                message = self.other_site_message(field.name, [getattr(self, field.attname)], field.verbose_name)
                if message:
                    errors[field.name] = message
        if errors:
            raise ValidationError(errors)

    def other_site_message(self, name: str, values, label) -> str | None:
        """None when every row named by `values` (objects or ids) is this site's, else why not."""
        field = self._meta.get_field(name)
        ids = [site_id_of(value) for value in values if value is not None]
        if not ids:
            return None
        foreign = (
            field.related_model._base_manager.filter(pk__in=ids)
            .exclude(site_id=self.site_id)
            .values_list("site__name", flat=True)
            .first()
        )
        if foreign is None:
            return None
        return OTHER_SITE % {"what": str(label).capitalize(), "site": foreign}

    def same_site(self, name: str, values) -> None:
        """For a many-to-many field (tags, extra categories): refuse another site's rows."""
        message = self.other_site_message(name, values, self._meta.get_field(name).verbose_name)
        if message:
            raise ValidationError({name: message})
