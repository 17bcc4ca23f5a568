"""Deleting a site: its own rows and nothing of any other site's, all or nothing.

Content belongs to its site through `site` (core/sites.py, CASCADE from Site). Rows that
protect others (an article protects its category) go in the order they allow; a site's
own tree links (a category's parent) are cut first. Before anything is deleted, no other
site's row may point at one of this site's: such a row would be deleted with it (a menu
item of another site pointing at this site's page) or would stop it half-way.
"""

from django.apps import apps
from django.contrib.sites.models import Site
from django.db import transaction
from django.db.models import ProtectedError

from core.sites import FIRST_SITE_ID, SiteOwned


class SiteNotDeleted(Exception):
    """Why a site was not deleted, in words for the network administrator."""


def owned_models() -> list:
    return [model for model in apps.get_models() if issubclass(model, SiteOwned)]


def others_pointing_at(site_id: int) -> str | None:
    """The first row of another site that links to one of this site's, described, or None."""
    for model in owned_models():
        for field in model._meta.concrete_fields:
            if field.is_relation and field.name != "site" and issubclass(field.related_model, SiteOwned):
                row = (
                    model._base_manager.exclude(site_id=site_id)
                    .filter(**{f"{field.name}__site_id": site_id})
                    .select_related("site")
                    .first()
                )
                if row is not None:
                    return f"{model._meta.verbose_name} “{row}” của trang {row.site.name}"
    return None


def delete_site(site: Site, typed_name: str) -> None:
    if typed_name.strip() != site.name.strip():
        raise SiteNotDeleted("Tên trang gõ lại không khớp: chưa xóa gì. Hãy gõ đúng tên trang để xác nhận.")
    if site.pk == FIRST_SITE_ID:
        raise SiteNotDeleted("Trang đầu tiên của hệ thống không xóa được (nội dung không ghi trang thuộc về nó).")
    blocker = others_pointing_at(site.pk)
    if blocker:
        raise SiteNotDeleted(f"Không xóa được: {blocker} đang liên kết tới nội dung của trang này. Chưa xóa gì.")
    with transaction.atomic():
        remaining = owned_models()
        for model in remaining:
            for field in model._meta.concrete_fields:
                if field.is_relation and field.related_model is model and field.null:
                    model._base_manager.filter(site_id=site.pk).update(**{field.name: None})
        while remaining:
            left = []
            for model in remaining:
                try:
                    model._base_manager.filter(site_id=site.pk).delete()
                except ProtectedError:
                    left.append(model)  # protected by rows of a model still to go
            if len(left) == len(remaining):
                raise SiteNotDeleted("Không xóa được: một số nội dung của trang còn được dùng ở nơi khác.")
            remaining = left
        site.delete()
