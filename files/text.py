"""The text inside an uploaded PDF, for search (pypdf)."""

import logging

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from core import tasks

logger = logging.getLogger(__name__)

MAX_PAGES = 300  # a register's documents are rarely longer; bounds the cost of a hostile file
MAX_CHARS = 1_000_000


def pdf_text(file) -> str:
    """The PDF's text ('' for a scanned PDF, an encrypted one, or one pypdf cannot read)."""
    file.seek(0)
    try:
        reader = PdfReader(file)
        if reader.is_encrypted:
            return ""
        parts, size = [], 0
        for page in reader.pages[:MAX_PAGES]:
            text = page.extract_text() or ""
            parts.append(text)
            size += len(text)
            if size > MAX_CHARS:
                break
        return " ".join(" ".join(parts).split())[:MAX_CHARS]
    except (PyPdfError, ValueError, TypeError, KeyError, IndexError, RecursionError, OSError) as error:
        logger.info("No text read from a PDF: %s", error)
        return ""
    finally:
        file.seek(0)


# --- later, in a task worker (core/tasks.py) ------------------------------------------------
# A 300-page PDF takes pypdf tens of seconds: with a queue, an upload is stored with no
# text yet, marked as being read, and a worker reads it after the row is committed.

WAITING_SECONDS = 7 * 24 * 3600  # a mark outlives any retry; the task given up, the file reads as a scan


def _waiting_key(model_label: str, pk) -> str:
    return f"files:text-waiting:{model_label}:{pk}"


def read_later(stored) -> None:
    """Queue the reading of a saved file's PDF text (once the row is committed)."""
    label, pk = stored._meta.label, stored.pk
    cache.set(_waiting_key(label, pk), 1, WAITING_SECONDS)
    transaction.on_commit(lambda: tasks.enqueue(read_stored_text, label, pk))


def text_waiting(stored) -> bool:
    """Whether a worker has yet to read the file's text (the admin says so, not "a scan")."""
    return bool(stored.pk) and cache.get(_waiting_key(stored._meta.label, stored.pk)) is not None


def read_stored_text(model_label: str, pk: int) -> None:
    """The task: read the PDF text of the stored file `pk` of `model_label` (a StoredFile) and
    let its owner know (text_read(), e.g. the document's search words). Safe to run again:
    it reads and writes the same; a row removed or given another file meanwhile is left alone."""
    model = apps.get_model(model_label)
    stored = model._default_manager.filter(pk=pk).first()
    if stored is not None and stored.kind == "pdf":
        with stored.file.storage.open(stored.file.name, "rb") as file:
            text = pdf_text(file)
        updated = model._default_manager.filter(pk=pk, file=stored.file.name)
        if updated.update(text=text, has_text=bool(text.strip())):
            stored.refresh_from_db(fields=["text", "has_text"])
            stored.text_read()
    cache.delete(_waiting_key(model_label, pk))
