"""Checking, re-encoding and sizing uploaded photos.

Every image that reaches the site (the editor's body images, article and site
banners) is opened with Pillow, refused if it is not a real JPEG/PNG/WebP/GIF
or is too large, turned upright by its EXIF orientation, stripped of EXIF (GPS!)
by re-encoding, and stored under a dated folder with a random name.

Next to it, once, when it is stored, go its renditions: narrower copies for
phones and WebP copies for the browsers that take them. Their names follow from
the original's name and width, so a page computes them without touching the disk:

    articles/2026/11/<uuid>.jpg          the original, re-encoded, at most 2000 px wide
    articles/2026/11/<uuid>.webp         the same size in WebP
    articles/2026/11/<uuid>-480w.webp    480 px wide, and <uuid>-480w.jpg
    …-800w.…, …-1200w.…                  the widths of RENDITION_WIDTHS below the original's

A photo with transparency is stored as PNG and its narrower copies too. No name is
ever reused, so nginx lets browsers keep these files forever (deploy/nginx.conf).
"""

import io
import posixpath
import re
import uuid
import warnings
from html import unescape
from urllib.parse import unquote

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

# MPO is what some phones save: a JPEG with a second picture (a preview, a depth map) after it.
ALLOWED_FORMATS = {"JPEG", "MPO", "PNG", "WEBP", "GIF"}
# Wider photos are scaled down: nobody reads a 6000 px photo on a phone.
MAX_STORED_WIDTH = 2000
# Narrower copies made of every stored image (only those narrower than it).
RENDITION_WIDTHS = (480, 800, 1200)
JPEG_QUALITY = 85
WEBP_QUALITY = 80
# The format of an original and of its narrower copies, by the original's extension.
FALLBACK_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG"}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
# Body images fill the article column: 48rem, or the screen less the page's margins.
BODY_IMAGE_SIZES = "(min-width: 50rem) 48rem, calc(100vw - 2rem)"

_SRGB = ImageCms.createProfile("sRGB")


def _thousands(number: int) -> str:
    """40000000 -> '40.000.000', as Vietnamese writes numbers."""
    return f"{number:,}".replace(",", ".")


def _open_checked(upload) -> Image.Image:
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
    if upload and not getattr(upload, "_committed", True):
        _open_checked(upload)


def _has_transparency(image: Image.Image) -> bool:
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


def _prepared(upload) -> Image.Image:
    """`upload` checked, upright, in sRGB, at most MAX_STORED_WIDTH wide, in RGB (or RGBA if
    it has transparency) and without any metadata (EXIF, GPS, XMP, comments)."""
    image = _open_checked(upload)
    image = ImageOps.exif_transpose(image)
    image = _to_srgb(image, "RGBA" if _has_transparency(image) else "RGB")
    if image.width > MAX_STORED_WIDTH:
        height = max(1, round(image.height * MAX_STORED_WIDTH / image.width))
        image = image.resize((MAX_STORED_WIDTH, height), Image.Resampling.LANCZOS)
    image.info = {}  # nothing of the original's metadata reaches an encoder
    return image


def _fallback_format(image: Image.Image) -> str:
    """What browsers without WebP get: JPEG, or PNG for a picture with transparency."""
    return "PNG" if image.mode == "RGBA" else "JPEG"


