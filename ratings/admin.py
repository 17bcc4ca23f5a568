from datetime import datetime, time, timedelta

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Avg, Count, Sum
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Vote


class ReportForm(forms.Form):
    start = forms.DateField(label=_("Từ ngày"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Đến ngày"), widget=forms.DateInput(attrs={"type": "date"}))
    min_votes = forms.IntegerField(
        label=_("Số phiếu tối thiểu (xếp theo điểm)"), min_value=1, max_value=10_000, initial=3
    )

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("Ngày bắt đầu phải trước hoặc bằng ngày kết thúc."))
        return data


@admin.register(Vote)
class VoteAdmin(admin.ModelAdmin):
    # The voter key is not shown: it identifies nobody, and there is nothing to read in it.
    list_display = ["article_link", "stars", "created_at"]
    list_filter = ["stars", "created_at"]
    list_select_related = ["article"]
    search_fields = ["article__title"]
    date_hierarchy = "created_at"
    fields = ["article", "stars", "created_at"]
    readonly_fields = ["article", "stars", "created_at"]
    change_list_template = "admin/ratings/vote/change_list.html"

    @admin.display(description=_("bài viết"), ordering="article__title")
    def article_link(self, vote):
        return vote.article.title

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        services.vote_delete(vote=obj)

    def delete_queryset(self, request, queryset):
        # One by one, so that each article's totals drop by exactly what was removed.
        for vote in queryset:
            services.vote_delete(vote=vote)

    def get_urls(self):
        report = self.admin_site.admin_view(self.report_view)
        return [path("bao-cao/", report, name="ratings_vote_report"), *super().get_urls()]

    def report_view(self, request):
        """The highest-rated and the most-rated articles among the votes of a date range."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        today = timezone.localdate()
        form = ReportForm(request.GET or {"start": today - timedelta(days=30), "end": today, "min_votes": 3})
        best = most = None
        if form.is_valid():
            tz = timezone.get_current_timezone()
            start = datetime.combine(form.cleaned_data["start"], time.min, tzinfo=tz)
            end = datetime.combine(form.cleaned_data["end"] + timedelta(days=1), time.min, tzinfo=tz)
            per_article = (
                Vote.objects.filter(created_at__gte=start, created_at__lt=end)
                .values("article", "article__title")
                .annotate(votes=Count("id"), points=Sum("stars"), average=Avg("stars"))
            )
            most = list(per_article.order_by("-votes", "-average")[:10])
            best = list(
                per_article.filter(votes__gte=form.cleaned_data["min_votes"]).order_by("-average", "-votes")[:10]
            )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Báo cáo đánh giá bài viết"),
            "opts": self.model._meta,
            "form": form,
            "best": best,
            "most": most,
        }
        return TemplateResponse(request, "admin/ratings/vote/report.html", context)
