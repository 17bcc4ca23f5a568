from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import DailyViews


@admin.register(DailyViews)
class DailyViewsAdmin(admin.ModelAdmin):
    """Read-only: the views come from readers' browsers (hits/services.py). Filter by an
    article (search its title) to see its days; "Xem nhiều" on the site is the same data."""

    list_display = ["article_title", "day", "count"]
    list_filter = ["day"]
    list_select_related = ["article"]
    search_fields = ["article__title"]
    date_hierarchy = "day"
    fields = ["article", "day", "count"]
    readonly_fields = fields
    show_full_result_count = False  # a COUNT(*) of a big table on each page: not needed

    @admin.display(description=_("bài viết"), ordering="article__title")
    def article_title(self, row):
        return row.article.title

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
