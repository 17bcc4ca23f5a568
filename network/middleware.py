"""The request's site, from its host name (registry.py): `request.site`, a SiteInfo.

A host no site has gets a 404 page that names no site; another name of a site a 301 to its
main name, same path and query. The health check answers on any host (load balancers probe
an address); static files are WhiteNoise's, above this.

Every page of the readers (and an editor's preview) is made while serving its site
(core/sites.py): its queries see that site's rows only. The admin works on the site its
user chose among theirs (WorkingSiteMiddleware, network/access.py), whichever host they
came by.
"""

from django.http import HttpResponseNotFound, HttpResponsePermanentRedirect
from django.template import loader

from core.middleware import DatabaseUnavailableMiddleware
from core.sites import on_host, port_of, serving

from .access import working_site
from .registry import DATABASE_ERRORS, registry

ANY_HOST = ("/healthz",)
ADMIN = ("/admin/", "/quan-tri/")  # the admin and the editor's own views (photo uploads)


class SiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        host = request.get_host()
        try:
            site, main = registry.resolve(host)
        except DATABASE_ERRORS as error:  # a new worker and no database: as a view's would be
            return DatabaseUnavailableMiddleware.unavailable(request, error)
        if site is None and request.path_info.startswith(ANY_HOST):
            return self.get_response(request)
        if main is not None:
            return HttpResponsePermanentRedirect(f"{request.scheme}://{main}{request.get_full_path()}")
        if site is None:
            return HttpResponseNotFound(loader.render_to_string("network/unknown_host.html", {"host": host}))
        request.site = site
        with serving(site), on_host(site, port_of(request)):
            return self.get_response(request)


class WorkingSiteMiddleware:
    """In the admin (after the login is known): serve the site this person works on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(ADMIN) or not hasattr(request, "site"):
            return self.get_response(request)
        request.working_site = site = working_site(request)
        with serving(site):
            return self.get_response(request)
