"""The admin's JavaScript strings (the group and permission chooser, the calendar and clock,
Show/Hide of collapsed sections) come from /admin/jsi18n/: each one Django's admin
can print is there in Vietnamese."""

import json
import re
from pathlib import Path

import django
import pytest
from django.test import Client

from tests.factories import make_user

pytestmark = pytest.mark.django_db

SOURCE = Path(django.__file__).parent / "contrib/admin/locale/en/LC_MESSAGES/djangojs.po"
# Strings the admin's scripts use only in pages the portal has no use for (the admin docs'
# bookmarklets are not installed) would go here; none so far.
UNUSED: set[str] = set()


def _unquote(po_string: str) -> str:
    return json.loads(f'"{po_string}"')  # a .po string's escapes are JSON's


def admin_js_strings() -> set[str]:
    """Every msgid (with its context, as the catalog keys it) of Django's admin JavaScript."""
    text = SOURCE.read_text(encoding="utf-8")
    keys = set()
    for entry in text.split("\n\n"):
        context = re.search(r'^msgctxt "(.*)"$', entry, re.M)
        msgid = re.search(r'^msgid "(.+)"$', entry, re.M)
        if msgid:
            key = _unquote(msgid.group(1))
            keys.add(f"{_unquote(context.group(1))}\x04{key}" if context else key)
    return keys


def served_catalog() -> dict:
    client = Client()
    client.force_login(make_user(staff=True))
    script = client.get("/admin/jsi18n/").content.decode()
    return json.loads(re.search(r"const newcatalog = (\{.*?\});\n", script, re.S).group(1))


def test_every_admin_javascript_string_is_vietnamese():
    catalog, strings = served_catalog(), admin_js_strings()
    assert len(strings) > 60  # the .po was read
    missing = sorted(strings - set(catalog) - UNUSED)
    assert not missing, missing
    assert catalog["Show"] == "Hiện" and catalog["Hide"] == "Ẩn"
    assert catalog["Choose all %s"] == "Chọn tất cả %s"
    assert catalog["abbrev. day Sunday\x04Sun"] == "CN"
