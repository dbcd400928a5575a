"""Demo pictures drawn with Pillow: abstract scenes in news-like colours, no downloads."""

import io
import random

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images.models import Image

PALETTES = [
    ((20, 33, 61), (252, 163, 17)),
    ((38, 70, 83), (233, 196, 106)),
    ((69, 123, 157), (230, 57, 70)),
    ((40, 54, 24), (221, 161, 94)),
    ((58, 12, 163), (247, 37, 133)),
    ((0, 48, 73), (234, 226, 183)),
    ((53, 80, 112), (229, 107, 111)),
    ((17, 75, 95), (198, 218, 191)),
]


def draw_picture(rng: random.Random, width=1200, height=675) -> bytes:
    """Draw a horizon-and-shapes scene and return it as JPEG bytes."""
    sky, accent = rng.choice(PALETTES)
    picture = PILImage.new("RGB", (width, height), sky)
    draw = ImageDraw.Draw(picture)
    for y in range(height):  # a vertical gradient towards the accent colour
        t = y / height
        colour = tuple(int(s + (a - s) * t * 0.6) for s, a in zip(sky, accent, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)
    sun = rng.randint(60, 140)
    cx, cy = rng.randint(sun, width - sun), rng.randint(sun, height // 2)
    draw.ellipse([cx - sun, cy - sun, cx + sun, cy + sun], fill=accent)
    horizon = rng.randint(height // 2, height * 3 // 4)
    points = [(0, height)]
    for x in range(0, width + 100, 100):
        points.append((x, horizon - rng.randint(0, 140)))
    points.append((width, height))
    draw.polygon(points, fill=tuple(c // 3 for c in sky))
    for _ in range(rng.randint(3, 7)):  # buildings
        w, h = rng.randint(40, 120), rng.randint(80, 300)
        x = rng.randint(0, width - w)
        draw.rectangle([x, height - h, x + w, height], fill=tuple(c // 4 for c in sky))
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=78, optimize=True)
    return out.getvalue()


def create_pictures(rng: random.Random, count: int, *, title_prefix: str) -> list[Image]:
    pictures = []
    for number in range(1, count + 1):
        data = draw_picture(rng)
        name = f"{title_prefix.lower().replace(' ', '-')}-{number:03d}.jpg"
        pictures.append(
            Image.objects.create(
                title=f"{title_prefix} {number}", file=ImageFile(io.BytesIO(data), name=name)
            )
        )
    return pictures
