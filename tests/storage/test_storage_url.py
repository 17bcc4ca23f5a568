"""STORAGE_URL read by the settings: local disk by default, S3 with clear refusals."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from huyenuy.storage_url import csp_sources, storage_from_url
from tests.live import ROOT


def test_local_disk_stays_the_default():
    storage, media_url = storage_from_url("")
    assert storage == {"BACKEND": "images.storage.AtomicFileSystemStorage"} and media_url == "/media/"
    assert csp_sources(storage, media_url) == ([], [])


def test_an_s3_url_names_bucket_endpoint_and_region_and_pages_link_to_the_bucket():
    storage, media_url = storage_from_url("s3://tin-bai?endpoint_url=http://10.0.0.5:9000&region=ap-southeast-1")
    assert storage["BACKEND"] == "images.s3.MediaS3Storage"
    options = storage["OPTIONS"]
    assert options["bucket_name"] == "tin-bai" and options["endpoint_url"] == "http://10.0.0.5:9000"
    assert options["region_name"] == "ap-southeast-1" and media_url == "http://10.0.0.5:9000/tin-bai/"
    assert csp_sources(storage, media_url) == (["http://10.0.0.5:9000"], ["http://10.0.0.5:9000"])


def test_media_url_puts_nginx_or_a_cdn_in_front():
    storage, media_url = storage_from_url("s3://tin-bai?region=ap-southeast-1", "https://anh.gocongtay.vn/")
    assert media_url == storage["OPTIONS"]["public_url"] == "https://anh.gocongtay.vn/"
    assert csp_sources(storage, media_url) == (["https://anh.gocongtay.vn"], ["https://*.amazonaws.com"])
    assert (
        storage_from_url("s3://tin-bai?region=ap-southeast-1")[1] == "https://tin-bai.s3.ap-southeast-1.amazonaws.com/"
    )
    assert storage_from_url("s3://tin-bai", "/media/")[1] == "/media/"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("minio://tin-bai", "must be s3://BUCKET"),
        ("s3://KEY:SECRET@tin-bai", "AWS_ACCESS_KEY_ID"),
        ("s3://tin-bai/anh", "bucket only"),
        ("s3://tin-bai?endpoint=http://x", "takes endpoint_url, region, addressing_style"),
        ("s3://tin-bai?endpoint_url=10.0.0.5:9000", "http:// or https://"),
        ("s3://tin-bai?addressing_style=sideways", "path or virtual"),
    ],
)
def test_a_wrong_url_stops_the_start_with_what_is_wrong(url, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        storage_from_url(url)


def test_the_settings_switch_the_default_storage_and_keep_serve_media_off():
    env = {
        "PATH": os.environ["PATH"],
        "DEBUG": "1",
        "STORAGE_URL": "s3://tin-bai?endpoint_url=http://127.0.0.1:9&region=us-east-1",
        "MEDIA_URL": "https://anh.gocongtay.vn/",
        "DJANGO_SETTINGS_MODULE": "huyenuy.settings",
    }
    code = (
        "import django; django.setup(); from django.conf import settings as s;"
        "from django.core.files.storage import storages; d = storages['default'];"
        "img = s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'];"
        "print(type(d).__name__, s.SERVE_MEDIA, d.url('uploads/a b.jpg'), img[-1])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.stdout.split() == [
        "MediaS3Storage",
        "False",
        "https://anh.gocongtay.vn/uploads/a%20b.jpg",
        "https://anh.gocongtay.vn",
    ], result.stderr
    refused = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env={**env, "SERVE_MEDIA": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert refused.returncode != 0 and "SERVE_MEDIA=1" in refused.stderr
