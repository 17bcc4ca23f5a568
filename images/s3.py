"""Uploads in S3-compatible object storage (MinIO, SeaweedFS, Ceph RGW, a cloud
provider's S3), through django-storages; chosen by STORAGE_URL (huyenuy/storage_url.py).

Photos and their renditions are public: pages link to MEDIA_URL (the bucket's own
address, nginx in front of it, or a CDN), and url() builds that address from the name
alone, with no signing and no request to the storage, so a cached article page with
twenty photos costs twenty string joins. Documents and attachments are private: the app
checks who may have one, then hands out a short-lived signed link (download_url()).

Atomic writes (issue 8) need nothing here: an S3 PUT, or a multipart upload's final
CompleteMultipartUpload, makes the object appear whole or not at all; nobody ever reads
a half-written photo, which is what AtomicFileSystemStorage does by hand on a disk.
"""

import posixpath

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

# What a page shows (images/checks.py stores no other kind): kept by browsers, nginx and
# CDNs for a year, as deploy/nginx-locations.conf does for photos on disk; names are never reused.
PHOTO_EXTENSIONS = {".jpg", ".jpeg", ".png", ".webp", ".gif"}
PHOTO_CACHE_CONTROL = "public, max-age=31536000, immutable"


class MediaS3Storage(S3Storage):
    # Public photos are read without a signature; a name is never replaced by another upload.
    querystring_auth = False
    file_overwrite = False

    def __init__(self, *, public_url: str | None = None, **options):
        super().__init__(**options)
        self.public_url = public_url or settings.MEDIA_URL

    @property
    def base_url(self) -> str:
        """Where the stored names start in URLs, as FileSystemStorage.base_url (nukeviet/media.py)."""
        return self.public_url

    def url(self, name, parameters=None, expire=None, http_method=None) -> str:
        # Not S3Storage.url(), which asks botocore to build (and, unsigned, strip) a URL each time.
        return self.public_url + filepath_to_uri(clean_name(name)).lstrip("/")

    def get_object_parameters(self, name: str) -> dict:
        parameters = super().get_object_parameters(name)
        if posixpath.splitext(name)[1].lower() in PHOTO_EXTENSIONS:
            parameters.setdefault("CacheControl", PHOTO_CACHE_CONTROL)
        return parameters

    def download_url(self, name: str, *, content_type: str, disposition: str, cache_control: str, seconds: int) -> str:
        """A link to a private file, valid `seconds`, that the storage answers with these
        headers (the reader's browser saves it under its Vietnamese name). Signed here, with
        no request to the storage."""
        return self.bucket.meta.client.generate_presigned_url(
            "get_object",
            Params={
                "Bucket": self.bucket_name,
                "Key": self._normalize_name(clean_name(name)),
                "ResponseContentType": content_type,
                "ResponseContentDisposition": disposition,
                "ResponseCacheControl": cache_control,
            },
            ExpiresIn=seconds,
        )
