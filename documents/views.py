from django.contrib.admin.views.decorators import staff_member_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from core.sites import parts_of_served
from files.views import file_response

from .forms import RegisterFilterForm
from .models import REGISTER_TAG, Document, DocumentFile
from .search import search_documents

PER_PAGE = 20


class DocumentListView(TemplateView):
    """/van-ban/: newest first, filtered by type, issuer, field, year and words, 20 a page.
    Template: documents/list.html. Two queries (count and page) whatever the register's size."""

    template_name = "documents/list.html"
    cache_parameters = frozenset({"q", "loai", "co_quan", "linh_vuc", "nam", "trang"})

    @classmethod
    def cache_tags(cls, **kwargs):
        return {REGISTER_TAG}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = RegisterFilterForm(self.request.GET or None)
        form.is_valid()
        documents = Document.objects.published().for_lists().newest_first()
        filters = form.filters()
        if "loai" in filters:
            documents = documents.filter(doc_type=filters["loai"])
        if "co_quan" in filters:
            documents = documents.filter(issuer=filters["co_quan"])
        if "linh_vuc" in filters:
            documents = documents.filter(field=filters["linh_vuc"])
        if "nam" in filters:
            documents = documents.filter(issued_on__year=filters["nam"])
        words = getattr(form, "cleaned_data", {}).get("words") or []
        documents = search_documents(documents, words)
        page = Paginator(documents, PER_PAGE).get_page(self.request.GET.get("trang"))
        query = self.request.GET.copy()
        query.pop("trang", None)
        context.update(
            form=form,
            page=page,
            words=words,
            filtered=bool(filters or words),
            narrowed=bool(filters),  # a filter chosen: the "Lọc" box opens with it shown
            query_string=query.urlencode(),
            today=timezone.localdate(),
        )
        return context


class DocumentDetailView(TemplateView):
    """One document with every field, its files and, for a PDF, the browser's own viewer."""

    template_name = "documents/detail.html"
    preview = False

    @classmethod
    def cache_tags(cls, *, pk, **kwargs):
        return {REGISTER_TAG, Document.cache_tag(pk)}

    def get_document(self):
        documents = Document.objects.select_related("doc_type", "issuer", "field", "replaced_by")
        if not self.preview:
            documents = documents.published()
        return get_object_or_404(documents, pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        document = self.get_document()
        if not self.preview and kwargs.get("slug") != document.slug:
            return redirect(document, permanent=True)
        context = self.get_context_data(document=document, **kwargs)
        return self.render_to_response(context)

    def get_context_data(self, *, document, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        files = list(document.files.all())
        replaced_by = document.replaced_by if document.replaced_by and document.replaced_by.is_published(now) else None
        context.update(
            document=document,
            files=files,
            pdf=next((f for f in files if f.kind == "pdf"), None),
            replaced_by=replaced_by,
            replaces=list(document.replaces.published(now).select_related("issuer")),
            related_articles=list(
                document.related_articles.published(now).select_related("category").defer("body", "search_text")
            ),
            today=timezone.localdate(),
            preview=self.preview,
        )
        return context


@method_decorator([never_cache, staff_member_required], name="dispatch")
class DocumentPreviewView(DocumentDetailView):
    """What readers will see, whatever the status: never cached, never indexed."""

    preview = True

    def get_document(self):
        return get_object_or_404(Document.objects.for_editor(self.request.user), pk=self.kwargs["pk"])


@require_safe
def download(request, pk, name, ext):
    """A document's file (files/views.py); a draft's only for those who may preview it."""
    stored = get_object_or_404(parts_of_served(DocumentFile.objects.select_related("document"), "document"), pk=pk)
    public = stored.document.is_published()
    if not public and not _may_preview(request, stored.document):
        raise Http404("Không tìm thấy tệp.")
    return file_response(request, stored, public=public)


def _may_preview(request, document) -> bool:
    user = request.user
    return user.is_authenticated and user.is_staff and Document.objects.for_editor(user).filter(pk=document.pk).exists()