def _encode(image: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    if fmt == "JPEG":
        # Progressive JPEG at quality 85: sharp on phones, small on a slow line.
        image.convert("RGB").save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    elif fmt == "PNG":
        image.save(out, "PNG", optimize=True)
    else:
        image.save(out, "WEBP", quality=WEBP_QUALITY, method=4)  # keeps transparency
    return out.getvalue()


def random_name(folder: str, ext: str) -> str:
    return f"{folder}/{timezone.localdate():%Y/%m}/{uuid.uuid4().hex}.{ext}"


# --- renditions ---------------------------------------------------------------


def rendition_widths(width: int | None) -> list[int]:
    """The narrower copies an image `width` pixels wide has: RENDITION_WIDTHS below its width."""
    return [w for w in RENDITION_WIDTHS if width and w < width]


def has_renditions(name: str) -> bool:
    """Whether an image stored under `name` gets renditions: the JPEG and PNG stored by this module."""
    return posixpath.splitext(name)[1].lower() in FALLBACK_FORMATS


def rendition_name(name: str, width: int | None = None, ext: str | None = None) -> str:
    """articles/2026/11/abc.jpg -> abc.webp (ext="webp"), abc-480w.webp (480, "webp"), abc-480w.jpg (480)."""
    base, original_ext = posixpath.splitext(name)
    suffix = f"-{width}w" if width else ""
    return f"{base}{suffix}.{ext}" if ext else f"{base}{suffix}{original_ext}"


def _renditions(image: Image.Image, name: str):
    """(name, bytes) of each rendition of `image`, the picture stored under `name`."""
    fallback = FALLBACK_FORMATS[posixpath.splitext(name)[1].lower()]
    yield rendition_name(name, ext="webp"), _encode(image, "WEBP")
    for width in rendition_widths(image.width):
        height = max(1, round(image.height * width / image.width))
        narrower = image.resize((width, height), Image.Resampling.LANCZOS)
        yield rendition_name(name, width, "webp"), _encode(narrower, "WEBP")
        yield rendition_name(name, width), _encode(narrower, fallback)


def _store_renditions(storage, name: str, image: Image.Image) -> None:
    """Write the renditions of `image` next to `name`; on a failure, leave none behind."""
    written = []
    try:
        for rendition, data in _renditions(image, name):
            if storage.exists(rendition):  # only when remade: the name must stay the same
                storage.delete(rendition)
            written.append(storage.save(rendition, ContentFile(data)))
    except Exception:
        for rendition in written:
            storage.delete(rendition)
        raise


def store_image(field_file) -> None:
    """For model save(): store an uncommitted upload of an ImageField as its checked,
    re-encoded copy (random name, the field's upload_to and width/height fields), and
    its renditions. The caller saves the row."""
    image = _prepared(field_file)
    fmt = _fallback_format(image)
    name = f"{uuid.uuid4().hex}.{EXTENSIONS[fmt]}"
    # A named ContentFile: ImageField reads the width and height fields from it.
    field_file.save(name, ContentFile(_encode(image, fmt), name=name), save=False)
    try:
        _store_renditions(field_file.storage, field_file.name, image)
    except Exception:
        field_file.storage.delete(field_file.name)
        raise


def store_editor_image(upload) -> str:
    """Check, re-encode and store a body image and its renditions; return its public URL."""
    image = _prepared(upload)
    fmt = _fallback_format(image)
    name = default_storage.save(random_name("uploads", EXTENSIONS[fmt]), ContentFile(_encode(image, fmt)))
    try:
        _store_renditions(default_storage, name, image)
    except Exception:
        default_storage.delete(name)
        raise
    return default_storage.url(name)


def make_renditions(name: str, storage=None) -> None:
    """(Re)make the renditions of an image already stored under `name`, e.g. one stored
    before renditions existed. Its stored copy is already checked and re-encoded."""
    storage = storage or default_storage
    if not has_renditions(name):
        return
    with storage.open(name) as file:
        image = Image.open(file)
        image.load()
    image = image.convert("RGBA" if _has_transparency(image) else "RGB")
    image.info = {}
    _store_renditions(storage, name, image)


def make_missing_renditions() -> int:
    """Renditions for every article and site banner stored without them (images stored
    before renditions existed); how many images got them (`manage.py make_renditions`)."""
    from .models import Article, SiteBanner  # here: models import this module

    names = [
        *Article.objects.exclude(lead_image="").values_list("lead_image", flat=True),
        *SiteBanner.objects.exclude(image="").values_list("image", flat=True),
    ]
    made = 0
    for name in names:
        missing = has_renditions(name) and not default_storage.exists(rendition_name(name, ext="webp"))
        if missing and default_storage.exists(name):
            make_renditions(name)
            made += 1
    return made


def picture_candidates(name: str, width: int | None, storage=None) -> dict:
    """The URLs a <picture> of the image stored under `name`, `width` pixels wide, offers,
    computed from the name and the width alone (no disk access on a reader's request):
    {"src": url, "webp": [(url, w), …], "fallback": [(url, w), …]}, narrowest first, the
    original last. "webp" and "fallback" are empty for an image without renditions."""
    storage = storage or default_storage
    src = storage.url(name)
    if not width or not has_renditions(name):
        return {"src": src, "webp": [], "fallback": []}
    widths = rendition_widths(width)
    webp = [(storage.url(rendition_name(name, w, "webp")), w) for w in widths]
    webp.append((storage.url(rendition_name(name, ext="webp")), width))
    fallback = [(storage.url(rendition_name(name, w)), w) for w in widths]
    fallback.append((src, width))
    return {"src": src, "webp": webp, "fallback": fallback}


# --- body images ----------------------------------------------------------------

# A start tag as nh3 writes it (attribute values in double quotes, "<" and ">" in them
# escaped), so that a "<img" inside another tag's attribute is never taken for a tag.
_START_TAG = re.compile(
    r"""<([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*/?>"""
)
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
# What responsive_body writes; any earlier value of them is dropped first.
_GENERATED = {"width", "height", "srcset", "sizes", "loading", "decoding"}


def _stored_image(src: str, storage) -> tuple[str, int, int] | None:
    """(name, width, height) of the stored image a body <img src> points at, or None."""
    media_url = settings.MEDIA_URL
    if not src.startswith(media_url) or any(char in src for char in "?#\\"):
        return None
    name = unquote(src[len(media_url) :])
    if not name or name != posixpath.normpath(name) or name.startswith(("/", "..")):
        return None
    if posixpath.splitext(name)[1].lower() not in (".jpg", ".jpeg", ".png", ".webp", ".gif"):
        return None
    try:
        if not storage.exists(name):
            return None
        with storage.open(name) as file:
            width, height = Image.open(file).size  # the header only
    except (SuspiciousFileOperation, OSError, UnidentifiedImageError, Image.DecompressionBombError, ValueError):
        return None
    return name, width, height


def _responsive_img(match: re.Match, storage) -> str:
    tag = match.group(0)
    if match.group(1).lower() != "img":
        return tag
    attributes = [(m.group(1).lower(), m.group(2)) for m in _ATTRIBUTE.finditer(match.group(2))]
    raw_src = next((value for key, value in attributes if key == "src" and value), None)
    if raw_src and raw_src[0] in "\"'":
        raw_src = raw_src[1:-1]
    stored = _stored_image(unescape(raw_src), storage) if raw_src else None
    if stored is None:
        return tag
    name, width, height = stored
    kept = "".join(
        f" {key}={value}" if value is not None else f" {key}" for key, value in attributes if key not in _GENERATED
    )
    added = {"width": str(width), "height": str(height)}
    if has_renditions(name):
        candidates = [(rendition_name(name, w), w) for w in rendition_widths(width)]
        candidates = [(storage.url(n), w) for n, w in candidates if storage.exists(n)]
        if candidates:
            candidates.append((storage.url(name), width))
            added["srcset"] = ", ".join(f"{url} {w}w" for url, w in candidates)
            added["sizes"] = BODY_IMAGE_SIZES
    added.update(loading="lazy", decoding="async")
    return "<img" + kept + "".join(f' {key}="{escape(value)}"' for key, value in added.items()) + ">"


def responsive_body(html: str) -> str:
    """Sanitised body HTML with each <img> of a stored image given its width and height
    (no layout shift), the srcset of its narrower JPEG/PNG copies with their sizes, and
    loading="lazy" decoding="async". Other images and all else are left as they are.

    Runs in Article.save() right after sanitize_html(), which drops srcset, sizes, loading
    and decoding again on the next save: the result is the same however often it runs.
    Body images stay <img> (no <picture>, which the sanitiser refuses), so their srcset
    offers JPEG/PNG, which every browser reads; WebP is for the banners' <picture>.
    """
    if not html or "<img" not in html.lower():
        return html
    return _START_TAG.sub(lambda match: _responsive_img(match, default_storage), html)
