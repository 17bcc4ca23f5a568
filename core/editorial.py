"""The editorial model, written once for every kind of content that goes draft -> review ->
published (articles, documents, pages, people): its statuses, its dates, who wrote it, and
the one rule of what the public may see at a given moment.

A content model inherits `Editorial` and gets, with no code of its own:

- the fields `status`, `published_at`, `created_by`, `created_at`, `updated_at`;
- `objects` with published(now), scheduled(now) and for_editor(user), all from the rule;
- is_published(now), is_scheduled(now), public_state(now) on one loaded object, from the
  same rule (core/rules.py holds()), so a list and a single page never disagree;
- the permissions publish_<model> and change_any_<model>, which the roles (core/roles.py)
  give to the approvers; the admin's side is core/workflow.py;
- page-cache purging: every page when one is saved or deleted (`page_cache_tags`,
  pagecache/purge.py), unless the model names narrower tags;
- no page kept past its next scheduled publication (next_change(), pagecache's schedule).

A model whose public rule says more (an article's expiry) overrides public_rule() and
builds on super()'s: the status and the moment are never written a second time.
"""

from django.conf import settings
from django.db import models
from django.db.models import Min, Q
from django.db.models.signals import class_prepared
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

import pagecache

from .rules import holds
from .sites import SiteOwned, SiteQuerySet


class Status(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    PENDING = "pending", _("Chờ duyệt")
    PUBLISHED = "published", _("Đã xuất bản")
    UNPUBLISHED = "unpublished", _("Đã gỡ xuống")


WRITER_STATUSES = (Status.DRAFT, Status.PENDING)
SCHEDULED = _("Hẹn giờ đăng")


def may(user, model, action: str) -> bool:
    """user.has_perm("<app>.<action>_<model>"): add, change, view, delete, publish, change_any."""
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")


class EditorialQuerySet(SiteQuerySet):
    def published(self, now=None):
        """What the public may see now (or at `now`): the model's public_rule()."""
        return self.filter(self.model.public_rule(now or timezone.now()))

    def scheduled(self, now=None):
        """Published by an editor, waiting for its time ("Hẹn giờ đăng")."""
        return self.filter(self.model.scheduled_rule(now or timezone.now()))

    def for_editor(self, user):
        """What `user` may open in the newsroom (admin, preview, history): all of it for approvers,
        for whoever may change anyone's and for read-only staff (view permission alone); a writer's
        own only."""
        if may(user, self.model, "publish") or may(user, self.model, "change_any"):
            return self
        if may(user, self.model, "add") or may(user, self.model, "change"):
            return self.filter(created_by=user)
        return self


class Editorial(SiteOwned):
    Status = Status

    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        _("thời điểm xuất bản"), default=timezone.now, help_text=_("Đặt thời điểm trong tương lai để hẹn giờ đăng.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = EditorialQuerySet.as_manager()

    # The page-cache tags a change of one of these clears (pagecache/purge.py): every page,
    # unless the model knows its pages better.
    page_cache_tags = (pagecache.CONTENT,)

    class Meta:
        abstract = True

    @classmethod
    def public_rule(cls, now) -> Q:
        """What the public may see at `now`: published, its moment come. The one place it is written."""
        return Q(status=Status.PUBLISHED, published_at__lte=now)

    @classmethod
    def scheduled_rule(cls, now) -> Q:
        return Q(status=Status.PUBLISHED, published_at__gt=now)

    def is_published(self, now=None) -> bool:
        return holds(type(self).public_rule(now or timezone.now()), self)

    def is_scheduled(self, now=None) -> bool:
        return holds(type(self).scheduled_rule(now or timezone.now()), self)

    def public_state(self, now=None) -> str:
        """The status as readers experience it: its label, a scheduled item apart from a published one."""
        return SCHEDULED if self.is_scheduled(now) else self.get_status_display()

    @classmethod
    def next_change(cls, now=None):
        """The next moment the public sees a change by itself (a scheduled item appears), or None."""
        return cls.objects.scheduled(now).aggregate(m=Min("published_at"))["m"]


def editorial_models() -> list[type[Editorial]]:
    """Every installed content model built on Editorial."""
    from django.apps import apps

    return [model for model in apps.get_models() if issubclass(model, Editorial)]


def next_change(now=None):
    """The next moment any content appears or leaves by itself (pagecache's schedule: no page
    is kept past it)."""
    moments = [model.next_change(now) for model in editorial_models()]
    return min((moment for moment in moments if moment), default=None)


def _add_permissions(sender, **kwargs) -> None:
    """publish_<model> and change_any_<model> for every concrete subclass, in its own words
    ("Có thể duyệt, xuất bản, hẹn giờ và gỡ bài viết"). Set where the migrations read a
    model's options too (original_attrs), so a new kind of content gets them in its first
    migration."""
    if not issubclass(sender, Editorial) or sender._meta.abstract or sender._meta.proxy:
        return
    opts = sender._meta
    ours = [
        (f"publish_{opts.model_name}", format_lazy(_("Có thể duyệt, xuất bản, hẹn giờ và gỡ {}"), opts.verbose_name)),
        (f"change_any_{opts.model_name}", format_lazy(_("Có thể sửa {} của người khác"), opts.verbose_name)),
    ]
    declared = {codename for codename, _name in opts.permissions}
    opts.permissions = [*opts.permissions, *(pair for pair in ours if pair[0] not in declared)]
    opts.original_attrs["permissions"] = opts.permissions


class_prepared.connect(_add_permissions, dispatch_uid="core-editorial-permissions")
