"""A site written out as static files that nginx serves alone (`manage.py export_static`):
no Python, no database, so an archive costs nothing to keep.

Every page a reader can reach is asked of the portal itself, as a reader on the site's own
host would ask it (Django's test client: the same views, templates and middleware), starting
from the home page, the sitemap and the feeds and following every link of the site's own;
each answer is written where nginx finds it by its address:

    /                          index.html
    /gioi-thieu/               gioi-thieu/index.html
    /xay-dung-dang/bai-15.html xay-dung-dang/bai-15.html
    /xay-dung-dang/?truoc=…    xay-dung-dang/__truoc=….html   (a page of a list)
    /rss/                      rss/index.xml

with the photos, the documents' files and the static files the pages use. The old NukeViet
links keep answering: `_nginx/maps.conf` holds, in nginx's own syntax, the new address of every
old link the import knows (articles by their old id in any of the old shapes, categories,
pages, documents, uploads), and `_nginx/site.conf` the server's rules (README "Archives").
"""

import re
import shutil
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from django.test import Client

from core.sites import serving

from .oldlinks import old_link_maps

LINKS = re.compile(r"""(?:href|src)\s*=\s*["']([^"'#]+)|content\s*=\s*["']((?:/|https?://)[^"'#\s]*)""", re.I)
SRCSET = re.compile(r"""srcset\s*=\s*["']([^"']+)""", re.I)
CSS_URLS = re.compile(r"""url\(\s*["']?([^"')]+)""", re.I)
SEEDS = ("/", "/sitemap.xml", "/robots.txt", "/rss/", "/lien-he/", "/van-ban/", "/gioi-thieu/", "/en/")
# Never a reader's page: the admin, forms that write, a reader's own vote, search (no page to keep).
SKIPPED = ("/admin/", "/quan-tri/", "/danh-gia/", "/tim-kiem/", "/en/search/", "/healthz", "/xem-truoc/")
MAX_PAGES = 2_000_000  # a bound, never reached by a real site


class ExportError(Exception):
    """The export cannot be made (said in Vietnamese); what was written is left as it is."""


@dataclass
class Report:
    pages: int = 0
    files: int = 0
    old_links: int = 0
    bytes: int = 0
    broken: list[str] = field(default_factory=list)


def export_site(site, folder: Path) -> Report:
    """Write `site` (a network SiteInfo) into `folder` (made if missing, emptied first)."""
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        if not (folder / "_nginx").is_dir():
            raise ExportError(f"Thư mục {folder} đã có tệp không phải bản xuất trước: hãy chọn thư mục trống.")
        shutil.rmtree(folder)
    folder.mkdir(parents=True, exist_ok=True)
    report = Report()
    client = Client(HTTP_HOST=site.domain, raise_request_exception=False)
    seen, queue = set(), deque(SEEDS)
    while queue and report.pages + report.files < MAX_PAGES:
        address = queue.popleft()
        if address in seen:
            continue
        seen.add(address)
        body, kind = _fetch(client, address)
        if body is None:
            if address not in SEEDS:
                report.broken.append(address)
            continue
        target = folder / _file_for(address, kind)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
        report.bytes += len(body)
        if kind in ("html", "xml", "css"):
            report.pages += kind != "css"
            text = body.decode("utf-8", "replace")
            for link in _links(text, kind):
                local = _local(link, address, site.domain)
                if local and local not in seen:
                    queue.append(local)
        else:
            report.files += 1
    missing = client.get("/khong-co-trang-nay-404/")
    (folder / "404.html").write_bytes(missing.content)
    with serving(site):
        maps, count = old_link_maps()
    report.old_links = count
    nginx = folder / "_nginx"
    nginx.mkdir(exist_ok=True)
    (nginx / "maps.conf").write_text(maps, encoding="utf-8")
    (nginx / "site.conf").write_text(SITE_CONF.format(root=folder.resolve()), encoding="utf-8")
    return report


