"""Demo pictures drawn with Pillow, one kind of scene per beat, no downloads: skylines and
government buildings for news, charts for business, road maps for traffic, skies for weather,
circuit boards for tech, pitches, posts, scoreboards and race tracks for sport.

The demo draws a few of each kind once; ``pictures_by_kind`` tells the article factory which
pictures suit a story (``text.Story.picture``).
"""

import io
import random

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
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
GRASS = [((46, 125, 50), (67, 160, 71)), ((27, 94, 32), (56, 142, 60))]
WHITE = (245, 245, 240)


def _gradient(draw, width, height, top, bottom, until=None):
    until = until or height
    for y in range(until):
        t = y / until
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )


def _sunset(rng, draw, width, height):
    sky, accent = rng.choice(PALETTES)
    _gradient(
        draw,
        width,
        height,
        sky,
        tuple(int(s + (a - s) * 0.6) for s, a in zip(sky, accent, strict=True)),
    )
    sun = rng.randint(60, 140)
    cx, cy = rng.randint(sun, width - sun), rng.randint(sun, height // 2)
    draw.ellipse([cx - sun, cy - sun, cx + sun, cy + sun], fill=accent)
    horizon = rng.randint(height // 2, height * 3 // 4)
    points = [(0, height)] + [
        (x, horizon - rng.randint(0, 140)) for x in range(0, width + 100, 100)
    ]
    draw.polygon([*points, (width, height)], fill=tuple(c // 3 for c in sky))


def _skyline(rng, draw, width, height):
    sky, accent = rng.choice(PALETTES)
    _gradient(draw, width, height, sky, accent)
    x = -rng.randint(0, 40)
    while x < width:
        w, h = rng.randint(50, 130), rng.randint(120, int(height * 0.75))
        body = tuple(c // 4 + 10 for c in sky)
        draw.rectangle([x, height - h, x + w, height], fill=body)
        if rng.random() < 0.3:  # a mast on a tall building
            draw.line([(x + w // 2, height - h), (x + w // 2, height - h - 40)], fill=body, width=4)
        for wy in range(height - h + 14, height - 10, 22):
            for wx in range(x + 8, x + w - 12, 18):
                if rng.random() < 0.45:
                    draw.rectangle([wx, wy, wx + 8, wy + 10], fill=accent)
        x += w + rng.randint(2, 20)


def _facade(rng, draw, width, height):
    sky, stone = rng.choice(PALETTES)[0], (226, 220, 205)
    _gradient(draw, width, height, (120, 170, 210), (200, 225, 240))
    left, right, top = width // 6, width * 5 // 6, height // 3
    draw.polygon([(left - 30, top), (width // 2, top - 110), (right + 30, top)], fill=stone)
    draw.rectangle([left - 30, top, right + 30, top + 30], fill=(205, 198, 180))
    columns = rng.randint(6, 9)
    step = (right - left) // (columns - 1)
    for n in range(columns):
        cx = left + n * step
        draw.rectangle([cx - 16, top + 30, cx + 16, height - 90], fill=stone)
    draw.rectangle([left, top + 30, right, height - 90], outline=(190, 182, 165))
    for n in range(4):  # steps
        draw.rectangle(
            [left - 60 - n * 25, height - 90 + n * 22, right + 60 + n * 25, height],
            fill=(215 - n * 10,) * 3,
        )
    pole = right + 80
    draw.line([(pole, top - 60), (pole, height - 90)], fill=(80, 80, 80), width=5)
    draw.rectangle([pole, top - 60, pole + 90, top - 5], fill=sky)


def _chart(rng, draw, width, height):
    background, line = rng.choice([((250, 250, 247), (0, 91, 150)), ((18, 30, 48), (250, 190, 40))])
    draw.rectangle([0, 0, width, height], fill=background)
    grid = tuple(min(255, c + 30) if sum(background) < 300 else c - 25 for c in background)
    for y in range(80, height - 60, 70):
        draw.line([(80, y), (width - 40, y)], fill=grid, width=2)
    bars, x = rng.randint(14, 24), 90
    bar_width = (width - 140) // bars
    value, points = rng.uniform(0.4, 0.6), []
    for _ in range(bars):
        value = min(0.95, max(0.1, value + rng.uniform(-0.12, 0.14)))
        bar_height = int(rng.uniform(0.1, 0.3) * (height - 200))
        draw.rectangle([x, height - 60 - bar_height, x + bar_width - 8, height - 60], fill=grid)
        points.append((x + bar_width // 2, int(height - 60 - value * (height - 160))))
        x += bar_width
    draw.line(points, fill=line, width=7, joint="curve")
    last = points[-1]
    draw.ellipse([last[0] - 12, last[1] - 12, last[0] + 12, last[1] + 12], fill=line)
    draw.line([(80, height - 60), (width - 40, height - 60)], fill=line, width=3)


def _roadmap(rng, draw, width, height):
    draw.rectangle([0, 0, width, height], fill=(238, 234, 222))
    for _ in range(rng.randint(3, 6)):  # parks and a dam
        x, y = rng.randint(0, width), rng.randint(0, height)
        draw.ellipse(
            [x - 90, y - 60, x + 90, y + 60], fill=rng.choice([(200, 225, 190), (170, 205, 230)])
        )
    for _ in range(14):
        if rng.random() < 0.5:
            y = rng.randint(0, height)
            draw.line([(0, y), (width, y + rng.randint(-80, 80))], fill=WHITE, width=10)
        else:
            x = rng.randint(0, width)
            draw.line([(x, 0), (x + rng.randint(-120, 120), height)], fill=WHITE, width=10)
    route = [(-20, rng.randint(100, height - 100))]
    for x in range(150, width + 150, 150):
        route.append((x, route[-1][1] + rng.randint(-90, 90)))
    draw.line(route, fill=(245, 180, 40), width=26, joint="curve")
    draw.line(route, fill=(255, 214, 102), width=16, joint="curve")
    px, py = route[len(route) // 2]
    draw.ellipse([px - 26, py - 90, px + 26, py - 38], fill=(214, 40, 40))
    draw.polygon([(px - 22, py - 58), (px + 22, py - 58), (px, py - 10)], fill=(214, 40, 40))
    draw.ellipse([px - 10, py - 74, px + 10, py - 54], fill=WHITE)


def _weather(rng, draw, width, height):
    wet = rng.random() < 0.6
    top, bottom = ((90, 100, 115), (150, 160, 170)) if wet else ((40, 120, 200), (150, 200, 240))
    _gradient(draw, width, height, top, bottom)
    if not wet:
        cx, cy = rng.randint(200, width - 200), rng.randint(120, 260)
        draw.ellipse([cx - 110, cy - 110, cx + 110, cy + 110], fill=(255, 210, 60))
    cloud = (200, 204, 210) if wet else (250, 250, 250)
    for _ in range(rng.randint(3, 6)):
        cx, cy = rng.randint(0, width), rng.randint(60, height // 2)
        for dx, dy, r in [(-90, 20, 70), (0, 0, 100), (100, 25, 75), (40, 40, 80)]:
            draw.ellipse([cx + dx - r, cy + dy - r, cx + dx + r, cy + dy + r], fill=cloud)
    if wet:
        for _ in range(260):
            x, y = rng.randint(0, width), rng.randint(height // 3, height)
            draw.line([(x, y), (x - 10, y + 34)], fill=(210, 225, 240), width=3)
    draw.rectangle([0, height - 60, width, height], fill=(70, 80, 70))


def _circuit(rng, draw, width, height):
    board, trace = rng.choice([((16, 70, 50), (200, 170, 80)), ((20, 30, 70), (90, 200, 230))])
    draw.rectangle([0, 0, width, height], fill=board)
    for _ in range(40):
        x, y = rng.randrange(0, width, 30), rng.randrange(0, height, 30)
        points = [(x, y)]
        for _ in range(rng.randint(2, 4)):
            if rng.random() < 0.5:
                x += rng.choice([-1, 1]) * rng.randrange(60, 300, 30)
            else:
                y += rng.choice([-1, 1]) * rng.randrange(60, 200, 30)
            points.append((x, y))
        draw.line(points, fill=trace, width=5)
        draw.ellipse([x - 9, y - 9, x + 9, y + 9], outline=trace, width=4)
    cx, cy = width // 2 + rng.randint(-200, 200), height // 2 + rng.randint(-80, 80)
    draw.rectangle([cx - 120, cy - 120, cx + 120, cy + 120], fill=(30, 30, 34))
    for n in range(-100, 101, 25):
        for a, b in [
            ((cx + n, cy - 120), (cx + n, cy - 145)),
            ((cx + n, cy + 120), (cx + n, cy + 145)),
        ]:
            draw.line([a, b], fill=(190, 190, 190), width=6)


def _grass(rng, draw, width, height, top=0):
    light, dark = rng.choice(GRASS)
    stripe = 80
    for n, x in enumerate(range(0, width, stripe)):
        draw.rectangle([x, top, x + stripe, height], fill=light if n % 2 else dark)


def _pitch(rng, draw, width, height):
    _grass(rng, draw, width, height)
    m, line = 50, 5
    draw.rectangle([m, m, width - m, height - m], outline=WHITE, width=line)
    draw.line([(width // 2, m), (width // 2, height - m)], fill=WHITE, width=line)
    r = 90
    draw.ellipse(
        [width // 2 - r, height // 2 - r, width // 2 + r, height // 2 + r],
        outline=WHITE,
        width=line,
    )
    for left in (True, False):
        x0 = m if left else width - m - 160
        draw.rectangle(
            [x0, height // 2 - 170, x0 + 160, height // 2 + 170], outline=WHITE, width=line
        )
        gx = m - 25 if left else width - m
        draw.rectangle([gx, height // 2 - 50, gx + 25, height // 2 + 50], outline=WHITE, width=line)
    players = [(230, 57, 70), (250, 250, 250)]
    for n in range(12):
        x, y = rng.randint(m + 20, width - m - 20), rng.randint(m + 20, height - m - 20)
        draw.ellipse([x - 11, y - 11, x + 11, y + 11], fill=players[n % 2])
    bx, by = rng.randint(200, width - 200), rng.randint(150, height - 150)
    draw.ellipse([bx - 7, by - 7, bx + 7, by + 7], fill=(255, 255, 255), outline=(0, 0, 0))


def _posts(rng, draw, width, height):
    _gradient(draw, width, height, (90, 150, 210), (190, 215, 235), until=height // 3)
    stand = tuple(rng.randint(30, 90) for _ in range(3))
    draw.rectangle([0, height // 5, width, height // 3 + 20], fill=stand)
    for _ in range(500):  # the crowd
        x, y = rng.randint(0, width), rng.randint(height // 5 + 5, height // 3 + 15)
        draw.point((x, y), fill=rng.choice([(240, 200, 60), (220, 220, 220), (30, 120, 60)]))
    _grass(rng, draw, width, height, top=height // 3 + 20)
    cx, base = width // 2 + rng.randint(-200, 200), height - 80
    for side in (-1, 1):
        x = cx + side * 110
        draw.rectangle([x - 7, 40, x + 7, base], fill=WHITE)
        draw.rectangle(
            [x - 16, base - 160, x + 16, base], fill=rng.choice([(20, 90, 170), (200, 30, 40)])
        )
    draw.rectangle([cx - 110, base - 230, cx + 110, base - 220], fill=WHITE)
    draw.line([(60, height - 40), (width - 60, height - 40)], fill=WHITE, width=6)


def _scoreboard(rng, draw, width, height):
    _gradient(draw, width, height, (100, 160, 220), (200, 225, 240), until=height // 3)
    _grass(rng, draw, width, height, top=height // 3)
    draw.ellipse([-200, height // 3 + 30, width + 200, height + 400], outline=WHITE, width=4)
    draw.rectangle(
        [width // 2 - 40, height // 2 + 40, width // 2 + 40, height], fill=(214, 196, 150)
    )
    board = [width // 2 - 330, 40, width // 2 + 330, height // 2 - 10]
    draw.rectangle(board, fill=(20, 24, 28), outline=(90, 90, 90), width=6)
    font = ImageFont.load_default(size=72)
    runs, wickets, overs = rng.randint(120, 360), rng.randint(1, 9), rng.randint(20, 50)
    draw.text(
        (board[0] + 40, board[1] + 30), f"SA {runs}/{wickets}", fill=(255, 200, 40), font=font
    )
    small = ImageFont.load_default(size=44)
    draw.text(
        (board[0] + 40, board[1] + 130),
        f"Overs {overs}.{rng.randint(0, 5)}",
        fill=WHITE,
        font=small,
    )


def _track(rng, draw, width, height):
    _grass(rng, draw, width, height)
    box = [120, 110, width - 120, height - 110]
    draw.rounded_rectangle(box, radius=200, outline=(70, 70, 75), width=90)
    for n in range(0, 360, 12):  # red and white kerbs on the inside line
        draw.arc(
            [box[0] + 45, box[1] + 45, box[2] - 45, box[3] - 45],
            n,
            n + 6,
            fill=(210, 30, 30),
            width=10,
        )
    for n in range(8):  # the start line, chequered
        colour = WHITE if n % 2 else (20, 20, 20)
        draw.rectangle(
            [width // 2, box[3] - 90 + n * 11, width // 2 + 11, box[3] - 79 + n * 11], fill=colour
        )
    for n in range(rng.randint(3, 6)):
        x = width // 2 - 80 - n * 70
        draw.rounded_rectangle(
            [x, box[3] - 70, x + 50, box[3] - 40], radius=8, fill=rng.choice(PALETTES)[1]
        )


KINDS = {
    "skyline": _skyline,
    "chart": _chart,
    "pitch": _pitch,
    "posts": _posts,
    "scoreboard": _scoreboard,
    "facade": _facade,
    "roadmap": _roadmap,
    "weather": _weather,
    "circuit": _circuit,
    "track": _track,
    "sunset": _sunset,
}


def draw_picture(rng: random.Random, width=1200, height=675, kind: str = "sunset") -> bytes:
    """Draw a scene of ``kind`` (one of ``KINDS``) and return it as JPEG bytes."""
    picture = PILImage.new("RGB", (width, height))
    KINDS[kind](rng, ImageDraw.Draw(picture), width, height)
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=78, optimize=True)
    return out.getvalue()


def kind_of(position: int) -> str:
    """The kind of the demo's picture at ``position`` (0-based): every kind in turn."""
    return list(KINDS)[position % len(KINDS)]


def pictures_by_kind(pictures: list[Image]) -> dict[str, list[Image]]:
    """``create_pictures``' pictures grouped by kind (a kind without one gets them all)."""
    grouped = {kind: [] for kind in KINDS}
    for position, picture in enumerate(pictures):
        grouped[kind_of(position)].append(picture)
    return {kind: found or list(pictures) for kind, found in grouped.items()}


def create_pictures(rng: random.Random, count: int, *, title_prefix: str) -> list[Image]:
    pictures = []
    for number in range(1, count + 1):
        kind = kind_of(number - 1)
        data = draw_picture(rng, kind=kind)
        name = f"{title_prefix.lower().replace(' ', '-')}-{number:03d}-{kind}.jpg"
        pictures.append(
            Image.objects.create(
                title=f"{title_prefix} {number} ({kind})",
                file=ImageFile(io.BytesIO(data), name=name),
            )
        )
    return pictures
