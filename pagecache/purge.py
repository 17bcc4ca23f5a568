"""What a saved, deleted or re-linked row clears, read from its model: one declaration each.

A model names the page-cache tags of the pages that show it:

    class Document(Editorial):
        page_cache_tags = (REGISTER_TAG, pagecache.CONTENT)

or, when that depends on what changed, a method of the row:

    def page_cache_tags(self, deleted=False) -> tuple[str, ...]: ...

(core.editorial.Editorial declares CONTENT, every page, for all content.) Whatever
changes the row - the admin, its actions, a revision restored, a script, the importer -
sends Django's signals, and these receivers, connected once for every model, clear those
tags now and again after the commit: a reader who fills the cache between the two, with
the old rows, has his copy thrown away by the second bump. A model without the
declaration is nobody's page: nothing is cleared. Bulk updates send no signal; who makes
them clears the pages himself (pagecache.invalidate_all()).
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from . import store

LINKS_CHANGED = frozenset({"post_add", "post_remove", "post_clear"})


def declared_tags(instance, deleted: bool = False) -> tuple[str, ...]:
    """The tags `instance`'s model declares for it; () when it declares none."""
    declared = getattr(type(instance), "page_cache_tags", None)
    if declared is None:
        return ()
    if callable(declared):
        return tuple(declared(instance, deleted=deleted))
    return tuple(declared)


def model_tags(model) -> tuple[str, ...]:
    """What a change to some rows of `model` clears, not knowing which: the declared tags,
    or every page when the model decides row by row."""
    declared = getattr(model, "page_cache_tags", None)
    if declared is None:
        return ()
    return (store.CONTENT,) if callable(declared) else tuple(declared)


def purge(tags, site=store.CURRENT) -> None:
    """Clear `tags` on `site`'s pages (the site being served unless told), now and after the commit."""
    tags = tuple(dict.fromkeys(tags))
    if tags:
        site = store._current_site() if site is store.CURRENT else site
        above = store.sites_above(site) if store.CONTENT in tags else ()

        def clear():
            store.invalidate(*tags, site=site)
            for parent in above:
                store.invalidate(store.BELOW, site=parent)

        clear()
        transaction.on_commit(clear)


def site_of(instance):
    """A row's site: its own (core.sites.SiteOwned, network's SiteSettings), else the one
    being served (the parts of a row: an article's attachments, a vote)."""
    site = getattr(instance, "site_id", None)
    return store.CURRENT if site is None else site


def row_saved(sender, instance, **kwargs) -> None:
    purge(declared_tags(instance), site_of(instance))


def row_deleted(sender, instance, **kwargs) -> None:
    purge(declared_tags(instance, deleted=True), site_of(instance))


def links_changed(sender, instance, action, model, **kwargs) -> None:
    """An m2m link added or removed (an article's tags, a document's related articles):
    what shows either side."""
    if action in LINKS_CHANGED:
        purge((*declared_tags(instance), *model_tags(model)), site_of(instance))


def connect() -> None:
    post_save.connect(row_saved, dispatch_uid="pagecache-purge-saved")
    post_delete.connect(row_deleted, dispatch_uid="pagecache-purge-deleted")
    m2m_changed.connect(links_changed, dispatch_uid="pagecache-purge-links")
