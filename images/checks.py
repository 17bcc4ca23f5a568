"""Checking uploaded photos: what reaches the site is a real JPEG/PNG/WebP/GIF of a
sane size, turned upright, in sRGB, without its metadata (EXIF, GPS!).

Every image an editor uploads (body images, lead photos, site banners; later the
other sections' photos) passes open_checked(), which refuses with a message in
Vietnamese, then prepared(), which gives the clean picture renditions.py stores.
"""

import io
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from core.compat import is_new_upload

# MPO is what some phones save: a JPEG with a second picture (a preview, a depth map) after it.
ALLOWED_FORMATS = {"JPEG", "MPO", "PNG", "WEBP", "GIF"}
# Wider photos are scaled down: nobody reads a 6000 px photo on a phone.
MAX_STORED_WIDTH = 2000

_SRGB = ImageCms.createProfile("sRGB")


def _thousands(number: int) -> str:
    """40000000 -> '40.000.000', as Vietnamese writes numbers."""
    return f"{number:,}".replace(",", ".")


def open_checked(upload) -> Image.Image:
    """Open `upload` with Pillow or raise ValidationError with a message for the editor."""
    max_bytes = settings.IMAGE_UPLOAD_MAX_BYTES
    if upload.size is not None and upload.size > max_bytes:
        raise ValidationError(
            _("Ảnh quá lớn (%(size).1f MB); dung lượng tối đa là %(max).0f MB.")
            % {"size": upload.size / 1024 / 1024, "max": max_bytes / 1024 / 1024}
        )
    max_pixels = settings.IMAGE_UPLOAD_MAX_PIXELS
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow's own bomb check (Image.MAX_IMAGE_PIXELS) as an error, not a warning.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)  # reads the header only: format and size are known, nothing decoded
            if image.format not in ALLOWED_FORMATS:
                raise ValidationError(
                    _("Định dạng ảnh %(format)s không được hỗ trợ; hãy dùng JPEG, PNG, WebP hoặc GIF.")
                    % {"format": image.format}
                )
            if image.width * image.height > max_pixels:
                raise ValidationError(
                    _(
                        "Ảnh có kích thước %(w)s×%(h)s điểm ảnh, vượt quá giới hạn cho phép "
                        "(%(max)s điểm ảnh); hãy thu nhỏ ảnh rồi tải lên lại."
                    )
                    % {"w": image.width, "h": image.height, "max": _thousands(max_pixels)}
                )
            image.verify()  # checks the file's structure; the image must be reopened after
            upload.seek(0)
            image = Image.open(upload)
            image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        # A header declaring far more pixels than any photo: decoding it would eat the server's memory.
        raise ValidationError(
            _(
                "Ảnh có kích thước điểm ảnh quá lớn, không thể xử lý (tối đa %(max)s điểm ảnh); "
                "hãy thu nhỏ ảnh rồi tải lên lại."
            )
            % {"max": _thousands(max_pixels)}
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(_("Tệp tải lên không phải là ảnh hợp lệ (JPEG, PNG, WebP hoặc GIF).")) from None
    finally:
        upload.seek(0)
    return image


def validate_image(upload) -> None:
    """Model field validator: the same checks the editor's upload view makes."""
    if is_new_upload(upload):
        open_checked(upload)


def has_transparency(image: Image.Image) -> bool:
    """Whether some pixel is (partly) see-through: an opaque RGBA screenshot is a plain photo."""
    if image.mode not in ("RGBA", "LA", "PA", "RGBa", "La") and "transparency" not in image.info:
        return False
    return image.convert("RGBA").getchannel("A").getextrema()[0] < 255


def _to_srgb(image: Image.Image, mode: str) -> Image.Image:
    """`image` in `mode` (RGB or RGBA), its colours turned to sRGB if it carries a colour profile.

    Phones shoot in wider colour spaces (Display P3): dropping the profile without
    converting would dull every photo. Browsers take untagged pictures as sRGB.
    """
    icc = image.info.get("icc_profile")
    if icc:
        source = image if image.mode in ("RGB", "RGBA", "CMYK") else image.convert(mode)
        try:
            converted = ImageCms.profileToProfile(
                source,
                ImageCms.ImageCmsProfile(io.BytesIO(icc)),
                _SRGB,
                outputMode=mode if source.mode != "CMYK" else "RGB",
            )
        except (ImageCms.PyCMSError, OSError, TypeError, ValueError):
            pass  # a broken or unusual profile: keep the colours as they are
        else:
            return converted.convert(mode)
    return image.convert(mode)


def prepared(upload) -> Image.Image:
    """`upload` checked, upright, in sRGB, at most MAX_STORED_WIDTH wide, in RGB (or RGBA if
    it has transparency) and without any metadata (EXIF, GPS, XMP, comments)."""
    image = open_checked(upload)
    image = ImageOps.exif_transpose(image)
    image = _to_srgb(image, "RGBA" if has_transparency(image) else "RGB")
    if image.width > MAX_STORED_WIDTH:
        height = max(1, round(image.height * MAX_STORED_WIDTH / image.width))
        image = image.resize((MAX_STORED_WIDTH, height), Image.Resampling.LANCZOS)
    image.info = {}  # nothing of the original's metadata reaches an encoder
    return image
