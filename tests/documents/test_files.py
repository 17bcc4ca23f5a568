"""Files are what their content says: checked like photos, stored under random names."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from demo.pdfs import make_pdf
from files import checks
from tests.documents.helpers import docx_bytes, office_zip


def upload(name, data):
    return SimpleUploadedFile(name, data)


@pytest.mark.parametrize(
    "name, data, kind",
    [
        ("nghi-quyet.pdf", make_pdf(["x"]), "pdf"),
        ("bao-cao.docx", docx_bytes(), "docx"),
        ("bao-cao.zip", docx_bytes(), "docx"),  # a Word file under another name is still Word
        ("so-lieu.xlsx", office_zip({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<x/>"}), "xlsx"),
        (
            "van-ban.odt",
            office_zip({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"}),
            "odt",
        ),
        ("ho-so.zip", office_zip({"a.txt": "xin chào"}), "zip"),
        ("cu.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "doc"),
        ("cu.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "xls"),
    ],
)
def test_the_kind_comes_from_the_content(name, data, kind):
    assert checks.check_file(upload(name, data)).ext == kind


@pytest.mark.parametrize(
    "name, data",
    [
        ("nghi-quyet.pdf", b"#!/bin/sh\nrm -rf /\n"),
        ("trang.pdf", b"<html><script>alert(1)</script></html>"),
        ("anh.docx", b"\x89PNG\r\n\x1a\n" + b"\0" * 100),
        ("hong.zip", b"PK\x03\x04 not really a zip"),
    ],
)
def test_anything_else_is_refused_in_vietnamese(name, data):
    with pytest.raises(ValidationError) as refused:
        checks.check_file(upload(name, data))
    assert "không" in refused.value.messages[0].lower() or "hỏng" in refused.value.messages[0]


def test_too_large_and_empty_files_are_refused(settings):
    settings.DOCUMENT_UPLOAD_MAX_BYTES = 1000
    with pytest.raises(ValidationError, match="quá giới hạn"):
        checks.check_file(upload("lon.pdf", make_pdf(["x" * 50] * 40)))
    with pytest.raises(ValidationError, match="rỗng"):
        checks.check_file(upload("rong.pdf", b""))


def test_an_archive_that_unpacks_too_far_is_refused(monkeypatch):
    monkeypatch.setattr(checks, "MAX_UNPACKED_BYTES", 10_000)
    bomb = office_zip({"zeros.bin": b"\0" * 50_000})
    with pytest.raises(ValidationError, match="quá lớn"):
        checks.check_file(upload("bom.zip", bomb))
