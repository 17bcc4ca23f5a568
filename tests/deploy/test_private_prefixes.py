"""The site's private addresses are written once (settings.PRIVATE_URL_PREFIXES) and every
reader of them agrees: robots.txt, the page cache, and nginx's configuration, which
documents the same list in its own language."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from pagecache import entries

NGINX_LOCATIONS = Path(__file__).resolve().parents[2] / "deploy" / "nginx-locations.conf"


def test_nginx_sends_exactly_the_private_prefixes_around_its_micro_cache():
    config = NGINX_LOCATIONS.read_text(encoding="utf-8")
    [alternatives] = re.findall(r"location ~ \^/\(([^)]*)\) \{", config)
    assert {f"/{alternative}" for alternative in alternatives.split("|")} == set(settings.PRIVATE_URL_PREFIXES)


def test_robots_disallow_every_private_prefix(client, db):
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert {line.removeprefix("Disallow: ") for line in lines if line.startswith("Disallow:")} == set(
        settings.PRIVATE_URL_PREFIXES
    )


@pytest.mark.parametrize("prefix", settings.PRIVATE_URL_PREFIXES)
def test_the_page_cache_never_looks_up_a_private_address(prefix):
    meta = {"REQUEST_METHOD": "GET", "PATH_INFO": prefix + "x"}
    assert not entries.is_cacheable_request(meta)
    assert entries.is_cacheable_request({**meta, "PATH_INFO": "/tin-tuc/"})
