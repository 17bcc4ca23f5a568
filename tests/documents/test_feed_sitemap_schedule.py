"""The register everywhere else a document should be: its feed, the sitemap, a scheduled time."""

import datetime
import xml.etree.ElementTree as ET

import pytest
import time_machine
from django.utils import timezone

from tests.documents.helpers import make_document

pytestmark = pytest.mark.django_db


def test_the_feed_lists_published_documents_with_escaped_text(client):
    make_document("15-NQ/HU", summary="Về <b>chuyển đổi số</b> & dữ liệu")
    make_document("16-NQ/HU", status="draft")
    response = client.get("/van-ban/rss/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/rss+xml")
    items = ET.fromstring(response.content).findall("./channel/item")  # noqa: S314 - our own response
    assert [item.findtext("title") for item in items] == ["Nghị quyết số 15-NQ/HU: Về <b>chuyển đổi số</b> & dữ liệu"]
    assert "&lt;b&gt;" in items[0].findtext("description")  # shown as text by feed readers, not as HTML


def test_the_sitemap_has_a_section_for_documents(client):
    document = make_document()
    make_document("16-NQ/HU", status="pending")
    root = ET.fromstring(client.get("/sitemap-documents.xml").content)  # noqa: S314 - our own response
    locations = [node.text for node in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locations == [f"http://testserver{document.get_absolute_url()}"]


def test_a_scheduled_document_appears_at_its_minute_even_in_a_cached_list(client):
    at = timezone.now() + datetime.timedelta(hours=2)
    document = make_document("20-KH/HU", published_at=at)
    assert "20-KH/HU" not in client.get("/van-ban/").content.decode()
    assert client.get(document.get_absolute_url()).status_code == 404
    with time_machine.travel(at + datetime.timedelta(minutes=1)):
        assert "20-KH/HU" in client.get("/van-ban/").content.decode()
        assert client.get(document.get_absolute_url()).status_code == 200
