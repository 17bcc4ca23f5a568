"""Checking and re-encoding uploaded photos.

Every image that reaches the site (the editor's body images, article and site
banners) is opened with Pillow, refused if it is not a real JPEG/PNG/WebP/GIF
or is too large, turned upright by its EXIF orientation, stripped of EXIF (GPS!)
by re-encoding, and stored under a dated folder with a random name.
"""

import io
import uuid
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
# Wider photos are scaled down: nobody reads a 6000 px photo on a phone.
MAX_STORED_WIDTH = 2000


def _open_checked(upload) -> Image.Image:
    """Open `upload` with Pillow or raise ValidationError with a message for the editor."""
    max_bytes = settings.IMAGE_UPLOAD_MAX_BYTES
    if upload.size is not None and upload.size > max_bytes:
        raise ValidationError(
            _("Ảnh quá lớn (%(size).1f MB); dung lượng tối đa là %(max).0f MB.")
            % {"size": upload.size / 1024 / 1024, "max": max_bytes / 1024 / 1024}
        )
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)
            image.verify()  # checks the file's structure; the image must be reopened after
            upload.seek(0)
            image = Image.open(upload)
            if image.width * image.height > settings.IMAGE_UPLOAD_MAX_PIXELS:
                raise ValidationError(
                    _("Ảnh có kích thước %(w)s×%(h)s điểm ảnh, vượt quá giới hạn cho phép.")
                    % {"w": image.width, "h": image.height}
                )
            if image.format not in ALLOWED_FORMATS:
                raise ValidationError(
                    _("Định dạng ảnh %(format)s không được hỗ trợ; hãy dùng JPEG, PNG, WebP hoặc GIF.")
                    % {"format": image.format}
                )
            image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(_("Ảnh có kích thước điểm ảnh quá lớn, không thể xử lý.")) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(_("Tệp tải lên không phải là ảnh hợp lệ (JPEG, PNG, WebP hoặc GIF).")) from None
    finally:
        upload.seek(0)
    return image


def validate_image(upload) -> None:
    """Model field validator: the same checks the editor's upload view makes."""
    if upload and not getattr(upload, "_committed", True):
        _open_checked(upload)


def reencode(upload) -> tuple[bytes, str]:
    """Checked, upright, EXIF-free bytes of `upload` and their file extension."""
    image = _open_checked(upload)
    image = ImageOps.exif_transpose(image)
    if image.width > MAX_STORED_WIDTH:
        height = round(image.height * MAX_STORED_WIDTH / image.width)
        image = image.resize((MAX_STORED_WIDTH, height), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    if has_alpha:
        image.convert("RGBA").save(out, "PNG", optimize=True)
        ext = "png"
    else:
        # JPEG at quality 85 with progressive scan: sharp on phones, small on a slow line.
        image.convert("RGB").save(out, "JPEG", quality=85, optimize=True, progressive=True)
        ext = "jpg"
    return out.getvalue(), ext


def random_name(folder: str, ext: str) -> str:
    return f"{folder}/{timezone.localdate():%Y/%m}/{uuid.uuid4().hex}.{ext}"


def reencode_upload(field_file) -> ContentFile:
    """For model save(): replace an uncommitted upload with its re-encoded copy."""
    data, ext = reencode(field_file)
    return ContentFile(data, name=f"{uuid.uuid4().hex}.{ext}")


def store_editor_image(upload) -> str:
    """Check, re-encode and store a body image; return its public URL."""
    data, ext = reencode(upload)
    name = default_storage.save(random_name("uploads", ext), ContentFile(data))
    return default_storage.url(name)