def _fetch(client, address: str) -> tuple[bytes | None, str]:
    """The bytes at `address` and what they are ("html", "xml", "css", "file"), or None."""
    path = urlsplit(address).path
    if path.startswith(settings.STATIC_URL):
        return _static(unquote(path.removeprefix(settings.STATIC_URL)))
    if settings.MEDIA_URL.startswith("/") and path.startswith(settings.MEDIA_URL):
        return _media(unquote(path.removeprefix(settings.MEDIA_URL)))
    response = client.get(address)
    if response.status_code != 200 or (response.streaming and not hasattr(response, "streaming_content")):
        return None, ""
    accel = response.get("X-Accel-Redirect")
    if accel:  # a document's file: nginx would send it from the storage
        return _media(unquote(accel.removeprefix(settings.FILES_INTERNAL_URL)))[0], "file"
    body = b"".join(response.streaming_content) if response.streaming else response.content
    content_type = response.get("Content-Type", "")
    if "html" in content_type:
        return body, "html"
    if "xml" in content_type:
        return body, "xml"
    return body, "css" if "css" in content_type else "file"


def _static(name: str) -> tuple[bytes | None, str]:
    kind = "css" if name.endswith(".css") else "file"
    try:
        with staticfiles_storage.open(name) as file:
            return file.read(), kind
    except (OSError, ValueError):
        pass
    found = finders.find(re.sub(r"\.[0-9a-f]{12}(\.\w+)$", r"\1", name))  # a hashed name, uncollected
    if found:
        return Path(found).read_bytes(), kind
    return None, ""


def _media(name: str) -> tuple[bytes | None, str]:
    try:
        with default_storage.open(name) as file:
            return file.read(), "file"
    except (OSError, ValueError):
        return None, ""


def _links(text: str, kind: str) -> list[str]:
    if kind == "css":
        return CSS_URLS.findall(text)
    links = [href or content for href, content in LINKS.findall(text)]
    for srcset in SRCSET.findall(text):
        links += [part.strip().split(" ")[0] for part in srcset.split(",") if part.strip()]
    if kind == "xml":  # a sitemap or a feed: <loc>, <link>
        links += re.findall(r"<(?:loc|link)>\s*([^<\s]+)", text)
    return links


def _local(link: str, base: str, domain: str) -> str | None:
    """The site's own address `link` names (from the page at `base`), or None."""
    link = link.strip().replace("&amp;", "&")
    if link.startswith(("mailto:", "tel:", "data:", "javascript:")):
        return None
    parts = urlsplit(urljoin(f"http://{domain}{base}", link))
    if parts.hostname != urlsplit(f"http://{domain}").hostname:
        return None
    path = parts.path or "/"
    if path.startswith(SKIPPED):
        return None
    return f"{path}?{parts.query}" if parts.query else path


def _file_for(address: str, kind: str) -> str:
    parts = urlsplit(address)
    path = unquote(parts.path).lstrip("/")
    if parts.query:
        return f"{path}__{parts.query}.html"
    if not path or path.endswith("/"):
        return f"{path}index.xml" if kind == "xml" else f"{path}index.html"
    return path


SITE_CONF = """\
# Made by `manage.py export_static`: an archive served by nginx alone (README "Archives").
# In a server block, after `include <this folder>/maps.conf;` in the http block.
root {root};
charset utf-8;
index index.html index.xml;
error_page 404 /404.html;
types {{ text/html html; application/xml xml; text/css css; application/javascript js;
        image/jpeg jpg jpeg; image/png png; image/webp webp; image/svg+xml svg; image/avif avif;
        application/pdf pdf; text/plain txt; font/woff2 woff2;
        application/msword doc; application/vnd.openxmlformats-officedocument.wordprocessingml.document docx; }}
location /_nginx/ {{ return 404; }}
location / {{
    # A page of a list (?truoc=...), the file itself, a folder's index, else an old link.
    try_files "${{uri}}__${{args}}.html" $uri $uri/index.html $uri/index.xml @old_link;
}}
location @old_link {{
    if ($huyenuy_old_path = "gone") {{ return 410; }}
    if ($huyenuy_old_path) {{ return 301 $huyenuy_old_path; }}
    if ($huyenuy_old_article = "gone") {{ return 410; }}
    if ($huyenuy_old_article) {{ return 301 $huyenuy_old_article; }}
    if ($huyenuy_old_query_article = "gone") {{ return 410; }}
    if ($huyenuy_old_query_article) {{ return 301 $huyenuy_old_query_article; }}
    return 404;
}}
"""
