"""The text inside an uploaded PDF, for search (pypdf)."""

import logging

from pypdf import PdfReader
from pypdf.errors import PyPdfError

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
