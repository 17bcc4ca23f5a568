"""What the page cache hears from the pages: a change clears the pages' own pages (each page,
the search) and, only when it changes what a menu shows, every page (their headers)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

import pagecache

from .models import PAGES_TAG, Page


def _invalidate(*tags: str) -> None:
    # Now, and after the commit: a reader filling the cache in between gets his copy dropped.
    pagecache.invalidate(*tags)
    transaction.on_commit(lambda: pagecache.invalidate(*tags))


def page_saved(sender, instance, **kwargs):
    menu_changed = instance.menu_state() != getattr(instance, "_stored_menu", None)
    instance._stored_menu = instance.menu_state()
    if menu_changed:
        _invalidate(PAGES_TAG, pagecache.CONTENT)
    else:
        _invalidate(PAGES_TAG)


def page_deleted(sender, instance, **kwargs):
    if instance.menu_state() is not None or getattr(instance, "_stored_menu", None) is not None:
        _invalidate(PAGES_TAG, pagecache.CONTENT)
    else:
        _invalidate(PAGES_TAG)


post_save.connect(page_saved, sender=Page, dispatch_uid="pagecache-save-Page")
post_delete.connect(page_deleted, sender=Page, dispatch_uid="pagecache-delete-Page")
