"""Pictures drawn for the demo content: stand-ins for news photos and the header banner."""

import colorsys
import io
import math

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw


def demo_image(seed: int, size=(800, 533)) -> ContentFile:
    """A calm abstract picture: a stand-in for a news photo (no real people in demo data)."""
    hue = (seed * 0.137) % 1.0
    top = tuple(int(c * 255) for c in colorsys.hsv_to_rgb(hue, 0.35, 0.85))
    bottom = tuple(int(c * 255) for c in colorsys.hsv_to_rgb((hue + 0.08) % 1.0, 0.55, 0.45))
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    width, height = size
    for y in range(height):
        t = y / height
        draw.line([(0, y), (width, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)))
    draw.rectangle([width * 0.1, height * 0.62, width * 0.9, height * 0.78], fill=(163, 21, 21))
    draw.rectangle([width * 0.1, height * 0.62, width * 0.9, height * 0.64], fill=(255, 214, 0))
    for i in range(9):  # a row of figures, like a group photo
        x = width * (0.16 + i * 0.085)
        draw.ellipse([x - 18, height * 0.40, x + 18, height * 0.40 + 36], fill=(60, 45, 40))
        draw.rectangle([x - 24, height * 0.40 + 40, x + 24, height * 0.62], fill=(240, 240, 235))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=82)
    return ContentFile(out.getvalue(), name=f"demo-{seed}.jpg")


def banner_image() -> ContentFile:
    image = Image.new("RGB", (1200, 180), (163, 21, 21))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 150, 1200, 180], fill=(255, 214, 0))
    cx, cy, r = 90, 75, 55  # the yellow star
    points = []
    for k in range(10):
        radius = r if k % 2 == 0 else r * 0.4
        angle = -math.pi / 2 + k * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    draw.polygon(points, fill=(255, 214, 0))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return ContentFile(out.getvalue(), name="banner-30-4-2024.jpg")
