from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import DetailView, ListView, TemplateView

from huyenuy import pagecache

from .images import store_editor_image
from .models import Article, Category

NEIGHBOURS = 10  # "Những tin mới hơn" / "Những tin cũ hơn": as many on each side
PER_CATEGORY_ON_HOME = 4


class HomeView(TemplateView):
    """Home: the featured article, the latest ones, and the latest of each category.

    Template: articles/home.html. Three queries whatever the number of articles.
    """

    template_name = "articles/home.html"
    latest_count = 10

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        published = Article.objects.published().for_lists()
        featured = published.filter(is_featured=True).newest_first().first()
        latest = published.newest_first()
        if featured:
            latest = latest.exclude(pk=featured.pk)
        context["featured"] = featured
        context["latest"] = list(latest[: self.latest_count])
        context["category_blocks"] = self.category_blocks()
        return context

    def category_blocks(self):
        categories = list(Category.objects.filter(is_active=True, parent__isnull=True))
        if not categories:
            return []
        # One UNION of "newest N of this category", each part an index range
        # scan, then one query for the rows: two queries for any number of
        # categories and articles. SQLite cannot LIMIT inside a UNION, so the
        # zero-set-up database asks once per category instead.
        parts = [
            Article.objects.published()
            .filter(category=category)
            .newest_first()
            .values_list("id", flat=True)[:PER_CATEGORY_ON_HOME]
            for category in categories
        ]
        if connection.features.supports_slicing_ordering_in_compound:
            ids = list(parts[0].union(*parts[1:], all=True))
        else:
            ids = [pk for part in parts for pk in part]
        articles = Article.objects.for_lists().filter(pk__in=ids).newest_first()
        by_category = {category.pk: [] for category in categories}
        for article in articles:
            by_category[article.category_id].append(article)
        return [(category, by_category[category.pk]) for category in categories if by_category[category.pk]]


class CategoryView(ListView):
    """A category's articles, newest first, 20 a page.

    Template: articles/category.html. Pages are keyset cursors (?truoc=<id>,
    ?sau=<id>) instead of OFFSET, so page 500 costs what page 1 costs.
    """

    template_name = "articles/category.html"
    context_object_name = "articles"
    page_size = 20

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category, slug=kwargs["slug"], is_active=True)
        return super().get(request, *args, **kwargs)

    def cursor(self, name):
        value = self.request.GET.get(name)
        if value is None:
            return None
        if not value.isdigit() or len(value) > 18:
            raise Http404(_("Trang không tồn tại."))
        # The cursor is a position, so an article that has since been withdrawn still marks it.
        return get_object_or_404(Article.objects.only("id", "published_at"), pk=int(value))

    def get_queryset(self):
        articles = Article.objects.published().filter(category=self.category).for_lists()
        older_than, newer_than = self.cursor("truoc"), self.cursor("sau")
        size = self.page_size
        if newer_than:
            rows = list(articles.newer_than(newer_than)[: size + 1])
            self.has_newer, self.has_older = len(rows) > size, True
            return rows[:size][::-1]
        articles = articles.older_than(older_than) if older_than else articles.newest_first()
        rows = list(articles[: size + 1])
        self.has_newer, self.has_older = older_than is not None, len(rows) > size
        return rows[:size]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        articles = context["articles"]
        context.update(
            category=self.category,
            current_category_slug=self.category.slug,
            newer_cursor=articles[0].pk if articles and self.has_newer else None,
            older_cursor=articles[-1].pk if articles and self.has_older else None,
            is_first_page=not self.has_newer,
        )
        return context


class ArticleDetailView(DetailView):
    """An article as the seed page shows it, with the newer and older ones beside it.

    Template: articles/article_detail.html. Three queries: the article with its
    category, the newer list, the older list.
    """

    template_name = "articles/article_detail.html"
    context_object_name = "article"

    @classmethod
    def cache_tags(cls, *, pk, **kwargs):
        # The page shows the article's rating totals: a vote clears this page alone.
        return {pagecache.article_tag(pk)}

    def get_queryset(self):
        return Article.objects.published().select_related("category")

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if (kwargs["category"], kwargs["slug"]) != (self.object.category.slug, self.object.slug):
            return redirect(self.object, permanent=True)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        same_category = Article.objects.published().filter(category=article.category_id).for_lists()
        context["newer"] = list(same_category.newer_than(article)[:NEIGHBOURS])
        context["older"] = list(same_category.older_than(article)[:NEIGHBOURS])
        context["current_category_slug"] = article.category.slug
        return context


class ArticlePrintView(DetailView):
    """The print (and "save as PDF") version of a published article.

    Template: articles/article_print.html: site name, address of the article,
    date, author, the text; no navigation.
    """

    template_name = "articles/article_print.html"
    context_object_name = "article"

    @classmethod
    def cache_tags(cls, *, pk, **kwargs):
        return {pagecache.article_tag(pk)}

    def get_queryset(self):
        return Article.objects.published().select_related("category")


@method_decorator(never_cache, name="dispatch")
@method_decorator(staff_member_required, name="dispatch")
class ArticlePreviewView(ArticleDetailView):
    """An article in any status exactly as readers will see it, for staff only, marked
    "Bản xem trước", never cached and never indexed."""

    def get_queryset(self):
        if not self.request.user.has_perm("articles.view_article"):
            raise PermissionDenied
        return Article.objects.select_related("category")

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
    return JsonResponse({"url": url})


@require_GET
def healthz(request):
    """For load balancers: 200 when the app and its database answer."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
