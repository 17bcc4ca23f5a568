"""deploy/nginx-media-s3.conf in front of the S3-protocol server: photos come through it and
stay in its cache; documents are never served by it."""

import os
import shutil
import subprocess
import tempfile
import time
import urllib.error
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from tests.factories import image_bytes
from tests.live import ROOT, STARTUP_SECONDS, free_port
from tests.storage.conftest import fetch

pytestmark = pytest.mark.live


@pytest.fixture
def media_host(bucket, s3_endpoint):
    if shutil.which("nginx") is None:
        if os.environ.get("CI") == "true":
            raise RuntimeError("nginx is not installed (CI installs it)")
        pytest.skip("no nginx")
    tmp = Path(tempfile.mkdtemp(prefix="huyenuy-nginx-media-"))
    tmp.chmod(0o755)
    (tmp / "cache").mkdir(mode=0o777)
    (tmp / "cache").chmod(0o777)
    port = free_port()
    shipped = (ROOT / "deploy" / "nginx-media-s3.conf").read_text()
    server = shipped.replace("10.0.0.5:9000", s3_endpoint.removeprefix("http://"))
    server = server.replace("/huyenuy-media/", f"/{bucket.name}/").replace(
        "/var/cache/nginx/huyenuy-media", f"{tmp}/cache"
    )
    lines = [line for line in server.splitlines() if not line.strip().startswith(("ssl_", "listen [::]"))]
    server = "\n".join(lines).replace("listen 443 ssl http2;", f"listen 127.0.0.1:{port};")
    conf = f"""worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
    proxy_temp_path {tmp}/proxy;
    client_body_temp_path {tmp}/body;
{server}
}}
"""
    (tmp / "nginx.conf").write_text(conf)
    command = ["nginx", "-c", str(tmp / "nginx.conf"), "-p", str(tmp)]
    subprocess.run(command, check=True, capture_output=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                fetch(base + "/")
            except urllib.error.HTTPError:
                break  # nginx answered (404)
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield base
    finally:
        subprocess.run([*command, "-s", "stop"], check=False, capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)


def test_photos_come_through_nginx_and_its_cache_and_documents_never(media_host, bucket):
    photo = image_bytes(size=(300, 200))
    name = default_storage.save("uploads/2026/11/anh.jpg", ContentFile(photo))
    default_storage.save("files/2026/11/nghi-quyet.pdf", ContentFile(b"%PDF-1.4 mat"))

    status, headers, body = fetch(f"{media_host}/{name}")
    assert status == 200 and body == photo and headers["Content-Type"] == "image/jpeg"
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert headers["X-Media-Cache"] == "MISS" and "x-amz-request-id" not in {k.lower() for k in headers}
    bucket.client.delete_object(Bucket=bucket.name, Key=name)  # the storage no longer has it...
    status, headers, body = fetch(f"{media_host}/{name}")
    assert headers["X-Media-Cache"] == "HIT" and body == photo  # ...readers still get it from nginx

    for path in ("files/2026/11/nghi-quyet.pdf", "uploads/2026/11/khong-co.jpg"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            fetch(f"{media_host}/{path}")
        assert refused.value.code in (403, 404)
