"""The admin's site switch: a person who works on several sites (or the network's
administrators, on every one) chooses which one the admin shows."""

from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from .access import WORKING_SITE, sites_of
from .registry import registry


@require_POST
def switch_site(request):
    index = reverse("admin:index")
    try:
        site_id = int(request.POST.get("site", ""))
    except ValueError:
        site_id = 0
    allowed = sites_of(request.user)
    site = registry.site(site_id)
    if site is None or (allowed is not None and site_id not in allowed):
        messages.error(request, "Bạn không có vai trò ở trang này: trang đang làm việc không đổi.")
        return HttpResponseRedirect(index)
    request.session[WORKING_SITE] = site_id
    messages.success(request, f"Bạn đang làm việc với trang “{site.name}” ({site.domain}).")
    return HttpResponseRedirect(index)


switch_site = admin.site.admin_view(switch_site)


def working_sites(request) -> dict:
    """For the admin's header: the site worked on and the others this person may choose."""
    site = getattr(request, "working_site", None)
    user = getattr(request, "user", None)
    if site is None or user is None or not user.is_authenticated or not user.is_staff:
        return {}
    allowed = sites_of(user)
    choices = [info for info in registry.all() if allowed is None or info.pk in allowed]
    return {"working_site": site, "working_sites": sorted(choices, key=lambda info: info.name)}
