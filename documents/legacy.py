"""The documents of the old NukeViet portal's "laws" module, found by what its links say of them
(the old links themselves are read by nukeviet/links.py):

    detail/<alias>                 -> the document whose legacy_alias is <alias>
    detail/<alias>?download=1&id=N -> its (N+1)-th file
    <type-alias>                   -> the register filtered by that type (loai)
    subject/<alias>, area/<alias>  -> ... by that issuing body (co_quan), that field (linh_vuc)
    signer/..., search?q=...       -> the register (with the words searched)
    rss/...                        -> /van-ban/rss/
    (nothing)                      -> /van-ban/

An unknown type, body or field leads to the whole register.
"""

from urllib.parse import urlencode

from django.urls import reverse

from core.text import slugify_vi

from .models import Document, DocumentType, Field, Issuer

BY_FILTER = {"subject": ("co_quan", Issuer), "area": ("linh_vuc", Field)}


def register_url(**params) -> str:
    url = reverse("documents:list")
    query = urlencode({name: value for name, value in params.items() if value})
    return f"{url}?{query}" if query else url


def legacy_document(alias: str, *, public: bool = True) -> Document | None:
    if "\x00" in alias or not alias:
        return None
    documents = Document.objects.published() if public else Document.objects.all()
    return documents.filter(legacy_alias=alias).first()


def document_url(document: Document, download: str | None = None) -> str:
    """The document's page, or with ?download=1&id=N its (N+1)-th file's download."""
    if download is not None:
        files = list(document.files.all())
        if download.isdigit() and int(download) < len(files):
            return files[int(download)].get_absolute_url() + "?tai-ve=1"
    return document.get_absolute_url()


def listing_url(kind: str, alias: str = "", words: str = "") -> str:
    """A type (the module's categories), a body, a field: the register, filtered when we know it."""
    if kind in BY_FILTER:
        name, model = BY_FILTER[kind]
        found = model.objects.filter(slug=slugify_vi(alias, 160)).first()
        return register_url(**{name: found.slug if found else ""})
    if kind == "search":
        return register_url(q=words[:200])
    if kind == "rss":
        return reverse("documents:rss")
    if kind == "signer":
        return register_url()
    doc_type = DocumentType.objects.filter(slug=slugify_vi(kind, 160)).first()
    return register_url(loai=doc_type.slug if doc_type else "")
