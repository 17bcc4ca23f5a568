"""A section the page cache has never heard of, as a new app (documents, pages) would plug in:
a view naming its tags, nothing else."""

from django.http import HttpResponse
from django.urls import include, path
from django.views import View

import pagecache


class DocumentView(View):
    cache_parameters = frozenset({"trang"})

    @classmethod
    def cache_tags(cls, *, pk, **kwargs):
        return {pagecache.tag("document", pk)}

    def get(self, request, pk):
        return HttpResponse(f"<p>Văn bản số {pk}, bản {DocumentView.edition}</p>")

    edition = 1


urlpatterns = [
    path("lich-cong-tac/<int:pk>/", DocumentView.as_view()),
    path("", include("huyenuy.urls")),
]
