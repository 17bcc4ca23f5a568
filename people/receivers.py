"""What the page cache hears from the organisation: any term, unit or person saved or
deleted clears the people pages (both languages, every term), never the news."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

import pagecache

from .models import PEOPLE_TAG, Person, Term, Unit


def people_changed(sender, **kwargs):
    # Now, and after the commit: a reader filling the cache in between gets his copy dropped.
    pagecache.invalidate(PEOPLE_TAG)
    transaction.on_commit(lambda: pagecache.invalidate(PEOPLE_TAG))


for model in (Term, Unit, Person):
    post_save.connect(people_changed, sender=model, dispatch_uid=f"pagecache-save-people-{model.__name__}")
    post_delete.connect(people_changed, sender=model, dispatch_uid=f"pagecache-delete-people-{model.__name__}")
