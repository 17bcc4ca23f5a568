from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from .models import PAGES_TAG, Page, ancestor_paths

LISTED_FIELDS = ("id", "title", "language", "path", "summary", "order")


class PageView(TemplateView):
    """/gioi-thieu/[<slug>/...] and /en/[<slug>/...]: a page with its place (breadcrumbs), its
    children and its counterpart in the other language. Template: pages/page.html.
    Four queries (page, ancestors, children, counterpart) however large or deep the tree."""

    template_name = "pages/page.html"
    language = Page.Language.VI
    preview = False

    @classmethod
    def cache_tags(cls, **kwargs):
        return {PAGES_TAG}

    def get_page(self):
        pages = Page.objects.published().select_related("translation_of")
        return get_object_or_404(pages, language=self.language, path=self.kwargs.get("path", ""))

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(page=self.get_page(), **kwargs)
        return self.render_to_response(context)

    def get_context_data(self, *, page, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        published = Page.objects.published(now)
        # An ancestor not (yet) published is left out of the breadcrumbs: its title is not public.
        ancestors = published.filter(language=page.language, path__in=ancestor_paths(page.path))
        children = published.filter(parent=page).in_tree_order().only(*LISTED_FIELDS)
        counterpart = self.counterpart(page, published)
        crumbs = [
            (ancestor.title, ancestor.get_absolute_url())
            for ancestor in ancestors.only(*LISTED_FIELDS).order_by("path")
        ]
        if page.language == Page.Language.VI:
            crumbs.insert(0, ("Trang chủ", reverse("articles:home")))
        context.update(
            page=page,
            crumbs=crumbs,
            children=list(children),
            counterpart=counterpart,
            english=page.language == Page.Language.EN,
            # For the headers' language switch (includes/_header.html, _header_en.html).
            alternate_url=counterpart.get_absolute_url() if counterpart else None,
            alternate_language=counterpart.language if counterpart else None,
            preview=self.preview,
        )
        return context

    def counterpart(self, page, published):
        """The same page in the other language, if it is public: the original of a
        translation, or the published translation of an original."""
        if page.translation_of_id:
            original = page.translation_of
            return original if original.is_published() else None
        return published.filter(translation_of=page).only(*LISTED_FIELDS).first()


@method_decorator([never_cache, staff_member_required], name="dispatch")
class PagePreviewView(PageView):
    """What readers will see, whatever the status: never cached, never indexed."""

    preview = True

    def get_page(self):
        pages = Page.objects.for_editor(self.request.user).select_related("translation_of")
        return get_object_or_404(pages, pk=self.kwargs["pk"])
