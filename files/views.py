"""Handing a stored file to a reader: the app decides, nginx sends the bytes."""

from django.conf import settings
from django.http import FileResponse, HttpResponse

# A file's own policy: nothing in it (a PDF's script, an HTML file that got through) may
# act as the site; the site's own pages may still show a PDF in the browser's viewer.
FILE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox; frame-ancestors 'self'"


def file_response(request, stored, *, public: bool):
    """The file under its own (Vietnamese) name: PDFs open in the browser's viewer unless
    ?tai-ve is asked, everything else downloads. Behind nginx (SERVE_MEDIA off) the answer
    is an X-Accel-Redirect to its internal location, so that a 20 MB download on a slow
    line holds no app worker. `public`: whether anyone may have it (browsers may keep it)."""
    inline = stored.kind == "pdf" and "tai-ve" not in request.GET
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
