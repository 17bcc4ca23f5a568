"""An article's files (NukeViet 4.5's detail.files, under uploads/<module>/) and the documents its
old body links to under uploads/ (PDF, Word...): each becomes one of the article's attachments
(files/stored.py: checked by content, random name); a link in the body takes the attachment's
address, and the old /uploads/... address leads to it (nukeviet.ImportedFile)."""

import html
import re

from django.core.exceptions import ValidationError

from articles.models import Attachment

from .media import EXTERNAL, FILE_EXTENSIONS
from .records import Records

_LINK = re.compile(r'<a\b[^>]*?\bhref="([^"]*)"', re.I)
KIND = "news.attachment"


def attach_files(article, names: list[str], uploads, report, item, module: str) -> None:
    """The article's own attachments, in their old order, each brought once."""
    wanted = {}
    for name in names:
        relative = uploads.relative(name, module)
        if relative in (None, EXTERNAL):
            report.doubt(item, f"tệp đính kèm {name} ở trang khác, không mang sang")
            continue
        wanted[name] = relative
    _attach_all(article, wanted, uploads, report, item)


def attach_body_files(article, uploads, report, item) -> str:
    body = article.body
    wanted = {}
    for match in _LINK.finditer(body):
        old = html.unescape(match.group(1))
        relative = uploads.relative(old)
        if relative and relative != EXTERNAL and "." + relative.rsplit(".", 1)[-1].lower() in FILE_EXTENSIONS:
            wanted[old] = relative
    for old, attachment in _attach_all(article, wanted, uploads, report, item).items():
        body = body.replace(f'href="{html.escape(old)}"', f'href="{attachment.get_absolute_url()}"')
    return body


def _attach_all(article, wanted: dict[str, str], uploads, report, item) -> dict:
    """{old address: its attachment} for each of `wanted` ({old address: path under uploads/})."""
    if not wanted:
        return {}
    keys = {relative: f"{article.legacy_id}:{relative}" for relative in wanted.values()}
    records = Records.load(KIND, keys.values())
    known = {a.pk: a for a in Attachment.objects.filter(pk__in=[r.object_id for r in records.values()])}
    staged = Records()
    found = {}
    for old, relative in wanted.items():
        record = records.get(keys[relative])
        attachment = known.get(record.object_id) if record else None
        if attachment is None and uploads.dry_run:
            if uploads.file(relative):
                report.count(KIND, "imported")  # what the real run would bring
            else:
                report.missing_file(item, relative)
            continue
        if attachment is None:
            attachment = _attach(article, uploads, report, relative, item)
            if attachment is None:
                continue
            report.count(KIND, "imported")
            staged.stage(KIND, keys[relative], attachment.pk, relative)
            known[attachment.pk] = attachment
            uploads.remember(relative, attachment.file.name, attachment.size, attachment.get_absolute_url())
        found[old] = attachment
    staged.flush()
    return found


def _attach(article, uploads, report, relative: str, item):
    upload = uploads.open(relative, item)
    if upload is None:
        return None
    with upload:
        if uploads.dry_run:
            return None
        attachment = Attachment(article=article, file=upload, name=upload.name)
        try:
            attachment.save()
        except ValidationError as error:
            report.bad_file(item, relative, "; ".join(error.messages))
            return None
    return attachment
