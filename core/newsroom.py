"""The newsroom's workflow, written once for every model that goes draft -> review -> published
(articles, documents, pages): its statuses and who may open what. The admin side is
core/workflow.py."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    PENDING = "pending", _("Chờ duyệt")
    PUBLISHED = "published", _("Đã xuất bản")
    UNPUBLISHED = "unpublished", _("Đã gỡ xuống")


WRITER_STATUSES = (Status.DRAFT, Status.PENDING)


class NewsroomQuerySet(models.QuerySet):
    def for_editor(self, user):
        """What `user` may open in the newsroom (admin, preview, history): all of it for approvers,
        for whoever may change anyone's and for read-only staff (view permission alone); a writer's
        own only. Permissions: <app>.publish_<model>, change_any_<model>, add_/change_<model>."""
        opts = self.model._meta

        def may(action: str) -> bool:
            return user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")

        if may("publish") or may("change_any"):
            return self
        if may("add") or may("change"):
            return self.filter(created_by=user)
        return self
