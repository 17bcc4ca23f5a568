"""Checking uploaded photos: what reaches the site is a real JPEG/PNG/WebP/GIF of a
sane size, turned upright, in sRGB, without its metadata (EXIF, GPS!).

Every image an editor uploads (body images, lead photos, site banners; later the
other sections' photos) passes open_checked(), which refuses with a message in
Vietnamese, then prepared(), which gives the clean picture renditions.py stores.

open_checked() reads headers and file structure only: it is cheap, so a form's
validation runs it freely. Decoding the pixels (the costly part: a 36 MP photo
is about 100 MB and a second of CPU) happens once, in prepared(), which callers
run inside an image job slot (images/jobs.py). A JPEG much wider than what is
stored is decoded at 1/2, 1/4 or 1/8 of its size straight from the DCT data.
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
ORIENTATION = 0x0112  # the EXIF tag
TURNING_ORIENTATIONS = {5, 6, 7, 8}  # a quarter turn: the upright picture's width is the file's height


def _thousands(number: int) -> str:
    """40000000 -> '40.000.000', as Vietnamese writes numbers."""
    return f"{number:,}".replace(",", ".")


def open_checked(upload) -> Image.Image:
    """Open `upload` with Pillow or raise ValidationError with a message for the editor.

    The image is returned with its header read and its structure checked, its pixels
    not decoded yet: prepared() decodes them."""
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


def _decode(image: Image.Image) -> Image.Image:
    """Decode the pixels of an image open_checked() opened, a large JPEG at a reduced size."""
    _draft_for_stored_width(image)
    try:
        image.load()
    except (OSError, SyntaxError, ValueError):  # a truncated or corrupt picture behind a sound header
        raise ValidationError(_("Tệp tải lên không phải là ảnh hợp lệ (JPEG, PNG, WebP hoặc GIF).")) from None
    return image


def _draft_for_stored_width(image: Image.Image) -> None:
    """Have a JPEG decode at 1/2, 1/4 or 1/8 of its size when that is still at least as wide
    as what is stored (MAX_STORED_WIDTH, once turned upright): libjpeg then skips most of
    the work, and memory falls by the square of the scale (7200×5000: 3600×2500, 27 MB
    instead of 108 MB). The LANCZOS resize in prepared() still makes the stored size."""
    if image.format not in ("JPEG", "MPO"):
        return  # PNG, WebP and GIF have no reduced decoding: the job slots bound their cost
    turned = image.getexif().get(ORIENTATION) in TURNING_ORIENTATIONS
    upright_width = image.height if turned else image.width
    if upright_width < 2 * MAX_STORED_WIDTH:
        return
    # draft() keeps both sides at least as large as asked: only the upright width matters.
    image.draft(image.mode, (1, MAX_STORED_WIDTH) if turned else (MAX_STORED_WIDTH, 1))


def validate_image(upload) -> None:
    """Model field validator: the checks the editor's upload view makes before decoding
    (format, size, pixels, structure). Decoding waits for a job slot, when the photo is
    stored: a form's validation must not decode 36 MP outside the limit."""
    if is_new_upload(upload):
        open_checked(upload)


def has_transparency(image: Image.Image) -> bool:
    """Whether some pixel is (partly) see-through: an opaque RGBA screenshot is a plain photo."""
    if image.mode not in ("RGBA", "LA", "PA", "RGBa", "La") and "transparency" not in image.info:
        return False
    # Read the alpha band where there is one: converting a 36 MP picture to RGBA costs 144 MB.
    with_alpha = image if image.mode in ("RGBA", "LA", "RGBa", "La") else image.convert("RGBA")
    return with_alpha.getchannel("A").getextrema()[0] < 255


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
            return converted if converted.mode == mode else converted.convert(mode)
    return image if image.mode == mode else image.convert(mode)  # no copy of a picture already in `mode`


def prepared(upload) -> Image.Image:
    """`upload` checked, upright, in sRGB, at most MAX_STORED_WIDTH wide, in RGB (or RGBA if
    it has transparency) and without any metadata (EXIF, GPS, XMP, comments)."""
    image = _decode(open_checked(upload))
    ImageOps.exif_transpose(image, in_place=True)  # in place: no copy of a large picture
    image = _to_srgb(image, "RGBA" if has_transparency(image) else "RGB")
    if image.width > MAX_STORED_WIDTH:
        height = max(1, round(image.height * MAX_STORED_WIDTH / image.width))
        image = image.resize((MAX_STORED_WIDTH, height), Image.Resampling.LANCZOS, reducing_gap=2.0)
    image.info = {}  # nothing of the original's metadata reaches an encoder
    return image
