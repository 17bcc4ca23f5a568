"""Links of the old NukeViet portal's "laws" module, answered with a permanent redirect (301):

    /laws/detail/<alias>[/|.html]             -> the published document whose legacy_alias is <alias>
    /laws/detail/<alias>/?download=1&id=N     -> its (N+1)-th file
    /laws/<type-alias>/                       -> the register filtered by that type (loai)
    /laws/subject/<alias>/                    -> ... by that issuing body (co_quan)
    /laws/area/<alias>/                       -> ... by that field (linh_vuc)
    /laws/signer/..., /laws/search/?q=...     -> the register (with the words searched)
    /laws/rss/[...]                           -> /van-ban/rss/
    /laws/                                    -> /van-ban/

each also under a language prefix (/vi/laws/...). A document the public may not see is a 404;
an unknown type, body or field leads to the whole register.
"""

from urllib.parse import urlencode

from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_safe

from core.text import slugify_vi

from .models import Document, DocumentType, Field, Issuer

BY_FILTER = {"subject": ("co_quan", Issuer), "area": ("linh_vuc", Field)}


def _register(**params):
    url = reverse("documents:list")
    query = urlencode({name: value for name, value in params.items() if value})
    return redirect(f"{url}?{query}" if query else url, permanent=True)


@require_safe
def laws_home(request, lang=None):
    return _register()


@require_safe
def laws_detail(request, alias, lang=None):
    if "\x00" in alias:
        alias = ""
    document = get_object_or_404(Document.objects.published(), legacy_alias=alias)
    if "download" in request.GET:
        files = list(document.files.all())
        index = request.GET.get("id", "0")
        if index.isdigit() and int(index) < len(files):
            return redirect(files[int(index)].get_absolute_url() + "?tai-ve=1", permanent=True)
    return redirect(document, permanent=True)


@require_safe
def laws_listing(request, kind, alias="", lang=None):
    """A type (the module's categories), a body, a field: the register, filtered when we know it."""
    if kind in BY_FILTER:
        name, model = BY_FILTER[kind]
        found = model.objects.filter(slug=slugify_vi(alias, 160)).first()
        return _register(**{name: found.slug if found else ""})
    if kind == "search":
        return _register(q=request.GET.get("q", "")[:200])
    if kind == "rss":
        return redirect("documents:rss", permanent=True)
    if kind == "signer":
        return _register()
    doc_type = DocumentType.objects.filter(slug=slugify_vi(kind, 160)).first()  # /laws/<type-alias>/
    return _register(loai=doc_type.slug if doc_type else "")
