"""An S3-protocol server of the tests' own on 127.0.0.1 (moto's server mode), and settings
that store every upload in a new bucket of it, as STORAGE_URL=s3://... does."""

import contextlib
import logging
import urllib.request
import uuid
from pathlib import Path

import boto3
import pytest

from huyenuy.storage_url import storage_from_url
from tests.live import free_port

# The policy the README gives the bucket: photos public, documents only through signed links.
POLICY = Path(__file__).resolve().parents[2] / "deploy" / "s3-bucket-policy.json"
KEYS = {"AWS_ACCESS_KEY_ID": "huyenuy-test", "AWS_SECRET_ACCESS_KEY": "huyenuy-test-secret"}
REGION = "us-east-1"


@contextlib.contextmanager
def s3_server():
    """moto's S3 server mode on a free port of 127.0.0.1; yields its endpoint."""
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # not a line per request
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


@pytest.fixture(scope="session")
def s3_endpoint():
    with s3_server() as endpoint:
        yield endpoint


def s3_client(endpoint: str):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id=KEYS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=KEYS["AWS_SECRET_ACCESS_KEY"],
    )


class Bucket:
    def __init__(self, endpoint: str):
        self.endpoint = endpoint
        self.name = f"huyenuy-{uuid.uuid4().hex[:12]}"
        self.client = s3_client(endpoint)
        self.client.create_bucket(Bucket=self.name)
        policy = POLICY.read_text().replace(":::huyenuy-media/", f":::{self.name}/")
        self.client.put_bucket_policy(Bucket=self.name, Policy=policy)
        self.storage_url = f"s3://{self.name}?endpoint_url={endpoint}&region={REGION}"

    def objects(self) -> set[str]:
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.name)
        return {item["Key"] for page in pages for item in page.get("Contents", [])}

    def get(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch):
    """A new, empty bucket that `default_storage` and every FileField now store into
    (override_settings resets default_storage); MEDIA_URL is the bucket's own address."""
    for key, value in KEYS.items():
        monkeypatch.setenv(key, value)
    bucket = Bucket(s3_endpoint)
    storage, media_url = storage_from_url(bucket.storage_url)
    settings.STORAGES = {**settings.STORAGES, "default": storage}
    settings.MEDIA_URL = media_url
    return bucket


def fetch(url: str, headers: dict | None = None):
    """(status, headers, bytes) of a GET without any credentials: what a reader's browser gets."""
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - the tests' own server
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
        return response.status, response.headers, response.read()


def files_under(folder) -> list:
    return [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []
