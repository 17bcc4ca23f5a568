"""What the image tests share: the editor's upload and a look at what was stored."""

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

UPLOAD_URL = "/quan-tri/tai-anh/"
WIDTHS = (480, 800, 1200)


def upload(client, data: bytes, name="anh.jpg"):
    return client.post(UPLOAD_URL, {"upload": SimpleUploadedFile(name, data)})


def stored(settings, name_or_url: str) -> Image.Image:
    image = Image.open(settings.MEDIA_ROOT / name_or_url.removeprefix(settings.MEDIA_URL))
    image.load()
    return image


def media_files(settings) -> list[str]:
    root = settings.MEDIA_ROOT
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()) if root.exists() else []
