from django.contrib import admin

from .models import Vote


@admin.register(Vote)
class VoteAdmin(admin.ModelAdmin):
    # No voter key on screen: it identifies nobody, but there is nothing to read in it either.
    list_display = ["article", "stars", "created_at"]
    list_filter = ["stars", "created_at"]
    list_select_related = ["article"]
    search_fields = ["article__title"]
    date_hierarchy = "created_at"
    readonly_fields = ["article", "stars", "created_at"]
    fields = ["article", "stars", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Deleting must also lower the article's totals: until ratings.services
        # does both in one transaction, nobody deletes votes here.
        return False
