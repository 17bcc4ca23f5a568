"""The old NukeViet portal's links, answered: 301 to the new address of the same thing, 410 for
what is gone on purpose, else the 404 the portal gave. middleware.py asks this of every GET the
portal's own routes found nothing for, so every shape of old link (nukeviet/links.py), under any
module title the old site used, is answered by the one resolver (nukeviet/oldlinks.py)."""

from django.db import DatabaseError
from django.http import Http404, HttpResponseNotAllowed, HttpResponsePermanentRedirect
from django.shortcuts import render

from .links import parse
from .oldlinks import GONE, modules, resolve


def old_link(request):
    """An address in one of NukeViet's shapes: 301, 410, 405 for anything but a read, else 404."""
    response = old_link_response(request)
    if response is None:
        raise Http404("Không tìm thấy trang.")
    return response


def old_link_response(request):
    """The answer to an old link, or None when it names nothing the import knows."""
    try:
        link = parse(request.path_info, request.GET.dict(), modules())
        target = resolve(link) if link else None
    except DatabaseError:
        return None  # the 404 (or the 503 page that follows) stands
    if target is None or target.split("?", 1)[0] == request.path:
        return None  # the portal's own address, which said 404 for a reason of its own
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    if target == GONE:
        return render(request, "410.html", status=410)
    return HttpResponsePermanentRedirect(target)
