"""An archive exported as static files and served by nginx alone (issue 24, point 5):
`manage.py export_static --site HOST DIR`, then nginx with the export's own configuration and
no app server behind it: pages, photos, documents and the old links all answer."""

import io
import os
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from nukeviet.models import ImportedFile
from tests.documents.helpers import make_document, pdf_upload
from tests.factories import edit_site, image_upload, make_article, make_category, make_site
from tests.live import STARTUP_SECONDS, free_port

pytestmark = [
    pytest.mark.live,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not shutil.which("nginx") and os.environ.get("CI") != "true", reason="nginx is not installed"),
]

HOST = "huyengocongtay.localhost"

NGINX = """
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {export}/_nginx/maps.conf;
    server {{
        listen 127.0.0.1:{port};
        server_name {host};
        include {export}/_nginx/site.conf;
    }}
}}
"""


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def get(base: str, path: str):
    """(status, headers, body) of GET `path`, redirects not followed."""
    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(base + path, headers={"Host": HOST})  # noqa: S310 - our own nginx
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@contextmanager
def nginx_alone(export: Path):
    tmp = Path(tempfile.mkdtemp(prefix="huyenuy-export-nginx-"))
    tmp.chmod(0o755)
    for folder in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp / folder).mkdir()
        (tmp / folder).chmod(0o777)
    port = free_port()
    (tmp / "nginx.conf").write_text(NGINX.format(tmp=tmp, export=export, port=port, host=HOST))
    command = ["nginx", "-c", str(tmp / "nginx.conf"), "-p", str(tmp)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                get(base, "/")
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield base
    finally:
        subprocess.run([*command, "-s", "stop"], check=False, capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture
def archive(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, ".localhost"]
    settings.SERVE_MEDIA = False  # as in production: document files are nginx's X-Accel-Redirect
    from network.models import HostName

    HostName.objects.create(site_id=1, host=HOST, redirect=False)
    province = make_site("tinhuydongthap.localhost", "Tỉnh ủy Đồng Tháp")
    edit_site(1, archived_on=date(2025, 7, 1), successor=province)
    category = make_category(name="Xây dựng Đảng", slug="xay-dung-dang", legacy_alias="Xay-dung-Dang")
    article = make_article(
        title="Hội nghị Ban Chấp hành Đảng bộ huyện",
        category=category,
        legacy_id=123,
        lead_image=image_upload("hoi-nghi.jpg", size=(640, 400)),
        lead_image_alt="Quang cảnh hội nghị",
    )
    for n in range(25):  # more than one page of the category's list, all older
        make_article(title=f"Tin cũ số {n}", category=category, published_at=timezone.now() - timedelta(days=2 + n))
    document = make_document(files=[pdf_upload()])
    ImportedFile.objects.create(source="news/2022_02/hoi-nghi.jpg", stored=article.lead_image.name, size=1)
    return article, document


def export(folder: Path) -> str:
    out = io.StringIO()
    call_command("export_static", "--site", HOST, str(folder), stdout=out)
    for path in [folder, *folder.rglob("*")]:  # nginx's workers run as another user
        path.chmod(0o755 if path.is_dir() else 0o644)
    return out.getvalue()


def test_the_export_is_served_by_nginx_alone(archive):
    article, document = archive
    folder = Path(tempfile.mkdtemp(prefix="huyenuy-export-")) / "gocongtay"
    folder.parent.chmod(0o755)  # nginx's workers run as another user
    try:
        said = export(folder)
        assert "Đã xuất trang “Huyện ủy Gò Công Tây”" in said
        with nginx_alone(folder) as base:
            status, headers, body = get(base, "/")
            home = body.decode()
            assert status == 200 and "text/html" in headers["Content-Type"]
            assert article.title in home and "Trang lưu trữ." in home and "Tỉnh ủy Đồng Tháp" in home

            status, _, body = get(base, article.get_absolute_url())
            page = body.decode()
            assert status == 200 and article.title in page and "Trang lưu trữ không nhận đánh giá mới." in page
            photo = article.lead_image.url
            assert photo in page
            status, headers, body = get(base, photo)
            assert status == 200 and headers["Content-Type"] == "image/jpeg" and body[:2] == b"\xff\xd8"
            css = next(part.split('"')[0] for part in page.split('href="') if part.startswith("/static/css/site"))
            assert get(base, css)[0] == 200

            # A category's second page (its address carries a query) is there too.
            listing = get(base, article.category.get_absolute_url())[2].decode()
            more = next(part.split('"')[0] for part in listing.split('href="') if part.startswith("?"))
            status, _, body = get(base, article.category.get_absolute_url() + more.replace("&amp;", "&"))
            assert status == 200 and "Tin cũ số" in body.decode()

            status, _, body = get(base, document.get_absolute_url())
            assert status == 200 and document.number in body.decode()
            file_url = document.files.get().get_absolute_url()
            status, headers, body = get(base, file_url)
            assert status == 200 and headers["Content-Type"] == "application/pdf" and body.startswith(b"%PDF")

            # The old portal's links, as nginx answers them from the export's map.
            for old in (
                "/news/Xay-dung-Dang/hoi-nghi-ban-chap-hanh-123.html",
                "/Xay-dung-Dang/hoi-nghi-ban-chap-hanh-123.html",
                "/index.php?language=vi&nv=news&op=Xay-dung-Dang/hoi-nghi-ban-chap-hanh-123",
            ):
                status, headers, _ = get(base, old)
                assert (status, headers["Location"].split(":", 2)[-1][-len(article.get_absolute_url()) :]) == (
                    301,
                    article.get_absolute_url(),
                ), old
            status, headers, _ = get(base, "/Xay-dung-Dang/")
            assert status == 301 and headers["Location"].endswith(article.category.get_absolute_url())
            status, headers, _ = get(base, "/uploads/news/2022_02/hoi-nghi.jpg")
            assert status == 301 and headers["Location"].endswith(photo)

            status, _, body = get(base, "/khong-co-trang-nay/")
            assert status == 404 and "Huyện ủy Gò Công Tây" in body.decode()
            assert get(base, "/_nginx/maps.conf")[0] == 404  # the configuration is not served

        # A second export replaces the first; a folder holding something else is refused.
        export(folder)
        other = folder.parent / "khac"
        other.mkdir()
        (other / "ghi-chu.txt").write_text("không phải bản xuất")
        with pytest.raises(CommandError, match="đã có tệp không phải bản xuất trước"):
            call_command("export_static", "--site", HOST, str(other), stdout=io.StringIO())
        assert (other / "ghi-chu.txt").exists()
        with pytest.raises(CommandError, match="Không có trang nào có tên miền"):
            call_command("export_static", "--site", "khongco.localhost", str(other), stdout=io.StringIO())
    finally:
        shutil.rmtree(folder.parent, ignore_errors=True)
