"""STORAGE_URL: where uploads (photos, documents, attachments) are kept.

Empty, the default: this machine's disk, MEDIA_ROOT (images/storage.py), served by
nginx at /media/. Several app servers need one place they all reach instead:

    STORAGE_URL=s3://BUCKET?endpoint_url=https://s3.example.vn&region=us-east-1

puts them in that bucket of an S3-compatible object storage (images/s3.py). The
parameters, all optional: endpoint_url (left out: Amazon S3 itself), region, and
addressing_style (path or virtual; left out, botocore's choice). The keys are never
in the URL, which ends up in logs and process lists: they come from the environment
variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, as for every S3 client.
"""

from urllib.parse import parse_qsl, urlsplit

from django.core.exceptions import ImproperlyConfigured

LOCAL = {"BACKEND": "images.storage.AtomicFileSystemStorage"}
S3 = "images.s3.MediaS3Storage"
# STORAGE_URL's parameters -> the options of django-storages' S3Storage.
PARAMETERS = {"endpoint_url": "endpoint_url", "region": "region_name", "addressing_style": "addressing_style"}


def _fail(problem: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(f"STORAGE_URL {problem} (e.g. s3://bucket?endpoint_url=http://127.0.0.1:9000)")


def storage_from_url(url: str, media_url: str = "") -> tuple[dict, str]:
    """STORAGES["default"] for STORAGE_URL `url`, and the MEDIA_URL pages link photos to:
    `media_url` when set (nginx in front of the bucket, a CDN), else the bucket's own address."""
    if not url:
        return LOCAL, media_url or "/media/"
    parts = urlsplit(url)
    if parts.scheme != "s3" or not parts.netloc:
        raise _fail(f"must be s3://BUCKET?..., not {url!r}")
    if "@" in parts.netloc:
        raise _fail("carries no keys: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
    if parts.path not in ("", "/") or parts.fragment:
        raise _fail(f"names a bucket only, not a folder in it: {url!r}")
    # Signature V4 for the signed links: what every current S3 server (MinIO) asks for.
    options = {"bucket_name": parts.netloc, "signature_version": "s3v4"}
    for key, value in parse_qsl(parts.query, keep_blank_values=True, strict_parsing=bool(parts.query)):
        if key not in PARAMETERS or not value:
            raise _fail(f"takes {', '.join(PARAMETERS)} with a value, not {key!r}")
        options[PARAMETERS[key]] = value
    endpoint = options.get("endpoint_url", "")
    if endpoint and urlsplit(endpoint).scheme not in ("http", "https"):
        raise _fail(f"endpoint_url must start with http:// or https://, not {endpoint!r}")
    if options.get("addressing_style", "path") not in ("path", "virtual"):
        raise _fail("addressing_style is path or virtual")
    media_url = media_url or _bucket_address(options)
    if not media_url.endswith("/"):
        raise ImproperlyConfigured(f"MEDIA_URL must end with a slash, not {media_url!r}")
    return {"BACKEND": S3, "OPTIONS": {**options, "public_url": media_url}}, media_url


def _bucket_address(options: dict) -> str:
    """The bucket's public address: path style on an endpoint of one's own (MinIO, SeaweedFS
    and Ceph RGW all answer it), Amazon's virtual host otherwise."""
    bucket = options["bucket_name"]
    if options.get("endpoint_url"):
        return f"{options['endpoint_url'].rstrip('/')}/{bucket}/"
    region = options.get("region_name")
    return f"https://{bucket}.s3.{region}.amazonaws.com/" if region else f"https://{bucket}.s3.amazonaws.com/"


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def csp_sources(storage: dict, media_url: str) -> tuple[list[str], list[str]]:
    """The other sites a page's Content Security Policy must allow: where its photos come
    from (img-src: MEDIA_URL when it is another site), and where a document's PDF shown in
    the page comes from (frame-src: the storage's signed links, files/views.py)."""
    images = [origin] if (origin := _origin(media_url)) else []
    if storage["BACKEND"] != S3:
        return images, []
    endpoint = storage["OPTIONS"].get("endpoint_url")
    return images, [_origin(endpoint) if endpoint else "https://*.amazonaws.com"]
