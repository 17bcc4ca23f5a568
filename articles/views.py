"""An article's own pages: the page itself (its fast SQL, pagesql.py), print, "Lưu bài viết",
the preview, its attachments, and the editor's photo upload. The lists are lists.py's."""

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe
from django.views.generic import DetailView

from core.sites import parts_of_served
from files.views import file_response
from images.errors import BUSY_RETRY_AFTER, PhotoNotStored, ServerBusy
from images.renditions import store_editor_image

from . import display, legacy, pagesql, sharing
from .models import Article, Attachment

NEIGHBOURS = 10  # "Những tin mới hơn" / "Những tin cũ hơn": as many on each side
RELATED = 5


def published_or_404(pk: int) -> Article:
    """The published article `pk` with its category and topic (one query), as readers may see it."""
    article = pagesql.published_article(pk)
    if article is None:
        raise Http404(_("Không tìm thấy bài viết."))
    return article


class ArticleDetailView(DetailView):
    """An article as the seed page shows it, with the newer and older ones beside it.

    Template: articles/article_detail.html. Its queries are written in SQL
    (articles/pagesql.py): the article with its category and topic, the newer and
    older lists in one statement, its keywords; the topic's and related lists when
    it has them.
    """

    template_name = "articles/article_detail.html"
    context_object_name = "article"

    @classmethod
    def cache_tags(cls, *, pk, **kwargs):
        # The page shows the article's rating totals: a vote clears this page alone.
        return {Article.cache_tag(pk)}

    def get(self, request, *args, **kwargs):
        self.object = pagesql.published_article(kwargs["pk"])
        names = kwargs["category"], kwargs["slug"]
        if self.object is None or names != (self.object.category.slug, self.object.slug):
            # Not this article's own address: a stale one of it, or the old portal's short form
            # of an imported article's (its old id, not its new one): articles/legacy.py.
            old = legacy.better_old_article(*names, kwargs["pk"], self.object)
            if old is None and self.object is None:
                raise Http404(_("Không tìm thấy bài viết."))
            return redirect(old or self.object, permanent=True)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        context["share"] = sharing.share_links(display.absolute(self.request, article.get_absolute_url()))
        context["newer"], context["older"] = pagesql.neighbours(article, NEIGHBOURS)
        context["current_category_slug"] = article.category.slug
        context["attachments"] = pagesql.attachments(article)
        context.update(self.related(article))
        return context

    def related(self, article):
        """Tags, the topic's other articles ("Theo dòng sự kiện") and related ones: a query each."""
        tags = pagesql.tags(article)
        topic = article.topic if article.topic_id and article.topic.is_active else None
        topic_articles = pagesql.topic_articles(article, NEIGHBOURS) if topic else []
        related = pagesql.related(article, [tag.pk for tag in tags], RELATED, topic.pk if topic else None)
        return {"tags": tags, "topic": topic, "topic_articles": topic_articles, "related": related}


@require_safe
def attachment(request, pk, name, ext):
    """An article's attached file (files/views.py); a draft's only for those who may preview it."""
    stored = get_object_or_404(parts_of_served(Attachment.objects.select_related("article"), "article"), pk=pk)
    public = stored.article.is_published()
    may_preview = request.user.is_staff and Article.objects.for_editor(request.user).filter(pk=stored.article_id)
    if not public and not (may_preview and may_preview.exists()):
        raise Http404(_("Không tìm thấy tệp."))
    return file_response(request, stored, public=public)


class ArticlePrintView(DetailView):
    """The print (and "save as PDF") version of a published article.

    Template: articles/article_print.html: site name, address of the article,
    date, author, the text; no navigation.
    """

    template_name = "articles/article_print.html"
    context_object_name = "article"

    @classmethod
    def cache_tags(cls, *, pk, **kwargs):
        return {Article.cache_tag(pk)}

    def get_queryset(self):
        return Article.objects.published().for_page()


class ArticleSaveView(DetailView):
    """Lưu bài viết: a published article as one HTML file to keep (Decree 42/2022, Art. 7:
    readers may print and save what the portal publishes).

    Template: articles/article_save.html: the site's name, the article's address, the dates
    it was published and downloaded, title, lead, body, author, attachments; no script,
    readable offline. Found as the article page finds it (a stale address redirects), kept
    by the page cache as the print page is; two queries: the article, its attachments.
    """

    template_name = "articles/article_save.html"
    context_object_name = "article"

    @classmethod
    def cache_tags(cls, *, pk, **kwargs):
        return {Article.cache_tag(pk)}

    def get(self, request, *args, **kwargs):
        self.object = article = published_or_404(kwargs["pk"])
        if (kwargs["category"], kwargs["slug"]) != (article.category.slug, article.slug):
            return redirect("articles:save", article.category.slug, article.slug, article.pk, permanent=True)
        # A cached copy keeps its download date for PAGE_CACHE_SECONDS at most: the date is
        # printed without the time.
        context = self.get_context_data(
            object=article, saved_at=timezone.now(), attachments=list(article.attachments.all())
        )
        response = self.render_to_response(context)
        response["Content-Disposition"] = sharing.saved_file_disposition(article.title, article.slug)
        response["X-Robots-Tag"] = "noindex"  # the article page is what search engines should show
        return response


@method_decorator(never_cache, name="dispatch")
@method_decorator(staff_member_required, name="dispatch")
class ArticlePreviewView(ArticleDetailView):
    """An article in any status exactly as readers will see it, for staff only, marked
    "Bản xem trước", never cached and never indexed."""

    def get_queryset(self):
        if not self.request.user.has_perm("articles.view_article"):
            raise PermissionDenied
        return Article.objects.for_editor(self.request.user).select_related("category")

    def get_object(self, queryset=None):
        # Any status: through the ORM, not the published-only SQL of the public page.
        return DetailView.get_object(self, queryset)

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        response = self.render_to_response(self.get_context_data(object=self.object, preview=True))
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response


@require_POST
@staff_member_required
def editor_image_upload(request):
    """CKEditor 5's image upload: JSON {"url": …} or {"error": {"message": …}}."""
    if not (request.user.has_perm("articles.add_article") or request.user.has_perm("articles.change_article")):
        return JsonResponse({"error": {"message": _("Bạn không có quyền tải ảnh lên.")}}, status=403)
    upload = request.FILES.get("upload")
    if upload is None:
        return JsonResponse({"error": {"message": _("Chưa chọn tệp ảnh để tải lên.")}}, status=400)
    try:
        url = store_editor_image(upload)
    except ValidationError as error:
        return JsonResponse({"error": {"message": " ".join(error.messages)}}, status=400)
    except PhotoNotStored as error:  # busy, or the disk is full: nothing of the photo was kept
        response = JsonResponse({"error": {"message": str(error.message)}}, status=error.status)
        if isinstance(error, ServerBusy):
            response["Retry-After"] = str(BUSY_RETRY_AFTER)
        return response
    return JsonResponse({"url": url})
