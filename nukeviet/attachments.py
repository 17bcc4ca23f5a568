"""Links in an old body to documents under uploads/ (PDF, Word...): each becomes one of the
article's attachments (files/stored.py: checked by content, random name), the link its address."""

import html
import re

from django.core.exceptions import ValidationError

from articles.models import Attachment

from .media import FILE_EXTENSIONS
from .records import Records

_LINK = re.compile(r'<a\b[^>]*?\bhref="([^"]*)"', re.I)
KIND = "news.attachment"


def attach_body_files(article, uploads, report, where: str) -> str:
    body = article.body
    wanted = {}
    for match in _LINK.finditer(body):
        old = html.unescape(match.group(1))
        relative = uploads.relative(old)
        if relative and relative != "external" and "." + relative.rsplit(".", 1)[-1].lower() in FILE_EXTENSIONS:
            wanted[old] = relative
    if not wanted:
        return body
    keys = {relative: f"{article.legacy_id}:{relative}" for relative in wanted.values()}
    records = Records.load(KIND, keys.values())
    known = {a.pk: a for a in Attachment.objects.filter(pk__in=[r.object_id for r in records.values()])}
    staged = Records()
    for old, relative in wanted.items():
        record = records.get(keys[relative])
        attachment = known.get(record.object_id) if record else None
        if attachment is None:
            attachment = _attach(article, uploads, report, relative, where)
            if attachment is None:
                continue
            report.count(KIND, "imported")
            staged.stage(KIND, keys[relative], attachment.pk, relative)
        body = body.replace(f'href="{html.escape(old)}"', f'href="{attachment.get_absolute_url()}"')
    staged.flush()
    return body


def _attach(article, uploads, report, relative: str, where: str):
    upload = uploads.open(relative, where)
    if upload is None:
        return None
    with upload:
        if uploads.dry_run:
            return None
        attachment = Attachment(article=article, file=upload, name=upload.name)
        try:
            attachment.save()
        except ValidationError as error:
            report.bad_file(where, relative, "; ".join(error.messages))
            return None
    return attachment
