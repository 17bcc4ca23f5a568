"""Handing a stored file to a reader: the app decides, nginx (or the object storage) sends the bytes."""

from django.conf import settings
from django.http import FileResponse, HttpResponse, HttpResponseRedirect

# A file's own policy: nothing in it (a PDF's script, an HTML file that got through) may
# act as the site; the site's own pages may still show a PDF in the browser's viewer.
FILE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox; frame-ancestors 'self'"
# How long a signed link to a file in object storage works: a public file's for as long as
# browsers keep it anyway; a draft's (an editor's preview) for a few minutes.
PUBLIC_LINK_SECONDS = 3600
PRIVATE_LINK_SECONDS = 300


def file_response(request, stored, *, public: bool):
    """The file under its own (Vietnamese) name: PDFs open in the browser's viewer unless
    ?tai-ve is asked, everything else downloads. Behind nginx (SERVE_MEDIA off) the answer
    is an X-Accel-Redirect to its internal location, so that a 20 MB download on a slow
    line holds no app worker. `public`: whether anyone may have it (browsers may keep it)."""
    inline = stored.kind == "pdf" and "tai-ve" not in request.GET
    if hasattr(stored.file.storage, "download_url"):
        return _signed_redirect(stored, inline=inline, public=public)
    if settings.SERVE_MEDIA:
        response = FileResponse(stored.file.open("rb"), content_type=stored.content_type)
    else:
        response = HttpResponse(content_type=stored.content_type)
        response["X-Accel-Redirect"] = f"{settings.FILES_INTERNAL_URL}{stored.file.name}"
    response["Content-Disposition"] = stored.content_disposition(inline=inline)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_CSP
    response["X-Frame-Options"] = "SAMEORIGIN"
    # private: neither the page cache nor nginx's micro-cache keeps it, a withdrawal shows at once
    response["Cache-Control"] = "private, max-age=3600" if public else "private, no-store"
    return response


def _signed_redirect(stored, *, inline: bool, public: bool):
    """A file in object storage (images/s3.py): a redirect to a short-lived signed link that
    the storage answers with the file's type and Vietnamese name. Like X-Accel-Redirect, the
    bytes never pass through an app worker (nor through nginx, which a proxy to the bucket
    would need signing for); the file comes from the storage's own address, another origin,
    so a script inside it cannot act as the site (what FILE_CSP does on our own address)."""
    url = stored.file.storage.download_url(
        stored.file.name,
        content_type=stored.content_type,
        disposition=stored.content_disposition(inline=inline),
        cache_control="private, max-age=3600" if public else "private, no-store",
        seconds=PUBLIC_LINK_SECONDS if public else PRIVATE_LINK_SECONDS,
    )
    response = HttpResponseRedirect(url)
    response["Cache-Control"] = "private, no-store"  # the link expires: no cache may keep the redirect
    return response
