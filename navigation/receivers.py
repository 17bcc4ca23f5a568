"""The menu and the links are on every page: a change clears every page."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

import pagecache

from .models import MenuItem, WebLink


def navigation_changed(sender, **kwargs):
    pagecache.invalidate_all()
    transaction.on_commit(pagecache.invalidate_all)


for model in (MenuItem, WebLink):
    post_save.connect(navigation_changed, sender=model, dispatch_uid=f"pagecache-save-{model.__name__}")
    post_delete.connect(navigation_changed, sender=model, dispatch_uid=f"pagecache-delete-{model.__name__}")
