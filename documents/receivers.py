"""What the page cache hears from the register: a change clears the register's pages (the
list, every document page, the feed); a document saved or deleted clears every page, as an
article does, since the home page lists the newest documents ("Văn bản mới"); a deleted file
leaves the disk."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

import pagecache

from .models import REGISTER_TAG, Document, DocumentFile, DocumentType, Field, Issuer


def register_changed(sender, **kwargs):
    # Now, and after the commit: a reader filling the cache in between gets his copy dropped.
    pagecache.invalidate(REGISTER_TAG)
    transaction.on_commit(lambda: pagecache.invalidate(REGISTER_TAG))


def document_changed(sender, **kwargs):
    # The content version keys the home's "Văn bản mới" (documents/templating.py) and every page.
    pagecache.invalidate(REGISTER_TAG, pagecache.CONTENT)
    transaction.on_commit(lambda: pagecache.invalidate(REGISTER_TAG, pagecache.CONTENT))


def file_deleted(sender, instance, **kwargs):
    instance.remove_file()
    register_changed(sender)


for model in (DocumentFile, DocumentType, Field, Issuer):
    post_save.connect(register_changed, sender=model, dispatch_uid=f"pagecache-save-{model.__name__}")
for model in (DocumentType, Field, Issuer):
    post_delete.connect(register_changed, sender=model, dispatch_uid=f"pagecache-delete-{model.__name__}")
post_save.connect(document_changed, sender=Document, dispatch_uid="pagecache-save-Document")
post_delete.connect(document_changed, sender=Document, dispatch_uid="pagecache-delete-Document")
post_delete.connect(file_deleted, sender=DocumentFile, dispatch_uid="documents-file-deleted")
m2m_changed.connect(register_changed, sender=Document.related_articles.through, dispatch_uid="pagecache-doc-articles")
